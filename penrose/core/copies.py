"""Copy tensors δ: where three or more lines meet (a hyperedge), or one line is summed alone.

δ with k legs of dimension d is 1 where all k indices agree and 0 elsewhere: joining legs
to it makes them one index. Its numbers are never built for a contraction (d^k of them,
nearly all zero): :func:`~penrose.core.contract.subscripts.einsum_of` gives every leg joined to a
copy tensor the same index letter, so opt_einsum sees a repeated index. δ with one leg is
the vector of ones (the index is summed); with two, the identity. Pictures draw it as a
small filled dot, the field's convention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from .errors import DiagramError
from .nodes import Node, make_node

__all__ = ["CopyData", "copy_node", "is_copy"]


class CopyData:
    """The numbers of δ, kept symbolic: a shape, and the dense array only when something asks for it."""

    __slots__ = ("dim", "rank")
    dtype = np.dtype(np.int64)

    def __init__(self, dim: int, rank: int) -> None:
        self.dim = dim
        self.rank = rank

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.dim,) * self.rank

    @property
    def ndim(self) -> int:
        return self.rank

    def dense(self) -> np.ndarray:
        """The d^k array (for a δ that cannot be folded into an index: see ``einsum_of``)."""
        array = np.zeros(self.shape, dtype=np.int64)
        for k in range(self.dim):
            array[(k,) * self.rank] = 1
        array.flags.writeable = False
        return array

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        array = self.dense()
        return array if dtype is None else array.astype(dtype)

    def conj(self) -> CopyData:
        return self

    def __repr__(self) -> str:
        return f"δ({self.dim}, legs={self.rank})"


def is_copy(node: Node) -> bool:
    """True for a copy tensor's node."""
    return node.kind == "copy"


def copy_node(
    dim: int, legs: Sequence[tuple[str, str]], name: str = "δ", sides_given: bool = False, like_numpy: bool = False
) -> Node:
    """A copy tensor's node with the given ``(leg name, side)`` legs, all of dimension ``dim``.

    ``sides_given`` says the sides were the user's choice (a picture keeps them); by default a
    picture turns each leg to face its partner. ``like_numpy`` allows dimension 0 (``pn.einsum``
    on an empty axis, whose sums are 0 as in numpy).
    """
    if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)) or dim < (0 if like_numpy else 1):
        raise DiagramError(f"copy tensor: dim={dim!r}; a dimension is a positive whole number")
    if not legs:
        raise DiagramError("copy tensor: it needs at least one leg (one leg sums an index, three join three lines)")
    node = make_node(name, [(leg, side, int(dim) or None) for leg, side in legs], None, "tensor", sides_given=False)
    if dim == 0:  # (make_node takes no empty leg without numbers)
        node = replace(node, legs=tuple(replace(leg, dim=0) for leg in node.legs))
    return Node(node.name, node.legs, CopyData(int(dim), len(legs)), kind="copy", sides_given=sides_given)
