"""quimb interop: from_quimb and to_quimb keep the numbers (quimb is optional: skipped without it)."""

from __future__ import annotations

import numpy as np
import pytest

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
    np.testing.assert_allclose(network.contract(all, output_inds=("o0", "o1")).data, op.value())
    hadamard = pn.einsum("ij,ij->i", np.ones((2, 3)), np.full((2, 3), 2.0))
    np.testing.assert_allclose(hadamard.to_quimb().contract(all, output_inds=("o0",)).data, [6.0, 6.0])
