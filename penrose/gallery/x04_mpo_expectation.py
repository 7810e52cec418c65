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
    return pn.networks.mpo_expectation(STATE, [W[0], *[W] * (SITES - 2), W[:, 2]])


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
