"""``pn.einsum``: a network from an einsum equation, one box per array and one line per shared index."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from . import network as net
from .constructors import output_sides
from .diagram import Diagram
from .errors import DiagramError
from .legs import unique_name
from .nodes import make_node
from .typography import shortened

__all__ = ["einsum"]


def _parse_equation(equation: str, count: int) -> tuple[list[str], str]:
    if not isinstance(equation, str):
        raise DiagramError(f"einsum needs an equation string like 'ij,jk->ik', got {equation!r}")
    text = equation.replace(" ", "")
    if "." in text:
        raise DiagramError(f"einsum {_shown(equation)}: '...' (ellipsis) is not supported; name every index")
    inputs, arrow, output = text.partition("->")
    operands = inputs.split(",")
    for index in text.replace(",", "").replace("->", ""):
        if index in "->" or index.isspace() or unicodedata.category(index) in ("Cc", "Cs"):
            raise DiagramError(f"einsum {_shown(equation)}: {index!r} is not an index; use letters")
    if len(operands) != count:
        raise DiagramError(f"einsum {_shown(equation)} has {len(operands)} operand(s) but {count} array(s) were given")
    if not arrow:  # implicit output: the indices seen once, in alphabetical order (numpy's rule)
        seen = "".join(operands)
        output = "".join(sorted(i for i in set(seen) if seen.count(i) == 1))
    return operands, output


def _shown(equation: str) -> str:
    """The equation for a message, cut to 60 characters."""
    return repr(shortened(equation, 60))


def einsum(equation: str, *arrays: Any, names: Sequence[str] | None = None) -> Diagram:
    """Build a diagram from an einsum equation: one box per array, one line per shared index.

    Each index may appear at most twice in all (two legs joined, or one leg left open in
    the output); the output order becomes the order of the open legs, which get sides
    by :func:`~penrose.core.constructors.output_sides`. A contracted index leaves its
    first box on the right (E) and enters its second on the left (W), so a chain reads
    left to right.

    >>> import numpy as np, penrose as pn
    >>> A, B = np.eye(2), np.arange(4).reshape(2, 2)
    >>> d = pn.einsum("ij,jk->ik", A, B, names=["A", "B"])
    >>> d.kind, bool((d.value() == A @ B).all())
    ('operator', True)
    """
    operands, output = _parse_equation(equation, len(arrays))
    names = list(names) if names is not None else [f"T{k + 1}" for k in range(len(arrays))]
    if len(names) != len(arrays):
        raise DiagramError(f"einsum {_shown(equation)}: {len(names)} names for {len(arrays)} arrays")
    _check_counts(equation, operands, output)
    out_side = dict(zip(output, output_sides(len(output))))
    seen: set[str] = set()
    nodes = []
    sizes: dict[str, tuple[int, str]] = {}
    for k, (operand, array, name) in enumerate(zip(operands, arrays, names)):
        specs = []
        used: set[str] = set()
        for index in operand:
            if index in out_side:
                side = out_side[index]
            else:
                side = "W" if index in seen else "E"
                seen.add(index)
            specs.append((unique_name(index, used), side, None))
        node = make_node(name, specs, array, "tensor", sides_given=False)
        for index, leg in zip(operand, node.legs):
            if index in sizes and sizes[index][0] != leg.dim:
                raise DiagramError(
                    f"einsum {_shown(equation)}: index {index!r} has dimension {sizes[index][0]} in "
                    f"{sizes[index][1]} but {leg.dim} in operand {k} ({name!r})"
                )
            sizes.setdefault(index, (leg.dim, f"operand {k} ({name!r})"))
        nodes.append(node)
    return Diagram.from_network(net.from_subscripts(nodes, operands, output))


def _check_counts(equation: str, operands: Sequence[str], output: str) -> None:
    counts: dict[str, int] = {}
    for index in "".join(operands) + output:
        counts[index] = counts.get(index, 0) + 1
    for index, count in counts.items():
        if count > 2:
            raise DiagramError(
                f"einsum {_shown(equation)}: index {index!r} appears {count} times; in a diagram a line "
                "joins exactly two legs, so each index may appear at most twice (in the inputs and "
                "output together). Put an explicit copy (delta) tensor where lines meet"
            )
    if len(set(output)) != len(output):
        raise DiagramError(f"einsum {_shown(equation)}: an output index appears twice")
    missing = [i for i in output if i not in "".join(operands)]
    if missing:
        raise DiagramError(f"einsum {_shown(equation)}: output index {missing[0]!r} is in no input")
    lonely = [index for index, count in counts.items() if count == 1 and index not in output]
    if lonely:
        raise DiagramError(
            f"einsum: index {lonely[0]!r} appears once and is not in the output; sum it out with an "
            "explicit vector of ones, or list it in the output"
        )
