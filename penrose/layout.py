"""Layout: a network to geometry (box positions and sizes, leg anchors, routed lines).

Placement puts every box in a cell ``(column, row)`` of a rigid grid, then the grid is
turned into coordinates (columns as wide as their widest box, a fixed gap between).
Three ways to find the cells:

- ``grid``: read off the legs' sides. An E leg joined to a W leg puts the second box
  one column right of the first, an S leg joined to an N (or S) leg one row below:
  chains, stacked products, MPS ladders and square grids come out exactly as drawn by
  hand. Used whenever every line agrees with it.
- ``dot`` / ``neato``: Graphviz (see :mod:`penrose.graphviz_layout`), snapped to the grid.
- ``layered``: a built-in layered layout for anything else when Graphviz is missing.

Lines leave each box on their leg's declared side and run axis-aligned.
"""

from __future__ import annotations

import shutil
import warnings
from collections import deque
from dataclasses import dataclass
from itertools import pairwise

from .errors import DiagramError
from .labels import decorate, text_width
from .network import Network
from .themes import Theme

__all__ = ["Geometry", "PlacedBox", "Route", "dot_available", "layout"]

DIRECTIONS = {"W": (-1.0, 0.0), "E": (1.0, 0.0), "N": (0.0, -1.0), "S": (0.0, 1.0)}
_FACING = {
    ("E", "W"): (1, 0),
    ("W", "E"): (-1, 0),
    ("S", "N"): (0, 1),
    ("N", "S"): (0, -1),
    ("S", "S"): (0, 1),
    ("N", "N"): (0, -1),
}
Point = tuple[float, float]


@dataclass(frozen=True)
class PlacedBox:
    """A box in the picture: centre ``(x, y)``, size, decorated label, and its legs' anchor points."""

    node: int
    x: float
    y: float
    width: float
    height: float
    label: str
    kind: str
    circle: bool
    color: str | None
    anchors: dict[str, Point]
    sides: dict[str, str]

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Route:
    """A line: a bond between two legs, or an open leg's stub (``end`` is None)."""

    points: tuple[Point, ...]
    start: tuple[int, str, str]  # node, leg, side
    end: tuple[int, str, str] | None
    label: str | None = None

    @property
    def kind(self) -> str:
        return "open" if self.end is None else "bond"


@dataclass(frozen=True)
class Geometry:
    """A laid-out network: boxes and routes in pixels, the content starting at (0, 0)."""

    boxes: tuple[PlacedBox, ...]
    routes: tuple[Route, ...]
    width: float
    height: float
    engine: str


_warned_no_dot = False


def dot_available() -> bool:
    """True when Graphviz's ``dot`` program is on the PATH."""
    return shutil.which("dot") is not None


def layout(network: Network, theme: Theme, engine: str = "auto", leg_labels: bool = False) -> Geometry:
    """Lay out ``network`` with ``engine``: ``"auto"``, ``"dot"``, ``"neato"`` or ``"builtin"``.

    ``auto`` uses the exact grid read off the legs' sides when every line agrees with it,
    otherwise Graphviz ``dot`` when installed, otherwise the built-in layered layout
    (saying once that Graphviz is missing). ``builtin`` never calls Graphviz.
    """
    if engine not in ("auto", "dot", "neato", "builtin"):
        raise DiagramError(f"unknown layout {engine!r}; choose 'auto', 'dot', 'neato' or 'builtin'")
    sizes = [_box_size(network, k, theme) for k in range(len(network.nodes))]
    cells, consistent = _grid_cells(network)
    used = "grid"
    if engine in ("dot", "neato") or (engine == "auto" and not consistent):
        if engine == "auto" and not dot_available():
            _warn_no_dot()
            cells, used = _layered_cells(network), "layered"
        else:
            from .graphviz_layout import graphviz_cells

            program = "dot" if engine == "auto" else engine
            cells, used = graphviz_cells(network, sizes, theme, program), program
    elif engine == "builtin" and not consistent:
        cells, used = _layered_cells(network), "layered"
    return _geometry(network, cells, sizes, theme, used, leg_labels)


def _warn_no_dot() -> None:
    global _warned_no_dot
    if not _warned_no_dot:
        _warned_no_dot = True
        warnings.warn(
            "Graphviz's 'dot' program was not found, so penrose uses its built-in layout; install "
            "Graphviz (apt-get install graphviz, brew install graphviz or conda install graphviz) "
            "for better pictures of general networks",
            RuntimeWarning,
            stacklevel=4,
        )


def _box_size(network: Network, index: int, theme: Theme) -> tuple[float, float]:
    node = network.nodes[index]
    label = decorate(node.name, node.role, node.adjoint, node.conjugated)
    count = {side: 0 for side in "WENS"}
    for leg in node.legs:
        count[leg.side] += 1
    text = text_width(label, theme.font_size)
    if node.role == "scalar":
        diameter = max(theme.box_height, text + theme.box_padding)
        return diameter, diameter
    width = max(theme.box_height, text + 2 * theme.box_padding, (max(count["N"], count["S"]) + 1) * theme.leg_spacing)
    height = max(theme.box_height, (max(count["W"], count["E"]) + 1) * theme.leg_spacing)
    return width, height


def _neighbours(network: Network) -> list[list[tuple[int, str, str]]]:
    """For each node: (other node, own side, other side) for every bond."""
    sides = [{leg.name: leg.side for leg in node.legs} for node in network.nodes]
    result: list[list[tuple[int, str, str]]] = [[] for _ in network.nodes]
    for (a, leg_a), (b, leg_b) in network.bonds:
        if a != b:
            result[a].append((b, sides[a][leg_a], sides[b][leg_b]))
            result[b].append((a, sides[b][leg_b], sides[a][leg_a]))
    return result


def _grid_cells(network: Network) -> tuple[list[tuple[int, int]], bool]:
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


def _layered_cells(network: Network) -> list[tuple[int, int]]:
    """A layered layout: columns by longest path along the lines' left-to-right direction, rows by barycentre."""
    count = len(network.nodes)
    sides = [{leg.name: leg.side for leg in node.legs} for node in network.nodes]
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
    column = [0] * count
    indegree = [0] * count
    for k in range(count):
        for s in successors[k]:
            indegree[s] += 1
    queue = deque(k for k in range(count) if indegree[k] == 0)
    while queue:  # longest path from the sources: every box one column right of its predecessors
        k = queue.popleft()
        for s in sorted(successors[k]):
            column[s] = max(column[s], column[k] + 1)
            indegree[s] -= 1
            if indegree[s] == 0:
                queue.append(s)
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


def _geometry(
    network: Network,
    cells: list[tuple[int, int]],
    sizes: list[tuple[float, float]],
    theme: Theme,
    engine: str,
    leg_labels: bool,
) -> Geometry:
    columns = max(c for c, _ in cells) + 1
    rows = max(r for _, r in cells) + 1
    column_width = [0.0] * columns
    row_height = [0.0] * rows
    for (c, r), (w, h) in zip(cells, sizes):
        column_width[c] = max(column_width[c], w)
        row_height[r] = max(row_height[r], h)
    x_centre, y_centre = [], []
    position = 0.0
    for width in column_width:
        x_centre.append(position + width / 2)
        position += width + theme.gap
    position = 0.0
    for height in row_height:
        y_centre.append(position + height / 2)
        position += height + theme.row_gap
    boxes = []
    for k, ((c, r), (w, h)) in enumerate(zip(cells, sizes)):
        node = network.nodes[k]
        x, y = x_centre[c], y_centre[r]
        anchors, sides = _anchors(node.legs, x, y, w, h, node.role == "scalar")
        boxes.append(
            PlacedBox(
                k,
                x,
                y,
                w,
                h,
                decorate(node.name, node.role, node.adjoint, node.conjugated),
                node.role,
                node.role == "scalar",
                node.color,
                anchors,
                sides,
            )
        )
    routes = _routes(network, boxes, theme, leg_labels)
    return _normalised(boxes, routes, theme, engine)


def _anchors(legs, x: float, y: float, w: float, h: float, circle: bool) -> tuple[dict[str, Point], dict[str, str]]:
    by_side: dict[str, list[str]] = {side: [] for side in "WENS"}
    for leg in legs:
        by_side[leg.side].append(leg.name)
    anchors: dict[str, Point] = {}
    sides: dict[str, str] = {}
    for side, names in by_side.items():
        for k, name in enumerate(names):
            fraction = (k + 1) / (len(names) + 1)
            if side in "WE":
                along = y - h / 2 + fraction * h
                anchors[name] = (x + (w / 2 if side == "E" else -w / 2), along)
            else:
                along = x - w / 2 + fraction * w
                anchors[name] = (along, y + (h / 2 if side == "S" else -h / 2))
            if circle and len(names) == 1:
                dx, dy = DIRECTIONS[side]
                anchors[name] = (x + dx * w / 2, y + dy * h / 2)
            sides[name] = side
    return anchors, sides


def _routes(network: Network, boxes: list[PlacedBox], theme: Theme, leg_labels: bool) -> list[Route]:
    routes = []
    loops = 0
    for (a, leg_a), (b, leg_b) in network.bonds:
        box_a, box_b = boxes[a], boxes[b]
        side_a, side_b = box_a.sides[leg_a], box_b.sides[leg_b]
        points, detoured = _route(box_a.anchors[leg_a], side_a, box_b.anchors[leg_b], side_b, boxes, theme, loops)
        loops += detoured
        routes.append(Route(points, (a, leg_a, side_a), (b, leg_b, side_b)))
    _spread_middles(routes, theme.leg_spacing * 0.5)
    for position, name in network.open_ports:
        box = boxes[position]
        side = box.sides[name]
        x, y = box.anchors[name]
        dx, dy = DIRECTIONS[side]
        end = (x + dx * theme.stub, y + dy * theme.stub)
        leg = network.leg((position, name))
        label = f"{leg.name}" if leg_labels else None
        routes.append(Route(((x, y), end), (position, name, side), None, label))
    return routes


def _spread_middles(routes: list[Route], step: float) -> None:
    """Lines whose middle segments would lie on one another are moved apart.

    Only middles on one line that also overlap along it are moved: Z-shaped lines
    (across the gap between facing boxes) spread about their line, U-shaped ones (out of
    a side and back into the same side) step outwards, inner U first, away from the boxes.
    """
    groups: dict[tuple[bool, float], list[tuple[float, float, int]]] = {}
    for k, route in enumerate(routes):
        points = route.points
        if len(points) == 4 and points[1] != points[2]:
            vertical = abs(points[1][0] - points[2][0]) < 1e-9
            along = 1 if vertical else 0
            low, high = sorted((points[1][along], points[2][along]))
            groups.setdefault((vertical, round(points[1][1 - along], 1)), []).append((low, high, k))
    for (vertical, _), middles in groups.items():
        middles.sort()
        cluster = [middles[0]]
        for middle in middles[1:]:
            if middle[0] > max(high for _, high, _ in cluster) + 0.5:
                _move_apart(routes, cluster, 0 if vertical else 1, step)
                cluster = []
            cluster.append(middle)
        _move_apart(routes, cluster, 0 if vertical else 1, step)


def _move_apart(routes: list[Route], cluster: list[tuple[float, float, int]], across: int, step: float) -> None:
    """Shift the middles of one cluster of overlapping lines (``(low, high, route)``) by ``step``s."""
    if len(cluster) < 2:
        return
    outward: dict[int, float] = {}
    zeds = []
    for *_, k in cluster:
        a, p, q, b = routes[k].points
        first, last = p[across] - a[across], b[across] - q[across]
        if first * last < 0:  # out of a side and back into it: a U
            outward[k] = 1.0 if first > 0 else -1.0
        else:
            zeds.append(k)
    zeds.sort(key=lambda k: routes[k].points[0][1 - across])
    shifts = {k: (rank - (len(zeds) - 1) / 2) * step for rank, k in enumerate(zeds)}
    inner_first = [k for *_, k in sorted(cluster, key=lambda m: m[1] - m[0]) if k in outward]
    for rank, k in enumerate(inner_first, start=1 if zeds else 0):
        shifts[k] = outward[k] * rank * step
    for k, shift in shifts.items():
        a, p, q, b = routes[k].points
        if across == 0:
            p, q = (p[0] + shift, p[1]), (q[0] + shift, q[1])
        else:
            p, q = (p[0], p[1] + shift), (q[0], q[1] + shift)
        routes[k] = Route((a, p, q, b), routes[k].start, routes[k].end, routes[k].label)


def _route(
    a: Point, side_a: str, b: Point, side_b: str, boxes: list[PlacedBox], theme: Theme, loops: int
) -> tuple[tuple[Point, ...], int]:
    """An axis-aligned path from anchor ``a`` (leaving on ``side_a``) to ``b`` (entering from ``side_b``)."""
    (ax, ay), (bx, by) = a, b
    dax, day = DIRECTIONS[side_a]
    dbx, dby = DIRECTIONS[side_b]
    stub = theme.stub * 0.6
    horizontal_a, horizontal_b = side_a in "WE", side_b in "WE"
    if horizontal_a and horizontal_b and dax == -dbx:
        if (bx - ax) * dax > 0:  # facing each other: straight, or a Z through the middle
            if abs(ay - by) < 0.5:
                return (a, b), 0
            middle = (ax + bx) / 2
            return (a, (middle, ay), (middle, by), b), 0
        detour = _below(boxes, min(ax, bx), max(ax, bx)) + theme.row_gap / 2 + loops * theme.leg_spacing
        p, q = (ax + dax * stub, ay), (bx + dbx * stub, by)
        return (a, p, (p[0], detour), (q[0], detour), q, b), 1
    if not horizontal_a and not horizontal_b and day == -dby:
        if (by - ay) * day > 0:
            if abs(ax - bx) < 0.5:
                return (a, b), 0
            middle = (ay + by) / 2
            return (a, (ax, middle), (bx, middle), b), 0
        detour = _right_of(boxes, min(ay, by), max(ay, by)) + theme.gap / 2 + loops * theme.leg_spacing
        p, q = (ax, ay + day * stub), (bx, by + dby * stub)
        return (a, p, (detour, p[1]), (detour, q[1]), q, b), 1
    if horizontal_a == horizontal_b:  # the same side (E–E, N–N, ...): a U around the outside
        return _u_turn(a, b, side_a, boxes, theme.gap / 2 + loops * theme.leg_spacing, stub)
    p, q = (ax + dax * stub, ay + day * stub), (bx + dbx * stub, by + dby * stub)
    corners = [(q[0], p[1]), (p[0], q[1])] if horizontal_a else [(p[0], q[1]), (q[0], p[1])]
    paths = [(a, p, corner, q, b) for corner in corners]
    return min(paths, key=lambda path: _crossings(path, boxes)), 0  # the first, unless it runs through more boxes


def _u_turn(
    a: Point, b: Point, side: str, boxes: list[PlacedBox], clearance: float, stub: float
) -> tuple[tuple[Point, ...], int]:
    """From ``a`` to ``b``, both leaving on ``side``: a U beyond the farther anchor.

    If the other box is in the way of the nearer anchor's line (one box straight beyond
    the other on that side), the line steps sideways past the boxes first (``clearance``
    beyond them) and the second number returned is 1, a detour. Worked out for N/S legs;
    W/E legs swap the axes.
    """
    swap = side in "WE"

    def turn(p: Point) -> Point:
        return (p[1], p[0]) if swap else p

    (ax, ay), (bx, by) = turn(a), turn(b)
    d = DIRECTIONS[side][0 if swap else 1]
    near, far, reverse = ((ax, ay), (bx, by), False) if ay * d <= by * d else ((bx, by), (ax, ay), True)
    beyond = far[1] + d * stub
    blocked = _crossings((turn(near), turn((near[0], beyond))), boxes) > 0
    if blocked:
        step = near[1] + d * stub
        low, high = sorted((near[1], beyond))
        aside = (_below(boxes, low, high) if swap else _right_of(boxes, low, high)) + clearance
        points = [near, (near[0], step), (aside, step), (aside, beyond), (far[0], beyond), far]
    else:
        points = [near, (near[0], beyond), (far[0], beyond), far]
    if reverse:
        points.reverse()
    return tuple(turn(p) for p in points), int(blocked)


def _crossings(points: tuple[Point, ...], boxes: list[PlacedBox], margin: float = 1.0) -> int:
    """How many times the axis-aligned segments of ``points`` run through a box's inside."""
    count = 0
    for (x0, y0), (x1, y1) in pairwise(points):
        for box in boxes:
            if (
                min(x0, x1) < box.right - margin
                and max(x0, x1) > box.left + margin
                and min(y0, y1) < box.bottom - margin
                and max(y0, y1) > box.top + margin
            ):
                count += 1
    return count


def _below(boxes: list[PlacedBox], left: float, right: float) -> float:
    return max((box.bottom for box in boxes if box.right >= left - 1 and box.left <= right + 1), default=0.0)


def _right_of(boxes: list[PlacedBox], top: float, bottom: float) -> float:
    return max((box.right for box in boxes if box.bottom >= top - 1 and box.top <= bottom + 1), default=0.0)


def _normalised(boxes: list[PlacedBox], routes: list[Route], theme: Theme, engine: str) -> Geometry:
    xs = [v for box in boxes for v in (box.left, box.right)] + [p[0] for r in routes for p in r.points]
    ys = [v for box in boxes for v in (box.top, box.bottom)] + [p[1] for r in routes for p in r.points]
    for route in routes:
        if route.label:
            end = route.points[-1]
            width = text_width(route.label, theme.font_size * 0.6) + 4
            xs += [end[0] - width, end[0] + width]
            ys += [end[1] - theme.font_size * 0.7, end[1] + theme.font_size * 0.7]
    dx, dy = -min(xs), -min(ys)

    def move(p: Point) -> Point:
        return (p[0] + dx, p[1] + dy)

    moved_boxes = tuple(
        PlacedBox(
            b.node,
            b.x + dx,
            b.y + dy,
            b.width,
            b.height,
            b.label,
            b.kind,
            b.circle,
            b.color,
            {k: move(v) for k, v in b.anchors.items()},
            b.sides,
        )
        for b in boxes
    )
    moved_routes = tuple(Route(tuple(move(p) for p in r.points), r.start, r.end, r.label) for r in routes)
    return Geometry(moved_boxes, moved_routes, max(xs) + dx, max(ys) + dy, engine)
