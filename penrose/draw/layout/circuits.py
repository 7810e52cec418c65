"""Circuits: a network of operators (legs on the left and right only) drawn with one straight wire per qubit.

A gate's k-th left leg and k-th right leg carry the same wire, so wires can be followed
from the circuit's open left legs through every gate. Each wire gets its own row, each
gate a column after every gate that feeds it, and a gate on several wires is one tall box
spanning them, its legs exactly on its wires' rows: every wire is a straight line.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import replace

import networkx as nx
import numpy as np

from ...core.network import Network, Port
from ...core.nodes import Node
from ..themes import Theme
from .geometry import PlacedBox, centres, grid_step
from .placement import topological_order

__all__ = ["Circuit", "circuit_of", "linked_sides", "place_circuit", "wired", "without_identities"]


class Circuit:
    """Where a circuit's gates go: ``columns[k]`` for box k, and the wire (row) of every leg."""

    def __init__(self, columns: list[int], wires: dict[Port, int]) -> None:
        self.columns = columns
        self.wires = wires

    def rows(self, position: int, network: Network) -> list[int]:
        legs = network.nodes[position].legs
        return [self.wires[(position, leg.name)] for leg in legs if (position, leg.name) in self.wires]


def circuit_of(network: Network, split: bool = False) -> Circuit | None:
    """The circuit reading of ``network``, or None if it is not a circuit of gates joined right to left.

    Gates keep their wires (as many legs on the left as on the right). Input states (kets, legs
    on the left only) end wires on the right, in the last column; measurement bras (legs on the
    right only) start them on the left, in the first. Wires are numbered by the circuit's open
    left legs, else by the kets' legs in order (``|0⟩ & |0⟩ & |1⟩``), else by the bras'. With ``split`` (a
    network :func:`wired` read), a line from an S leg to an N leg links the two halves of a split gate.
    """
    nodes = network.nodes
    if len(nodes) < 2:
        return None
    links = _links(network) if split else {}
    if links is None:
        return None
    gates, states = 0, set()
    for position, node in enumerate(nodes):
        sides = [leg.side for leg in node.legs if (position, leg.name) not in links]
        if not node.sides_given or any(side not in "WE" for side in sides) or not sides:
            return None
        west, east = sides.count("W"), sides.count("E")
        if west and east and west != east:
            return None  # a gate keeps its wires: as many legs in as out
        if west and east:
            gates += 1
        else:
            states.add(position)  # a ket (legs W only) or a bra (legs E only)
    if states and not gates:
        return None  # kets and bras alone (⟨φ|ψ⟩, |ψ⟩⟨φ|) are no circuit
    source: dict[Port, Port] = {}  # a W leg's partner, an E leg of the gate before it
    feeds: list[set[int]] = [set() for _ in nodes]
    for first, second in network.bonds:
        if first in links:
            continue  # the two halves of a split gate: one column, a line between
        side_first, side_second = nodes[first[0]].sides[first[1]], nodes[second[0]].sides[second[1]]
        if (side_first, side_second) == ("W", "E"):
            first, second = second, first
        elif (side_first, side_second) != ("E", "W"):
            return None
        if first[0] == second[0]:
            return None  # a trace: no longer a circuit
        source[second] = first
        feeds[second[0]].add(first[0])
    unit = list(range(len(nodes)))  # the halves of a split gate as one unit, placed in one column
    for port, other in links.items():
        unit[port[0]] = min(port[0], other[0])
    for position in range(len(nodes)):
        if unit[position] != position:
            feeds[unit[position]] |= feeds[position]
    fed: list[set[int]] = [set() for _ in nodes]
    for position, sources in enumerate(feeds):
        if unit[position] == position:
            for k in sources:
                fed[unit[k]].add(position)
    order = topological_order(fed)
    if order is None:
        return None
    members_of: dict[int, list[int]] = {}
    for position in range(len(nodes)):
        members_of.setdefault(unit[position], []).append(position)
    order = [member for position in order if unit[position] == position for member in members_of[position]]
    wires: dict[Port, int] = {port: k for k, port in enumerate(network.side("W"))}
    following = len(wires)
    columns = [0] * len(nodes)
    spans: dict[int, list[tuple[int, int]]] = {}  # the wire spans already in each column
    for position in order:
        node = nodes[position]
        inputs = _names(node, "W", links, position)
        outputs = _names(node, "E", links, position)
        for name in inputs:
            port = (position, name)
            if port in source:
                wires[port] = wires[source[port]]
            elif port not in wires:
                wires[port], following = following, following + 1
        for name_in, name_out in zip(inputs, outputs):
            wires[(position, name_out)] = wires[(position, name_in)]
        if not inputs:  # a bra: its legs start wires
            for name in outputs:
                wires[(position, name)], following = following, following + 1
        members = members_of[unit[position]]
        if position != members[-1]:
            continue  # (a split gate's column is chosen once both halves have their wires)
        rows = _unit_rows(nodes, members, links, wires, "W") or _unit_rows(nodes, members, links, wires, "E")
        span = (min(rows), max(rows))
        column = max((columns[k] + 1 for k in feeds[unit[position]]), default=0)
        while any(low <= span[1] and span[0] <= high for low, high in spans.get(column, [])):
            column += 1  # a gate spanning these wires is there already
        spans.setdefault(column, []).append(span)
        for member in members:
            columns[member] = column
    if states:
        if len(set(wires.values())) < 2:
            return None  # one wire: a chain, drawn as one
        _align_states(network, states, columns)
        wires = _renumbered(network, states, wires)
    return Circuit(columns, wires)


def wired(network: Network) -> Network | None:
    """A network whose sides nobody chose (``pn.einsum``, quimb) read as gates and states, for :func:`circuit_of`:
    a box of 2k legs is a gate whose first k axes are its outputs (on the left, as an operator's rows) and last k
    its inputs (on the right); a box of three legs joined to another by one line is half of a split gate (quimb's
    default for two-qubit gates: that line links the halves, the other two axes are its output and input); a box
    of one leg is a ket when joined to a gate's input, a bra when joined to its output. None when a box has
    another number of legs, a gate's outputs differ from its inputs in dimension, or a state joins no gate."""
    nodes = network.nodes
    if not network.bonds or any(node.sides_given for node in nodes) or all(len(node.legs) <= 2 for node in nodes):
        return None  # (boxes of two legs at most: a chain, one wire, drawn as one)
    partner = network.partners
    halves = _split_halves(network)
    if halves is None:
        return None
    sides: list[dict[str, str]] = []
    for position, node in enumerate(nodes):
        count = len(node.legs)
        legs = list(node.legs)
        drawn: dict[str, str] = {}
        if count == 3:  # half of a split gate, linked to the other by its last axis or by its first
            link = legs[halves[position]]
            drawn[link.name] = "S" if position < partner[(position, link.name)][0] else "N"
            legs.remove(link)
            count = 2
        elif count % 2 and count != 1:
            return None
        half = count // 2
        if half and [leg.dim for leg in legs[:half]] != [leg.dim for leg in legs[half:]]:
            return None  # a gate's outputs have its inputs' dimensions (an MPS tensor's bonds and leg do not)
        drawn.update({leg.name: "W" if k < half else "E" for k, leg in enumerate(legs)})
        sides.append(drawn)
    for position, node in enumerate(nodes):
        if len(node.legs) == 1:
            other = partner.get((position, node.legs[0].name))
            if other is None or len(nodes[other[0]].legs) < 2:
                return None
            sides[position][node.legs[0].name] = "W" if sides[other[0]][other[1]] == "E" else "E"
    placed = tuple(
        replace(
            node,
            legs=tuple(replace(leg, side=drawn[leg.name]) for leg in node.legs),
            sides_given=True,
            kind=_state_kind(node, drawn),
        )
        for node, drawn in zip(nodes, sides)
    )
    return replace(network, nodes=placed, _legs={})


def _state_kind(node: Node, drawn: dict[str, str]) -> str:
    """A named basis state (``|0⟩`` from quimb) is the ket or the bra its place makes it: a ket feeds a gate's
    input (its leg on the left), a bra closes an output (``⟨0|`` on the left of the circuit)."""
    if node.kind not in ("ket", "bra") or len(node.legs) != 1:
        return node.kind
    return "ket" if drawn[node.legs[0].name] == "W" else "bra"


def _split_halves(network: Network) -> dict[int, int] | None:
    """Which axis of each three-leg box is the bond an SVD put between the halves of a two-qubit gate (left half:
    output, input, bond; right half: bond, output, input), by box; None when they do not pair up.

    A left half's output may also feed a right half's input (two split gates in a row on one wire), so a box can
    look linked both ways. A box linked both ways keeps only the links to boxes of its own name (quimb names both
    halves after their gate), and the halves are the pairing that leaves none out (a perfect matching). An MPS
    whose bonds have its legs' dimension also looks linked both ways at every site: its tensors bear different
    names, and it is no circuit.
    """
    nodes = network.nodes
    three = [position for position, node in enumerate(nodes) if len(node.legs) == 3]
    candidates = nx.Graph()
    candidates.add_nodes_from(three)
    for position in three:
        other = network.partners.get((position, nodes[position].legs[2].name))
        if other is not None and len(nodes[other[0]].legs) == 3 and nodes[other[0]].legs[0].name == other[1]:
            candidates.add_edge(position, other[0])
    unnamed = [
        (first, second)
        for first, second in candidates.edges
        if max(candidates.degree(first), candidates.degree(second)) > 1
        and not (nodes[first].name and nodes[first].name == nodes[second].name)
    ]
    candidates.remove_edges_from(unnamed)  # (linked both ways: only a gate's own name says which way is its)
    pairs = nx.max_weight_matching(candidates, maxcardinality=True)
    if 2 * len(pairs) != len(three):
        return None
    axis: dict[int, int] = {}
    for first, second in pairs:
        left, right = (first, second) if _feeds_bond(network, first, second) else (second, first)
        axis[left], axis[right] = 2, 0
    return axis


def _feeds_bond(network: Network, left: int, right: int) -> bool:
    """True when axis 2 of box ``left`` joins axis 0 of box ``right``."""
    other = network.partners.get((left, network.nodes[left].legs[2].name))
    return other == (right, network.nodes[right].legs[0].name)


def _links(network: Network) -> dict[Port, Port] | None:
    """The lines joining the two halves of a split gate (quimb splits a two-qubit gate in two tensors joined by a
    bond): an S leg joined to an N leg, each half holding one such leg; both ends by their ports. None when a
    box holds two or a line joins other sides vertically."""
    links: dict[Port, Port] = {}
    for first, second in network.bonds:
        sides = {network.nodes[first[0]].sides[first[1]], network.nodes[second[0]].sides[second[1]]}
        if sides & {"N", "S"}:
            if sides != {"N", "S"} or first[0] == second[0]:
                return None
            links[first], links[second] = second, first
    held = [port[0] for port in links]
    return links if len(held) == len(set(held)) else None


def _unit_rows(
    nodes: Sequence[Node], members: list[int], links: dict[Port, Port], wires: dict[Port, int], side: str
) -> list[int]:
    """The wires of the legs on ``side`` of a unit's boxes (a gate, or both halves of a split one)."""
    return [wires[(member, name)] for member in members for name in _names(nodes[member], side, links, member)]


def _names(node: Node, side: str, links: dict[Port, Port], position: int) -> list[str]:
    """The names of ``node``'s legs on ``side``, not counting a split gate's link."""
    return [leg.name for leg in node.legs if leg.side == side and (position, leg.name) not in links]


def linked_sides(network: Network, circuit: Circuit) -> Network:
    """The links of split gates pointing at each other: the half on the upper wire joined from below (S), the
    other from above (N)."""
    links = _links(network) or {}
    if not links:
        return network
    row = {position: min(circuit.rows(position, network) or [0]) for position, _ in links}
    turned = {}
    for (position, name), (other, _) in links.items():
        turned[(position, name)] = "S" if row[position] < row[other] else "N"
    nodes = tuple(
        replace(
            node,
            legs=tuple(replace(leg, side=turned.get((position, leg.name), leg.side)) for leg in node.legs),
        )
        for position, node in enumerate(network.nodes)
    )
    return replace(network, nodes=nodes, _legs={})


def _align_states(network: Network, states: set[int], columns: list[int]) -> None:
    """Input kets all in the last column, measurement bras all in the first (the rest moved right for them)."""
    kets = {p for p in states if network.nodes[p].legs[0].side == "W"}
    bras = states - kets
    if bras:
        for position in range(len(columns)):
            columns[position] = 0 if position in bras else columns[position] + 1
    last = max((c for p, c in enumerate(columns) if p not in kets), default=-1) + 1
    for position in kets:
        columns[position] = last


def _renumbered(network: Network, states: set[int], wires: dict[Port, int]) -> dict[Port, int]:
    """Wires in qubit order: by the circuit's open left legs, else the kets' legs, else the bras', else open right."""
    key: dict[int, tuple[int, ...]] = {}
    for k, port in enumerate(network.side("W")):
        key.setdefault(wires[port], (0, k))
    for position in sorted(states):
        node = network.nodes[position]
        rank = 1 if node.legs[0].side == "W" else 2
        for k, leg in enumerate(node.legs):
            key.setdefault(wires[(position, leg.name)], (rank, position, k))
    for k, port in enumerate(network.side("E")):
        key.setdefault(wires[port], (3, k))
    order = sorted(set(wires.values()), key=lambda wire: key.get(wire, (4, wire)))
    number = {wire: k for k, wire in enumerate(order)}
    return {port: number[wire] for port, wire in wires.items()}


def place_circuit(
    network: Network,
    circuit: Circuit,
    sizes: list[tuple[float, float]],
    labels: list[str],
    titles: list[str | None],
    theme: Theme,
    plain: bool = True,
) -> list[PlacedBox]:
    """Gates in their columns, each spanning its wires' rows, its legs on the wires.

    A gate on wires that are not neighbours (qubits 0 and 2) is open where the wires between
    pass: it is drawn in pieces joined by a line, which those wires cross. An identity with
    both legs open (a wire no gate touches) is a point on its wire, drawn as plain wire, unless
    ``plain`` is False (``identities=True``).
    """
    step = grid_step(theme)
    pitch = math.ceil((theme.box_height + theme.row_gap) / (2 * step)) * 2 * step  # a wire every pitch, on the grid
    columns = max(circuit.columns) + 1
    width = [0.0] * columns
    for position, (w, _) in enumerate(sizes):
        width[circuit.columns[position]] = max(width[circuit.columns[position]], w)
    x_centre = centres(width, theme.gap, step)
    joined = {port for bond in network.bonds for port in bond}
    halves = split_controlled(network, circuit) if plain else {}
    boxes = []
    for position, node in enumerate(network.nodes):
        rows = circuit.rows(position, network)
        top, bottom = min(rows) * pitch, max(rows) * pitch
        w = sizes[position][0]
        h = max(sizes[position][1], bottom - top + theme.box_height)
        x, y = x_centre[circuit.columns[position]], (top + bottom) / 2
        kind = "wire" if plain and _idle(node, position, joined) else node.kind
        if kind == "wire":  # a point on the wire: its two stubs meet there
            w, h = 1.0, 1.0  # (1 px: the two stubs do not touch, and their round caps close the gap)
        passing = sorted(set(range(min(rows), max(rows) + 1)) - set(rows))
        gaps = _gaps(passing, pitch, theme.box_height)
        marks = controlled(node, circuit, position) if plain else None
        if position in halves:  # half of a split CNOT or CZ: its mark alone, the link to the other half below it
            marks = [halves[position]]
        if marks is not None:  # CNOT, CZ: a dot on the control wire, ⊕ on the target, a line between
            kind, w = "control", float(theme.leg_spacing)
            h = bottom - top + w
            wires_top = sorted(set(rows))
            gaps = tuple(((a * pitch) + w / 2, (b * pitch) - w / 2) for a, b in itertools.pairwise(wires_top))
        anchors = {}
        for leg in node.legs:
            if leg.side in "NS":  # a split gate's link to its other half
                anchors[leg.name] = (x, y - h / 2 if leg.side == "N" else y + h / 2)
                continue
            edge = x - w / 2 if leg.side == "W" else x + w / 2
            anchors[leg.name] = (edge, circuit.wires[(position, leg.name)] * pitch)
        boxes.append(
            PlacedBox(
                position,
                x,
                y,
                w,
                h,
                labels[position] if kind != "wire" else "",
                kind,
                False,
                node.color,
                anchors,
                node.sides,
                titles[position] if marks is None else None,
                gaps,
                tuple(marks or ()),
            )
        )
    return boxes


#: Controlled gates drawn as the field draws them: the matrix, rows out and columns in, and each wire's mark.
CONTROLLED = {
    "CNOT": (np.eye(4)[[0, 1, 3, 2]], ("control", "target")),
    "CZ": (np.diag([1, 1, 1, -1]), ("control", "control")),
}


def controlled(node: Node, circuit: Circuit, position: int) -> list[str] | None:
    """The marks of a CNOT or CZ box (first wire the control), top to bottom; None for any other gate."""
    west = [leg.name for leg in node.legs if leg.side == "W"]
    east = [leg.name for leg in node.legs if leg.side == "E"]
    if len(west) != 2 or len(east) != 2 or node.data is None or any(leg.dim != 2 for leg in node.legs):
        return None
    order = [next(k for k, leg in enumerate(node.legs) if leg.name == name) for name in west + east]
    try:
        matrix = np.asarray(node.data).transpose(order).reshape(4, 4)
    except (TypeError, ValueError):
        return None
    marks = _marks(matrix, exact=True)
    if marks is None:
        return None
    wires = [circuit.wires[(position, name)] for name in west]
    return [marks[k] for k in sorted(range(2), key=lambda k: wires[k])]


def split_controlled(network: Network, circuit: Circuit) -> dict[int, str]:
    """The mark of each half of a split CNOT or CZ (quimb's SVD halves, joined by an N–S link), by box: the two
    halves contracted over their link are the gate, compared with the known ones to rounding (an SVD's)."""
    found: dict[int, str] = {}
    for (first, link), (second, other) in (_links(network) or {}).items():
        if first > second:
            continue
        matrix = _joined_halves(network.nodes[first], link, network.nodes[second], other)
        marks = _marks(matrix, exact=False) if matrix is not None else None
        if marks is not None:
            found[first], found[second] = marks
    return found


def _joined_halves(first: Node, link: str, second: Node, other: str) -> np.ndarray | None:
    """The 4 × 4 matrix of two halves joined over their link (rows their W legs, columns their E legs), or None
    when they are not two qubits' halves with numbers."""
    halves = []
    for node, joined in ((first, link), (second, other)):
        names = [leg.name for leg in node.legs]
        sides = {leg.name: leg.side for leg in node.legs}
        west = [name for name in names if sides[name] == "W"]
        east = [name for name in names if sides[name] == "E"]
        if (
            node.data is None
            or len(west) != 1
            or len(east) != 1
            or any(leg.dim != 2 for leg in node.legs if leg.name != joined)
        ):
            return None
        try:
            halves.append(np.asarray(node.data).transpose([names.index(n) for n in (west[0], east[0], joined)]))
        except (TypeError, ValueError):
            return None
    try:  # out₁ in₁ b, out₂ in₂ b → out₁ out₂ in₁ in₂
        return np.einsum("acx,bdx->abcd", *halves).reshape(4, 4)
    except (TypeError, ValueError):
        return None


def _marks(matrix: np.ndarray, exact: bool) -> tuple[str, str] | None:
    """The marks of a two-qubit gate's matrix (rows out, columns in) on its first and second wire, if it is a
    known controlled gate (either wire the control), else None."""
    swap = [0, 2, 1, 3]  # the same gate read with its wires exchanged
    for reference, marks in CONTROLLED.values():
        for turned, order in ((reference, marks), (reference[swap][:, swap], marks[::-1])):
            try:
                same = np.array_equal(matrix, turned) if exact else np.allclose(matrix, turned, rtol=0, atol=1e-10)
            except (TypeError, ValueError):
                return None
            if same:
                return order
    return None


def _gaps(passing: list[int], pitch: float, box_height: float) -> tuple[tuple[float, float], ...]:
    """The open stretches of a gate for the wires ``passing`` between its own: from half a box above the
    wire before to half a box below the wire after, consecutive wires in one stretch."""
    gaps: list[tuple[float, float]] = []
    for row in passing:
        top, bottom = (row - 1) * pitch + box_height / 2, (row + 1) * pitch - box_height / 2
        if gaps and gaps[-1][1] > top:
            gaps[-1] = (gaps[-1][0], bottom)
        else:
            gaps.append((top, bottom))
    return tuple(gaps)


def _idle(node: Node, position: int, joined: set[Port]) -> bool:
    """True for an identity box with both legs open (none in ``joined``): a wire no gate touches."""
    return is_identity(node) and not any((position, leg.name) in joined for leg in node.legs)


def is_identity(node: Node) -> bool:
    """True for a box with one leg in and one out (W and E, or N and S) whose numbers are the identity matrix."""
    if len(node.legs) != 2 or node.data is None or {leg.side for leg in node.legs} not in ({"W", "E"}, {"N", "S"}):
        return False
    dim = node.legs[0].dim
    if dim is None or dim != node.legs[1].dim or dim > 1024:
        return False
    try:
        return bool(np.array_equal(np.asarray(node.data), np.eye(dim)))
    except (TypeError, ValueError):  # numbers numpy cannot compare: leave the box drawn
        return False


def without_identities(network: Network) -> Network:
    """``network`` with each identity box on a wire taken out and its wire drawn straight through.

    Only the picture changes: the two lines an identity joins become one line (or the open
    leg moves to its neighbour). An identity with both legs open, or joined to itself, stays.
    """
    while True:
        partners = network.partners
        for position, node in enumerate(network.nodes):
            if not is_identity(node):
                continue
            ends = [partners.get((position, leg.name)) for leg in node.legs]
            if all(end is None for end in ends) or any(end is not None and end[0] == position for end in ends):
                continue
            if None in ends:  # the neighbour's leg becomes open on the identity's side: it must face that way
                kept = next(end for end in ends if end is not None)
                open_leg = node.legs[ends.index(None)]
                if network.nodes[kept[0]].sides[kept[1]] != open_leg.side:
                    continue
            network = _bypass(network, position, ends)
            break
        else:
            return network


def _bypass(network: Network, position: int, ends: list[Port | None]) -> Network:
    """``network`` without box ``position``, its two neighbours joined (or the open side handed on)."""
    node = network.nodes[position]

    def moved(port: Port) -> Port:
        return (port[0] - (port[0] > position), port[1])

    mine = {(position, leg.name) for leg in node.legs}
    bonds = [(moved(a), moved(b)) for a, b in network.bonds if a not in mine and b not in mine]
    first, second = ends
    open_ports = [list(ports) for ports in network.open]
    if first is not None and second is not None:
        bonds.append((moved(first), moved(second)))
    for ports in open_ports:
        for k, port in enumerate(ports):
            if port in mine:  # the open side of the identity: its neighbour's leg is open there now
                ports[k] = first if port == (position, node.legs[1].name) else second
    open_tuple = tuple(tuple(moved(port) for port in ports) for ports in open_ports)
    nodes = network.nodes[:position] + network.nodes[position + 1 :]
    return Network(nodes, tuple(bonds), open_tuple)  # type: ignore[arg-type]
