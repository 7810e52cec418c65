"""Quantum mechanics on diagrams: the helpers (also at ``pn.``'s top level) and the results they return.

>>> import penrose as pn
>>> pn.quantum.is_hermitian(pn.pauli.X)
True
"""

from __future__ import annotations

from .physics.equation import Equation, Ratio, equation, ratio
from .physics.quantum import (
    Eigenspace,
    IncompleteLevelWarning,
    NotAnEigenvalueWarning,
    commutes,
    eig,
    expectation,
    ground_states,
    is_hermitian,
    is_invariant,
    is_unitary,
    normalize,
    probability,
)
from .physics.states import basis, pauli, site_operator
from .physics.symmetry import SymmetryBreaking, symmetry_breaking

__all__ = [
    "Eigenspace",
    "Equation",
    "IncompleteLevelWarning",
    "NotAnEigenvalueWarning",
    "Ratio",
    "SymmetryBreaking",
    "basis",
    "commutes",
    "eig",
    "equation",
    "expectation",
    "ground_states",
    "is_hermitian",
    "is_invariant",
    "is_unitary",
    "normalize",
    "pauli",
    "probability",
    "ratio",
    "site_operator",
    "symmetry_breaking",
]
