"""Two operators joined in a row are their matrix product, (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ: composing two rotate-
and-stretch maps. The equation checks —[A]—[B]— = —[AB]—.
"""

import numpy as np

import penrose as pn

TITLE = "S7 · The matrix product"
SECTION = 1
A = pn.op([[1, 2], [3, 4]], name="A")
B = pn.op([[0, 1], [1, 0]], name="B")
AB = pn.op(np.array([[1, 2], [3, 4]]) @ np.array([[0, 1], [1, 0]]), name="AB")


def figures():
    return [(A @ B).draw(work=True), pn.equation(A @ B, AB).draw(check=True)]


def value():
    return (A @ B).value()


def reference():
    return np.array([[1, 2], [3, 4]]) @ np.array([[0, 1], [1, 0]])
