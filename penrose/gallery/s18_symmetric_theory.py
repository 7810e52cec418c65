"""A theory Ĥ is symmetric under Û when ĤÛ = ÛĤ: —[U]—[H]— = —[H]—[U]—. For Ĥ = diag(1,−1,−1,1) and Û
the anti-diagonal of ones both products are [[0,0,0,1],[0,0,−1,0],[0,−1,0,0],[1,0,0,0]].
"""

import numpy as np

import penrose as pn

TITLE = "S18 · A symmetric theory"
SECTION = 4
H = pn.op(np.diag([1, -1, -1, 1]), name="H")
U = pn.op(np.fliplr(np.eye(4, dtype=int)), name="U")


def figures():
    return [pn.equation(U @ H, H @ U).draw(check=True), (H @ U).draw()]


def value():
    return (H @ U).value()


def reference():
    h, u = np.diag([1, -1, -1, 1]), np.fliplr(np.eye(4, dtype=int))
    assert np.array_equal(h @ u, u @ h)
    return h @ u
