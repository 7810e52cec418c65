"""Networks: boxes, the lines joining their legs, and the legs left open.

A :class:`Network` is one term of a diagram: an immutable list of nodes, the bonds
between their legs, and the open legs grouped by side (W, E, N, S), each group in
order (top to bottom, or left to right). Legs are addressed by *ports*:
``(position of the node in the network, leg name)``. Every operation returns a new
network; nothing here evaluates or draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import networkx as nx

from .errors import DiagramError
from .growing import extended
from .legs import SIDES, Leg, flow_sides
from .nodes import Node, kind_of

__all__ = [
    "COMPOSED_SIDES",
    "JOINERS",
    "Network",
    "Port",
    "compose",
    "conjugate",
    "dagger",
    "dims_agree",
    "from_subscripts",
    "join",
    "join_all",
    "juxtapose",
    "juxtapose_all",
    "single",
    "trace",
]

Port = tuple[int, str]
_SIDE_INDEX = {side: k for k, side in enumerate(SIDES)}


@dataclass(frozen=True, eq=False)
class Network:
    """Nodes, bonds (pairs of ports) and open ports per side, in the order W, E, N, S."""

    nodes: Sequence[Node]  # (a tuple, or a GrowingTuple when built by @ and &)
    bonds: Sequence[tuple[Port, Port]]
    open: tuple[Sequence[Port], Sequence[Port], Sequence[Port], Sequence[Port]]
    _legs: dict[Port, Leg] = field(default_factory=dict, repr=False, compare=False)

    def leg(self, port: Port) -> Leg:
        """The leg at ``port``, with ``node`` set to its box's position."""
        found = self._legs.get(port)
        if found is None:
            position, name = port
            for leg in self.nodes[position].legs:
                if leg.name == name:
                    found = replace(leg, node=position)
                    self._legs[port] = found
                    break
            else:  # pragma: no cover - ports are only made from existing legs
                raise KeyError(port)
        return found

    @cached_property
    def partners(self) -> dict[Port, Port]:
        """Each joined port's partner, both ways round (a port joined to nothing is not in it)."""
        found: dict[Port, Port] = {}
        for first, second in self.bonds:
            found[first], found[second] = second, first
        return found

    @cached_property
    def neighbours(self) -> tuple[frozenset[int], ...]:
        """Each box's partners: the other boxes a line joins it to (a line from a box to itself left out)."""
        found: list[set[int]] = [set() for _ in self.nodes]
        for (first, _), (second, _) in self.bonds:
            if first != second:
                found[first].add(second)
                found[second].add(first)
        return tuple(frozenset(partners) for partners in found)

    @cached_property
    def open_ports(self) -> tuple[Port, ...]:
        """All open ports in the order of ``Diagram.legs``: W, then E, N, S."""
        return self.open[0] + self.open[1] + self.open[2] + self.open[3]

    @property
    def open_legs(self) -> tuple[Leg, ...]:
        return tuple(self.leg(port) for port in self.open_ports)

    def side(self, side: str) -> tuple[Port, ...]:
        return self.open[_SIDE_INDEX[side]]

    @property
    def kind(self) -> str:
        return kind_of([side for side, ports in zip(SIDES, self.open) if ports])

    def signature(self) -> tuple[tuple[int | None, ...], ...]:
        """The dimensions of the open legs, side by side: what a sum must agree on."""
        return tuple(tuple(self.leg(port).dim for port in ports) for ports in self.open)

    def describe(self) -> str:
        """A short phrase for messages: ``ket 'ψ'`` or ``operator of 3 boxes (A, B, C)``."""
        if len(self.nodes) == 1:
            return self.nodes[0].describe()
        names = [node.name if node.name is not None else "?" for node in self.nodes]
        shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
        return f"{self.kind} of {len(self.nodes)} boxes ({shown})"

    def describe_legs(self) -> str:
        """The open legs side by side, e.g. ``W: i[4]; E: j[2]``, or ``no open legs``."""
        parts = []
        for side, ports in zip(SIDES, self.open):
            if ports:
                legs = ", ".join(f"{self.leg(p).name}[{_dim(self.leg(p).dim)}]" for p in ports)
                parts.append(f"{side}: {legs}")
        return "; ".join(parts) if parts else "no open legs"

    def graph(self) -> nx.MultiGraph:
        """The network as a ``networkx.MultiGraph``.

        Boxes are the nodes ``0, 1, …`` (attributes ``name``, ``kind``, ``legs``, ``shape``,
        ``symbolic``, ``daggered``); each open leg is a node ``("open", k)`` with
        ``kind="open"``, joined to its box. Every edge has ``legs`` (the leg names at
        each end, in the order of the edge's nodes) and ``dim``.
        """
        graph = nx.MultiGraph()
        for position, node in enumerate(self.nodes):
            graph.add_node(
                position,
                name=node.name,
                kind=node.kind,
                legs=node.legs,
                shape=node.shape,
                symbolic=node.symbolic,
                daggered=node.daggered,
            )
        for (a, leg_a), (b, leg_b) in self.bonds:
            graph.add_edge(a, b, legs=(leg_a, leg_b) if a <= b else (leg_b, leg_a), dim=self.leg((a, leg_a)).dim)
        for k, port in enumerate(self.open_ports):
            leg = self.leg(port)
            graph.add_node(("open", k), kind="open", name=leg.name, side=leg.side, dim=leg.dim)
            graph.add_edge(port[0], ("open", k), legs=(leg.name, None), dim=leg.dim)
        return graph


def _dim(dim: int | None) -> str:
    return "?" if dim is None else str(dim)


def dims_agree(a: int | None, b: int | None) -> bool:
    """Dimensions agree when equal, or when either is unknown (a symbolic leg)."""
    return a is None or b is None or a == b


def single(node: Node) -> Network:
    """A network of one box, its legs all open in declaration order."""
    groups: list[list[Port]] = [[], [], [], []]
    for leg in node.legs:
        groups[_SIDE_INDEX[leg.side]].append((0, leg.name))
    return Network((node,), (), tuple(tuple(g) for g in groups))  # type: ignore[arg-type]


def _shift(ports: Sequence[Port], offset: int) -> tuple[Port, ...]:
    return tuple((position + offset, name) for position, name in ports)


def juxtapose(a: Network, b: Network) -> Network:
    """``a`` and ``b`` side by side with no line joined: the tensor product (``a``'s lists grown in place when
    nothing else grew them, so a chain of n products costs O(n): :mod:`penrose.core.growing`)."""
    offset = len(a.nodes)
    bonds = extended(a.bonds, (((p + offset, m), (q + offset, n)) for (p, m), (q, n) in b.bonds))
    groups = tuple(extended(ga, _shift(gb, offset)) if gb else ga for ga, gb in zip(a.open, b.open))
    return Network(extended(a.nodes, b.nodes), bonds, groups)  # type: ignore[arg-type]


def juxtapose_all(networks: Sequence[Network]) -> Network:
    """The networks side by side, in order, with no line joined: the tensor product of many, in one pass."""
    nodes: list[Node] = []
    bonds: list[tuple[Port, Port]] = []
    groups: list[list[Port]] = [[], [], [], []]
    for network in networks:
        offset = len(nodes)
        nodes.extend(network.nodes)
        bonds.extend(((p + offset, m), (q + offset, n)) for (p, m), (q, n) in network.bonds)
        for group, ports in zip(groups, network.open):
            group.extend(_shift(ports, offset))
    return Network(tuple(nodes), tuple(bonds), tuple(tuple(g) for g in groups))  # type: ignore[arg-type]


#: What ``a @ b`` joins: ``a``'s E legs to ``b``'s W legs (``b`` drawn right of ``a``); when there are none of
#: those, ``a``'s N legs to ``b``'s S legs (``b`` drawn above ``a``: an MPO applied to an MPS, a bra row under a
#: ket row). One pair of sides at a time, so that a row built box by box with ``@`` joins only its bonds.
COMPOSED_SIDES = (("E", "W"), ("N", "S"))


def compose(a: Network, b: Network) -> Network:
    """``a @ b``: join ``a``'s open E legs to ``b``'s open W legs in order; with none, its N legs to ``b``'s S legs.

    When nothing faces anything there is nothing to join and the two are juxtaposed (so
    ``ket @ bra`` is an operator, ``ket @ ket`` a product state); when both are states or
    operators that would face each other in another order or orientation (``mps @ mpo``,
    ``mps.dag @ H`` with ``H`` drawn left to right) that is refused with the legs named.
    """
    pairs: list[tuple[Port, Port]] = []
    offset = len(a.nodes)
    joined_sides = ("", "")
    for left_side, right_side in COMPOSED_SIDES:
        east, west = a.side(left_side), b.side(right_side)
        if not east or not west:
            continue
        if len(east) != len(west):
            raise DiagramError(
                f"cannot compose {a.describe()} @ {b.describe()}: the left one has {len(east)} open "
                f"{left_side} leg{'s' if len(east) != 1 else ''} [{_names(a, east)}] but the right one has "
                f"{len(west)} open {right_side} leg{'s' if len(west) != 1 else ''} [{_names(b, west)}]; "
                f"@ joins {left_side} legs to {right_side} legs one to one, so the counts must match "
                "(use pn.connect to join chosen legs)"
            )
        for k, (left, right) in enumerate(zip(east, west)):
            dim_left, dim_right = a.leg(left).dim, b.leg(right).dim
            if not dims_agree(dim_left, dim_right):
                raise DiagramError(
                    f"cannot compose {a.describe()} @ {b.describe()}: {left_side} leg {left[1]!r} "
                    f"(position {k}) has dimension {dim_left} but the {right_side} leg {right[1]!r} it would join "
                    f"has dimension {dim_right}; only legs of equal dimension can be joined"
                )
        pairs.extend(zip(east, _shift(west, offset)))
        joined_sides = (left_side, right_side)
        break
    if not pairs:
        _check_juxtaposable(a, b)
        return juxtapose(a, b)
    # every leg of the two joined sides is taken (the counts matched): those groups go, the others grow
    left_side, right_side = joined_sides
    groups = tuple(
        _grown(() if side == left_side else ga, () if side == right_side else gb, offset)
        for side, ga, gb in zip(SIDES, a.open, b.open)
    )
    nodes = extended(a.nodes, b.nodes)
    bonds = extended(a.bonds, (((p + offset, m), (q + offset, n)) for (p, m), (q, n) in b.bonds))
    return Network(nodes, extended(bonds, pairs), groups)  # type: ignore[arg-type]


def _grown(head: Sequence[Port], tail: Sequence[Port], offset: int) -> Sequence[Port]:
    """``head`` then ``tail``'s ports shifted by ``offset``; ``head`` itself when ``tail`` is empty."""
    return extended(head, _shift(tail, offset)) if tail else head


#: What each product operator does to two networks: ``@`` composes, ``&`` juxtaposes (the tensor product).
JOINERS = {"@": compose, "&": juxtapose}


def _check_juxtaposable(a: Network, b: Network) -> None:
    """Refuse ``a @ b`` that joins nothing where a line was surely meant: both are states or operators, and the
    result is not an outer product ``|ψ⟩⟨φ|`` or a product of kets (or of bras)."""
    kinds = (a.kind, b.kind)
    if not set(kinds) <= {"ket", "bra", "operator"} or kinds in (("ket", "ket"), ("ket", "bra"), ("bra", "bra")):
        return
    raise DiagramError(
        f"{a.describe()} @ {b.describe()} joins no line: @ joins the left factor's E legs to the right one's W legs "
        f"and its N legs to the right one's S legs, but the left has {a.describe_legs()} and the right "
        f"{b.describe_legs()}; swap the factors, turn one with .dag, build both facing the same way "
        "(left to right, or top to bottom as an MPS and an MPO are), or join chosen legs with pn.connect"
    )


def _names(network: Network, ports: Sequence[Port]) -> str:
    return ", ".join(f"{network.leg(p).name}:{_dim(network.leg(p).dim)}" for p in ports)


def join(network: Network, first: Port, second: Port, what: str = "join") -> Network:
    """Join two open legs of one network with a line (dimensions must agree)."""
    return join_all(network, [(first, second)], what)


def join_all(network: Network, pairs: Sequence[tuple[Port, Port]], what: str = "join") -> Network:
    """Join pairs of open legs of one network with lines, in one pass (dimensions must agree, no leg twice)."""
    taken: set[Port] = set()
    for first, second in pairs:
        if first == second:
            raise DiagramError(f"cannot {what} leg {first[1]!r} of {network.describe()} to itself")
        for port in (first, second):
            if port in taken:
                raise DiagramError(
                    f"cannot {what} leg {port[1]!r} of {network.nodes[port[0]].describe()} twice; "
                    "each leg joins one line"
                )
            taken.add(port)
        leg_a, leg_b = network.leg(first), network.leg(second)
        if not dims_agree(leg_a.dim, leg_b.dim):
            raise DiagramError(
                f"cannot {what} {leg_a.describe()} of {network.nodes[first[0]].describe()} to "
                f"{leg_b.describe()} of {network.nodes[second[0]].describe()}: dimensions "
                f"{leg_a.dim} and {leg_b.dim} differ; only legs of equal dimension can be joined"
            )
    return Network(network.nodes, extended(network.bonds, pairs), _without(network, taken))  # type: ignore[arg-type]


#: Legs a join cuts out where they sit (each a scan of its side's group); more are filtered in one pass.
CUT_OUT = 8


def _without(network: Network, taken: set[Port]) -> tuple[Sequence[Port], ...]:
    """The open groups without the ``taken`` ports: a few cut out where they sit (each in its side's group), many
    filtered in one pass."""
    groups = list(network.open)
    if len(taken) > CUT_OUT:
        return tuple(tuple(p for p in ports if p not in taken) for ports in groups)
    for port in taken:
        side = _SIDE_INDEX[network.leg(port).side]
        group = groups[side]
        try:
            k = group.index(port)
        except ValueError:  # (not in its side's group: filtered from every group instead)
            return tuple(tuple(p for p in ports if p not in taken) for ports in network.open)
        groups[side] = (*group[:k], *group[k + 1 :])
    return tuple(groups)


def dagger(network: Network) -> Network:
    """The adjoint picture: every box mirrored left to right (W↔E) and conjugated.

    A network whose open legs are all on its top and bottom (an MPS, an MPO: see
    :func:`~penrose.core.legs.flow_sides`) is mirrored top to bottom instead, as its adjoint is drawn.
    """
    if flow_sides(side for side, ports in zip(SIDES, network.open) if ports) == ("S", "N"):
        return conjugate(network)
    nodes = tuple(node.dagger() for node in network.nodes)
    west, east, north, south = network.open
    return Network(nodes, network.bonds, (east, west, north, south))


def conjugate(network: Network) -> Network:
    """The conjugate picture: every box mirrored top to bottom (N↔S) and conjugated."""
    nodes = tuple(node.conjugate() for node in network.nodes)
    west, east, north, south = network.open
    return Network(nodes, network.bonds, (west, east, south, north))


def trace(network: Network) -> Network:
    """Join each open E leg to the open W leg at the same position: a loop (N to S, drawn top to bottom)."""
    outputs, inputs = flow_sides(side for side, ports in zip(SIDES, network.open) if ports)
    west, east = network.side(outputs), network.side(inputs)
    if len(west) != len(east) or not west:
        raise DiagramError(
            f"cannot trace {network.describe()}: it has {len(west)} open {outputs} leg(s) "
            f"[{_names(network, west)}] and {len(east)} open {inputs} leg(s) [{_names(network, east)}]; "
            f"a trace joins each {inputs} leg to the {outputs} leg at the same position, so it needs an "
            "operator with as many legs out as in (on the left as on the right, or below as above)"
        )
    for left, right in zip(east, west):
        network = join(network, left, right, what="trace")
    return network


def renamed(network: Network, names: dict[Port, str]) -> Network:
    """``network`` with the legs at ``names``' ports renamed (each box's leg names must stay distinct)."""
    nodes = list(network.nodes)
    for position, node in enumerate(network.nodes):
        legs = tuple(replace(leg, name=names.get((position, leg.name), leg.name)) for leg in node.legs)
        if len({leg.name for leg in legs}) != len(legs):
            return network  # (two legs of one box would share a name: keep them as they were)
        nodes[position] = replace(node, legs=legs)

    def port(value: Port) -> Port:
        return (value[0], names.get(value, value[1]))

    bonds = tuple((port(a), port(b)) for a, b in network.bonds)
    groups = tuple(tuple(port(p) for p in group) for group in network.open)
    return Network(tuple(nodes), bonds, groups)  # type: ignore[arg-type]


def from_subscripts(nodes: Sequence[Node], subscripts: Sequence[str], output: str) -> Network:
    """Wire boxes by einsum subscripts: one symbol per leg, in each node's leg order.

    A symbol on two legs is a line between them; a symbol in ``output`` is an open leg,
    and the open legs are listed in ``output``'s order within each side. Symbols must
    appear at most twice in all (inputs and output together); the caller checks that.
    """
    ports: dict[str, list[Port]] = {}
    for position, (node, symbols) in enumerate(zip(nodes, subscripts)):
        for symbol, leg in zip(symbols, node.legs):
            ports.setdefault(symbol, []).append((position, leg.name))
    bonds = tuple((found[0], found[1]) for symbol, found in ports.items() if symbol not in output and len(found) == 2)
    groups: dict[str, list[Port]] = {side: [] for side in SIDES}
    for symbol in output:
        port = ports[symbol][0]
        groups[nodes[port[0]].sides[port[1]]].append(port)
    return Network(tuple(nodes), bonds, tuple(tuple(groups[side]) for side in SIDES))  # type: ignore[arg-type]
