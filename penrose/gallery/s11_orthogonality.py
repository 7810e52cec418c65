"""Eigenvectors of a Hermitian matrix with different eigenvalues are orthogonal, because (o₁ −
o₂)⟨o₁|o₂⟩ = 0. For H = [[2,1],[1,2]] the eigenvectors of 1 and 3 have ⟨o₁|o₂⟩ = 0.
"""

import numpy as np

import penrose as pn

TITLE = "S11 · Different eigenvalues, orthogonal states"
SECTION = 2
LOW, HIGH = pn.eig([[2, 1], [1, 2]])
O1, O2 = LOW.basis[0], HIGH.basis[0]


def figures():
    return [(O1.dag @ O2).draw()]


def value():
    return (O1.dag @ O2).value()


def reference():
    _, vectors = np.linalg.eigh([[2, 1], [1, 2]])
    return vectors[:, 0] @ vectors[:, 1]
