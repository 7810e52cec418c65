"""What the editor shows beside the drawing, computed by the library the API uses.

The value (exact where the entries are, shaped like the open legs, in Dirac form when
small), the contraction path's cost with its scaling in the named dimensions (``O(χ³d)``),
the worked sum of a small diagram, penrose's own figure laid out as the user placed the
boxes, its code and TikZ, and the environment of a box: the diagram with that box taken
out, which is the derivative of the value with respect to it.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import math
import warnings
from collections import Counter
from typing import Any

import numpy as np

from ...core.arrays import as_numpy
from ...core.errors import DiagramError
from ...core.typography import format_number
from ...core.values import entry_count
from ...draw.figure import drawn_centres
from ...draw.layout.control import shown_name
from ...draw.render.export import render
from ...draw.render.kets import dirac_text
from .code import python_code
from .sketch import EditorError, Sketch

__all__ = ["FORMATS", "cost", "environment", "export", "layout", "results", "value_text"]

#: Diagrams of at most this many terms in their worked sum get one.
WORK_LIMIT = 64
#: Networks of at most this many boxes get the scaling of their best pairwise order (opt_einsum's dp search).
EXACT_ORDER = 16
#: Values of at most this many entries are written out in full.
SHOWN_ENTRIES = 256
#: Figures the editor exports: the file's suffix and its MIME type.
FORMATS = {"svg": ("image/svg+xml",), "tex": ("text/x-tex",), "png": ("image/png",), "pdf": ("application/pdf",)}


def results(sketch: Sketch) -> dict[str, Any]:
    """Everything the page shows for ``sketch``; a problem becomes ``error`` (one sentence), never an exception."""
    if not sketch.boxes:
        return {"empty": True, "message": "Place a box from the palette, then drag from a leg to a leg to join them."}
    try:
        diagram = sketch.diagram()
    except DiagramError as error:
        return {"error": str(error)}
    shown: dict[str, Any] = {"kind": diagram.kind, "legs": _legs(diagram)}
    try:
        shown["code"] = python_code(sketch)
    except DiagramError as error:  # (cannot happen when the diagram was built; said rather than hidden)
        shown["code_error"] = str(error)
    try:
        figure, note = _figure(sketch, diagram)
        shown["svg"] = figure.to_svg()
        if note:
            shown["figure_note"] = note
        try:
            shown["tikz"] = figure.to_tikz()
        except DiagramError as error:  # (a figure too wide for TeX still has its SVG)
            shown["tikz"] = f"% {error}"
    except DiagramError as error:
        shown["figure_error"] = str(error)
    if diagram.symbolic:
        shown["value"] = {"symbolic": True, "text": "symbolic: give every box its entries to get a number"}
        shown["cost"] = cost(sketch, sketch.diagram(twin=True))  # (the path depends on the shapes alone)
        return shown
    try:
        value = diagram.value(memory_limit="1GB")
    except DiagramError as error:
        shown["value_error"] = str(error)
        return shown
    shown["value"] = value_text(diagram, value)
    shown["cost"] = cost(sketch, diagram)
    if diagram.term_count == 1 and math.prod(d or 1 for d in _all_dims(diagram)) <= 1 << 12:
        work = diagram.work(WORK_LIMIT)
        shown["work"] = str(work)
    return shown


def value_text(diagram: Any, value: Any) -> dict[str, Any]:
    """The value as the page writes it: ``text`` (numbers, exact where exact), ``shape`` and, when small, ``dirac``."""
    array = as_numpy(value)
    shown: dict[str, Any] = {"shape": list(np.shape(array)), "exact": np.asarray(array).dtype.kind in "iuO"}
    if np.ndim(array) == 0:
        shown["text"] = format_number(np.asarray(array).item())
        return shown
    if array.size > SHOWN_ENTRIES:
        shown["text"] = f"an array of shape {array.shape} ({array.size} entries; export the code to get it)"
        return shown
    shown["text"] = _array_text(array)
    if diagram.kind in ("ket", "bra") and array.size <= 16:
        dims = [leg.dim for leg in diagram.legs]
        with contextlib.suppress(TypeError, ValueError):  # (a value the Dirac form cannot write keeps its list)
            shown["dirac"] = dirac_text(np.asarray(array).reshape(-1), dims, bra=diagram.kind == "bra")
    return shown


def cost(sketch: Sketch, diagram: Any) -> dict[str, Any]:
    """The path ``value()`` follows: FLOPs, the largest intermediate, and the costliest step's scaling."""
    if diagram.term_count != 1 or len(diagram.nodes) < 2:
        return {"flops": 0, "largest": entry_count(diagram.legs), "scaling": "O(1)"}
    path = diagram.path()
    # the scaling of the best pairwise order (what a physicist quotes: O(χ³d) for an MPS step), even where
    # value() contracts a small network in one einsum call; beyond EXACT_ORDER boxes, value()'s own order
    # (an exhaustive search there takes seconds: 4.8 s on 30 irregular boxes, on every edit of the page)
    best = diagram.path(optimize="dp") if len(diagram.nodes) <= EXACT_ORDER else path
    sizes: dict[str, int] = {}
    for term, operand in zip(best.info.eq.split("->")[0].split(","), best.info.shapes):
        sizes.update(zip(term, operand))
    steps = []
    for step in best.info.contraction_list:
        letters = set(step[2].split("->")[0].replace(",", ""))
        steps.append((math.prod(sizes[letter] for letter in letters), letters))
    costliest = max(steps, key=lambda item: item[0])[1] if steps else set()
    names = _dimension_names(sketch)
    scaling = Counter(names.get(sizes[letter], str(sizes[letter])) for letter in costliest)
    return {
        "flops": path.flops,
        "largest": path.largest_intermediate,
        "steps": len(steps),
        "scaling": _monomial(scaling),
    }


def environment(sketch: Sketch, box_id: str) -> dict[str, Any]:
    """The diagram with box ``box_id`` taken out (its partners' legs left open), shown as :func:`results` shows one."""
    rest = sketch.without(box_id)
    if not rest.boxes:
        return {"error": "the environment of the only box is empty: the value is the box itself"}
    shown = results(rest)
    box = next(box for box in sketch.boxes if box.id == box_id)
    shown["of"] = box.name or box.id
    return shown


def layout(sketch: Sketch) -> dict[str, Any]:
    """Cells for every box by penrose's own layout, the pinned boxes kept where they are: ``{"cells": {id: [c, r]}}``.

    The boxes go where penrose's picture puts them (quarter cells, so that a gate spanning two
    wires sits between them); the whole is moved so that the first pinned box stays on its cell,
    the other pinned boxes keep theirs, and a box that would land on one moves aside.
    """
    diagram = sketch.diagram()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        figure = diagram.draw(value=False)
    drawn = (drawn_centres(figure) or [[]])[0]
    names = [shown_name(node) for node in diagram.nodes]
    centres: dict[int, tuple[float, float]] = {}
    if len(drawn) == len(names):
        centres = {k: (x, y) for k, (_, x, y) in enumerate(drawn)}
    else:  # some boxes are drawn as wire: the others by name, the k-th of a name to the k-th box of that name
        waiting: dict[str | None, list[int]] = {}
        for k, name in enumerate(names):
            if diagram.nodes[k].kind != "copy" or name is None:
                waiting.setdefault(name, []).append(k)
        for name, x, y in drawn:
            candidates = waiting.get(name, [])
            matches = [k for k in candidates if not _identity(diagram.nodes[k])] or candidates
            if matches:
                k = matches[0]
                candidates.remove(k)
                centres[k] = (x, y)
    found = _cells_from(centres)
    for k in range(len(sketch.boxes)):  # a box drawn as wire: between the boxes it is joined to
        if k not in found:
            partners = [found[j] for j in _partners(diagram, k) if j in found]
            found[k] = _mean(partners) if partners else (0.0, max((r for _, r in found.values()), default=0) + 1)
    pinned = {k: tuple(box.cell) for k, box in enumerate(sketch.boxes) if box.pinned}
    shift = (0.0, 0.0)
    if pinned:
        k, cell = next(iter(pinned.items()))
        shift = (cell[0] - found[k][0], cell[1] - found[k][1])
    cells: dict[int, tuple[float, float]] = dict(pinned)  # type: ignore[arg-type]
    for k in range(len(sketch.boxes)):
        if k in pinned:
            continue
        column, row = found[k][0] + shift[0], found[k][1] + shift[1]
        while any(abs(column - c) < 0.75 and abs(row - r) < 0.5 for c, r in cells.values()):
            column += 1
        cells[k] = (column, row)
    left = min(0.0, *(c for c, _ in cells.values()))
    top = min(0.0, *(r for _, r in cells.values()))  # (never above or left of the page)
    return {"cells": {sketch.boxes[k].id: [_quarter(c - left), _quarter(r - top)] for k, (c, r) in cells.items()}}


def _cells_from(centres: dict[int, tuple[float, float]]) -> dict[int, tuple[float, float]]:
    """Pixel centres as cells: the most common spacing between neighbouring columns (rows) is one cell."""
    if not centres:
        return {}

    def unit(values: list[float]) -> float:
        distinct = sorted({round(v, 1) for v in values})
        gaps = [b - a for a, b in itertools.pairwise(distinct) if b - a > 1]
        return float(np.median(gaps)) if gaps else 1.0

    xs, ys = [x for x, _ in centres.values()], [y for _, y in centres.values()]
    across, down = unit(xs), unit(ys)
    return {k: ((x - min(xs)) / across, (y - min(ys)) / down) for k, (x, y) in centres.items()}


def _identity(node: Any) -> bool:
    """An identity matrix's box (a circuit draws it as wire)."""
    data = node.data
    if data is None or len(node.legs) % 2 or not node.legs:
        return False
    array = as_numpy(data)
    half = int(np.prod(array.shape[: array.ndim // 2]))
    return array.size == half * half and bool(np.array_equal(array.reshape(half, half), np.eye(half)))


def _partners(diagram: Any, k: int) -> list[int]:
    return [b[0] if a[0] == k else a[0] for a, b in diagram.network.bonds if k in (a[0], b[0])]


def _mean(cells: list[tuple[float, float]]) -> tuple[float, float]:
    return (sum(c for c, _ in cells) / len(cells), sum(r for _, r in cells) / len(cells))


def _quarter(value: float) -> float:
    rounded = round(value * 4) / 4
    return int(rounded) if rounded == int(rounded) else rounded


def export(sketch: Sketch, suffix: str) -> dict[str, Any]:
    """The figure as laid out by hand, in one of :data:`FORMATS` (binary ones base64-encoded)."""
    if suffix not in FORMATS:
        raise EditorError(f"cannot export {suffix!r}; choose one of {', '.join(FORMATS)}")
    figure, _ = _figure(sketch, sketch.diagram())
    mime = FORMATS[suffix][0]
    if suffix == "svg":
        return {"mime": mime, "text": figure.to_svg()}
    if suffix == "tex":
        return {"mime": mime, "text": figure.to_tikz()}
    return {"mime": mime, "base64": base64.b64encode(render(figure, "." + suffix)).decode("ascii")}


def _figure(sketch: Sketch, diagram: Any) -> tuple[Any, str | None]:
    """penrose's figure with the boxes in the user's cells; where the picture has no box of its own for some of
    them (a circuit draws identities as wire), penrose's own layout, with a note saying so."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (a missing Graphviz is said once by the library, not on every keystroke)
        try:
            return diagram.draw(positions=sketch.positions()), None
        except DiagramError as error:
            if not str(error).startswith("positions"):
                raise
            return diagram.draw(), f"drawn in penrose's own layout ({error})"


def _legs(diagram: Any) -> list[dict[str, Any]]:
    return [{"name": leg.name, "side": leg.side, "dim": leg.dim} for leg in diagram.legs]


def _all_dims(diagram: Any) -> list[int | None]:
    return [leg.dim for node in diagram.nodes for leg in node.legs]


def _array_text(array: Any) -> str:
    if array.dtype.kind == "O":
        return np.array2string(array, separator=", ", formatter={"object": lambda v: format_number(v)})
    return np.array2string(array, separator=", ", formatter={"all": lambda v: format_number(v)})


def _dimension_names(sketch: Sketch) -> dict[int, str]:
    """Sizes the user named (``χ = 8``), each by its name where one name has that size."""
    by_size: dict[int, list[str]] = {}
    for name, size in sketch.dims.items():
        by_size.setdefault(size, []).append(name)
    return {size: names[0] for size, names in by_size.items() if len(names) == 1}


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _monomial(powers: Counter) -> str:
    """``O(χ³d)`` from ``{"χ": 3, "d": 1}``: names first by power, numbers last with a dot."""
    if not powers:
        return "O(1)"
    named = sorted((name for name in powers if not name.isdigit()), key=lambda n: (-powers[n], n))
    numbers = sorted((name for name in powers if name.isdigit()), key=int, reverse=True)
    parts = [name + (str(powers[name]).translate(_SUPERSCRIPTS) if powers[name] > 1 else "") for name in named]
    text = "".join(parts)
    digits = "·".join(
        name + (str(powers[name]).translate(_SUPERSCRIPTS) if powers[name] > 1 else "") for name in numbers
    )
    return f"O({text}{'·' if text and digits else ''}{digits})"
