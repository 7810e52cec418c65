"""Networks of the field drawn in the field's shapes however they were built (issue 23): circuits on input states."""

from __future__ import annotations

import numpy as np
import pytest
from svgcheck import check_structure, defects, honesty, parse

import penrose as pn
from penrose.draw.layouts import drawn_network

H = pn.op(np.array([[1, 1], [1, -1]]) / np.sqrt(2), name="H")
CNOT = pn.networks.gate(np.eye(4)[[0, 1, 3, 2]], "CNOT", 2)
CZ = pn.networks.gate(np.diag([1, 1, 1, -1]), "CZ", 2)


def kets(*labels: str) -> pn.Diagram:
    vectors = {"0": [1, 0], "1": [0, 1], "+": [1, 1]}
    return pn.kron(*[pn.ket(vectors[label], name=label) for label in labels])


def rotation(angle: float) -> pn.Diagram:
    c, s = np.cos(angle / 2), np.sin(angle / 2)
    return pn.op(np.array([[c, -s], [s, c]]), name="R")


def hardware_efficient(qubits: int = 4) -> pn.Diagram:
    layer = pn.kron(*[rotation(0.3 * (k + 1)) for k in range(qubits)])
    ladder = pn.site_operator({(0, 1): CNOT}, qubits)
    for k in range(1, qubits - 1):
        ladder = pn.site_operator({(k, k + 1): CNOT}, qubits) @ ladder
    return ladder @ layer @ kets(*"0" * qubits)


def trotter_step(qubits: int = 4) -> pn.Diagram:
    heisenberg = np.kron(np.array([[0, 1], [1, 0]]), np.array([[0, 1], [1, 0]])) + np.diag([1, -1, -1, 1])
    values, vectors = np.linalg.eigh(heisenberg)
    gate = pn.networks.gate(vectors @ np.diag(np.exp(-0.1j * values)) @ vectors.conj().T, "U", 2)
    even = pn.site_operator({(k, k + 1): gate for k in range(0, qubits - 1, 2)}, qubits)
    odd = pn.site_operator({(k, k + 1): gate for k in range(1, qubits - 1, 2)}, qubits)
    return odd @ even @ kets(*"01" * (qubits // 2))


CIRCUITS = {
    "Bell pair from |00⟩": lambda: CNOT @ (H & pn.op(np.eye(2), name="I")) @ kets("0", "0"),
    "GHZ on 3 qubits from |000⟩": lambda: (
        pn.site_operator({(0, 2): CNOT}, 3)
        @ pn.site_operator({(0, 1): CNOT}, 3)
        @ pn.site_operator({0: H}, 3)
        @ kets("0", "0", "0")
    ),
    "CZ between qubits 0 and 2": lambda: pn.site_operator({(0, 2): CZ}, 3) @ kets("+", "+", "+"),
    "hardware-efficient ansatz": hardware_efficient,
    "Trotter step on a product state": trotter_step,
    "measured: ⟨000|C|000⟩": lambda: (
        pn.kron(*[pn.bra([1, 0], name="0")] * 3)
        @ pn.site_operator({(0, 1): CNOT}, 3)
        @ pn.site_operator({0: H}, 3)
        @ kets("0", "1", "+")
    ),
}


@pytest.mark.parametrize("name", list(CIRCUITS))
def test_circuits_on_input_states_are_drawn_as_circuits(name):
    diagram = CIRCUITS[name]()
    svg = diagram.draw(value=False, layout="builtin").to_svg()
    picture = parse(svg)
    check_structure(picture, diagram, "builtin")
    assert 'data-layout="circuit"' in svg, name
    assert defects(picture) == {} and honesty(picture)["crossings"] == 0 and honesty(picture)["bends"] == 0
    for leg in picture.legs:  # every wire straight and horizontal
        assert len({round(y, 3) for _, y in leg.points}) == 1, name
    nodes = drawn_network(diagram.network).nodes  # (the picture's boxes: identities on a wire are plain wire)
    states = [box for box in picture.boxes if nodes[box.node].kind == "ket"]
    assert len({round(box.left + box.right, 3) for box in states}) == 1  # the input kets in one column ...
    assert all(box.right >= max(b.left for b in picture.boxes) for box in states)  # ... the last one
    order = [nodes[box.node].name for box in sorted(states, key=lambda box: box.top)]
    assert order == [node.name for node in nodes if node.kind == "ket"]  # qubit order: the kets' (kron) order
    bras = [box for box in picture.boxes if nodes[box.node].kind == "bra"]
    assert all(box.left <= min(b.left for b in picture.boxes) + 1e-6 for box in bras)


def test_kets_and_bras_alone_are_not_circuits():
    for diagram in (pn.bra([1, 0]) @ pn.ket([0, 1]), pn.ket([1, 0]) @ pn.bra([0, 1]), kets("0", "1")):
        assert 'data-layout="circuit"' not in diagram.draw(value=False, layout="builtin").to_svg()


@pytest.mark.parametrize(
    ("diagram", "text"),
    [
        (lambda: CIRCUITS["GHZ on 3 qubits from |000⟩"](), "(|000⟩ + |111⟩)/√2"),
        (lambda: pn.copy(2, 4) @ pn.ket([1, 1]), "|000⟩ + |111⟩"),
        (lambda: pn.ket([1, 0, 0, -1], dims=[2, 2]).dag, "⟨00| − ⟨11|"),
        (lambda: pn.ket([0, 1, 2, 0], dims=[2, 2]), "|01⟩ + 2|10⟩"),
    ],
)
def test_a_small_many_leg_state_is_written_in_dirac_form(diagram, text):
    assert parse(diagram().draw().to_svg()).values == [text]


def test_one_leg_vectors_keep_their_column():
    assert parse((pn.op([[1, 2], [-1, 4]]) @ pn.ket([1, -2])).draw().to_svg()).values == ["−3", "−9"]


def _declared_tree(children: int) -> pn.Diagram:
    rng = np.random.default_rng(children)
    legs = [(chr(ord("a") + k), "S") for k in range(children)]
    tree = pn.tensor(rng.normal(size=(2,) * children), legs=legs, name="R")
    for k in range(children):
        child = pn.tensor(rng.normal(size=(2, 2)), legs=[("u", "N"), ("p", "S")], name=f"C{k}")
        tree = pn.connect(tree, f"R.{legs[k][0]}", child, "u")
    return tree


@pytest.mark.parametrize("children", [2, 3, 4])
def test_a_declared_tree_hangs_from_its_root(children):
    diagram = _declared_tree(children)
    svg = diagram.draw(value=False, layout="builtin").to_svg()
    picture = parse(svg)
    assert 'data-layout="tree"' in svg and defects(picture) == {}
    assert honesty(picture)["crossings"] == 0
    root = next(box for box in picture.boxes if box.node == 0)
    assert all(root.bottom < box.top for box in picture.boxes if box.node != 0)  # the root on top, children below
    tops = {round(box.top, 3) for box in picture.boxes if box.node != 0}
    assert len(tops) == 1  # the children in one row
