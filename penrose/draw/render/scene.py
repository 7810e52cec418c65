"""Scenes: the flat list of shapes, lines and texts that every output format draws the same way."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..themes import Theme

__all__ = ["Line", "Scene", "Shape", "Text", "coordinate"]

Point = tuple[float, float]


def coordinate(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: stable bytes in every format."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Shape:
    """A box (rounded rectangle) or, with ``circle``, a scalar's circle. ``x, y`` is the top-left corner."""

    x: float
    y: float
    width: float
    height: float
    circle: bool
    fill: str
    label: str
    kind: str
    node: int
    term: int
    title: str | None = None  # a tooltip: the whole label when the drawn one is clipped


@dataclass(frozen=True)
class Line:
    """A polyline: a bond, an open leg, a loop, a bracket or a fraction bar (its ``role``)."""

    points: tuple[Point, ...]
    role: str
    start: tuple[int, str, str] | None = None  # (node, leg, side) where a leg's line starts
    end: tuple[int, str, str] | None = None  # and where a bond ends
    term: int = 0


@dataclass(frozen=True)
class Text:
    """A text centred vertically on ``y``; ``anchor`` is ``middle``, ``start`` or ``end`` at ``x``."""

    x: float
    y: float
    text: str
    size: float
    role: str
    anchor: str = "middle"


@dataclass
class Scene:
    """Everything to draw, in pixels, with the content in ``[0, width] × [0, height]``."""

    width: float
    height: float
    theme: Theme
    shapes: list[Shape] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    marks: list[Line] = field(default_factory=list)  # drawn over the boxes: the cross of a CNOT's ⊕
    layout: str = ""
    scale: float = 1.0  # the size it is shown at, relative to its own (a figure fitted to a slide)
