"""A transformation keeps lengths: ⟨Uψ|Uψ⟩ = ⟨ψ|ψ⟩ (U is unitary). The 45° rotation U =
[[1,−1],[1,1]]/√2 turns |ψ⟩ = (3, 4) without changing its length 5.
"""

import numpy as np

import penrose as pn

TITLE = "S16 · Transformations keep lengths"
SECTION = 4
U = pn.op(np.array([[1, -1], [1, 1]]) / np.sqrt(2), name="U")
PSI = pn.ket([3, 4], name="ψ")


def figures():
    return [(U @ PSI).draw(work=True), pn.equation(PSI.dag @ U.dag @ U @ PSI, PSI.dag @ PSI).draw(check=True)]


def value():
    return [(PSI.dag @ U.dag @ U @ PSI).value(), pn.is_unitary(U)]


def reference():
    rotation = np.array([[1, -1], [1, 1]]) / np.sqrt(2)
    turned = rotation @ [3, 4]
    return [turned @ turned, bool(np.allclose(rotation.T @ rotation, np.eye(2)))]
