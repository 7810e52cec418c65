"""The norm ⟨ψ|ψ⟩ of a 3×3 PEPS: the ket layer, and behind it the bra layer, each site's two tensors joined
by its physical index. Written as one einsum (``pn.networks.random_peps_norm``); penrose finds the two square
layers and draws the bra layer one step down and to the right of the ket layer, as the field stacks them.
"""

import opt_einsum

import penrose as pn

TITLE = "Field · A double-layer PEPS norm"
SECTION = 6
EQUATION, ARRAYS = pn.networks.random_peps_norm(3, 2, seed=11)
NAMES = [f"A_{{{k + 1}}}" for k in range(9)] + [f"A_{{{k + 1}}}*" for k in range(9)]


def norm():
    return pn.einsum(EQUATION, *ARRAYS, names=NAMES)


def figures():
    return [norm().draw()]


def value():
    return float(norm().value())


def reference():
    return float(opt_einsum.contract(EQUATION, *ARRAYS, optimize="greedy"))
