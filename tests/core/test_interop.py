"""quimb interop: from_quimb and to_quimb keep the numbers (quimb is optional: skipped without it)."""

from __future__ import annotations

import numpy as np
import pytest
from svgcheck import defects, honesty, parse

import penrose as pn

qtn = pytest.importorskip("quimb.tensor")


def test_a_quimb_mps_norm_is_drawn_and_evaluated():
    mps = qtn.MPS_rand_state(6, 4, seed=1)
    norm = mps.H & mps
    diagram = pn.from_quimb(norm)
    assert len(diagram.nodes) == 12 and diagram.kind == "scalar"
    np.testing.assert_allclose(diagram.value(), norm.contract(all), rtol=1e-12)
    assert 'data-layout="' in diagram.draw(value=False).to_svg()


def test_open_indices_follow_the_order_asked_and_hyperedges_meet_at_a_dot():
    rng = np.random.default_rng(0)
    a, b, c = (rng.normal(size=(2, 3)) for _ in range(3))
    network = qtn.TensorNetwork(
        [
            qtn.Tensor(a, inds=("x", "k"), tags={"A"}),
            qtn.Tensor(b, inds=("x", "k"), tags={"B"}),
            qtn.Tensor(c, inds=("x", "m"), tags={"C"}),
        ]
    )
    diagram = pn.from_quimb(network, output=["m", "x"])
    assert [node.kind for node in diagram.nodes].count("copy") == 1  # x is on three tensors and open
    np.testing.assert_allclose(diagram.value(), np.einsum("xk,xk,xm->mx", a, b, c), rtol=1e-12)
    with pytest.raises(pn.DiagramError, match="'z' is not an index"):
        pn.from_quimb(network, output=["z"])
    with pytest.raises(pn.DiagramError, match="TensorNetwork or Tensor"):
        pn.from_quimb([a, b])


def test_a_penrose_diagram_handed_to_quimb_gives_the_same_number():
    tensors = pn.networks.random_mps_tensors(5, 3, seed=2)
    diagram = pn.networks.mps_norm(tensors)
    np.testing.assert_allclose(diagram.to_quimb().contract(all), diagram.value(), rtol=1e-12)
    op = pn.op(np.arange(4.0).reshape(2, 2)) @ pn.op(np.eye(2) * 3)
    network = op.to_quimb()
    outer = tuple(leg.name for leg in op.legs)  # (indices named by the legs: i of the first box, j of the second)
    assert outer == ("i", "j")
    np.testing.assert_allclose(network.contract(all, output_inds=outer).data, op.value())
    hadamard = pn.einsum("ij,ij->i", np.ones((2, 3)), np.full((2, 3), 2.0))
    # (a δ folded into the line: the operands are not the boxes, so indices are o0, i0, …)
    np.testing.assert_allclose(hadamard.to_quimb().contract(all, output_inds=("o0",)).data, [6.0, 6.0])


def test_quimb_index_names_and_tags_survive_a_round_trip():
    import quimb.tensor as qtn

    a = qtn.Tensor(np.arange(6.0).reshape(2, 3), inds=("k0", "bond"), tags={"A"})
    b = qtn.Tensor(np.arange(12.0).reshape(3, 4), inds=("bond", "k1"), tags={"B"})
    c = qtn.Tensor(np.ones(2), inds=("_a3979eAAAAB",), tags=set())  # a generated name: not shown
    c2 = qtn.Tensor(np.ones(2), inds=("_a3979eAAAAB",), tags=set())
    diagram = pn.from_quimb(a & b & c & c2, output=["k0", "k1"])
    assert [(n.name, [leg.name for leg in n.legs]) for n in diagram.nodes][:2] == [
        ("A", ["k0", "bond"]),
        ("B", ["bond", "k1"]),
    ]
    assert not any(leg.name.startswith("_") for n in diagram.nodes for leg in n.legs)
    network = diagram.to_quimb()
    assert [set(t.tags) for t in network.tensors][:2] == [{"A"}, {"B"}]
    assert [t.inds for t in network.tensors][:2] == [("k0", "bond"), ("bond", "k1")]
    back = pn.from_quimb(network, output=["k0", "k1"])
    np.testing.assert_allclose(back.value(), diagram.value())
    assert [n.name for n in back.nodes][:2] == ["A", "B"]


def test_index_names_never_merge_two_indices():
    """Gates have legs o0, o1, i0, i1, the very names the fallback uses: indices must stay distinct."""
    cnot = pn.networks.gate(np.eye(4)[[0, 1, 3, 2]], "CNOT", 2)
    circuit = cnot @ cnot @ (pn.ket([1, 0]) & pn.ket([0, 1]))
    network = circuit.to_quimb()
    indices = [index for tensor in network.tensors for index in tensor.inds]
    assert all(indices.count(index) <= 2 for index in indices)
    outer = tuple(network.outer_inds())
    assert len(outer) == len(circuit.legs)
    value = network.contract(all, output_inds=outer).data.reshape(-1)
    np.testing.assert_allclose(np.sort(value), np.sort(np.asarray(circuit.value()).reshape(-1)))


def test_a_quimb_mera_is_drawn_in_its_layers_with_its_kinds_as_labels():
    mera = qtn.MERA.rand(8, max_bond=2, seed=3)
    diagram = pn.from_quimb(mera)
    names = [node.name for node in diagram.network.nodes]
    assert set(names) == {"UNI", "ISO"}, "the kind each tensor is, not the I0 most of them share"
    order = sorted(mera.outer_inds())
    np.testing.assert_allclose(diagram.value(), mera.to_dense(order).reshape(diagram.value().shape), rtol=1e-10)
    svg = diagram.draw(value=False).to_svg()
    picture = parse(svg)
    assert 'data-layout="ring layers"' in svg, "the top pair's two lines no longer send it to Graphviz"
    assert defects(picture) == {} and honesty(picture)["crossings"] <= 6
    lowest = max(box.bottom for box in picture.boxes)
    physical = [leg for leg in picture.legs if leg.role == "open"]
    assert len(physical) == 8 and all(min(y for _, y in leg.points) >= lowest - 1e-6 for leg in physical)


def test_the_conjugate_row_of_a_quimb_norm_is_marked():
    state = qtn.MPS_rand_state(4, 3, seed=2, dtype=complex)
    network = state.H & state  # a plain TensorNetwork: bra and ket tensors share their tags I0 … I3
    diagram = pn.from_quimb(network)
    marks = [(node.name, node.conjugated) for node in diagram.network.nodes]
    assert marks == [(f"I{k}", True) for k in range(4)] + [(f"I{k}", False) for k in range(4)]
    np.testing.assert_allclose(diagram.value(), network.contract(all), rtol=1e-12)
    picture = parse(diagram.draw(value=False).to_svg())
    assert defects(picture) == {} and sum("*" in text for text in picture.texts) == 4
    other = qtn.MPS_rand_state(4, 3, seed=3, dtype=complex)
    assert not any(node.conjugated for node in pn.from_quimb(other.H & state).network.nodes), "not each other's"


def test_pn_to_quimb_is_the_function_the_method_calls():
    qtn = pytest.importorskip("quimb.tensor")
    rng = np.random.default_rng(7)
    matrix = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
    vector = rng.normal(size=3) + 1j * rng.normal(size=3)
    diagram = pn.bra(vector.conj(), name="φ") @ pn.op(matrix, name="M") @ pn.ket(vector, name="ψ")
    network = pn.to_quimb(diagram)
    assert isinstance(network, qtn.TensorNetwork)
    assert network.contract() == pytest.approx(np.vdot(vector, matrix @ vector))
    assert pn.to_quimb(diagram).contract() == pytest.approx(diagram.to_quimb().contract())
