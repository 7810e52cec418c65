"""A circuit written as one einsum, or built in quimb with whole gates, is drawn as a circuit: gates read by their
axes (outputs first, then inputs, as a matrix's rows then columns), one straight wire per qubit in the kets' order."""

from __future__ import annotations

import numpy as np
import pytest
from svgcheck import defects, honesty, parse

import penrose as pn

HADAMARD = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
CNOT = np.eye(4)[[0, 1, 3, 2]].reshape(2, 2, 2, 2)
ZERO = np.array([1.0, 0.0])
rng = np.random.default_rng(5)
U = np.linalg.qr(rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4)))[0].reshape(2, 2, 2, 2)


def _ghz_state() -> np.ndarray:
    state = np.kron(HADAMARD, np.eye(4)) @ np.eye(8)[0]
    state = np.kron(CNOT.reshape(4, 4), np.eye(2)) @ state
    return np.kron(np.eye(2), CNOT.reshape(4, 4)) @ state


def _checked(diagram: pn.Diagram, wires: int) -> str:
    svg = diagram.draw(value=False).to_svg()
    picture = parse(svg)
    assert 'data-layout="circuit"' in svg and defects(picture) == {}
    counted = honesty(picture)
    assert counted["crossings"] == 0 and counted["bends"] == 0, counted
    opened = [leg for leg in picture.legs if leg.role == "open"]
    assert all(len({round(y, 3) for _, y in leg.points}) == 1 for leg in opened)  # each wire out straight, level
    assert len({round(leg.points[0][1], 3) for leg in opened}) == len(opened) <= wires  # one row per wire
    return svg


def test_a_ghz_circuit_written_as_one_einsum_is_a_circuit_with_its_controls():
    diagram = pn.einsum("a,b,c,Aa,BDAb,EFDc->BEF", ZERO, ZERO, ZERO, HADAMARD, CNOT, CNOT)
    np.testing.assert_allclose(np.asarray(diagram.value()).reshape(-1), _ghz_state(), atol=1e-12)
    svg = _checked(diagram, 3)
    assert svg.count('data-kind="control" fill="#1a1a1a"') == 2 and svg.count('class="mark"') == 4  # dots, ⊕s
    amplitude = pn.einsum("a,b,c,Aa,BDAb,EFDc,B,E,F->", ZERO, ZERO, ZERO, HADAMARD, CNOT, CNOT, ZERO, ZERO, ZERO)
    assert np.isclose(amplitude.value(), 1 / np.sqrt(2))
    _checked(amplitude, 3)  # closed by bras: still a circuit


def test_a_general_two_qubit_gate_spans_its_wires_and_an_mps_is_no_circuit():
    diagram = pn.einsum("a,b,ABab->AB", ZERO, ZERO, U)
    np.testing.assert_allclose(diagram.value(), U[:, :, 0, 0], atol=1e-12)
    _checked(diagram, 2)
    mps = pn.einsum("ab,bcd,de->ace", *[rng.normal(size=s) for s in ((2, 3), (3, 2, 3), (3, 2))])
    assert 'data-layout="circuit"' not in mps.draw(value=False).to_svg()  # three-leg boxes: not gates


def test_a_quimb_circuit_with_whole_gates_is_drawn_as_a_circuit():
    qtn = pytest.importorskip("quimb.tensor")
    circuit = qtn.Circuit(3, gate_opts={"contract": False})
    circuit.apply_gate("H", 0)
    circuit.apply_gate("CNOT", 0, 1)
    circuit.apply_gate("CNOT", 1, 2)
    circuit.apply_gate("RZ", 0.3, 2)
    diagram = pn.from_quimb(circuit.psi)
    np.testing.assert_allclose(np.asarray(diagram.value()).reshape(-1), circuit.psi.to_dense().reshape(-1), atol=1e-12)
    _checked(diagram, 3)


def split_circuit():
    """quimb's default: each CNOT an SVD's two halves (output, input, bond; bond, output, input), joined by a bond."""
    qtn = pytest.importorskip("quimb.tensor")
    circuit = qtn.Circuit(3)
    circuit.apply_gate("H", 0)
    circuit.apply_gate("CNOT", 0, 1)
    circuit.apply_gate("CNOT", 1, 2)
    circuit.apply_gate("RZ", 0.3, 2)
    return circuit


def test_a_quimb_circuit_with_its_two_qubit_gates_split_in_two_is_drawn_as_a_circuit():
    circuit = split_circuit()
    assert any(len(tensor.inds) == 3 for tensor in circuit.psi.tensors)  # (split, as quimb does by default)
    diagram = pn.from_quimb(circuit.psi)
    np.testing.assert_allclose(np.asarray(diagram.value()).reshape(-1), circuit.psi.to_dense().reshape(-1), atol=1e-12)
    svg = _checked(diagram, 3)
    picture = parse(svg)
    links = [leg for leg in picture.legs if leg.role == "bond" and leg.start[2] in "NS"]
    assert len(links) == 2 and all(len({round(x, 3) for x, _ in leg.points}) == 1 for leg in links)  # straight down
