"""Watching a contraction: the norm of a 3-site MPS contracted pair by pair along the path penrose
chose, each step with the two tensors it merges, the shape of the tensor they make and its FLOPs
(``d.steps().draw(column=True)``). Every intermediate network has the same value as the first.
"""

import numpy as np

import penrose as pn

TITLE = "Beyond · An MPS norm, contracted step by step"
SECTION = 5
TENSORS = pn.networks.random_mps_tensors(3, 2, seed=3)
NORM = pn.networks.mps_norm(TENSORS)


def figures():
    return [NORM.steps().draw(column=True)]


def value():
    return [step.diagram.value() for step in NORM.steps()]


def reference():
    environment = TENSORS[0].T @ TENSORS[0].conj()
    for tensor in TENSORS[1:-1]:
        environment = np.einsum("ab,apc,bpd->cd", environment, tensor, tensor.conj())
    norm = np.einsum("ab,ap,bp->", environment, TENSORS[-1], TENSORS[-1].conj())
    return [norm] * len(NORM.steps())
