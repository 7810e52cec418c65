"""Geometry: boxes placed in a grid of cells, turned into pixels, with their legs' anchor points.

A :class:`Geometry` is what every layout produces and every output format reads: boxes
(:class:`PlacedBox`) and lines (:class:`Route`) in pixels, the content starting at (0, 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..core.legs import Leg
from ..core.network import Network
from .labels import text_width
from .themes import Theme

__all__ = ["DIRECTIONS", "Geometry", "PlacedBox", "Point", "Route", "normalised", "place_boxes"]

#: The unit step leaving a box through each side (y grows downwards).
DIRECTIONS = {"W": (-1.0, 0.0), "E": (1.0, 0.0), "N": (0.0, -1.0), "S": (0.0, 1.0)}
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
    title: str | None = None  # the whole label, when ``label`` had to be clipped

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


@dataclass(frozen=True)
class Geometry:
    """A laid-out network: boxes and routes in pixels, the content starting at (0, 0).

    ``layout`` names the placement actually used: ``grid`` (read off the legs' sides),
    ``dot`` or ``neato`` (Graphviz), or ``layered`` (the built-in fallback).
    """

    boxes: tuple[PlacedBox, ...]
    routes: tuple[Route, ...]
    width: float
    height: float
    layout: str


def place_boxes(
    network: Network,
    cells: Sequence[tuple[int, int]],
    sizes: Sequence[tuple[float, float]],
    labels: Sequence[str],
    theme: Theme,
    titles: Sequence[str | None] = (),
) -> list[PlacedBox]:
    """Boxes at the centres of their cells: columns as wide as their widest box, rows as tall, a fixed gap between."""
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
        circle = node.kind == "scalar"
        anchors = _anchors(node.legs, x, y, w, h, circle)
        title = titles[k] if k < len(titles) else None
        boxes.append(PlacedBox(k, x, y, w, h, labels[k], node.kind, circle, node.color, anchors, node.sides, title))
    return boxes


def _anchors(legs: Sequence[Leg], x: float, y: float, w: float, h: float, circle: bool) -> dict[str, Point]:
    """Where each leg leaves its box: spread evenly along its side (a circle's single leg at the extreme point)."""
    by_side: dict[str, list[str]] = {side: [] for side in DIRECTIONS}
    for leg in legs:
        by_side[leg.side].append(leg.name)
    anchors: dict[str, Point] = {}
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
    return anchors


def normalised(boxes: list[PlacedBox], routes: list[Route], theme: Theme, layout: str) -> Geometry:
    """Everything moved so the content starts at (0, 0), open legs' labels included."""
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
        replace(b, x=b.x + dx, y=b.y + dy, anchors={k: move(v) for k, v in b.anchors.items()}) for b in boxes
    )
    moved_routes = tuple(Route(tuple(move(p) for p in r.points), r.start, r.end, r.label) for r in routes)
    return Geometry(moved_boxes, moved_routes, max(xs) + dx, max(ys) + dy, layout)
