"""The seminar's sections 2–4 (S8–S20), checked against numpy.linalg."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import penrose as pn

SQRT2 = np.sqrt(2)


def test_s8_eigen_equation_as_an_equation_of_diagrams():
    H = pn.op([[2, 1], [1, 2]], name="H")
    for space in pn.eig(H):
        for phi in space.basis:
            assert pn.equation(H @ phi, space.value * phi).holds()
    assert not pn.equation(H @ pn.ket([1, 0]), 2 * pn.ket([1, 0])).holds()


def test_s9_examples_with_the_corrected_eigenvalue():
    first, second = pn.eig(np.diag([1, -1]))
    assert (first.value, second.value) == (-1, 1)
    np.testing.assert_allclose(first.vectors[:, 0], [0, 1])
    np.testing.assert_allclose(second.vectors[:, 0], [1, 0])
    low, high = pn.eig([[0, 1], [1, 0]])
    assert low.value == pytest.approx(-1)  # the deck prints 1: a slip
    assert high.value == pytest.approx(1)
    np.testing.assert_allclose(low.vectors[:, 0], np.array([1, -1]) / SQRT2)
    np.testing.assert_allclose(high.vectors[:, 0], np.array([1, 1]) / SQRT2)
    assert low.basis[0].kind == "ket" and low.basis[0].nodes[0].name == "E=−1;1"


def test_s10_hand_check():
    X = pn.pauli.X
    assert pn.equation(X @ pn.ket([1, 1]), pn.ket([1, 1])).holds()
    assert pn.equation(X @ pn.ket([1, -1]), -pn.ket([1, -1])).holds()


def test_s12_energy_is_a_ratio_of_closed_diagrams():
    H = np.array([[1, 2], [2, -2]])
    for space in pn.eig(H):
        psi = 3 * space.basis[0]  # un-normalised on purpose
        assert pn.expectation(psi, H) == pytest.approx(space.value)
        ratio = (psi.dag @ pn.op(H) @ psi).value() / (psi.dag @ psi).value()
        assert ratio == pytest.approx(space.value)


def test_s13_degeneracy():
    H = [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
    minus, plus = pn.eig(H)
    assert (minus.value, minus.degeneracy) == (pytest.approx(-1), 1)
    assert (plus.value, plus.degeneracy) == (pytest.approx(1), 2)
    np.testing.assert_allclose(minus.vectors[:, 0], np.array([1, -1, 0]) / SQRT2)
    np.testing.assert_allclose(plus.vectors, np.array([[1, 0], [1, 0], [0, SQRT2]]) / SQRT2)
    # any combination of (1,1,0) and (0,0,1) is an eigenvector of eigenvalue 1
    mix = pn.ket([2, 2, 5])
    assert pn.equation(pn.op(H) @ mix, mix).holds()
    np.testing.assert_allclose(plus.projector @ [2, 2, 5], [2, 2, 5])


def test_s14_probabilities_in_an_eigenstate_are_one_and_zero():
    O = np.diag([1.0, 5.0, 7.0])
    state = pn.basis(1, 3)
    assert pn.probability(state, O, 5) == pytest.approx(1)
    assert pn.probability(state, O, 1) == pytest.approx(0)
    assert pn.probability(state, O, 7) == pytest.approx(0)
    # the seminar's formula, |<o|psi>|^2 / (<psi|psi><o|o>), with an un-normalised psi
    psi = np.array([1.0, 2.0, 2.0])
    o = np.array([0.0, 1.0, 0.0])
    expected = abs(o @ psi) ** 2 / ((psi @ psi) * (o @ o))
    assert pn.probability(psi, O, 5) == pytest.approx(expected)


def test_s14_degenerate_value_sums_over_its_eigenspace():
    H = [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
    psi = np.array([1.0, 0.0, 1.0])
    # P(1) = |<(1,1,0)/√2|ψ>|² + |<(0,0,1)|ψ>|² over <ψ|ψ> = (1/2 + 1) / 2
    assert pn.probability(psi, H, 1) == pytest.approx(0.75)
    assert pn.probability(psi, H, -1) == pytest.approx(0.25)


def test_probability_of_a_value_that_is_never_measured():
    with pytest.warns(
        pn.errors.NotAnEigenvalueWarning, match=r"3 is not an eigenvalue of O \(its eigenvalues are −1, 1\)"
    ):
        assert pn.probability(pn.ket([1, 0]), pn.pauli.Z, 3) == 0.0


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_s15_expectation_is_sum_of_value_times_probability(seed):
    rng = np.random.default_rng(seed)
    eigenvectors, _ = np.linalg.qr(rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3)))
    O = eigenvectors @ np.diag([1.0, 5.0, 7.0]) @ eigenvectors.conj().T
    c1, c5 = rng.normal(size=2) + 1j * rng.normal(size=2)
    psi = c1 * eigenvectors[:, 0] + c5 * eigenvectors[:, 1]  # only 1 or 5 can be measured
    probabilities = {v: pn.probability(psi, O, v) for v in (1, 5, 7)}
    assert probabilities[7] == pytest.approx(0, abs=1e-9)
    norm = abs(c1) ** 2 + abs(c5) ** 2
    assert probabilities[1] == pytest.approx(abs(c1) ** 2 / norm)
    total = sum(v * p for v, p in probabilities.items())
    assert pn.expectation(psi, O) == pytest.approx(total)
    assert pn.expectation(pn.ket(psi), pn.op(O)) == pytest.approx(total)


def test_s16_rotation_keeps_lengths():
    U = pn.op(np.array([[1, -1], [1, 1]]) / SQRT2, name="U")
    assert pn.is_unitary(U)
    psi = pn.ket([3.0, 4.0])
    rotated = U @ psi
    assert (rotated.dag @ rotated).value() == pytest.approx((psi.dag @ psi).value())
    assert not pn.is_unitary([[1, 1], [0, 1]])


def test_s17_symmetric_state_in_the_four_arrow_picture():
    # basis →, ↑, ←, ↓; the 180° rotation permutes → ↔ ← and ↑ ↔ ↓
    U180 = pn.op([[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]], name="U")
    right = pn.basis(0, 4, name="→")
    both = (right + U180 @ right) / SQRT2
    np.testing.assert_allclose(both.value(), np.array([1, 0, 1, 0]) / SQRT2)
    assert pn.is_invariant(both, U180)
    assert pn.equation(U180 @ both, both).holds()
    assert not pn.is_invariant(right, U180)
    assert pn.is_invariant(pn.ket([1, 0, -1, 0]), U180)  # same ray, phase −1


def test_s18_symmetric_theory():
    H, U = np.diag([1, -1, -1, 1]), np.fliplr(np.eye(4, dtype=int))
    expected = [[0, 0, 0, 1], [0, 0, -1, 0], [0, -1, 0, 0], [1, 0, 0, 0]]
    np.testing.assert_array_equal((pn.op(H) @ pn.op(U)).value(), expected)
    np.testing.assert_array_equal((pn.op(U) @ pn.op(H)).value(), expected)
    assert pn.equation(pn.op(U) @ pn.op(H), pn.op(H) @ pn.op(U)).holds()
    assert pn.commutes(H, U)


def test_s19_ground_state():
    ground = pn.ground_states([[0, 1], [1, 0]])
    assert ground.value == pytest.approx(-1) and ground.degeneracy == 1
    np.testing.assert_allclose(ground.vectors[:, 0], np.array([1, -1]) / SQRT2)


def test_s20_spontaneous_symmetry_breaking_report():
    H = np.diag([1, -1, 1, -1])
    U = np.array([[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]])
    assert pn.commutes(H, U)
    assert [s.value for s in pn.eig(H)] == [pytest.approx(-1), pytest.approx(1)]
    report = pn.symmetry_breaking(pn.op(H, name="H"), pn.op(U, name="U"))
    assert report.symmetric and report.broken
    assert report.ground.value == pytest.approx(-1) and report.ground.degeneracy == 2
    up, down = report.ground.vectors.T
    np.testing.assert_allclose(up, [0, 1, 0, 0])
    np.testing.assert_allclose(down, [0, 0, 0, 1])
    np.testing.assert_allclose(U @ up, down)  # U|↑⟩ = |↓⟩ ≠ |↑⟩
    np.testing.assert_allclose(report.action, [[0, 1], [1, 0]])  # U swaps them
    assert len(report.broken_states) == 2
    combos = sorted(tuple(np.round(s.value(), 9)) for s in report.invariant_states)
    r = round(1 / SQRT2, 9)
    assert combos == sorted([(0, r, 0, r), (0, r, 0, -r)])
    text = repr(report)
    assert "symmetric under U" in text and "spontaneously broken" in text and "degeneracy 2" in text


def test_the_report_draws_its_story():
    H = pn.op(np.diag([1, -1, 1, -1]), name="H")
    U = pn.op([[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]], name="U")
    svg = pn.symmetry_breaking(H, U).draw().to_svg()
    assert 'class="check"' in svg and svg.count('class="value"') == 8  # two 4-vectors: U|↑⟩ = |↓⟩, U|↓⟩ = |↑⟩
    unsymmetric = pn.symmetry_breaking(np.diag([1, -1]), pn.pauli.X).draw().to_svg()
    assert 'class="cross"' in unsymmetric


def test_a_theory_without_the_symmetry_says_so():
    report = pn.symmetry_breaking(np.diag([1, -1]), pn.pauli.X)
    assert not report.symmetric and not report.broken and report.action is None
    assert "NOT symmetric" in repr(report)


def test_a_symmetric_unique_ground_state_is_not_broken():
    report = pn.symmetry_breaking(pn.pauli.X, pn.pauli.X)
    assert report.symmetric and not report.broken and report.invariant_states == ()


def ising(n):
    Z = pn.pauli.Z
    return -sum(pn.site_operator({i: Z, i + 1: Z}, n) for i in range(n - 1))


def test_ising_chain_breaks_the_global_flip():
    H = ising(4)
    flip = pn.kron(*[pn.pauli.X] * 4)
    report = pn.symmetry_breaking(H, flip)
    assert report.ground.value == pytest.approx(-3) and report.ground.degeneracy == 2
    assert report.symmetric and report.broken
    all_up, all_down = np.zeros(16), np.zeros(16)
    all_up[0], all_down[15] = 1, 1
    np.testing.assert_allclose(report.ground.vectors.T, [all_up, all_down])
    reference = np.linalg.eigvalsh(H.value())
    assert reference[0] == pytest.approx(-3) and reference[2] > -3 + 1e-6


def test_six_spin_chain_is_a_few_lines():
    report = pn.symmetry_breaking(ising(6), pn.kron(*[pn.pauli.X] * 6))
    assert report.ground.value == pytest.approx(-5) and report.broken


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**31 - 1), st.booleans())
def test_random_hermitian_eigenspaces(n, seed, degenerate):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    H = A + A.conj().T
    if degenerate and n > 1:  # force a repeated eigenvalue
        w, v = np.linalg.eigh(H)
        w[1] = w[0]
        H = (v * w) @ v.conj().T
    spaces = pn.eig(H)
    values = [s.value for s in spaces]
    assert values == sorted(values)
    assert sum(s.degeneracy for s in spaces) == n
    np.testing.assert_allclose(
        sorted(np.repeat(values, [s.degeneracy for s in spaces])), np.linalg.eigvalsh(H), atol=1e-8
    )
    vectors = np.hstack([s.vectors for s in spaces])
    np.testing.assert_allclose(vectors.conj().T @ vectors, np.eye(n), atol=1e-8)  # S11: orthonormal
    for s in spaces:
        np.testing.assert_allclose(H @ s.vectors, s.value * s.vectors, atol=1e-8)
    psi = rng.normal(size=n) + 1j * rng.normal(size=n)
    assert sum(pn.probability(psi, H, v) for v in values) == pytest.approx(1)


def test_general_decomposition_on_request():
    with pytest.raises(pn.DiagramError, match=r"H is not Hermitian.*general=True"):
        pn.eig([[1, 1], [0, 2]])
    spaces = pn.eig([[1, 1], [0, 2]], general=True)
    assert [s.value for s in spaces] == [pytest.approx(1), pytest.approx(2)]
    for s in spaces:
        np.testing.assert_allclose(np.array([[1, 1], [0, 2]]) @ s.vectors, s.value * s.vectors, atol=1e-12)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pn.eig([[1, 2, 3], [4, 5, 6]]), r"H must be square.*shape \(2, 3\)"),
        (lambda: pn.eig(pn.ket([1, 0])), r"H must be an operator.*ket '1,0' is a ket"),
        (lambda: pn.symmetry_breaking(np.eye(2), [[1, 1], [0, 1]]), r"U is not unitary"),
        (lambda: pn.symmetry_breaking(np.eye(2), np.eye(3)), r"H is 2x2 but U is 3x3"),
        (lambda: pn.probability([1, 0, 0], np.eye(2), 1), r"O is 2x2 but ψ has dimension 3"),
        (lambda: pn.expectation(pn.ket([1, 0, 0]), pn.pauli.Z), r"O is 2x2 but ψ has dimension 3"),
        (lambda: pn.is_invariant([0, 0], np.eye(2)), r"ψ is the zero vector"),
        (lambda: pn.commutes(np.eye(2), np.eye(3)), r"A is 2x2 but B is 3x3"),
        (lambda: pn.eig([[1, np.nan], [0, 1]]), r"H: data holds nan at position \(0, 1\)"),
        (lambda: pn.site_operator({3: pn.pauli.Z}, 2), r"site 3 is outside 0..1"),
        (lambda: pn.basis(4, 3), r"index 4 is outside 0..2"),
        (lambda: pn.equation(pn.ket([1, 0]), pn.bra([1, 0])), r"same open legs: the left, ket '1,0', has W: i\[2\]"),
    ],
)
def test_quantum_errors(call, message):
    with pytest.raises(pn.DiagramError, match=message):
        call()


def test_normalize_keeps_the_name_and_kind():
    psi = pn.normalize(pn.ket([3, 4], name="ψ"))
    assert psi.nodes[0].name == "ψ" and psi.kind == "ket"
    np.testing.assert_allclose(psi.value(), [0.6, 0.8])
    assert pn.normalize(pn.bra([0, 2])).kind == "bra"


def test_many_leg_states_and_operators_are_flattened_consistently():
    bell = pn.tensor(np.array([[1, 0], [0, 1]]) / SQRT2, legs=[("a", "W"), ("b", "W")], name="Bell")
    ZZ = pn.kron(pn.pauli.Z, pn.pauli.Z)
    assert pn.expectation(bell, ZZ) == pytest.approx(1)
    assert pn.probability(bell, ZZ, 1) == pytest.approx(1)
    assert pn.expectation([1, 0, 0, 0], ZZ) == pytest.approx(1)


def _ising(n, g, periodic=False):
    Z, X = pn.pauli.Z, pn.pauli.X
    bonds = range(n if periodic else n - 1)
    H = -sum(pn.site_operator({i: Z, (i + 1) % n: Z}, n) for i in bonds)
    return H - g * sum(pn.site_operator({i: X}, n) for i in range(n))


def test_levels_split_by_more_than_the_solver_resolves_stay_split():
    spaces = pn.eig(np.diag([1.0, 2.0, 1e12]))
    assert [s.value for s in spaces] == [1.0, 2.0, 1e12]  # (a fixed 1e-8 relative tolerance merged 1 and 2)
    matrix = _ising(8, 0.1).value().reshape(256, 256)
    levels = np.linalg.eigvalsh(matrix)
    ground = pn.ground_states(matrix)
    assert ground.degeneracy == 1  # the tunnelling splitting, ~1e-8 here, is physics, not noise
    assert ground.splitting == pytest.approx(levels[1] - levels[0], rel=1e-3)
    assert "split" in ground.describe_splitting()
    merged = pn.eig(matrix, tol=1e-6)[0]
    assert merged.degeneracy == 2 and "degenerate within tol 1e-06" in merged.describe_splitting()


def test_a_defective_eigenvalue_has_one_eigenvector_and_multiplicity_two():
    (space,) = pn.eig([[1, 1], [0, 1]], general=True)
    assert space.value == 1.0 and space.degeneracy == 1 and space.multiplicity == 2 and space.defective
    assert "defective" in space.describe_splitting() and "multiplicity=2" in repr(space)
    np.testing.assert_allclose(np.abs(space.vectors.ravel()), [1.0, 0.0], atol=1e-12)


def test_symmetry_breaking_reports_how_degenerate_the_ground_level_is():
    U = np.array([[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]])
    report = repr(pn.symmetry_breaking(np.diag([1, -1, 1, -1]), U))
    assert "2 levels equal: degenerate within tol" in report and "next level 2 above: split" in report


def test_a_two_site_gate_on_non_adjacent_sites():
    cnot = pn.networks.gate(np.eye(4)[[0, 1, 3, 2]].reshape(2, 2, 2, 2), "CNOT", 2)
    hadamard = pn.op(np.array([[1, 1], [1, -1]]) / np.sqrt(2), name="H")
    I, X = np.eye(2), np.array([[0, 1], [1, 0]])
    P0, P1, Hm = np.diag([1, 0]), np.diag([0, 1]), np.array([[1, 1], [1, -1]]) / np.sqrt(2)
    diagram = pn.site_operator({(0, 2): cnot, 1: hadamard}, 3)
    expected = np.kron(np.kron(P0, Hm), I) + np.kron(np.kron(P1, Hm), X)  # control 0, target 2
    np.testing.assert_allclose(diagram.value().reshape(8, 8), expected, atol=1e-12)
    reversed_ = pn.site_operator({(2, 0): cnot}, 3)  # control on site 2, target on site 0
    expected = np.kron(np.kron(I, I), P0) + np.kron(np.kron(X, I), P1)
    np.testing.assert_allclose(reversed_.value().reshape(8, 8), expected, atol=1e-12)
    assert len(diagram.nodes) == 2  # no SWAPs, no sums multiplied out
    with pytest.raises(pn.DiagramError, match="needs 2 legs in and 2 out"):
        pn.site_operator({(0, 1): pn.pauli.X}, 3)
    with pytest.raises(pn.DiagramError, match="site 1 has two operators"):
        pn.site_operator({(0, 1): cnot, 1: hadamard}, 3)


def test_many_body_states_and_operators_fit_together():
    n = 4
    H = _ising(n, 0.5)
    ground = pn.ground_states(H)
    phi = ground.basis[0]
    assert phi.kind == "ket" and phi.dims == (2,) * n  # the operator's legs, one per spin
    assert pn.equation(H @ phi, ground.value * phi).holds()
    assert pn.expectation(phi, H) == pytest.approx(ground.value)
    assert pn.probability(phi, H, ground.value) == pytest.approx(1.0)
    vector = np.linalg.eigh(H.value().reshape(16, 16))[1][:, 0]
    state = pn.ket(vector, dims=[2] * n)
    assert (H @ state).dims == (2,) * n
    np.testing.assert_allclose(np.abs(np.vdot(state.value(), phi.value())), 1.0, atol=1e-10)
    assert pn.bra(vector, dims=[4, 4]).dims == (4, 4)
    with pytest.raises(pn.DiagramError, match=r"dims=\[2, 2\] need 4 numbers \(their product\), but the vector has 16"):
        pn.ket(vector, dims=[2, 2])
    with pytest.raises(pn.DiagramError, match="positive whole number"):
        pn.ket(vector, dims=[4, 0])


def _ring(n, g):
    Z, X = pn.pauli.Z, pn.pauli.X
    H = -sum(pn.site_operator({i: Z, (i + 1) % n: Z}, n) for i in range(n))
    return H - g * sum(pn.site_operator({i: X}, n) for i in range(n))


def test_lanczos_finds_the_ising_rings_free_fermion_energy_without_a_matrix():
    n, g = 12, 1.0  # 4096 states: above DENSE_LIMIT, so "auto" takes Lanczos
    k = (2 * np.arange(n) + 1) * np.pi / n
    exact = -np.sum(np.sqrt(1 + g * g + 2 * g * np.cos(k)))
    ground = pn.ground_states(_ring(n, g))
    assert ground.value == pytest.approx(exact, abs=1e-9)
    assert ground.basis[0].dims == (2,) * n  # a ket with the operator's legs
    small = _ring(8, 0.7)
    dense = [s.value for s in pn.eig(small, k=3)]
    lanczos = [s.value for s in pn.eig(small, method="lanczos", k=3)]
    np.testing.assert_allclose(lanczos[: len(dense)], dense, atol=1e-9)


def test_lanczos_sees_a_degenerate_ground_level():
    ground = pn.ground_states(_ring(11, 0.0))  # −Σ ZᵢZᵢ₊₁: all up and all down, 2048 states
    assert ground.degeneracy == 2 and ground.value == pytest.approx(-11.0)


def test_lanczos_refuses_what_it_cannot_do():
    with pytest.raises(pn.DiagramError, match="not Hermitian"):
        pn.eig(pn.op([[0.0, 1.0], [0.0, 0.0]]) & pn.op(np.eye(2)), method="lanczos", k=1)
    with pytest.raises(pn.DiagramError, match="method='fast'"):
        pn.eig(pn.pauli.Z, method="fast")
    with pytest.raises(pn.DiagramError, match="k=0"):
        pn.eig(pn.pauli.Z, k=0)
    with pytest.raises(pn.DiagramError, match="needs an operator diagram"):
        pn.eig(np.eye(4), method="lanczos")


def _chain(n, g):
    Z, X = pn.pauli.Z, pn.pauli.X
    H = -sum(pn.site_operator({i: Z, i + 1: Z}, n) for i in range(n - 1))
    return H - g * sum(pn.site_operator({i: X}, n) for i in range(n))


def test_lanczos_keeps_levels_apart_that_it_resolves():
    lowest = pn.eig(_chain(14, 0.3), k=2)  # the two lowest levels are 8.7e-8 apart
    assert lowest[0].degeneracy == 1 and lowest[0].splitting == pytest.approx(8.705e-8, rel=1e-3)
    assert lowest[0].tolerance < 1e-12  # tied to the residuals, not to 2^14 · ε · ‖H‖
    assert "split" in lowest[0].describe_splitting()
    grouped = pn.eig(_chain(14, 0.3), k=2, tol=1e-6)
    assert grouped[0].degeneracy == 2 and "degenerate within tol" in grouped[0].describe_splitting()


def test_symmetry_breaking_of_a_big_chain_without_its_matrix():
    n = 12  # 4096 states: Lanczos, and U = ∏X applied to vectors
    flip = pn.site_operator({i: pn.pauli.X for i in range(n)}, n)
    exact = pn.symmetry_breaking(_chain(n, 0.3), flip)
    assert exact.symmetric and not exact.broken and exact.ground.degeneracy == 1  # 9.7e-7 apart: split
    assert exact.ground.splitting == pytest.approx(9.672e-7, rel=1e-3)
    loose = pn.symmetry_breaking(_chain(n, 0.3), flip, tol=1e-5)  # call levels that close degenerate
    assert loose.broken and loose.ground.degeneracy == 2
    np.testing.assert_allclose(np.sort(np.linalg.eigvals(loose.action).real), [-1, 1], atol=1e-9)
    assert [state.dims for state in loose.invariant_states] == [(2,) * n] * 2
    for state in loose.invariant_states:  # U leaves the combinations alone, up to a sign
        vector, image = state.value().reshape(-1), (flip @ state).value().reshape(-1)
        assert abs(np.vdot(vector, image)) == pytest.approx(np.linalg.norm(vector) * np.linalg.norm(image))
    unsymmetric = pn.symmetry_breaking(_chain(n, 0.3), pn.site_operator({0: pn.pauli.Z}, n))
    assert not unsymmetric.symmetric and unsymmetric.commutator_norm > 0.1
    with pytest.raises(pn.DiagramError, match="U must be an operator diagram on the same legs"):
        pn.symmetry_breaking(_chain(n, 0.3), np.eye(2**n))
    with pytest.raises(pn.DiagramError, match="U is not unitary"):
        pn.symmetry_breaking(_chain(n, 0.3), 2 * flip)
    with pytest.raises(pn.DiagramError, match="U must act on H's space"):
        pn.symmetry_breaking(_chain(n, 0.3), pn.site_operator({0: pn.pauli.X}, n - 1))
