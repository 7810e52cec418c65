"""Figures: a diagram (or a sum, or an equation) laid out with its value panel, ready to export.

A figure is a row of blocks (diagrams, coefficients, ``+``, ``=``, a bracketed value),
vertically centred on one line. It becomes a :class:`~penrose.draw.scene.Scene`, which the
SVG and TikZ writers draw identically.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..core.contract import beyond_memory
from ..core.errors import DiagramError, MemoryLimitError
from ..core.products import chain
from ..core.typography import format_number
from ..core.values import value_rounding, value_shape
from .labels import clean_text, subscripts, text_width
from .layout.control import positions_of
from .layout.engines import layout_network
from .render.blocks import (
    Block,
    CheckBlock,
    ColumnBlock,
    DiagramBlock,
    FractionBlock,
    GroupBlock,
    RowBlock,
    TextBlock,
    dirac_block,
    shape_block,
    shape_only,
    value_block,
)
from .render.export import save
from .render.kets import written_in_dirac_form
from .render.scene import Scene
from .render.svg import to_svg
from .render.tikz import to_tikz
from .themes import Theme, get_theme
from .words import translated_line, word

__all__ = [
    "Figure",
    "draw_column",
    "draw_diagram",
    "draw_equation",
    "draw_frames",
    "draw_ratio",
    "draw_strip",
    "drawn_centres",
]


def _coefficient(coefficient: Any, first: bool) -> str:
    """``""`` for 1, ``"−"`` for −1, ``"+ 2"``, ``"− 0.5"``, ``"+ (1+2i)"``: how a term is introduced."""
    if isinstance(coefficient, complex) and abs(coefficient.imag) > 1e-15:
        text = f"({format_number(coefficient)})"
        return text if first else f"+ {text}"
    number = float(np.real(coefficient))
    sign = "−" if number < 0 else ("" if first else "+")
    magnitude = abs(number)
    body = "" if abs(magnitude - 1) < 1e-15 else format_number(magnitude)
    return f"{sign} {body}".strip() if sign else body


@dataclass(frozen=True)
class Placement:
    """The user's say in a picture's layout: its flow, a tree's root, and boxes pinned per drawn network."""

    flow: str = "right"
    root: Any = None
    positions: Any = None  # a dict for a figure of one network, a list of dicts (or None) for several

    def pins(self, number: int) -> Mapping[Any, tuple[int, int]] | None:
        """The pins of the ``number``-th drawn network (a dict applies to the first; see :meth:`check`)."""
        if self.positions is None or isinstance(self.positions, Mapping):
            return self.positions if number == 0 else None
        if not isinstance(self.positions, (list, tuple)):
            raise DiagramError(
                f"positions={self.positions!r}: give a dict from box name (or number) to its cell (column, row), "
                "or a list of such dicts, one per drawn network, as figure.positions returns"
            )
        return self.positions[number] if number < len(self.positions) else None

    def check(self, count: int) -> None:
        """Refuse pins that do not match a figure of ``count`` networks."""
        if self.positions is None:
            return
        if isinstance(self.positions, Mapping) and count > 1:
            raise DiagramError(
                f"positions: this figure draws {count} networks; give a list of {count} dicts "
                "(or None), one per network, as figure.positions returns"
            )
        if isinstance(self.positions, (list, tuple)) and len(self.positions) != count:
            raise DiagramError(
                f"positions: a list of {len(self.positions)} pins for a figure of {count} networks; "
                "give one dict (or None) per network, as figure.positions returns"
            )


def diagram_blocks(
    diagram: Any,
    theme: Theme,
    layout: str,
    leg_labels: bool,
    identities: bool | None = None,
    numbers: Iterator[int] | None = None,
    placement: Placement = Placement(),
) -> tuple[list[Block], set[str]]:
    """The blocks of a diagram's terms, each with its coefficient, and the layouts used.

    A product kept as written (:attr:`~penrose.Diagram.factors`) is drawn factor by factor,
    each sum in parentheses. ``numbers`` gives each drawn network its ``data-term`` number.
    """
    numbers = itertools.count() if numbers is None else numbers
    if diagram.factors is not None:
        return _product_blocks(diagram, theme, layout, leg_labels, identities, numbers, placement)
    blocks: list[Block] = []
    used: set[str] = set()
    for k, (coefficient, term) in enumerate(diagram.terms):
        text = _coefficient(coefficient, first=k == 0)
        if text:
            bare_sign = text in ("−", "+") and bool(term.network.side("W"))  # a sign, then a leg: keep them apart
            blocks.append(TextBlock(text, theme.font_size, "coefficient", theme.font_size * 0.5 if bare_sign else 0.0))
        number = next(numbers)
        pins = placement.pins(number)
        geometry = layout_network(
            term.network, theme, layout, leg_labels, identities, None, pins, placement.flow, placement.root
        )
        used.add(geometry.layout)
        blocks.append(DiagramBlock(geometry, theme, number))
    return blocks, used


def _product_blocks(
    diagram: Any,
    theme: Theme,
    layout: str,
    leg_labels: bool,
    identities: bool | None,
    numbers: Iterator[int],
    placement: Placement,
) -> tuple[list[Block], set[str]]:
    """``(A + B)(C + D)`` as written: each factor in turn, sums in parentheses; ``⊗`` between factors of ``&``."""
    operator = diagram.factors[0]
    factors: list[Any] = []
    for factor in _flattened(diagram, operator):  # neighbouring single terms drawn as one network
        if factors and factors[-1].term_count == 1 and factor.term_count == 1:
            factors[-1] = factors[-1] @ factor if operator == "@" else factors[-1] & factor
        else:
            factors.append(factor)
    blocks: list[Block] = []
    used: set[str] = set()
    for k, factor in enumerate(factors):
        if k and operator == "&":
            blocks.append(TextBlock("⊗", theme.font_size))
        inner, used_here = diagram_blocks(factor, theme, layout, leg_labels, identities, numbers, placement)
        used |= used_here
        if factor.term_count == 1:
            blocks += inner
        else:
            blocks.append(GroupBlock(RowBlock(inner, theme.font_size * 0.3), theme.font_size, theme.stroke))
    return blocks, used


def _flattened(diagram: Any, operator: str) -> list[Any]:
    """The factors of a chain of products by one operator, left to right: ``((A B) C)`` gives A, B, C."""
    if diagram.factors is None or diagram.factors[0] != operator:
        return [diagram]
    return chain(diagram)[1]


@dataclass
class Figure:
    """A picture a user holds: ``to_svg()``, ``save("fig.svg" | ".png" | ".pdf" | ".tex")``, shown by Jupyter."""

    block: Block
    theme: Theme
    layout: str = ""
    title: str | None = None
    width: float | None = None  # the width it is shown at, in CSS pixels (None: its own)
    _scene: Scene | None = field(default=None, repr=False)
    diagram: Any = field(default=None, repr=False, compare=False)  # the diagram drawn (None for an equation)

    def scene(self) -> Scene:
        if self._scene is None:
            scene = Scene(self.block.width, self.block.height, self.theme, layout=self.layout)
            if self.width is not None:
                scene.scale = self.width / (self.block.width + 2 * self.theme.margin)
            self.block.emit(scene, 0.0, 0.0)
            self._scene = scene
        return self._scene

    def fit(self, width: float | str) -> Figure:
        """The same figure shown ``width`` wide, in SVG and TikZ alike: a number of CSS pixels, or a length
        such as ``"10cm"``, ``"300pt"``, ``"4in"`` (lines and text scale with it).

        >>> import penrose as pn
        >>> figure = pn.ket([1, 0]).draw().fit("4cm")
        >>> 'width="151.18"' in figure.to_svg()
        True
        """
        return replace(self, width=_pixels(width), _scene=None)

    def to_svg(self) -> str:
        """The figure as SVG text (deterministic: the same figure gives the same bytes)."""
        return to_svg(self.scene(), self.title)

    def to_tikz(self) -> str:
        """The figure as a ``tikzpicture`` for LaTeX and beamer (needs ``\\usepackage{tikz}``)."""
        return to_tikz(self.scene())

    def save(self, path: str | Path, dpi: float | None = None) -> Path:
        """Write the figure; the format comes from the extension: .svg, .png, .pdf or .tex.

        ``dpi`` is a PNG's resolution (default 192, twice the screen's; 300 for print). PNG and PDF
        need cairosvg (``pip install "penrose-diagrams[png]"``).
        """
        return save(self, Path(path), dpi)

    @property
    def positions(self) -> Any:
        """Where each box went, as cells ``(column, row)`` keyed by box name (by number where names repeat):
        a dict for a figure of one network, a list of dicts for several. Give it back to ``draw(positions=...)``
        to pin the boxes there, after moving some.

        >>> import penrose as pn
        >>> pn.bra([1, 0], name="a").__matmul__(pn.ket([0, 1], name="b")).draw().positions
        {'a': (0, 0), 'b': (1, 0)}
        """
        found = [cells for cells in _drawn_positions(self.block)]
        return found[0] if len(found) == 1 else found

    def _repr_svg_(self) -> str:
        return self.to_svg()

    def __repr__(self) -> str:
        return f"<Figure {self.block.width:.0f}×{self.block.height:.0f} px, layout {self.layout or 'none'}>"


def _drawn_positions(block: Block) -> Iterator[dict[Any, tuple[int, int]]]:
    """The cells of every network drawn in ``block``, in the order they are drawn."""
    if isinstance(block, DiagramBlock):
        yield positions_of(block.geometry)
    for inner in (getattr(block, "blocks", None) or []) + [
        getattr(block, name) for name in ("inner", "numerator", "denominator") if hasattr(block, name)
    ]:
        yield from _drawn_positions(inner)


def drawn_centres(figure: Figure) -> list[list[tuple[str | None, float, float]]]:
    """The name and centre (x, y) of every box drawn, in box order, for each network of ``figure`` in the order drawn.

    A box the picture draws as no box of its own (an identity on a circuit's wire) is absent,
    and the boxes after it are numbered on: match them by name, in order.
    """
    found = []

    def walk(block: Block) -> None:
        if isinstance(block, DiagramBlock):
            geometry = block.geometry
            names = list(geometry.names) or [None] * len(geometry.boxes)
            boxes = sorted(geometry.boxes, key=lambda box: box.node)
            found.append([(names[box.node], box.x, box.y) for box in boxes])
        for inner in (getattr(block, "blocks", None) or []) + [
            getattr(block, name) for name in ("inner", "numerator", "denominator") if hasattr(block, name)
        ]:
            walk(inner)

    walk(figure.block)
    return found


_UNITS = {"px": 1.0, "pt": 96 / 72, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}


def _pixels(width: float | str) -> float:
    """A width as CSS pixels: a number is pixels already; a string has a unit (px, pt, in, cm, mm)."""
    if isinstance(width, (int, float)) and not isinstance(width, bool):
        pixels = float(width)
    elif isinstance(width, str) and width.strip()[-2:] in _UNITS:
        try:
            pixels = float(width.strip()[:-2]) * _UNITS[width.strip()[-2:]]
        except ValueError:
            pixels = -1.0
    else:
        pixels = -1.0
    if not 0 < pixels < 1e6:
        raise DiagramError(f"width={width!r} is not a width; give CSS pixels (300) or a length ('10cm', '300pt')")
    return pixels


def draw_diagram(
    diagram: Any,
    value: bool = True,
    theme: str | Theme = "slide",
    layout: str = "auto",
    leg_labels: bool = False,
    identities: bool | None = None,
    work: bool = False,
    positions: Any = None,
    flow: str = "right",
    root: Any = None,
) -> Figure:
    """The figure of a diagram, followed by ``= value`` when asked and the diagram can be evaluated.

    With ``work``, the worked sum (:meth:`~penrose.Diagram.work`) is set under it, line by line.
    ``positions``, ``flow`` and ``root`` are the user's say in the layout (:class:`Placement`).
    """
    chosen = get_theme(theme)
    placement = Placement(flow, root, positions)
    numbers = itertools.count()
    blocks, used = diagram_blocks(diagram, chosen, layout, leg_labels, identities, numbers, placement)
    placement.check(next(numbers))
    if value and not diagram.symbolic:
        blocks.append(TextBlock("=", chosen.font_size))
        blocks.append(_value_panel(diagram, chosen))
    row = _with_work(RowBlock(blocks, chosen.font_size * 0.3), diagram, work and not diagram.symbolic, chosen)
    return Figure(row, chosen, "+".join(sorted(used)), diagram.describe(), diagram=diagram)


def _value_panel(diagram: Any, theme: Theme) -> Block:
    """The value after ``=``: in Dirac form, as numbers, or by its shape (too big to show, or to compute: a value
    refused by the memory check is drawn, not raised)."""
    shown = value_shape(diagram.kind, diagram.legs)
    dirac = written_in_dirac_form(diagram.kind, diagram.dims)  # (|000⟩ + |111⟩)/√2
    if shape_only(shown) and not dirac:  # drawn by its shape alone: not computed (it may not even fit in memory)
        return shape_block(shown, diagram.kind, theme)
    unevaluated = TextBlock(word(theme, "unevaluated"), theme.font_size * 0.8, "value")
    if beyond_memory(diagram):  # (said at once, not after a path search)
        return unevaluated
    try:
        computed = diagram.value()
    except MemoryLimitError:
        return unevaluated
    rounding = value_rounding(diagram)
    if dirac:
        return dirac_block(computed, diagram.kind, diagram.dims, theme, rounding)
    return value_block(computed, diagram.kind, theme, rounding)


def _with_work(row: Block, worked: Any, wanted: bool, theme: Theme) -> Block:
    """``row``, and under it, when ``wanted``, the lines of ``worked.work()`` (a diagram's, equation's or ratio's)."""
    if not wanted:
        return row
    size = theme.font_size * 0.75
    limit = max(row.width, WORK_WIDTH)
    lines: list[Block] = [
        TextBlock(piece, size, "work")
        for line in worked.work().lines
        for piece in wrapped(translated_line(theme, line), size, limit)
    ]
    return ColumnBlock([row, *lines], theme.font_size * 0.3)


#: The width (px) a worked sum's line may take before it is broken, when the picture above it is narrower.
WORK_WIDTH = 560.0


def wrapped(line: str, size: float, limit: float) -> list[str]:
    """``line`` broken before its ``=`` signs (then before ``+``/``−`` between terms) into pieces at most ``limit``
    pixels wide at ``size``, each piece after the first starting with the sign it was broken at.

    >>> wrapped("1·5 + 2·1 = 5 + 2 = 7", 12, 60)
    ['1·5 + 2·1', '= 5 + 2', '= 7']
    """
    if text_width(line, size) <= limit:
        return [line]
    pieces: list[str] = []
    for k, part in enumerate(line.split(" = ")):
        part = part if k == 0 else f"= {part}"
        if text_width(part, size) <= limit:
            pieces.append(part)
            continue
        current = ""
        for term in re.split(r" (?=[+−] )", part):  # before a + or − between terms, not inside (…)'s numbers
            joined = f"{current} {term}" if current else term
            if current and text_width(joined, size) > limit:
                pieces.append(current)
                current = term
            else:
                current = joined
        pieces.append(current)
    return pieces


def draw_equation(
    equation: Any,
    check: bool = False,
    theme: str | Theme = "slide",
    layout: str = "auto",
    leg_labels: bool = False,
    identities: bool | None = None,
    work: bool = False,
    positions: Any = None,
    flow: str = "right",
) -> Figure:
    """``lhs = rhs`` on one line; with ``check``, a ✓ or ✗ from ``equation.holds()``; ``work`` adds both sums."""
    chosen = get_theme(theme)
    placement, numbers = Placement(flow, None, positions), itertools.count()
    left, used_left = diagram_blocks(equation.lhs, chosen, layout, leg_labels, identities, numbers, placement)
    right, used_right = diagram_blocks(equation.rhs, chosen, layout, leg_labels, identities, numbers, placement)
    placement.check(next(numbers))
    blocks: list[Block] = [*left, TextBlock("=", chosen.font_size), *right]
    if check:
        blocks.append(CheckBlock(equation.holds(), chosen.font_size))
    used = used_left | used_right
    wanted = work and not (equation.lhs.symbolic or equation.rhs.symbolic)
    row = _with_work(RowBlock(blocks, chosen.font_size * 0.3), equation, wanted, chosen)
    return Figure(row, chosen, "+".join(sorted(used)), repr(equation))


def draw_ratio(
    ratio: Any, value: bool = True, theme: str | Theme = "slide", layout: str = "auto", work: bool = False
) -> Figure:
    """A fraction of two closed diagrams, then ``= value``."""
    chosen = get_theme(theme)
    gap = chosen.font_size * 0.3
    top, used_top = diagram_blocks(ratio.numerator, chosen, layout, False)
    bottom, used_bottom = diagram_blocks(ratio.denominator, chosen, layout, False)
    blocks: list[Block] = [FractionBlock(RowBlock(top, gap), RowBlock(bottom, gap), chosen.stroke)]
    if value and not (ratio.numerator.symbolic or ratio.denominator.symbolic):
        blocks += [TextBlock("=", chosen.font_size), value_block(ratio.value(), "scalar", chosen)]
    used = used_top | used_bottom
    wanted = work and not (ratio.numerator.symbolic or ratio.denominator.symbolic)
    return Figure(_with_work(RowBlock(blocks, gap), ratio, wanted, chosen), chosen, "+".join(sorted(used)), repr(ratio))


def draw_strip(steps: Any, theme: str | Theme = "slide", layout: str = "auto", column: bool = False) -> Figure:
    """A contraction watched step by step: the network, then ``→`` and the network after each step.

    Every step keeps its boxes where the network had them (a merged box in the middle of the
    boxes it holds), so the pictures read as one network collapsing. With ``column``, one
    picture under the other, each headed by its step: which boxes merged, the shape of the
    tensor they made, and the FLOPs it took (for a long contraction on a page).
    """
    chosen = get_theme(theme)
    small = chosen.font_size * 0.6
    geometries = _step_geometries(steps, chosen, layout)
    first = geometries[0]
    if column:
        rows: list[Block] = []
        for k, geometry in enumerate(geometries):
            rows += [TextBlock(_step_heading(steps, k, chosen), small, "step"), DiagramBlock(geometry, chosen, k)]
        return Figure(ColumnBlock(rows, chosen.font_size * 0.4), chosen, "", "contraction steps")
    blocks: list[Block] = []
    for k, geometry in enumerate(geometries):
        if k:
            blocks.append(TextBlock(word(chosen, "arrow", flops=format_number(steps[k - 1].flops)), small, "step"))
        blocks.append(DiagramBlock(geometry, chosen, k))
    return Figure(RowBlock(blocks, chosen.font_size * 0.5), chosen, first.layout, "contraction steps")


def draw_frames(steps: Any, theme: str | Theme = "slide", layout: str = "auto") -> list[Figure]:
    """One figure per stage of a contraction, each headed by its step: the frames of a slide that contracts the
    network step by step (every box where the network had it, so the frames read as one network collapsing)."""
    chosen = get_theme(theme)
    small = chosen.font_size * 0.6
    return [
        Figure(
            ColumnBlock(
                [TextBlock(_step_heading(steps, k, chosen), small, "step"), DiagramBlock(geometry, chosen, 0)],
                chosen.font_size * 0.4,
            ),
            chosen,
            geometry.layout,
            "contraction step" if k else "the network",
        )
        for k, geometry in enumerate(_step_geometries(steps, chosen, layout))
    ]


def _step_geometries(steps: Any, theme: Theme, layout: str) -> list[Any]:
    """The network laid out, then the network after each step with its boxes where their members were."""
    first = layout_network(steps.original.network, theme, layout, False)
    return [first] + [
        layout_network(step.diagram.network, theme, layout, False, cells=_held_cells(first, step.members))
        for step in steps
    ]


def _step_heading(steps: Any, k: int, theme: Theme) -> str:
    """What stage ``k`` shows: "the network", or step k's merged boxes, the shape they made and its FLOPs."""
    if not k:
        return word(theme, "the network")
    step = steps[k - 1]
    shape = "×".join(str(d) for d in step.diagram.nodes[-1].shape) or word(theme, "a number")
    first_name, second_name = (clean_text(subscripts(name)) for name in step.merged)
    return word(theme, "step", k=k, first=first_name, second=second_name, shape=shape, flops=format_number(step.flops))


def _held_cells(first: Any, members: Any) -> list[tuple[int, int]]:
    """A step's boxes on a grid twice as fine as the network's: each in the middle of the boxes it holds."""
    columns = {x: k for k, x in enumerate(sorted({round(box.x, 3) for box in first.boxes}))}
    rows = {y: k for k, y in enumerate(sorted({round(box.y, 3) for box in first.boxes}))}
    home = [(2 * columns[round(box.x, 3)], 2 * rows[round(box.y, 3)]) for box in first.boxes]
    cells: list[tuple[int, int]] = []
    for held in members:
        column = round(sum(home[k][0] for k in held) / len(held))
        row = round(sum(home[k][1] for k in held) / len(held))
        while (column, row) in cells:  # two merged boxes with one middle: the later one a step to the right
            column += 1
        cells.append((column, row))
    return cells


def draw_column(figures: list[Figure], title: str | None = None) -> Figure:
    """Several figures of one theme stacked top to bottom: a short argument read in order."""
    theme = figures[0].theme
    used = "+".join(sorted({f.layout for f in figures if f.layout}))
    return Figure(ColumnBlock([f.block for f in figures], theme.row_gap), theme, used, title)
