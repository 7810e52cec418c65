"""A step of time evolution (TEBD) on an MPS: a brick wall of two-site gates under the row of site tensors,
each gate spanning its two sites. Built with the algebra: the MPS is a ket drawn top to bottom, a layer of
gates an operator, and ``odd @ even @ mps`` joins each layer's upper legs to the legs above it. The identities
that pad the odd layer at the ends are drawn as plain wire, and every physical leg runs on to the bottom line.
"""

import numpy as np

import penrose as pn

TITLE = "Field · TEBD: gates on an MPS"
SECTION = 6
SITES = 6
TENSORS = pn.networks.random_mps_tensors(SITES, 2, seed=3)
RNG = np.random.default_rng(5)
U = np.linalg.qr(RNG.normal(size=(4, 4)))[0]  # orthogonal two-site gates, rows out and columns in
V = np.linalg.qr(RNG.normal(size=(4, 4)))[0]


def gate(matrix, name):
    return pn.tensor(matrix.reshape(2, 2, 2, 2), legs=[("o1", "S"), ("o2", "S"), ("i1", "N"), ("i2", "N")], name=name)


def evolved():
    identity = pn.tensor(np.eye(2), legs=[("o", "S"), ("i", "N")], name="1")
    even = pn.kron(*[gate(U, "U") for _ in range(SITES // 2)])
    odd = pn.kron(identity, *[gate(V, "V") for _ in range(SITES // 2 - 1)], identity)
    return odd @ even @ pn.networks.mps(TENSORS)


def figures():
    return [evolved().draw()]


def value():
    state = evolved().value()
    return float(np.vdot(state, state))  # gates that are orthogonal keep the norm


def reference():
    state = TENSORS[0]
    for tensor in TENSORS[1:]:
        state = np.tensordot(state, tensor, axes=([-1], [0]))
    return float(np.vdot(state.reshape(-1), state.reshape(-1)))
