"""A binary tree tensor network over 8 spins, written as one einsum: penrose recognises the tree and draws
its top on top, each tensor's children spread below it and the physical legs hanging down.
"""

import numpy as np

import penrose as pn

TITLE = "Field · A tree tensor network (TTN)"
SECTION = 6
RNG = np.random.default_rng(22)
EQUATION = "abi,cdj,efk,ghl,ijm,klm->abcdefgh"
ARRAYS = [RNG.normal(size=(2, 2, 2)) for _ in range(6)]


def ttn():
    return pn.einsum(EQUATION, *ARRAYS, names=["W₁", "W₂", "W₃", "W₄", "V₁", "V₂"])


def figures():
    state = ttn()
    return [state.draw(value=False)]


def value():
    amplitudes = ttn().value()
    return float(np.sum(np.abs(amplitudes) ** 2))  # ⟨ψ|ψ⟩


def reference():
    amplitudes = np.einsum(EQUATION, *ARRAYS)
    return float(np.sum(amplitudes**2))
