"""Evaluation: cached paths, shapes of results, backends, path reports."""

import numpy as np
import opt_einsum
import pytest

import penrose as pn
from penrose.core.contract import memory, plans


def mps_norm(n, bond, seed=0):
    rng = np.random.default_rng(seed)
    tensors = [rng.normal(size=(1 if k == 0 else bond, 2, 1 if k == n - 1 else bond)) for k in range(n)]
    chain = pn.tensor(tensors[0], legs=[("l", "W"), ("p", "S"), ("r", "E")])
    for t in tensors[1:]:
        chain = chain @ pn.tensor(t, legs=[("l", "W"), ("p", "S"), ("r", "E")])
    return chain, tensors


def test_same_structure_skips_path_finding(monkeypatch, fresh_path_cache):
    from penrose.core.contract import paths

    calls = []
    original = paths.optimizer_steps
    monkeypatch.setattr(paths, "optimizer_steps", lambda *a, **k: calls.append(1) or original(*a, **k))
    first, _ = mps_norm(6, 3, seed=1)
    second, _ = mps_norm(6, 3, seed=2)  # same wiring and dims, other numbers
    first.value()
    assert len(calls) == 1
    first.value()
    second.value()
    assert len(calls) == 1, "a second diagram of the same structure must reuse the cached path"
    third, _ = mps_norm(6, 4)
    third.value()
    assert len(calls) == 2, "other dimensions are another structure"
    assert first.path() is second.path(), "one cached path object serves both diagrams"
    assert len(fresh_path_cache) == 2


def test_cached_results_use_the_new_numbers():
    a, b = pn.bra([1, 2]) @ pn.ket([3, 4]), pn.bra([5, 6]) @ pn.ket([7, 8])
    assert (a.value(), b.value()) == (11, 83)


def test_path_reports_cost():
    chain, tensors = mps_norm(8, 4)
    path = chain.path()
    assert isinstance(path, pn.contraction.ContractionPath)
    assert path.flops > 0 and path.largest_intermediate >= 1 and len(path.steps) == 7
    assert "Optimizer: auto" in str(path)
    np.testing.assert_allclose(
        chain.value(grouped=False),
        opt_einsum.contract(chain.to_einsum()[0], *tensors),
    )
    assert len((pn.ket([1, 0]) + pn.ket([0, 1])).path()) == 2


@pytest.mark.parametrize("optimize", ["greedy", "optimal", "dp", "branch-2", opt_einsum.RandomGreedy(max_repeats=4)])
def test_optimize_is_passed_through(optimize):
    chain, _ = mps_norm(5, 3)
    reference = chain.value()
    np.testing.assert_allclose(chain.value(optimize=optimize), reference)
    explicit = chain.path(optimize=optimize).steps
    np.testing.assert_allclose(chain.value(optimize=list(explicit)), reference)


def test_value_shapes_follow_the_kind():
    assert isinstance((pn.bra([1.5, 0]) @ pn.ket([2, 0])).value(), float)
    assert isinstance((pn.bra([1j, 0]) @ pn.ket([1j, 0])).value(), complex)
    assert pn.kron(pn.ket([1, 0]), pn.ket([0, 1]), pn.ket([1, 1])).value().shape == (8,)
    assert pn.kron(pn.op(np.eye(2)), pn.op(np.eye(3))).value().shape == (6, 6)
    T = pn.tensor(np.zeros((2, 3, 4)), legs=[("a", "S"), ("b", "W"), ("c", "N")])
    assert T.value().shape == (3, 4, 2)  # d.legs order: W, then N, then S
    assert [leg.name for leg in T.legs] == ["b", "c", "a"]


def test_results_are_independent_of_internal_storage():
    psi = pn.ket([1.0, 2.0])
    result = psi.value()
    result += 1
    assert psi.value().tolist() == [1.0, 2.0]


def test_input_arrays_are_copied():
    data = np.array([1.0, 2.0])
    psi = pn.ket(data)
    data[0] = 99
    assert psi.value().tolist() == [1.0, 2.0]


def test_numpy_backend_by_name():
    d = pn.op([[1, 2], [3, 4]]) @ pn.ket([1, 1])
    np.testing.assert_array_equal(d.value(backend="numpy"), [3, 7])


def test_torch_arrays_stay_torch():
    torch = pytest.importorskip("torch", reason="torch is not installed")
    A = pn.op(torch.eye(3, dtype=torch.float64))
    v = pn.ket(torch.arange(3, dtype=torch.float64))
    result = (A @ v).value()
    assert isinstance(result, torch.Tensor)
    assert result.tolist() == [0.0, 1.0, 2.0]


def test_memory_limit_in_bytes():
    assert memory.parse_memory_limit("1KB", itemsize=8) == 125
    assert memory.parse_memory_limit("2GiB", itemsize=16) == 2**31 // 16
    assert memory.parse_memory_limit(10, itemsize=8) == 10


def count_searches(monkeypatch):
    calls = []
    original = plans.search
    monkeypatch.setattr(plans, "search", lambda *a, **k: calls.append(1) or original(*a, **k))
    return calls


def test_small_networks_are_one_einsum(monkeypatch):
    calls = count_searches(monkeypatch)
    rng = np.random.default_rng(1)
    psi, H = rng.normal(size=3), rng.normal(size=(3, 3))
    diagram = pn.bra(psi) @ pn.op(H) @ pn.ket(psi)
    assert diagram.value() == pytest.approx(np.einsum("a,ab,b->", psi, H, psi))
    path = diagram.path()
    assert path.steps == ((0, 1, 2),) and path.optimizer.startswith("auto (one einsum")
    assert calls == [], "a small network needs no path search"
    assert len(diagram.path(optimize="greedy").steps) == 2, "an explicit optimizer still gets its pairwise path"
    assert calls == [1]


def test_one_einsum_honours_backends():
    d = pn.bra([1.0, 2.0]) @ pn.op([[1.0, 2.0], [3.0, 4.0]]) @ pn.ket([1.0, 1.0])
    assert d.value(backend="numpy") == d.value() == 17.0
    torch = pytest.importorskip("torch", reason="torch is not installed")
    t = pn.bra(torch.tensor([1.0, 2.0])) @ pn.op(torch.eye(2)) @ pn.ket(torch.tensor([3.0, 4.0]))
    result = t.value(grouped=False)
    assert isinstance(result, torch.Tensor) and float(result) == 11.0


def test_two_boxes_seen_once_go_straight_to_contract(monkeypatch, fresh_path_cache):
    calls = count_searches(monkeypatch)
    rng = np.random.default_rng(2)
    A, B = rng.normal(size=(40, 40)), rng.normal(size=(40, 40))  # 2 * 40³ multiply-adds: not one einsum
    first = pn.op(A) @ pn.op(B)
    np.testing.assert_allclose(first.value(), A @ B)
    assert calls == [], "a one-path structure seen for the first time is not planned"
    np.testing.assert_allclose(first.value(), A @ B)
    assert calls == [1], "seen again, it gets its prebuilt expression"
    np.testing.assert_allclose((pn.op(B) @ pn.op(A)).value(), B @ A)
    assert first.path().steps == ((0, 1),) and calls == [1]


@pytest.mark.parametrize(
    "optimize, message",
    [
        ("quickest", r"optimize='quickest' is not a path optimizer; use one of opt_einsum's names"),
        (3.5, r"optimize=3.5 is not a path optimizer"),
        ([], r"the explicit path leaves 2 operands of 2 unmerged"),
        ([(0, 0)], r"step 0 of the explicit path, \(0, 0\), is not a tuple of distinct positions"),
        ([(0, 2)], r"among the 2 operands left \(0 to 1\)"),
        ([(0, 1), (0, 1)], r"among the 1 operands left"),
    ],
)
def test_bad_optimize_is_refused_before_contracting(optimize, message, fresh_path_cache):
    A = pn.op(np.ones((40, 40)))
    with pytest.raises(pn.DiagramError, match=message):
        (A @ A).value(optimize=optimize)


def test_an_empty_path_on_a_trace_is_refused():
    # opt_einsum returns the untraced matrix for this, silently
    with pytest.raises(pn.DiagramError, match=r"leaves 1 operands of 1 unmerged|must contract"):
        pn.trace(pn.op(np.eye(3))).value(optimize=[])


def test_long_chains_of_dimension_one_are_searched_not_one_einsum():
    # tiny in FLOPs, but more operands and indices than one numpy einsum call takes
    chain = pn.bra(np.ones(1))
    for _ in range(70):
        chain = chain @ pn.op(np.full((1, 1), 2.0))
    chain = chain @ pn.ket(np.ones(1))
    assert chain.value() == 2.0**70
    assert len(chain.path().steps) == 71
