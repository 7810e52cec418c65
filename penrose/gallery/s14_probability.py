"""Measuring Ô in |ψ⟩ gives o₁ with probability |⟨o₁|ψ⟩|² / (⟨ψ|ψ⟩⟨o₁|o₁⟩), a ratio of closed diagrams.
Here Ô = diag(1, 5, 7), |ψ⟩ = (1, 2, 2) and o₁ = 5: the sums, written out under the picture, give
P = 4/9 exactly.
"""

import numpy as np

import penrose as pn

TITLE = "S14 · The probability of a measured value"
SECTION = 3
O = pn.op(np.diag([1, 5, 7]), name="O")
PSI = pn.ket([1, 2, 2], name="ψ")
FIVE = pn.basis(1, 3, name="5")
RATIO = pn.ratio((FIVE.dag @ PSI) & (PSI.dag @ FIVE), (PSI.dag @ PSI) & (FIVE.dag @ FIVE))


def figures():
    return [RATIO.draw(work=True)]


def value():
    return [RATIO.value(), pn.probability(PSI, O, 5), pn.probability(FIVE, O, 5), pn.probability(FIVE, O, 7)]


def reference():
    psi = np.array([1, 2, 2])
    return [psi[1] ** 2 / (psi @ psi), psi[1] ** 2 / (psi @ psi), 1.0, 0.0]
