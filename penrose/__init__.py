"""penrose: tensor-network diagrams in Penrose's box-and-line notation, drawn and evaluated.

Write a diagram once, as in the algebra, and get both its value and its picture::

    import penrose as pn
    psi = pn.ket([5, 1, -3, 2], name="ψ")
    phi = pn.bra([1, 2, 4, 3], name="φ")
    (phi @ psi).value()      # 1: no leg is left open, so it is a number

The everyday names are here: building (``ket``, ``bra``, ``op``, ``tensor``, ``einsum`` …),
composing (``connect``, ``kron``, ``trace``), the quantum-mechanics helpers, files and the editor.
The rest sits in namespaces that say what they are: ``pn.networks`` (MPS, MPO, grids …),
``pn.contraction`` (paths, steps, slices), ``pn.pictures`` (figures, themes, layouts),
``pn.model`` (legs, boxes, networks), ``pn.quantum`` (the helpers and their results),
``pn.documents`` (JSON files) and ``pn.errors`` (every error and warning).

The code lives in wings, each importing only the ones after it: ``penrose.frontend`` (Dirac
text, the command line, the editor) and ``penrose.gallery``, then ``penrose.physics``
(quantum mechanics on diagrams), ``penrose.draw`` (pictures), and ``penrose.core`` (the model,
with its contraction in ``penrose.core.contract``), which imports none of the others.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

from . import contraction, documents, errors, model, pictures, quantum
from .core.combine import connect, kron, trace
from .core.constructors import bra, copy, ket, op, scalar, tensor
from .core.diagram import Diagram
from .core.einsum import einsum
from .core.errors import DiagramError
from .core.interop import from_quimb, to_quimb
from .documents import load, save
from .frontend.editor import edit
from .physics import networks
from .quantum import (  # (the helpers as the namespace holds them; its result types stay there)
    basis,
    commutes,
    eig,
    equation,
    expectation,
    ground_states,
    is_hermitian,
    is_invariant,
    is_unitary,
    normalize,
    pauli,
    probability,
    ratio,
    site_operator,
    symmetry_breaking,
)

__version__ = "0.1.0"

__all__ = [
    "Diagram",
    "DiagramError",
    "basis",
    "bra",
    "commutes",
    "connect",
    "contraction",
    "copy",
    "documents",
    "edit",
    "eig",
    "einsum",
    "equation",
    "errors",
    "expectation",
    "from_quimb",
    "ground_states",
    "is_hermitian",
    "is_invariant",
    "is_unitary",
    "ket",
    "kron",
    "load",
    "model",
    "networks",
    "normalize",
    "op",
    "pauli",
    "pictures",
    "probability",
    "quantum",
    "ratio",
    "save",
    "scalar",
    "site_operator",
    "symmetry_breaking",
    "tensor",
    "to_quimb",
    "trace",
]

#: Names that were at the top level before the namespaces, and where each lives now.
MOVED = {
    "ContractionPath": "contraction",
    "ContractionStep": "contraction",
    "SlicedContraction": "contraction",
    "Steps": "contraction",
    "clear_path_cache": "contraction",
    "Figure": "pictures",
    "Theme": "pictures",
    "LAYOUTS": "pictures",
    "Leg": "model",
    "Network": "model",
    "Node": "model",
    "Eigenspace": "quantum",
    "Equation": "quantum",
    "Ratio": "quantum",
    "SymmetryBreaking": "quantum",
    "Document": "documents",
    "DocumentError": "errors",
    "EditorError": "errors",
    "ExternalError": "errors",
    "GraphvizWarning": "errors",
    "IncompleteLevelWarning": "errors",
    "NotAnEigenvalueWarning": "errors",
    "PathSearchWarning": "errors",
}


def __getattr__(name: str) -> Any:
    """An old top-level name still works, with a DeprecationWarning that says where it lives now."""
    if name in MOVED:
        namespace = MOVED[name]
        warnings.warn(
            f"pn.{name} is now pn.{namespace}.{name}; the top-level name still works but will be removed",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(f"{__name__}.{namespace}"), name)
    raise AttributeError(f"module 'penrose' has no attribute {name!r}")
