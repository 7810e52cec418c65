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


def _controls(picture) -> list[tuple[str, float, float]]:
    """A picture's control marks: ("dot" or "target", centre x, centre y), left to right, top to bottom."""
    found = []
    for element in picture.root.iter():
        if element.get("class") == "box" and element.get("data-kind") == "control":
            x, y = float(element.get("cx")), float(element.get("cy"))
            found.append(("dot" if element.get("fill") == "#1a1a1a" else "target", round(x, 1), round(y, 1)))
    return sorted(found, key=lambda mark: (mark[1], mark[2]))


def _ket_rows(picture) -> list[float]:
    return sorted(round((box.top + box.bottom) / 2, 1) for box in picture.boxes if box.kind == "ket")


def test_a_split_quimb_cnot_is_drawn_as_its_control_dot_and_target_and_the_inputs_as_kets():
    circuit = split_circuit()
    picture = parse(_checked(pn.from_quimb(circuit.psi), 3))
    assert picture.labels.count("|0⟩") == 3  # (quimb names them by their site tags, I0, I1, I2)
    rows = _ket_rows(picture)
    # CNOT(1, 2) was applied last: read right to left, it is the left column; CNOT(0, 1) the next
    assert [(kind, y) for kind, _, y in _controls(picture)] == [
        ("dot", rows[1]),
        ("target", rows[2]),
        ("dot", rows[0]),
        ("target", rows[1]),
    ]


def test_split_gates_in_a_row_on_one_wire_are_paired_as_quimb_split_them():
    """Two split gates in a row: a left half's output feeds a right half's input on the same wire, which looks
    like the link between halves; the pairing that leaves no half out is the right one. A swap-like gate's halves
    each hold one qubit's output and the other's input (quimb splits it with a swap)."""
    qtn = pytest.importorskip("quimb.tensor")
    circuit = qtn.Circuit(4)
    circuit.apply_gate("H", 0)
    circuit.apply_gate("X", 3)
    circuit.apply_gate("CX", 2, 0)
    circuit.apply_gate("CZ", 1, 3)
    circuit.apply_gate("ISWAP", 0, 1)
    circuit.apply_gate("RZZ", 0.4, 3, 2)
    assert sum(len(tensor.inds) == 3 for tensor in circuit.psi.tensors) == 8
    diagram = pn.from_quimb(circuit.psi, output=["k0", "k1", "k2", "k3"])  # (quimb's outer order is k0 k1 k3 k2)
    np.testing.assert_allclose(np.asarray(diagram.value()).reshape(-1), circuit.psi.to_dense().reshape(-1), atol=1e-12)
    svg = diagram.draw(value=False).to_svg()
    picture = parse(svg)
    assert 'data-layout="circuit"' in svg and defects(picture) == {}
    assert honesty(picture)["bends"] == 0
    assert sorted(kind for kind, _, _ in _controls(picture)) == ["dot", "dot", "dot", "target"]  # CX, CZ
    assert picture.labels.count("ISWAP") == 2 and picture.labels.count("RZZ") == 2


def test_a_cnot_whose_second_leg_is_the_control_is_drawn_with_its_dot_there():
    reversed_cnot = np.eye(4)[[0, 3, 2, 1]].reshape(2, 2, 2, 2)  # control on the second qubit
    diagram = pn.einsum("a,b,ABab->AB", ZERO, ZERO, reversed_cnot)
    marks = _controls(parse(_checked(diagram, 2)))
    assert [kind for kind, _, _ in marks] == ["target", "dot"] and marks[0][2] < marks[1][2]  # output A's wire on top


def test_basis_bras_closing_a_quimb_circuit_are_drawn_as_bras_on_its_left():
    qtn = pytest.importorskip("quimb.tensor")
    circuit = split_circuit()  # (ends with RZ(0.3) on qubit 2: a complex amplitude)
    network = circuit.psi.copy()
    for qubit, bit in enumerate("111"):
        network &= qtn.Tensor(np.eye(2)[int(bit)], inds=[f"k{qubit}"], tags={"MEASURE"})
    diagram = pn.from_quimb(network)
    assert np.isclose(diagram.value(), circuit.amplitude("111"), atol=1e-12) and abs(diagram.value()) > 0.5
    picture = parse(_checked(diagram, 3))
    assert picture.labels.count("⟨1|") == 3 and picture.labels.count("|0⟩") == 3
    bras = [box for box in picture.boxes if box.kind == "bra"]
    kets = [box for box in picture.boxes if box.kind == "ket"]
    assert max(box.right for box in bras) < min(box.left for box in picture.boxes if box.kind not in ("bra",))
    assert min(box.left for box in kets) > max(box.right for box in picture.boxes if box.kind != "ket")


def test_an_mps_whose_bonds_have_its_legs_dimension_is_no_circuit():
    """Every bulk tensor (bond, leg, bond) of dimension 2 looks linked to both neighbours as a split gate's half
    is to its other half; its tensors bear different names, so no pairing is read into it."""
    rng = np.random.default_rng(2)
    tensors = [rng.normal(size=(2, 2)), *(rng.normal(size=(2, 2, 2)) for _ in range(4)), rng.normal(size=(2, 2))]
    mps = pn.einsum("pa,aqb,brc,csd,dte,eu->pqrstu", *tensors)
    svg = mps.draw(value=False).to_svg()
    assert 'data-layout="circuit"' not in svg and defects(parse(svg)) == {}
