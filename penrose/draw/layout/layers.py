"""Networks drawn in layers: a MERA or a tree hanging above its open legs, a DMRG sandwich, and a network joined
to its own mirror image (⟨ψ|ψ⟩ of a MERA: the ket's layers on top, the bra's reflected below).

Each function takes the boxes' neighbours (box numbers) and returns a cell per box, or None when the network
is not that shape.
"""

from __future__ import annotations

import math

import networkx as nx

from ...core.network import Network
from .placement import distances

__all__ = ["layered_rows", "mirrored_rows", "sandwich_rows"]

Cell = tuple[int, int]


def layered_rows(neighbours: list[set[int]], holding: list[int]) -> list[Cell] | None:
    """Rows by distance from the boxes holding open legs (bottom row, in the order of their legs), at least
    three rows; columns by the mean of the partners below, kept two apart; a row wider than the bottom (an MPS
    over its gates) is spread evenly and the rows under it hang from it. A line within a row must join two
    boxes side by side in it; None otherwise.
    """
    bottom = list(dict.fromkeys(holding))  # in the order of the open legs
    if not bottom or len(bottom) == len(neighbours):
        return None
    depth = distances(neighbours, bottom)
    top = max(depth.values())
    if top < 2:
        return None
    rows = [[box for box in range(len(neighbours)) if depth[box] == level] for level in range(top + 1)]
    column = {box: 2.0 * k for k, box in enumerate(bottom)}
    for level in range(1, top + 1):
        _spread(rows[level], _means(rows[level], neighbours, depth, column, level - 1, wrap=True), column)
    widest = max(range(top + 1), key=lambda level: (len(rows[level]), -level))
    if widest > 0:
        for k, box in enumerate(sorted(rows[widest], key=column.__getitem__)):
            column[box] = 2.0 * k
        for level in range(widest - 1, -1, -1):  # (the bottom row keeps the order of the open legs)
            _spread(rows[level], _means(rows[level], neighbours, depth, column, level + 1), column, keep=level == 0)
        for level in range(widest + 1, top + 1):
            _spread(rows[level], _means(rows[level], neighbours, depth, column, level - 1), column)
    _centred(rows, column, widest)
    for row in rows:  # a line within a row: only between neighbours in it
        place = {box: k for k, box in enumerate(sorted(row, key=column.__getitem__))}
        if any(abs(place[box] - place[other]) != 1 for box in row for other in neighbours[box] if other in place):
            return None
    return [(round(column[box]), top - depth[box]) for box in range(len(neighbours))]


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


def _means(
    row: list[int],
    neighbours: list[set[int]],
    depth: dict[int, int],
    column: dict[int, float],
    level: int,
    wrap: bool = False,
) -> dict[int, float]:
    """Where each box of ``row`` wants to be: the mean column of its partners in row ``level`` (its own column
    if it has none); with ``wrap``, a box joining both ends of that row (a ring's last pair) goes at the end."""
    width = max(column.values()) - min(column.values())
    wanted = {}
    for box in row:
        partners = [column[other] for other in neighbours[box] if depth[other] == level]
        if not partners:
            wanted[box] = column.get(box, 0.0)
        elif wrap and len(partners) > 1 and max(partners) - min(partners) > width / 2:
            wanted[box] = max(partners) + 1
        else:
            wanted[box] = sum(partners) / len(partners)
    return wanted


def _spread(row: list[int], wanted: dict[int, float], column: dict[int, float], keep: bool = False) -> None:
    """The boxes of ``row`` at their wanted columns, in that order (``keep``: in their present order), two apart
    at least."""
    previous = -math.inf
    order = sorted(row, key=column.__getitem__) if keep else sorted(row, key=lambda box: (wanted[box], box))
    for box in order:
        column[box] = previous = max(wanted[box], previous + 2)


def mirrored_rows(network: Network, neighbours: list[set[int]]) -> list[Cell] | None:
    """A network joined leg to leg to its mirror image (``ψ.H & ψ`` of a MERA or a tree, ``ψ.dag @ ψ``): the
    unstarred half in its layers (:func:`layered_rows`, the joining lines as its open legs), the starred half its
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
    rows = layered_rows(inner, [number[box] for box, _ in joining])
    if rows is None:
        return None
    bottom = max(row for _, row in rows)
    cells: list[Cell] = [(0, 0)] * count
    for box, (column, row) in zip(ket, rows):
        cells[box] = (column, row)
        cells[matcher.mapping[box]] = (column, 2 * bottom + 1 - row)
    return cells
