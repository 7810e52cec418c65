"""Nodes: the boxes of a diagram, each with its legs and (unless symbolic) its numbers."""

from __future__ import annotations

import cmath
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np

from .arrays import is_foreign_array
from .colors import normalize_color
from .errors import DiagramError
from .legs import Leg, flow_sides
from .typography import shortened

__all__ = ["Node", "as_numeric_array", "box_holding", "kind_of", "make_node"]


def kind_of(sides: Sequence[str]) -> str:
    """Read a diagram's kind off the sides of its open legs (the notation's own rule).

    Only W legs: a ket; only E: a bra; W and E: an operator; none: a scalar. Drawn top to
    bottom (:func:`~penrose.core.legs.flow_sides`) the same holds turned a quarter: only S legs
    (an MPS's physical legs) make a ket, only N a bra, N and S an operator (an MPO). Legs on
    both a horizontal and a vertical side make a general tensor.
    """
    present = set(sides)
    if not present:
        return "scalar"
    outputs, inputs = flow_sides(present)
    if present == {outputs}:
        return "ket"
    if present == {inputs}:
        return "bra"
    if present == {outputs, inputs}:
        return "operator"
    return "tensor"


def as_numeric_array(data: Any, owner: str, booleans: bool = False) -> Any:
    """Check that ``data`` is a finite numeric array and return a read-only copy of it.

    ``owner`` names the node in messages (``"ket 'ψ'"``). Integers stay exact: they are
    kept as int64 (smaller and unsigned integer types are promoted to it, so sums cannot
    wrap in uint8), and as Python integers in an object array when an entry does not fit;
    :class:`fractions.Fraction` entries are kept exactly too. Arrays of other libraries
    (torch, jax, cupy, dask) are returned unchanged, after a check of their shape, so
    that contraction happens on their device. Booleans become int64 (a ket of ``True``
    entries counts), unless ``booleans``: ``pn.einsum`` keeps them, so that its value is
    numpy's (a boolean array contracted with booleans is a logical sum of products).
    """
    if is_foreign_array(data):
        try:
            tuple(int(size) for size in data.shape)
        except (TypeError, ValueError):
            raise DiagramError(
                f"{owner}: the array's shape {data.shape} is not known; compute its chunk sizes first"
            ) from None
        return data
    if isinstance(data, np.ndarray) and data.dtype.kind != "O":
        array = np.array(data, copy=True)
    else:
        array = _read_exactly(data)
        if array is None:  # read every entry as it is, so that 2**63 is not silently made a float
            try:
                array = np.array(data, dtype=object)
            except (ValueError, TypeError) as error:
                raise DiagramError(f"{owner}: data is ragged (its rows have different lengths): {error}") from None
            array = _settle(array, owner)
    if array.dtype.kind == "b" and not booleans:
        array = array.astype(np.int64)
    elif array.dtype.kind in "iu" and array.dtype != np.int64:
        array = _as_int64(array)
    if array.dtype.kind not in "biufcO":
        raise DiagramError(f"{owner}: data must be numbers (int, float or complex), but it holds {_non_number(array)}")
    if array.dtype.kind in "fc":
        _check_finite(array, owner)
    array.flags.writeable = False
    return array


def _read_exactly(data: Any) -> np.ndarray | None:
    """``np.array(data)`` when numpy reads it exactly (booleans, int64, floats not made of big integers), else None."""
    try:
        array = np.array(data)
    except (ValueError, TypeError, OverflowError):
        return None
    kind = array.dtype.kind
    if kind in "biu" or (kind in "fc" and not _holds_big_integer(data)):
        return array
    return None


def _holds_big_integer(data: Any) -> bool:
    """True when (nested) lists hold a Python integer that a float cannot hold exactly (beyond 2**53)."""
    if isinstance(data, (list, tuple)):
        return any(_holds_big_integer(entry) for entry in data)
    return isinstance(data, int) and abs(data) > 2**53


def _as_int64(array: np.ndarray) -> np.ndarray:
    """Integers of any numpy type as int64, or as exact Python integers where they do not fit."""
    if array.size and array.dtype.kind == "u" and int(array.max()) > np.iinfo(np.int64).max:
        return np.array([int(v) for v in array.flat], dtype=object).reshape(array.shape)
    return array.astype(np.int64)


def _settle(array: np.ndarray, owner: str) -> np.ndarray:
    """An object array of entries as numbers: int64, float, complex, or exact (Python ints, Fractions)."""
    if array.dtype.kind != "O":
        return array
    kinds = set()
    for entry in array.flat:
        if isinstance(entry, (bool, np.bool_, int, np.integer)):
            kinds.add("int")
        elif isinstance(entry, Fraction):
            kinds.add("fraction")
        elif isinstance(entry, (float, np.floating)):
            kinds.add("float")
        elif isinstance(entry, (complex, np.complexfloating)):
            kinds.add("complex")
        elif isinstance(entry, (list, tuple, np.ndarray)):
            raise DiagramError(
                f"{owner}: data is ragged (its rows have different lengths); "
                "every row of a matrix, and every entry of a vector, must have the same length"
            )
        elif _is_symbol(entry):
            kinds.add("symbol")
        else:
            raise DiagramError(
                f"{owner}: data must be numbers (int, float or complex), but it holds {_non_number(array)}"
            )
    if "symbol" in kinds:  # (numbers beside symbols are checked as numbers alone are)
        _check_finite(array, owner, np.array([_finite(entry) for entry in array.flat]).reshape(array.shape))
        return _symbolic(array, owner)
    if kinds & {"float", "complex"}:
        try:
            return array.astype(complex if "complex" in kinds else float)
        except OverflowError:
            raise DiagramError(
                f"{owner}: data mixes floats with an integer too large for floating point; "
                "give every entry as an exact integer or fraction"
            ) from None
    values = [Fraction(v) if isinstance(v, Fraction) else int(v) for v in array.flat]
    if kinds <= {"int"} and all(_INT64_MIN <= v <= _INT64_MAX for v in values):
        return np.array(values, dtype=np.int64).reshape(array.shape)
    exact = np.empty(len(values), dtype=object)
    exact[:] = values
    return exact.reshape(array.shape)


_INT64_MIN, _INT64_MAX = int(np.iinfo(np.int64).min), int(np.iinfo(np.int64).max)


def _check_finite(array: np.ndarray, owner: str, finite: np.ndarray | None = None) -> None:
    """Refuse NaN and infinity, naming the first and counting them (``finite``: which entries are, when numpy
    cannot tell itself, as for numbers among symbols)."""
    finite = np.isfinite(array) if finite is None else finite
    if not finite.all():
        where = tuple(int(i) for i in np.argwhere(~finite)[0])
        value = array[where] if where else array[()]
        raise DiagramError(
            f"{owner}: data holds {value} at position {where if where else '()'} "
            f"({int((~finite).sum())} non-finite entr{'y' if (~finite).sum() == 1 else 'ies'}); "
            "NaN and infinity have no place in a diagram's value"
        )


def _finite(entry: Any) -> bool:
    """False for a NaN or infinite float or complex entry; True for anything else (integers, fractions, symbols)."""
    if isinstance(entry, (float, complex, np.floating, np.complexfloating)):
        return cmath.isfinite(entry)
    return True


def _is_symbol(entry: Any) -> bool:
    """A symbolic entry: a sympy expression, or a name like ``"a"`` (made a sympy symbol)."""
    if isinstance(entry, str):
        return entry.isidentifier()
    return type(entry).__module__.startswith("sympy")


def _symbolic(array: np.ndarray, owner: str) -> np.ndarray:
    """Entries as sympy objects (names become symbols, fractions rationals): values come out as expressions."""
    try:
        import sympy
    except ImportError:
        raise DiagramError(
            f"{owner}: symbolic entries ({_non_number(array)}) need sympy: pip install 'penrose-diagrams[exact]'"
        ) from None
    converted = [
        sympy.Symbol(v) if isinstance(v, str) else sympy.nsimplify(v) if isinstance(v, Fraction) else v
        for v in array.flat
    ]
    symbolic = np.empty(len(converted), dtype=object)
    symbolic[:] = converted
    return symbolic.reshape(array.shape)


def _non_number(array: np.ndarray) -> str:
    for entry in array.flat:
        if not isinstance(entry, (bool, int, float, complex, Fraction, np.number, np.bool_)):
            return f"{shortened(repr(entry))} ({type(entry).__name__})"
    return f"entries of type {array.dtype}"


@dataclass(frozen=True, eq=False)
class Node:
    """A box: a label, its legs and its numbers (``data``), or no numbers if symbolic.

    Nodes are immutable; a diagram may hold the same node object twice (``ψ`` in
    ``⟨ψ|H|ψ⟩``), each occurrence being a separate box. ``kind`` is what the box was
    made as (``ket``, ``bra``, ``operator``, ``scalar``, ``tensor``): pictures decorate
    labels by it, so an einsum tensor whose legs all point right is not drawn as a bra.
    ``daggered`` records that the box was mirrored by ``.dag`` (its label gets a dagger),
    ``conjugated`` that it was mirrored by ``.conj()`` (a star); ``color`` overrides the
    renderer's fill colour for this box. ``sides_given`` is false when penrose chose the
    legs' sides (``pn.einsum``, ``pn.tensor`` without ``legs``): a picture may then draw
    each leg on the side that faces its partner.
    """

    name: str | None
    legs: tuple[Leg, ...]
    data: Any = None
    daggered: bool = False
    color: str | None = None
    conjugated: bool = False
    kind: str = "tensor"
    sides_given: bool = True

    @property
    def symbolic(self) -> bool:
        """True when the node carries no numbers (it can be drawn, not evaluated)."""
        return self.data is None

    @property
    def shape(self) -> tuple[int | None, ...]:
        return tuple(leg.dim for leg in self.legs)

    @cached_property
    def integer_bits(self) -> float | None:
        """log₂ of the largest entry's size if the data are integers (exact or int64), else None.

        What the check against int64 wrap-around adds up (see :mod:`penrose.core.contract.exact`).
        """
        return integer_bits(self.data)

    @cached_property
    def sides(self) -> dict[str, str]:
        """Each leg's side by leg name: ``{"i": "W", "j": "E"}``."""
        return {leg.name: leg.side for leg in self.legs}

    def describe(self) -> str:
        """A short phrase for messages: ``ket 'ψ'``, ``operator 'H'``."""
        if self.name is None:
            shape = "×".join("?" if d is None else str(d) for d in self.shape)
            return f"unnamed {self.kind}" + (f" ({shape})" if shape else "")
        return f"{self.kind} {self.name + ('†' if self.daggered else '')!r}"

    def dagger(self) -> Node:
        """The adjoint box: mirrored left to right (W↔E), numbers conjugated, a ket becoming a bra."""
        swap = {"W": "E", "E": "W", "N": "N", "S": "S"}
        kind = {"ket": "bra", "bra": "ket"}.get(self.kind, self.kind)
        return replace(
            self, legs=self._swapped(swap), data=self._conjugate_data(), daggered=not self.daggered, kind=kind
        )

    def conjugate(self) -> Node:
        """The complex-conjugate box: mirrored top to bottom (N↔S), numbers conjugated."""
        swap = {"W": "W", "E": "E", "N": "S", "S": "N"}
        return replace(self, legs=self._swapped(swap), data=self._conjugate_data(), conjugated=not self.conjugated)

    def _swapped(self, swap: dict[str, str]) -> tuple[Leg, ...]:
        return tuple(replace(leg, side=swap[leg.side]) for leg in self.legs)

    def _conjugate_data(self) -> Any:
        data = self.data
        if data is not None and _is_complex(data):
            data = data.conj()
            if isinstance(data, np.ndarray):
                data.flags.writeable = False
        return data


def integer_bits(data: Any) -> float | None:
    """log₂ of ``max |entry|`` (0 for all zeros) of integer or exact data; None for float, complex or foreign data."""
    if not isinstance(data, np.ndarray) or data.dtype.kind not in "iuO" or data.size == 0:
        return None
    if data.dtype.kind == "O":
        if any(not isinstance(v, (int, np.integer)) for v in data.flat):
            return None  # fractions (or symbols) are exact whatever their size: no int64 to wrap
        largest = max(abs(int(v)) for v in data.flat)
    else:
        largest = max(abs(int(data.max())), abs(int(data.min())))  # np.abs wraps at -2**63
    return math.log2(largest) if largest > 0 else 0.0


def _is_complex(data: Any) -> bool:
    """True when conjugating ``data`` may change it: complex numbers, and exact or symbolic entries (object arrays,
    whose entries conjugate themselves: a sympy ``I`` does, an int or Fraction stays as it is)."""
    dtype = getattr(data, "dtype", None)
    if dtype is None:
        return False
    try:
        return np.dtype(dtype).kind in "cO"
    except TypeError:  # a foreign dtype (torch.complex64, ...)
        return "complex" in str(dtype)


_KINDS = {"ket": "ket", "bra": "bra", "op": "operator", "scalar": "scalar", "tensor": "tensor"}


def make_node(
    name: str | None,
    leg_specs: Sequence[tuple[str, str, int | None]],
    data: Any,
    owner_kind: str,
    color: str | None = None,
    sides_given: bool = True,
    like_numpy: bool = False,
) -> Node:
    """Validate and build a node from ``(leg name, side, dim)`` triples and optional data.

    ``owner_kind`` is the constructor's word for messages (``"ket"``, ``"tensor"``).
    With data, each leg's dimension comes from the data's shape; a given dim must agree.
    ``like_numpy`` is for ``pn.einsum``'s boxes, whose value must be numpy's: boolean data is kept
    as it is (see :func:`as_numeric_array`) and an axis of size 0 is allowed (its sums are 0).
    """
    if name is not None and not isinstance(name, str):
        name = str(name)
    owner = f"{owner_kind} {_short(name)}" if name is not None else f"{owner_kind}"
    if color is not None:
        color = normalize_color(color, owner)
    seen: set[str] = set()
    for leg_name, _, dim in leg_specs:
        if not isinstance(leg_name, str) or not leg_name:
            raise DiagramError(f"{owner}: a leg's name must be a non-empty string, got {leg_name!r}")
        if dim is not None and (isinstance(dim, (bool, np.bool_)) or not isinstance(dim, (int, np.integer)) or dim < 1):
            raise DiagramError(f"{owner}: leg {leg_name!r} has dim={dim!r}; a dimension is a positive whole number")
        if leg_name in seen:
            raise DiagramError(
                f"{owner}: the leg name {leg_name!r} is used twice; each leg of a box needs its own name"
            )
        seen.add(leg_name)
    if data is None:
        legs = tuple(Leg(leg_name, None if dim is None else int(dim), side) for leg_name, side, dim in leg_specs)
        return Node(name, legs, None, color=color, kind=_KINDS.get(owner_kind, "tensor"), sides_given=sides_given)
    array = as_numeric_array(data, owner, booleans=like_numpy)
    shape = tuple(int(size) for size in array.shape)
    if len(shape) != len(leg_specs):
        raise DiagramError(
            f"{owner}: data has {len(shape)} ax{'i' if len(shape) == 1 else 'e'}s (shape {shape}) "
            f"but {len(leg_specs)} leg{'s' if len(leg_specs) != 1 else ''} "
            f"{[leg_name for leg_name, _, _ in leg_specs]}; give one leg per axis"
        )
    legs = []
    for (leg_name, side, dim), size in zip(leg_specs, shape):
        if dim is not None and int(dim) != size:
            raise DiagramError(f"{owner}: leg {leg_name!r} is declared with dim {dim} but the data has {size} along it")
        if size == 0 and not like_numpy:
            raise DiagramError(f"{owner}: leg {leg_name!r} has dimension 0; an empty axis has no value")
        legs.append(Leg(leg_name, size, side))
    return Node(name, tuple(legs), array, color=color, kind=_KINDS.get(owner_kind, "tensor"), sides_given=sides_given)


def _short(name: str) -> str:
    """A name for messages: cut to 40 characters, quoted."""
    return repr(shortened(name))


def box_holding(name: str, legs: Sequence[Leg], value: Any) -> Node:
    """One box named ``name`` holding ``value`` (one axis per leg) with these legs' sides and dimensions."""
    return make_node(name, [(f"leg{k}", leg.side, leg.dim) for k, leg in enumerate(legs)], value, "tensor")
