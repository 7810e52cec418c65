"""Diagrams as JSON documents: what ``pn.save`` writes, ``pn.load`` and the editor read back.

A document holds every box (its kind, legs with sides and dimensions, and numbers), every
line, the open legs in order, each term's coefficient, a product kept as written, and the
cells the user put boxes in (``positions``, as :attr:`penrose.pictures.Figure.positions` gives them).
Reading never evaluates text: numbers are JSON numbers, ``{"re": …, "im": …}``, or exact
fractions ``"p/q"`` read by penrose's own number reader; a symbolic entry is a plain name.
The format is versioned (:data:`VERSION`); ``docs/documents.md`` describes it field by field.

>>> import penrose as pn
>>> d = pn.bra([1, 2j], name="a") @ pn.ket([3, 1], name="b")
>>> back = pn.documents.Document.from_json(pn.documents.Document(d).to_json())
>>> back.diagram.value() == d.value()
True
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..core.arrays import as_numpy
from ..core.copies import copy_node, is_copy
from ..core.diagram import Diagram
from ..core.errors import DiagramError
from ..core.legs import SIDES
from ..core.network import Network
from ..core.nodes import Node, make_node
from ..draw.render.export import write_atomically

__all__ = ["KINDS", "VERSION", "Document", "DocumentError", "load", "save"]

#: The version of the format this penrose writes, and the newest it reads.
VERSION = 1
#: Every kind of box a document may hold.
KINDS = ("ket", "bra", "operator", "tensor", "scalar", "copy")
#: Limits that keep a hostile document from costing more than a look: boxes, legs per box, entries in all.
LIMITS = {"boxes": 10_000, "legs": 64, "entries": 10_000_000, "text": 200}
_FIELDS = ("penrose", "version", "diagram", "title", "positions")
_OWNER = {"ket": "ket", "bra": "bra", "operator": "op", "scalar": "scalar", "tensor": "tensor"}


class DocumentError(DiagramError):
    """A document penrose cannot read: it names the field and says what was expected."""


@dataclass
class Document:
    """A diagram with what the user decided about its picture: where its boxes go, and a title."""

    diagram: Diagram
    positions: Any = None
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)  # (fields of a newer minor version, kept)

    def draw(self, **options: Any) -> Any:
        """The diagram's figure with the document's positions (``draw``'s options otherwise)."""
        options.setdefault("positions", self.positions)
        return self.diagram.draw(**options)

    def to_dict(self) -> dict[str, Any]:
        """The document as JSON-ready data."""
        data: dict[str, Any] = {"penrose": "diagram", "version": VERSION, "diagram": _diagram_data(self.diagram)}
        if self.title is not None:
            data["title"] = str(self.title)
        if self.positions is not None:
            data["positions"] = _positions_data(self.positions)
        for key, value in self.extra.items():  # (the editor's own sketch, and fields of newer minor versions)
            data.setdefault(key, value)
        return data

    def to_json(self) -> str:
        """The document as JSON text (UTF-8, names as written)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, allow_nan=False)

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        """Read a document from JSON-ready data, checking every field."""
        if not isinstance(data, dict) or data.get("penrose") != "diagram":
            raise DocumentError('not a penrose document: the top level must be an object with "penrose": "diagram"')
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise DocumentError(f"version={version!r}: a document's version is a whole number from 1")
        if version > VERSION:
            raise DocumentError(f"version {version}: this penrose reads documents up to version {VERSION}; update it")
        diagram = _diagram(data.get("diagram"), "diagram")
        title = data.get("title")
        if title is not None and not isinstance(title, str):
            raise DocumentError(f"title={title!r}: a title is text")
        positions = _positions(data.get("positions"))
        extra = {key: value for key, value in data.items() if key not in _FIELDS}
        return cls(diagram, positions, title, extra)

    @classmethod
    def from_json(cls, text: str) -> Document:
        """Read a document from JSON text."""
        try:
            data = json.loads(text, parse_constant=_no_constant)
        except (json.JSONDecodeError, RecursionError) as error:
            raise DocumentError(f"not JSON: {error}") from None
        return cls.from_dict(data)


def save(diagram: Any, path: str | Path, positions: Any = None, title: str | None = None) -> Path:
    """Write ``diagram`` (or a :class:`Document`) as a JSON document that ``pn.load`` and ``penrose edit`` read.

    ``positions`` (as :attr:`~penrose.pictures.Figure.positions` gives them) travel with it.
    """
    document = diagram if isinstance(diagram, Document) else Document(_require(diagram), positions, title)
    target = Path(path)
    if target.suffix.lower() != ".json":
        raise DocumentError(f"{target}: a document is written to a .json file")
    write_atomically(target, (document.to_json() + "\n").encode("utf-8"))  # (links followed, FIFOs refused)
    return target


def load(path: str | Path) -> Document:
    """Read a JSON document written by ``pn.save`` or the editor: ``.diagram``, ``.positions``, ``.draw()``."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DocumentError(f"cannot read {source}: {getattr(error, 'strerror', None) or error}") from None
    return Document.from_json(text)


# ---------------------------------------------------------------------------------------------- writing


def _require(diagram: Any) -> Diagram:
    if not isinstance(diagram, Diagram):
        raise DocumentError(f"pn.save writes a diagram (or a pn.documents.Document), got {type(diagram).__name__}")
    return diagram


def _diagram_data(diagram: Diagram) -> dict[str, Any]:
    if diagram.factors is not None:  # a product kept as written: both sides, as written
        operator, left, right = diagram.factors
        return {"product": operator, "left": _diagram_data(left), "right": _diagram_data(right)}
    return {"terms": [{"coefficient": _number(c), **_network_data(term.network)} for c, term in diagram.terms]}


def _network_data(network: Network) -> dict[str, Any]:
    boxes = [_box_data(node) for node in network.nodes]
    bonds = [[list(first), list(second)] for first, second in network.bonds]
    open_legs = {side: [list(port) for port in ports] for side, ports in zip(SIDES, network.open) if ports}
    return {"boxes": boxes, "bonds": bonds, "open": open_legs}


def _box_data(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": node.kind, "name": node.name}
    data["legs"] = [{"name": leg.name, "side": leg.side, "dim": leg.dim} for leg in node.legs]
    if not node.sides_given:
        data["sides_given"] = False
    if node.daggered:
        data["daggered"] = True
    if node.conjugated:
        data["conjugated"] = True
    if node.color is not None:
        data["color"] = node.color
    if not is_copy(node) and node.data is not None:
        data["entries"] = _entries(as_numpy(node.data))
    return data


def _entries(array: np.ndarray) -> list[Any]:
    """A nested list of the numbers (each as :func:`_number` writes it), one level per axis."""
    if array.ndim == 0:
        return _number(array.item())  # type: ignore[return-value]
    if array.ndim == 1:
        return [_number(value.item() if hasattr(value, "item") else value) for value in array]
    return [_entries(part) for part in array]


def _number(value: Any) -> Any:
    """A number as JSON: an int or float, ``{"re", "im"}``, ``"p/q"`` for a fraction, a name for a symbol."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, (complex, np.complexfloating)):
        return {"re": float(value.real), "im": float(value.imag)}
    text = str(value)  # a sympy symbol (or expression): its text, read back as a symbol only if it is a name
    return {"symbol": text}


def _positions_data(positions: Any) -> Any:
    def one(cells: Any) -> Any:
        if cells is None:
            return None
        return [{"box": key, "cell": [int(c), int(r)]} for key, (c, r) in cells.items()]

    return [one(cells) for cells in positions] if isinstance(positions, (list, tuple)) else one(positions)


# ---------------------------------------------------------------------------------------------- reading


def _no_constant(name: str) -> Any:
    raise DocumentError(f"{name} is not a number a document may hold")


def _diagram(data: Any, where: str) -> Diagram:
    if not isinstance(data, dict):
        raise DocumentError(f'{where}: expected an object with "terms" (or "product", "left", "right")')
    if "product" in data:
        operator = data["product"]
        if operator not in ("@", "&"):
            raise DocumentError(f'{where}.product={operator!r}: a product is "@" or "&"')
        left, right = _diagram(data.get("left"), f"{where}.left"), _diagram(data.get("right"), f"{where}.right")
        try:
            return left @ right if operator == "@" else left & right
        except DiagramError as error:
            raise DocumentError(f"{where}: the two sides of the product do not join: {error}") from None
    terms = data.get("terms")
    if not isinstance(terms, list) or not terms:
        raise DocumentError(f"{where}.terms: expected a list of at least one term")
    read = []
    for k, term in enumerate(terms):
        place = f"{where}.terms[{k}]"
        if not isinstance(term, dict):
            raise DocumentError(f'{place}: expected an object with "coefficient", "boxes", "bonds" and "open"')
        read.append((_read_number(term.get("coefficient", 1), f"{place}.coefficient"), _network(term, place)))
    total = None
    for coefficient, network in read:
        single = Diagram(((coefficient, network),))
        try:
            total = single if total is None else total + single
        except DiagramError as error:
            raise DocumentError(f"{where}: the terms cannot be added: {error}") from None
    assert total is not None
    return total


def _network(data: dict[str, Any], where: str) -> Network:
    boxes = data.get("boxes")
    if not isinstance(boxes, list) or not boxes:
        raise DocumentError(f"{where}.boxes: expected a list of at least one box")
    if len(boxes) > LIMITS["boxes"]:
        raise DocumentError(f"{where}.boxes: {len(boxes)} boxes, more than a document may hold ({LIMITS['boxes']})")
    budget = [LIMITS["entries"]]
    nodes = tuple(_box(box, f"{where}.boxes[{k}]", budget) for k, box in enumerate(boxes))
    ports = {(k, leg.name): leg for k, node in enumerate(nodes) for leg in node.legs}
    used: set[tuple[int, str]] = set()

    def port(value: Any, place: str) -> tuple[int, str]:
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], str)):
            raise DocumentError(f"{place}: a leg is [box number, leg name], got {value!r}")
        key = (value[0], value[1])
        if key not in ports:
            raise DocumentError(f"{place}: no leg {value[1]!r} on box {value[0]!r}")
        if key in used:
            raise DocumentError(f"{place}: leg {value[1]!r} of box {value[0]} is used twice")
        used.add(key)
        return key  # type: ignore[return-value]

    bonds = []
    for k, bond in enumerate(_list(data.get("bonds", []), f"{where}.bonds")):
        if not (isinstance(bond, list) and len(bond) == 2):
            raise DocumentError(f"{where}.bonds[{k}]: a line is a pair of legs, got {bond!r}")
        first, second = port(bond[0], f"{where}.bonds[{k}][0]"), port(bond[1], f"{where}.bonds[{k}][1]")
        a, b = ports[first], ports[second]
        if a.dim is not None and b.dim is not None and a.dim != b.dim:
            raise DocumentError(
                f"{where}.bonds[{k}]: leg {first[1]!r} of box {first[0]} has dimension {a.dim} but leg "
                f"{second[1]!r} of box {second[0]} has {b.dim}; a line joins legs of one dimension"
            )
        bonds.append((first, second))
    open_data = data.get("open", {})
    if not isinstance(open_data, dict) or set(open_data) - set(SIDES):
        raise DocumentError(f"{where}.open: expected an object from side (W, E, N, S) to its open legs in order")
    groups = tuple(
        tuple(port(value, f"{where}.open.{side}[{k}]") for k, value in enumerate(_list(open_data.get(side, []), side)))
        for side in SIDES
    )
    left = sorted(set(ports) - used)
    if left:
        raise DocumentError(f'{where}: legs {left} are neither joined nor open; list each in "bonds" or "open"')
    return Network(nodes, tuple(bonds), groups)  # type: ignore[arg-type]


def _box(data: Any, where: str, budget: list[int]) -> Node:
    if not isinstance(data, dict):
        raise DocumentError(f'{where}: expected an object with "kind" and "legs"')
    kind = data.get("kind")
    if kind not in KINDS:
        raise DocumentError(f"{where}.kind={kind!r}: a box is one of {', '.join(KINDS)}")
    name = data.get("name")
    if name is not None and (not isinstance(name, str) or len(name) > LIMITS["text"]):
        raise DocumentError(f"{where}.name: a name is text of at most {LIMITS['text']} characters")
    legs = _list(data.get("legs"), f"{where}.legs")
    if len(legs) > LIMITS["legs"]:
        raise DocumentError(f"{where}.legs: {len(legs)} legs, more than a box may have ({LIMITS['legs']})")
    specs = []
    for k, leg in enumerate(legs):
        if not isinstance(leg, dict) or not isinstance(leg.get("name"), str) or leg.get("side") not in SIDES:
            raise DocumentError(f'{where}.legs[{k}]: a leg is {{"name": text, "side": W|E|N|S, "dim": n}}')
        specs.append((leg["name"], leg["side"], leg.get("dim")))
    sides_given = data.get("sides_given", True) is not False
    if kind == "copy":
        dims = {dim for _, _, dim in specs}
        if len(dims) != 1 or not isinstance(next(iter(dims)), int):
            raise DocumentError(f"{where}: a copy dot's legs all have one dimension, a whole number")
        node = copy_node(next(iter(dims)), [(n, s) for n, s, _ in specs], name or "δ", sides_given)
    else:
        entries = data.get("entries")
        array = None if entries is None else _array(entries, f"{where}.entries", budget)
        try:
            node = make_node(name, specs, array, _OWNER.get(kind, "tensor"), data.get("color"), sides_given)
        except DiagramError as error:
            raise DocumentError(f"{where}: {error}") from None
        node = replace(node, kind=kind)
    return replace(node, daggered=data.get("daggered") is True, conjugated=data.get("conjugated") is True)


def _array(entries: Any, where: str, budget: list[int]) -> Any:
    flat: list[Any] = []
    shape: list[int] = []

    def walk(value: Any, depth: int) -> None:
        if isinstance(value, list):
            if len(shape) <= depth:
                shape.append(len(value))
            elif shape[depth] != len(value):
                raise DocumentError(f"{where}: rows of different lengths; entries form a rectangular array")
            for item in value:
                walk(item, depth + 1)
        else:
            if depth != len(shape):
                raise DocumentError(f"{where}: a number where a list was expected (or the other way round)")
            budget[0] -= 1
            if budget[0] < 0:
                raise DocumentError(f"{where}: more entries than a document may hold ({LIMITS['entries']})")
            flat.append(_read_number(value, where))

    try:
        walk(entries, 0)
    except RecursionError:
        raise DocumentError(f"{where}: nested too deep") from None
    kinds = {type(v) for v in flat}
    if kinds <= {int, bool}:  # whole numbers stay exact: int64 where they fit, Python ints where not
        dtype: Any = np.int64 if all(abs(v) < 2**63 for v in flat) else object
    elif kinds <= {int, float, bool}:
        dtype = np.float64
    elif kinds <= {int, float, complex, bool}:
        dtype = np.complex128
    else:  # fractions, symbols
        dtype = object
    array = np.empty(len(flat), dtype=dtype)
    array[:] = flat
    return array.reshape(shape) if shape else array.reshape(())


def _read_number(value: Any, where: str) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise DocumentError(f"{where}: {value} is not a finite number")
        return value
    if isinstance(value, str):  # an exact fraction "p/q" (or a whole number written as text)
        numerator, _, denominator = value.partition("/")
        try:
            if len(value) > LIMITS["text"]:
                raise ValueError
            return Fraction(int(numerator), int(denominator or "1"))
        except (ValueError, ZeroDivisionError):
            raise DocumentError(f'{where}: {value[:40]!r} is not a number; exact fractions are written "p/q"') from None
    if isinstance(value, dict) and set(value) == {"re", "im"}:
        re, im = (_read_number(value[part], where) for part in ("re", "im"))
        return complex(float(re), float(im))
    if isinstance(value, dict) and set(value) == {"symbol"}:
        name = value["symbol"]
        if not isinstance(name, str) or not name.isidentifier() or len(name) > LIMITS["text"]:
            raise DocumentError(f'{where}: a symbol is a plain name like "a" or "theta", got {str(name)[:40]!r}')
        import sympy  # (symbolic boxes need sympy, as pn.symbol does)

        return sympy.Symbol(name)
    raise DocumentError(f"{where}: {str(value)[:40]!r} is not a number a document may hold")


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise DocumentError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _positions(data: Any) -> Any:
    if data is None:
        return None

    def one(cells: Any) -> Any:
        if cells is None:
            return None
        result = {}
        for k, item in enumerate(_list(cells, "positions")):
            box, cell = (item.get("box"), item.get("cell")) if isinstance(item, dict) else (None, None)
            if not isinstance(box, (str, int)) or not isinstance(cell, list):
                raise DocumentError(f'positions[{k}]: expected {{"box": name or number, "cell": [column, row]}}')
            result[box] = tuple(cell)
        return result

    if isinstance(data, list) and data and all(isinstance(item, list) or item is None for item in data):
        return [one(cells) for cells in data]
    return one(data)
