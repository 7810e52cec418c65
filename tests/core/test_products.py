"""Products of sums kept as written: (A + B) @ (C + D) is drawn as two factors and multiplied out only to evaluate."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from svgcheck import defects, drawn_network, parse

import penrose as pn

rng = np.random.default_rng(5)


def random_operator(name, size=2):
    return pn.op(rng.normal(size=(size, size)) + 1j * rng.normal(size=(size, size)), name=name)


A, B, C, D = (random_operator(name) for name in "ABCD")
psi = pn.ket(rng.normal(size=2) + 1j * rng.normal(size=2), name="ψ")


def matrix(diagram):
    return np.asarray(diagram.value())


def test_a_product_of_sums_keeps_its_factors_and_has_the_multiplied_out_value():
    product = (A + B) @ (C - 2 * D)
    assert product.factors is not None and product.factors[0] == "@" and product.term_count == 4
    expected = (matrix(A) + matrix(B)) @ (matrix(C) - 2 * matrix(D))
    np.testing.assert_allclose(matrix(product), expected)
    expanded = product.expand()
    assert expanded.factors is None and len(expanded.terms) == 4
    np.testing.assert_allclose(matrix(expanded), expected)
    assert (A @ B).factors is None  # single terms are joined at once, as always


def test_a_long_product_of_sums_is_not_multiplied_out_until_evaluated():
    factor = A + B
    product = factor
    for _ in range(11):
        product = product @ factor
    assert product.term_count == 2**12 and product.kind == "operator"  # built without 4096 networks
    figure = product.draw(value=False)
    assert len(parse(figure.to_svg()).boxes) == 24  # twelve (A + B), not 4096 terms
    small = factor @ factor @ factor
    np.testing.assert_allclose(matrix(small), np.linalg.matrix_power(matrix(A) + matrix(B), 3))


def test_numbers_adjoints_and_conjugates_of_a_product_stay_products():
    product = (A + B) @ psi
    expected = (matrix(A) + matrix(B)) @ matrix(psi)
    for diagram, value in (
        (3 * product, 3 * expected),
        (product / 4, expected / 4),
        (-product, -expected),
        (product.dag, expected.conj()),
        (product.conj(), expected.conj()),
    ):
        assert diagram.factors is not None
        np.testing.assert_allclose(matrix(diagram), value)
    assert product.dag.kind == "bra"
    np.testing.assert_allclose(matrix(product + psi), expected + matrix(psi))  # a sum multiplies out


def test_a_tensor_product_of_sums_is_kept_too():
    product = (A + B) & (C + D)
    assert product.factors[0] == "&"
    expected = np.kron(matrix(A) + matrix(B), matrix(C) + matrix(D))
    np.testing.assert_allclose(matrix(product), expected)
    svg = product.draw(value=False).to_svg()
    assert "⊗" in svg


def test_mismatched_legs_are_refused_when_the_product_is_written():
    big = random_operator("G", 3)
    with pytest.raises(pn.DiagramError, match=r"has dimension 2 but the W leg .* has dimension 3"):
        (A + B) @ big


def test_a_product_is_drawn_factor_by_factor_with_sums_in_parentheses():
    bra = pn.bra([1, 2], name="φ")
    diagram = bra @ (A + B) @ C @ (A - D) @ psi
    figure = diagram.draw()
    picture = parse(figure.to_svg())
    assert defects(picture) == {}
    assert len(picture.boxes) == 7  # φ, A, B, C, A, D, ψ: four terms would need 20
    assert sorted(box.term for box in picture.boxes) == list(range(7))  # every network its own data-term
    brackets = figure.to_svg().count('class="bracket"')
    assert brackets == 4  # two sums, each in ( )
    expected = np.array([1, 2]) @ (matrix(A) + matrix(B)) @ matrix(C) @ (matrix(A) - matrix(D)) @ matrix(psi)
    assert diagram.value() == pytest.approx(expected)


def test_sums_of_site_operators_compose_as_written():
    sites = 3
    Z, X = pn.pauli.Z, pn.pauli.X
    hamiltonian = sum(
        (pn.site_operator({i: Z, i + 1: Z}, sites) for i in range(sites - 1)), start=pn.site_operator({0: X}, sites)
    )
    squared = hamiltonian @ hamiltonian
    assert squared.factors is not None and squared.term_count == 9
    dense = matrix(hamiltonian)
    np.testing.assert_allclose(matrix(squared), dense @ dense)
    svg = squared.draw(value=False).to_svg()
    picture = parse(svg)
    assert defects(picture) == {} and svg.count('class="bracket"') == 4  # (H)(H), each with its 3 terms
    assert sorted({box.term for box in picture.boxes}) == list(range(6))
    for term, (_, single) in enumerate(hamiltonian.terms * 2):  # each drawn network is the term it shows
        drawn = [box for box in picture.boxes if box.term == term]
        assert len(drawn) == len(drawn_network(single.network).nodes)


def test_a_product_of_very_many_terms_is_evaluated_factor_by_factor():
    real_a, real_b = (pn.op(rng.normal(size=(2, 2)) / 2, name=n) for n in "ab")
    factor = real_a + real_b
    product = factor
    for _ in range(69):
        product = product @ factor
    state = product @ pn.ket([1.0, -1.0])
    assert state.term_count == 2**70  # never multiplied out: 2⁷⁰ networks would not fit anywhere
    expected = np.linalg.matrix_power(matrix(real_a) + matrix(real_b), 70) @ np.array([1.0, -1.0])
    np.testing.assert_allclose(state.value(), expected, rtol=1e-10, atol=1e-300)
    assert state.value().shape == (2,)


def test_a_huge_product_draws_and_evaluates_but_is_never_multiplied_out():
    factor = A + B
    product = factor
    for _ in range(29):
        product = product @ factor
    figure = product.draw()  # 2³⁰ terms: drawn as thirty (A + B), its value from the factors
    assert len(parse(figure.to_svg()).boxes) == 60
    with pytest.raises(pn.DiagramError, match=r"would multiply out to 1073741824 terms"):
        product.expand()
    with pytest.raises(pn.DiagramError, match=r"would multiply out"):
        product.path()


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    factors=st.integers(1, 5),
)
def test_random_products_of_sums_equal_numpy(data, factors):
    """Products of sums of random 2×2 operators (with @ and &, numbers, adjoints), kept as written or
    evaluated factor by factor (beyond 64 terms), against the same algebra on numpy matrices."""
    seed = data.draw(st.integers(0, 2**32 - 1))
    generator = np.random.default_rng(seed)
    diagram, dense = None, None
    for _ in range(factors):
        terms = data.draw(st.integers(1, 4))
        matrices = [generator.normal(size=(2, 2)) + 1j * generator.normal(size=(2, 2)) for _ in range(terms)]
        weights = [complex(data.draw(st.sampled_from([1, -1, 2, 0.5, 1j]))) for _ in range(terms)]
        factor = sum(
            (w * pn.op(m, name=f"M{k}") for k, (w, m) in enumerate(zip(weights, matrices))),
            start=0 * pn.op(np.zeros((2, 2))),
        )
        value = sum(w * m for w, m in zip(weights, matrices))
        if diagram is None:
            diagram, dense = factor, value
        elif dense.shape == (2, 2) and data.draw(st.booleans()):
            diagram, dense = diagram @ factor, dense @ value
        else:
            diagram, dense = diagram & factor, np.kron(dense, value)
    if data.draw(st.booleans()):
        diagram, dense = diagram.dag, dense.conj().T
    scale = data.draw(st.sampled_from([1, 3, -0.5]))
    diagram, dense = scale * diagram, scale * dense
    np.testing.assert_allclose(matrix(diagram), dense, rtol=1e-9, atol=1e-9)
