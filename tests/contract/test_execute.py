"""The pairwise executor (index order without needless copies) and the path policy (what "auto" searches)."""

from __future__ import annotations

import time

import numpy as np
import opt_einsum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from processes import printed_under_hash_seeds

import penrose as pn
from penrose.core.contract import refine
from penrose.core.contract.execute import PairwiseExpression


def _expression(equation, arrays, optimize="greedy"):
    shapes = [a.shape for a in arrays]
    _, info = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize=optimize)
    fallback = opt_einsum.contract_expression(equation, *shapes, optimize=optimize)
    return PairwiseExpression(equation, shapes, info.contraction_list, fallback)


@pytest.mark.parametrize(
    "equation",
    [
        "ab,bc->ac",
        "ab,bc->ca",  # an output order that is not the natural one
        "abc,bcd->ad",
        "abc,cab->",  # the same indices, stored in other orders
        "ab,cd->abcd",  # an outer product
        "ab,ab->ab",  # a Hadamard product: a batch step, done by einsum
        "abc,bd,cd->a",
        "ij,jk,kl,li->",
        "aab,bc->ac",  # a trace inside an operand
        "abcd,cdef,efab->",
        "a,a->",
    ],
)
def test_the_executor_agrees_with_numpy_einsum(equation):
    rng = np.random.default_rng(1)
    sizes = {s: 2 + k % 3 for k, s in enumerate(sorted(set(equation) - set(",->")))}
    arrays = [rng.normal(size=[sizes[s] for s in term]) for term in equation.split("->")[0].split(",")]
    expected = np.einsum(equation, *arrays)
    got = _expression(equation, arrays)(*arrays)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)
    assert np.shape(got) == np.shape(expected)


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 12), st.integers(0, 2**31 - 1), st.booleans())
def test_random_closed_and_open_networks_agree_with_numpy(tensors, seed, complex_data):
    rng = np.random.default_rng(seed)
    equation, arrays = pn.networks.random_regular(tensors + tensors % 2, 2, seed=seed % 1000)
    terms = equation[:-2].split(",")
    cut, fresh = terms[0][0], "Z"  # (at most 18 lines: a-r)
    terms[0] = fresh + terms[0][1:]  # cut one line: both of its ends are open legs now
    terms_open = ",".join(terms) + "->" + cut + fresh
    if complex_data:
        arrays = [a + 1j * rng.normal(size=a.shape) for a in arrays]
    expected = np.einsum(terms_open, *arrays, optimize="greedy")
    np.testing.assert_allclose(_expression(terms_open, arrays)(*arrays), expected, rtol=1e-9, atol=1e-12)
    diagram = pn.einsum(terms_open, *arrays)
    np.testing.assert_allclose(diagram.value(optimize="greedy"), expected, rtol=1e-9, atol=1e-12)


def test_other_array_libraries_and_exact_numbers_take_the_right_road():
    arrays = [np.arange(6).reshape(2, 3), np.arange(12).reshape(3, 4)]
    expression = _expression("ab,bc->ac", arrays)
    assert (expression(*arrays) == arrays[0] @ arrays[1]).all()
    exact = [a.astype(object) * (10**20) for a in arrays]  # Python integers: no overflow, no float
    assert expression(*exact).tolist() == (exact[0].dot(exact[1])).tolist()
    np.testing.assert_array_equal(expression(*arrays, backend="numpy"), arrays[0] @ arrays[1])


def _copies(expression, equation):
    """How many operands a run must rearrange in memory (a transpose that is not a rotation of its axes)."""
    copies = 0
    for step in expression.steps:
        if step.axes is None:
            continue
        for order in (step.matrices[0], step.matrices[2]):
            if order is not None and order != tuple(range(order[0], len(order))) + tuple(range(order[0])):
                copies += 1
    return copies


def test_a_chain_runs_as_matrix_products_without_copies():
    tensors = pn.networks.random_mps_tensors(40, 16, seed=2)
    diagram = pn.networks.mps_norm(tensors)
    equation, arrays = diagram.to_einsum()
    path = diagram.path()
    expression = _expression(equation, arrays, optimize=list(path.steps))
    assert all(step.axes is not None for step in expression.steps)  # every step is one BLAS call
    assert _copies(expression, equation) == 0
    environment = tensors[0].T @ tensors[0].conj()  # the norm by transfer matrices, as numpy alone does it
    for tensor in tensors[1:-1]:
        environment = np.einsum("ab,apc,bpd->cd", environment, tensor, tensor.conj())
    expected = np.einsum("ab,ap,bp->", environment, tensors[-1], tensors[-1].conj())
    np.testing.assert_allclose(expression(*arrays), expected, rtol=1e-10)
    np.testing.assert_allclose(diagram.value(), expected, rtol=1e-10)


def test_combo_cost_counts_flops_as_opt_einsum_does():
    equation, arrays = pn.networks.random_regular(30, 3, seed=4)
    shapes = [a.shape for a in arrays]
    steps, info = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize="greedy")
    inputs, output, sizes = refine._integers(equation, shapes)
    flops, writes = refine.combo_cost(steps, inputs, output, sizes)
    assert flops == float(info.opt_cost)
    assert writes == sum(np.prod([sizes[i] for i in term]) for term in _results(steps, inputs, output))


def _results(steps, inputs, output):
    operands = [set(t) for t in inputs]
    for step in steps:
        picked = [operands[k] for k in step]
        for k in sorted(step, reverse=True):
            del operands[k]
        keep = set(output).union(*operands) if operands else set(output)
        result = set().union(*picked) & keep
        operands.append(result)
        yield result


def test_a_cheap_or_small_network_keeps_its_first_path():
    equation, arrays = pn.networks.random_grid(3, 2)
    shapes = [a.shape for a in arrays]
    steps, _ = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize="greedy")
    best, final = refine.refine_path(equation, shapes, steps)
    assert best.stage == "first" and final


def test_an_expensive_greedy_path_is_replaced_by_a_much_cheaper_one():
    equation, arrays = pn.networks.random_regular(100, 2, seed=0)
    shapes = [a.shape for a in arrays]
    steps, info = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize="greedy")
    found, final = refine.refine_path(equation, shapes, steps)
    assert found.stage != "first" and final
    assert found.flops < float(info.opt_cost) / 10  # greedy: 5.9e8 FLOPs; a few trials find < 3e7
    with pytest.warns(pn.errors.PathSearchWarning, match="backstop"):  # no time: no search, and it is said
        cut = refine.refine_path(equation, shapes, steps, cap=0.0)[0]
    assert cut.stage == "first-cut"


def test_a_first_evaluation_defers_the_search_to_the_second(fresh_path_cache):
    equation, arrays = pn.networks.random_regular(100, 2, seed=0)  # greedy: ~10 ms, far from the best
    diagram = pn.einsum(equation, *arrays)
    shapes = tuple(a.shape for a in arrays)
    first = diagram.value()
    (key,) = [k for k in fresh_path_cache._entries if k[1] == shapes]
    assert not fresh_path_cache.get(key).final  # contracted at once on the greedy path
    assert fresh_path_cache.get(key).path.optimizer == "auto"
    second = pn.einsum(equation, *arrays).value()  # a new diagram, the same structure: now it searches
    settled = fresh_path_cache.get(key)
    assert settled.final and settled.path.optimizer.startswith("auto+")
    assert settled.path.flops < 1e8
    np.testing.assert_allclose(second, first, rtol=1e-10)
    np.testing.assert_allclose(second, opt_einsum.contract(equation, *arrays), rtol=1e-10)  # (too wide for numpy)


def test_when_to_search_is_decided_by_the_network_alone():
    equation, arrays = pn.networks.random_regular(100, 2, seed=0)
    shapes = [a.shape for a in arrays]
    steps, _ = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize="greedy")
    first, final = refine.refine_path(equation, shapes, steps, deep=False)
    assert first.stage == "first" and not final and first.cost < refine.SEARCH_AT_ONCE_COST  # searched next time
    assert not hasattr(refine, "machine_rate")  # no measured speed decides a path


def test_the_same_network_gets_the_same_path_in_every_process():
    script = (
        "import penrose as pn\n"
        "equation, arrays = pn.networks.random_regular(100, 2, seed=3)\n"
        "path = pn.einsum(equation, *arrays).path()\n"
        "assert path.optimizer != 'auto', path  # refined: the randomised stages ran\n"
        "print(path.optimizer, path.flops, path.steps)\n"
    )
    outputs = printed_under_hash_seeds(script)
    assert len(outputs) == 1, outputs


def test_a_partitioning_stage_finds_the_paths_greedy_trials_miss_on_irregular_networks():
    pytest.importorskip("cotengra")
    equation, arrays = pn.networks.random_regular(80, 3, seed=2)
    shapes = [a.shape for a in arrays]
    steps, _ = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize="greedy")
    found, final = refine.refine_path(equation, shapes, steps)
    assert final and found.stage == "partition"
    assert found.flops < 2e9  # greedy trials and reconfiguration alone: 5.0e9
    assert refine.partition_trials(80, 5e9) == 16 and refine.partition_trials(50, 1e8) == 0  # by the network alone


def test_crowded_reads_the_run_queue_against_the_cores_counting_blas_threads(monkeypatch):
    """Other work holds the cores when other processes' threads ready to run, with this one's BLAS threads,
    outnumber the cores: one busy neighbour on 2 cores with 2 BLAS threads is crowded, none is not; looked up at
    most every CROWD_CHECK_SECONDS; where the system does not say, never."""
    from penrose.core.contract import threads

    clock = [100.0]
    monkeypatch.setattr(threads.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(threads, "_cores", lambda: 2)
    monkeypatch.setattr(threads.BlasThreads, "count", property(lambda self: 2))
    monkeypatch.setitem(threads._looked, "at", -1e9)
    monkeypatch.setitem(threads._looked, "seen", False)
    queue = [0]
    monkeypatch.setattr(threads, "_running_threads", lambda: queue[0])
    assert not threads.crowded(), "alone"
    queue[0] = 1
    assert not threads.crowded(), "the last look holds for CROWD_CHECK_SECONDS"
    clock[0] += threads.CROWD_CHECK_SECONDS
    assert not threads.crowded(), "one look at a busy neighbour may be a moment's sample"
    clock[0] += threads.CROWD_CHECK_SECONDS
    assert threads.crowded(), "a busy neighbour on two looks in a row"
    queue[0] = None
    clock[0] += threads.CROWD_CHECK_SECONDS
    assert not threads.crowded(), "the system does not say"


def test_this_processs_own_threads_are_not_counted_as_other_work():
    from penrose.core.contract import threads

    def looks():  # a few looks 10 ms apart: other processes' threads come and go between any two
        seen = []
        for _ in range(5):
            seen.append(threads._running_threads())
            time.sleep(0.01)
        return seen

    before = looks()
    if None in before:
        pytest.skip("the system does not say")
    assert min(before) >= 0
    equation, arrays = pn.networks.random_peps_norm(4, bond=3, seed=5)
    diagram = pn.einsum(equation, *arrays)
    diagram.path()
    for _ in range(20):  # (BLAS's threads spin between products: they are this process's, not other work)
        diagram.value()
    # right after the products, while this process's BLAS threads still spin: they are not counted (a neighbour
    # that woke meanwhile may be, hence the least of a few looks against the most before)
    assert min(looks()) <= max(before) + 1


def test_a_crowded_machine_runs_every_step_on_one_thread_with_the_same_bits(monkeypatch):
    from penrose.core.contract import threads

    libraries = threads._libraries()
    if not libraries or max(library.get_num_threads() for library in libraries) < 2:
        pytest.skip("BLAS runs one thread here")
    equation, arrays = pn.networks.random_peps_norm(4, bond=3, seed=5)
    diagram = pn.einsum(equation, *arrays)
    diagram.path()  # (searched now: both evaluations below follow the same path)
    calm = diagram.value()
    counts = []
    original = np.dot

    def dot(left, right):
        counts.append(max(library.get_num_threads() for library in libraries))
        return original(left, right)

    monkeypatch.setattr(threads, "crowded", lambda: True)
    monkeypatch.setattr("penrose.core.contract.execute.crowded", lambda: True)
    monkeypatch.setattr("penrose.core.contract.execute.np.dot", dot)
    busy = diagram.value()
    assert counts and set(counts) == {1}, "every product on one thread"
    assert busy == calm, "the same bits: threads split rows and columns, not sums"


def test_small_products_run_on_one_blas_thread_and_the_count_comes_back(monkeypatch):
    """Steps below SINGLE_THREAD_FLOPS on one BLAS thread (they stall when other work holds the cores), bigger ones
    on as many as BLAS had; afterwards, and after an error, BLAS has its threads back."""
    from penrose.core.contract import threads

    libraries = threads._libraries()
    if not libraries:
        pytest.skip("no BLAS threadpoolctl knows")
    before = [library.get_num_threads() for library in libraries]
    seen = []
    original = threads.BlasThreads.one_thread

    def spy(self):
        seen.append(True)
        original(self)
        assert all(library.get_num_threads() == 1 for library in libraries)

    monkeypatch.setattr(threads.BlasThreads, "one_thread", spy)
    rng = np.random.default_rng(3)
    tensors = [rng.normal(size=(1 if k == 0 else 8, 2, 1 if k == 11 else 8)) for k in range(12)]
    norm = pn.networks.mps_norm(tensors)
    reference = np.einsum(norm.to_einsum()[0], *norm.to_einsum()[1], optimize=True)
    np.testing.assert_allclose(norm.value(), reference)
    np.testing.assert_allclose(norm.value(), reference)
    assert seen, "the small steps asked for one thread"
    assert [library.get_num_threads() for library in libraries] == before


def test_partitioning_is_bounded_by_the_network_alone():
    """Trials worth a quarter of the contraction, at most 16, and no more than a budget in all: a 32×32 grid's
    search no longer runs to the 60 s backstop (24×24: 16 trials, each reconfigured, took 53 s; now 5 raw trials
    take about 11 s, and only the best is reconfigured)."""
    assert refine.partition_trials(80, 1e30) == refine.PARTITION_TRIALS
    assert refine.partition_trials(576, 1e30) == 5
    assert refine.partition_trials(1024, 1e30) == 1
    assert refine.partition_trials(80, 1e9) == int(1e9 / (4 * refine.PARTITION_TRIAL_COST * 80**2))


def test_a_ladder_is_zipped_column_by_column_by_the_sweep():
    """An MPO between an MPS and its conjugate: the sweep absorbs it column by column, its intermediate never
    wider than a column's lines (D·w·D entries, times at most d³ while a column is half absorbed);
    the path value() takes costs no more than the sweep, which opt_einsum itself costs here."""
    from penrose.core.contract.refine import sweep_path

    sites, bond, width = 40, 16, 4
    state = pn.networks.random_mps_tensors(sites, bond, seed=1)
    diagram = pn.networks.mpo_expectation(state, pn.networks.random_mpo_tensors(sites, width, seed=2))
    equation, arrays = diagram.to_einsum()
    inputs = [[ord(symbol) for symbol in term] for term in equation.split("->")[0].split(",")]
    path = sweep_path(inputs)
    _, swept = opt_einsum.contract_path(equation, *arrays, optimize=path)
    assert swept.largest_intermediate <= bond * width * bond * 2**3
    assert diagram.path().flops <= swept.opt_cost
    greedy = opt_einsum.contract_path(equation, *arrays, optimize="greedy")[1].opt_cost
    assert swept.opt_cost * 100 < greedy, "where opt_einsum's greedy path is catastrophic"
    assert diagram.value() == pytest.approx(opt_einsum.contract(equation, *arrays, optimize=path))  # (its own executor)
