"""Placement: every box in a cell ``(column, row)`` of a rigid grid.

- :func:`grid_cells` reads the cells off the legs' sides: an E leg joined to a W leg puts
  the second box one column right of the first, an S leg joined to an N (or S) leg one row
  below. Chains, stacked products, MPS ladders and square grids come out exactly as drawn
  by hand; it says whether every line agreed with it.
- :func:`layered_cells` is the built-in layered layout for anything else when Graphviz is
  missing: columns by longest path along the lines' left-to-right direction (by distance
  from one end when penrose chose the sides, so no line spans columns), rows by
  barycentre or median sweeps.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

import networkx as nx

from ...core.network import Network

__all__ = ["distances", "grid_cells", "layered_cells", "longest_paths", "stacked_cells", "topological_order"]

Cell = tuple[int, int]
_FACING = {
    ("E", "W"): (1, 0),
    ("W", "E"): (-1, 0),
    ("S", "N"): (0, 1),
    ("N", "S"): (0, -1),
    ("S", "S"): (0, 1),
    ("N", "N"): (0, -1),
}


def _neighbours(network: Network) -> list[list[tuple[int, str, str]]]:
    """For each node: (other node, own side, other side) for every bond."""
    sides = [node.sides for node in network.nodes]
    result: list[list[tuple[int, str, str]]] = [[] for _ in network.nodes]
    for (a, leg_a), (b, leg_b) in network.bonds:
        if a != b:
            result[a].append((b, sides[a][leg_a], sides[b][leg_b]))
            result[b].append((a, sides[b][leg_b], sides[a][leg_a]))
    return result


def grid_cells(network: Network) -> tuple[list[tuple[int, int]], bool]:
    """Cells from the legs' sides, component by component, components stacked downwards."""
    neighbours = _neighbours(network)
    cells: list[tuple[int, int] | None] = [None] * len(network.nodes)
    consistent = True
    next_row = 0
    components: list[list[int]] = []
    for start in range(len(network.nodes)):
        if cells[start] is not None:
            continue
        component: dict[int, tuple[int, int]] = {}
        taken: set[tuple[int, int]] = set()
        # depth first, placing a box when it is reached: chains are followed in the order
        # they were composed, and a line closing a loop (a trace) is met last
        stack: list[tuple[int, tuple[int, int]]] = [(start, (0, 0))]
        while stack:
            current, wanted = stack.pop()
            if current in component:
                continue
            if wanted in taken:
                consistent = False
                wanted = _free_cell(wanted, taken)
            component[current] = wanted
            taken.add(wanted)
            column, row = wanted
            for other, own_side, other_side in reversed(neighbours[current]):
                offset = _FACING.get((own_side, other_side))
                if other in component:
                    if not _agrees(component[other], (column, row), offset):
                        consistent = False
                    continue
                if offset is None:
                    consistent = False
                    offset = (1, 1)
                stack.append((other, (column + offset[0], row + offset[1])))
        min_column = min(c for c, _ in component.values())
        min_row = min(r for _, r in component.values())
        for node, (column, row) in component.items():
            cells[node] = (column - min_column, row - min_row + next_row)
        next_row += max(r for _, r in component.values()) - min_row + 1
        components.append(list(component))
    placed = [cell for cell in cells if cell is not None]
    if len(components) > 1 and not network.open_ports:
        placed = _side_by_side(placed, components)
    return placed, consistent


def _side_by_side(cells: list[tuple[int, int]], components: list[list[int]]) -> list[tuple[int, int]]:
    """Closed pieces multiplied together (numbers) read left to right, as ⟨ψ|ψ⟩⟨o|o⟩ is written."""
    result = list(cells)
    column_offset = 0
    for members in components:
        top = min(cells[k][1] for k in members)
        left = min(cells[k][0] for k in members)
        for k in members:
            result[k] = (cells[k][0] - left + column_offset, cells[k][1] - top)
        column_offset += max(cells[k][0] for k in members) - left + 1
    return result


def _agrees(other: tuple[int, int], own: tuple[int, int], offset: tuple[int, int] | None) -> bool:
    """A line to a box already placed agrees with the grid if it is the expected neighbour,
    or closes a loop back along the same row or column (a trace, drawn around the outside)."""
    if offset is None:
        return False
    if other == (own[0] + offset[0], own[1] + offset[1]):
        return True
    if offset[1] == 0:
        return other[1] == own[1] and (other[0] - own[0]) * offset[0] < 0
    return other[0] == own[0] and (other[1] - own[1]) * offset[1] < 0


def _free_cell(wanted: tuple[int, int], taken: set[tuple[int, int]]) -> tuple[int, int]:
    column, row = wanted
    for step in range(1, len(taken) + 2):
        for candidate in ((column, row + step), (column, row - step)):
            if candidate not in taken:
                return candidate
    raise AssertionError("unreachable: there is always a free cell")  # pragma: no cover


def layered_cells(network: Network, free: bool = False) -> list[tuple[int, int]]:
    """A layered layout: columns by longest path along the lines' left-to-right direction, rows by barycentre.

    With ``free`` (nobody chose the legs' sides) the columns are distances from one end of the
    network instead, so that no line spans more than one column.
    """
    if free:
        return _distance_layers(network)
    count = len(network.nodes)
    sides = [node.sides for node in network.nodes]
    successors: list[set[int]] = [set() for _ in range(count)]
    for (a, leg_a), (b, leg_b) in network.bonds:
        if a == b:
            continue
        first, second = (a, b)
        if (sides[a][leg_a], sides[b][leg_b]) in (("W", "E"), ("N", "S")) or (
            sides[a][leg_a] == sides[b][leg_b] and a > b
        ):
            first, second = b, a
        successors[first].add(second)
    _drop_back_edges(successors)
    column = longest_paths(successors)  # every box one column right of its predecessors
    assert column is not None  # back edges are dropped: no cycle is left
    layers: dict[int, list[int]] = {}
    for k in range(count):
        layers.setdefault(column[k], []).append(k)
    predecessors: list[list[int]] = [[] for _ in range(count)]
    for k in range(count):
        for s in successors[k]:
            predecessors[s].append(k)
    row = {k: i for layer in layers.values() for i, k in enumerate(layer)}
    for _ in range(4):  # barycentre sweeps to reduce crossings
        for c in sorted(layers):

            def centre(k: int) -> float:
                linked = predecessors[k] + sorted(successors[k])
                return sum(row[p] for p in linked) / len(linked) if linked else row[k]

            layers[c].sort(key=lambda k: (centre(k), k))
            for i, k in enumerate(layers[c]):
                row[k] = i
    return [(column[k], row[k]) for k in range(count)]


def _distance_layers(network: Network) -> list[tuple[int, int]]:
    """Columns by distance from a far box of each connected piece; rows by median sweeps."""
    count = len(network.nodes)
    linked: list[list[int]] = [[] for _ in range(count)]
    for (a, _), (b, _) in network.bonds:
        if a != b:
            linked[a].append(b)
            linked[b].append(a)
    column = [-1] * count
    offset = 0
    for root in range(count):
        if column[root] >= 0:
            continue
        piece = distances(linked, [root])
        far = max(piece, key=lambda k: (piece[k], -k))  # one end of the piece: columns run across it
        piece = distances(linked, [far])
        for k, distance in piece.items():
            column[k] = offset + distance
        offset += max(piece.values()) + 1
    layers: dict[int, list[int]] = {}
    for k in range(count):
        layers.setdefault(column[k], []).append(k)
    row = {k: i for layer in layers.values() for i, k in enumerate(layer)}
    order = sorted(layers)
    for sweep in range(8):  # alternate left-to-right and right-to-left median sweeps
        for c in order if sweep % 2 == 0 else order[::-1]:
            side = c - 1 if sweep % 2 == 0 else c + 1
            layers[c].sort(key=lambda k, side=side: (_median(row, linked[k], column, side, row[k]), row[k]))
            for i, k in enumerate(layers[c]):
                row[k] = i
    return [(column[k], row[k]) for k in range(count)]


def _median(row: dict[int, int], linked: list[int], column: list[int], side: int, own: int) -> float:
    """The median row of a box's partners in column ``side`` (its own row when it has none there)."""
    near = sorted(row[p] for p in linked if column[p] == side)
    return (near[(len(near) - 1) // 2] + near[len(near) // 2]) / 2 if near else own


def distances(neighbours: Sequence[Iterable[int]], starts: Iterable[int]) -> dict[int, int]:
    """Breadth-first distances, through lines, from the nearest of ``starts`` to every box joined to them."""
    return dict(nx.multi_source_dijkstra_path_length(_graph(neighbours), set(starts)))


def _graph(neighbours: Sequence[Iterable[int]], directed: bool = False) -> nx.Graph:
    """The boxes ``0 … n-1`` and their lines (or directions) as a networkx graph."""
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(range(len(neighbours)))
    graph.add_edges_from((box, other) for box, linked in enumerate(neighbours) for other in linked)
    return graph


def _drop_back_edges(successors: list[set[int]]) -> None:
    """Make the direction graph acyclic: a depth-first search drops every edge back to an open box (a loop)."""
    state = [0] * len(successors)  # 0 new, 1 on the current path, 2 done
    for root in range(len(successors)):
        if state[root]:
            continue
        stack = [(root, iter(sorted(successors[root])))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if state[child] == 1:
                    successors[node].discard(child)
                elif state[child] == 0:
                    state[child] = 1
                    stack.append((child, iter(sorted(successors[child]))))
                    break
            else:
                state[node] = 2
                stack.pop()


def stacked_cells(network: Network) -> list[Cell] | None:
    """Cells from the legs' sides when vertical lines may span several rows (a sandwich ⟨ψ|O_i O_j|ψ⟩).

    Boxes joined left to right (E–W) share a row, one column apart; a box joined below
    another (S–N) shares its column and sits in some row below it, rows given by the
    longest chain above. None when the sides contradict this or two boxes would share a cell.
    """
    count = len(network.nodes)
    sides = [node.sides for node in network.nodes]
    across: list[list[tuple[int, int]]] = [[] for _ in range(count)]  # (other box, column offset)
    down: list[tuple[int, int]] = []  # (upper box, lower box)
    for (a, leg_a), (b, leg_b) in network.bonds:
        pair = (sides[a][leg_a], sides[b][leg_b])
        if a == b:
            return None
        if pair in (("E", "W"), ("W", "E")):
            offset = 1 if pair == ("E", "W") else -1
            across[a].append((b, offset))
            across[b].append((a, -offset))
        elif pair == ("S", "N"):
            down.append((a, b))
        elif pair == ("N", "S"):
            down.append((b, a))
        else:
            return None
    row_of = [-1] * count  # each box's row class, and its column within the class
    column = [0] * count
    classes: list[list[int]] = []
    for start in range(count):
        if row_of[start] >= 0:
            continue
        members: list[int] = []
        closing: list[tuple[int, int]] = []  # lines against the row's order: (the box of the E leg, of the W leg)
        stack = [(start, 0, start, 0)]  # (box, its column, reached from, with offset): depth first, rightwards
        while stack:  # first, so a row closed by a trace is laid out as composed and the trace met last
            box, wanted, source, offset = stack.pop()
            if row_of[box] >= 0:  # (placed already, in this row: across lines stay within it)
                if column[box] != wanted:
                    closing.append((source, box) if offset > 0 else (box, source))
                continue
            row_of[box], column[box] = len(classes), wanted
            members.append(box)
            for other, step in sorted(across[box], key=lambda item: item[1]):  # (E last: popped first)
                stack.append((other, wanted + step, box, step))
        ends = (min(members, key=column.__getitem__), max(members, key=column.__getitem__))
        if any((west, east) != ends for east, west in closing):
            return None  # only a trace closing the row (its last box's E to its first's W) goes round
        classes.append(members)
    shift = [None] * len(classes)  # each class's column shift, and its row
    below: list[set[int]] = [set() for _ in classes]
    links: list[list[tuple[int, int]]] = [[] for _ in classes]
    for upper, lower in down:
        a, b = row_of[upper], row_of[lower]
        if a == b:
            return None
        below[a].add(b)
        links[a].append((b, column[upper] - column[lower]))
        links[b].append((a, column[lower] - column[upper]))
    for start in range(len(classes)):
        if shift[start] is not None:
            continue
        shift[start] = 0
        queue = deque([start])
        while queue:
            c = queue.popleft()
            for other, offset in links[c]:
                wanted = shift[c] + offset  # type: ignore[operator]
                if shift[other] is None:
                    shift[other] = wanted
                    queue.append(other)
                elif shift[other] != wanted:
                    return None
    rows = longest_paths(below)
    if rows is None:
        return None
    cells = [(column[box] + shift[row_of[box]], rows[row_of[box]]) for box in range(count)]  # type: ignore[operator]
    if len(set(cells)) != count:
        return None
    left, top = min(c for c, _ in cells), min(r for _, r in cells)
    return [(c - left, r - top) for c, r in cells]


def topological_order(successors: Sequence[Iterable[int]]) -> list[int] | None:
    """Every box after all the boxes it follows (smallest number first where free); None if they form a cycle."""
    try:
        return list(nx.lexicographical_topological_sort(_graph(successors, directed=True)))
    except nx.NetworkXUnfeasible:
        return None


def longest_paths(successors: Sequence[Iterable[int]]) -> list[int] | None:
    """Each box's layer: one more than the deepest box it follows (its topological generation); None if they
    form a cycle."""
    depth = [0] * len(successors)
    try:
        for layer, boxes in enumerate(nx.topological_generations(_graph(successors, directed=True))):
            for box in boxes:
                depth[box] = layer
    except nx.NetworkXUnfeasible:
        return None
    return depth
