"""The trace of a product of three operators is a loop: the last box's right leg joins the first box's
left leg, and tr(ABC) = tr(CAB) is visible in the picture.
"""

import numpy as np

import penrose as pn

TITLE = "Beyond · A trace is a loop"
SECTION = 5
RNG = np.random.default_rng(3)
MATRICES = [np.round(RNG.normal(size=(2, 2)), 1) for _ in range(3)]
A, B, C = (pn.op(m, name=n) for m, n in zip(MATRICES, "ABC"))


def figures():
    return [pn.trace(A @ B @ C).draw(), pn.equation(pn.trace(A @ B @ C), pn.trace(C @ A @ B)).draw(check=True)]


def value():
    return pn.trace(A @ B @ C).value()


def reference():
    return np.trace(MATRICES[0] @ MATRICES[1] @ MATRICES[2])
