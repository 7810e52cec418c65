"""What the editor holds: boxes where the user put them, the lines drawn between their legs, named dimensions.

A :class:`Sketch` is read from the page's JSON (every field checked, text never evaluated),
turned into one constructor call per box (:class:`Call`), and those calls into the diagram:
``box₀ & box₁ & …`` joined along the drawn lines. The Python code the editor shows is the
same calls written out (:mod:`.code`), so running it gives the same network.

>>> sketch = Sketch.from_dict({"boxes": [
...     {"id": "a", "kind": "bra", "name": "φ", "entries": "[1, 2, 4, 3]"},
...     {"id": "b", "kind": "ket", "name": "ψ", "entries": "[5, 1, -3, 2]", "cell": [1, 0]}],
...     "lines": [[["a", "i"], ["b", "i"]]]})
>>> sketch.diagram().value()
1
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...core.constructors import bra, copy, ket, op, scalar, tensor
from ...core.diagram import Diagram
from ...core.errors import DiagramError
from ...core.legs import SIDES
from .. import dirac
from .named import entries as read_entries

__all__ = ["CONSTRUCTORS", "DEFAULT_LEGS", "KINDS", "LIMITS", "Call", "EditorError", "Sketch", "SketchBox"]

#: The boxes the palette makes.
KINDS = ("ket", "bra", "operator", "tensor", "copy", "scalar")
#: The legs a box of each kind starts with: (name, side).
DEFAULT_LEGS: dict[str, tuple[tuple[str, str], ...]] = {
    "ket": (("i", "W"),),
    "bra": (("i", "E"),),
    "operator": (("i", "W"), ("j", "E")),
    "tensor": (("a", "W"), ("b", "E"), ("c", "S")),
    "copy": (("a", "W"), ("b", "E"), ("c", "S")),
    "scalar": (),
}
#: The public constructors a box is made by, by the name the generated code calls (``pn.<name>``).
CONSTRUCTORS = {"ket": ket, "bra": bra, "op": op, "tensor": tensor, "copy": copy, "scalar": scalar}
#: What one page may send: boxes, legs per box, characters of one text field, largest dimension.
LIMITS = {"boxes": 500, "legs": 16, "text": 2000, "dim": 1 << 16}


class EditorError(DiagramError):
    """Something drawn in the editor that cannot be built: it names the box, the leg and what was expected."""


@dataclass(frozen=True)
class SketchBox:
    """One box as drawn: its kind, name, legs ``(name, side, dim)``, entries as typed, and its cell."""

    id: str
    kind: str
    name: str | None
    legs: tuple[tuple[str, str, int | str | None], ...]
    entries: str = ""
    dagger: bool = False
    conjugate: bool = False
    cell: tuple[float, float] = (0, 0)
    pinned: bool = True

    def describe(self) -> str:
        return f"{self.kind} {self.name!r}" if self.name else f"{self.kind} {self.id}"


@dataclass(frozen=True)
class Call:
    """One box made by a public constructor: ``pn.<function>(*arguments, **options)``, then ``.dag``/``.conj()``."""

    function: str
    arguments: tuple[Any, ...]
    options: dict[str, Any]
    then: tuple[str, ...] = ()
    reshape: tuple[int, ...] | None = None  # the entries as typed, reshaped to the legs' dimensions

    def build(self) -> Diagram:
        function = CONSTRUCTORS[self.function]
        arguments = list(self.arguments)
        if self.reshape is not None:
            arguments[0] = np.asarray(arguments[0]).reshape(self.reshape)
        diagram = function(*arguments, **self.options)
        for step in self.then:
            diagram = diagram.dag if step == "dag" else diagram.conj()
        return diagram


@dataclass
class Sketch:
    """Boxes, lines and named dimensions, as the page sends them."""

    boxes: list[SketchBox]
    lines: list[tuple[tuple[str, str], tuple[str, str]]]
    dims: dict[str, int] = field(default_factory=dict)
    title: str | None = None
    arrays: dict[str, Any] = field(default_factory=dict, repr=False)  # attached in a notebook: entries "@name"

    # ------------------------------------------------------------------ reading
    @classmethod
    def from_dict(cls, data: Any, arrays: dict[str, Any] | None = None) -> Sketch:
        """Read and check the page's JSON: an object with ``boxes``, ``lines`` and ``dims``.

        ``arrays`` are numbers attached by name (in a notebook): a box whose entries are
        ``@name`` takes them.
        """
        if not isinstance(data, dict):
            raise EditorError("the editor sends an object with boxes, lines and dims")
        dims = _dims(data.get("dims", {}))
        boxes_data = _list(data.get("boxes", []), "boxes")
        if len(boxes_data) > LIMITS["boxes"]:
            raise EditorError(f"{len(boxes_data)} boxes: the editor draws at most {LIMITS['boxes']}")
        boxes = [_box(item, k, dims) for k, item in enumerate(boxes_data)]
        ids = [box.id for box in boxes]
        if len(set(ids)) != len(ids):
            raise EditorError("two boxes have the same id")
        legs = {(box.id, leg[0]): leg for box in boxes for leg in box.legs}
        used: set[tuple[str, str]] = set()
        lines = []
        for k, line in enumerate(_list(data.get("lines", []), "lines")):
            ends = []
            for end in line if isinstance(line, list) and len(line) == 2 else [None, None]:
                if not (isinstance(end, list) and len(end) == 2 and all(isinstance(part, str) for part in end)):
                    raise EditorError(f"lines[{k}]: a line joins two legs, each [box id, leg name]")
                key = (end[0], end[1])
                if key not in legs:
                    raise EditorError(f"lines[{k}]: no leg {end[1]!r} on box {end[0]!r}")
                if key in used:
                    raise EditorError(f"lines[{k}]: leg {end[1]!r} of box {end[0]!r} already has a line")
                used.add(key)
                ends.append(key)
            lines.append((ends[0], ends[1]))
        title = data.get("title")
        return cls(boxes, lines, dims, title if isinstance(title, str) and title else None, dict(arrays or {}))

    def to_dict(self) -> dict[str, Any]:
        """The sketch as the page holds it."""
        return {
            "boxes": [
                {
                    "id": box.id,
                    "kind": box.kind,
                    "name": box.name,
                    "legs": [{"name": n, "side": s, "dim": d} for n, s, d in box.legs],
                    "entries": box.entries,
                    "dagger": box.dagger,
                    "conjugate": box.conjugate,
                    "cell": list(box.cell),
                    "pinned": box.pinned,
                }
                for box in self.boxes
            ],
            "lines": [[list(a), list(b)] for a, b in self.lines],
            "dims": dict(self.dims),
            **({"title": self.title} if self.title else {}),
        }

    # ------------------------------------------------------------------ building
    def calls(self, twin: bool = False) -> list[Call]:
        """One constructor call per box, in order; with ``twin``, symbolic boxes get zeros of their shape.

        The twin has the symbolic diagram's shape and so its contraction path and cost.
        """
        return [_call(box, self.dims, twin, self.arrays) for box in self.boxes]

    def joins(self, parts: list[Diagram]) -> list[tuple[int, int]]:
        """The drawn lines as positions in the open legs of ``parts[0] & parts[1] & …``, dimensions checked."""
        whole = _combined(parts)
        index = {port: k for k, port in enumerate(whole.network.open_ports)}
        starts = [0]
        for part in parts:
            starts.append(starts[-1] + len(part.network.nodes))
        pairs = []
        for first, second in self.lines:
            legs = []
            for box_id, leg_name in (first, second):
                k = next(k for k, box in enumerate(self.boxes) if box.id == box_id)
                port = next(
                    ((starts[k] + node, name) for node, name in parts[k].network.open_ports if name == leg_name), None
                )
                if port is None or port not in index:
                    raise EditorError(f"{self.boxes[k].describe()} has no open leg {leg_name!r}")
                legs.append(index[port])
            a, b = (whole.network.leg(whole.network.open_ports[k]) for k in legs)
            if a.dim is not None and b.dim is not None and a.dim != b.dim:
                raise EditorError(
                    f"a line joins leg {first[1]!r} of {self._box(first[0]).describe()} (dimension {a.dim}) to leg "
                    f"{second[1]!r} of {self._box(second[0]).describe()} (dimension {b.dim}); "
                    "a line joins legs of one dimension"
                )
            pairs.append((legs[0], legs[1]))
        return pairs

    def diagram(self, twin: bool = False) -> Diagram:
        """The diagram drawn: every box by its call, side by side, joined along the lines (see :meth:`calls`)."""
        if not self.boxes:
            raise EditorError("the page is empty: place a box from the palette")
        parts = [call.build() for call in self.calls(twin)]
        whole = _combined(parts)
        pairs = self.joins(parts)
        return whole.join(pairs) if pairs else whole

    def positions(self) -> dict[int, tuple[int, int]]:
        """Each box's cell by box number, as ``draw(positions=...)`` takes them (cells rounded, from 0)."""
        if not self.boxes:
            return {}
        cells = [(round(box.cell[0]), round(box.cell[1])) for box in self.boxes]
        left, top = min(c for c, _ in cells), min(r for _, r in cells)
        return {k: (c - left, r - top) for k, (c, r) in enumerate(cells)}

    def pinned(self) -> dict[int, tuple[int, int]]:
        """The cells of the boxes the user pinned (the auto layout keeps them)."""
        cells = self.positions()
        return {k: cells[k] for k, box in enumerate(self.boxes) if box.pinned}

    def without(self, box_id: str) -> Sketch:
        """The sketch with one box taken out: its partners' legs become open (the box's environment)."""
        self._box(box_id)
        boxes = [box for box in self.boxes if box.id != box_id]
        lines = [line for line in self.lines if box_id not in (line[0][0], line[1][0])]
        return Sketch(boxes, lines, dict(self.dims), self.title, self.arrays)

    def _box(self, box_id: str) -> SketchBox:
        for box in self.boxes:
            if box.id == box_id:
                return box
        raise EditorError(f"no box {box_id!r} on the page")


def _combined(parts: list[Diagram]) -> Diagram:
    whole = parts[0]
    for part in parts[1:]:
        whole = whole & part
    return whole


# ---------------------------------------------------------------------------------- reading fields


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise EditorError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EditorError(f"{where}: expected text, got {type(value).__name__}")
    if len(value) > LIMITS["text"]:
        raise EditorError(f"{where}: {len(value)} characters, more than the editor reads ({LIMITS['text']})")
    return value


def _dimension(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LIMITS["dim"]:
        raise EditorError(f"{where}={value!r}: a dimension is a whole number from 1 to {LIMITS['dim']}")
    return value


def _dims(data: Any) -> dict[str, int]:
    if not isinstance(data, dict):
        raise EditorError('dims: expected an object from a dimension\'s name to its size, like {"χ": 8}')
    dims = {}
    for name, size in data.items():
        if not (isinstance(name, str) and name.isidentifier() and len(name) <= 20):
            raise EditorError(f"dims: {str(name)[:40]!r} is not a dimension's name (a letter or a short word)")
        dims[name] = _dimension(size, f"dims[{name!r}]")
    return dims


def _box(data: Any, k: int, dims: dict[str, int]) -> SketchBox:
    where = f"boxes[{k}]"
    if not isinstance(data, dict):
        raise EditorError(f"{where}: expected an object with id, kind, name and legs")
    box_id = data.get("id")
    if not isinstance(box_id, str) or not box_id or len(box_id) > 40:
        raise EditorError(f"{where}.id: a box's id is short text")
    kind = data.get("kind")
    if kind not in KINDS:
        raise EditorError(f"{where}.kind={kind!r}: a box is one of {', '.join(KINDS)}")
    name = _text(data.get("name"), f"{where}.name").strip() or None
    if name is not None and len(name) > 200:
        raise EditorError(f"{where}.name: a name is at most 200 characters")
    owner = f"{kind} {name!r}" if name else f"{kind} {box_id}"
    legs_data = data.get("legs")
    if legs_data is None:
        legs_data = [{"name": n, "side": s} for n, s in DEFAULT_LEGS[kind]]
    legs_data = _list(legs_data, f"{where}.legs")
    if len(legs_data) > LIMITS["legs"]:
        raise EditorError(f"{owner}: {len(legs_data)} legs, more than a box may have in the editor ({LIMITS['legs']})")
    legs = []
    for j, leg in enumerate(legs_data):
        if not isinstance(leg, dict):
            raise EditorError(f"{owner}: leg {j} is not an object with name, side and dim")
        leg_name, side, dim = leg.get("name"), leg.get("side"), leg.get("dim")
        if not isinstance(leg_name, str) or not leg_name.strip() or len(leg_name) > 40:
            raise EditorError(f"{owner}: leg {j} needs a name (short text)")
        if side not in SIDES:
            raise EditorError(f"{owner}: leg {leg_name!r} has side {side!r}; a side is W, E, N or S")
        if isinstance(dim, str):
            dim = dim.strip()
            if dim.isdigit():
                dim = int(dim)
            elif dim == "":
                dim = None
            elif dim not in dims:
                raise EditorError(
                    f"{owner}: leg {leg_name!r} has dimension {dim!r}, which is not named; "
                    f"name it in the dimensions ({', '.join(dims) or 'none yet'}) or give a number"
                )
        if isinstance(dim, int):
            dim = _dimension(dim, f"{owner}: leg {leg_name!r} dim")
        elif dim is not None and not isinstance(dim, str):
            raise EditorError(f"{owner}: leg {leg_name!r} has dimension {dim!r}; give a number or a name")
        legs.append((leg_name.strip(), side, dim))
    names = [leg[0] for leg in legs]
    if len(set(names)) != len(names):
        raise EditorError(f"{owner}: two legs share a name; each leg of a box has its own")
    cell = data.get("cell", [0, 0])
    if not (
        isinstance(cell, list)
        and len(cell) == 2
        and all(isinstance(c, (int, float)) and not isinstance(c, bool) and abs(c) < 1e4 for c in cell)
    ):
        raise EditorError(f"{owner}: cell={cell!r}: a cell is [column, row]")
    return SketchBox(
        box_id,
        kind,
        name,
        tuple(legs),
        _text(data.get("entries"), f"{owner}: entries").strip(),
        data.get("dagger") is True,
        data.get("conjugate") is True,
        (cell[0], cell[1]),
        data.get("pinned", True) is not False,
    )


# ---------------------------------------------------------------------------------- one call per box


def _size(dim: int | str | None, dims: dict[str, int]) -> int | None:
    return dims[dim] if isinstance(dim, str) else dim


def _call(box: SketchBox, dims: dict[str, int], twin: bool = False, arrays: dict[str, Any] | None = None) -> Call:
    """The public constructor call that makes ``box``, its entries read and checked against its legs."""
    owner = box.describe()
    sizes = [_size(dim, dims) for _, _, dim in box.legs]
    data = None
    if twin and not box.entries and box.kind != "copy" and all(size is not None for size in sizes):
        data = np.zeros(sizes) if box.kind != "scalar" else 0.0
    elif box.entries.startswith("@"):
        attached = (arrays or {}).get(box.entries[1:].strip())
        if attached is None:
            raise EditorError(
                f"{owner}: no array named {box.entries[1:].strip()!r} is attached; attach one in a notebook with "
                f"pn.edit(d, arrays={{{box.entries[1:].strip()!r}: array}})"
            )
        data = attached
    elif box.entries:
        try:
            data = read_entries(box.entries)
        except dirac.DiracError as error:
            raise EditorError(f"{owner}: entries {box.entries[:60]!r}: {error.message}") from None
        if isinstance(data, list):
            data = np.asarray(data)
    then = (("dag",) if box.dagger else ()) + (("conj",) if box.conjugate else ())
    options: dict[str, Any] = {"name": box.name} if box.name else {}
    if box.kind == "scalar":
        if box.legs:
            raise EditorError(f"{owner}: a number has no legs")
        if data is None and not box.name:
            raise EditorError(f"{owner}: give the number, or a name for a symbolic one")
        if isinstance(data, np.ndarray):
            raise EditorError(f"{owner}: a number is one value, got an array of shape {data.shape}")
        return Call("scalar", () if data is None else (data,), options, then)
    if box.kind == "copy":
        known = {size for size in sizes if size is not None}
        if len(known) != 1:
            raise EditorError(f"{owner}: a copy dot's legs share one dimension; give it (they have {sizes})")
        return Call("copy", (known.pop(),), {"legs": [(n, s) for n, s, _ in box.legs]}, then)
    standard = tuple((n, s) for n, s, _ in box.legs) == DEFAULT_LEGS.get(box.kind)
    if data is not None and not isinstance(data, np.ndarray):
        raise EditorError(f"{owner}: entries {box.entries!r} are one number; a box with legs needs a list")
    if standard and box.kind in ("ket", "bra", "operator"):
        return _standard(box, data, sizes, options, then)
    return _general(box, data, sizes, options, then)


def _standard(box: SketchBox, data: Any, sizes: list[int | None], options: dict[str, Any], then: tuple) -> Call:
    owner = box.describe()
    function = {"ket": "ket", "bra": "bra", "operator": "op"}[box.kind]
    if data is None:
        if any(size is None for size in sizes):
            missing = next(name for (name, _, _), size in zip(box.legs, sizes) if size is None)
            raise EditorError(f"{owner}: leg {missing!r} has no dimension; give one, or type the entries")
        dim = sizes[0] if len(sizes) == 1 else tuple(sizes)
        return Call(function, (), {**options, "dim": dim}, then)
    expected = 1 if box.kind != "operator" else 2
    if data.ndim != expected:
        hint = "a list of numbers" if expected == 1 else "a matrix, rows out and columns in"
        raise EditorError(f"{owner}: entries of shape {data.shape}; a {box.kind} takes {hint}")
    for (name, _, _), size, actual in zip(box.legs, sizes, data.shape):
        if size is not None and size != actual:
            raise EditorError(
                f"{owner}: leg {name!r} has dimension {size}, but the entries give it {actual} (shape {data.shape})"
            )
    return Call(function, (data,), options, then)


def _general(box: SketchBox, data: Any, sizes: list[int | None], options: dict[str, Any], then: tuple) -> Call:
    owner = box.describe()
    legs = [(name, side) for name, side, _ in box.legs]
    if not legs:
        raise EditorError(f"{owner}: a box needs at least one leg (or make it a number)")
    if data is None:
        if any(size is None for size in sizes):
            missing = next(name for (name, _, _), size in zip(box.legs, sizes) if size is None)
            raise EditorError(f"{owner}: leg {missing!r} has no dimension; give one, or type the entries")
        return Call("tensor", (), {"legs": [(n, s, d) for (n, s), d in zip(legs, sizes)], **options}, then)
    reshape = None
    if data.ndim != len(legs):
        if any(size is None for size in sizes):
            raise EditorError(
                f"{owner}: entries of shape {data.shape} for {len(legs)} legs; give every leg a dimension "
                "so that they can be reshaped"
            )
        if int(np.prod(sizes)) != data.size:
            raise EditorError(
                f"{owner}: legs of dimensions {tuple(sizes)} need {int(np.prod(sizes))} entries, got {data.size}"
            )
        reshape = tuple(int(size) for size in sizes)  # type: ignore[arg-type]
    else:
        for (name, _, _), size, actual in zip(box.legs, sizes, data.shape):
            if size is not None and size != actual:
                raise EditorError(
                    f"{owner}: leg {name!r} has dimension {size}, but the entries give it {actual} (shape {data.shape})"
                )
    return Call("tensor", (data,), {"legs": legs, **options}, then, reshape)


def identifier(name: str | None, taken: set[str]) -> str:
    """A Python variable for a box named ``name``: the name itself where Python allows it, else ``box``, unique."""
    base = name if name and name.isidentifier() and not keyword.iskeyword(name) else "box"
    if base in ("pn", "np", "d", "Fraction"):
        base = f"{base}_box"
    candidate, k = base, 2
    while candidate in taken:
        candidate, k = f"{base}_{k}", k + 1
    taken.add(candidate)
    return candidate
