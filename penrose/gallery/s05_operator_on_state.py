"""An operator has a leg on each side; joining its right leg to a ket gives a new ket, Ĥ|ψ⟩ = |Hψ⟩,
each entry a sum of products (written out under the picture by ``d.work()``).
"""

import numpy as np

import penrose as pn

TITLE = "S5 · A matrix acting on a state"
SECTION = 1
H = pn.op([[1, 2], [-1, 4]], name="H")
PSI = pn.ket([1, -2], name="ψ")


def figures():
    return [(H @ PSI).draw(work=True)]


def value():
    return (H @ PSI).value()


def reference():
    return np.array([[1, 2], [-1, 4]]) @ np.array([1, -2])
