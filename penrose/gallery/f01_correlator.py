"""A two-point correlator ⟨ψ|Z₂Z₅|ψ⟩ on a 6-site MPS: kets on top, each Z under its site, the conjugate
kets below; the other rungs span both gaps. Built with pn.networks.correlator.
"""

import functools

import numpy as np

import penrose as pn

TITLE = "Field · A two-point correlator on an MPS"
SECTION = 6
TENSORS = pn.networks.random_mps_tensors(6, 3, seed=21)
Z = pn.op(np.diag([1, -1]), name="Z")


def correlator():
    return pn.networks.correlator(TENSORS, {1: Z, 4: Z})


def figures():
    return [correlator().draw()]


def value():
    """⟨ψ|Z₂Z₅|ψ⟩ as drawn, and divided by ⟨ψ|ψ⟩."""
    drawn = correlator().value()
    return [drawn, drawn / pn.networks.mps_norm(TENSORS).value()]


def reference():
    state = functools.reduce(lambda s, t: np.tensordot(s, t, axes=([-1], [0])), TENSORS).reshape(-1)
    ops = [np.eye(2)] * 6
    ops[1] = ops[4] = np.diag([1, -1])
    drawn = state @ functools.reduce(np.kron, ops) @ state
    return [drawn, drawn / (state @ state)]
