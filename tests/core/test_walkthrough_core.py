"""Every number of the seminar's section 1 (S1–S7) and S10, against numpy."""

import numpy as np
import pytest

import penrose as pn


def test_s1_kets_and_bras_are_a_column_and_a_row():
    ket, bra = pn.ket([1, 2, 4, 3]), pn.bra([1, 2, 4, 3])
    assert ket.kind == "ket" and bra.kind == "bra"
    assert [leg.side for leg in ket.legs] == ["W"] and [leg.side for leg in bra.legs] == ["E"]
    assert ket.value().tolist() == [1, 2, 4, 3] and bra.value().tolist() == [1, 2, 4, 3]
    assert ket.shape == (4,)


def test_s2_addition():
    total = pn.ket([1, 2, 4, 3]) + pn.ket([5, 3, 1, 4])
    assert total.kind == "ket" and len(total.terms) == 2  # kept as a sum of diagrams
    assert total.value().tolist() == [6, 5, 5, 7]


@pytest.mark.parametrize(
    ("left", "right", "message"),
    [
        (pn.ket([1, 2, 4, 3]), pn.bra([5, 3, 1, 4]), "a ket and a bra live in different spaces"),
        (pn.ket([1, 2, 4, 3]), pn.ket([5, 3, 1]), "only vectors of the same dimension can be added"),
    ],
)
def test_s2_what_cannot_be_added(left, right, message):
    with pytest.raises(pn.DiagramError, match=message):
        left + right


def test_s3_scalar_multiple():
    assert (3 * pn.ket([1, 2, 4, 3])).value().tolist() == [3, 6, 12, 9]
    assert (pn.ket([1, 2, 4, 3]) * 3).value().tolist() == [3, 6, 12, 9]
    assert (pn.scalar(3) @ pn.ket([1, 2, 4, 3])).value().tolist() == [3, 6, 12, 9]


def test_s4_inner_product_is_a_number():
    inner = pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])
    assert inner.kind == "scalar" and inner.legs == ()  # no leg sticks out
    value = inner.value()
    assert value == 1 == int(np.dot([1, 2, 4, 3], [5, 1, -3, 2]))
    assert isinstance(value, int)


def test_s5_matrix_acting_on_a_state():
    H, psi = pn.op([[1, 2], [-1, 4]], name="H"), pn.ket([1, -2], name="ψ")
    result = H @ psi
    assert result.kind == "ket"
    np.testing.assert_array_equal(result.value(), [-3, -9])
    np.testing.assert_array_equal(result.value(), np.array([[1, 2], [-1, 4]]) @ [1, -2])


def test_s6_a_matrix_maps_the_basis_to_its_columns():
    a, b, c, d = 2.0, -1.5, 0.5, 3.0
    M = pn.op([[a, b], [c, d]])
    np.testing.assert_array_equal((M @ pn.ket([1, 0])).value(), [a, c])
    np.testing.assert_array_equal((M @ pn.ket([0, 1])).value(), [b, d])


def test_s7_matrix_product():
    rng = np.random.default_rng(7)
    A, B, v = rng.normal(size=(3, 3)), rng.normal(size=(3, 3)), rng.normal(size=3)
    product = pn.op(A, name="A") @ pn.op(B, name="B")
    assert product.kind == "operator"
    np.testing.assert_allclose(product.value(), A @ B)
    # composing two maps: (AB)v = A(Bv), the deck's long hand computation
    np.testing.assert_allclose((product @ pn.ket(v)).value(), A @ (B @ v))
    symbolic = np.array([[1, 2], [3, 4]]) @ np.array([[5, 6], [7, 8]])
    np.testing.assert_array_equal((pn.op([[1, 2], [3, 4]]) @ pn.op([[5, 6], [7, 8]])).value(), symbolic)


def test_s10_hand_check_of_eigenvectors():
    X = pn.op([[0, 1], [1, 0]], name="X")
    np.testing.assert_array_equal((X @ pn.ket([1, 1])).value(), [1, 1])
    np.testing.assert_array_equal((X @ pn.ket([1, -1])).value(), -np.array([1, -1]))
