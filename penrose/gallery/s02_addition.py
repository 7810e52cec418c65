"""Kets of the same dimension add entry by entry: |1,2,4,3⟩ + |5,3,1,4⟩ = |6,5,5,7⟩. A bra and a ket,
or kets of different dimensions, cannot be added: penrose refuses with a message that says why.
"""

import numpy as np

import penrose as pn

TITLE = "S2 · Adding states"
SECTION = 1
TOTAL = pn.ket([1, 2, 4, 3]) + pn.ket([5, 3, 1, 4])


def figures():
    return [TOTAL.draw()]


def value():
    return TOTAL.value()


def reference():
    return np.add([1, 2, 4, 3], [5, 3, 1, 4])
