"""The shape a diagram's value comes in: a number, a vector, a matrix (rows: W legs), or one axis per leg."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .legs import Leg

__all__ = ["shaped_value", "value_shape"]


def shaped_value(result: Any, kind: str, legs: Sequence[Leg], grouped: bool) -> Any:
    """A contraction's result as :meth:`~penrose.Diagram.value` returns it for a diagram of this kind."""
    if kind == "scalar":
        if isinstance(result, (np.ndarray, np.generic)):
            result = result.item()
        if isinstance(result, Fraction) and result.denominator == 1:
            return int(result)
        return result
    if not grouped or kind == "tensor":
        return result
    shape = value_shape(kind, legs)
    return result if len(shape) == len(legs) else result.reshape(shape)


def value_shape(kind: str, legs: Sequence[Leg]) -> tuple[int, ...]:
    """The shape of the value of a diagram of this kind with these open legs, known before computing it.

    A number has no axes, a ket or bra one, an operator two (its W legs' dimensions
    multiplied, then its E legs'), any other tensor one per leg.
    """
    dims = [leg.dim or 1 for leg in legs]
    if kind == "scalar":
        return ()
    if kind in ("ket", "bra"):
        return (math.prod(dims),)
    if kind == "operator":
        rows = math.prod(leg.dim or 1 for leg in legs if leg.side == "W")
        return (rows, math.prod(dims) // rows)
    return tuple(dims)
