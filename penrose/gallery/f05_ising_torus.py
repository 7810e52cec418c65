"""The classical Ising model on a 3×3 torus as a closed network: each spin's tensor is Σₛ Πₖ W_{s aₖ} with
W Wᵀ = [[e^β, e^-β], [e^-β, e^β]], one leg per neighbour. Its value is the partition function Z(β = 0.4),
equal to the sum over all 512 spin configurations. penrose recognises the torus: a square grid, each
wrap-around line on its own track round the outside.
"""

import itertools

import numpy as np

import penrose as pn

TITLE = "Field · The Ising partition function on a torus"
SECTION = 6
BETA, SIZE = 0.4, 3
# the Boltzmann weight of a bond, B = U diag(2 cosh β, 2 sinh β) Uᵀ, split as W Wᵀ
W = np.array([[1, 1], [1, -1]]) / np.sqrt(2) * np.sqrt([2 * np.cosh(BETA), 2 * np.sinh(BETA)])
SITE = np.einsum("sa,sb,sc,sd->abcd", W, W, W, W)


def torus():
    equation = pn.networks.lattice_equation(SIZE, SIZE, periodic=True)
    return pn.einsum(equation, *[SITE] * SIZE**2, names=[f"s{k + 1}" for k in range(SIZE**2)])


def figures():
    return [torus().draw()]


def value():
    return torus().value()


def reference():
    total = 0.0
    for spins in itertools.product([1, -1], repeat=SIZE**2):
        grid = np.array(spins).reshape(SIZE, SIZE)
        energy = np.sum(grid * np.roll(grid, 1, axis=0)) + np.sum(grid * np.roll(grid, 1, axis=1))
        total += np.exp(BETA * energy)
    return total
