"""Reading penrose's SVG back: boxes, labels, leg lines and values, for structural tests."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

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


def box_of(picture: Picture, term: int, node: int) -> Box:
    return next(b for b in picture.boxes if b.term == term and b.node == node)


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


def leaves_outward(first: tuple[float, float], second: tuple[float, float], side: str) -> bool:
    """The line's first segment heads away from the box through ``side``."""
    dx, dy = second[0] - first[0], second[1] - first[1]
    return {
        "W": dx < 0 and abs(dy) < 1e-6,
        "E": dx > 0 and abs(dy) < 1e-6,
        "N": dy < 0 and abs(dx) < 1e-6,
        "S": dy > 0 and abs(dx) < 1e-6,
    }[side]


def check_structure(picture: Picture, diagram) -> None:
    """Every structural promise of the renderer, for one drawn diagram (all its terms)."""
    for term, (_, single) in enumerate(diagram.terms):
        network = single.network
        boxes = [b for b in picture.boxes if b.term == term]
        assert sorted(b.node for b in boxes) == list(range(len(network.nodes))), "one box per node"
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
            declared = {lg.name: lg.side for lg in network.nodes[node].legs}[name]
            assert side == declared, f"leg {name} of node {node} drawn on {side}, declared {declared}"
            box = box_of(picture, term, node)
            assert on_side(box, leg.points[0], side), f"leg {name} of node {node} does not start on side {side}"
            assert leaves_outward(leg.points[0], leg.points[1], side)
            if leg.end is not None:
                other, other_name, other_side = leg.end
                assert other_side == {lg.name: lg.side for lg in network.nodes[other].legs}[other_name]
                other_box = box_of(picture, term, other)
                assert on_side(other_box, leg.points[-1], other_side), f"bond does not reach side {other_side}"
                assert leaves_outward(leg.points[-1], leg.points[-2], other_side)
                drawn_bonds.add(frozenset([(node, name), (other, other_name)]))
        expected = {frozenset([tuple(a), tuple(b)]) for a, b in network.bonds}
        assert drawn_bonds == expected, "joined legs connect the right boxes"
        assert sum(leg.end is None for leg in legs) == len(network.open_ports), "one stub per open leg"


def segments_through_boxes(picture: Picture, term: int = 0, margin: float = 1.0) -> list[tuple[int, str, int]]:
    """The lines' axis-aligned segments that run through a box's inside: (node, leg name, box node)."""
    found = []
    for leg in picture.legs:
        if leg.term != term:
            continue
        for (x0, y0), (x1, y1) in zip(leg.points, leg.points[1:]):
            for box in picture.boxes:
                if box.term != term:
                    continue
                inside_x = min(x0, x1) < box.right - margin and max(x0, x1) > box.left + margin
                inside_y = min(y0, y1) < box.bottom - margin and max(y0, y1) > box.top + margin
                if inside_x and inside_y:
                    found.append((leg.start[0], leg.start[1], box.node))
    return found
