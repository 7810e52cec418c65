"""Any diagram (or document) as a sketch the editor can open: one box per node, one line per bond.

A document the editor saved carries its own sketch (``"editor"``: the entries as typed, the
named dimensions) and opens as it was; any other, written by ``pn.save`` from the API, is
read box by box: its numbers as text penrose's number reader reads back, its cells from
the document or, where it has none, from penrose's own layout.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ...core.arrays import as_numpy
from ...core.copies import is_copy
from ...core.diagram import Diagram
from ...draw.layout.control import shown_name
from ..document import Document
from .code import nested_text
from .results import layout
from .sketch import EditorError, Sketch, SketchBox

__all__ = ["from_diagram", "from_document"]


def from_document(document: Document) -> Sketch:
    """The sketch a document holds: its own when the editor wrote it, else one read from its diagram."""
    own = document.extra.get("editor")
    if own is not None:
        sketch = Sketch.from_dict(own)
        sketch.diagram()  # (checked: a sketch that does not build is refused as the document it came with)
        return sketch
    sketch = from_diagram(document.diagram, document.positions)
    if document.title:
        sketch.title = document.title
    return sketch


def from_diagram(diagram: Diagram, positions: Any = None) -> Sketch:
    """A sketch of ``diagram``'s one network (a coefficient becomes a number box), boxes in their cells."""
    expanded = diagram.expand() if diagram.factors is not None else diagram
    if expanded.term_count != 1:
        raise EditorError(
            f"the editor draws one network; this diagram is a sum of {expanded.term_count} terms: open one term"
        )
    coefficient, term = expanded.terms[0]
    network = term.network
    boxes = [_box(node, k) for k, node in enumerate(network.nodes)]
    lines = [((f"b{a[0]}", a[1]), (f"b{b[0]}", b[1])) for a, b in network.bonds]
    if coefficient != 1:
        boxes.append(SketchBox(f"b{len(boxes)}", "scalar", None, (), _entry(coefficient), cell=(0, -1)))
    sketch = Sketch(boxes, lines)
    cells = _cells(network, positions if isinstance(positions, dict) else None)
    if cells is None:
        found = layout(Sketch([_unpinned(box) for box in boxes], lines))["cells"]
        cells = {box.id: tuple(found[box.id]) for box in boxes}
    sketch.boxes = [_placed(box, cells.get(box.id, box.cell), pinned=True) for box in boxes]
    return sketch


def _cells(network: Any, positions: dict[Any, Any] | None) -> dict[str, tuple[int, int]] | None:
    if not positions:
        return None
    names = [shown_name(node) for node in network.nodes]
    cells = {}
    for key, cell in positions.items():
        if isinstance(key, int) and 0 <= key < len(names):
            cells[f"b{key}"] = tuple(cell)
        elif key in names:
            cells[f"b{names.index(key)}"] = tuple(cell)
    return cells if len(cells) == len(names) else None


def _box(node: Any, k: int) -> SketchBox:
    if node.daggered and not node.conjugated and not is_copy(node):  # ψ† as the user wrote it: the ket ψ, daggered
        original = node.dagger()
        if not original.daggered and original.name == node.name:
            box = _box(original, k)
            return SketchBox(box.id, box.kind, box.name, box.legs, box.entries, dagger=True)
    legs = tuple((leg.name, leg.side, leg.dim) for leg in node.legs)
    name = shown_name(node)
    if is_copy(node):
        return SketchBox(f"b{k}", "copy", None, legs)
    entries = "" if node.data is None else _entries(as_numpy(node.data))
    kind = node.kind if node.kind in ("ket", "bra", "operator", "scalar") else "tensor"
    return SketchBox(f"b{k}", kind, name, legs, entries)


def _unpinned(box: SketchBox) -> SketchBox:
    return _placed(box, box.cell, pinned=False)


def _placed(box: SketchBox, cell: Any, pinned: bool) -> SketchBox:
    return SketchBox(box.id, box.kind, box.name, box.legs, box.entries, box.dagger, box.conjugate, cell, pinned)


def _entries(array: np.ndarray) -> str:
    if array.ndim == 0:
        return _entry(array.item())
    return nested_text(array.tolist(), _entry)


def _entry(value: Any) -> str:
    """A number as text penrose's number reader reads back as the same number (never Python to evaluate)."""
    if isinstance(value, (bool, np.bool_)):
        return str(int(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (complex, np.complexfloating)):
        value = complex(value)
        return f"({value.real!r}{'+' if value.imag >= 0 else '-'}{abs(value.imag)!r}j)"
    raise EditorError(f"the entry {str(value)[:40]!r} is symbolic; the editor opens boxes of numbers")
