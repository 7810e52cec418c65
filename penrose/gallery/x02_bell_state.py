"""Two spins: the Bell state (|↑↑⟩ + |↓↓⟩)/√2 is one box with two legs. Measuring Z⊗Z gives +1 with
certainty: the projector onto its +1 eigenspace keeps the whole state.
"""

import numpy as np

import penrose as pn

TITLE = "Beyond · A Bell state and Z⊗Z"
SECTION = 5
BELL = pn.tensor(np.array([[1, 0], [0, 1]]) / np.sqrt(2), legs=[("a", "W"), ("b", "W")], name="Bell")
ZZ = pn.kron(pn.pauli.Z, pn.pauli.Z)


def figures():
    return [BELL.draw(), (BELL.dag @ ZZ @ BELL).draw()]


def value():
    return [pn.probability(BELL, ZZ, 1), pn.expectation(BELL, ZZ)]


def reference():
    bell = np.array([1, 0, 0, 1]) / np.sqrt(2)
    zz = np.kron(np.diag([1, -1]), np.diag([1, -1]))
    plus = np.diag((np.diag(zz) == 1).astype(float))
    return [bell @ plus @ bell, bell @ zz @ bell]
