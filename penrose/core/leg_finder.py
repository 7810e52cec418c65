"""Finding a diagram's open legs by name, by position in ``d.legs`` or by :class:`~penrose.model.Leg`."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .errors import DiagramError
from .legs import Leg
from .network import Network, Port

__all__ = ["LegFinder", "LegSpec"]

LegSpec = str | int | Leg
#: Legs found by scanning the open ports before an index of them is built (a join of many pairs builds it).
SCANNED_LOOKUPS = 8


class LegFinder:
    """Finds the open legs of ``network`` (a diagram's first term) by name, position or :class:`Leg`.

    Its indexes are built once, when first needed; ``describe`` names the diagram in messages.
    """

    def __init__(self, network: Network, describe: Callable[[], str]) -> None:
        self.describe = describe
        self.network = network
        self.ports = self.network.open_ports
        self._positions: dict[Port, int] | None = None
        self._names: dict[str, list[int]] | None = None
        self._lookups = 0  # (a few legs are found by scanning; many, through an index built once)

    def index(self, spec: LegSpec) -> int:
        """The position in ``d.legs`` of the leg ``spec`` names; a DiagramError naming the open legs if none."""
        count = len(self.ports)
        if isinstance(spec, Leg):
            self._lookups += 1
            if self._positions is None and self._lookups > SCANNED_LOOKUPS:
                self._positions = {port: k for k, port in enumerate(self.ports)}
            k = self._position((spec.node, spec.name)) if spec.node is not None else None
            if k is not None and self.network.leg(self.ports[k]) == spec:
                return k
            matches = [k for k, port in enumerate(self.ports) if self.network.leg(port) == spec][:1]
        elif isinstance(spec, (int, np.integer)) and not isinstance(spec, bool):
            if -count <= spec < count:
                return int(spec) % count
            raise DiagramError(
                f"{self.describe()} has {count} open legs, so there is no leg number {spec}; "
                f"open legs: {self.listing()}"
            )
        elif isinstance(spec, str):
            if self._names is None:
                self._names = {}
                for k, (_, name) in enumerate(self.ports):
                    self._names.setdefault(name, []).append(k)
            matches = self._names.get(spec, [])
            if not matches and "." in spec:  # "A_3.p": leg p of the box named A_3
                box, _, leg = spec.rpartition(".")
                nodes = self.network.nodes
                matches = [
                    k for k, (position, name) in enumerate(self.ports) if name == leg and nodes[position].name == box
                ]
            if len(matches) > 1:
                raise DiagramError(
                    f"{self.describe()} has {len(matches)} open legs named {spec!r}; name one as 'box.leg' "
                    f"(e.g. 'A_3.p'), by its position in d.legs, or pass d.legs[k] itself ({self.listing()})"
                )
        else:
            raise DiagramError(f"a leg is named by a string, a position in d.legs or a Leg; got {spec!r}")
        if not matches:
            raise DiagramError(f"{self.describe()} has no open leg {spec!r}; its open legs are: {self.listing()}")
        return matches[0]

    def _position(self, port: Port) -> int | None:
        """Where ``port`` is among the open ports: by the index once built, else by a scan (in C, no dict to build:
        a grid joined one line at a time finds two legs per call among thousands)."""
        if self._positions is not None:
            return self._positions.get(port)
        try:
            return self.ports.index(port)
        except ValueError:
            return None

    def listing(self) -> str:
        legs = self.network.open_legs
        nodes = self.network.nodes
        text = ", ".join(
            f"{k}: {leg.name}[{leg.dim}] {leg.side} of node {leg.node}"
            + (f" ({nodes[leg.node].name}.{leg.name})" if leg.node is not None and nodes[leg.node].name else "")
            for k, leg in enumerate(legs)
        )
        return text or "none"
