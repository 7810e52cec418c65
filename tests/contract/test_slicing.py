"""Sliced contraction: the slices sum to value(), here and on a dask.distributed cluster, each within its memory."""

from fractions import Fraction

import numpy as np
import opt_einsum
import pytest

import penrose as pn

pytest.importorskip("cotengra", reason="slicing needs cotengra")


def random_network(seed=2, integers=False):
    equation, arrays = pn.networks.random_regular(24, 4, seed=seed)
    rng = np.random.default_rng(seed)
    if integers:
        arrays = [rng.integers(-3, 4, size=a.shape) for a in arrays]
    else:
        arrays = [rng.normal(size=a.shape) + 1j * rng.normal(size=a.shape) for a in arrays]
    return pn.einsum(equation, *arrays), equation, arrays


def test_the_slices_sum_to_the_value_and_each_fits_its_memory():
    diagram, equation, arrays = random_network()
    assert diagram.path().largest_intermediate > 256
    sliced = diagram.sliced(memory_limit=256)
    assert sliced.count > 1 and sliced.largest_intermediate <= 256 and sliced.overhead >= 1
    assert len(sliced.legs) >= 1 and all("." in leg for leg in sliced.legs), "the lines cut, as box.leg"
    assert f"{sliced.count} slices" in repr(sliced)
    np.testing.assert_allclose(sliced.value(), opt_einsum.contract(equation, *arrays), rtol=1e-10)


def test_integer_networks_come_out_exactly_even_beyond_int64():
    diagram, _, _ = random_network(seed=5, integers=True)
    assert diagram.sliced(memory_limit=128).value() == diagram.value()
    big = pn.einsum("ab,bc,cd,da->", *[np.full((4, 4), 2**20, dtype=np.int64)] * 4)
    assert big.sliced(memory_limit=4).value() == 4**4 * 2**80, "no wrap-around on the way"


def test_an_open_result_keeps_its_shape_and_coefficient():
    rng = np.random.default_rng(1)
    a, b, c = rng.normal(size=(2, 6, 6)), rng.normal(size=(6, 6)), rng.normal(size=(6, 6, 2)) + 1j
    operator = 2.5 * pn.einsum("iab,bc,caj->ij", a, b, c)  # every first step holds 72 entries, the result 4
    sliced = operator.sliced(memory_limit=40)
    assert sliced.count > 1 and sliced.largest_intermediate <= 40
    np.testing.assert_allclose(sliced.value(), 2.5 * np.einsum("iab,bc,caj->ij", a, b, c), rtol=1e-12)
    assert sliced.value().shape == operator.value().shape


def test_what_cannot_be_sliced_is_said_in_one_line():
    rng = np.random.default_rng(0)
    psi, phi = pn.ket(rng.normal(size=4), name="ψ"), pn.ket(rng.normal(size=4), name="φ")
    with pytest.raises(pn.DiagramError, match=r"sum of 2 terms; slice each term"):
        (psi + phi).dag.sliced(memory_limit=16)
    with pytest.raises(pn.DiagramError, match="symbolic boxes"):
        pn.tensor(legs=[("a", "W", 2)], name="S").sliced(memory_limit=16)
    with pytest.raises(pn.DiagramError, match="fractions or symbols"):
        pn.bra([Fraction(1, 2), 1]).sliced(memory_limit=16)
    outer = pn.ket(np.ones(8)) @ pn.bra(np.ones(8))  # the result itself holds 64 entries
    with pytest.raises(pn.DiagramError, match=r"cannot be cut to intermediates of 16 entries"):
        outer.sliced(memory_limit=16)


def test_without_cotengra_the_extra_is_named(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "cotengra", None)
    diagram, _, _ = random_network()
    with pytest.raises(pn.DiagramError, match=r"pip install 'penrose-diagrams\[cotengra\]'"):
        diagram.sliced(memory_limit=256)


def test_the_slices_run_as_tasks_on_a_dask_cluster():
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    from distributed import Client, LocalCluster

    floats, equation, arrays = random_network()
    integers, _, _ = random_network(seed=5, integers=True)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, protocol="tcp"
        ) as cluster,
        Client(cluster) as client,
    ):
        on_cluster = floats.sliced(memory_limit=256).value(client=client)
        exact = integers.sliced(memory_limit=128).value(client=client)
    np.testing.assert_allclose(on_cluster, opt_einsum.contract(equation, *arrays), rtol=1e-10)
    assert exact == integers.value(), "the same number to the last digit"
