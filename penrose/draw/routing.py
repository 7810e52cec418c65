"""Routing: each line from its leg's anchor, leaving on the leg's side, axis-aligned.

Facing legs are joined straight or by a Z through the gap; legs on the same side by a U
around the outside; a trace's line by a detour below (or beside) the boxes; other pairs
by one corner, whichever runs through fewer boxes. Middles that would lie on one another
are spread apart.
"""

from __future__ import annotations

from itertools import pairwise

from ..core.network import Network
from .geometry import DIRECTIONS, PlacedBox, Point, Route
from .labels import LABEL_LIMIT, clean_text, clip
from .themes import Theme

__all__ = ["route_lines"]


def route_lines(network: Network, boxes: list[PlacedBox], theme: Theme, leg_labels: bool) -> list[Route]:
    """Every bond and every open leg's stub (labelled with its leg name when ``leg_labels``)."""
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
        label = clip(clean_text(leg.name), LABEL_LIMIT // 2) if leg_labels else None
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
