"""The GHZ circuit applied to its input states and closed by a measurement: ⟨000|C|000⟩ and C|000⟩. The kets
stand in the last column (the notation reads right to left, as in Ĥ|ψ⟩), the bras in the first, one straight
wire per qubit in the kets' order; the state comes out in Dirac form, (|000⟩ + |111⟩)/√2.
"""

import numpy as np

import penrose as pn

TITLE = "Field · A circuit on its input states"
SECTION = 6
HADAMARD = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
CNOT = np.eye(4)[[0, 1, 3, 2]]


def circuit():
    cnot = pn.networks.gate(CNOT, "CNOT", 2)
    hadamard = pn.op(HADAMARD, name="H")
    return (
        pn.site_operator({(1, 2): cnot}, 3) @ pn.site_operator({(0, 1): cnot}, 3) @ pn.site_operator({0: hadamard}, 3)
    )


def zeros():
    return pn.kron(*[pn.ket([1, 0], name="0") for _ in range(3)])


def figures():
    return [(circuit() @ zeros()).draw(), (zeros().dag @ circuit() @ zeros()).draw()]


def value():
    return [(circuit() @ zeros()).value(), (zeros().dag @ circuit() @ zeros()).value()]


def reference():
    first = np.kron(CNOT, np.eye(2))
    second = np.kron(np.eye(2), CNOT)
    state = second @ first @ np.kron(HADAMARD, np.eye(4)) @ np.eye(8)[0]
    return [state, state[0]]
