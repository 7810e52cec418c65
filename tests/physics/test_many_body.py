"""MPS and MPO objects compose like the seminar's kets and operators, checked against dense numpy (issue 22)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from dense import complex_mps, dense_state

import penrose as pn

X, Z, I2 = np.array([[0, 1], [1, 0]]), np.diag([1, -1]), np.eye(2)


def complex_mpo(sites: int, bond: int, seed: int = 1) -> list[np.ndarray]:
    """Non-Hermitian, non-symmetric MPO tensors in the field's order W[l, r, out, in]."""
    rng = np.random.default_rng(seed)
    shapes = [(bond, 2, 2)] + [(bond, bond, 2, 2)] * (sites - 2) + [(bond, 2, 2)]
    return [rng.normal(size=s) + 1j * rng.normal(size=s) for s in shapes]


def dense_operator(tensors: list[np.ndarray]) -> np.ndarray:
    """Σ over bonds of W1[r,o,i] W2[l,r,o,i] … as a matrix: rows the outputs, columns the inputs (numpy only)."""
    sites = len(tensors)
    operator = tensors[0]  # (bond, out..., in...)
    operator = np.moveaxis(operator, 0, -1)  # (o, i, r)
    for k, tensor in enumerate(tensors[1:], start=1):
        tensor = tensor if k == sites - 1 else np.moveaxis(tensor, 1, -1)  # (l, o, i[, r])
        operator = np.tensordot(operator, tensor, axes=([-1], [0]))
    # axes now o1 i1 o2 i2 … : outputs first
    order = [2 * k for k in range(sites)] + [2 * k + 1 for k in range(sites)]
    return operator.transpose(order).reshape(2**sites, 2**sites)


def ising_mpo(sites: int, field: float = 1.0) -> list[np.ndarray]:
    W = np.zeros((3, 3, 2, 2))
    W[0, 0], W[2, 2], W[0, 1], W[1, 2], W[0, 2] = I2, I2, -Z, Z, -field * X
    return [W[0], *[W] * (sites - 2), W[:, 2]]


def test_an_mps_is_a_ket_and_its_dagger_a_bra():
    tensors = complex_mps(5, 3, seed=0)
    psi = pn.networks.mps(tensors)
    vector = dense_state(tensors)
    assert psi.kind == "ket" and psi.dag.kind == "bra" and psi.shape == (32,) and psi.dims == (2,) * 5
    np.testing.assert_allclose(psi.value(), vector, rtol=1e-12)
    np.testing.assert_allclose(psi.dag.value(), vector.conj(), rtol=1e-12)
    assert np.isclose((psi.dag @ psi).value(), np.vdot(vector, vector), rtol=1e-12)
    assert np.isclose(pn.networks.mps_norm(tensors).value(), np.vdot(vector, vector), rtol=1e-12)


def test_mpo_composes_with_mps_in_the_fields_order():
    state, operator = complex_mps(4, 3, seed=0), complex_mpo(4, 2)
    psi, W = pn.networks.mps(state), pn.networks.mpo(operator)
    vector, matrix = dense_state(state), dense_operator(operator)
    assert W.kind == "operator" and W.shape == (16, 16)
    np.testing.assert_allclose(W.value(), matrix, rtol=1e-12)
    np.testing.assert_allclose(W.dag.value(), matrix.conj().T, rtol=1e-12)
    np.testing.assert_allclose((W @ psi).value(), matrix @ vector, rtol=1e-12)
    np.testing.assert_allclose((W @ W).value(), matrix @ matrix, rtol=1e-12)
    sandwich = np.vdot(vector, matrix @ vector)
    assert np.isclose((psi.dag @ W @ psi).value(), sandwich, rtol=1e-12)
    assert np.isclose(pn.networks.mpo_expectation(state, operator).value(), sandwich, rtol=1e-12)
    assert np.isclose(pn.trace(W).value(), np.trace(matrix), rtol=1e-12)
    assert np.isclose(pn.expectation(psi, W), sandwich / np.vdot(vector, vector), rtol=1e-12)


@pytest.mark.parametrize(
    ("order", "axes"), [("lpr", "lpr"), ("lrp", "lrp"), ("plr", "plr")], ids=["TeNPy", "quimb", "physical-first"]
)
def test_mps_reads_every_index_order_and_unit_end_bonds(order, axes):
    canonical = complex_mps(4, 3, seed=4)
    vector = dense_state(canonical)
    full = [canonical[0][None], *canonical[1:-1], canonical[-1][..., None]]  # (1, p, r) … (l, p, 1)
    given = [np.transpose(t, ["lpr".index(x) for x in axes]) for t in full]
    np.testing.assert_allclose(pn.networks.mps(given, order=order).value(), vector, rtol=1e-12)
    trimmed = [given[0].reshape([n for x, n in zip(axes, given[0].shape) if x != "l"]), *given[1:]]
    np.testing.assert_allclose(pn.networks.mps(trimmed, order=order).value(), vector, rtol=1e-12)


def test_mpo_reads_other_orders_and_unit_end_bonds():
    operator = complex_mpo(3, 2)
    matrix = dense_operator(operator)
    full = [operator[0][None], operator[1], operator[2][:, None]]  # (1, D, o, i), (D, 1, o, i)
    np.testing.assert_allclose(pn.networks.mpo(full).value(), matrix, rtol=1e-12)
    swapped = [np.swapaxes(t, -1, -2) for t in full]  # (l, r, in, out): the transpose convention, named
    np.testing.assert_allclose(pn.networks.mpo(swapped, order="lrio").value(), matrix, rtol=1e-12)
    assert not np.allclose(pn.networks.mpo(swapped).value(), matrix)  # read as the default, it is the transpose


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: pn.networks.mps([np.ones((2, 2, 3)), np.ones((3, 2))]), r"order='lpr' \(left bond, physical"),
        (lambda: pn.networks.mpo([np.ones((2, 2, 2)), np.ones((3, 2, 2))]), "right bond has dimension 2"),
        (lambda: pn.networks.mpo([np.ones((2, 2, 2))] * 2, order="lrx"), "must name each of the axes"),
        (lambda: pn.networks.mps([np.ones((2, 2))]), "at least 2 sites"),
    ],
)
def test_builder_errors_name_the_convention(build, message):
    with pytest.raises(pn.DiagramError, match=message):
        build()


def test_at_that_joins_nothing_where_a_line_was_meant_is_refused():
    psi, W = pn.networks.mps(complex_mps(3, 2, seed=0)), pn.networks.mpo(complex_mpo(3, 2))
    with pytest.raises(pn.DiagramError, match=r"joins no line.*S: p\[2\]"):
        psi @ W  # the MPO belongs on the left
    with pytest.raises(pn.DiagramError, match="joins no line"):
        psi.dag @ pn.op(np.eye(8)) @ psi  # a left-to-right operator between a top-to-bottom bra and ket
    with pytest.raises(pn.DiagramError, match="joins no line"):
        pn.bra([1, 0]) @ psi
    ket, bra = pn.ket([1, 2]), pn.bra([3, 4])
    assert (ket @ bra).kind == "operator"  # |ψ⟩⟨φ| stays an outer product
    assert (ket @ ket).kind == "ket" and (bra @ bra).kind == "bra"
    assert (pn.scalar(2) @ ket).kind == "ket"


def test_physics_helpers_take_mps_and_mpo():
    sites = 11  # 2048 dimensions: Lanczos on the MPO, never its matrix
    W = pn.networks.mpo(ising_mpo(sites))
    H = -sum(pn.site_operator({i: pn.pauli.Z, i + 1: pn.pauli.Z}, sites) for i in range(sites - 1))
    H = H - sum(pn.site_operator({i: pn.pauli.X}, sites) for i in range(sites))
    assert np.isclose(pn.ground_states(W).value, pn.ground_states(H).value, rtol=1e-10)
    levels = pn.eig(W, k=3)
    assert [round(s.value, 8) for s in levels] == [round(s.value, 8) for s in pn.eig(H, k=3)]
    psi = pn.networks.mps(complex_mps(sites, 2, seed=9))
    vector = psi.value()
    dense_H = H.value()
    expected = np.vdot(vector, dense_H @ vector).real / np.vdot(vector, vector).real
    assert np.isclose(pn.expectation(psi, W), expected, rtol=1e-10)
    small = pn.networks.mpo(ising_mpo(4))
    assert np.isclose(pn.ground_states(small).value, np.linalg.eigvalsh(small.value())[0], rtol=1e-12)


def test_eig_says_when_k_cuts_a_degenerate_level():
    sites = 11  # the Heisenberg chain on an odd ring of sites: every level is degenerate
    H = sum(pn.site_operator({i: P, i + 1: P}, sites) for i in range(sites - 1) for P in (pn.pauli.X, pn.pauli.Z))
    H = H + sum(pn.site_operator({i: pn.pauli.Y, i + 1: pn.pauli.Y}, sites) for i in range(sites - 1))
    with pytest.warns(pn.errors.IncompleteLevelWarning, match="degenerate"):
        pn.eig(H, k=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ground = pn.ground_states(H)
    assert ground.degeneracy == 2


def test_closed_diagrams_convert_to_numbers_and_arrays():
    inner = pn.bra([1, 2]) @ pn.ket([3, 1j])
    assert complex(inner) == 3 + 2j
    with pytest.raises(pn.DiagramError):
        float(pn.ket([1, 2]))
    assert float(pn.bra([1, 2]) @ pn.ket([3, 4])) == 11.0
    H = pn.op([[1, 2], [3, 4]])
    np.testing.assert_array_equal(np.asarray(H), [[1, 2], [3, 4]])
    W = pn.networks.mpo(complex_mpo(3, 2))
    assert np.asarray(W).shape == W.shape == W.value().shape == (8, 8)


def test_quimb_mps_and_mpo_arrive_as_ket_and_operator():
    qtn = pytest.importorskip("quimb.tensor")
    state = qtn.MPS_rand_state(5, 3, dtype="complex128", seed=1)
    operator = qtn.MPO_rand(5, 2, seed=3, dtype="complex128", herm=False)  # not Hermitian: rows and columns differ
    psi, W = pn.from_quimb(state), pn.from_quimb(operator)
    assert psi.kind == "ket" and W.kind == "operator"
    np.testing.assert_allclose(psi.value(), state.to_dense().ravel(), rtol=1e-10)
    np.testing.assert_allclose(W.value(), operator.to_dense(), rtol=1e-10)
    assert np.isclose((psi.dag @ W @ psi).value(), state.H @ operator.apply(state), rtol=1e-10)


def test_a_bra_names_the_same_state_as_its_ket():
    rng = np.random.default_rng(3)
    vector = rng.normal(size=3) + 1j * rng.normal(size=3)
    H = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
    H = H + H.conj().T  # Hermitian, not symmetric
    expected = np.vdot(vector, H @ vector).real / np.vdot(vector, vector).real
    for state in (vector, pn.ket(vector), pn.ket(vector).dag):
        assert np.isclose(pn.expectation(state, H), expected, rtol=1e-12)
    levels = np.linalg.eigh(H)
    weight = abs(np.vdot(levels[1][:, 0], vector)) ** 2 / np.vdot(vector, vector).real
    assert np.isclose(pn.probability(pn.ket(vector).dag, H, levels[0][0]), weight, rtol=1e-10)
    np.testing.assert_allclose(pn.normalize(pn.bra([1j, 2])).value(), np.array([1j, 2]) / np.sqrt(5))


def test_expectation_of_an_mps_under_a_left_to_right_operator():
    sites = 11  # 2048 states: contracted as networks, the MPS's S legs joined to the operator's E legs in order
    psi = pn.networks.mps(complex_mps(sites, 3, seed=5))
    vector = psi.value()
    Y = pn.op(np.array([[0, -1j], [1j, 0]]), name="Y")
    H = -sum(pn.site_operator({i: pn.pauli.Z, i + 1: pn.pauli.Z}, sites) for i in range(sites - 1))
    H = H - 0.5 * sum(pn.site_operator({i: pn.pauli.X}, sites) for i in range(sites)) + pn.site_operator({3: Y}, sites)
    matrix = H.value()  # 2048 × 2048, then numpy: independent of the network path
    expected = np.vdot(vector, matrix @ vector).real / np.vdot(vector, vector).real
    assert np.isclose(pn.expectation(psi, H), expected, rtol=1e-10)
    assert np.isclose(pn.expectation(psi.dag, H), expected, rtol=1e-10)


def test_eigenkets_of_an_mpo_are_drawn_as_its_kets_and_compose():
    W = pn.networks.mpo(ising_mpo(6))
    ground = pn.ground_states(W)
    psi = ground.basis[0]
    assert psi.kind == "ket" and {leg.side for leg in psi.legs} == {"S"} and psi.dims == (2,) * 6
    assert pn.equation(W @ psi, ground.value * psi).holds()
    assert pn.ket([1, 0], side="S").kind == "ket" and pn.bra([1, 0], side="N").kind == "bra"
    with pytest.raises(pn.DiagramError, match="leave on side W"):
        pn.ket([1, 0], side="E")
