"""Lanczos works in real arithmetic whenever the operator is real, even when written with complex factors (Y⊗Y),
and keeps complex arithmetic where the operator is complex; both checked against numpy's dense eigenvalues."""

import warnings

import numpy as np
import pytest

import penrose as pn
from penrose.physics.lanczos import matvec_of

X, Y, Z = np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1, -1])


def _dense(terms, sites):
    total = np.zeros((2**sites, 2**sites), dtype=complex)
    for coefficient, placed in terms:
        matrix = np.array([[1.0]])
        for k in range(sites):
            matrix = np.kron(matrix, placed.get(k, np.eye(2)))
        total += coefficient * matrix
    return total


def _diagram(terms, sites):
    total = None
    for coefficient, placed in terms:
        term = coefficient * pn.site_operator({k: pn.op(m, name="M") for k, m in placed.items()}, sites)
        total = term if total is None else total + term
    return total


HEISENBERG = [(1, {k: P, k + 1: P}) for k in range(5) for P in (X, Y, Z)]
CHIRAL = [(0.5, {k: X, k + 1: Y}) for k in range(5)] + [(0.5, {k: Y, k + 1: X}) for k in range(5)] + [(1, {0: Z})]
FOUR_Y = [(1, {0: Y, 1: Y, 2: Y, 3: Y}), (-0.5, {1: Y, 4: Y}), (0.3, {2: Y, 5: Y})] + [(0.7, {k: Z}) for k in range(6)]


@pytest.mark.parametrize(
    ("terms", "real"), [(HEISENBERG, True), (FOUR_Y, True), (CHIRAL, False), ([(1, {2: Y}), (1, {0: Z})], False)]
)
def test_real_operators_run_in_real_arithmetic_and_every_operator_gives_numpys_energies(terms, real):
    sites = 6
    H = _diagram(terms, sites)
    dense = _dense(terms, sites)
    _, matvec, dtype = matvec_of(H)
    assert (dtype == np.float64) == real
    applied = np.array([matvec(column) for column in np.eye(2**sites)]).T
    assert np.allclose(applied, dense)
    with warnings.catch_warnings():  # (a degenerate third level: its basis may go on, as eig says)
        warnings.simplefilter("ignore", pn.errors.IncompleteLevelWarning)
        values = pn.eig(H, k=3, method="lanczos")
    expected = np.linalg.eigvalsh(dense)[:3]
    found = sorted(v for level in values for v in [level.value] * level.degeneracy)[:3]
    assert np.allclose(found, expected, atol=1e-8)


def test_the_ground_state_by_lanczos_asks_for_two_eigenvalues_and_finds_a_degenerate_level_whole():
    """Two eigenvalues tell whether the lowest is alone (half the products of asking for three); a degenerate
    ground level (the Ising chain without a field: all up, all down) is still found whole."""
    import scipy.sparse.linalg as sparse

    spins = 11  # 2048 states: above the dense limit
    Z, X = pn.pauli.Z, pn.pauli.X
    asked = []
    original = sparse.eigsh

    def counting(operator, k=6, **options):
        asked.append(k)
        return original(operator, k=k, **options)

    sparse.eigsh = counting
    try:
        chain = -sum(pn.site_operator({i: Z, i + 1: Z}, spins) for i in range(spins - 1))
        field = chain - 0.5 * sum(pn.site_operator({i: X}, spins) for i in range(spins))
        ground = pn.ground_states(field)
        assert asked == [2] and ground.degeneracy == 1
        asked.clear()
        classical = pn.ground_states(chain)
        assert classical.degeneracy == 2 and asked[0] == 2 and len(asked) > 1
    finally:
        sparse.eigsh = original
    dense = np.linalg.eigvalsh(np.asarray(field.value()))
    assert np.isclose(ground.value, dense[0])
    assert np.isclose(classical.value, -(spins - 1))
