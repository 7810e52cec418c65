"""Eigenvectors as kets: with the operator's own input legs, and reduced to the independent directions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..core.constructors import ket
from ..core.diagram import Diagram
from ..core.values import flow_legs

__all__ = ["independent", "ket_maker"]


def ket_maker(H: Any) -> Callable[[np.ndarray, str], Diagram]:
    """How eigenkets are made: with an operator diagram's input legs (their dimensions, drawn the same way, down
    for an MPO), so that ``H @ ket`` composes; plain one-leg kets for an array."""
    if isinstance(H, Diagram) and H.kind == "operator":
        outputs, inputs = flow_legs(H.legs)
        side = outputs[0].side  # a ket's legs are outputs: W, or S for an operator drawn top to bottom
        dims = [leg.dim for leg in inputs]
        if len(dims) > 1 and all(isinstance(d, int) for d in dims):
            return lambda vector, name: ket(vector, name=name, dims=dims, side=side)
        return lambda vector, name: ket(vector, name=name, side=side)
    return lambda vector, name: ket(vector, name=name)


def independent(vectors: np.ndarray) -> np.ndarray:
    """The independent directions among ``vectors``' columns (an orthonormal basis of their span).

    A defective eigenvalue's eigenvectors from LAPACK are nearly parallel: the span, not
    their number, is the eigenspace.
    """
    normalised = vectors / np.linalg.norm(vectors, axis=0)
    left, singular, _ = np.linalg.svd(normalised, full_matrices=False)
    rank = max(1, int((singular > 1e-6 * singular[0]).sum()))
    return left[:, :rank]
