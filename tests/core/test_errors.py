"""Bad input: a clear pn.DiagramError, naming what was wrong, before any contraction."""

import numpy as np
import pytest

import penrose as pn


def raises(message):
    return pytest.raises(pn.DiagramError, match=message)


def test_diagram_error_is_a_value_error():
    assert issubclass(pn.DiagramError, ValueError)


def test_adding_a_bra_and_a_ket():
    with raises(r"cannot add ket 'ψ' \(W: i\[4\]\) and bra 'φ' \(E: i\[4\]\).*different spaces"):
        pn.ket([1, 2, 4, 3], name="ψ") + pn.bra([5, 1, -3, 2], name="φ")


def test_joining_dimension_4_to_3():
    with raises(r"operator 'H' @ ket 'ψ'.*dimension 4 but the W leg 'i' it would join has dimension 3"):
        pn.op(np.ones((2, 4)), name="H") @ pn.ket([1, 2, 3], name="ψ")


def test_two_east_legs_against_one_west_leg():
    two_east = pn.tensor(np.ones((2, 2, 2)), legs=[("a", "W"), ("b", "E"), ("c", "E")], name="T")
    with raises(r"has 2 open E legs \[b:2, c:2\] but the right one has 1 open W leg \[i:2\]"):
        two_east @ pn.ket([1, 0], name="ψ")


def test_evaluating_a_symbolic_node():
    chi = pn.ket(name="χ", dim=4)
    with raises(r"ket 'χ' is symbolic"):
        (pn.bra([1, 2, 4, 3]) @ chi).value()
    assert chi.symbolic and chi.shape == (4,)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: pn.op([[1, 2], [3]], name="H"), r"op 'H': data is ragged"),
        (lambda: pn.ket(["a b", "c"], name="ψ"), r"ket 'ψ': data must be numbers.*'a b' \(str"),
        (lambda: pn.ket([1, None], name="ψ"), r"ket 'ψ': data must be numbers.*None"),
        (lambda: pn.ket([1.0, np.nan], name="ψ"), r"ket 'ψ': data holds nan at position \(1,\)"),
        (lambda: pn.op([[1, np.inf], [0, 1]], name="H"), r"op 'H': data holds inf at position \(0, 1\)"),
        (lambda: pn.ket([np.inf, "a"], name="ψ"), r"ket 'ψ': data holds inf at position \(0,\)"),  # beside a symbol
        (lambda: pn.op([1, 2], name="H"), r"op 'H': needs a 2-d array.*got shape \(2,\).*use pn.ket"),
        (lambda: pn.op(np.ones((2, 2, 2)), name="H"), r"op 'H': needs a 2-d array.*\(2, 2, 2\)"),
        (lambda: pn.ket([[1, 2], [3, 4]], name="ψ"), r"ket 'ψ': needs a 1-d array.*use pn.op"),
        (lambda: pn.scalar([1, 2]), r"scalar.*needs a 0-d array"),
        (
            lambda: pn.tensor(np.ones((2, 2)), legs=[("a", "W"), ("a", "E")], name="T"),
            r"tensor 'T': the leg name 'a' is used twice",
        ),
        (
            lambda: pn.tensor(np.ones(2), legs=[("a", "X")], name="T"),
            r"leg 'a' of tensor 'T' has side 'X'.*'W' \(left\), 'E' \(right\)",
        ),
        (
            lambda: pn.tensor(np.ones((2, 2)), legs=[("a", "W")], name="T"),
            r"tensor 'T': data has 2 axes \(shape \(2, 2\)\) but 1 leg",
        ),
        (lambda: pn.ket([1, 2], name="ψ", dim=3), r"ket 'ψ': leg 'i' is declared with dim 3 but the data has 2"),
        (lambda: pn.ket(pn.ket([1]), name="ψ"), r"already a diagram"),
    ],
)
def test_bad_data(make, message):
    with raises(message):
        make()


def test_bad_coefficients_and_operands():
    psi = pn.ket([1, 0], name="ψ")
    with raises(r"cannot multiply ket 'ψ' by list \[1, 2\]: a coefficient must be a single number"):
        psi * [1, 2]
    with raises(r"not finite"):
        psi * float("nan")
    with raises(r"divide ket 'ψ' by zero"):
        psi / 0
    with raises(
        r"cannot use @ between ket 'ψ' and ndarray of shape \(2, 2\): "
        r"both sides must be penrose diagrams; to multiply by a number use \*"
    ):
        psi @ np.eye(2)
    with raises(r"join lines with @"):
        psi * psi
    with raises(r"cannot add 3 to ket 'ψ'"):
        psi + 3


def test_trace_needs_matching_legs():
    with raises(r"cannot trace ket 'ψ': it has 1 open W leg\(s\) \[i:2\] and 0 open E leg"):
        pn.trace(pn.ket([1, 0], name="ψ"))
    with raises(r"cannot trace leg 'j' \(dim 3, side E\) of operator 'M' to leg 'i' \(dim 2, side W\)"):
        pn.trace(pn.op(np.ones((2, 3)), name="M"))


def test_connect_errors_name_the_legs():
    T = pn.tensor(np.ones((2, 3)), legs=[("a", "W"), ("b", "E")], name="T")
    with raises(r"tensor 'T' has no open leg 'z'; its open legs are: 0: a\[2\] W of node 0 \(T.a\), 1: b\[3\] E"):
        pn.connect(T, "z", T, "a")
    with raises(r"cannot connect leg 'b' \(dim 3, side E\) of tensor 'T' to leg 'a' \(dim 2, side W\)"):
        pn.connect(T, "b", T, "a")
    pair = T & T
    with raises(r"has 2 open legs named 'a'; name one as 'box.leg' \(e.g. 'A_3.p'\), by its position"):
        pair.join("a", "b")
    with raises(r"no leg number 5"):
        pair.join(5, 0)


def test_einsum_errors():
    assert pn.einsum("i,i,i->", np.ones(2), np.ones(2), np.ones(2)).value() == 2  # three legs meet at a δ
    with raises(r"has 2 operand\(s\) but 1 array"):
        pn.einsum("i,i->", np.ones(2))
    with raises(r"index 'j' has dimension 3 in operand 0 \('T1'\) but 2 in operand 1"):
        pn.einsum("ij,jk->ik", np.ones((2, 3)), np.ones((2, 2)))
    with raises(r"'\.\.\.' twice"):
        pn.einsum("...i...->i", np.ones(2))
    with raises(r"cannot be broadcast together \(sizes \[2, 3\]"):
        pn.einsum("...,...->...", np.ones(2), np.ones(3))
    with raises(r"output index 'z' is in no input"):
        pn.einsum("i->z", np.ones(2))


def test_a_sum_has_no_single_graph_or_equation():
    total = pn.ket([1, 0]) + pn.ket([0, 1])
    with raises(r"is a sum of 2 terms, so it has no single graph"):
        total.graph  # noqa: B018
    with raises(r"no single einsum equation"):
        total.to_einsum()


def test_memory_limit_refuses_before_allocating():
    A = pn.op(np.ones((50, 2)))
    outer = A @ A.dag  # a 50x50 result: 2500 elements
    with raises(r"within memory_limit=100 elements: its value alone has 2.5e\+03 elements.*raise memory_limit"):
        outer.value(memory_limit=100)
    number = pn.bra(np.ones(50)) @ outer @ pn.ket(np.ones(50))  # a number, through a 50x50 intermediate
    with raises(r"within memory_limit=100 elements: the best path found .* 2500 elements.*raise memory_limit"):
        number.value(optimize=[(1, 2), (0, 1), (0, 1)], memory_limit=100)
    with raises(r"memory_limit='lots' is not understood"):
        outer.value(memory_limit="lots")
    assert outer.value(memory_limit="1MB").shape == (50, 50)


def test_a_path_that_cannot_fit_in_memory_is_refused_before_contracting(monkeypatch):
    """A random 3-regular network of 200 boxes needs a 2^34-element intermediate: refused with its legs named."""
    import penrose.core.contract.plans as plans

    monkeypatch.setattr(plans, "physical_memory", lambda: 24 * 2**30)  # this workplace's machines, whatever runs it
    monkeypatch.setattr(pn.core.contract.refine, "PARTITION_TRIALS", 1)  # (the refusal is the point: a short
    monkeypatch.setattr(pn.core.contract.refine, "REUSE_TENSORS", 0)  # search will do, and no deeper one)
    equation, arrays = pn.networks.random_regular(200, bond=2, seed=0)
    diagram = pn.einsum(equation, *arrays)
    with raises(r"intermediate of [0-9.e+]+ elements, a tensor of 3\d legs \(2\^3\d\), [\d.]+ GB .* memory_limit="):
        diagram.value()
    assert diagram.path().largest_intermediate >= 2**32  # the path itself can still be looked at
    small = pn.einsum("ij,jk->ik", np.ones((300, 300)), np.ones((300, 300)))
    monkeypatch.setattr(plans, "physical_memory", lambda: 10**5)  # 12,500 float64: the 90,000-element value cannot fit
    with raises(r"more than this machine's memory"):
        small.value()
