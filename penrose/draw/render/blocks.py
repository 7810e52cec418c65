"""Blocks: the pieces a figure is made of (diagrams, signs, bracketed values, fractions), each with a size.

A block puts itself into a :class:`~penrose.draw.scene.Scene` at a given top-left
corner; rows and columns of blocks are blocks too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...core.arrays import as_numpy
from ...core.typography import SUPERSCRIPT_LETTERS, SUPERSCRIPTS
from ...core.values import snapped
from ..labels import entry_text, text_width
from ..layout.geometry import Geometry
from ..themes import Theme
from ..words import word
from .kets import dirac_text, reads_well
from .scene import Line, Scene, Shape, Text

__all__ = [
    "MAX_SHOWN",
    "Block",
    "CheckBlock",
    "ColumnBlock",
    "DiagramBlock",
    "FractionBlock",
    "GroupBlock",
    "MatrixBlock",
    "RowBlock",
    "TextBlock",
    "as_numpy",
    "dirac_block",
    "value_block",
]

#: Values with more entries than this along an axis are summarised by their shape.
MAX_SHOWN = 8
_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_LETTERS, SUPERSCRIPTS)


class Block:
    """Something with a size that can put itself into a scene at a given top-left corner."""

    width: float
    height: float

    def emit(self, scene: Scene, x: float, y: float) -> None:  # pragma: no cover - interface
        """Add this block's shapes, lines and texts to ``scene`` with its top-left corner at ``(x, y)``."""
        raise NotImplementedError


@dataclass
class TextBlock(Block):
    text: str
    size: float
    role: str = "operator-sign"
    margin: float = 0.0  # extra room on both sides (a bare sign before a leg, so "−" does not run into "—")

    def __post_init__(self) -> None:
        self.width = text_width(self.text, self.size) + self.size * 0.9 + 2 * self.margin
        self.height = self.size * 1.3

    def emit(self, scene: Scene, x: float, y: float) -> None:
        if self.role == "work":  # the lines of a worked sum start in line, whatever their width
            start = x + self.size * 0.45 + self.margin
            scene.texts.append(Text(start, y + self.height / 2, self.text, self.size, self.role, "start"))
            return
        scene.texts.append(Text(x + self.width / 2, y + self.height / 2, self.text, self.size, self.role))


@dataclass
class DiagramBlock(Block):
    geometry: Geometry
    theme: Theme
    term: int = 0

    def __post_init__(self) -> None:
        self.width, self.height = self.geometry.width, self.geometry.height

    def emit(self, scene: Scene, x: float, y: float) -> None:
        theme = self.theme
        dot = theme.font_size * 0.6
        fanned = {box.node: box for box in self.geometry.boxes if box.kind == "copy" and box.width > dot + 1e-9}
        for route in self.geometry.routes:
            points = tuple((px + x, py + y) for px, py in route.points)
            if fanned:  # a leg of a copy dot drawn small: the line goes on to the dot
                points = _to_dots(points, route, fanned, dot / 2, x, y)
            role = "open" if route.end is None else ("loop" if len(points) > 5 else "bond")
            scene.lines.append(Line(points, role, route.start, route.end, self.term))
            if route.label:
                (x0, y0), (x1, y1) = points[-2], points[-1]
                dx, dy = np.sign(x1 - x0), np.sign(y1 - y0)
                size = theme.font_size * 0.6
                anchor = "end" if dx < 0 else "start" if dx > 0 else "middle"
                scene.texts.append(Text(x1 + dx * 4, y1 + dy * size * 0.9, route.label, size, "leg-label", anchor))
        for box in self.geometry.boxes:
            fill = "none" if box.kind == "wire" else box.color or theme.fill(box.kind)
            if box.marks:  # a controlled gate: dots and ⊕ on its wires, a line between
                self._controlled(scene, box, x, y, theme)
                continue
            if box.kind == "copy" and box.width > theme.font_size * 0.6 + 1e-9:
                self._fanned(scene, box, x, y, theme)
                continue
            for top, bottom in box.parts:  # one piece, or a gate's pieces around the wires passing it
                height = bottom - top
                scene.shapes.append(
                    Shape(
                        box.left + x,
                        top + y,
                        box.width,
                        height,
                        box.circle,
                        fill,
                        box.label,
                        box.kind,
                        box.node,
                        self.term,
                        box.title,
                    )
                )
            for top, bottom in box.gaps:  # the pieces joined by a line the passing wires cross
                scene.lines.append(Line(((box.x + x, top + y), (box.x + x, bottom + y)), "link", term=self.term))
            if box.label:  # (a copy tensor's dot has none)
                scene.texts.append(Text(box.x + x, box.label_y + y, box.label, theme.font_size, "label"))

    def _fanned(self, scene: Scene, box: Any, x: float, y: float, theme: Theme) -> None:
        """A copy tensor with several legs on a side: the small dot it always is, its lines fanning out from it
        to where the box's room put its legs (the room keeps them on the grid; it is not drawn)."""
        diameter = theme.font_size * 0.6
        centre = (box.x + x, box.y + y)
        left, top = centre[0] - diameter / 2, centre[1] - diameter / 2
        scene.shapes.append(
            Shape(left, top, diameter, diameter, True, box.color or theme.fill("copy"), "", "copy", box.node, self.term)
        )

    def _controlled(self, scene: Scene, box: Any, x: float, y: float, theme: Theme) -> None:
        """A CNOT's or CZ's pieces: a filled dot on a control wire, a circle with a cross (⊕) on the target."""
        for (top, bottom), mark in zip(box.parts, box.marks):
            ink = theme.ink if mark == "control" else theme.background or "#ffffff"
            left = box.left + x
            scene.shapes.append(
                Shape(left, top + y, box.width, bottom - top, True, ink, "", "control", box.node, self.term, None)
            )
            if mark == "target":
                middle, centre = (top + bottom) / 2 + y, box.x + x
                half = box.width / 2
                scene.marks.append(Line(((centre - half, middle), (centre + half, middle)), "mark", term=self.term))
                scene.marks.append(Line(((centre, middle - half), (centre, middle + half)), "mark", term=self.term))
        for top, bottom in box.gaps:
            scene.lines.append(Line(((box.x + x, top + y), (box.x + x, bottom + y)), "link", term=self.term))


def _to_dots(points: Any, route: Any, fanned: dict[int, Any], radius: float, x: float, y: float) -> Any:
    """``points`` continued from a fanned copy's leg to its dot (to the dot's square, so the line stays out of the
    dot), at either end."""

    def edge(box: Any, leg: str) -> tuple[float, float]:
        ax, ay = box.anchors[leg]
        dx, dy = ax - box.x, ay - box.y
        reach = max(abs(dx), abs(dy)) or 1.0  # to the edge of the dot's square: the line never enters the dot
        return (box.x + x + dx / reach * radius, box.y + y + dy / reach * radius)

    if route.start[0] in fanned:  # (from the dot straight to where the line turns off the leg's stub)
        points = (edge(fanned[route.start[0]], route.start[1]), *points[1 if len(points) > 2 else 0 :])
    if route.end is not None and route.end[0] in fanned:
        points = (*points[: -1 if len(points) > 2 else None], edge(fanned[route.end[0]], route.end[1]))
    return points


@dataclass
class CheckBlock(Block):
    """A drawn check mark (the equation holds) or cross (it does not): paths, so no font can lack it."""

    holds: bool
    size: float

    def __post_init__(self) -> None:
        self.width, self.height = self.size * 1.5, self.size

    def emit(self, scene: Scene, x: float, y: float) -> None:
        s = self.size
        x += 0.5 * s
        if self.holds:
            scene.lines.append(
                Line(((x + 0.1 * s, y + 0.55 * s), (x + 0.4 * s, y + 0.85 * s), (x + 0.9 * s, y + 0.15 * s)), "check")
            )
        else:
            scene.lines.append(Line(((x + 0.15 * s, y + 0.15 * s), (x + 0.85 * s, y + 0.85 * s)), "cross"))
            scene.lines.append(Line(((x + 0.85 * s, y + 0.15 * s), (x + 0.15 * s, y + 0.85 * s)), "cross"))


@dataclass
class MatrixBlock(Block):
    """Numbers in square brackets: a column for a ket, a row for a bra, a grid for an operator."""

    entries: list[list[str]]
    size: float
    stroke: float

    def __post_init__(self) -> None:
        columns = len(self.entries[0])
        self.column_width = [  # (numbers run up to 15% wider than the label estimate: digits are wide)
            max(text_width(row[c], self.size) for row in self.entries) * 1.15 + self.size * 0.8 for c in range(columns)
        ]
        self.row_height = self.size * 1.45
        self.bracket = self.size * 0.35
        self.width = sum(self.column_width) + 2 * self.bracket + self.stroke * 2
        self.height = self.row_height * len(self.entries) + self.size * 0.3

    def emit(self, scene: Scene, x: float, y: float) -> None:
        top, bottom = y, y + self.height
        left, right = x + self.stroke, x + self.width - self.stroke
        scene.lines.append(
            Line(((left + self.bracket, top), (left, top), (left, bottom), (left + self.bracket, bottom)), "bracket")
        )
        scene.lines.append(
            Line(
                ((right - self.bracket, top), (right, top), (right, bottom), (right - self.bracket, bottom)), "bracket"
            )
        )
        row_y = y + self.size * 0.15 + self.row_height / 2
        for row in self.entries:
            column_x = left + self.bracket
            for text, width in zip(row, self.column_width):
                scene.texts.append(Text(column_x + width / 2, row_y, text, self.size, "value"))
                column_x += width
            row_y += self.row_height


@dataclass
class RowBlock(Block):
    blocks: list[Block]
    gap: float

    def __post_init__(self) -> None:
        self.width = sum(b.width for b in self.blocks) + self.gap * max(0, len(self.blocks) - 1)
        self.height = max(b.height for b in self.blocks)

    def emit(self, scene: Scene, x: float, y: float) -> None:
        for block in self.blocks:
            block.emit(scene, x, y + (self.height - block.height) / 2)
            x += block.width + self.gap


@dataclass
class GroupBlock(Block):
    """A block in tall parentheses: a sum that is one factor of a product, ``(A + B)``."""

    inner: Block
    size: float
    stroke: float

    def __post_init__(self) -> None:
        self.bow = self.size * 0.4  # how far a parenthesis bulges
        self.width = self.inner.width + 2 * (self.bow + self.size * 0.25)
        self.height = self.inner.height + self.size * 0.4

    def emit(self, scene: Scene, x: float, y: float) -> None:
        steps = 16
        for edge, outward in ((x + self.bow + self.stroke, -1.0), (x + self.width - self.bow - self.stroke, 1.0)):
            points = tuple(
                (edge + outward * self.bow * math.sin(math.pi * k / steps), y + self.height * k / steps)
                for k in range(steps + 1)
            )
            scene.lines.append(Line(points, "bracket"))
        self.inner.emit(scene, x + (self.width - self.inner.width) / 2, y + (self.height - self.inner.height) / 2)


@dataclass
class ColumnBlock(Block):
    """Blocks stacked top to bottom, left-aligned: a few statements read in order."""

    blocks: list[Block]
    gap: float

    def __post_init__(self) -> None:
        self.width = max(b.width for b in self.blocks)
        self.height = sum(b.height for b in self.blocks) + self.gap * max(0, len(self.blocks) - 1)

    def emit(self, scene: Scene, x: float, y: float) -> None:
        for block in self.blocks:
            block.emit(scene, x, y)
            y += block.height + self.gap


@dataclass
class FractionBlock(Block):
    """One block over another with a bar between: S12's energy, S14's probability."""

    numerator: Block
    denominator: Block
    stroke: float
    pad: float = 10.0

    def __post_init__(self) -> None:
        self.width = max(self.numerator.width, self.denominator.width) + 2 * self.pad
        self.height = self.numerator.height + self.denominator.height + 2 * self.pad

    def emit(self, scene: Scene, x: float, y: float) -> None:
        self.numerator.emit(scene, x + (self.width - self.numerator.width) / 2, y)
        bar = y + self.numerator.height + self.pad
        scene.lines.append(Line(((x, bar), (x + self.width, bar)), "fraction"))
        self.denominator.emit(scene, x + (self.width - self.denominator.width) / 2, bar + self.pad)


def shape_only(shape: tuple[int, ...]) -> bool:
    """True when a value of this shape is shown by its shape alone (too big, or empty: ``pn.einsum`` on an empty
    axis), so it need not be computed to be drawn."""
    return len(shape) > 2 or any(size > MAX_SHOWN or size == 0 for size in shape)


def shape_block(shape: tuple[int, ...], kind: str, theme: Theme) -> Block:
    """The value panel of a value too big to show: its shape, ``(2×2×2 tensor)``."""
    size = theme.font_size
    if len(shape) == 1:
        return TextBlock(word(theme, "covector" if kind == "bra" else "vector", dim=shape[0]), size * 0.8, "value")
    if len(shape) > 3 and len(set(shape)) == 1:  # 2×2×…×2: written as a power, 2¹²
        text = f"{shape[0]}{str(len(shape)).translate(_SUPERSCRIPT)}"
    else:
        text = "×".join(str(s) for s in shape)
    return TextBlock(word(theme, "matrix" if len(shape) == 2 else "tensor", shape=text), size * 0.8, "value")


def value_block(value: Any, kind: str, theme: Theme, rounding: float = 0.0) -> Block:
    """The value panel: a number, or a vector or matrix in brackets, or its shape when large.

    A floating-point entry (or its real or imaginary part) no bigger than ``rounding``, the bound on the
    contraction's rounding (:func:`~penrose.core.values.rounding_error`), cannot be told from 0 and is written 0.
    """
    size = theme.font_size
    array = as_numpy(value)
    if rounding > 0 and array.dtype.kind in "fc":
        array = snapped(array, rounding)
    if array.ndim == 0:
        return TextBlock(entry_text(array.item()), size, "value")
    if shape_only(array.shape):
        return shape_block(array.shape, kind, theme)
    if array.ndim == 1:
        cells = [entry_text(v) for v in array]
        entries = [cells] if kind == "bra" else [[c] for c in cells]
        return MatrixBlock(entries, size, theme.stroke)
    return MatrixBlock([[entry_text(v) for v in row] for row in array], size, theme.stroke)


def dirac_block(value: Any, kind: str, dims: Sequence[int], theme: Theme, rounding: float = 0.0) -> Block:
    """A many-leg ket's or bra's value in Dirac form, ``(|000⟩ + |111⟩)/√2`` (see :mod:`penrose.draw.kets`)."""
    array = as_numpy(value)
    if rounding > 0 and array.dtype.kind in "fc":
        array = snapped(array, rounding)
    if not reads_well(array):  # many terms of many sizes: the column (or its shape) says it better
        return value_block(array, kind, theme) if not shape_only(array.shape) else shape_block(array.shape, kind, theme)
    text = dirac_text(array, dims, bra=kind == "bra")
    room = text_width(text, theme.font_size) * 0.08  # (digits and brackets run wider than the estimate)
    return TextBlock(text, theme.font_size, "value", margin=room)
