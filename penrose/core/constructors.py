"""Constructors: kets, bras, operators, scalars and general tensors, each one box."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from . import network as net
from .copies import copy_node
from .diagram import Diagram
from .errors import DiagramError
from .legs import SIDES, Leg, normalize_side
from .nodes import make_node
from .typography import format_number

__all__ = ["bra", "copy", "ket", "op", "output_sides", "scalar", "tensor"]


def _owner(kind: str, name: str | None) -> str:
    """How messages name a box being made: ``ket 'ψ'``, or just ``ket`` when it has no name."""
    return kind if name is None else f"{kind} {name!r}"


def _leaf(
    name: str | None,
    specs: Sequence[tuple[str, str, int | None]],
    data: Any,
    kind: str,
    color: str | None,
    sides_given: bool = True,
) -> Diagram:
    if isinstance(data, Diagram):
        raise DiagramError(
            f"{_owner(kind, name)}: data is already a diagram ({data.describe()}); pass numbers, "
            "or compose diagrams with @ and &"
        )
    return Diagram.from_network(net.single(make_node(name, specs, data, kind, color, sides_given)))


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
            f"{_owner(kind, name)}: needs a {rank}-d array ({hint}), got shape {shape}"
            + ("; for a matrix use pn.op" if kind in ("ket", "bra") and ndim == 2 else "")
            + ("; for a vector use pn.ket or pn.bra" if kind == "op" and ndim == 1 else "")
            + ("; for more axes use pn.tensor with named legs" if ndim > rank and kind != "scalar" else "")
        )


def ket(
    data: Any = None,
    *,
    name: str | None = None,
    dim: int | None = None,
    leg: str = "i",
    color: str | None = None,
    dims: Sequence[int] | None = None,
    side: str = "W",
) -> Diagram:
    """A state ``|name⟩``: a column vector, drawn as a box with one leg on its left (W).

    ``data`` is any 1-d array-like of numbers; without data the ket is symbolic
    (drawable, not evaluable), of dimension ``dim`` if given. ``dims=[2] * N`` makes a
    many-body state of N legs (``i1 … iN``, top to bottom) from a vector of 2^N numbers
    (first leg slowest, as ``numpy.kron`` orders them), so it meets an N-leg operator.
    ``side="S"`` draws the legs down (left to right), as an MPS's, so that it meets an MPO.

    >>> import penrose as pn
    >>> pn.ket([1, 2, 4, 3], name="ψ").kind
    'ket'
    >>> pn.ket([1, 0, 0, 1], dims=[2, 2]).dims
    (2, 2)
    """
    return _vector("ket", _side(side, ("W", "S"), "ket"), "a column of numbers", data, name, dim, leg, color, dims)


def _side(side: str, allowed: tuple[str, str], kind: str) -> str:
    """``side`` if a state of this kind may have its legs there (outputs for a ket, inputs for a bra)."""
    found = normalize_side(side, leg="i", owner=f"a {kind}")
    if found not in allowed:
        raise DiagramError(
            f"a {kind}'s legs leave on side {allowed[0]} (drawn left to right) or {allowed[1]} (top to bottom), "
            f"not {side!r}"
        )
    return found


def _vector(
    kind: str,
    side: str,
    hint: str,
    data: Any,
    name: str | None,
    dim: int | None,
    leg: str,
    color: str | None,
    dims: Sequence[int] | None,
) -> Diagram:
    """A ket or a bra (``kind``, its leg on ``side``): one leg, or one per entry of ``dims``."""
    name = _vector_name(name, data)
    _check_rank(kind, name, data, 1, hint)
    if dims is not None:
        return _many(data, dims, name, leg, side, kind, color)
    return _leaf(name, [(leg, side, dim)], data, kind, color)


def _many(
    data: Any, dims: Sequence[int], name: str | None, leg: str, side: str, kind: str, color: str | None
) -> Diagram:
    """A ket or bra of one leg per entry of ``dims``, its vector reshaped to them."""
    owner = _owner(kind, name)
    if isinstance(dims, (str, bytes)) or not isinstance(dims, Sequence) or not dims:
        raise DiagramError(f"{owner}: dims must be a list of leg dimensions like [2, 2, 2], got {dims!r}")
    if any(isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 1 for d in dims):
        raise DiagramError(f"{owner}: dims={list(dims)!r}; each leg dimension is a positive whole number")
    if data is None:
        specs = [(f"{leg}{k + 1}", side, int(d)) for k, d in enumerate(dims)]
        return _leaf(name, specs, None, kind, color)
    size = int(np.prod([int(d) for d in dims]))
    length = int(np.shape(data)[0]) if not hasattr(data, "shape") else int(data.shape[0])
    if length != size:
        raise DiagramError(
            f"{owner}: dims={list(dims)!r} need {size} numbers (their product), but the vector has {length}"
        )
    array = data.reshape(tuple(int(d) for d in dims)) if hasattr(data, "reshape") else np.reshape(data, dims)
    specs = [(f"{leg}{k + 1}", side, None) for k in range(len(dims))]
    return _leaf(name, specs, array, kind, color)


def bra(
    data: Any = None,
    *,
    name: str | None = None,
    dim: int | None = None,
    leg: str = "i",
    color: str | None = None,
    dims: Sequence[int] | None = None,
    side: str = "E",
) -> Diagram:
    """A co-state ``⟨name|``: a row vector, drawn as a box with one leg on its right (E).

    ``dims`` makes a many-body co-state of several legs, as for :func:`ket`; ``side="N"`` draws them up.

    >>> import penrose as pn
    >>> pn.bra([1, 2, 4, 3]).kind
    'bra'
    """
    return _vector("bra", _side(side, ("E", "N"), "bra"), "a row of numbers", data, name, dim, leg, color, dims)


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
    if isinstance(dim, (tuple, list)):
        if len(dim) != 2:
            raise DiagramError(f"{_owner('op', name)}: dim={dim!r} must be n or (rows, columns), two numbers")
        rows, columns = dim
    else:
        rows, columns = dim, dim
    if len(legs) != 2:
        raise DiagramError(f"{_owner('op', name)}: legs must be two names (left, right), got {legs!r}")
    return _leaf(name, [(legs[0], "W", rows), (legs[1], "E", columns)], data, "op", color)


def scalar(value: Any = None, *, name: str | None = None, color: str | None = None) -> Diagram:
    """A number as a diagram with no legs, drawn as a circle (``pn.scalar(3)``; symbolic with ``name`` only).

    >>> import penrose as pn
    >>> (pn.scalar(3) @ pn.ket([1, 2])).value()
    array([3, 6])
    """
    _check_rank("scalar", name, value, 0, "a single number")
    if name is None and value is not None and not isinstance(value, Diagram):
        name = _scalar_name(value)
    return _leaf(name, [], value, "scalar", color)


def _scalar_name(value: Any) -> str | None:
    try:
        return format_number(np.asarray(value).item())
    except (ValueError, TypeError):
        return None


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
    owner = _owner("tensor", name)
    if legs is None:
        ndim = _ndim(data)
        if ndim is None:
            raise DiagramError(f"{owner}: a symbolic tensor needs legs=[(name, side, dim), ...]")
        legs = [(chr(ord("a") + k), side) for k, side in enumerate(output_sides(ndim))]
        return _leaf(name, _leg_specs(legs, owner), data, "tensor", color, sides_given=False)
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
    return tuple(side for side, size in zip(SIDES, sizes) for _ in range(size))


def copy(dim: int, legs: int | Sequence[Any] = 3, *, name: str = "δ") -> Diagram:
    """The copy tensor δ: ``legs`` legs of dimension ``dim``, 1 where all indices agree, else 0.

    Where three or more lines meet (a Hadamard product, a batch index, a GHZ state's
    dot) join them all to one δ; with one leg it is the vector of ones (it sums a line),
    with two the identity. ``legs`` is a count or a list of ``(name, side)``. A count ``n``
    names the legs ``a, b, c, …`` and makes δ the fan-out operator ``|i⟩ ↦ |i…i⟩``: the
    first ``n − 1`` legs on the left (out), the last on the right (in), so that ``@``
    feeds it a ket (one leg: a ket of ones). It is drawn as a small dot, and never built
    as an array when contracted: its lines become one index.

    >>> import numpy as np, penrose as pn
    >>> ghz = pn.copy(2, 4) @ pn.ket([1, 1])  # |000⟩ + |111⟩, unnormalised
    >>> ghz.kind, ghz.dims, ghz.value().tolist()
    ('ket', (2, 2, 2), [1, 0, 0, 0, 0, 0, 0, 1])
    """
    if isinstance(legs, (int, np.integer)) and not isinstance(legs, bool):
        if legs < 1:
            raise DiagramError(f"copy: legs={legs!r}; a copy tensor has at least one leg")
        sides = ["W"] * max(1, int(legs) - 1) + ["E"] * (int(legs) > 1)
        specs = [(chr(ord("a") + k), side) for k, side in enumerate(sides)]
    elif isinstance(legs, (str, bytes)) or not isinstance(legs, Sequence):
        raise DiagramError(f"copy: legs must be a count or a list of (name, side) pairs, got {legs!r}")
    else:
        specs = [(leg, side) for leg, side, _ in _leg_specs(legs, f"copy {name!r}")]
        return Diagram.from_network(net.single(copy_node(dim, specs, name, sides_given=True)))
    return Diagram.from_network(net.single(copy_node(dim, specs, name)))
