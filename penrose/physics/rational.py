"""Exact answers for exact inputs: a measurement's probability in fractions, by Gaussian elimination over ℚ.

When ψ, the observable and the measured value are integers or fractions, the probability
``⟨ψ|P|ψ⟩ / ⟨ψ|ψ⟩`` is a fraction (``4/9`` in S14), and so is found without rounding: the
eigenspace of the value is the null space of ``O − value·1``, found exactly, and the projector's
weight ``bᵀ (BᵀB)⁻¹ b`` with ``b = Bᵀψ`` is solved for exactly. Only real symmetric observables,
and at most :data:`EXACT_LIMIT` dimensions (the work grows as n³ in Python fractions).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["EXACT_LIMIT", "exact_entries", "exact_probability"]

#: Observables of at most this dimension get an exact probability when their numbers are exact.
EXACT_LIMIT = 64

Matrix = list[list[Fraction]]


def exact_entries(array: Any) -> np.ndarray | None:
    """``array``'s entries as an object array of Fractions when every one is an integer or a fraction, else None."""
    array = np.asarray(array)
    if array.dtype.kind in "iu":
        return np.vectorize(Fraction, otypes=[object])(array.astype(object)) if array.size else None
    if array.dtype.kind == "O" and array.size and all(isinstance(v, (int, Fraction)) for v in array.flat):
        return np.vectorize(Fraction, otypes=[object])(array)
    return None


def exact_probability(vector: np.ndarray, matrix: np.ndarray, value: Any) -> Fraction | None:
    """The probability of ``value`` exactly, or None when the inputs are not all exact (or too big, or not symmetric).

    >>> exact_probability(np.array([1, 2, 2]), np.diag([1, 5, 7]), 5)
    Fraction(4, 9)
    """
    psi, observable = exact_entries(vector), exact_entries(matrix)
    if psi is None or observable is None or observable.ndim != 2 or len(observable) > EXACT_LIMIT:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, Fraction, np.integer, np.floating)):
        return None
    level = Fraction(value)
    if not all(observable[i, j] == observable[j, i] for i in range(len(observable)) for j in range(i)):
        return None
    shifted = [
        [observable[i, j] - (level if i == j else 0) for j in range(len(observable))] for i in range(len(observable))
    ]
    basis = null_space(shifted)
    if not basis:
        return None  # not exactly an eigenvalue: the floating-point answer stands
    projections = [sum((b[i] * psi[i] for i in range(len(psi))), Fraction(0)) for b in basis]
    gram = [[sum((a[i] * b[i] for i in range(len(a))), Fraction(0)) for b in basis] for a in basis]
    coefficients = solve(gram, projections)
    weight = sum((p * c for p, c in zip(projections, coefficients)), Fraction(0))
    norm = sum((x * x for x in psi), Fraction(0))
    return weight / norm


def null_space(matrix: Matrix) -> list[list[Fraction]]:
    """A basis of ``{x : matrix·x = 0}`` by exact row reduction (one vector per free column)."""
    rows = [list(row) for row in matrix]
    columns = len(rows[0]) if rows else 0
    pivots: list[int] = []
    rank = 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][column]
        rows[rank] = [entry / lead for entry in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank])]
        pivots.append(column)
        rank += 1
    basis = []
    for free in (c for c in range(columns) if c not in pivots):
        vector = [Fraction(0)] * columns
        vector[free] = Fraction(1)
        for row, column in enumerate(pivots):
            vector[column] = -rows[row][free]
        basis.append(vector)
    return basis


def solve(matrix: Matrix, right: list[Fraction]) -> list[Fraction]:
    """``x`` with ``matrix·x = right`` for an invertible (Gram) matrix, exactly."""
    size = len(matrix)
    augmented = [[*row, b] for row, b in zip(matrix, right)]
    for column in range(size):
        pivot = next(r for r in range(column, size) if augmented[r][column] != 0)
        augmented[column], augmented[pivot] = augmented[pivot], augmented[column]
        lead = augmented[column][column]
        augmented[column] = [entry / lead for entry in augmented[column]]
        for r in range(size):
            if r != column and augmented[r][column] != 0:
                factor = augmented[r][column]
                augmented[r] = [a - factor * b for a, b in zip(augmented[r], augmented[column])]
    return [row[-1] for row in augmented]
