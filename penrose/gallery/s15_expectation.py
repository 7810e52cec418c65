"""The expectation ⟨ψ|Ô|ψ⟩ is Σ value × probability. With eigenvalues {1, 5, 7} and |ψ⟩ = c₁|1⟩ + c₅|5⟩
(c₁ = 0.6, c₅ = 0.8), only 1 or 5 can be measured and ⟨Ô⟩ = 1·0.36 + 5·0.64 = 3.56.
"""

import numpy as np

import penrose as pn

TITLE = "S15 · The expectation value"
SECTION = 3
O = pn.op(np.diag([1.0, 5.0, 7.0]), name="O")
PSI = pn.ket([0.6, 0.8, 0.0], name="ψ")


def figures():
    return [(PSI.dag @ O @ PSI).draw(work=True)]


def value():
    return [pn.expectation(PSI, O), sum(v * pn.probability(PSI, O, v) for v in (1, 5, 7))]


def reference():
    psi = np.array([0.6, 0.8, 0.0])
    expectation = psi @ np.diag([1.0, 5.0, 7.0]) @ psi
    return [expectation, expectation]
