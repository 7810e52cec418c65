"""The ground state is the eigenvector of the lowest eigenvalue. [[0,1],[1,0]] has energies ±1; its
ground state is (1,−1)/√2 with E₀ = −1. At absolute zero the system sits in a ground state.
"""

import numpy as np

import penrose as pn

TITLE = "S19 · The ground state"
SECTION = 4
H = pn.op([[0, 1], [1, 0]], name="H")
GROUND = pn.ground_states(H)
E0 = pn.ket(GROUND.vectors[:, 0], name="E_0")


def figures():
    return [pn.equation(H @ E0, GROUND.value * E0).draw(check=True)]


def value():
    return [GROUND.value, GROUND.vectors[:, 0]]


def reference():
    values, vectors = np.linalg.eigh([[0, 1], [1, 0]])
    return [values[0], vectors[:, 0] * np.sign(vectors[0, 0])]
