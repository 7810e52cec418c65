"""Ready-made pieces: Pauli matrices, basis kets and operators acting on chosen sites."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace

import numpy as np

from ..core.combine import kron
from ..core.constructors import ket, op
from ..core.diagram import Diagram
from ..core.errors import DiagramError
from ..core.network import Network

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


def site_operator(operators: Mapping[int | tuple[int, ...], Diagram], sites: int) -> Diagram:
    """The tensor product over ``sites`` sites with ``operators[k]`` on site ``k`` and identities elsewhere.

    This is how many-spin operators are written: the Ising chain ``−Σ ZᵢZᵢ₊₁`` on 6 spins is
    ``-sum(pn.site_operator({i: Z, i + 1: Z}, 6) for i in range(5))``. A key may be a tuple of
    sites for a k-site operator (k legs in, k out, one per site, in the tuple's order), on
    any sites, adjacent or not: ``{(0, 2): CNOT}`` puts a CNOT's control on site 0 and its
    target on site 2 (``pn.networks.gate(matrix, "CNOT", 2)`` makes one from a 4×4 matrix).
    The identity on an empty site has the dimension of the given operators.

    >>> import penrose as pn
    >>> pn.site_operator({0: pn.pauli.Z}, 2).value().diagonal().tolist()
    [1, 1, -1, -1]
    """
    if not operators:
        raise DiagramError("site_operator needs at least one operator, e.g. {0: pn.pauli.Z}")
    dims = set()
    placed: dict[int, tuple[Diagram, tuple[int, ...]]] = {}  # site -> (operator, all of its sites)
    for key, operator in operators.items():
        wires = key if isinstance(key, tuple) else (key,)
        if not isinstance(operator, Diagram) or operator.kind != "operator":
            raise DiagramError(f"site_operator: the operator on site(s) {key!r} must be an operator diagram")
        if len(operator.network.side("W")) != len(wires) or len(operator.network.side("E")) != len(wires):
            raise DiagramError(
                f"site_operator: the operator on sites {key!r} needs {len(wires)} legs in and {len(wires)} out, one "
                f"per site; it has {len(operator.network.side('W'))} and {len(operator.network.side('E'))} "
                "(make one with pn.networks.gate(matrix, name, wires))"
            )
        for site in wires:
            if not isinstance(site, (int, np.integer)) or not 0 <= site < sites:
                raise DiagramError(f"site_operator: site {site!r} is outside 0..{sites - 1} for {sites} sites")
            if site in placed:
                raise DiagramError(f"site_operator: site {site} has two operators; combine them with @ first")
        placed.update({site: (operator, tuple(int(w) for w in wires)) for site in wires})
        dims.update(leg.dim for leg in operator.legs)
    if len(dims) != 1 or None in dims:
        raise DiagramError(
            f"site_operator: the operators' legs have dimensions {sorted(d for d in dims if d)}; "
            "sites must share one known dimension"
        )
    dim = dims.pop()
    identity = pauli.I if dim == 2 else op(np.eye(dim, dtype=int), name="I")
    if all(not isinstance(key, tuple) or len(key) == 1 for key in operators):  # one site each: a plain product
        single = {key[0] if isinstance(key, tuple) else key: operator for key, operator in operators.items()}
        return kron(*[single.get(site, identity) for site in range(sites)])
    factors: list[Diagram] = []
    wires_of: list[int] = []  # the site of each open W (and E) leg of the product, in order
    for site in range(sites):  # each operator once, at its first site; identities on empty sites
        operator, wires = placed.get(site, (identity, (site,)))
        if min(wires) == site:
            factors.append(operator)
            wires_of.extend(wires)
    network = kron(*factors).network
    west, east = network.side("W"), network.side("E")
    order = sorted(range(sites), key=lambda k: wires_of[k])
    reordered = Network(
        network.nodes,
        network.bonds,
        (tuple(west[k] for k in order), tuple(east[k] for k in order), network.side("N"), network.side("S")),
    )
    return Diagram.from_network(reordered)
