"""Shapes physicists draw, recognised from a network whose leg sides penrose chose (``pn.einsum``).

When nobody declared where a network's legs go, its picture may put each leg on the
side that faces its partner. Then the network's graph decides the placement:

- a **chain** (a path of boxes) is drawn as one row;
- a **rectangular grid** (an L×M lattice, also a ladder) as a square grid, rows and columns
  as in the lattice;
- a **tree** (a TTN) with its centre on top and each box's children spread below it;
- any of these with **boxes on some lines** (the operators of a correlator on a periodic MPS):
  each such box between the line's ends, the other lines spanning the gap;
- **layers** (a MERA): boxes holding the open legs along the bottom, every other
  box one row above the nearest of them, when every line joins neighbouring rows;
- any of these with **pendants** (:mod:`.pendants`): one-leg vectors (an amplitude's bras, boundary vectors)
  each beside the box it joins;
- **environments capping a sandwich** (⟨l|E|r⟩ of transfer matrices, :mod:`.capped`): each at its end,
  spanning the rows it joins;
- anything else by the general layered layout, legs then facing their partners.

Open legs go on the side they were given when that side holds no line, else on the side
with fewest lines (below first: physical legs hang down).
"""

from __future__ import annotations

import networkx as nx

from ...core.legs import Leg
from ...core.network import Network
from .capped import capped_cells
from .geometry import OUT_OF_PLANE
from .grids import lattice_cells, turns
from .layers import layers, mirrored_rows, sandwich_rows
from .pendants import pendant_cells
from .placement import distances
from .stacks import doubled_cells, stack_cells
from .tori import inside_closing

__all__ = [
    "candidates",
    "closing_bonds",
    "facing_sides",
    "leg_orders",
    "out_of_plane",
    "recognise",
    "torus_ways",
    "tree_cells",
]

Cell = tuple[int, int]
PREFERENCE = ("S", "N", "E", "W")  # where an open leg goes when its own side is taken
OPPOSITE = {"N": "S", "S": "N", "W": "E", "E": "W"}


def recognise(network: Network) -> tuple[str, list[Cell]] | None:
    """The first of :func:`candidates`, or None."""
    found = candidates(network)
    return found[0] if found else None


def candidates(network: Network) -> list[tuple[str, list[Cell]]]:
    """Every ``(shape, cells)`` that fits: a ``"chain"`` (also a ``"tree"``), a rectangular grid (``"lattice"``)."""
    count = len(network.nodes)
    neighbours: list[set[int]] = [set() for _ in range(count)]
    edges = set()
    parallel = False  # two lines between one pair (a MERA's top): only the layered shapes can hold them
    for (a, _), (b, _) in network.bonds:
        if a == b:
            return []  # a loop on one box: no simple shape
        parallel = parallel or (min(a, b), max(a, b)) in edges
        edges.add((min(a, b), max(a, b)))
        neighbours[a].add(b)
        neighbours[b].add(a)
    if count < 3 or not _connected(neighbours):
        return []
    if any(node.conjugated for node in network.nodes):  # (ψ.H & ψ: the ket's layers above their mirror image)
        mirrored = mirrored_rows(network, neighbours)
        if mirrored is not None:
            return [mirrored]
    if parallel:
        layered = layers(neighbours, [box for box, _ in network.open_ports])
        return [layered] if layered is not None else []
    if len(edges) == count - 1:
        if not all(len(n) <= 2 for n in neighbours):  # (a chain stays one, its end vectors in line)
            hanging = pendant_cells(network, recognise)
            if hanging is not None:  # an amplitude ⟨s₁s₂…|ψ⟩ of an MPS: the row, each bra under its site
                return [hanging]
        declared = _declared_root(network)
        tree = ("tree", _tree(neighbours, declared if declared is not None else _bare_root(network, neighbours)))
        return [("chain", _chain(neighbours)), tree] if all(len(n) <= 2 for n in neighbours) else [tree]
    cells = lattice_cells(neighbours, len(edges))
    if cells is not None:
        return [("lattice", _lying(cells))]
    cells = stack_cells(neighbours)
    if cells is not None:
        return [("stack", cells)]
    cells = doubled_cells(neighbours)
    if cells is not None:  # a CTM's environment round a ket and a bra stacked
        return [("doubled", cells)]
    capped = capped_cells(neighbours, _bond_widths(network))
    if capped is not None:
        return [("capped", capped)]
    found = _periodic(neighbours, len(edges)) or _between(neighbours)
    if found is not None:
        return [found]
    hanging = pendant_cells(network, recognise)
    if hanging is not None:  # boundary vectors on an MPS norm's dimension-1 end bonds, beside their corners
        return [hanging]
    layered = layers(neighbours, [box for box, _ in network.open_ports])
    if layered is not None:
        return [layered]
    cells = sandwich_rows(neighbours)
    return [("layers", cells)] if cells is not None else []


def _bond_widths(network: Network) -> dict[tuple[int, int], float]:
    """Each line's bond dimension, by its two boxes (the smaller first; the widest of parallel lines): an
    environment's lines are virtual bonds, an operator's physical legs."""
    widths: dict[tuple[int, int], float] = {}
    for (a, leg_a), (b, _) in network.bonds:
        dim = network.leg((a, leg_a)).dim or 1  # (a symbolic box's legs may have no dimension)
        key = (min(a, b), max(a, b))
        widths[key] = max(widths.get(key, 1), dim)
    return widths


def _lying(cells: list[Cell]) -> list[Cell]:
    """A lattice turned to lie on its long side: a ladder (an MPS norm) horizontal, as the field draws it."""
    return turns(cells)[0]


def _between(neighbours: list[set[int]]) -> tuple[str, list[Cell]] | None:
    """A lattice, torus or cylinder with boxes on some of its lines (the operators of ⟨ψ|Sz₀Sz₂|ψ⟩ on a
    periodic MPS): each such box under or beside the line's ends, the other lines spanning the gap.

    The boxes between are those with two lines whose partners have three or more; taken out
    (their two partners joined), the rest must be a shape :func:`candidates` knows, and each
    box between two neighbours of it.
    """
    between = [k for k, n in enumerate(neighbours) if len(n) == 2 and all(len(neighbours[m]) >= 3 for m in n)]
    if not between:
        return None
    kept = [k for k in range(len(neighbours)) if k not in set(between)]
    number = {k: i for i, k in enumerate(kept)}
    reduced: list[set[int]] = [{number[m] for m in neighbours[k] if m in number} for k in kept]
    for k in between:
        a, b = (number[m] for m in neighbours[k])
        if b in reduced[a]:
            return None  # two lines between one pair: no simple shape
        reduced[a].add(b)
        reduced[b].add(a)
    edge_count = sum(len(n) for n in reduced) // 2
    grid = lattice_cells(reduced, edge_count)
    found = ("lattice", grid) if grid else _periodic(reduced, edge_count)
    if found is None:
        return None
    shape, cells = found
    placed: list[Cell | None] = [None] * len(neighbours)
    for k in kept:
        column, row = cells[number[k]]
        placed[k] = (2 * column, 2 * row)
    for k in between:
        (c1, r1), (c2, r2) = (placed[m] for m in neighbours[k])  # type: ignore[misc]
        if abs(c1 - c2) + abs(r1 - r2) != 2:
            return None  # on a line that closes the torus: no room between its ends
        placed[k] = ((c1 + c2) // 2, (r1 + r2) // 2)
    if len(set(placed)) != len(placed):
        return None
    return shape, placed  # type: ignore[return-value]


def out_of_plane(network: Network, cells: list[Cell]) -> bool:
    """True for a PEPS: a lattice of at least 2×2 boxes, each with exactly one open leg (its physical leg)."""
    if len({c for c, _ in cells}) < 2 or len({r for _, r in cells}) < 2:
        return False
    holding = [box for box, _ in network.open_ports]
    return sorted(holding) == list(range(len(network.nodes)))


def facing_sides(
    network: Network,
    cells: list[Cell],
    below: bool = False,
    wrap: bool = False,
    rows: bool = False,
    plane: bool = False,
    wrap_rows: bool = True,
) -> list[dict[str, str]]:
    """For each box, the side each leg is drawn on: bonds facing their partner's cell, open legs where room is.

    With ``below`` (a tree's physical legs) every open leg hangs below its box. With ``wrap``
    (a torus) a line from the first column to the last leaves outwards and goes round, and so does
    one from the first row to the last unless ``wrap_rows`` is False (a cylinder). With
    ``rows`` (a layered network) every line between two rows leaves and enters vertically.
    With ``plane`` (a PEPS) every open leg points out of the plane (:data:`OUT_OF_PLANE`).
    """
    sides = [dict(node.sides) for node in network.nodes]
    extent = _extent(cells)
    for (a, leg_a), (b, leg_b) in network.bonds:
        dx, dy = cells[b][0] - cells[a][0], cells[b][1] - cells[a][1]
        across, down = _closes(cells, a, b, extent, wrap_rows) if wrap else (False, False)
        if wrap_rows and (across or down) and inside_closing(extent) == ("down" if down else "across"):
            across = down = False  # on a torus, one direction's closing lines run back inside: see tori.inside_closing
        dx, dy = -dx if across else dx, -dy if down else dy  # round the outside, the short way on the torus
        if a == b:
            sides[a][leg_a], sides[b][leg_b] = "E", "W"
        elif abs(dx) > abs(dy) and not (rows and dy):  # a tie (a tree's child, one column aside) goes up and down
            sides[a][leg_a], sides[b][leg_b] = ("E", "W") if dx > 0 else ("W", "E")
        else:
            sides[a][leg_a], sides[b][leg_b] = ("S", "N") if dy > 0 else ("N", "S")
    bonded = {port for bond in network.bonds for port in bond}
    for position, node in enumerate(network.nodes):
        lines = [sides[position][leg.name] for leg in node.legs if (position, leg.name) in bonded]
        for leg in node.legs:
            if (position, leg.name) in bonded:
                continue
            own = OUT_OF_PLANE if plane else "S" if below else node.sides[leg.name]
            if own in lines and not below and not plane:
                own = min(PREFERENCE, key=lambda side: (lines.count(side), PREFERENCE.index(side)))
            sides[position][leg.name] = own
            lines.append(own)
    return sides


def closing_bonds(network: Network, cells: list[Cell], rows: bool) -> frozenset[int]:
    """The numbers of the bonds that close a cylinder (first column to last) or, with ``rows``, a torus
    (also first row to last) and that the picture sends round the outside (on a torus, those of one
    direction only: :func:`~penrose.draw.layout.tori.inside_closing`)."""
    extent = _extent(cells)
    inside = inside_closing(extent) if rows else None
    outside = []
    for k, ((a, _), (b, _)) in enumerate(network.bonds):
        across, down = _closes(cells, a, b, extent, rows)
        if (across or down) and ("down" if down else "across") != inside:
            outside.append(k)
    return frozenset(outside)


def torus_ways(network: Network, cells: list[Cell], closing: frozenset[int]) -> dict[int, str]:
    """The lines that close a torus (``closing``: :func:`closing_bonds`), each with the way it goes round the
    picture: a row's over the top (``"N"``), a column's round the left (``"W"``). (``closing`` holds one direction's
    only: the other's come back inside, :func:`~penrose.draw.layout.tori.inside_closing`.)"""
    ways = {}
    for k in closing:
        (a, _), (b, _) = network.bonds[k]
        if cells[a][1] == cells[b][1]:
            ways[k] = "N"
        elif cells[a][0] == cells[b][0]:
            ways[k] = "W"
    return ways


def _extent(cells: list[Cell]) -> tuple[int, int]:
    """How many columns and rows the cells span."""
    return max(c for c, _ in cells) + 1, max(r for _, r in cells) + 1


def _closes(cells: list[Cell], a: int, b: int, extent: tuple[int, int], rows: bool) -> tuple[bool, bool]:
    """Whether the line from box ``a`` to box ``b`` goes from the first column to the last (or back), and
    (with ``rows``) from the first row to the last: on a torus, such a line closes it."""
    width, height = extent
    dx, dy = abs(cells[b][0] - cells[a][0]), abs(cells[b][1] - cells[a][1])
    return width > 2 and dx == width - 1, rows and height > 2 and dy == height - 1


def leg_orders(network: Network, cells: list[Cell], sides: list[dict[str, str]]) -> list[list[Leg]]:
    """Each box's legs in the order they sit along their sides, chosen so that lines do not cross needlessly.

    Along a left or right side legs go by their partner's row, along the top or bottom by its
    column; parallel lines between the same two boxes keep the order of the network's bonds
    at both ends. An open leg sits where the leg of the same rank on the opposite side has its
    partner (a gate's output under its input: site k's line goes on down where it came in); other
    open legs come last.
    """
    partner: dict[tuple[int, str], tuple[int, int]] = {}
    for k, (first, second) in enumerate(network.bonds):
        partner[first] = (second[0], k)
        partner[second] = (first[0], k)
    orders = []
    for position, node in enumerate(network.nodes):
        by_side: dict[str, list[str]] = {}
        for leg in node.legs:
            by_side.setdefault(sides[position][leg.name], []).append(leg.name)
        keys = {}
        for index, leg in enumerate(node.legs):
            found = partner.get((position, leg.name))
            place = _along(position, leg.name, sides[position], by_side, partner, cells)
            if place is None:
                keys[leg.name] = (1, 0, 0, index)
            else:
                far = _reach(position, found[0], sides[position][leg.name], cells) if found else 0
                keys[leg.name] = (0, place, far, found[0] if found else -1, found[1] if found else index)
        orders.append(sorted(node.legs, key=lambda leg, keys=keys: keys[leg.name]))
    return orders


def _reach(position: int, other: int, side: str, cells: list[Cell]) -> int:
    """How many rows (top and bottom sides) or columns (left and right) away the box ``other`` is: of two lines to
    one column, the nearer partner's leg comes first at both ends (a torus's closing line beside its column)."""
    axis = 1 if side in "NS" else 0
    return abs(cells[other][axis] - cells[position][axis])


def _along(
    position: int,
    name: str,
    drawn: dict[str, str],
    by_side: dict[str, list[str]],
    partner: dict[tuple[int, str], tuple[int, int]],
    cells: list[Cell],
) -> int | None:
    """Where along its side the leg ``name`` of box ``position`` points: its partner's row (left and right sides)
    or column (top and bottom); an open leg, where the leg of its rank on the opposite side points; else None."""
    side = drawn[name]
    found = partner.get((position, name))
    if found is not None:
        return cells[found[0]][1] if side in "WE" else cells[found[0]][0]
    opposite = by_side.get(OPPOSITE[side], []) if side in OPPOSITE else []
    rank = by_side[side].index(name)
    if rank < len(opposite) and (position, opposite[rank]) in partner:
        return _along(position, opposite[rank], drawn, by_side, partner, cells)
    return None


def _connected(neighbours: list[set[int]]) -> bool:
    return len(_distances(neighbours, 0)) == len(neighbours)


def _distances(neighbours: list[set[int]], start: int) -> dict[int, int]:
    return distances(neighbours, [start])


def _chain(neighbours: list[set[int]]) -> list[Cell]:
    """A path, left to right from its lower-numbered end."""
    start = min(k for k, n in enumerate(neighbours) if len(n) <= 1)
    cells: list[Cell] = [(0, 0)] * len(neighbours)
    previous, node = -1, start
    for column in range(len(neighbours)):
        cells[node] = (column, 0)
        following = [k for k in neighbours[node] if k != previous]
        if not following:
            break
        previous, node = node, following[0]
    return cells


def _declared_root(network: Network) -> int | None:
    """The box a user drew as a tree's root: the one box whose lines all leave from its bottom (S) side, when
    the sides were declared and every other box has a line from its top (N); else None (the centre is taken)."""
    bonded: list[list[str]] = [[] for _ in network.nodes]
    for bond in network.bonds:
        for box, leg in bond:
            bonded[box].append(network.nodes[box].sides[leg])
    if not all(node.sides_given for node in network.nodes):
        return None
    tops = [box for box, sides in enumerate(bonded) if sides and set(sides) == {"S"}]
    rest_hang = all("N" in sides for box, sides in enumerate(bonded) if box not in tops)
    return tops[0] if len(tops) == 1 and rest_hang else None


def _bare_root(network: Network, neighbours: list[set[int]]) -> int | None:
    """The root of a tree tensor network built without sides: of the boxes holding no open leg, the one with
    fewest lines, when it is the only one (a binary TTN's root has two children, its other inner boxes three)."""
    holding = {box for box, _ in network.open_ports}
    bare = [box for box in range(len(neighbours)) if box not in holding and len(neighbours[box]) >= 2]
    if not bare or len(holding) == 0:
        return None
    fewest = min(len(neighbours[box]) for box in bare)
    roots = [box for box in bare if len(neighbours[box]) == fewest]
    return roots[0] if len(roots) == 1 else None


def tree_cells(network: Network, root: int) -> list[Cell] | None:
    """The boxes hung from ``root`` (its children in the row below, spread under it); None when not a tree."""
    count = len(network.nodes)
    neighbours = [set(partners) for partners in network.neighbours]
    edges = {(min(a, b), max(a, b)) for (a, _), (b, _) in network.bonds}
    if len(edges) != len(network.bonds) or len(edges) != count - 1 or not _connected(neighbours):
        return None
    return _hang(neighbours, [root])


def _tree(neighbours: list[set[int]], root: int | None = None) -> list[Cell]:
    """Centre (or ``root``) on top, each box's children in the row below, spread under it; leaves two columns
    apart."""
    if root is not None:
        return _hang(neighbours, [root])
    far = _distances(neighbours, 0)
    end = max(far, key=lambda k: (far[k], -k))
    from_end = _distances(neighbours, end)
    other = max(from_end, key=lambda k: (from_end[k], -k))
    from_other = _distances(neighbours, other)
    diameter = from_end[other]
    middle = [k for k in range(len(neighbours)) if from_end[k] + from_other[k] == diameter]
    balance = min(abs(from_end[k] - from_other[k]) for k in middle)
    roots = sorted(k for k in middle if abs(from_end[k] - from_other[k]) == balance)  # one centre, or an edge's two
    return _hang(neighbours, roots)


def _hang(neighbours: list[set[int]], roots: list[int]) -> list[Cell]:
    """``roots`` (one box, or a line's two ends side by side) on top, children spread in the rows below."""
    cells: list[Cell] = [(0, 0)] * len(neighbours)
    column: dict[int, float] = {}
    next_leaf = 0
    starts = [(roots[0], -1)] if len(roots) == 1 else [(roots[0], roots[1]), (roots[1], roots[0])]
    for root, above in starts:  # (the centre a line: both its ends on top, side by side)
        depth = {root: 0}
        stack = [(root, above, False)]
        while stack:  # depth first, children in order, each box placed after its children (no recursion:
            node, parent, done = stack.pop()  # a chain of thousands of boxes is a tree too)
            children = sorted(k for k in neighbours[node] if k != parent)
            if not done:
                stack.append((node, parent, True))
                for child in reversed(children):
                    depth[child] = depth[node] + 1
                    stack.append((child, node, False))
                continue
            if children:
                column[node] = (column[children[0]] + column[children[-1]]) / 2
            else:
                column[node], next_leaf = float(next_leaf), next_leaf + 2
            cells[node] = (round(column[node]), depth[node])
    return cells


def _walked_torus(neighbours: list[set[int]], edge_count: int) -> list[Cell] | None:
    """Cells of an L×M periodic lattice (L, M = 3 or at least 5), by walking straight lines; None if not one
    (:func:`_periodic`'s fast way, linear in the boxes).

    At a node, going on straight from the node before is the one neighbour that closes no
    square with it (on a torus of 4 that is ambiguous, and it is not recognised).
    """
    count = len(neighbours)
    if any(len(n) != 4 for n in neighbours) or edge_count != 2 * count:
        return None

    def straight(previous: int, node: int) -> int | None:
        ahead = [k for k in neighbours[node] if k != previous and not (neighbours[k] & neighbours[previous]) - {node}]
        return ahead[0] if len(ahead) == 1 else None

    def line(start: int, first: int) -> list[int] | None:
        nodes, previous, node = [start], start, first
        while node != start:
            if len(nodes) > count:
                return None
            nodes.append(node)
            following = straight(previous, node)
            if following is None:
                return None
            previous, node = node, following
        return nodes

    start = 0
    for first in sorted(neighbours[start]):
        row = line(start, first)
        if row is None or len(row) < 3 or count % len(row):
            continue
        across = [k for k in neighbours[start] if k not in (row[1], row[-1])]
        column = line(start, across[0]) if len(across) == 2 else None
        if column is None or len(row) * len(column) != count or 4 in (len(row), len(column)):
            continue
        cells: dict[int, Cell] = {}
        above = row
        for y, head in enumerate(column):  # every row from its head, the same way round as the row above it
            following = [row[1]] if y == 0 else [k for k in neighbours[head] & neighbours[above[1]] if k not in column]
            walked = line(head, following[0]) if len(following) == 1 else None
            if walked is None or len(walked) != len(row):
                break
            for x, node in enumerate(walked):
                cells.setdefault(node, (x, y))
            above = walked
        else:
            if len(cells) == count and len(set(cells.values())) == count and _is_torus(neighbours, cells, len(row)):
                return [cells[k] for k in range(count)]
    return None


#: The most boxes :func:`_periodic` matches against tori and cylinders (a graph isomorphism search).
PERIODIC_LIMIT = 144


def _periodic(neighbours: list[set[int]], edge_count: int) -> tuple[str, list[Cell]] | None:
    """``("torus", cells)`` of an L×M torus (any L, M ≥ 3, 4 included) or ``("cylinder", cells)`` (L rows,
    M ≥ 3 round the ring, only the rows closed: a periodic MPS, its norm, an MPO sandwiched on a ring); None
    when none matches. The one recogniser of periodic shapes: a torus is first walked along its straight lines
    (:func:`_walked_torus`, any size); what that cannot read (a side of 4, a cylinder) is matched against each
    candidate shape (networkx's VF2) up to ``PERIODIC_LIMIT`` boxes."""
    cells = _walked_torus(neighbours, edge_count)
    if cells is not None:
        return "torus", cells
    count = len(neighbours)
    degrees = sorted(len(n) for n in neighbours)
    if count > PERIODIC_LIMIT or degrees[0] < 2 or degrees[-1] > 4:
        return None
    graph = nx.Graph((a, b) for a, others in enumerate(neighbours) for b in others)
    squares = _squares(graph)
    for rows in range(1, count + 1):
        columns, remainder = divmod(count, rows)
        if remainder or columns < 3:
            continue
        for periodic in ((True, True), (False, True)):
            if periodic == (True, True) and rows < 3:
                continue
            expected = rows * columns + (rows if periodic[0] else rows - 1) * columns
            if expected != edge_count:
                continue
            shape = nx.grid_2d_graph(rows, columns, periodic=periodic)
            if squares != _squares(shape):
                continue  # a quick necessary test first: the matcher alone can take minutes on a random graph
            matcher = nx.algorithms.isomorphism.GraphMatcher(graph, shape)
            if matcher.is_isomorphic():
                cells = _canonical([(matcher.mapping[k][1], matcher.mapping[k][0]) for k in range(count)], periodic)
                return ("torus" if periodic[0] else "cylinder"), cells
    return None


def _squares(graph: nx.Graph) -> list[int]:
    """How many 4-cycles pass through each node, sorted: equal for two graphs that are the same shape."""
    counts = []
    for node in graph:
        around = list(graph[node])
        counts.append(
            sum(len((set(graph[a]) & set(graph[b])) - {node}) for i, a in enumerate(around) for b in around[i + 1 :])
        )
    return sorted(counts)


def _canonical(cells: list[Cell], periodic: tuple[bool, bool]) -> list[Cell]:
    """The same periodic drawing turned so that box 0 is in the first column (and row, on a torus) and the
    numbering runs right and down: any turn of a torus is one, the matcher's is arbitrary."""
    width = max(c for c, _ in cells) + 1
    height = max(r for _, r in cells) + 1
    column0, row0 = cells[0]
    if not periodic[0]:
        row0 = 0
    cells = [((c - column0) % width, (r - row0) % height if periodic[0] else r) for c, r in cells]
    where = {cell: k for k, cell in enumerate(cells)}
    row = cells[0][1]
    if where[(width - 1, row)] < where[(1, row)]:  # the next box to the right, not to the left
        cells = [((-c) % width, r) for c, r in cells]
    if periodic[0] and height > 2:
        where = {cell: k for k, cell in enumerate(cells)}
        if where[(0, height - 1)] < where[(0, 1)]:
            cells = [(c, (-r) % height) for c, r in cells]
    return cells


def _is_torus(neighbours: list[set[int]], cells: dict[int, Cell], width: int) -> bool:
    height = len(cells) // width
    for node, others in enumerate(neighbours):
        x, y = cells[node]
        expected = {((x + 1) % width, y), ((x - 1) % width, y), (x, (y + 1) % height), (x, (y - 1) % height)}
        if {cells[k] for k in others} != expected:
            return False
    return True
