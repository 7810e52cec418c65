"""Evaluation: cached paths, shapes of results, backends, path reports."""

import numpy as np
import opt_einsum
import pytest

import penrose as pn
from penrose import contraction


def mps_norm(n, bond, seed=0):
    rng = np.random.default_rng(seed)
    tensors = [rng.normal(size=(1 if k == 0 else bond, 2, 1 if k == n - 1 else bond)) for k in range(n)]
    chain = pn.tensor(tensors[0], legs=[("l", "W"), ("p", "S"), ("r", "E")])
    for t in tensors[1:]:
        chain = chain @ pn.tensor(t, legs=[("l", "W"), ("p", "S"), ("r", "E")])
    return chain, tensors


def test_same_structure_skips_path_finding(monkeypatch):
    pn.clear_path_cache()
    calls = []
    original = opt_einsum.contract_path
    monkeypatch.setattr(opt_einsum, "contract_path", lambda *a, **k: calls.append(1) or original(*a, **k))
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
    assert first.path().search_seconds >= 0


def test_cached_results_use_the_new_numbers():
    a, b = pn.bra([1, 2]) @ pn.ket([3, 4]), pn.bra([5, 6]) @ pn.ket([7, 8])
    assert (a.value(), b.value()) == (11, 83)


def test_path_reports_cost():
    chain, tensors = mps_norm(8, 4)
    path = chain.path()
    assert isinstance(path, pn.ContractionPath)
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
    assert contraction.parse_memory_limit("1KB", itemsize=8) == 125
    assert contraction.parse_memory_limit("2GiB", itemsize=16) == 2**31 // 16
    assert contraction.parse_memory_limit(10, itemsize=8) == 10
