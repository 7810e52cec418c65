"""Checking by hand: [[0,1],[1,0]] leaves (1,1) as it is and turns (1,−1) into −(1,−1), so their
eigenvalues are 1 and −1.
"""

import numpy as np

import penrose as pn

TITLE = "S10 · The hand check"
SECTION = 2
X = pn.op([[0, 1], [1, 0]], name="X")
PLUS, MINUS = pn.ket([1, 1]), pn.ket([1, -1])


def figures():
    return [
        pn.equation(X @ PLUS, PLUS).draw(check=True, work=True),
        pn.equation(X @ MINUS, -MINUS).draw(check=True, work=True),
    ]


def value():
    return [(X @ PLUS).value(), (X @ MINUS).value()]


def reference():
    matrix = np.array([[0, 1], [1, 0]])
    return [matrix @ [1, 1], matrix @ [1, -1]]
