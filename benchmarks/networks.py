"""The networks the benchmarks time, each built fresh as a penrose diagram on demand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import opt_einsum

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


def mps_tensors(n: int, bond: int, physical: int = 2, seed: int = 0) -> list[np.ndarray]:
    """Random open-boundary MPS tensors: (p, r), then (l, p, r), then (l, p)."""
    rng = np.random.default_rng(seed)
    shapes = [(physical, bond)] + [(bond, physical, bond)] * (n - 2) + [(bond, physical)]
    return [rng.normal(size=shape) / np.sqrt(bond) for shape in shapes]


def mps_row(tensors: list[np.ndarray]) -> pn.Diagram:
    """The kets of an MPS in one row: bonds W–E, physical legs pointing down (S)."""
    n = len(tensors)
    legs = [[("p", "S"), ("r", "E")]] + [[("l", "W"), ("p", "S"), ("r", "E")]] * (n - 2) + [[("l", "W"), ("p", "S")]]
    row = pn.tensor(tensors[0], legs=legs[0], name="A1")
    for k in range(1, n):
        row = row @ pn.tensor(tensors[k], legs=legs[k], name=f"A{k + 1}")
    return row


def mps_norm_case(n: int, bond: int, seed: int = 0) -> Case:
    """⟨ψ|ψ⟩ of a random MPS, as a user builds it: a row of kets, its mirror, rungs joined."""
    tensors = mps_tensors(n, bond, seed=seed)

    def build() -> pn.Diagram:
        kets = mps_row(tensors)
        return pn.connect(kets, list(range(n)), kets.dag, list(range(n)))

    return Case(f"MPS norm N={n} D={bond}", build)


def grid_case(size: int, bond: int, seed: int = 0) -> Case:
    """A closed ``size × size`` square grid of random tensors, built with ``pn.einsum``."""
    rng = np.random.default_rng(seed)
    symbol: dict[tuple, str] = {}

    def edge(a: tuple[int, int], b: tuple[int, int]) -> str:
        key = (min(a, b), max(a, b))
        if key not in symbol:
            symbol[key] = opt_einsum.get_symbol(len(symbol))
        return symbol[key]

    subscripts, arrays = [], []
    for i in range(size):
        for j in range(size):
            neighbours = ((i, j - 1), (i, j + 1), (i - 1, j), (i + 1, j))
            legs = [edge((i, j), (x, y)) for x, y in neighbours if 0 <= x < size and 0 <= y < size]
            subscripts.append("".join(legs))
            arrays.append(rng.normal(size=(bond,) * len(legs)) / np.sqrt(bond))
    equation = ",".join(subscripts) + "->"
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
    sites = max(2, n // 2)
    kets = mps_row(mps_tensors(sites, 2))
    return pn.connect(kets, list(range(sites)), kets.conj(), list(range(sites)))


def square_grid(n: int) -> pn.Diagram:
    """A closed square grid of about ``n`` boxes, each leg on the side facing its neighbour."""
    size = max(2, round(n**0.5))
    rng = np.random.default_rng(0)
    sites = []
    for i in range(size):
        for j in range(size):
            present = (("w", "W", j > 0), ("e", "E", j < size - 1), ("n", "N", i > 0), ("s", "S", i < size - 1))
            legs = [(name, side) for name, side, ok in present if ok]
            sites.append(pn.tensor(rng.normal(size=(2,) * len(legs)), legs=legs, name=f"T{i}_{j}"))
    network = pn.kron(*sites)
    where = {(leg.node, leg.name): k for k, leg in enumerate(network.legs)}
    pairs = []
    for i in range(size):
        for j in range(size):
            k = size * i + j
            if j < size - 1:
                pairs.append((where[(k, "e")], where[(k + 1, "w")]))
            if i < size - 1:
                pairs.append((where[(k, "s")], where[(k + size, "n")]))
    legs = network.legs
    for a, b in pairs:  # Leg objects stay valid as other legs get joined
        network = network.join(legs[a], legs[b])
    return network


def random_regular_case(tensors: int, bond: int = 2, seed: int = 0) -> Case:
    """A closed network on a random 3-regular graph: hard to order, so path finding matters."""
    import networkx as nx

    graph = nx.random_regular_graph(3, tensors, seed=seed)
    rng = np.random.default_rng(seed)
    symbol = {frozenset(edge): opt_einsum.get_symbol(k) for k, edge in enumerate(graph.edges())}
    subscripts = ["".join(symbol[frozenset((node, other))] for other in sorted(graph[node])) for node in graph]
    arrays = [rng.normal(size=(bond,) * 3) / np.sqrt(bond) for _ in graph]
    equation = ",".join(subscripts) + "->"
    return Case(f"3-regular n={tensors} D={bond}", lambda: pn.einsum(equation, *arrays))


def mpo_expectation_case(n: int, bond: int, mpo_bond: int, seed: int = 0) -> Case:
    """⟨ψ|W|ψ⟩ for a random MPS (bond ``bond``) and a random MPO (bond ``mpo_bond``): three rows."""
    rng = np.random.default_rng(seed)
    kets = mps_tensors(n, bond, seed=seed)
    shapes = [(mpo_bond, 2, 2)] + [(mpo_bond, mpo_bond, 2, 2)] * (n - 2) + [(mpo_bond, 2, 2)]
    mpo = [rng.normal(size=shape) / mpo_bond for shape in shapes]

    def build() -> pn.Diagram:
        row = mps_row(kets)
        legs = [[("r", "E"), ("u", "N"), ("d", "S")]] + [[("l", "W"), ("r", "E"), ("u", "N"), ("d", "S")]] * (n - 2)
        legs += [[("l", "W"), ("u", "N"), ("d", "S")]]
        operator = pn.tensor(mpo[0], legs=legs[0], name="W1")
        for k in range(1, n):
            operator = operator @ pn.tensor(mpo[k], legs=legs[k], name=f"W{k + 1}")
        upper = pn.connect(row, list(range(n)), operator, list(range(n)))
        return pn.connect(upper, list(range(n)), row.conj(), list(range(n)))

    return Case(f"MPO N={n} D={bond} w={mpo_bond}", build)
