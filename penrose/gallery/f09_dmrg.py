"""The DMRG energy ⟨Θ|H_eff|Θ⟩: the left environment L with three legs on its right, two MPO tensors W, the
right environment R, the two-site tensor Θ above and its conjugate below. Each box spans the tracks its legs
sit on, so L and R stand three rows tall and Θ spans two sites, as in the literature.
"""

import numpy as np

import penrose as pn

TITLE = "Field · The DMRG energy with its environments"
SECTION = 6
RNG = np.random.default_rng(1)
D, d, w = 3, 2, 4
ARRAYS = {
    "Θ": RNG.normal(size=(D, d, d, D)),
    "L": RNG.normal(size=(D, w, D)),
    "W1": RNG.normal(size=(w, w, d, d)),
    "W2": RNG.normal(size=(w, w, d, d)),
    "R": RNG.normal(size=(D, w, D)),
}


def energy():
    boxes = [
        pn.tensor(ARRAYS["Θ"], legs=[("l", "W"), ("s1", "S"), ("s2", "S"), ("r", "E")], name="Θ"),
        pn.tensor(ARRAYS["L"], legs=[("a", "E"), ("b", "E"), ("c", "E")], name="L"),
        pn.tensor(ARRAYS["W1"], legs=[("l", "W"), ("r", "E"), ("u", "N"), ("d", "S")], name="W"),
        pn.tensor(ARRAYS["W2"], legs=[("l", "W"), ("r", "E"), ("u", "N"), ("d", "S")], name="W"),
        pn.tensor(ARRAYS["R"], legs=[("a", "W"), ("b", "W"), ("c", "W")], name="R"),
        pn.tensor(ARRAYS["Θ"].conj(), legs=[("l", "W"), ("s1", "N"), ("s2", "N"), ("r", "E")], name="Θ*"),
    ]
    network = pn.kron(*boxes)
    lines = [
        ("L.a", "Θ.l"), ("L.b", 2, "l"), ("L.c", "Θ*.l"), ("Θ.s1", 2, "u"), ("Θ.s2", 3, "u"), (2, "r", 3, "l"),
        (2, "d", "Θ*.s1"), (3, "d", "Θ*.s2"), ("Θ.r", "R.a"), (3, "r", "R.b"), ("Θ*.r", "R.c"),
    ]  # fmt: skip
    return network.join([tuple(_leg(network, line)) for line in lines])


def _leg(network, line):
    """The two legs a line joins: ``"box.leg"`` names, or ``(box number, leg)`` for the two boxes named W."""
    items, found = list(line), []
    while items:
        if isinstance(items[0], int):
            box, name = items.pop(0), items.pop(0)
            found.append(next(leg for leg in network.legs if leg.node == box and leg.name == name))
        else:
            found.append(items.pop(0))
    return found


def figures():
    return [energy().draw()]


def value():
    return energy().value()


def reference():
    return np.einsum(
        "aijb,aAc,ABiy,BCjz,bCe,cyze->", ARRAYS["Θ"], ARRAYS["L"], ARRAYS["W1"], ARRAYS["W2"], ARRAYS["R"],
        ARRAYS["Θ"].conj(),
    )  # fmt: skip
