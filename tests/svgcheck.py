"""Reading penrose's SVG back: boxes, labels, leg lines and values, for structural tests."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

try:
    from penrose.draw.layout.engines import drawn_network
except ImportError:  # an older checkout, measured by benchmarks/pictures.py for comparison
    from penrose.draw.layouts import drawn_network  # type: ignore[no-redef]

NS = "{http://www.w3.org/2000/svg}"


@dataclass
class Box:
    node: int
    term: int
    kind: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass
class Leg:
    role: str
    term: int
    points: list[tuple[float, float]]
    start: tuple[int, str, str]
    end: tuple[int, str, str] | None


@dataclass
class Picture:
    root: ET.Element
    boxes: list[Box]
    legs: list[Leg]
    labels: list[str]
    values: list[str]
    texts: list[str]


def parse(svg: str) -> Picture:
    root = ET.fromstring(svg)
    boxes, legs = [], []
    for element in root.iter():
        cls = element.get("class")
        if cls == "box":
            if element.tag == NS + "rect":
                x, y = float(element.get("x")), float(element.get("y"))
                w, h = float(element.get("width")), float(element.get("height"))
            else:
                cx, cy = float(element.get("cx")), float(element.get("cy"))
                rx, ry = float(element.get("rx")), float(element.get("ry"))
                x, y, w, h = cx - rx, cy - ry, 2 * rx, 2 * ry
            boxes.append(
                Box(
                    int(element.get("data-node")),
                    int(element.get("data-term")),
                    element.get("data-kind"),
                    x,
                    y,
                    x + w,
                    y + h,
                )
            )
        elif cls in ("bond", "open", "loop"):
            numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", element.get("d"))]
            points = list(zip(numbers[::2], numbers[1::2]))

            legs.append(Leg(cls, int(element.get("data-term")), points, _end(element, "from"), _end(element, "to")))
    texts = [(t.get("class"), "".join(t.itertext())) for t in root.iter(NS + "text")]
    return Picture(
        root,
        boxes,
        legs,
        [t for c, t in texts if c == "label"],
        [t for c, t in texts if c == "value"],
        [t for _, t in texts],
    )


def _end(element: ET.Element, which: str) -> tuple[int, str, str] | None:
    if element.get(f"data-{which}-node") is None:
        return None
    return (int(element.get(f"data-{which}-node")), element.get(f"data-{which}-leg"), element.get(f"data-{which}-side"))


def pieces_of(picture: Picture, term: int, node: int) -> list[Box]:
    """The drawn pieces of a box: one rectangle, or a gate's pieces around the wires that pass it."""
    return [b for b in picture.boxes if b.term == term and b.node == node]


def box_of(picture: Picture, term: int, node: int) -> Box:
    return pieces_of(picture, term, node)[0]


def on_side(box: Box, point: tuple[float, float], side: str, tol: float = 0.6) -> bool:
    """True when ``point`` lies on ``side`` of ``box`` (for circles: at the extreme point of that side)."""
    x, y = point
    if side == "W":
        return abs(x - box.left) <= tol and box.top - tol <= y <= box.bottom + tol
    if side == "E":
        return abs(x - box.right) <= tol and box.top - tol <= y <= box.bottom + tol
    if side == "N":
        return abs(y - box.top) <= tol and box.left - tol <= x <= box.right + tol
    return abs(y - box.bottom) <= tol and box.left - tol <= x <= box.right + tol


def leaves_outward(first: tuple[float, float], second: tuple[float, float], side: str, stub: bool = False) -> bool:
    """The line's first segment heads away from the box through ``side`` (an open leg's stub may also leave
    the bottom at 45°, down and to the right: a PEPS's out-of-plane physical leg)."""
    dx, dy = second[0] - first[0], second[1] - first[1]
    if stub and side == "S" and dy > 0 and abs(dx - dy) < 1e-6:
        return True
    return {
        "W": dx < 0 and abs(dy) < 1e-6,
        "E": dx > 0 and abs(dy) < 1e-6,
        "N": dy < 0 and abs(dx) < 1e-6,
        "S": dy > 0 and abs(dx) < 1e-6,
    }[side]


def check_structure(picture: Picture, diagram, layout: str = "auto", identities: bool | None = None) -> None:
    """Every structural promise of the renderer, for one drawn diagram (all its terms).

    The picture is compared with the network it shows (identities drawn as plain wire left out).
    """
    for term, (_, single) in enumerate(diagram.terms):
        network = drawn_network(single.network, layout, identities)
        boxes = [b for b in picture.boxes if b.term == term]
        assert sorted({b.node for b in boxes}) == list(range(len(network.nodes))), "one box per node"
        for a in boxes:  # no two boxes overlap
            for b in boxes:
                if a.node < b.node:
                    overlap = (
                        min(a.right, b.right) - max(a.left, b.left) > 0.5
                        and min(a.bottom, b.bottom) - max(a.top, b.top) > 0.5
                    )
                    assert not overlap, f"boxes {a.node} and {b.node} overlap"
        legs = [leg for leg in picture.legs if leg.term == term]
        drawn_bonds = set()
        for leg in legs:
            node, name, side = leg.start
            if network.nodes[node].sides_given:  # a declared side is kept; a chosen one may face the partner
                declared = network.nodes[node].sides[name]
                assert side == declared, f"leg {name} of node {node} drawn on {side}, declared {declared}"
            pieces = pieces_of(picture, term, node)
            assert any(on_side(piece, leg.points[0], side) for piece in pieces), f"leg {name} of {node} not on {side}"
            assert leaves_outward(leg.points[0], leg.points[1], side, stub=leg.role == "open")
            if leg.end is not None:
                other, other_name, other_side = leg.end
                if network.nodes[other].sides_given:
                    assert other_side == network.nodes[other].sides[other_name]
                others = pieces_of(picture, term, other)
                assert any(on_side(b, leg.points[-1], other_side) for b in others), f"bond misses side {other_side}"
                assert leaves_outward(leg.points[-1], leg.points[-2], other_side)
                drawn_bonds.add(frozenset([(node, name), (other, other_name)]))
        expected = {frozenset([tuple(a), tuple(b)]) for a, b in network.bonds}
        assert drawn_bonds == expected, "joined legs connect the right boxes"
        assert sum(leg.end is None for leg in legs) == len(network.open_ports), "one stub per open leg"


# ------------------------------------------------------------------------------------------------- honesty
#: How close two things must be to count as touching (px): SVG coordinates are written to 0.01 px.
TOUCH = 0.75


def honesty(picture: Picture, gap: float = 6.0) -> dict[str, int]:
    """Count the ways a picture could lie about its network, term by term, as ``svg-honesty`` defines them.

    ``through-box``: a segment runs through the inside of a box; ``shared``: two lines run
    along one stretch; ``touch``: a line's end or corner lies on another line, or two
    parallel lines closer than ``gap`` run side by side for more than 6 px. Also counted,
    not defects: ``crossings`` (two lines crossing at a point inside both) and ``bends``
    (corners of bonds and loops).
    """
    found = dict.fromkeys(("through-box", "shared", "touch", "crossings", "bends"), 0)
    for term in sorted({leg.term for leg in picture.legs}):
        legs = [leg for leg in picture.legs if leg.term == term]
        lines = [_segments(leg.points) for leg in legs]
        boxes = [b for b in picture.boxes if b.term == term]
        dots = {b.node for b in boxes if b.kind == "copy"}
        ends = [{end[0] for end in (leg.start, leg.end) if end is not None and end[0] in dots} for leg in legs]
        for leg in picture.legs:
            if leg.term == term and leg.role != "open":
                found["bends"] += max(0, len(_segments(leg.points)) - 1)
        for segments in lines:
            for a, b in segments:
                found["through-box"] += sum(_through(a, b, box) for box in boxes)
        for k, first in enumerate(lines):
            for j, second in enumerate(lines[k + 1 :], k + 1):
                fan = bool(ends[k] & ends[j])  # two lines of one copy dot: they fan out from it, meeting there
                for s in first:
                    for t in second:
                        kind = _meeting(s, t, gap)
                        if fan and kind == "touch" and (_slanted(s) or _slanted(t)):
                            continue
                        if kind == "crossing":
                            found["crossings"] += 1
                        elif kind:
                            found[kind] += 1
    return found


def defects(picture: Picture, gap: float = 6.0) -> dict[str, int]:
    """The counts of :func:`honesty` that are lies (crossings and bends are not)."""
    return {k: v for k, v in honesty(picture, gap).items() if k not in ("crossings", "bends") and v}


def _segments(points):
    return [(a, b) for a, b in itertools.pairwise(points) if a != b]


def _through(a, b, box: Box) -> bool:
    """The segment ab meets the inside of ``box``, shrunk by ``TOUCH`` (a slanted one is sampled)."""
    left, right, top, bottom = box.left + TOUCH, box.right - TOUCH, box.top + TOUCH, box.bottom - TOUCH
    if _slanted((a, b)):
        points = [(a[0] + (b[0] - a[0]) * k / 32, a[1] + (b[1] - a[1]) * k / 32) for k in range(33)]
        return any(left < x < right and top < y < bottom for x, y in points)
    if abs(a[1] - b[1]) < 1e-9:  # horizontal
        return top < a[1] < bottom and min(a[0], b[0]) < right and max(a[0], b[0]) > left
    if abs(a[0] - b[0]) < 1e-9:  # vertical
        return left < a[0] < right and min(a[1], b[1]) < bottom and max(a[1], b[1]) > top
    raise AssertionError(f"a line that is not axis-aligned: {a} → {b}")


def _meeting(s, t, gap: float) -> str | None:
    """How segment ``s`` of one line meets segment ``t`` of another: shared, touch, crossing or not at all."""
    (a, b), (c, d) = s, t
    if _slanted(s) or _slanted(t):  # an out-of-plane stub: it may not come near another line at all
        if _crosses_anyhow(s, t):
            return "crossing"
        return "touch" if min(_distance(p, t) for p in s) <= gap or min(_distance(p, s) for p in t) <= gap else None
    for axis in (0, 1):  # 0: both horizontal (same y), 1: both vertical (same x)
        along, across = axis, 1 - axis
        if abs(a[across] - b[across]) < 1e-9 and abs(c[across] - d[across]) < 1e-9:
            run = min(max(a[along], b[along]), max(c[along], d[along])) - max(
                min(a[along], b[along]), min(c[along], d[along])
            )
            distance = abs(a[across] - c[across])
            if distance < TOUCH and run > TOUCH:
                return "shared"
            if distance < gap and run > 6:
                return "touch"
    if _crosses(s, t):
        return "crossing"
    if any(_on(p, t) for p in s) or any(_on(p, s) for p in t):
        return "touch"
    return None


def _crosses(s, t) -> bool:
    """A proper crossing of a horizontal and a vertical segment, away from both segments' ends."""
    (a, b), (c, d) = s, t
    if abs(a[1] - b[1]) < 1e-9 and abs(c[0] - d[0]) < 1e-9:
        x, y = c[0], a[1]
        return (
            min(a[0], b[0]) + TOUCH < x < max(a[0], b[0]) - TOUCH
            and min(c[1], d[1]) + TOUCH < y < max(c[1], d[1]) - TOUCH
        )
    if abs(a[0] - b[0]) < 1e-9 and abs(c[1] - d[1]) < 1e-9:
        return _crosses(t, s)
    return False


def _slanted(segment) -> bool:
    (a, b) = segment
    return abs(a[0] - b[0]) > 1e-9 and abs(a[1] - b[1]) > 1e-9


def _distance(p, segment) -> float:
    """The distance from point ``p`` to a segment."""
    (a, b) = segment
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return ((p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2) ** 0.5


def _crosses_anyhow(s, t) -> bool:
    """Two segments of any slope cross at a point inside both."""
    (a, b), (c, d) = s, t

    def turn(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0


def _on(p, segment) -> bool:
    (a, b) = segment
    if abs(a[1] - b[1]) < 1e-9:
        return abs(p[1] - a[1]) <= TOUCH and min(a[0], b[0]) - TOUCH <= p[0] <= max(a[0], b[0]) + TOUCH
    return abs(p[0] - a[0]) <= TOUCH and min(a[1], b[1]) - TOUCH <= p[1] <= max(a[1], b[1]) + TOUCH
