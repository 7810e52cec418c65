"""Step-by-step contraction: each step merges two boxes and keeps the value."""

import numpy as np
import opt_einsum
import pytest
from svgcheck import check_structure, parse

import penrose as pn


def chain():
    rng = np.random.default_rng(5)
    ops = [pn.op(rng.normal(size=(3, 3)), name=n) for n in "ABC"]
    return pn.bra(rng.normal(size=3), name="u") @ ops[0] @ ops[1] @ ops[2] @ pn.ket(rng.normal(size=3), name="v")


@pytest.mark.parametrize("optimize", ["auto", "greedy", "optimal"])
def test_each_step_merges_two_boxes_and_keeps_the_value(optimize):
    diagram = chain()
    steps = diagram.steps(optimize=optimize)
    assert len(steps) == len(diagram.nodes) - 1
    for k, step in enumerate(steps, 1):
        assert len(step.diagram.nodes) == len(diagram.nodes) - k
        assert step.flops > 0
        assert step.diagram.value() == pytest.approx(diagram.value())
    equation, arrays = diagram.to_einsum()
    _, reference = opt_einsum.contract_path(equation, *arrays, optimize=optimize)
    assert sum(step.flops for step in steps) == reference.opt_cost


def test_open_legs_survive_the_steps():
    rng = np.random.default_rng(6)
    A, B = pn.op(rng.normal(size=(2, 3)), name="A"), pn.op(rng.normal(size=(3, 4)), name="B")
    last = (A @ B).steps()[-1].diagram
    assert last.kind == "operator" and last.shape == (2, 4)
    np.testing.assert_allclose(last.value(), A.value() @ B.value())
    assert last.nodes[0].name == "(AB)"


def test_the_strip_draws_every_stage():
    diagram = chain()
    steps = diagram.steps()
    svg = steps.draw().to_svg()
    picture = parse(svg)
    assert len({b.term for b in picture.boxes}) == len(steps) + 1
    assert svg.count("flops") == len(steps)
    check_structure(parse(steps[0].diagram.draw().to_svg()), steps[0].diagram)
