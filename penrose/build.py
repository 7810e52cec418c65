"""Constructors: kets, bras, operators, scalars, general tensors and einsum networks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from . import network as net
from .diagram import Diagram
from .errors import DiagramError
from .legs import Leg, normalize_side
from .nodes import make_node

__all__ = ["bra", "einsum", "ket", "op", "scalar", "tensor"]


def _leaf(
    name: str | None, specs: Sequence[tuple[str, str, int | None]], data: Any, kind: str, color: str | None
) -> Diagram:
    if isinstance(data, Diagram):
        raise DiagramError(
            f"{kind} {name!r}: data is already a diagram ({data.describe()}); pass numbers, "
            "or compose diagrams with @ and &"
        )
    return Diagram.from_network(net.single(make_node(name, specs, data, kind, color)))


def _vector_name(name: str | None, data: Any) -> str | None:
    """The seminar names small integer vectors by their entries: ``|1,2,4,3⟩``."""
    if name is not None or data is None or isinstance(data, Diagram):
        return name
    try:
        array = np.asarray(data)
    except (ValueError, TypeError):
        return None
    if array.ndim == 1 and 0 < array.size <= 6 and array.dtype.kind in "iu":
        return ",".join(str(int(x)).replace("-", "−") for x in array)
    return None


def _ndim(data: Any) -> int | None:
    if data is None or isinstance(data, Diagram):
        return None
    shape = getattr(data, "shape", None)
    if shape is not None:
        return len(shape)
    try:
        return np.ndim(data)
    except ValueError:  # ragged: let make_node explain
        return None


def _check_rank(kind: str, name: str | None, data: Any, rank: int, hint: str) -> None:
    ndim = _ndim(data)
    if ndim is not None and ndim != rank:
        shape = tuple(np.shape(data)) if not hasattr(data, "shape") else tuple(data.shape)
        raise DiagramError(
            f"{kind} {name!r}: needs a {rank}-d array ({hint}), got shape {shape}"
            + ("; for a matrix use pn.op" if kind in ("ket", "bra") and ndim == 2 else "")
            + ("; for a vector use pn.ket or pn.bra" if kind == "op" and ndim == 1 else "")
            + ("; for more axes use pn.tensor with named legs" if ndim > rank and kind != "scalar" else "")
        )


def ket(
    data: Any = None, *, name: str | None = None, dim: int | None = None, leg: str = "i", color: str | None = None
) -> Diagram:
    """A state ``|name⟩``: a column vector, drawn as a box with one leg on its left (W).

    ``data`` is any 1-d array-like of numbers; without data the ket is symbolic
    (drawable, not evaluable), of dimension ``dim`` if given.

    >>> import penrose as pn
    >>> pn.ket([1, 2, 4, 3], name="ψ").kind
    'ket'
    """
    name = _vector_name(name, data)
    _check_rank("ket", name, data, 1, "a column of numbers")
    return _leaf(name, [(leg, "W", dim)], data, "ket", color)


def bra(
    data: Any = None, *, name: str | None = None, dim: int | None = None, leg: str = "i", color: str | None = None
) -> Diagram:
    """A co-state ``⟨name|``: a row vector, drawn as a box with one leg on its right (E).

    >>> import penrose as pn
    >>> pn.bra([1, 2, 4, 3]).kind
    'bra'
    """
    name = _vector_name(name, data)
    _check_rank("bra", name, data, 1, "a row of numbers")
    return _leaf(name, [(leg, "E", dim)], data, "bra", color)


def op(
    data: Any = None,
    *,
    name: str | None = None,
    dim: int | tuple[int, int] | None = None,
    legs: tuple[str, str] = ("i", "j"),
    color: str | None = None,
) -> Diagram:
    """An operator (a matrix): one leg on the left for its rows (output), one on the right for its columns (input).

    ``dim`` gives a symbolic operator's size: ``n`` for ``n×n`` or ``(rows, columns)``.

    >>> import penrose as pn
    >>> pn.op([[1, 2], [-1, 4]], name="H").kind
    'operator'
    """
    _check_rank("op", name, data, 2, "a matrix")
    rows, columns = dim if isinstance(dim, tuple) else (dim, dim)
    if len(legs) != 2:
        raise DiagramError(f"op {name!r}: legs must be two names (left, right), got {legs!r}")
    return _leaf(name, [(legs[0], "W", rows), (legs[1], "E", columns)], data, "op", color)


def scalar(value: Any = None, *, name: str | None = None, color: str | None = None) -> Diagram:
    """A number as a diagram with no legs, drawn as a circle (``pn.scalar(3)``; symbolic with ``name`` only).

    >>> import penrose as pn
    >>> (pn.scalar(3) @ pn.ket([1, 2])).value()
    array([3, 6])
    """
    _check_rank("scalar", name, value, 0, "a single number")
    if name is None and value is not None and not isinstance(value, Diagram):
        name = _format_number(value)
    return _leaf(name, [], value, "scalar", color)


def _format_number(value: Any) -> str | None:
    try:
        number = np.asarray(value).item()
    except (ValueError, TypeError):
        return None
    if isinstance(number, complex):
        return None
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return f"{number:.4g}" if isinstance(number, float) else str(number)


def _leg_specs(legs: Sequence[Any], owner: str) -> list[tuple[str, str, int | None]]:
    specs = []
    for entry in legs:
        if isinstance(entry, Leg):
            name, side, dim = entry.name, entry.side, entry.dim
        elif isinstance(entry, (tuple, list)) and len(entry) in (2, 3):
            name, side = entry[0], entry[1]
            dim = entry[2] if len(entry) == 3 else None
        else:
            raise DiagramError(
                f"{owner}: each leg is (name, side) or (name, side, dim), e.g. ('a', 'W'); got {entry!r}"
            )
        if not isinstance(name, str) or not name:
            raise DiagramError(f"{owner}: a leg's name must be a non-empty string, got {name!r}")
        specs.append((name, normalize_side(side, leg=name, owner=owner), dim))
    return specs


def tensor(
    data: Any = None, legs: Sequence[Any] | None = None, *, name: str | None = None, color: str | None = None
) -> Diagram:
    """A general box with named legs on chosen sides: ``legs=[("a", "W"), ("b", "E"), ("c", "S")]``.

    Each leg is ``(name, side)`` or ``(name, side, dim)``; with data there is one leg per
    axis, in order, and dims come from the data. Without ``legs``, axes get the legs
    ``a, b, c, …`` on sides chosen as :func:`einsum` does (1: W; 2: W, E; 3: W, E, S; …).

    >>> import numpy as np, penrose as pn
    >>> T = pn.tensor(np.ones((2, 3, 4)), legs=[("a", "W"), ("b", "E"), ("c", "S")], name="T")
    >>> T.kind, T.shape
    ('tensor', (2, 3, 4))
    """
    owner = f"tensor {name!r}" if name is not None else "tensor"
    if legs is None:
        ndim = _ndim(data)
        if ndim is None:
            raise DiagramError(f"{owner}: a symbolic tensor needs legs=[(name, side, dim), ...]")
        legs = [(chr(ord("a") + k), side) for k, side in enumerate(output_sides(ndim))]
    elif isinstance(legs, (str, bytes)) or not isinstance(legs, Sequence):
        raise DiagramError(f"{owner}: legs must be a list of (name, side) pairs, got {legs!r}")
    return _leaf(name, _leg_specs(legs, owner), data, "tensor", color)


def output_sides(count: int) -> tuple[str, ...]:
    """Sides for ``count`` open legs so that their order W, E, N, S is the order given.

    0: scalar; 1: a ket (W); 2: an operator (W, E); 3 or more: a tensor, the legs split
    in order into W, E, N and S groups (3: W, E, S).
    """
    if count <= 2:
        return ("W", "E")[:count]
    if count == 3:
        return ("W", "E", "S")
    base, extra = divmod(count, 4)
    sizes = [base + (1 if k < extra else 0) for k in range(4)]
    return tuple(side for side, size in zip("WENS", sizes) for _ in range(size))


def _parse_equation(equation: str, count: int) -> tuple[list[str], str]:
    if not isinstance(equation, str):
        raise DiagramError(f"einsum needs an equation string like 'ij,jk->ik', got {equation!r}")
    text = equation.replace(" ", "")
    if "." in text:
        raise DiagramError(f"einsum {equation!r}: '...' (ellipsis) is not supported; name every index")
    inputs, arrow, output = text.partition("->")
    operands = inputs.split(",")
    for index in text.replace(",", "").replace("->", ""):
        if index in "->" or not index.isprintable():  # any other character is an index, as in opt_einsum
            raise DiagramError(f"einsum {equation!r}: {index!r} is not an index; use letters")
    if len(operands) != count:
        raise DiagramError(f"einsum {equation!r} has {len(operands)} operand(s) but {count} array(s) were given")
    if not arrow:  # implicit output: the indices seen once, in alphabetical order (numpy's rule)
        seen = "".join(operands)
        output = "".join(sorted(i for i in set(seen) if seen.count(i) == 1))
    return operands, output


def einsum(equation: str, *arrays: Any, names: Sequence[str] | None = None) -> Diagram:
    """Build a diagram from an einsum equation: one box per array, one line per shared index.

    Each index may appear at most twice in all (two legs joined, or one leg left open in
    the output); the output order becomes the order of the open legs, which get sides
    by :func:`output_sides`. A contracted index leaves its first box on the right (E)
    and enters its second on the left (W), so a chain reads left to right.

    >>> import numpy as np, penrose as pn
    >>> A, B = np.eye(2), np.arange(4).reshape(2, 2)
    >>> d = pn.einsum("ij,jk->ik", A, B, names=["A", "B"])
    >>> d.kind, bool((d.value() == A @ B).all())
    ('operator', True)
    """
    operands, output = _parse_equation(equation, len(arrays))
    names = list(names) if names is not None else [f"T{k + 1}" for k in range(len(arrays))]
    if len(names) != len(arrays):
        raise DiagramError(f"einsum {equation!r}: {len(names)} names for {len(arrays)} arrays")
    counts: dict[str, int] = {}
    for index in "".join(operands) + output:
        counts[index] = counts.get(index, 0) + 1
    for index, count in counts.items():
        if count > 2:
            raise DiagramError(
                f"einsum {equation!r}: index {index!r} appears {count} times; in a diagram a line "
                "joins exactly two legs, so each index may appear at most twice (in the inputs and "
                "output together). Put an explicit copy (delta) tensor where lines meet"
            )
    if len(set(output)) != len(output):
        raise DiagramError(f"einsum {equation!r}: an output index appears twice")
    missing = [i for i in output if i not in "".join(operands)]
    if missing:
        raise DiagramError(f"einsum {equation!r}: output index {missing[0]!r} is in no input")
    out_side = dict(zip(output, output_sides(len(output))))
    seen: set[str] = set()
    specs_per_operand = []
    for operand in operands:
        specs = []
        used: set[str] = set()
        for index in operand:
            if index in out_side:
                side = out_side[index]
            else:
                side = "W" if index in seen else "E"
                seen.add(index)
            leg_name = index
            while leg_name in used:
                leg_name += "'"
            used.add(leg_name)
            specs.append((leg_name, side, None))
        specs_per_operand.append(specs)
    sizes: dict[str, tuple[int, str]] = {}
    nodes = []
    for k, (operand, specs, array, name) in enumerate(zip(operands, specs_per_operand, arrays, names)):
        node = make_node(name, specs, array, "tensor")
        for index, leg in zip(operand, node.legs):
            if index in sizes and sizes[index][0] != leg.dim:
                raise DiagramError(
                    f"einsum {equation!r}: index {index!r} has dimension {sizes[index][0]} in "
                    f"{sizes[index][1]} but {leg.dim} in operand {k} ({name!r})"
                )
            sizes.setdefault(index, (leg.dim, f"operand {k} ({name!r})"))
        nodes.append(node)
    return _assemble(operands, output, nodes)


def _assemble(operands: Sequence[str], output: str, nodes: Sequence[Any]) -> Diagram:
    """Wire einsum operands into one network: bonds for shared indices, open legs in output order."""
    first_port: dict[str, tuple[int, str]] = {}
    bonds = []
    open_port: dict[str, tuple[int, str]] = {}
    for position, (operand, node) in enumerate(zip(operands, nodes)):
        for index, leg in zip(operand, node.legs):
            port = (position, leg.name)
            if index in output:
                open_port[index] = port
            elif index in first_port:
                bonds.append((first_port.pop(index), port))
            else:
                first_port[index] = port
    if first_port:
        index = next(iter(first_port))
        raise DiagramError(
            f"einsum: index {index!r} appears once and is not in the output; sum it out with an "
            "explicit vector of ones, or list it in the output"
        )
    unsorted = net.Network(tuple(nodes), tuple(bonds), ((), (), (), ()))
    groups: dict[str, list[tuple[int, str]]] = {"W": [], "E": [], "N": [], "S": []}
    for index in output:
        groups[unsorted.leg(open_port[index]).side].append(open_port[index])
    network = net.Network(unsorted.nodes, unsorted.bonds, tuple(tuple(groups[s]) for s in "WENS"))  # type: ignore[arg-type]
    return Diagram.from_network(network)
