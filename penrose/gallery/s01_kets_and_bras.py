"""A ket |1,2,4,3⟩ is a column of numbers drawn as a box with its leg on the left; the bra ⟨1,2,4,3| is
the row, with its leg on the right.
"""

import numpy as np

import penrose as pn

TITLE = "S1 · Kets and bras"
SECTION = 1
KET, BRA = pn.ket([1, 2, 4, 3]), pn.bra([1, 2, 4, 3])


def figures():
    return [KET.draw(), BRA.draw()]


def value():
    return [KET.value(), BRA.value()]


def reference():
    column = np.array([[1], [2], [4], [3]])
    return [column[:, 0], column.T[0]]
