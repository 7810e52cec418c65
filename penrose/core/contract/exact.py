"""Exact integers and honest floats: no contraction result wraps around or overflows silently.

Integer boxes are kept as int64 where their entries fit. Before a network of integers is
contracted, :func:`may_wrap` bounds its result: at most ``Π dims`` products, each at most
``Π max|entry|``. When that bound does not fit in int64 the network is contracted with
Python integers instead (object arrays: exact at any size, slower), so
``⟨3037000500,0|3037000500,0⟩`` is 9223372037000250000, not a negative number. A network
with fractions (:class:`fractions.Fraction`) or integers beyond int64 is always exact.
A network that mixes floating-point boxes with integer ones whose products alone may leave
int64 (a float bra on a chain of 200 integer matrices) has its integers made floats first
(:func:`needs_float`): a pairwise step between two integer boxes would otherwise wrap before
the float is reached. A floating-point result that overflows to infinity or NaN from finite
numbers is refused (:func:`check_finite`) rather than returned.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import DiagramError
from ..network import Network
from .memory import itemsize_of

__all__ = [
    "as_exact",
    "check_finite",
    "exact_arrays",
    "float_arrays",
    "may_wrap",
    "needs_exact",
    "needs_float",
    "precisions",
    "prepared",
    "scaled",
]

#: Integer results up to 2**62 in size are safe in int64 (one bit of room for the sum of terms).
SAFE_BITS = 62


def needs_exact(network: Network, coefficient: Any, terms: int = 1) -> bool:
    """True when ``network`` must be contracted with Python integers (see the module's docstring)."""
    arrays = [node.data for node in network.nodes if node.kind != "copy"]  # δ is 0s and 1s: exact whatever
    if not all(isinstance(a, np.ndarray) for a in arrays):
        return False  # arrays of another library
    kinds = {a.dtype.kind for a in arrays}
    if kinds & {"f", "c"}:
        return False  # floating point: nothing to keep exact
    if "O" in kinds:
        return True
    return may_wrap(network, coefficient, terms)


def needs_float(network: Network) -> bool:
    """True when ``network`` mixes floating-point boxes with integer boxes whose products may leave int64.

    The integers are then contracted as floats: the result is a float anyway, and a step
    between two integer boxes must not wrap around on the way (it did: ``0.0`` for 2¹⁰⁰·½).
    """
    kinds = {node.data.dtype.kind for node in network.nodes if isinstance(node.data, np.ndarray)}
    if not kinds & {"f", "c"} or not kinds & {"i", "u"}:
        return False
    bits = 0.0
    for node in network.nodes:
        if node.kind == "copy" or not isinstance(node.data, np.ndarray) or node.data.dtype.kind not in "iu":
            continue
        bits += node.integer_bits or 0.0
        bits += sum(math.log2(leg.dim or 1) for leg in node.legs)  # (every line at both ends: an upper bound)
    return bits >= SAFE_BITS


def precisions(terms: Sequence[tuple[Any, Network]]) -> tuple[str, ...]:
    """How each term of a sum is contracted: ``"exact"`` (Python integers: one such term makes them all so, as
    int64 plus a big int overflows), ``"float"`` (integers made floats, :func:`needs_float`) or ``""`` (as they are).
    """
    if any(needs_exact(network, coefficient, len(terms)) for coefficient, network in terms):
        return ("exact",) * len(terms)
    return tuple("float" if needs_float(network) else "" for _, network in terms)


def prepared(arrays: Sequence[Any], precision: str) -> Sequence[Any]:
    """``arrays`` ready for a term of that ``precision`` (see :func:`precisions`)."""
    return exact_arrays(arrays) if precision == "exact" else float_arrays(arrays) if precision == "float" else arrays


def entry_bytes(
    terms: Sequence[tuple[Any, Network]], arrays: Sequence[Sequence[Any]], modes: Sequence[str] | None = None
) -> int:
    """Bytes an entry of an intermediate may take, for the memory check: the dtype's size, or for exact terms the
    size of a Python integer as large as the result can be (``|2**60, 2**60⟩`` tensored 23 times: 2¹⁴⁰⁰-sized
    entries, about 230 bytes each, not 8).
    """
    largest = 1
    for (coefficient, network), term_arrays, mode in zip(terms, arrays, modes or precisions(terms)):
        if mode != "exact":
            largest = max(largest, itemsize_of(term_arrays))
            continue
        bits = sum(_exact_bits(node.data) for node in network.nodes if node.kind != "copy")
        bits += sum(math.log2(leg.dim or 1) for node in network.nodes for leg in node.legs) / 2  # each line once
        numerator, denominator = getattr(coefficient, "numerator", 1), getattr(coefficient, "denominator", 1)
        if isinstance(numerator, int) and isinstance(denominator, int):
            bits += numerator.bit_length() + denominator.bit_length()
        largest = max(largest, 8 + 56 + 4 * math.ceil(bits / 30))  # pointer, object, 30 bits per 4 bytes
    return largest


def _exact_bits(data: Any) -> float:
    """Bits of the largest exact entry: an integer's size, or a fraction's numerator and denominator together."""
    if not isinstance(data, np.ndarray) or data.dtype.kind not in "iuO" or data.size == 0:
        return 0.0
    if data.dtype.kind != "O":
        return float(max(abs(int(data.max())), abs(int(data.min()))).bit_length())
    sizes = [
        v.numerator.bit_length() + v.denominator.bit_length() if isinstance(v, (int, Fraction)) else 64
        for v in data.flat
    ]
    return float(max(sizes))


def float_arrays(arrays: Sequence[Any]) -> tuple[Any, ...]:
    """Every integer array of ``arrays`` as float64 (see :func:`needs_float`)."""
    return tuple(
        array.astype(np.float64) if isinstance(array, np.ndarray) and array.dtype.kind in "iub" else array
        for array in arrays
    )


def may_wrap(network: Network, coefficient: Any, terms: int = 1) -> bool:
    """True when an all-integer ``network`` (times ``coefficient``, in a sum of ``terms``) may leave int64."""
    bits = 0.0
    for node in network.nodes:
        if node.kind == "copy":
            continue  # entries 0 and 1: it adds no bits
        size = node.integer_bits
        if size is None:
            return False  # a float or complex box: the result is floating point, nothing wraps
        bits += size
    dims: dict[tuple[int, str], int] = {}
    partner = {b: a for a, b in network.bonds}
    for position, node in enumerate(network.nodes):
        for leg in node.legs:
            port = (position, leg.name)
            if port not in partner:  # each line counted once: at its first end
                dims[port] = leg.dim or 1
    bits += sum(math.log2(d) for d in dims.values())
    numerator = getattr(coefficient, "numerator", None)  # an int or Fraction coefficient multiplies in int64 too
    if isinstance(numerator, int) and abs(numerator) > 1:
        bits += math.log2(abs(numerator))
    return bits + math.log2(max(terms, 1)) >= SAFE_BITS


def as_exact(array: Any) -> Any:
    """An integer array as an object array of Python integers (other arrays unchanged)."""
    if isinstance(array, np.ndarray) and array.dtype.kind in "iub":
        exact = np.empty(array.shape, dtype=object)
        exact.flat[:] = [int(v) for v in array.flat]
        return exact
    return array


def exact_arrays(arrays: Sequence[Any]) -> tuple[Any, ...]:
    """Every integer array of ``arrays`` as Python integers, so that products and sums cannot wrap."""
    return tuple(as_exact(array) for array in arrays)


def scaled(result: Any, coefficient: Any, describe: Callable[[], str]) -> Any:
    """``result × coefficient``; where that overflows a float on the way (an exact 2¹²⁰⁰ times 1e-300), each
    entry is multiplied exactly and rounded once, and a product truly beyond floating point is a DiagramError.
    """
    try:
        return result * coefficient
    except OverflowError:
        pass

    def one(entry: Any) -> Any:
        exact = Fraction(entry) if not isinstance(entry, (complex, np.complexfloating)) else None
        if exact is None or isinstance(coefficient, (complex, np.complexfloating)):
            entry, factor = complex(entry), complex(coefficient)
            real = Fraction(entry.real) * Fraction(factor.real) - Fraction(entry.imag) * Fraction(factor.imag)
            imag = Fraction(entry.real) * Fraction(factor.imag) + Fraction(entry.imag) * Fraction(factor.real)
            return complex(float(real), float(imag))
        return float(exact * Fraction(coefficient))

    try:
        if isinstance(result, np.ndarray):
            return np.array([one(entry) for entry in result.ravel()]).reshape(result.shape)
        return one(result)
    except (OverflowError, ValueError):
        raise DiagramError(
            f"the value of {describe()} overflowed: times its coefficient {_short(coefficient)} it is beyond floating "
            "point (about 1.8e308); give the coefficient as an exact integer or fraction to keep it exact"
        ) from None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 24 else f"{text[:10]}…{text[-6:]} ({len(text)} characters)"


#: Up to this many entries, a result is checked entry by entry in Python (numpy's per-call overhead dominates there).
FEW_ENTRIES = 32
_DOUBLES = (np.dtype(np.float64), np.dtype(np.complex128))


def check_finite(result: Any, describe: Callable[[], str]) -> None:
    """Refuse a floating-point result that overflowed to infinity or NaN (its boxes' numbers are finite)."""
    if isinstance(result, np.ndarray):
        kind = result.dtype.kind
        if kind == "f" and result.ndim == 0:  # a number: the common case, kept cheap
            finite = math.isfinite(result)
        elif result.size <= FEW_ENTRIES and result.dtype in _DOUBLES:  # (a small diagram's vector or matrix)
            test = math.isfinite if kind == "f" else cmath.isfinite
            finite = all(map(test, result.ravel().tolist()))  # (3x faster than numpy's isfinite on 4 entries)
        elif kind in "fc":
            finite = bool(np.isfinite(result).all())
        else:
            return
    elif isinstance(result, float):
        finite = math.isfinite(result)
    elif isinstance(result, (complex, np.floating, np.complexfloating)):
        finite = bool(np.isfinite(result))
    else:
        return
    if not finite:
        raise DiagramError(
            f"the value of {describe()} overflowed: its finite numbers multiply or add up beyond floating "
            "point (about 1.8e308), giving infinity or NaN; scale the boxes' numbers down, or give them as "
            "exact integers or fractions"
        )
