"""Memory limits: ``memory_limit=`` as a number of elements, or a size in bytes such as ``"2GB"``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import DiagramError

__all__ = ["itemsize_of", "parse_memory_limit"]

_UNITS = {
    "": 1,
    "B": 1,
    "KB": 10**3,
    "MB": 10**6,
    "GB": 10**9,
    "TB": 10**12,
    "KIB": 2**10,
    "MIB": 2**20,
    "GIB": 2**30,
    "TIB": 2**40,
}


def parse_memory_limit(limit: int | str | None, itemsize: int) -> int | None:
    """A memory limit in elements: an int is already elements; ``"2GB"`` is bytes / ``itemsize``.

    >>> parse_memory_limit("2KB", 8), parse_memory_limit(100, 8)
    (250, 100)
    """
    if limit is None:
        return None
    if isinstance(limit, bool):
        raise DiagramError(f"memory_limit={limit!r} is not a size; give a number of elements or a string like '2GB'")
    if isinstance(limit, int):
        if limit < 1:
            raise DiagramError(f"memory_limit={limit} must be a positive number of elements")
        return limit
    if isinstance(limit, str):
        text = limit.strip().upper().replace(" ", "")
        number = text.rstrip("KMGTIB")
        unit = text[len(number) :]
        try:
            amount = float(number)
        except ValueError:
            amount = -1.0
        if unit in _UNITS and 0 < amount < float("inf"):
            return max(1, int(amount * _UNITS[unit]) // itemsize)
    raise DiagramError(
        f"memory_limit={limit!r} is not understood; give a number of elements (an int) "
        "or a size in bytes like '500MB' or '2GiB'"
    )


def itemsize_of(arrays: Sequence[Any]) -> int:
    """The largest item size among ``arrays`` (bytes per element), for byte-sized limits."""
    size = 1
    for array in arrays:
        dtype = getattr(array, "dtype", None)
        size = max(size, int(getattr(dtype, "itemsize", 8) or 8))
    return size
