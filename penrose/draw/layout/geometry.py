"""Geometry: boxes placed in a grid of cells, turned into pixels, with their legs' anchor points.

A :class:`Geometry` is what every layout produces and every output format reads: boxes
(:class:`PlacedBox`) and lines (:class:`Route`) in pixels, the content starting at (0, 0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ...core.legs import Leg
from ...core.network import Network
from ..labels import text_width
from ..themes import Theme

__all__ = [
    "DIRECTIONS",
    "OUT_OF_PLANE",
    "Geometry",
    "PlacedBox",
    "Point",
    "Route",
    "centres",
    "grid_step",
    "normalised",
    "place_boxes",
]

#: The unit step leaving a box through each side (y grows downwards).
DIRECTIONS = {"W": (-1.0, 0.0), "E": (1.0, 0.0), "N": (0.0, -1.0), "S": (0.0, 1.0)}
Point = tuple[float, float]
#: The drawn side of an out-of-plane leg (a PEPS's physical leg): a short diagonal stub from the bottom
#: side's right end, down and to the right, clear of the bonds. Lines record it as leaving the bottom side.
OUT_OF_PLANE = "SE"


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
    gaps: tuple[tuple[float, float], ...] = ()  # open stretches (top, bottom): wires the gate does not act on pass
    marks: tuple[str, ...] = ()  # a controlled gate's pieces, top to bottom: "control" (a dot) or "target" (⊕)

    @property
    def parts(self) -> list[tuple[float, float]]:
        """The drawn stretches ``(top, bottom)`` of the box: all of it, or the pieces between its gaps."""
        pieces, top = [], self.top
        for gap_top, gap_bottom in self.gaps:
            pieces.append((top, gap_top))
            top = gap_bottom
        return [*pieces, (top, self.bottom)]

    @property
    def label_y(self) -> float:
        """Where the label goes: the centre, or the middle of the first piece when the centre is a gap."""
        if any(top < self.y < bottom for top, bottom in self.gaps):
            top, bottom = self.parts[0]
            return (top + bottom) / 2
        return self.y

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

    def overlaps(self, other: PlacedBox) -> bool:
        """Whether the two boxes share some of their area (touching edges do not count)."""
        across = self.left < other.right and other.left < self.right
        return across and self.top < other.bottom and other.top < self.bottom


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
    ``dot`` (Graphviz), or ``layered`` (the built-in fallback).
    """

    boxes: tuple[PlacedBox, ...]
    routes: tuple[Route, ...]
    width: float
    height: float
    layout: str
    names: tuple[str | None, ...] = ()  # each box's name by box number, for the positions a figure reports


def place_boxes(
    network: Network,
    cells: Sequence[tuple[int, int]],
    sizes: Sequence[tuple[float, float]],
    labels: Sequence[str],
    theme: Theme,
    titles: Sequence[str | None] = (),
    sides: Sequence[dict[str, str]] | None = None,
    orders: Sequence[Sequence[Leg]] | None = None,
) -> list[PlacedBox]:
    """Boxes at the centres of their cells: columns as wide as their widest box, rows as tall, a fixed gap between.

    Every centre lies on the routing grid (multiples of :func:`grid_step`), and so does
    every leg's anchor along its side, so that lines run on grid tracks from box to box.
    """
    columns = max(c for c, _ in cells) + 1
    rows = max(r for _, r in cells) + 1
    column_width = [0.0] * columns
    row_height = [0.0] * rows
    for (c, r), (w, h) in zip(cells, sizes):
        column_width[c] = max(column_width[c], w)
        row_height[r] = max(row_height[r], h)
    step = grid_step(theme)
    bonded: list[set[str]] = [set() for _ in network.nodes]
    for bond in network.bonds:
        for position, leg in bond:
            bonded[position].add(leg)
    lean = _leaning(network, cells, sides)
    x_centre = centres(column_width, theme.gap, step)
    y_centre = centres(row_height, theme.row_gap, step)
    boxes = []
    for k, ((c, r), (w, h)) in enumerate(zip(cells, sizes)):
        node = network.nodes[k]
        x, y = x_centre[c], y_centre[r]
        circle = node.kind in ("scalar", "copy")
        drawn = node.sides if sides is None else sides[k]
        legs = node.legs if orders is None else orders[k]
        anchors = _anchors(legs, drawn, x, y, w, h, theme.leg_spacing, bonded[k], lean[k])
        title = titles[k] if k < len(titles) else None
        boxes.append(PlacedBox(k, x, y, w, h, labels[k], node.kind, circle, node.color, anchors, drawn, title))
    return boxes


def _leaning(
    network: Network, cells: Sequence[tuple[int, int]], sides: Sequence[dict[str, str]] | None
) -> list[dict[str, int]]:
    """Each box's bonded legs and where their partner lies along the leg's side: 0 for a line straight to a box in
    its own column (N, S) or row (W, E), −1 before it (left, above), +1 after it."""
    lean: list[dict[str, int]] = [{} for _ in network.nodes]
    for (a, leg_a), (b, leg_b) in network.bonds:
        if a == b:
            continue
        for (box, leg), other in (((a, leg_a), b), ((b, leg_b), a)):
            side = network.nodes[box].sides[leg] if sides is None else sides[box][leg]
            axis = 0 if side in ("N", "S") else 1
            difference = cells[other][axis] - cells[box][axis]
            lean[box][leg] = (difference > 0) - (difference < 0)
    return lean


def grid_step(theme: Theme) -> float:
    """The spacing of the routing grid: half the distance between legs on one side."""
    return theme.leg_spacing / 2


def centres(sizes: Sequence[float], gap: float, step: float) -> list[float]:
    """Centres of columns (or rows) of these sizes, at least ``gap`` apart, each on a multiple of ``step``."""
    centres, position = [], 0.0
    for size in sizes:
        centre = math.ceil((position + size / 2) / step - 1e-9) * step
        centres.append(centre)
        position = centre + size / 2 + gap
    return centres


def _anchors(
    legs: Sequence[Leg],
    sides: dict[str, str],
    x: float,
    y: float,
    w: float,
    h: float,
    leg_spacing: float,
    bonded: set[str] = frozenset(),  # type: ignore[assignment]
    lean: dict[str, int] | None = None,
) -> dict[str, Point]:
    """Where each leg leaves its box: centred on its side, one leg spacing apart (a circle's single leg at its edge).

    A side with one line and some open legs keeps the line in the middle, where its
    partner's anchor is too, and the open legs beside it (a PEPS's physical legs): the line
    runs straight. A box is sized to hold its legs this way (see ``layouts``), and with the
    box's centre on the grid every anchor lies on a grid track.
    """
    by_side: dict[str, list[str]] = {side: [] for side in DIRECTIONS}
    anchors: dict[str, Point] = {}
    for leg in legs:
        if sides[leg.name] == OUT_OF_PLANE:  # near the bottom right corner, clear of a bond in the middle
            anchors[leg.name] = (x + w / 2 - min(leg_spacing / 2, w / 4), y + h / 2)
        else:
            by_side[sides[leg.name]].append(leg.name)
    for side, names in by_side.items():
        length = h if side in "WE" else w
        spacing = min(length / (len(names) + 1), leg_spacing) if names else 0.0
        names, offsets = _along_side(names, bonded, lean or {}, spacing)
        for name, offset in zip(names, offsets):
            if side in "WE":
                anchors[name] = (x + (w / 2 if side == "E" else -w / 2), y + offset)
            else:
                anchors[name] = (x + offset, y + (h / 2 if side == "S" else -h / 2))
    return anchors


def _along_side(
    names: list[str], bonded: set[str], lean: dict[str, int], spacing: float
) -> tuple[list[str], list[float]]:
    """The legs of one side in order, with their offsets from the side's middle.

    One line straight across to its partner stays in the middle, the others go towards their
    partners (a PEPS's line to the layer behind beside its line to the next site); one line among
    open legs stays in the middle, the open legs beside it (+1, −1, +2, …); else evenly spread.
    """
    lines = [name for name in names if name in bonded]
    across = [name for name in lines if lean.get(name) == 0]
    before = [name for name in names if name not in across and lean.get(name, 0) < 0]
    after = [name for name in names if name not in across and name not in before]
    if len(across) == 1 and len(lines) > 1 and max(len(before), len(after)) <= len(names) // 2:
        ordered = before + across + after
        return ordered, [(k - len(before)) * spacing for k in range(len(ordered))]
    middle = across if len(across) == 1 and len(lines) > 1 else lines
    if len(middle) == 1 and len(names) > 1:
        ordered = middle + [name for name in names if name not in middle]
        return ordered, [((k + 1) // 2) * (1 if k % 2 else -1) * spacing for k in range(len(ordered))]
    return names, [(k - (len(names) - 1) / 2) * spacing for k in range(len(names))]


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
        replace(
            b,
            x=b.x + dx,
            y=b.y + dy,
            anchors={k: move(v) for k, v in b.anchors.items()},
            gaps=tuple((top + dy, bottom + dy) for top, bottom in b.gaps),
        )
        for b in boxes
    )
    moved_routes = tuple(Route(tuple(move(p) for p in r.points), r.start, r.end, r.label) for r in routes)
    return Geometry(moved_boxes, moved_routes, max(xs) + dx, max(ys) + dy, layout)
