"""Spontaneous symmetry breaking: Ĥ = diag(1,−1,1,−1) commutes with Û, which swaps the halves, yet its
two ground states |↑⟩ = (0,1,0,0) and |↓⟩ = (0,0,0,1) are swapped by Û: the theory is symmetric, the
ground state is not. (|↑⟩ ± |↓⟩)/√2 are the invariant combinations.
"""

import numpy as np

import penrose as pn

TITLE = "S20 · Spontaneous symmetry breaking"
SECTION = 4
H = pn.op(np.diag([1, -1, 1, -1]), name="H")
U = pn.op([[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]], name="U")
UP, DOWN = pn.basis(1, 4, name="↑"), pn.basis(3, 4, name="↓")


def figures():
    return [pn.equation(H @ U, U @ H).draw(check=True), pn.equation(U @ UP, DOWN).draw(check=True)]


def value():
    report = pn.symmetry_breaking(H, U)
    return [report.symmetric, report.broken, report.ground.value, report.ground.degeneracy]


def reference():
    h = np.diag([1, -1, 1, -1])
    u = np.array([[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]])
    values = np.linalg.eigvalsh(h)
    return [
        bool(np.array_equal(h @ u, u @ h)),
        not np.array_equal(u @ [0, 1, 0, 0], [0, 1, 0, 0]),
        values[0],
        int(np.sum(np.isclose(values, values[0]))),
    ]
