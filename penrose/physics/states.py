"""Ready-made pieces: Pauli matrices, basis kets and operators acting on chosen sites."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace

import numpy as np

from ..core.constructors import ket, op
from ..core.diagram import Diagram, kron
from ..core.errors import DiagramError

__all__ = ["basis", "pauli", "site_operator"]

pauli = SimpleNamespace(
    I=op(np.eye(2, dtype=int), name="I"),
    X=op([[0, 1], [1, 0]], name="X"),
    Y=op(np.array([[0, -1j], [1j, 0]]), name="Y"),
    Z=op([[1, 0], [0, -1]], name="Z"),
)
"""The Pauli matrices and the 2×2 identity as operator diagrams: ``pn.pauli.X``, ``.Y``, ``.Z``, ``.I``."""


def basis(index: int, dim: int, *, name: str | None = None) -> Diagram:
    """The basis ket ``|index⟩`` of dimension ``dim`` (a 1 at ``index``, 0 elsewhere).

    >>> import penrose as pn
    >>> pn.basis(1, 3).value()
    array([0, 1, 0])
    """
    if not isinstance(dim, (int, np.integer)) or dim < 1:
        raise DiagramError(f"basis: dim must be a positive whole number, got {dim!r}")
    if not isinstance(index, (int, np.integer)) or not 0 <= index < dim:
        raise DiagramError(f"basis: index {index!r} is outside 0..{dim - 1} for dimension {dim}")
    vector = np.zeros(dim, dtype=int)
    vector[index] = 1
    return ket(vector, name=str(index) if name is None else name)


def site_operator(operators: Mapping[int, Diagram], sites: int) -> Diagram:
    """The tensor product over ``sites`` sites with ``operators[k]`` on site ``k`` and identities elsewhere.

    This is how many-spin operators are written: the Ising chain ``−Σ ZᵢZᵢ₊₁`` on 6 spins is
    ``-sum(pn.site_operator({i: Z, i + 1: Z}, 6) for i in range(5))``. The identity on an
    empty site has the dimension of the given operators.

    >>> import penrose as pn
    >>> pn.site_operator({0: pn.pauli.Z}, 2).value().diagonal().tolist()
    [1, 1, -1, -1]
    """
    if not operators:
        raise DiagramError("site_operator needs at least one operator, e.g. {0: pn.pauli.Z}")
    dims = set()
    for site, operator in operators.items():
        if not isinstance(site, (int, np.integer)) or not 0 <= site < sites:
            raise DiagramError(f"site_operator: site {site!r} is outside 0..{sites - 1} for {sites} sites")
        if not isinstance(operator, Diagram) or operator.kind != "operator":
            raise DiagramError(f"site_operator: the operator on site {site} must be an operator diagram")
        dims.add(operator.shape)
    if len(dims) != 1:
        raise DiagramError(
            f"site_operator: the operators have different shapes {sorted(dims)}; sites must share one dimension"
        )
    rows, columns = dims.pop()
    if rows != columns or rows is None:
        raise DiagramError("site_operator: site operators must be square, with known dimension")
    identity = pauli.I if rows == 2 else op(np.eye(rows, dtype=int), name="I")
    return kron(*[operators.get(site, identity) for site in range(sites)])
