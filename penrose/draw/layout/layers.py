"""Networks drawn in layers: a MERA or a tree hanging above its open legs, a DMRG sandwich, and a network joined
to its own mirror image (⟨ψ|ψ⟩ of a MERA: the ket's layers on top, the bra's reflected below).

Each placement takes the boxes' neighbours (box numbers) and returns a cell per box (with the kind of layers,
plain or round a ring), or None when the network is not that shape. A periodic MERA's layers go round a ring:
each box sits at the mean of its partners the short way round, and the few lines that close a ring are sent
round the outside of the picture (:func:`ring_ways`, :func:`ring_sides`), so that none crosses another.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import networkx as nx

from ...core.network import Network
from .placement import distances

__all__ = ["layers", "mirrored_rows", "ring_lines", "ring_sides", "ring_ways", "sandwich_rows"]

Cell = tuple[int, int]


def layers(neighbours: list[set[int]], holding: list[int]) -> tuple[str, list[Cell]] | None:
    """Rows by distance from the boxes holding open legs (bottom row, in the order of their legs), at least
    three rows; columns by the mean of the partners below, kept two apart; a row wider than the bottom (an MPS
    over its gates) is spread evenly and the rows under it hang from it. A line within a row must join two
    boxes side by side in it; None otherwise.

    Returns ``("layers", cells)``, or ``("ring layers", cells)`` for layers round a ring (a periodic MERA, gates
    on a periodic MPS: a box of the first layer joins the two ends of the bottom row): then every row is placed
    round the ring, each box at the mean of its partners the short way round (a ring wider than the bottom, the
    MPS over its gates, in the order of its own ring, the rows under it hanging from it), and the lines that
    close a ring (:func:`ring_lines`) go round the outside of the picture.
    """
    bottom = list(dict.fromkeys(holding))  # in the order of the open legs
    if not bottom or len(bottom) == len(neighbours):
        return None
    found = _layered(neighbours, bottom, distances(neighbours, bottom))
    if found is None:  # open legs on several layers (gates on an MPS with no identity padding at the ends)
        hanging = _hanging(neighbours, set(bottom))
        if hanging is not None:
            lowest = [box for box in bottom if hanging[box] == 0]
            lowest += [box for box in range(len(neighbours)) if hanging[box] == 0 and box not in lowest]
            found = _layered(neighbours, lowest, hanging)
    return found


def _hanging(neighbours: list[set[int]], holding: set[int]) -> dict[int, int] | None:
    """Depths measured from the top instead: the longest chain of boxes holding no open leg (an MPS over its
    gates, however the gates' open legs are spread over the layers) on top, every other box as far below it as
    its distance from it; None when there is no such chain of three boxes or more."""
    inner = nx.Graph()
    inner.add_nodes_from(box for box in range(len(neighbours)) if box not in holding)
    inner.add_edges_from((box, other) for box in inner for other in neighbours[box] if other in inner)
    if inner.number_of_nodes() < 3:
        return None
    chain: list[int] = []
    for piece in nx.connected_components(inner):
        part = inner.subgraph(piece)
        first = max(nx.single_source_shortest_path_length(part, min(piece)).items(), key=lambda item: item[1])[0]
        lengths = nx.single_source_shortest_path_length(part, first)
        last = max(lengths.items(), key=lambda item: (item[1], -item[0]))[0]
        path = nx.shortest_path(part, first, last)
        chain = path if len(path) > len(chain) else chain
    if len(chain) < 3:
        return None
    below = distances(neighbours, chain)
    if len(below) != len(neighbours):
        return None
    deepest = max(below.values())
    return {box: deepest - level for box, level in below.items()}


def _layered(neighbours: list[set[int]], bottom: list[int], depth: dict[int, int]) -> tuple[str, list[Cell]] | None:
    """The cells of :func:`layers` for rows by ``depth`` (0: the bottom row, ``bottom`` in its order)."""
    top = max(depth.values())
    if top < 2:
        return None
    rows = [[box for box in range(len(neighbours)) if depth[box] == level] for level in range(top + 1)]
    column = {box: 2.0 * k for k, box in enumerate(bottom)}
    ring = len(bottom) > 2 and any(_closes_ring(box, bottom, neighbours) for box in rows[1])
    period = 2.0 * len(bottom) if ring else None
    for level in range(1, top + 1):
        _spread(rows[level], _means(rows[level], neighbours, depth, column, level - 1, period), column)
    widest = max(range(top + 1), key=lambda level: (len(rows[level]), -level))
    if widest > 0:  # a row wider than the bottom (an MPS over its gates): spread evenly, the rows under it hanging
        spread = _row_cycle(rows[widest], neighbours, column) if ring else sorted(rows[widest], key=column.__getitem__)
        if spread is None:
            return None
        for k, box in enumerate(spread):  # (round a ring: in the order of its own ring)
            column[box] = 2.0 * k
        period = 2.0 * len(spread) if ring else None
        for level in range(widest - 1, -1, -1):  # (the bottom row keeps the order of the open legs, but round a ring)
            wanted = _means(rows[level], neighbours, depth, column, level + 1, period)
            _spread(rows[level], wanted, column, keep=level == 0 and not ring)
        for level in range(widest + 1, top + 1):
            _spread(rows[level], _means(rows[level], neighbours, depth, column, level - 1, period), column)
    if not ring:
        _centred(rows, column, widest)
    for row in rows:  # a line within a row: only between neighbours in it (or its two ends, round a ring)
        order = sorted(row, key=column.__getitem__)
        place = {box: k for k, box in enumerate(order)}
        ends = {order[0], order[-1]} if ring and len(order) > 2 else set()
        if any(
            abs(place[box] - place[other]) != 1 and {box, other} != ends
            for box in row
            for other in neighbours[box]
            if other in place
        ):
            return None
    least = min(column.values())
    cells = [(round(column[box] - least), top - depth[box]) for box in range(len(neighbours))]
    return ("ring layers" if ring else "layers"), cells


def ring_lines(network: Network, cells: list[Cell]) -> frozenset[int]:
    """The numbers of the bonds of ring layers (:func:`layers`) that close a ring: a line within a row or between
    two rows that runs more than half the ring's width sideways. A picture sends them round the outside, where
    they cross nothing."""
    rows: dict[int, int] = {}
    for _, row in cells:
        rows[row] = rows.get(row, 0) + 1
    period = 2 * max(rows.values())
    return frozenset(
        k
        for k, ((a, _), (b, _)) in enumerate(network.bonds)
        if abs(cells[a][1] - cells[b][1]) <= 1 and abs(cells[a][0] - cells[b][0]) > period / 2
    )


def ring_ways(network: Network, cells: list[Cell]) -> dict[int, str]:
    """The lines that close the rings of ring layers (:func:`ring_lines`), each with the way it goes round the
    picture: over the top (``"N"``), or under the bottom (``"S"``) when both its ends lie in the lower half of a
    picture with no open leg (the bra half of ⟨ψ|ψ⟩)."""
    rows = [row for _, row in cells]
    middle = (min(rows) + max(rows)) / 2
    closed = not network.open_ports
    ways = {}
    for k in ring_lines(network, cells):
        (a, _), (b, _) = network.bonds[k]
        ways[k] = "S" if closed and min(cells[a][1], cells[b][1]) > middle else "N"
    return ways


def ring_sides(network: Network, cells: list[Cell], sides: list[dict[str, str]], over: dict[int, str]) -> None:
    """Ring layers' lines out of the sides of their boxes, one corner each (``sides`` changed in place): a line
    between two rows, its ends aside, leaves the box farther from the open legs (from the middle, in a mirror
    image's lower half) from the side facing the other and turns onto it, when that box splits into two or more
    such lines (an isometry; an MPS tensor's one line down to its gate stays below); a line closing a ring leaves
    the box at the row's left end from its west side, the other from its east, to go round the picture."""
    rows = [row for _, row in cells]
    middle = (min(rows) + max(rows)) / 2 if not network.open_ports else math.inf

    def inward(box: int, other: int) -> bool:  # ``other`` a row nearer the open legs (or the middle) than ``box``
        outward = cells[box][1] - cells[other][1]
        return abs(outward) == 1 and (outward < 0) == (cells[box][1] < middle)

    splits = Counter(
        box for bond in network.bonds for (box, _), (other, _) in itertools.permutations(bond) if inward(box, other)
    )
    for k, bond in enumerate(network.bonds):
        for (box, leg), (other, _) in itertools.permutations(bond):
            aside = cells[other][0] - cells[box][0]
            if k in over:  # away from its partner, round the outside
                sides[box][leg] = "W" if aside > 0 else "E"
            elif aside and inward(box, other) and splits[box] > 1:  # (a box with one line down keeps it below)
                sides[box][leg] = "W" if aside < 0 else "E"


def sandwich_rows(neighbours: list[set[int]]) -> list[Cell] | None:
    """A bra and a ket joined to the same boxes, which form a chain (⟨Θ|H_eff|Θ⟩ of DMRG: L, W, W, R between
    Θ and Θ*): the ket's row on top, the chain's in the middle, the bra's below, each spanning the chain from
    the column of its first partner. None when no two boxes fit."""
    count = len(neighbours)
    for top in range(count):
        for bottom in range(top + 1, count):
            shared = neighbours[top]
            if neighbours[bottom] != shared or top in shared or len(shared) + 2 != count or len(shared) < 2:
                continue
            inner = [{k for k in neighbours[box] if k in shared} for box in range(count)]
            ends = [box for box in shared if len(inner[box]) <= 1]
            if len(ends) != 2 or any(len(inner[box]) > 2 for box in shared):
                continue
            chain, previous = [min(ends)], None
            while len(chain) < len(shared):
                following = [k for k in inner[chain[-1]] if k != previous]
                if not following:
                    break
                previous = chain[-1]
                chain.append(following[0])
            if len(chain) != len(shared):
                continue
            cells: list[Cell] = [(0, 0)] * count
            for column, box in enumerate(chain):
                cells[box] = (column, 1)
            cells[top], cells[bottom] = (0, 0), (0, 2)
            return cells
    return None


def _centred(rows: list[list[int]], column: dict[int, float], widest: int) -> None:
    """Each row above the widest moved sideways, as a whole, to sit centred over it (a periodic MERA's lines that
    close a ring put each layer's last box at the end, and the layers above would lean further at every level)."""
    middle = sum(column[box] for box in rows[widest]) / len(rows[widest])
    for row in rows[widest + 1 :]:
        shift = round(middle - sum(column[box] for box in row) / len(row))
        for box in row:
            column[box] += shift


def _row_cycle(row: list[int], neighbours: list[set[int]], column: dict[int, float]) -> list[int] | None:
    """The boxes of ``row`` in the order of the ring their lines within the row make (a periodic MPS), from the
    leftmost so far towards its nearer neighbour; None unless those lines make one ring through the whole row."""
    inside = {box: [other for other in neighbours[box] if other in set(row)] for box in row}
    if len(row) < 3 or any(len(partners) != 2 for partners in inside.values()):
        return None
    start = min(row, key=lambda box: (column[box], box))
    cycle = [start, min(inside[start], key=lambda box: (column[box], box))]
    while len(cycle) < len(row):
        following = [box for box in inside[cycle[-1]] if box != cycle[-2]]
        if following[0] in cycle:
            return None  # a smaller ring: not one through the row
        cycle.append(following[0])
    return cycle if start in inside[cycle[-1]] else None


def _closes_ring(box: int, bottom: list[int], neighbours: list[set[int]]) -> bool:
    """True for a box joined to both ends of the bottom row (of three boxes or more) and not to all of it: the
    last isometry of a periodic MERA, closing the ring."""
    return {bottom[0], bottom[-1]} <= neighbours[box] and not set(bottom) <= neighbours[box]


def _means(
    row: list[int],
    neighbours: list[set[int]],
    depth: dict[int, int],
    column: dict[int, float],
    level: int,
    period: float | None = None,
) -> dict[int, float]:
    """Where each box of ``row`` wants to be: the mean column of its partners in row ``level`` (its own column
    if it has none). With a ``period`` (layers round a ring) the mean is taken the short way round, and kept
    within the bottom row's span; boxes joined to the same partners, whom two ways round would fit equally
    (a pair of isometries over two disentanglers), take one way each."""
    wanted = {}
    alike: dict[tuple[int, ...], int] = {}
    for box in sorted(row):
        partners = sorted(column[other] for other in neighbours[box] if depth[other] == level)
        if not partners:
            wanted[box] = column.get(box, 0.0)
        elif period is None:
            wanted[box] = sum(partners) / len(partners)
        else:
            key = tuple(sorted(other for other in neighbours[box] if depth[other] == level))
            turn = alike.get(key, 0)
            alike[key] = turn + 1
            wanted[box] = _round_mean(partners, period, turn)
    return wanted


def _round_mean(points: list[float], period: float, turn: int = 0) -> float:
    """The mean of ``points`` on a ring of circumference ``period`` (the bottom row's columns, 0 to ``period`` - 2,
    and a step more), cut at its widest gap. Of equally wide gaps the cuts whose mean lies nearer the bottom
    row's middle come first; ``turn`` picks one of them."""
    middle = period / 2 - 1
    gaps = [((points[(k + 1) % len(points)] - points[k]) % period or period, k) for k in range(len(points))]
    widest = max(gap for gap, _ in gaps)
    means = []
    for gap, cut in gaps:
        if gap < widest - 1e-9:
            continue
        # cut after point ``cut``: the points up to it go once round
        unwrapped = [p + period if k <= cut < len(points) - 1 else p for k, p in enumerate(points)]
        mean = sum(unwrapped) / len(unwrapped)
        while mean > middle + period / 2:
            mean -= period
        while mean <= middle - period / 2:
            mean += period
        means.append(mean)
    means.sort(key=lambda mean: (abs(mean - middle), mean))
    return means[turn % len(means)]


def _spread(row: list[int], wanted: dict[int, float], column: dict[int, float], keep: bool = False) -> None:
    """The boxes of ``row`` at their wanted columns, in that order (``keep``: in their present order), two apart
    at least."""
    previous = -math.inf
    order = sorted(row, key=column.__getitem__) if keep else sorted(row, key=lambda box: (wanted[box], box))
    for box in order:
        column[box] = previous = max(wanted[box], previous + 2)


def mirrored_rows(network: Network, neighbours: list[set[int]]) -> tuple[str, list[Cell]] | None:
    """A network joined leg to leg to its mirror image (``ψ.H & ψ`` of a MERA or a tree, ``ψ.dag @ ψ``): the
    unstarred half in its layers (:func:`layers`, the joining lines as its open legs), the starred half its
    reflection below, each box under the one it mirrors. None unless the boxes split into a starred and an
    unstarred half of the same shape (names, lines, and which joining lines each box holds) with no open leg."""
    count = len(neighbours)
    starred = [node.conjugated for node in network.nodes]
    if network.open_ports or count < 6 or sum(starred) * 2 != count:
        return None
    ket = [box for box in range(count) if not starred[box]]
    bra = [box for box in range(count) if starred[box]]
    joining: list[tuple[int, int]] = []  # (ket box, bra box) per line between the halves, in the network's order
    for (a, _), (b, _) in network.bonds:
        if starred[a] != starred[b]:
            joining.append((a, b) if not starred[a] else (b, a))
    if not joining:
        return None
    halves = []
    for half, end in ((ket, 0), (bra, 1)):
        graph = nx.Graph()
        for box in half:
            held = frozenset(k for k, line in enumerate(joining) if line[end] == box)
            graph.add_node(box, name=network.nodes[box].name, held=held)
        graph.add_edges_from((a, b) for a in half for b in neighbours[a] if b in graph and a < b)
        if not nx.is_connected(graph):
            return None
        halves.append(graph)
    matcher = nx.algorithms.isomorphism.GraphMatcher(
        halves[0], halves[1], node_match=lambda x, y: x["name"] == y["name"] and x["held"] == y["held"]
    )
    if not matcher.is_isomorphic():
        return None
    number = {box: k for k, box in enumerate(ket)}
    inner = [{number[other] for other in neighbours[box] if other in number} for box in ket]
    found = layers(inner, [number[box] for box, _ in joining])
    if found is None:
        return None
    kind, rows = found
    bottom = max(row for _, row in rows)
    cells: list[Cell] = [(0, 0)] * count
    for box, (column, row) in zip(ket, rows):
        cells[box] = (column, row)
        cells[matcher.mapping[box]] = (column, 2 * bottom + 1 - row)
    return kind, cells
