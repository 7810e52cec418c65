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


def test_steps_keep_stars_and_daggers_and_each_box_where_its_members_were():
    from svgcheck import defects, honesty

    norm = pn.networks.mps_norm(pn.networks.random_mps_tensors(4, 2))
    steps = norm.steps(optimize="greedy")
    assert any("*" in name for step in steps for name in step.merged)  # the conjugate layer keeps its star
    for step in steps:  # each box of a step holds some of the original boxes, each original box once
        assert sorted(k for held in step.members for k in held) == list(range(len(norm.nodes)))
        assert len(step.members) == len(step.diagram.nodes)
        for node, held in zip(step.diagram.nodes, step.members):
            if len(held) == 1:
                assert node is norm.nodes[held[0]]  # a box not merged yet is the box it was (A₃* keeps its star)
    figure = steps.draw(column=True)
    picture = parse(figure.to_svg())
    assert defects(picture) == {} and honesty(picture)["crossings"] == 0  # the ladder collapses without crossings
    merged = [box for box in picture.boxes if box.term == 1]  # step 1: a merged box between A₁ and A₁*
    original = [box for box in picture.boxes if box.term == 0]
    assert len(merged) == len(original) - 1
