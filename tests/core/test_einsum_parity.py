"""pn.einsum takes every equation numpy.einsum takes, with numpy's value; hyperedges meet at copy tensors δ."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from svgcheck import defects, parse

import penrose as pn

#: The forms of opt_einsum's and numpy's own einsum tests, written out here: plain lines, batch
#: (Hadamard) indices, traces and diagonals, indices summed alone, implicit outputs, outer
#: products, transposes, broadcasting with '...', and scalar operands.
EQUATIONS = [
    "a,a->",
    "ab,b->a",
    "ab,bc->ac",
    "abc,cd->abd",
    "ab,ba->",
    "abc,bac->",
    "ab,ab->ab",
    "ab,ab->a",
    "ab,ab->",
    "abc,abc->abc",
    "abc,ab->abc",
    "a,a,a->a",
    "a,a,a->",
    "ab,bc,ca->abc",
    "ij,ij,ij->",
    "ij,ij,ij->ij",
    "bij,bjk->bik",
    "bn,anm,bm->ba",
    "abc,bcd,cde->ae",
    "aa->",
    "aa->a",
    "aab->b",
    "aab->ab",
    "abab->ab",
    "iij,jk->ik",
    "ii,ii->i",
    "ii,ii->",
    "aba,b->ab",
    "ab->a",
    "ab->",
    "abc->b",
    "ab,cd->ad",
    "a,b->",
    "ab,b->",
    "abc,c->",
    "ab,bc",
    "ba,ab",
    "ij,jk,kl",
    "aab",
    "abc,cab",
    "i,i",
    "ii",
    "ij,ij",
    "a,b->ab",
    "ab,cd->abcd",
    "a,b,c->abc",
    "ab->ba",
    "abc->cab",
    "abc->bca",
    "ij,jk,kl,li->",
    "ij,jk,kl,li->i",
    "ab,bc,cd,de,ea->ace",
    "...a->...",
    "a...->...",
    "...ij,...jk->...ik",
    "i...,i...->...",
    "...,...->...",
    "ij...,jk...->ik...",
    "...ii->...i",
    "...a,...a",
    "a...",
    "...ab,b->...a",
    ",ab->ab",
    "a,->a",
    ",->",
]

SIZES = {"a": 2, "b": 3, "c": 2, "d": 3, "e": 2, "i": 3, "j": 2, "k": 3, "l": 2, "m": 2, "n": 3}


def _arrays(equation, rng, ellipsis_shape=(2, 3)):
    inputs = equation.split("->")[0].split(",")
    arrays = []
    for k, term in enumerate(inputs):
        shape = []
        for part in term.split("..."):
            shape.append([SIZES[s] for s in part])
        if "..." in term:
            middle = list(ellipsis_shape) if k % 2 == 0 else [1, ellipsis_shape[1]]  # broadcast a size-1 axis
            dims = shape[0] + middle + shape[1]
        else:
            dims = shape[0]
        arrays.append(rng.normal(size=dims) if dims else np.asarray(rng.normal()))
    return arrays


@pytest.mark.parametrize("equation", EQUATIONS)
def test_every_form_agrees_with_numpy(equation):
    rng = np.random.default_rng(len(equation))
    arrays = _arrays(equation, rng)
    expected = np.einsum(equation, *arrays)
    diagram = pn.einsum(equation, *arrays)
    got = diagram.value()
    assert np.shape(got) == np.shape(expected), equation
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(diagram.value(optimize="greedy"), expected, rtol=1e-10, atol=1e-12)


def test_hyperedges_meet_at_one_copy_tensor_that_is_never_built():
    rng = np.random.default_rng(0)
    a, b, c = rng.normal(size=(3, 4)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    diagram = pn.einsum("ij,ij,ij->i", a, b, c)
    kinds = [node.kind for node in diagram.network.nodes]
    assert kinds.count("copy") == 2  # i: three legs and the output; j: three legs
    equation, arrays = diagram.to_einsum()
    assert len(arrays) == 3 and equation.count(",") == 2  # δ folded into the index: no operand for it
    np.testing.assert_allclose(diagram.value(), np.einsum("ij,ij,ij->i", a, b, c))


def test_a_big_batch_index_contracts_without_its_copy_tensors_array():
    rng = np.random.default_rng(1)
    arrays = [rng.normal(size=(1000, 2)) for _ in range(6)]  # δ with 7 legs of 1000: 10^21 entries if built
    equation = "za,zb,zc,zd,ze,zf->z"
    np.testing.assert_allclose(pn.einsum(equation, *arrays).value(), np.einsum(equation, *arrays), rtol=1e-10)


def test_copy_tensor_on_its_own():
    fan_out = pn.copy(2, 3)  # |i⟩ ↦ |ii⟩: two legs out (W), one in (E)
    assert fan_out.kind == "operator" and fan_out.dims == (2, 2, 2) and fan_out.shape == (4, 2)
    expected = np.zeros((2, 2, 2), dtype=int)
    expected[0, 0, 0] = expected[1, 1, 1] = 1
    assert (fan_out.value(grouped=False) == expected).all()
    ghz = pn.copy(2, 4) @ pn.ket([1, 1])  # no sides needed for a 3-qubit ket
    assert ghz.kind == "ket" and ghz.value().tolist() == [1, 0, 0, 0, 0, 0, 0, 1]
    assert pn.copy(3, 1).value().tolist() == [1, 1, 1]  # one leg: the vector of ones
    assert (pn.copy(3, 2).value() == np.eye(3)).all()  # two legs: the identity
    ket = pn.copy(2, [("a", "W"), ("b", "W")])
    assert ket.kind == "ket"
    with pytest.raises(pn.DiagramError, match="positive whole number"):
        pn.copy(0, 3)
    with pytest.raises(pn.DiagramError, match="at least one leg"):
        pn.copy(2, 0)


def test_copy_tensors_compose_like_any_box():
    plus = pn.ket([1, 1])
    ghz = pn.copy(2, [("a", "W"), ("b", "W"), ("c", "W")])
    projected = pn.connect(ghz, "a", pn.bra([0, 1]), 0)  # ⟨1| on one leg of |000⟩+|111⟩ leaves |11⟩
    assert projected.value().tolist() == [0, 0, 0, 1]
    w = pn.tensor(np.ones((2, 2)), legs=[("x", "E"), ("y", "E")])
    assert float((w @ pn.copy(2, [("x", "W"), ("y", "W")])).value()) == 2.0
    assert int((plus.dag @ pn.copy(2, [("i", "W"), ("j", "E")]) @ plus).value()) == 2


def test_copy_tensors_are_drawn_as_dots_honestly():
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    for equation in ("ij,ij->i", "ai,bi,ci->abc", "ij,ij->j", "ii->i", "ij->i"):
        arrays = [a, b, a][: equation.split("->")[0].count(",") + 1]
        diagram = pn.einsum(equation, *arrays)
        svg = diagram.draw().to_svg()
        picture = parse(svg)
        assert defects(picture) == {}, equation
        dots = [box for box in picture.boxes if box.kind == "copy"]
        assert dots, equation
        assert 'data-kind="copy"' in svg and "<ellipse" in svg
        assert "$$" not in diagram.draw().to_tikz()  # no empty label to break TeX


@pytest.mark.parametrize(
    ("equation", "shapes", "message"),
    [
        ("ij,jk->ik", [(2, 3), (4, 5)], "dimension"),
        ("ij->ii", [(2, 2)], "appears twice"),
        ("ij->k", [(2, 2)], "in no input"),
        ("...ij,...jk->...ik", [(2, 3, 4), (3, 4, 2)], "broadcast"),
        ("...ij,...jk->ik", [(2, 3, 4), (2, 4, 2)], "add '...' to the output"),
        ("ij,jk", [(2, 3)], "operand"),
        ("i.j", [(2, 3)], "not an index"),
        ("......", [(2, 3)], "twice"),
    ],
)
def test_what_numpy_refuses_is_refused_with_a_clear_message(equation, shapes, message):
    arrays = [np.ones(shape) for shape in shapes]
    with pytest.raises(pn.DiagramError, match=message):
        pn.einsum(equation, *arrays)


@st.composite
def equations(draw):
    letters = "abcd"
    sizes = {s: draw(st.integers(1, 3)) for s in letters}
    count = draw(st.integers(1, 4))
    terms = [draw(st.text(alphabet=letters, min_size=0, max_size=4)) for _ in range(count)]
    present = sorted(set("".join(terms)))
    if draw(st.booleans()):
        output = "".join(draw(st.permutations(present))[: draw(st.integers(0, len(present)))])
        equation = ",".join(terms) + "->" + output
    else:
        equation = ",".join(terms)
    seed = draw(st.integers(0, 2**31 - 1))
    return equation, [[sizes[s] for s in term] for term in terms], seed


@settings(max_examples=150, deadline=None)
@given(equations())
def test_random_equations_with_repeated_indices_agree_with_numpy(case):
    equation, shapes, seed = case
    rng = np.random.default_rng(seed)
    arrays = [rng.normal(size=shape) if shape else np.asarray(rng.normal()) for shape in shapes]
    expected = np.einsum(equation, *arrays)
    got = pn.einsum(equation, *arrays).value()
    assert np.shape(got) == np.shape(expected), equation
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-10)


@settings(max_examples=40, deadline=None)
@given(equations())
def test_exact_integers_stay_exact_through_copy_tensors(case):
    equation, shapes, seed = case
    rng = np.random.default_rng(seed)
    arrays = [rng.integers(-3, 4, size=shape) if shape else np.asarray(rng.integers(-3, 4)) for shape in shapes]
    expected = np.einsum(equation, *[a.astype(object) for a in arrays])
    got = pn.einsum(equation, *arrays).value()
    assert np.array_equal(np.asarray(got, dtype=object), np.asarray(expected, dtype=object)), equation
