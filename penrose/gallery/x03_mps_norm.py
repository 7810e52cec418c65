"""A matrix product state of 8 sites: kets in one row (bonds left to right, physical legs down), its
conjugate mirrored below, rungs joining the physical legs. The ladder contracts to ⟨ψ|ψ⟩.
"""

import numpy as np

import penrose as pn

TITLE = "Beyond · An MPS of 8 sites and its norm"
SECTION = 5
SITES, BOND = 8, 3
RNG = np.random.default_rng(8)
SHAPES = [(2, BOND)] + [(BOND, 2, BOND)] * (SITES - 2) + [(BOND, 2)]
TENSORS = [RNG.normal(size=shape) / np.sqrt(BOND) for shape in SHAPES]
LEGS = [[("p", "S"), ("r", "E")]] + [[("l", "W"), ("p", "S"), ("r", "E")]] * (SITES - 2) + [[("l", "W"), ("p", "S")]]


def mps():
    row = pn.tensor(TENSORS[0], legs=LEGS[0], name="A_1")
    for k in range(1, SITES):
        row = row @ pn.tensor(TENSORS[k], legs=LEGS[k], name=f"A_{k + 1}")
    return row


def norm():
    kets = mps()
    return pn.connect(kets, list(range(SITES)), kets.conj(), list(range(SITES)))


def figures():
    return [mps().draw(value=False), norm().draw()]


def value():
    return norm().value()


def reference():
    state = TENSORS[0]
    for tensor in TENSORS[1:]:
        state = np.tensordot(state, tensor, axes=([-1], [0]))
    state = state.reshape(-1)
    return state @ state
