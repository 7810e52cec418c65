"""A matrix sends the basis vectors to its columns: [[a, b], [c, d]] maps (1,0) to (a,c) and (0,1) to
(b,d), rotating and stretching arrows. Here a, b, c, d = 2, −1, 1, 3.
"""

import numpy as np

import penrose as pn

TITLE = "S6 · A matrix maps the basis"
SECTION = 1
M = pn.op([[2, -1], [1, 3]], name="M")


def figures():
    return [(M @ pn.basis(0, 2)).draw(work=True), (M @ pn.basis(1, 2)).draw(work=True)]


def value():
    return [(M @ pn.basis(0, 2)).value(), (M @ pn.basis(1, 2)).value()]


def reference():
    matrix = np.array([[2, -1], [1, 3]])
    return [matrix[:, 0], matrix[:, 1]]
