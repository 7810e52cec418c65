"""A matrix product state of 8 sites: kets in one row (bonds left to right, physical legs down), its
conjugate mirrored below, rungs joining the physical legs. The ladder contracts to ⟨ψ|ψ⟩.
"""

import numpy as np

import penrose as pn

TITLE = "Beyond · An MPS of 8 sites and its norm"
SECTION = 5
SITES, BOND = 8, 3
TENSORS = pn.networks.random_mps_tensors(SITES, BOND, seed=8)


def norm():
    return pn.networks.mps_norm(TENSORS)


def figures():
    return [pn.networks.mps(TENSORS).draw(value=False), norm().draw()]


def value():
    return norm().value()


def reference():
    state = TENSORS[0]
    for tensor in TENSORS[1:]:
        state = np.tensordot(state, tensor, axes=([-1], [0]))
    state = state.reshape(-1)
    return state @ state
