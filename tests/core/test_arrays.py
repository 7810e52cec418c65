"""The registry of array libraries penrose leaves arrays in (penrose.core.arrays), found from the array's class."""

from __future__ import annotations

import numpy as np
import pytest

import penrose as pn
from penrose.core import arrays


class _Host:
    """An array of a made-up library "penrose_test_library": numbers kept on a pretend device."""

    __module__ = "penrose_test_library.core"

    def __init__(self, numbers):
        self.numbers = np.asarray(numbers)
        self.shape = self.numbers.shape
        self.fetched = 0

    def fetch(self):
        self.fetched += 1
        return self.numbers


@pytest.fixture
def registered():
    arrays.register_array_library("penrose_test_library", lambda array: array.fetch())
    yield
    del arrays.ARRAY_LIBRARIES["penrose_test_library"]
    arrays.library_of.cache_clear()


def test_numpy_arrays_and_lists_belong_to_no_registered_library():
    assert arrays.library_of(np.ndarray) is None and arrays.library_of(list) is None
    assert not arrays.is_foreign_array(np.zeros(2))
    assert arrays.as_numpy([1, 2]).tolist() == [1, 2]


def test_a_registered_library_is_found_from_the_class_and_brought_to_the_host_its_own_way(registered):
    array = _Host([[1.0, 2.0], [3.0, 4.0]])
    assert arrays.library_of(type(array)).name == "penrose_test_library"
    assert arrays.is_foreign_array(array)
    assert arrays.as_numpy(array).tolist() == [[1.0, 2.0], [3.0, 4.0]] and array.fetched == 1


def test_a_box_keeps_an_array_of_a_registered_library_as_it_is(registered):
    array = _Host([[1.0, 2.0], [3.0, 4.0]])
    box = pn.op(array, name="A")
    assert box.nodes[0].data is array, "left on its device, not copied into numpy"


def test_the_built_in_libraries_are_registered_by_module_name():
    assert {"torch", "jax", "cupy", "dask", "tensorflow"} <= set(arrays.ARRAY_LIBRARIES)


def test_a_dask_array_stays_lazy_in_the_box_and_its_value_matches_numpy():
    da = pytest.importorskip("dask.array")
    matrix = np.array([[1.0, 2j], [-3.0, 0.5]])
    vector = np.array([1.0 - 1j, 2.0])
    box = pn.op(da.from_array(matrix, chunks=1), name="M")
    assert arrays.is_foreign_array(box.nodes[0].data)
    value = (box @ pn.ket(vector)).value()
    assert np.allclose(arrays.as_numpy(value), matrix @ vector)


def test_an_unknown_backend_is_refused_naming_the_registered_libraries(registered):
    diagram = pn.bra([1, 2j]) @ pn.ket([3, 4])
    with pytest.raises(pn.DiagramError) as refused:
        diagram.value(backend="nope")
    said = str(refused.value)
    assert said.startswith("backend='nope' is not an installed array library; use one of 'numpy', 'torch'")
    assert "'penrose_test_library'" in said and "'jaxlib'" not in said and "backend=None" in said
