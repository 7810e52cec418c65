"""A closed 3×3 grid of tensors, each leg on the side facing its neighbour: the picture is a square
grid and the value a single number, as in a PEPS norm or a 2D partition function.
"""

import numpy as np

import penrose as pn

TITLE = "Beyond · A closed 3×3 grid"
SECTION = 5
SIZE = 3
RNG = np.random.default_rng(9)


def legs(i, j):
    return pn.networks.grid_sides(SIZE, i, j)


ARRAYS = {(i, j): RNG.normal(size=(2,) * len(legs(i, j))) for i in range(SIZE) for j in range(SIZE)}


def grid():
    return pn.networks.grid(ARRAYS)


def figures():
    return [grid().draw()]


def value():
    return grid().value()


def reference():
    symbols = {}

    def edge(a, b):
        return symbols.setdefault((min(a, b), max(a, b)), chr(ord("a") + len(symbols)))

    subscripts = []
    for i in range(SIZE):
        for j in range(SIZE):
            names = [n for n, _ in legs(i, j)]
            neighbour = {"w": (i, j - 1), "e": (i, j + 1), "n": (i - 1, j), "s": (i + 1, j)}
            subscripts.append("".join(edge((i, j), neighbour[n]) for n in names))
    return np.einsum(",".join(subscripts) + "->", *[ARRAYS[i, j] for i in range(SIZE) for j in range(SIZE)])
