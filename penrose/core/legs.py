"""Legs: the lines that leave a box, each with a name, a dimension and a side."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .errors import DiagramError

__all__ = ["SIDES", "Leg", "flow_sides", "normalize_side", "unique_name"]

#: The four sides a leg can leave its box from, in the order open legs are listed.
SIDES: tuple[str, ...] = ("W", "E", "N", "S")


def flow_sides(sides: Iterable[str]) -> tuple[str, str]:
    """``(outputs, inputs)``: the sides a diagram's outputs and inputs are on, read off its open legs' sides.

    Drawn left to right (the notation's own way) a ket's legs are on the left and a bra's on the
    right: ``("W", "E")``. A diagram whose open legs are all on its top and bottom is drawn top to
    bottom, as an MPS (physical legs down) and an MPO are: its outputs point down, its inputs up,
    ``("S", "N")``; so an MPS is a ket, its adjoint a bra and an MPO an operator.

    >>> flow_sides("WE"), flow_sides("SSS"), flow_sides("NS"), flow_sides("WS")
    (('W', 'E'), ('S', 'N'), ('S', 'N'), ('W', 'E'))
    """
    present = set(sides)
    return ("S", "N") if present and present <= {"N", "S"} else ("W", "E")


_SIDE_WORDS = {
    "W": "W",
    "WEST": "W",
    "LEFT": "W",
    "E": "E",
    "EAST": "E",
    "RIGHT": "E",
    "N": "N",
    "NORTH": "N",
    "UP": "N",
    "TOP": "N",
    "S": "S",
    "SOUTH": "S",
    "DOWN": "S",
    "BOTTOM": "S",
}


def normalize_side(side: object, *, leg: str = "?", owner: str = "a node") -> str:
    """Return ``side`` as one of ``"W"``, ``"E"``, ``"N"``, ``"S"`` (``"left"`` etc. accepted)."""
    if isinstance(side, str) and side.strip().upper() in _SIDE_WORDS:
        return _SIDE_WORDS[side.strip().upper()]
    raise DiagramError(
        f"leg {leg!r} of {owner} has side {side!r}, which is not a side of a box; "
        "use 'W' (left), 'E' (right), 'N' (up) or 'S' (down)"
    )


@dataclass(frozen=True)
class Leg:
    """One leg of a box: its ``name``, its dimension ``dim`` and the ``side`` it leaves from.

    In ``Diagram.legs`` a leg also carries ``node``, the position of its box in the
    diagram, so that two legs of the same name on different boxes stay distinct and
    can be passed to :func:`penrose.connect`.

    >>> Leg("i", 4, "W")
    Leg('i', dim=4, side='W')
    """

    name: str
    dim: int | None
    side: str
    node: int | None = None

    def __repr__(self) -> str:
        where = "" if self.node is None else f", node={self.node}"
        return f"Leg({self.name!r}, dim={self.dim}, side={self.side!r}{where})"

    def describe(self) -> str:
        """A short phrase for messages: ``leg 'i' (dim 4, side W)``."""
        dim = "?" if self.dim is None else self.dim
        return f"leg {self.name!r} (dim {dim}, side {self.side})"


def unique_name(name: str, used: set[str]) -> str:
    """``name``, primed (``i'``, ``i''``) until it is not in ``used``; the result is added to ``used``.

    A box needs distinct leg names: an einsum operand ``"ii"`` gets legs ``i`` and ``i'``.
    """
    while name in used:
        name += "'"
    used.add(name)
    return name
