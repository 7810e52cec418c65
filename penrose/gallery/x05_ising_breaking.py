"""The Ising chain Ĥ = −Σ ZᵢZᵢ₊₁ of 4 spins is symmetric under the global flip Û = X⊗X⊗X⊗X, but its two
ground states, all up and all down (E₀ = −3), are swapped by it: the symmetry breaks spontaneously,
the mechanism of magnets.
"""

import numpy as np

import penrose as pn

TITLE = "Beyond · The Ising chain breaks the flip symmetry"
SECTION = 5
SPINS = 4
Z, X = pn.pauli.Z, pn.pauli.X
H = -sum(pn.site_operator({i: Z, i + 1: Z}, SPINS) for i in range(SPINS - 1))
FLIP = pn.kron(*[X] * SPINS)


def figures():
    return [pn.equation(FLIP @ H.terms[0][1], H.terms[0][1] @ FLIP).draw(check=True)]


def value():
    report = pn.symmetry_breaking(H, FLIP)
    return [report.ground.value, report.ground.degeneracy, report.symmetric, report.broken]


def reference():
    z, x, eye = np.diag([1, -1]), np.array([[0, 1], [1, 0]]), np.eye(2)

    def chain(ops):
        out = np.array([[1.0]])
        for o in ops:
            out = np.kron(out, o)
        return out

    h = -sum(chain([z if k in (i, i + 1) else eye for k in range(SPINS)]) for i in range(SPINS - 1))
    flip = chain([x] * SPINS)
    values = np.linalg.eigvalsh(h)
    return [values[0], int(np.sum(np.isclose(values, values[0]))), bool(np.allclose(h @ flip, flip @ h)), True]
