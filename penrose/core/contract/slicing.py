"""Sliced contraction: a network whose intermediates do not fit one machine, split into independent slices.

Fixing a few summed indices to each of their values splits the contraction into slices: each
is the same network with those lines cut to one value, smaller in every intermediate, and the
value is the sum over the slices. cotengra finds the indices to slice so that each slice's
largest intermediate fits ``memory_limit``, at the least extra work; the slices run one after
another here, or as tasks on a ``dask.distributed`` cluster (the inputs sent to every worker
once, slices summed on the workers in batches, progress reported as batches finish).

    >>> import numpy as np, penrose as pn
    >>> ring = pn.einsum("ab,bc,cd,da->", *[np.eye(16)] * 4)
    >>> sliced = ring.sliced(memory_limit=64)   # intermediates of at most 64 entries
    >>> sliced.count, float(sliced.value())
    (16, 16.0)
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import DiagramError
from ..values import shaped_value
from .evaluate import compiled
from .exact import check_finite, entry_bytes, precisions, prepared, scaled
from .memory import parse_memory_limit
from .progress import progress

__all__ = ["SlicedContraction", "sliced"]

#: Batches of slices per worker a cluster is given: enough to balance the load, few enough to send cheaply.
BATCHES_PER_WORKER = 4


class SlicedContraction:
    """A diagram's contraction cut into ``count`` slices over the lines :attr:`legs`, each within the memory limit.

    ``flops`` is the work of all slices together (``overhead`` times the unsliced path's),
    ``largest_intermediate`` the entries of the biggest tensor one slice builds. :meth:`value`
    sums the slices, here or on a ``dask.distributed`` client.
    """

    def __init__(self, diagram: Any, tree: Any, arrays: Sequence[Any], coefficient: Any, unsliced: float) -> None:
        self._diagram = diagram
        self._tree = tree
        self._arrays = list(arrays)
        self._coefficient = coefficient
        self._unsliced = unsliced
        self.legs: tuple[str, ...] = tuple(_named(diagram, index) for index in sorted(tree.sliced_inds))
        self.count: int = int(tree.nslices)
        self.flops: float = float(tree.total_flops())
        self.largest_intermediate: int = int(tree.max_size())

    @property
    def overhead(self) -> float:
        """The work of all the slices over the work of the unsliced path (1.0: slicing cost nothing extra)."""
        return self.flops / max(self._unsliced, 1.0)

    def __repr__(self) -> str:
        return (
            f"<SlicedContraction {self.count} slices over {', '.join(self.legs) or 'no line'}; "
            f"{self.flops:.3e} flops ({self.overhead:.2f}× unsliced), largest intermediate "
            f"{self.largest_intermediate} entries a slice>"
        )

    def value(self, client: Any = None) -> Any:
        """The diagram's value, the slices summed: one after another, or as tasks of ``client`` (a
        ``dask.distributed.Client``), each batch of slices summed on its worker."""
        if client is None:
            total = None
            with progress("contracting slices", total=self.count, unit=" slice") as bar:
                for k in range(self.count):
                    part = self._tree.contract_slice(self._arrays, k)
                    total = part if total is None else total + part
                    bar.update()
        else:
            total = self._on_cluster(client)
        if self._coefficient != 1:
            total = scaled(total, self._coefficient, self._diagram.describe)
        check_finite(total, self._diagram.describe)
        return shaped_value(np.asarray(total), self._diagram.kind, self._diagram.legs, True)

    def _on_cluster(self, client: Any) -> Any:
        try:
            from distributed import as_completed
        except ImportError:
            raise DiagramError(
                "a sliced contraction on a cluster needs dask.distributed: pip install 'penrose-diagrams[dask]'"
            ) from None
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        batches = _batches(self.count, workers * BATCHES_PER_WORKER)
        arrays = client.scatter(self._arrays, broadcast=True, hash=False)  # (own keys: no race with a release)
        tree = client.scatter(self._tree, broadcast=True, hash=False)
        futures = {client.submit(_contract_batch, tree, arrays, batch, pure=False): batch for batch in batches}
        parts = {}
        with progress("contracting slices on the cluster", total=self.count, unit=" slice") as bar:
            for future in as_completed(list(futures)):
                parts[futures[future].start] = future.result()
                bar.update(len(futures[future]))
        total = None
        for start in sorted(parts):  # added in the slices' order, whichever worker finished first: the same bits
            total = parts[start] if total is None else total + parts[start]
        return total


def _batches(count: int, wanted: int) -> list[range]:
    """``range(count)`` cut into at most ``wanted`` consecutive batches of nearly equal length."""
    wanted = max(1, min(wanted, count))
    size = math.ceil(count / wanted)
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _contract_batch(tree: Any, arrays: list[Any], batch: range) -> Any:
    """The sum of the slices ``batch`` (run on a worker)."""
    total = None
    for k in batch:
        part = tree.contract_slice(arrays, k)
        total = part if total is None else total + part
    return total


def _named(diagram: Any, index: str) -> str:
    """The einsum symbol ``index`` as the line it is: ``box.leg`` of one of its ends."""
    network = diagram._single("sliced contraction")
    einsum = compiled(diagram).einsums[0]
    terms = einsum.equation.split("->")[0].split(",")
    for position, term in enumerate(terms):
        if index in term:
            node = network.nodes[position]
            leg = node.legs[term.index(index)]
            return f"{node.name or f'box {position}'}.{leg.name}"
    return index  # pragma: no cover - every sliced index is a line of the network


def sliced(diagram: Any, memory_limit: int | str, optimize: Any = "auto") -> SlicedContraction:
    """``diagram``'s contraction cut into slices whose intermediates each fit ``memory_limit`` (entries, or bytes
    as ``"2GB"``), by cotengra; see :class:`SlicedContraction`."""
    if diagram.term_count != 1:
        raise DiagramError(
            f"sliced(): {diagram.describe()} is a sum of {diagram.term_count} terms; slice each term (d.terms)"
        )
    network = diagram._single("sliced contraction")
    if any(node.data is None for node in network.nodes):
        raise DiagramError(f"sliced(): {diagram.describe()} has symbolic boxes; give every box numbers")
    einsum = compiled(diagram).einsums[0]
    if any(getattr(array, "dtype", None) is not None and array.dtype.kind == "O" for array in einsum.arrays):
        raise DiagramError(
            f"sliced(): {diagram.describe()} holds fractions or symbols; slicing is for networks of numbers "
            "(integers, floats, complex) too big for one machine"
        )
    cotengra = _cotengra()
    mode = precisions(diagram._terms)[0]  # integers that could leave int64 on the way: exact, as value() does
    arrays = prepared(einsum.arrays, mode)
    limit = parse_memory_limit(memory_limit, entry_bytes(diagram._terms, [einsum.arrays], (mode,)))
    equation = einsum.equation
    inputs, output = equation.split("->")
    terms = inputs.split(",")
    sizes = {s: d for term, shape in zip(terms, einsum.shapes) for s, d in zip(term, shape)}
    found = diagram.path(optimize)
    tree = cotengra.ContractionTree.from_path(terms, output, sizes, path=[tuple(s) for s in found.steps])
    unsliced = float(tree.total_flops())
    if tree.max_size() > limit:
        with contextlib.suppress(RuntimeError):  # (cotengra: every summed line cut; the open legs alone too big)
            tree = tree.slice(target_size=limit, allow_outer=False, seed=0)
    if tree.max_size() > limit:
        raise DiagramError(
            f"sliced(): {diagram.describe()} cannot be cut to intermediates of {limit:,} entries "
            f"(memory_limit={memory_limit!r}): the smallest slicing found keeps {int(tree.max_size()):,}; "
            "give a larger limit"
        )
    return SlicedContraction(diagram, tree, arrays, diagram._terms[0][0], unsliced)


def _cotengra() -> Any:
    try:
        import cotengra
    except ImportError:
        raise DiagramError(
            "a sliced contraction needs the optional cotengra package: pip install 'penrose-diagrams[cotengra]'"
        ) from None
    return cotengra
