"""The networks the benchmarks time, each built fresh as a penrose diagram on demand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import penrose as pn


@dataclass
class Case:
    """A named network: ``build()`` makes a new penrose diagram of it (same numbers) each call."""

    name: str
    build: Callable[[], pn.Diagram]


def seminar_cases() -> list[Case]:
    """The walkthrough's small diagrams, where per-call overhead is everything."""
    H = np.array([[1, 2], [-1, 4]], dtype=float)
    psi = np.array([1.0, -2.0])
    return [
        Case("S4 <a|b>", lambda: pn.bra([1.0, 2, 4, 3]) @ pn.ket([5.0, 1, -3, 2])),
        Case("S5 H|psi>", lambda: pn.op(H, name="H") @ pn.ket(psi, name="ψ")),
        Case("S7 AB", lambda: pn.op(H, name="A") @ pn.op(H.T, name="B")),
        Case("S12 <psi|H|psi>", lambda: pn.bra(psi) @ pn.op(H) @ pn.ket(psi)),
    ]


def mps_norm_case(n: int, bond: int, seed: int = 0) -> Case:
    """⟨ψ|ψ⟩ of a random MPS, as a user builds it: a row of kets, its conjugate below, rungs joined."""
    tensors = pn.networks.random_mps_tensors(n, bond, seed=seed)
    return Case(f"MPS norm N={n} D={bond}", lambda: pn.networks.mps_norm(tensors))


def grid_case(size: int, bond: int, seed: int = 0) -> Case:
    """A closed ``size × size`` square grid of random tensors, built with ``pn.einsum``."""
    equation, arrays = pn.networks.random_grid(size, bond, seed)
    return Case(f"grid {size}x{size} D={bond}", lambda: pn.einsum(equation, *arrays))


def operator_chain(n: int) -> pn.Diagram:
    """⟨a| A₁ A₂ … |b⟩ with ``n`` boxes in all: one row."""
    rng = np.random.default_rng(0)
    chain = pn.bra(rng.normal(size=2), name="a")
    for k in range(n - 2):
        chain = chain @ pn.op(rng.normal(size=(2, 2)), name=f"A_{k + 1}")
    return chain @ pn.ket(rng.normal(size=2), name="b")


def mps_ladder(n: int) -> pn.Diagram:
    """An MPS norm with ``n`` boxes in all (``n // 2`` sites): two rows joined by rungs."""
    return pn.networks.mps_norm(pn.networks.random_mps_tensors(max(2, n // 2), 2))


def square_grid(n: int) -> pn.Diagram:
    """A closed square grid of about ``n`` boxes, each leg on the side facing its neighbour."""
    size = max(2, round(n**0.5))
    rng = np.random.default_rng(0)
    sites = [(i, j) for i in range(size) for j in range(size)]
    return pn.networks.grid({(i, j): rng.normal(size=(2,) * len(pn.networks.grid_sides(size, i, j))) for i, j in sites})


def random_graph(n: int) -> pn.Diagram:
    """A closed network on a random 3-regular graph of ``n`` tensors (``n`` rounded up to even), built with einsum."""
    equation, arrays = pn.networks.random_regular(n + n % 2, 2)
    return pn.einsum(equation, *arrays)


def random_regular_case(tensors: int, bond: int = 2, seed: int = 0) -> Case:
    """A closed network on a random 3-regular graph: hard to order, so path finding matters."""
    equation, arrays = pn.networks.random_regular(tensors, bond, seed)
    return Case(f"3-regular n={tensors} D={bond}", lambda: pn.einsum(equation, *arrays))


def mpo_expectation_case(n: int, bond: int, mpo_bond: int, seed: int = 0) -> Case:
    """⟨ψ|W|ψ⟩ for a random MPS (bond ``bond``) and a random MPO (bond ``mpo_bond``): three rows."""
    state = pn.networks.random_mps_tensors(n, bond, seed=seed)
    operator = pn.networks.random_mpo_tensors(n, mpo_bond, seed=seed + 1)
    return Case(f"MPO N={n} D={bond} w={mpo_bond}", lambda: pn.networks.mpo_expectation(state, operator))


def peps_norm_case(size: int, bond: int, physical: int = 2, seed: int = 0) -> Case:
    """⟨ψ|ψ⟩ of a random ``size × size`` PEPS (ket layer and its conjugate), built with ``pn.einsum``."""
    equation, arrays = pn.networks.random_peps_norm(size, bond, physical, seed)
    return Case(f"PEPS norm {size}x{size} D={bond}", lambda: pn.einsum(equation, *arrays))


def mps_norm_loop(n: int, bond: int, seed: int = 0) -> Callable[[], object]:
    """The MPS norm as a hand-written loop of two matrix products per site: the floor a chain can reach."""
    tensors = pn.networks.random_mps_tensors(n, bond, seed=seed)
    conjugates = [t.conj() for t in tensors]

    def run() -> object:
        environment = tensors[0].T @ conjugates[0]  # (r, r*)
        for tensor, conjugate in zip(tensors[1:-1], conjugates[1:-1]):
            left, physical, right = tensor.shape
            half = (environment.T @ tensor.reshape(left, physical * right)).reshape(left * physical, right)
            environment = half.T @ conjugate.reshape(left * physical, right)
        return np.einsum("ab,ap,bp->", environment, tensors[-1], conjugates[-1])

    return run
