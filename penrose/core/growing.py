"""Growing tuples: immutable sequences that share one list when each is the other extended at its end.

``a @ b`` makes a new network holding ``a``'s boxes and then ``b``'s. Copying ``a``'s boxes
each time makes a chain of n operators built with ``@`` cost O(n²). A :class:`GrowingTuple`
is a view of the first ``length`` items of a list; extending a view that reaches the end of
its list appends to that list in place and returns a longer view, so every earlier view
still sees exactly its own items and a chain costs O(n). Extending a view that does not reach
the end (``a @ c`` after ``a @ b``) copies, as a tuple would.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

__all__ = ["GrowingTuple", "extended"]

Item = TypeVar("Item")
_LOCK = threading.Lock()  # (two threads extending the same view: only one may append in place)


class GrowingTuple(Sequence[Item]):
    """The first ``length`` items of a list nobody changes below that length: a tuple that can grow cheaply."""

    __slots__ = ("_items", "_length")

    def __init__(self, items: list[Item], length: int) -> None:
        self._items = items
        self._length = length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Item, ...]: ...

    def __getitem__(self, index: int | slice) -> Item | tuple[Item, ...]:
        if isinstance(index, slice):
            return tuple(self._items[: self._length][index])
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("index out of range")
        return self._items[index]

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """Where ``value`` first is (a scan in C, within this view)."""
        end = self._length if stop is None else min(max(stop if stop >= 0 else stop + self._length, 0), self._length)
        return self._items.index(value, start if start >= 0 else max(start + self._length, 0), end)

    def __iter__(self) -> Iterator[Item]:
        return itertools.islice(self._items, self._length)

    def __add__(self, other: Any) -> tuple[Item, ...]:
        return (*self, *other)

    def __radd__(self, other: Any) -> tuple[Item, ...]:
        return (*other, *self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, GrowingTuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (sent to a worker) as the plain tuple it stands for
        return (tuple, (tuple(self),))


def extended(head: Sequence[Item], tail: Iterable[Item]) -> GrowingTuple[Item]:
    """``head`` followed by ``tail``: in place when ``head`` is a growing tuple reaching the end of its list."""
    with _LOCK:
        at_end = isinstance(head, GrowingTuple) and len(head._items) == head._length
        items = head._items if at_end else list(head)  # type: ignore[union-attr]
        items.extend(tail)
        return GrowingTuple(items, len(items))
