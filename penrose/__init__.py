"""penrose: tensor-network diagrams in Penrose's box-and-line notation, drawn and evaluated.

Write a diagram once, as in the algebra, and get both its value and its picture::

    import penrose as pn
    psi = pn.ket([5, 1, -3, 2], name="ψ")
    phi = pn.bra([1, 2, 4, 3], name="φ")
    (phi @ psi).value()      # 1: no leg is left open, so it is a number

Layers, each importing only the ones before it: the model (``legs``, ``nodes``,
``network``), ``contraction`` (opt_einsum), the user's ``diagram`` and ``build``,
then the quantum layer (``quantum``, ``states``, ``symmetry``, ``equation``).
"""

from __future__ import annotations

from .build import bra, einsum, ket, op, scalar, tensor
from .contraction import ContractionPath, clear_path_cache
from .diagram import Diagram, connect, kron, trace
from .equation import Equation, Ratio, equation, ratio
from .errors import DiagramError
from .figure import Figure
from .legs import Leg
from .quantum import (
    Eigenspace,
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
from .states import basis, pauli, site_operator
from .symmetry import SymmetryBreaking, symmetry_breaking
from .themes import Theme

__version__ = "0.1.0"

__all__ = [
    "ContractionPath",
    "Diagram",
    "DiagramError",
    "Eigenspace",
    "Equation",
    "Figure",
    "Leg",
    "NotAnEigenvalueWarning",
    "Ratio",
    "SymmetryBreaking",
    "Theme",
    "basis",
    "bra",
    "clear_path_cache",
    "commutes",
    "connect",
    "eig",
    "einsum",
    "equation",
    "expectation",
    "ground_states",
    "is_hermitian",
    "is_invariant",
    "is_unitary",
    "ket",
    "kron",
    "normalize",
    "op",
    "pauli",
    "probability",
    "ratio",
    "scalar",
    "site_operator",
    "symmetry_breaking",
    "tensor",
    "trace",
]
