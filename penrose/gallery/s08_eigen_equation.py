"""The eigen equation Ĥ|φ⟩ = E|φ⟩: the same |φ⟩ on both sides and E a plain number. For H = [[2, 1],
[1, 2]], |φ⟩ = (1,1)/√2 has E = 3.
"""

import numpy as np

import penrose as pn

TITLE = "S8 · The eigen equation"
SECTION = 2
H = pn.op([[2, 1], [1, 2]], name="H")
PHI = pn.normalize(pn.ket([1, 1], name="φ"))


def figures():
    return [pn.equation(H @ PHI, 3 * PHI).draw(check=True)]


def value():
    return (PHI.dag @ H @ PHI).value()


def reference():
    return np.linalg.eigvalsh([[2, 1], [1, 2]])[-1]
