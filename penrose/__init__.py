"""penrose: tensor-network diagrams in Penrose's box-and-line notation, drawn and evaluated.

Write a diagram once, as in the algebra, and get both its value and its picture::

    import penrose as pn
    psi = pn.ket([5, 1, -3, 2], name="ψ")
    phi = pn.bra([1, 2, 4, 3], name="φ")
    (phi @ psi).value()      # 1: no leg is left open, so it is a number

The code lives in three wings and a front door, each importing only the ones after it:
``penrose.frontend`` (Dirac text and the command line) and ``penrose.gallery``, then
``penrose.physics`` (quantum mechanics on diagrams), ``penrose.draw`` (pictures), and
``penrose.core`` (the model and its contraction), which imports none of the others.
"""

from __future__ import annotations

from .core.combine import connect, kron, trace
from .core.constructors import bra, copy, ket, op, scalar, tensor
from .core.contract import ContractionPath, ContractionStep, SlicedContraction, Steps, clear_path_cache
from .core.diagram import Diagram
from .core.einsum import einsum
from .core.errors import DiagramError, ExternalError, PathSearchWarning
from .core.interop import from_quimb
from .core.legs import Leg
from .core.network import Network
from .core.nodes import Node
from .draw.figure import Figure
from .draw.layout.engines import LAYOUTS, GraphvizWarning
from .draw.themes import Theme
from .frontend.document import Document, DocumentError, load, save
from .frontend.editor import EditorError, edit
from .physics import networks
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

__version__ = "0.1.0"

__all__ = [
    "LAYOUTS",
    "ContractionPath",
    "ContractionStep",
    "Diagram",
    "DiagramError",
    "Document",
    "DocumentError",
    "EditorError",
    "Eigenspace",
    "Equation",
    "ExternalError",
    "Figure",
    "GraphvizWarning",
    "IncompleteLevelWarning",
    "Leg",
    "Network",
    "Node",
    "NotAnEigenvalueWarning",
    "PathSearchWarning",
    "Ratio",
    "SlicedContraction",
    "Steps",
    "SymmetryBreaking",
    "Theme",
    "basis",
    "bra",
    "clear_path_cache",
    "commutes",
    "connect",
    "copy",
    "edit",
    "eig",
    "einsum",
    "equation",
    "expectation",
    "from_quimb",
    "ground_states",
    "is_hermitian",
    "is_invariant",
    "is_unitary",
    "ket",
    "kron",
    "load",
    "networks",
    "normalize",
    "op",
    "pauli",
    "probability",
    "ratio",
    "save",
    "scalar",
    "site_operator",
    "symmetry_breaking",
    "tensor",
    "trace",
]
