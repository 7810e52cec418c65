"""diag(1, −1) has the pairs (1, (1,0)) and (−1, (0,1)); [[0,1],[1,0]] has (1, (1,1)/√2) and (−1,
(1,−1)/√2). The deck prints the second eigenvalue as 1: a slip, it is −1.
"""

import numpy as np

import penrose as pn

TITLE = "S9 · Eigenpairs of two matrices"
SECTION = 2
Z = pn.op([[1, 0], [0, -1]], name="Z")
X = pn.op([[0, 1], [1, 0]], name="X")


def figures():
    drawn = []
    for matrix in (Z, X):
        for space in pn.eig(matrix):
            state = space.basis[0]
            drawn.append(pn.equation(matrix @ state, space.value * state).draw(check=True))
    return drawn


def value():
    return [[space.value for space in pn.eig(Z)], [space.value for space in pn.eig(X)]]


def reference():
    return [np.linalg.eigvalsh(np.diag([1, -1])), np.linalg.eigvalsh([[0, 1], [1, 0]])]
