"""H = [[0,1,0],[1,0,0],[0,0,1]] has the eigenvalue 1 twice, with eigenvectors (1,1,0)/√2 and (0,0,1)
(and any combination of them), and −1 with (1,−1,0)/√2: the eigenvalue 1 is twofold degenerate.
"""

import numpy as np

import penrose as pn

TITLE = "S13 · Degeneracy"
SECTION = 2
MATRIX = [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
H = pn.op(MATRIX, name="H")


def figures():
    return [
        pn.equation(H @ state, space.value * state).draw(check=True) for space in pn.eig(H) for state in space.basis
    ]


def value():
    return [space.value for space in pn.eig(H) for _ in range(space.degeneracy)]


def reference():
    return np.linalg.eigvalsh(MATRIX)
