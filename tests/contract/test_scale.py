"""Scale: optimizers for big networks, array backends, a dask cluster, memory limits."""

import sys

import numpy as np
import opt_einsum
import pytest

import penrose as pn


def regular_graph(tensors=60, bond=4, seed=0):
    return pn.networks.random_regular(tensors, bond, seed)


def test_auto_refines_an_expensive_greedy_path(fresh_path_cache):
    equation, arrays = regular_graph()
    diagram = pn.einsum(equation, *arrays)
    path = diagram.path()
    _, greedy = opt_einsum.contract_path(equation, *arrays)
    assert path.optimizer.startswith("auto+")
    assert path.flops < float(greedy.opt_cost) / 10
    assert path.search_seconds > 0, "the path was searched now, not taken from the cache"
    np.testing.assert_allclose(diagram.value(), opt_einsum.contract(equation, *arrays, optimize=list(path.steps)))


def test_cheap_paths_are_not_searched_again(fresh_path_cache):
    diagram = pn.einsum("ab,bc,cd,de->ae", *[np.ones((8, 8))] * 4)
    assert diagram.path().optimizer == "auto"


def test_cotengra_by_name():
    pytest.importorskip("cotengra", reason="cotengra is not installed")
    equation, arrays = regular_graph(20, 2)
    diagram = pn.einsum(equation, *arrays)
    np.testing.assert_allclose(diagram.value(optimize="cotengra"), opt_einsum.contract(equation, *arrays))
    import cotengra

    optimizer = cotengra.HyperOptimizer(max_repeats=4, progbar=False, methods=["greedy"])
    np.testing.assert_allclose(diagram.value(optimize=optimizer), opt_einsum.contract(equation, *arrays))


def test_cotengra_missing_names_the_extra(monkeypatch, fresh_path_cache):
    monkeypatch.setitem(sys.modules, "cotengra", None)
    with pytest.raises(pn.DiagramError, match=r"pip install 'penrose-diagrams\[cotengra\]'"):
        pn.einsum("ab,bc->ac", np.eye(2), np.eye(2)).value(optimize="cotengra")


def test_memory_limit_message_says_how_to_proceed():
    equation, arrays = regular_graph(20, 2)
    diagram = pn.einsum(equation, *arrays)
    needed = diagram.path().largest_intermediate
    with pytest.raises(
        pn.DiagramError, match=rf"builds an intermediate of {needed} elements.*cotengra.*raise memory_limit"
    ):
        diagram.value(memory_limit=needed - 1)
    assert diagram.value(memory_limit=needed) == pytest.approx(opt_einsum.contract(equation, *arrays))


def mps_tensors(n, bond, seed=0):
    rng = np.random.default_rng(seed)
    shapes = [(2, bond)] + [(bond, 2, bond)] * (n - 2) + [(bond, 2)]
    return [rng.normal(size=shape) / np.sqrt(bond) for shape in shapes]


def mps_norm(tensors):
    n = len(tensors)
    legs = [[("p", "S"), ("r", "E")]] + [[("l", "W"), ("p", "S"), ("r", "E")]] * (n - 2) + [[("l", "W"), ("p", "S")]]
    row = pn.tensor(tensors[0], legs=legs[0], name="A1")
    for k in range(1, n):
        row = row @ pn.tensor(tensors[k], legs=legs[k], name=f"A{k + 1}")
    return pn.connect(row, list(range(n)), row.conj(), list(range(n)))


def numpy_norm(tensors):
    state = tensors[0]
    for tensor in tensors[1:]:
        state = np.tensordot(state, tensor, axes=([-1], [0]))
    state = state.reshape(-1)
    return state @ state


def test_torch_tensors_stay_torch_tensors():
    torch = pytest.importorskip("torch", reason="torch is not installed")
    tensors = mps_tensors(6, 3)
    norm = mps_norm([torch.tensor(t) for t in tensors])
    result = norm.value()
    assert isinstance(result, torch.Tensor) and result.device.type == "cpu"
    assert float(result) == pytest.approx(numpy_norm(tensors))
    figure = norm.draw()  # the value panel copies it to the host for display only
    assert "=" in figure.to_svg()


def test_jax_arrays_stay_jax_arrays():
    jnp = pytest.importorskip("jax.numpy", reason="jax is not installed")
    tensors = mps_tensors(5, 2)
    result = mps_norm([jnp.asarray(t) for t in tensors]).value()
    assert "jax" in type(result).__module__
    assert float(result) == pytest.approx(numpy_norm(tensors), rel=1e-5)


def test_dask_arrays_contract_lazily_through_dask():
    da = pytest.importorskip("dask.array", reason="dask is not installed")
    tensors = mps_tensors(8, 4)
    lazy = mps_norm([da.from_array(t, chunks=2) for t in tensors]).value()
    assert type(lazy).__module__.startswith("dask")
    assert float(lazy.compute()) == pytest.approx(numpy_norm(tensors))


def test_an_mps_norm_on_a_dask_distributed_cluster():
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    da = pytest.importorskip("dask.array")
    from distributed import Client, LocalCluster

    tensors = mps_tensors(10, 8, seed=3)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, protocol="tcp"
        ) as cluster,
        Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        chunked = [da.from_array(t, chunks=4) for t in tensors]
        result = client.compute(mps_norm(chunked).value()).result()
    assert float(result) == pytest.approx(numpy_norm(tensors))


def test_a_picture_too_big_to_show_is_refused_before_any_layout(monkeypatch):
    """Beyond what a figure can show, or a tangle whose routing would take minutes: one clear error, at once."""
    from penrose.core.errors import PictureSizeError
    from penrose.draw.layout import engines

    def never(*arguments):
        raise AssertionError("the placement ran")

    monkeypatch.setattr(engines, "embedded_cells", never)
    equation, arrays = pn.networks.random_regular(700, 2)
    tangle = pn.einsum(equation, *arrays)
    with pytest.raises(pn.DiagramError, match=r"no shape penrose knows .* fits its 700 boxes.*more than 600"):
        tangle.draw(value=False)
    operator = pn.op(np.eye(2), name="A")
    chain = operator
    for _ in range(10_000):
        chain = chain @ operator
    with pytest.raises(PictureSizeError, match=r"10001 boxes are more than 10000 a figure can show"):
        chain.draw()
    assert chain._repr_svg_() is None, "Jupyter shows the text form instead"
    np.testing.assert_allclose(chain.value(), np.eye(2)), "its value is still there"


def test_a_picture_whose_value_cannot_fit_in_memory_draws_it_as_words_not_an_error(monkeypatch):
    """``draw()`` of a network whose best path needs more memory than the machine has: the figure, with its value
    said to be too big (value() itself still raises, naming the intermediate)."""
    from penrose.core.contract import plans
    from penrose.core.errors import MemoryLimitError

    monkeypatch.setattr(plans, "physical_memory", lambda: 1000)  # bytes: a 16×16 intermediate does not fit
    norm = pn.networks.mps_norm(pn.networks.random_mps_tensors(12, 16, 2))
    svg = norm.draw().to_svg()
    assert "not evaluated: too big for this machine" in svg
    with pytest.raises(MemoryLimitError, match=r"more than this machine's memory.*d\.sliced"):
        norm.value()
    japanese = pn.pictures.Theme.named("slide").in_language("ja")
    assert "このマシンのメモリ" in norm.draw(theme=japanese).to_svg()


def test_a_picture_of_a_network_hopelessly_beyond_memory_says_so_without_searching_for_a_path(monkeypatch):
    """A 12×12 grid of bond 16: even its quick paths build intermediates of ~10¹⁷ entries, so the picture says it is
    too big at once (it took 7 s of path search before); ``value()`` still searches and names the intermediate."""
    from penrose.core.contract import plans, refine

    equation, arrays = pn.networks.random_grid(12, 2)
    grid = pn.einsum(equation, *(np.broadcast_to(1.0, (16,) * a.ndim) for a in arrays))
    searched = []
    original = refine.refine_path
    monkeypatch.setattr(refine, "refine_path", lambda *a, **k: searched.append(1) or original(*a, **k))
    assert "not evaluated: too big for this machine" in grid.draw().to_svg()
    assert not searched, "no path search before the picture says it cannot be evaluated"
    equation, arrays = pn.networks.random_grid(6, 2)
    feasible = pn.einsum(equation, *arrays)  # (and one that fits is evaluated as ever)
    assert not plans.hopeless(_einsums(feasible))
    assert "not evaluated" not in feasible.draw().to_svg()


def _einsums(diagram):
    from penrose.core.contract.evaluate import compiled

    return compiled(diagram).einsums


def test_a_network_is_hopeless_only_when_both_quick_paths_are_beyond_memory(monkeypatch):
    """``hopeless`` needs both quick paths beyond the bound: where greedy builds a huge intermediate (here made to
    absorb the boxes in the order they were made: the whole ket first) and the sweep a column's worth, the
    network is not hopeless, and a search may find better still."""
    from penrose.core.contract import pathinfo, plans

    state = pn.networks.random_mps_tensors(16, 4, seed=0)
    operator = pn.networks.random_mpo_tensors(16, 3, seed=1)
    einsums = _einsums(pn.networks.mpo_expectation(state, operator))
    (einsum,) = einsums
    in_order = [(0, 1)] * (len(einsum.shapes) - 1)
    monkeypatch.setattr(plans, "optimizer_steps", lambda *args: in_order)
    largest = {
        name: pathinfo.path_info(einsum.equation, einsum.shapes, path).largest_intermediate
        for name, path in (("in order", in_order), ("sweep", plans.sweep_path(plans.integer_inputs(einsum.equation))))
    }
    assert largest["sweep"] * 100 < largest["in order"]
    between = float(largest["sweep"] + largest["in order"]) / 2  # entries: the first path above it, the sweep below
    monkeypatch.setattr(plans, "physical_memory", lambda: between * 8 / plans.HOPELESS_FACTOR)
    assert not plans.hopeless(einsums), "the sweep is within the bound"
    monkeypatch.setattr(plans, "physical_memory", lambda: float(largest["sweep"]) * 4 / plans.HOPELESS_FACTOR)
    assert plans.hopeless(einsums), "both beyond it"


@pytest.mark.graphviz
def test_graphviz_asked_for_by_name_lays_out_a_long_chain_beyond_the_general_limit():
    operator = pn.op(np.eye(2), name="A")
    chain = operator
    for _ in range(700):
        chain = chain @ operator
    figure = chain.draw(layout="dot", value=False)
    assert figure.layout == "dot" and figure.to_svg().count('class="box') >= 700
