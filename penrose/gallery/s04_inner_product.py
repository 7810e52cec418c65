"""Joining the bra's leg to the ket's sums the products of their entries: ⟨1,2,4,3|5,1,−3,2⟩ = 5 + 2 −
12 + 6 = 1. No leg is left open, so the picture is a number, not a state.
"""

import numpy as np

import penrose as pn

TITLE = "S4 · The inner product"
SECTION = 1
INNER = pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])


def figures():
    return [INNER.draw()]


def value():
    return INNER.value()


def reference():
    return np.dot([1, 2, 4, 3], [5, 1, -3, 2])
