"""The shape a diagram's value comes in: a number, a vector, a matrix (rows: W legs), or one axis per leg."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .legs import Leg, flow_sides

__all__ = [
    "entry_count",
    "flow_legs",
    "output_first",
    "rounding_error",
    "shaped_value",
    "snapped",
    "value_rounding",
    "value_shape",
    "value_shaper",
]


def entry_count(legs: Sequence[Leg]) -> int:
    """How many entries a value with these open legs has (a leg of unknown dimension counts once)."""
    return math.prod(leg.dim or 1 for leg in legs)


def shaped_value(result: Any, kind: str, legs: Sequence[Leg], grouped: bool) -> Any:
    """A contraction's result as :meth:`~penrose.Diagram.value` returns it for a diagram of this kind."""
    return value_shaper(kind, legs, grouped)(result)


def value_shaper(kind: str, legs: Sequence[Leg], grouped: bool = True) -> Callable[[Any], Any]:
    """:func:`shaped_value` for one diagram, its order and shape worked out once (a small diagram evaluated in a
    loop reshapes every value the same way: the legs need not be read again each time)."""
    if kind == "scalar":
        return _number
    if not grouped or kind == "tensor":
        return _as_it_is
    order = output_first(legs) if kind == "operator" else list(range(len(legs)))
    turned = order != list(range(len(legs)))  # (an operator's rows are its outputs: an MPO's S legs come later)
    shape = value_shape(kind, legs)
    flattened = len(shape) != len(legs)

    def shaped(result: Any) -> Any:
        if turned:
            result = result.transpose(order)
        return result.reshape(shape) if flattened else result

    return shaped


def _number(result: Any) -> Any:
    if isinstance(result, (np.ndarray, np.generic)):
        result = result.item()
    if isinstance(result, Fraction) and result.denominator == 1:
        return int(result)
    return result


def _as_it_is(result: Any) -> Any:
    return result


def output_first(legs: Sequence[Leg]) -> list[int]:
    """The positions of an operator's legs, its outputs (W, or S drawn top to bottom) first, then its inputs."""
    outputs, _ = flow_sides(leg.side for leg in legs)
    return [k for k, leg in enumerate(legs) if leg.side == outputs] + [
        k for k, leg in enumerate(legs) if leg.side != outputs
    ]


def value_shape(kind: str, legs: Sequence[Leg]) -> tuple[int, ...]:
    """The shape of the value of a diagram of this kind with these open legs, known before computing it.

    A number has no axes, a ket or bra one, an operator two (its output legs' dimensions
    multiplied, then its input legs': W then E, or S then N drawn top to bottom), any other tensor one per leg.
    """
    dims = [leg.dim or 1 for leg in legs]
    if kind == "scalar":
        return ()
    if kind in ("ket", "bra"):
        return (math.prod(dims),)
    if kind == "operator":
        outputs, _ = flow_sides(leg.side for leg in legs)
        rows = math.prod(leg.dim or 1 for leg in legs if leg.side == outputs)
        return (rows, math.prod(dims) // rows)
    return tuple(dims)


def flow_legs(legs: Sequence[Leg]) -> tuple[list[Leg], list[Leg]]:
    """An operator's output legs and input legs (W and E, or S and N drawn top to bottom), each in order."""
    outputs, inputs = flow_sides(leg.side for leg in legs)
    return [leg for leg in legs if leg.side == outputs], [leg for leg in legs if leg.side == inputs]


#: How many units of rounding a contraction's floating-point value may carry, per unit of its scale.
ROUNDING_ULPS = 64


def rounding_error(terms: Iterable[tuple[Any, Any]]) -> float:
    """A bound on the rounding in a diagram's floating-point value: ``ROUNDING_ULPS · ε · Σ |c| Π ‖T‖``.

    Every entry of a contracted network is at most the product of its boxes' Frobenius norms
    (Cauchy–Schwarz at each line), so an entry below this bound cannot be told from 0: a picture
    writes it as 0 (a real ⟨Y⟩ of 10⁻¹⁷), while ħ = 1.05×10⁻³⁴, its own scale, is written as it is.
    Exact (integer, fraction, symbolic) and foreign arrays give 0: nothing to round.

    >>> import numpy as np
    >>> from penrose.core.network import single
    >>> from penrose.core.nodes import make_node
    >>> box = single(make_node("x", [("i", "W", None)], np.array([3.0, 4.0]), "ket"))
    >>> bool(rounding_error([(1, box)]) == ROUNDING_ULPS * np.finfo(float).eps * 5)
    True
    """
    total = 0.0
    for coefficient, network in terms:
        scale = abs(complex(coefficient)) if isinstance(coefficient, (int, float, complex, np.number)) else None
        for node in network.nodes:
            data = node.data
            if scale is None or data is None:
                return 0.0
            if node.kind == "copy":  # δ: ones on the diagonal
                scale *= math.sqrt(data.dim)
                continue
            if not isinstance(data, np.ndarray) or data.dtype.kind not in "biufc":
                return 0.0  # exact big integers, fractions, symbols, another library's arrays
            scale *= _norm(data.astype(float) if data.dtype.kind in "biu" else data)
        total += scale
    bound = ROUNDING_ULPS * float(np.finfo(float).eps) * total
    return bound if math.isfinite(bound) else 0.0  # (beyond floating point: no bound, so nothing is snapped)


def _norm(data: np.ndarray) -> float:
    """The Frobenius norm without overflow in the squares (``[0, 1e200]`` has norm 1e200, not infinity)."""
    largest = float(np.max(np.abs(data))) if data.size else 0.0
    if largest == 0.0 or not math.isfinite(largest):
        return largest
    return largest * float(np.linalg.norm(data / largest))


#: A diagram of more terms than this (a product of many sums) is not multiplied out to bound its rounding.
ROUNDING_TERMS = 64


def value_rounding(diagram: Any) -> float:
    """The bound :func:`rounding_error` puts on ``diagram``'s value, or 0 for a product of more than
    :data:`ROUNDING_TERMS` terms: what pictures and the command line both write as 0 below it."""
    if diagram.term_count > ROUNDING_TERMS:
        return 0.0
    return rounding_error((c, term.network) for c, term in diagram.terms)


def snapped(array: np.ndarray, rounding: float) -> np.ndarray:
    """``array`` with real and imaginary parts no bigger than ``rounding`` set to 0 (they are rounding, not value)."""
    if array.dtype.kind == "c":
        real, imag = array.real.copy(), array.imag.copy()
        real[np.abs(real) <= rounding] = 0
        imag[np.abs(imag) <= rounding] = 0
        return real if not imag.any() else real + 1j * imag
    snapped = array.copy()
    snapped[np.abs(snapped) <= rounding] = 0
    return snapped
