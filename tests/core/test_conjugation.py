"""Every place that builds a bra from a ket, a dagger from an operator or joins an operator by its legs,
checked against numpy with complex, non-symmetric entries and exact and symbolic values (issue 22)."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from dense import complex_mps, dense_state
from hypothesis import given, settings
from hypothesis import strategies as st

import penrose as pn
from penrose.core.typography import format_number
from penrose.frontend.cli import main

sympy = pytest.importorskip("sympy")

SIGMA_PLUS = np.array([[0, 1], [0, 0]])
SIGMA_MINUS = SIGMA_PLUS.T
PAULI_Y = np.array([[0, -1j], [1j, 0]])


def on_site(matrix: np.ndarray, site: int, sites: int) -> np.ndarray:
    return np.kron(np.kron(np.eye(2**site), matrix), np.eye(2 ** (sites - site - 1)))


# 1. the correlator joins the operator's columns (inputs) to the ket
@pytest.mark.parametrize(
    "operators",
    [{2: PAULI_Y}, {1: SIGMA_PLUS, 3: SIGMA_MINUS}, {0: SIGMA_MINUS, 4: SIGMA_PLUS}, {1: PAULI_Y, 2: SIGMA_PLUS}],
)
def test_correlator_matches_the_dense_dense_state(operators):
    tensors = complex_mps(5, 3, seed=3)
    psi = dense_state(tensors)
    dense = np.eye(2**5, dtype=complex)
    for site, matrix in operators.items():
        dense = dense @ on_site(matrix, site, 5)
    expected = np.vdot(psi, dense @ psi)
    assert np.isclose(pn.networks.correlator(tensors, operators).value(), expected, rtol=1e-10)


def test_correlator_takes_operator_diagrams_the_same_way():
    tensors = complex_mps(4, 2, seed=3)
    psi = dense_state(tensors)
    expected = np.vdot(psi, on_site(SIGMA_PLUS, 1, 4) @ psi)
    value = pn.networks.correlator(tensors, {1: pn.op(SIGMA_PLUS, name="σ⁺")}).value()
    assert np.isclose(value, expected, rtol=1e-10)
    assert not np.isclose(value, np.conj(expected))  # ⟨σ⁺⟩ is not ⟨σ⁻⟩'s conjugate here


# 2. exact and symbolic entries are conjugated by .dag and .conj()
def test_symbolic_bra_of_a_ket_is_conjugated():
    i = sympy.I
    k = pn.ket([1, i])
    assert sympy.simplify((k.dag @ k).value() - 2) == 0
    assert sympy.simplify((k.conj().dag @ k.conj()).value() - 2) == 0


def test_symbolic_hermitian_operator_is_its_own_dagger():
    a, b, c, d = sympy.symbols("a b c d", real=True)
    H = pn.op([[a, b + sympy.I * c], [b - sympy.I * c, d]])
    assert np.all(H.dag.value() == H.value())
    z = sympy.Symbol("z")  # a complex symbol: its conjugate is kept symbolic
    assert pn.ket([z, 1]).dag.value()[0] == sympy.conjugate(z)


def test_symbolic_coefficients_are_conjugated():
    k = pn.ket([1, 0]) * 1j
    assert (k.dag @ k).value() == 1


def _entries(draw, kind: str, size: int) -> list:
    ints = st.integers(-5, 5)
    if kind == "int":
        return draw(st.lists(ints, min_size=size, max_size=size))
    if kind == "fraction":
        return [
            Fraction(n, m) for n, m in draw(st.lists(st.tuples(ints, st.integers(1, 4)), min_size=size, max_size=size))
        ]
    if kind == "float":
        return draw(st.lists(st.floats(-4, 4, allow_nan=False), min_size=size, max_size=size))
    pairs = draw(st.lists(st.tuples(ints, ints), min_size=size, max_size=size))
    if kind == "complex":
        return [complex(x, y) for x, y in pairs]
    return [x + y * sympy.I for x, y in pairs]  # sympy


@st.composite
def vector_pairs(draw):
    size = draw(st.integers(1, 4))
    kinds = st.sampled_from(["int", "fraction", "float", "complex", "sympy"])
    return _entries(draw, draw(kinds), size), _entries(draw, draw(kinds), size)


def _reference(a: list, b: list):
    return sum(sympy.conjugate(sympy.nsimplify(x)) * sympy.nsimplify(y) for x, y in zip(a, b))


@settings(max_examples=120, deadline=None)
@given(vector_pairs())
def test_dagger_conjugates_every_representation(pair):
    a, b = pair
    value = (pn.ket(a).dag @ pn.ket(b)).value()
    expected = complex(sympy.N(_reference(a, b)))
    assert np.isclose(complex(sympy.N(value)), expected, rtol=1e-9, atol=1e-9)
    if size := len(a):  # the same through an operator's dagger: ⟨a|M†|b⟩ = conj(⟨b|M|a⟩)
        matrix = np.outer(np.arange(1, size + 1), np.arange(size, 0, -1)) + 1j * np.eye(size)
        M = pn.op(matrix)
        left = (pn.ket(a).dag @ M.dag @ pn.ket(b)).value()
        right = (pn.ket(b).dag @ M @ pn.ket(a)).value()
        assert np.isclose(complex(sympy.N(left)), np.conj(complex(sympy.N(right))), rtol=1e-9, atol=1e-9)


# 3. the command line's bra is the ket's adjoint
@pytest.mark.parametrize(
    ("expression", "let", "expected"),
    [("<psi|psi>", ["--let", "psi=[1,1j]"], "2.0"), ("<1,1j|1,1j>", [], "2.0"), ("<1,2,4,3|5,1,-3,2>", [], "1")],
)
def test_command_line_bra_is_conjugated(capsys, expression, let, expected):
    assert main(["eval", expression, *let]) == 0
    assert capsys.readouterr().out.strip() == expected


# 4. einsum keeps booleans as numpy does
@pytest.mark.parametrize(
    ("equation", "shapes"),
    [("i,i->", [(3,), (3,)]), ("i,ij->j", [(3,), (3, 2)]), ("ij->", [(3, 2)]), ("ij->ji", [(3, 2)])],
)
def test_einsum_of_booleans_is_boolean(equation, shapes):
    rng = np.random.default_rng(0)
    arrays = [rng.random(shape) > 0.5 for shape in shapes]
    value = np.asarray(pn.einsum(equation, *arrays).value())
    expected = np.einsum(equation, *arrays)
    assert value.dtype == expected.dtype and np.array_equal(value, expected)
    counted = pn.einsum("i,i->", np.array([True, False, True]), np.arange(3)).value()
    assert counted == 2 and not isinstance(counted, bool)  # with integers it counts, as numpy does


# 5. probability reads eig's own levels
def test_probability_uses_eigs_levels():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert pn.probability([1, 0, 0], np.diag([1, 2, 1e12]), 2) == 0
        assert pn.probability([0, 1], np.diag([1e-9, 2e-9]), 2e-9) == 1


def test_probabilities_over_eigs_levels_sum_to_one():
    rng = np.random.default_rng(7)
    for _ in range(60):
        n = 6
        q = np.linalg.qr(rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n)))[0]
        levels = np.sort(rng.integers(0, 3, n) + rng.normal(size=n) * 10 ** rng.uniform(-14, -8))
        H = q @ np.diag(levels) @ q.conj().T
        H = (H + H.conj().T) / 2
        psi = rng.normal(size=n) + 1j * rng.normal(size=n)
        total = sum(pn.probability(psi, H, space.value) for space in pn.eig(H))
        assert abs(total - 1) < 1e-9


def test_symbolic_physics_helpers_refuse_clearly():
    x = sympy.Symbol("x")
    with pytest.raises(pn.DiagramError, match="symbolic entries"):
        pn.eig(pn.op([[x, 1], [1, 0]]))
    with pytest.raises(pn.DiagramError, match="symbolic entries"):
        pn.probability(pn.ket([1, 0]), pn.op([[x, 1], [1, 0]]), 1)
    assert pn.expectation(pn.ket([1, 1]), pn.op([[x, 1], [1, 0]])) == x / 2 + 1  # a symbolic answer


# 6. small non-zero numbers are written as themselves
@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1e-14, "1×10⁻¹⁴"),
        (1.054571817e-34, "1.055×10⁻³⁴"),
        (-3e-13, "−3×10⁻¹³"),
        (1e-14j, "1×10⁻¹⁴i"),
        (0.0, "0"),
        (2.0, "2"),
    ],
)
def test_small_numbers_are_not_zero(number, text):
    assert format_number(number) == text


def test_worked_sum_of_small_numbers():
    work = str((pn.bra([1e-7, 0]) @ pn.ket([1e-7, 0])).work())
    assert work.endswith("= 1×10⁻¹⁴") and "= 0 + 0" not in work
    figure = pn.scalar(1.054571817e-34, name="ħ").draw().to_svg()
    assert "10⁻³⁴" in figure


# 7. a worked sum that overflows refuses, as value() does
def test_worked_sum_that_overflows_refuses():
    diagram = pn.bra([1e200, 1e200]) @ pn.ket([1e200, -1e200])
    for action in (diagram.value, diagram.work):
        with pytest.raises(pn.DiagramError, match="overflow"):
            action()


def test_rounding_noise_is_written_as_zero_but_small_values_are_not():
    tensors = pn.networks.random_mps_tensors(6, 3)  # a real state: ⟨Y₂Z₅⟩ is exactly 0, computed as ~1e-17
    correlator = pn.networks.correlator(tensors, {1: PAULI_Y, 4: np.diag([1, -1])})
    assert 0 < abs(correlator.value()) < 1e-15
    assert correlator.draw().to_svg().count(">0</text>") == 1
    assert "10⁻³⁴" in pn.scalar(1.054571817e-34, name="ħ").draw().to_svg()
    assert "10⁻¹⁴" in (pn.bra([1e-7, 0]) @ pn.ket([1e-7, 0])).draw().to_svg()
