"""A structure evaluated again and again earns one deeper path search, at an evaluation count set by the network."""

from __future__ import annotations

import numpy as np
import opt_einsum
import pytest
from processes import printed_under_hash_seeds

import penrose as pn
from penrose.core.contract import paths, refine

pytest.importorskip("cotengra")

#: A random 3-regular network whose stages still find room (its hyper stage beats the reconfigured path).
IRREGULAR = (30, 4, 0)


def _plan(cache, shapes):
    (key,) = [k for k in cache._entries if k[1] == shapes]
    return cache.get(key)


def test_a_reused_structure_earns_the_deeper_search_at_its_due_evaluation(fresh_path_cache, monkeypatch):
    monkeypatch.setattr(paths, "reuse_due", lambda cost, tensors: 3)  # (the real count is tens of thousands here)
    equation, arrays = pn.networks.random_regular(*IRREGULAR)
    arrays = [a * (1 + 0.5j) for a in arrays]  # complex entries: the value must not change with the path
    reference = opt_einsum.contract(equation, *arrays, optimize="greedy")
    shapes = tuple(a.shape for a in arrays)
    diagram = pn.einsum(equation, *arrays)
    searched = diagram.path()  # the stages run now; the first value() follows this path
    assert _plan(fresh_path_cache, shapes).reuse.evaluations == 0
    np.testing.assert_allclose(diagram.value(), reference, rtol=1e-10)
    assert _plan(fresh_path_cache, shapes).reuse.evaluations == 1
    np.testing.assert_allclose(pn.einsum(equation, *arrays).value(), reference, rtol=1e-10)  # the same structure
    assert _plan(fresh_path_cache, shapes).reuse.evaluations == 2  # counted by structure, whichever diagram
    assert diagram.path().optimizer.endswith("+forest")  # the next value() is the third: it will search, so now
    reused = _plan(fresh_path_cache, shapes)
    assert reused.reuse is None and reused.reusable and reused.path.flops <= searched.flops
    np.testing.assert_allclose(diagram.value(), reference, rtol=1e-10)
    assert diagram.path() is reused.path  # no further search, ever


def test_the_deeper_search_runs_at_the_due_evaluation_itself(fresh_path_cache, monkeypatch):
    monkeypatch.setattr(paths, "reuse_due", lambda cost, tensors: 3)
    calls = []
    original = refine.reuse_search
    monkeypatch.setattr(paths, "reuse_search", lambda *a: calls.append(1) or original(*a))
    equation, arrays = pn.networks.random_regular(*IRREGULAR)
    diagram = pn.einsum(equation, *arrays)
    diagram.path()
    values = [diagram.value() for _ in range(5)]
    assert calls == [1]  # once, at the third evaluation
    np.testing.assert_allclose(values, values[0], rtol=1e-10)


def test_thorough_runs_every_search_now_and_a_ladder_on_its_sweep_earns_none(fresh_path_cache):
    equation, arrays = pn.networks.random_regular(*IRREGULAR)
    path = pn.einsum(equation, *arrays).path(thorough=True)
    assert path.optimizer.endswith("+forest")
    assert refine.reuse_due(1e6, 30) == 200_000 and refine.reuse_due(1e12, 30) == 1  # a count, by the network
    state = pn.networks.random_mps_tensors(100, 64, seed=0)
    ladder = pn.networks.mps_norm(state)
    ladder.value()  # (on the sweep; the stages are left to the next evaluation)
    found = ladder.path(thorough=True)
    assert found.optimizer in ("auto+sweep", "auto+reconfigured")  # the stages ran, found next to nothing
    assert all(plan.reuse is None for plan in fresh_path_cache._entries.values() if hasattr(plan, "reuse"))


def test_the_deeper_search_finds_the_same_path_in_every_process():
    script = (
        "import penrose as pn\n"
        f"equation, arrays = pn.networks.random_regular{IRREGULAR}\n"
        "path = pn.einsum(equation, *arrays).path(thorough=True)\n"
        "print(path.optimizer, path.flops, path.steps)\n"
    )
    outputs = printed_under_hash_seeds(script)
    assert len(outputs) == 1, outputs


def test_exact_and_tiny_entries_keep_their_value_through_the_deeper_search(fresh_path_cache, monkeypatch):
    monkeypatch.setattr(paths, "reuse_due", lambda cost, tensors: 2)
    equation, arrays = pn.networks.random_regular(*IRREGULAR)
    rng = np.random.default_rng(9)
    integers = [rng.integers(-3, 4, size=a.shape) for a in arrays]
    exact = int(opt_einsum.contract(equation, *[a.astype(object) for a in integers], optimize="greedy"))
    diagram = pn.einsum(equation, *integers)
    assert diagram.value() == exact  # the first path
    assert diagram.value() == exact and diagram.path().optimizer.endswith("+forest")  # the forest's, exactly
    tiny = [a * 1e-8 * (1 + 1j) for a in arrays]  # 30 boxes of 1e-8: a value near 1e-240, far from 1
    reference = opt_einsum.contract(equation, *[a.astype(complex) for a in arrays], optimize="greedy")
    scaled = pn.einsum(equation, *tiny)
    first, second = scaled.value(), scaled.value()
    np.testing.assert_allclose(complex(second) / complex(first), 1, rtol=1e-10)
    np.testing.assert_allclose(complex(first) / (reference * (1e-8 * (1 + 1j)) ** 30), 1, rtol=1e-10)
