"""A circuit that makes a GHZ state: a Hadamard on the first qubit, then CNOTs down the line. Each qubit
is one straight wire; a two-qubit gate is one box spanning its two wires. Applied to |000⟩ it gives
(|000⟩ + |111⟩)/√2.
"""

import numpy as np

import penrose as pn

TITLE = "Field · A circuit that makes a GHZ state"
SECTION = 6
CNOT = np.eye(4)[[0, 1, 3, 2]].reshape(2, 2, 2, 2)


def circuit():
    identity = pn.networks.gate(np.eye(2, dtype=int), "I")
    hadamard = pn.networks.gate(np.array([[1, 1], [1, -1]]) / np.sqrt(2), "H")
    cnot = pn.networks.gate(CNOT, "CNOT", 2)
    return (identity & cnot) @ (cnot & identity) @ (hadamard & identity & identity)


def figures():
    return [circuit().draw(value=False)]


def value():
    zero = pn.ket([1, 0])
    return (circuit() @ (zero & zero & zero)).value()


def reference():
    hadamard = np.kron(np.array([[1, 1], [1, -1]]) / np.sqrt(2), np.eye(4))
    first = np.kron(np.eye(4)[[0, 1, 3, 2]], np.eye(2))
    second = np.kron(np.eye(2), np.eye(4)[[0, 1, 3, 2]])
    return second @ first @ hadamard @ np.eye(8)[0]
