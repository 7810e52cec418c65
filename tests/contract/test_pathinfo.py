"""penrose's own path costing (linear in the network) gives exactly what opt_einsum.contract_path gives."""

import numpy as np
import opt_einsum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import penrose as pn
from penrose.core.contract.pathinfo import optimizer_steps, path_info, single_assignment


@st.composite
def equations(draw):
    """A random explicit einsum equation: up to 10 terms over up to 9 indices, repeated and summed alike."""
    symbols = [opt_einsum.get_symbol(k) for k in range(draw(st.integers(2, 9)))]
    count = draw(st.integers(1, 10))
    terms = [
        "".join(draw(st.lists(st.sampled_from(symbols), min_size=1, max_size=4, unique=True))) for _ in range(count)
    ]
    used = sorted(set("".join(terms)))
    output = "".join(draw(st.lists(st.sampled_from(used), max_size=3, unique=True)))
    dims = {s: draw(st.integers(1, 4)) for s in used}
    return ",".join(terms) + "->" + output, [tuple(dims[s] for s in term) for term in terms]


@settings(max_examples=200, deadline=None)
@given(equations(), st.sampled_from(["greedy", "auto", "optimal", "dp", "branch-2"]))
def test_costs_and_steps_are_opt_einsums_own(case, optimize):
    equation, shapes = case
    if optimize in ("optimal", "branch-2") and len(shapes) > 6:
        optimize = "greedy"  # (exhaustive searches grow factorially)
    steps, reference = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize=optimize)
    found = optimizer_steps(equation, shapes, optimize)
    info = path_info(equation, shapes, found)
    assert found == [tuple(step) for step in steps]
    assert info.contraction_list == reference.contraction_list
    assert (info.opt_cost, info.naive_cost, info.largest_intermediate) == (
        reference.opt_cost,
        reference.naive_cost,
        reference.largest_intermediate,
    )
    assert info.size_list == reference.size_list and info.scale_list == reference.scale_list
    assert str(info) == str(reference), "the printed report too"


def test_an_explicit_path_and_an_optimizer_object_are_taken_as_contract_path_takes_them():
    equation, arrays = pn.networks.random_regular(12, 2, seed=4)
    shapes = [a.shape for a in arrays]
    for optimize in ([(0, 1)] * 11, opt_einsum.paths.DynamicProgramming(), False):
        steps, reference = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize=optimize)
        found = optimizer_steps(equation, shapes, optimize)
        assert found == [tuple(step) for step in steps]
        assert path_info(equation, shapes, found).contraction_list == reference.contraction_list


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_positions_become_operand_numbers_as_a_shrinking_list_would_give(data):
    count = data.draw(st.integers(1, 30))
    path, left = [], count
    while left > 1:
        width = data.draw(st.integers(2, min(left, 3)))
        path.append(tuple(data.draw(st.permutations(range(left)))[:width]))
        left -= width - 1
    alive, expected = list(range(count)), []
    for number, step in enumerate(path):
        expected.append(tuple(alive[k] for k in step))
        for k in sorted(step, reverse=True):
            del alive[k]
        alive.append(count + number)
    assert single_assignment(count, path) == expected


@pytest.mark.parametrize("length", [3, 200])
def test_a_long_chain_is_costed_and_evaluated_right(length):
    rng = np.random.default_rng(length)
    mats = [np.eye(2) + 0.1 * (rng.normal(size=(2, 2)) + 1j * rng.normal(size=(2, 2))) for _ in range(length)]
    chain = pn.op(mats[0], name="A")
    for m in mats[1:]:
        chain = chain @ pn.op(m, name="A")
    np.testing.assert_allclose(chain.value(), np.linalg.multi_dot(mats) if length > 2 else mats[0] @ mats[1] @ mats[2])
    equation, arrays = chain.to_einsum()
    _, reference = opt_einsum.contract_path(equation, *arrays, optimize=[tuple(s) for s in chain.path().steps])
    assert chain.path().flops == int(reference.opt_cost)
