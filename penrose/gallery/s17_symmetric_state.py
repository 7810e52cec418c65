"""A state is symmetric under Û when Û|ψ⟩ ≡ |ψ⟩. With the arrows →, ↑, ←, ↓ as a basis and Û₁₈₀
swapping → with ← and ↑ with ↓, the state |↔⟩ = (|→⟩ + Û₁₈₀|→⟩)/√2 is unchanged by the rotation.
"""

import numpy as np

import penrose as pn

TITLE = "S17 · A symmetric state"
SECTION = 4
U = pn.op([[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]], name="U_{180}")
RIGHT = pn.basis(0, 4, name="→")
BOTH = pn.ket(pn.normalize(RIGHT + U @ RIGHT).value(), name="↔")


def figures():
    return [pn.equation(U @ BOTH, BOTH).draw(check=True)]


def value():
    return [(U @ BOTH).value(), pn.is_invariant(BOTH, U), pn.is_invariant(RIGHT, U)]


def reference():
    swap = np.array([[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]])
    both = np.array([1, 0, 1, 0]) / np.sqrt(2)
    return [swap @ both, True, False]
