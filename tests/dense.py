"""Dense references built by numpy alone, which the MPS and MPO tests compare penrose against."""

from __future__ import annotations

import numpy as np


def complex_mps(sites: int, bond: int, seed: int) -> list[np.ndarray]:
    """Random complex MPS tensors, open ends: A[p, r], A[l, p, r], …, A[l, p]."""
    rng = np.random.default_rng(seed)
    shapes = [(2, bond)] + [(bond, 2, bond)] * (sites - 2) + [(bond, 2)]
    return [rng.normal(size=s) + 1j * rng.normal(size=s) for s in shapes]


def dense_state(tensors: list[np.ndarray]) -> np.ndarray:
    """The MPS's dense state, contracted by numpy alone (first site slowest)."""
    state = tensors[0]
    for tensor in tensors[1:]:
        state = np.tensordot(state, tensor, axes=([-1], [0]))
    return state.reshape(-1)
