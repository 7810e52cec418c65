"""Evaluation (penrose.core.contract.evaluate): the entry point of value(), and the direct path of small diagrams."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import penrose as pn

rng = np.random.default_rng(3)
M = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
V = rng.normal(size=3) + 1j * rng.normal(size=3)


@pytest.mark.parametrize(
    "build, reference",
    [
        (lambda: pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2]), lambda: 1),
        (lambda: pn.op([[1, 2], [-1, 4]]) @ pn.ket([1, -2]), lambda: np.array([-3, -9])),
        (lambda: pn.ket(V).dag @ pn.op(M) @ pn.ket(V), lambda: np.vdot(V, M @ V)),
        (lambda: pn.op(M) @ pn.op(M.T), lambda: M @ M.T),
        (lambda: pn.trace(pn.op(M)), lambda: np.trace(M)),
        (lambda: pn.kron(pn.op(M), pn.op(M.T)), lambda: np.kron(M, M.T)),  # four legs, rows its two W legs
        (  # an MPO's legs drawn top to bottom: rows its S legs, which come after its N legs
            lambda: pn.tensor(M.reshape(3, 3), legs=[("i", "N"), ("o", "S")]),
            lambda: M.T,
        ),
        (lambda: pn.bra([Fraction(1, 3), 1]) @ pn.ket([3, 2**70]), lambda: 1 + 2**70),  # exact: never the fast path
    ],
)
def test_the_direct_path_of_a_small_diagram_gives_the_same_value_every_time(build, reference):
    diagram = build()
    values = [diagram.value() for _ in range(4)]  # the first evaluations set the direct path up, the rest use it
    for value in values:
        assert np.allclose(np.asarray(value, dtype=complex), np.asarray(reference(), dtype=complex))
        assert type(value) is type(values[0]) and np.shape(value) == np.shape(values[0])
    ungrouped = np.asarray(diagram.value(grouped=False), dtype=complex)  # one axis per leg, in legs order
    if diagram.kind == "operator":  # (rows: the output legs, which an MPO drawn top to bottom lists last)
        ungrouped = ungrouped.transpose(pn.core.values.output_first(diagram.legs))
    assert np.allclose(ungrouped.reshape(np.shape(values[0])), np.asarray(values[0], dtype=complex))


def test_the_direct_path_is_taken_only_with_the_defaults_and_plain_numbers():
    small = pn.op(M) @ pn.ket(V)
    small.value(), small.value()
    assert small._fast is not None
    assert np.allclose(small.value(optimize="greedy"), M @ V) and np.allclose(small.value(memory_limit="1GB"), M @ V)
    exact = pn.bra([1, 2]) @ pn.ket([3, 2**70])
    exact.value(), exact.value()
    assert exact._fast is None and exact.value() == 3 + 2**71
    scaled = 2 * (pn.bra([1, 2]) @ pn.ket([3, 4]))
    scaled.value(), scaled.value()
    assert scaled._fast is None and scaled.value() == 22


def test_a_value_is_never_a_view_of_a_box(tmp_path):
    box = pn.op(np.eye(2))
    value = box.value()
    value = box.value()
    value[0, 0] = 5  # the caller's copy: the box keeps its numbers
    assert box.value()[0, 0] == 1


@pytest.mark.parametrize("size", [2, 6, 40])  # (entry by entry up to 32 entries, numpy's isfinite beyond)
@pytest.mark.parametrize("dtype", [float, complex])
def test_a_vector_or_matrix_value_that_overflows_is_refused_and_a_finite_one_is_not(size, dtype):
    rng = np.random.default_rng(size)
    matrix = rng.normal(size=(size, size)).astype(dtype) * (1 + 1j if dtype is complex else 1)
    vector = rng.normal(size=size).astype(dtype)
    fine = pn.op(matrix, name="A") @ pn.ket(vector, name="v")
    np.testing.assert_allclose(fine.value(), matrix @ vector, rtol=1e-12)
    huge = matrix.copy()
    huge[size - 1, :] = 1e308  # one row's sum overflows: one entry of the value is infinite or NaN
    with pytest.raises(pn.DiagramError, match="overflowed"):
        (pn.op(huge, name="A") @ pn.ket(np.abs(vector) + 1, name="v")).value()
    edge = matrix.copy()
    edge[0, 0] = 1.7e308  # an entry near the largest double: its value stays finite
    assert np.isfinite((pn.op(edge, name="A") @ pn.basis(0, size)).value()).all()
