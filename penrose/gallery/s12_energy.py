"""The energy of a state is one closed diagram over another: ⟨ψ|Ĥ|ψ⟩ / ⟨ψ|ψ⟩. For an eigenstate it is
its eigenvalue E, however long the ket: here |ψ⟩ = (2, 2) and E = 3.
"""

import numpy as np

import penrose as pn

TITLE = "S12 · Energy as a ratio of diagrams"
SECTION = 2
H = pn.op([[2, 1], [1, 2]], name="H")
PSI = pn.ket([2, 2], name="ψ")
ENERGY = pn.ratio(PSI.dag @ H @ PSI, PSI.dag @ PSI)


def figures():
    return [ENERGY.draw(), (PSI.dag @ H @ PSI).draw(work=True)]


def value():
    return ENERGY.value()


def reference():
    psi = np.array([2, 2])
    return psi @ np.array([[2, 1], [1, 2]]) @ psi / (psi @ psi)
