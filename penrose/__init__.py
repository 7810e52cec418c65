"""penrose: tensor-network diagrams in Penrose's box-and-line notation, drawn and evaluated.

Write a diagram once, as in the algebra, and get both its value and its picture::

    import penrose as pn
    psi = pn.ket([5, 1, -3, 2], name="ψ")
    phi = pn.bra([1, 2, 4, 3], name="φ")
    (phi @ psi).value()      # 1: no leg is left open, so it is a number

Layers, each importing only the ones before it: the model (``legs``, ``nodes``,
``network``, ``diagram``, ``build``), then ``contraction`` (opt_einsum).
"""

from __future__ import annotations

from .build import bra, einsum, ket, op, scalar, tensor
from .contraction import ContractionPath, clear_path_cache
from .diagram import Diagram, connect, kron, trace
from .errors import DiagramError
from .legs import Leg

__version__ = "0.1.0"

__all__ = [
    "ContractionPath",
    "Diagram",
    "DiagramError",
    "Leg",
    "bra",
    "clear_path_cache",
    "connect",
    "einsum",
    "ket",
    "kron",
    "op",
    "scalar",
    "tensor",
    "trace",
]
