"""The Python code that builds a sketch's diagram with the public API: the same calls, written out.

Every number is written as Python reads it back exactly (whole numbers of any size,
``Fraction(1, 3)``, ``(1+2j)``); names and leg names are written with ``repr``, so no text
typed in the editor can become code.

>>> from penrose.frontend.editor.sketch import Sketch
>>> print(python_code(Sketch.from_dict({"boxes": [{"id": "a", "kind": "ket", "name": "ψ", "entries": "[1, -2]"}]})))
import penrose as pn
<BLANKLINE>
ψ = pn.ket([1, -2], name='ψ')
d = ψ
print(d.value())
figure = d.draw(positions={0: (0, 0)})
figure.save("diagram.svg")
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from .sketch import Call, Sketch, identifier

__all__ = ["nested_text", "python_code"]


def python_code(sketch: Sketch, positions: bool = True) -> str:
    """A script that builds the sketch's diagram, prints its value and (with ``positions``) draws it as laid out."""
    calls = sketch.calls()
    parts = [call.build() for call in calls]
    pairs = sketch.joins(parts)
    taken: set[str] = set(sketch.arrays)
    names = [identifier(box.name, taken) for box in sketch.boxes]
    attached = [box.entries[1:].strip() if box.entries.startswith("@") else None for box in sketch.boxes]
    body = [f"{name} = {_call_text(call, by_name)}" for name, call, by_name in zip(names, calls, attached)]
    body.append(f"d = {' & '.join(names)}")
    if pairs:
        whole = parts[0]
        for part in parts[1:]:
            whole = whole & part
        body.append("d = d.join([")
        for first, second in pairs:
            a, b = _leg(whole, first), _leg(whole, second)
            positional = not (a.startswith("'") and b.startswith("'"))  # (a name that repeats: d.legs[k] by position)
            note = f"  # {_named(whole, first)} – {_named(whole, second)}" if positional else ""
            body.append(f"    ({a}, {b}),{note}")
        body.append("])")
    symbolic = any(part.symbolic for part in parts)
    if not symbolic:
        body.append("print(d.value())")
    if positions:
        cells = sketch.positions()
        body.append(f"figure = d.draw(positions={cells!r}{', value=False' if symbolic else ''})")
        body.append('figure.save("diagram.svg")')
    head = ["import penrose as pn"]
    text = "\n".join(body)
    if "np." in text:
        head.insert(0, "import numpy as np")
    if "Fraction(" in text:
        head.insert(0, "from fractions import Fraction")
    return "\n".join(head) + "\n\n" + text


def _leg(whole: Any, position: int) -> str:
    """A leg of ``whole`` by ``'box.leg'`` where that names one leg, else by its position (and a comment)."""
    network = whole.network
    node, leg = network.open_ports[position]
    name = network.nodes[node].name
    spec = f"{name}.{leg}" if name else None
    if (
        spec is not None
        and "." not in name
        and sum(1 for n, l in network.open_ports if l == leg and network.nodes[n].name == name) == 1
        and sum(1 for _, l in network.open_ports if l == spec) == 0
    ):
        return repr(spec)
    return str(position)


def _named(whole: Any, position: int) -> str:
    """A leg as the comment beside a position names it: ``ψ†.i``."""
    node, leg = whole.network.open_ports[position]
    box = whole.network.nodes[node]
    name = (box.name or f"box {node}") + ("†" if box.daggered else "")
    return "".join(c for c in f"{name}.{leg}" if c.isprintable())  # (one line, whatever the names hold)


def _call_text(call: Call, attached: str | None = None) -> str:
    """The call as Python; numbers attached in a notebook are named by the variable they were attached as."""
    arguments = [
        (_attached_text(attached, call.reshape) if attached is not None else _array_text(value, call.reshape))
        if k == 0
        else repr(value)
        for k, value in enumerate(call.arguments)
    ]
    arguments += [f"{key}={_option_text(value)}" for key, value in call.options.items()]
    text = f"pn.{call.function}({', '.join(arguments)})"
    for step in call.then:
        text += ".dag" if step == "dag" else ".conj()"
    return text


def _attached_text(name: str, reshape: tuple[int, ...] | None) -> str:
    return name if reshape is None else f"np.asarray({name}).reshape{reshape}"


def _option_text(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_option_text(item) for item in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_option_text(item) for item in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _array_text(value: Any, reshape: tuple[int, ...] | None) -> str:
    if isinstance(value, np.ndarray):
        text = nested_text(value.tolist(), _number)
        if reshape is not None:
            return f"np.array({text}).reshape{reshape}"
        return text
    return _number(value)


def nested_text(value: Any, number: Callable[[Any], str]) -> str:
    """A nested list of numbers as text, ``[[1, 2], [3, 4]]``, each number written by ``number``."""
    if isinstance(value, list):
        return "[" + ", ".join(nested_text(item, number) for item in value) + "]"
    return number(value)


def _number(value: Any) -> str:
    """A number as Python text that reads back as the same number."""
    if isinstance(value, (bool, np.bool_)):
        return repr(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, Fraction):
        return f"Fraction({value.numerator}, {value.denominator})"
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (complex, np.complexfloating)):
        return repr(complex(value))
    raise TypeError(f"no Python text for {type(value).__name__}")  # (entries are read as numbers only)
