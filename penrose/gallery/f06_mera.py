"""A binary MERA on a ring of 8 spins, written as one einsum: disentanglers and isometries in layers, a top
tensor closing the last two sites. penrose recognises the layers and draws the physical legs along the
bottom and each layer above the one it coarse-grains; its orthogonal tensors make ⟨ψ|ψ⟩ = 1.
"""

import numpy as np

import penrose as pn

TITLE = "Field · A MERA in layers"
SECTION = 6
EQUATION, ARRAYS = pn.networks.random_mera(8, seed=24)
NAMES = ["u"] * 4 + ["w"] * 4 + ["u"] * 2 + ["w"] * 2 + ["top"]


def mera():
    return pn.einsum(EQUATION, *ARRAYS, names=NAMES)


def figures():
    return [mera().draw(value=False)]


def value():
    amplitudes = mera().value()
    return float(np.sum(amplitudes**2))  # ⟨ψ|ψ⟩


def reference():
    return float(np.sum(np.einsum(EQUATION, *ARRAYS) ** 2))
