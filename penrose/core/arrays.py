"""The array libraries penrose leaves arrays in (torch, jax, cupy, dask, tensorflow): a registry, found by class.

An array of one of these stays where it is (on its device) and is contracted by its own library's
einsum; only a picture or a printout brings its numbers to the host, by the library's own way of
doing so. The library is read off the array's class (``torch.Tensor`` → ``"torch"``), as opt_einsum
and autoray do, and looked up once per class. A new library is one :func:`register_array_library` call.

>>> library_of(type(np.zeros(2))) is None   # numpy arrays are penrose's own
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

__all__ = ["ARRAY_LIBRARIES", "ArrayLibrary", "as_numpy", "is_foreign_array", "library_of", "register_array_library"]


@dataclass(frozen=True)
class ArrayLibrary:
    """An array library penrose leaves arrays in: its module name and how its numbers come to the host."""

    name: str
    to_numpy: Callable[[Any], np.ndarray]


#: The libraries by top-level module name (the ``backend=`` names ``value()`` accepts besides ``"numpy"``).
ARRAY_LIBRARIES: dict[str, ArrayLibrary] = {}


def register_array_library(name: str, to_numpy: Callable[[Any], Any]) -> None:
    """Leave arrays whose class comes from module ``name`` in their library; ``to_numpy`` copies one to the host."""
    ARRAY_LIBRARIES[name] = ArrayLibrary(name, to_numpy)
    library_of.cache_clear()


@lru_cache(maxsize=256)
def library_of(cls: type) -> ArrayLibrary | None:
    """The registered library an array class belongs to, or None (numpy, lists, numbers)."""
    return ARRAY_LIBRARIES.get(cls.__module__.partition(".")[0])


def is_foreign_array(data: object) -> bool:
    """True for an array of a registered library (torch, jax, cupy, dask, tensorflow): penrose leaves it there."""
    return library_of(type(data)) is not None and hasattr(data, "shape")


def as_numpy(value: Any) -> np.ndarray:
    """Numbers from any array library, for display only (a torch tensor on a GPU is copied to the host)."""
    library = library_of(type(value))
    return np.asarray(value if library is None else library.to_numpy(value))


register_array_library("torch", lambda tensor: tensor.detach().cpu().numpy())
register_array_library("jax", np.asarray)
register_array_library("jaxlib", np.asarray)
register_array_library("cupy", lambda array: array.get())
register_array_library("dask", lambda array: np.asarray(array.compute()))
register_array_library("tensorflow", lambda tensor: tensor.numpy())
