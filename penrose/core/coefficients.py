"""The numbers diagrams are multiplied by: checked, and named in messages without dumping arrays."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .errors import DiagramError
from .typography import shortened

__all__ = ["as_coefficient", "conjugate_number", "describe_object"]


def describe_object(value: Any) -> str:
    """Name a non-diagram operand without dumping its contents: ``ndarray of shape (2, 2)``."""
    shape = getattr(value, "shape", None)
    if shape is not None:
        return f"{type(value).__name__} of shape {tuple(shape)}"
    return f"{type(value).__name__} {shortened(repr(value))}"


def as_coefficient(value: Any, verb: str, diagram: Any) -> Any:
    """``value`` as a coefficient of ``diagram`` (a finite int, float, complex or Fraction), else a DiagramError."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Number):
        raise DiagramError(
            f"cannot {verb} {diagram.describe()} by {describe_object(value)}: a coefficient must be a single "
            "number (int, float or complex); to use an array, make it a diagram first"
        )
    if isinstance(value, (numbers.Rational, np.integer)):  # whole numbers and fractions of any size are finite, exact
        return value.item() if isinstance(value, np.generic) else value
    try:
        finite = bool(np.isfinite(complex(value)))  # type: ignore[arg-type]
    except (OverflowError, TypeError, ValueError):
        finite = False
    if not finite:
        raise DiagramError(
            f"cannot {verb} {diagram.describe()} by {shortened(repr(value))}: the number is not finite "
            "(or too large for a floating-point number)"
        )
    return value.item() if isinstance(value, np.generic) else value


def conjugate_number(coefficient: Any) -> Any:
    """The complex conjugate of a coefficient (a complex or symbolic one changes; ints, floats and Fractions do not)."""
    conjugate = getattr(coefficient, "conjugate", None)
    return coefficient if conjugate is None else conjugate()
