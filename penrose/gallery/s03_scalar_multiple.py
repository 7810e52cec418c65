"""A number multiplies every entry: 3|1,2,4,3⟩ = |3,6,12,9⟩."""

import numpy as np

import penrose as pn

TITLE = "S3 · A multiple of a state"
SECTION = 1
TRIPLE = 3 * pn.ket([1, 2, 4, 3])


def figures():
    return [TRIPLE.draw()]


def value():
    return TRIPLE.value()


def reference():
    return 3 * np.array([1, 2, 4, 3])
