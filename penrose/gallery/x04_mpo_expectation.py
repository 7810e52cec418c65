"""An MPO sandwiched between an MPS and its conjugate: three rows, the operator's legs joining the
physical legs above and below. This is ⟨ψ|W|ψ⟩ for the transverse-field Ising MPO W on 4 sites.
"""

import numpy as np

import penrose as pn

TITLE = "Beyond · An MPO expectation value"
SECTION = 5
SITES = 4
RNG = np.random.default_rng(4)
SHAPES = [(2, 2)] + [(2, 2, 2)] * (SITES - 2) + [(2, 2)]
STATE = [RNG.normal(size=shape) for shape in SHAPES]
X, Z, I = np.array([[0, 1], [1, 0]]), np.diag([1, -1]), np.eye(2)
W = np.zeros((3, 3, 2, 2))  # bond left, bond right, physical up, physical down: H = -Σ ZZ - Σ X
W[0, 0], W[2, 2], W[0, 1], W[1, 2], W[0, 2] = I, I, -Z, Z, -X


def sandwich():
    ket_legs = (
        [[("p", "S"), ("r", "E")]] + [[("l", "W"), ("p", "S"), ("r", "E")]] * (SITES - 2) + [[("l", "W"), ("p", "S")]]
    )
    kets = pn.tensor(STATE[0], legs=ket_legs[0], name="A_1")
    for k in range(1, SITES):
        kets = kets @ pn.tensor(STATE[k], legs=ket_legs[k], name=f"A_{k + 1}")
    ends = [W[0], *[W] * (SITES - 2), W[:, 2]]
    op_legs = (
        [[("r", "E"), ("u", "N"), ("d", "S")]]
        + [[("l", "W"), ("r", "E"), ("u", "N"), ("d", "S")]] * (SITES - 2)
        + [[("l", "W"), ("u", "N"), ("d", "S")]]
    )
    mpo = pn.tensor(ends[0], legs=op_legs[0], name="W_1")
    for k in range(1, SITES):
        mpo = mpo @ pn.tensor(ends[k], legs=op_legs[k], name=f"W_{k + 1}")
    upper = pn.connect(kets, list(range(SITES)), mpo, list(range(SITES)))
    return pn.connect(upper, list(range(SITES)), kets.conj(), list(range(SITES)))


def figures():
    return [sandwich().draw()]


def value():
    return sandwich().value()


def reference():
    state = STATE[0]
    for tensor in STATE[1:]:
        state = np.tensordot(state, tensor, axes=([-1], [0]))
    psi = state.reshape(-1)

    def site(ops):
        out = np.array([[1.0]])
        for o in ops:
            out = np.kron(out, o)
        return out

    H = sum(-site([Z if k in (i, i + 1) else I for k in range(SITES)]) for i in range(SITES - 1))
    H = H + sum(-site([X if k == i else I for k in range(SITES)]) for i in range(SITES))
    return psi @ H @ psi
