"""A 3×3 PEPS: one tensor per site with a physical leg, its bonds a square grid. Written as one einsum;
penrose recognises the lattice, draws each bond straight and each physical leg as a short diagonal stub
pointing out of the plane, as the field draws them.
"""

import numpy as np

import penrose as pn

TITLE = "Field · A PEPS with physical legs"
SECTION = 6
BONDS, ARRAYS = pn.networks.random_grid(3, 2, seed=23)  # bonds a…l
PHYSICAL = "mnopqrstu"
EQUATION = ",".join(term + PHYSICAL[k] for k, term in enumerate(BONDS[:-2].split(","))) + "->" + PHYSICAL
RNG = np.random.default_rng(23)
SITES = [RNG.normal(size=(*a.shape, 2)) / 2 for a in ARRAYS]


def peps():
    return pn.einsum(EQUATION, *SITES, names=[f"P{k + 1}" for k in range(9)])


def figures():
    return [peps().draw(value=False)]


def value():
    amplitudes = peps().value()
    return float(np.sum(amplitudes**2))  # ⟨ψ|ψ⟩


def reference():
    return float(np.sum(np.einsum(EQUATION, *SITES) ** 2))
