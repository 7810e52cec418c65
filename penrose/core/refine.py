"""The path policy of ``optimize="auto"``: when a greedy path is worth a second opinion, which, and for how long.

opt_einsum's greedy path is found in milliseconds and is often good, but on ladders of
three rows (MPO sandwiches) and irregular graphs it can cost 10-10¹⁵ times the best. The
policy, in one place:

1. **When**: the first path costs more than :data:`REFINE_FLOPS` on more than
   :data:`REFINE_TENSORS` tensors (smaller networks get opt_einsum's exhaustive searches).
2. **What**: a fixed list of stages, cheapest first: opt_einsum's randomised greedy
   (8 trials); with cotengra installed, subtree reconfiguration of the best path so far;
   then randomised greedy of 32 and 128 more trials (each best reconfigured by cotengra).
   Every stage is seeded and sees indices as integers, so the same network gets the
   same candidates in every process (string hashing is randomised per process).
3. **Which**: the candidate with the lowest *combo cost*, FLOPs plus
   :data:`WRITE_WEIGHT` × elements written to intermediates: fewer FLOPs that write
   more memory are often slower (a PEPS path of 2×10⁸ FLOPs ran 4× slower than one of 3×10⁸).
4. **How long**: :data:`REFINE_SHARE` of the contraction's estimated time at this
   machine's measured rate (:func:`machine_rate`, measured once per process), at least
   :data:`REFINE_SECONDS` [0] and at most the hard cap :data:`REFINE_SECONDS` [1]; a
   stage starts only if the previous one suggests it fits. ``optimize="cotengra"`` or an
   optimizer object asks for a longer search.

Only the stopping rule depends on time: a network whose budget falls near a stage's
cost may stop one stage earlier in a slower process.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import opt_einsum

__all__ = [
    "REFINE_FLOPS",
    "REFINE_SECONDS",
    "REFINE_SHARE",
    "REFINE_TENSORS",
    "WRITE_WEIGHT",
    "Candidate",
    "combo_cost",
    "machine_rate",
    "refine_path",
]

#: A first path costing more than this many FLOPs (about a millisecond) gets a second opinion ...
REFINE_FLOPS = 1e7
#: ... on a network of more than this many tensors (opt_einsum searches smaller ones exhaustively).
REFINE_TENSORS = 8
#: The search may take this share of the contraction's estimated time ...
REFINE_SHARE = 0.5
#: ... but at least the first and at most the second, in seconds (the hard cap).
REFINE_SECONDS = (0.2, 2.0)
#: An element written to an intermediate costs as much as this many FLOPs (cotengra's ``combo`` uses 64).
WRITE_WEIGHT = 64
#: The randomised greedy trials of the stages after the first.
TRIALS = (8, 32, 128)

Inputs = list[list[int]]


class Candidate:
    """A path (opt_einsum's linear format), its FLOPs, elements written, and the stage that found it."""

    __slots__ = ("flops", "path", "stage", "writes")

    def __init__(self, path: Sequence[Sequence[int]], flops: float, writes: float, stage: str) -> None:
        self.path = [tuple(step) for step in path]
        self.flops = flops
        self.writes = writes
        self.stage = stage

    @property
    def cost(self) -> float:
        """The combo cost: FLOPs plus ``WRITE_WEIGHT`` per element written."""
        return self.flops + WRITE_WEIGHT * self.writes


def combo_cost(
    path: Sequence[Sequence[int]], inputs: Inputs, output: list[int], sizes: dict[int, int]
) -> tuple[float, float]:
    """``(flops, writes)`` of ``path`` on integer-labelled ``inputs``, counted as opt_einsum counts FLOPs."""
    operands = [set(term) for term in inputs]
    kept = set(output)
    flops = writes = 0.0
    for step in path:
        picked = [operands[k] for k in step]
        for k in sorted(step, reverse=True):
            del operands[k]
        involved = set().union(*picked)
        others = kept.union(*operands) if operands else kept
        result = {index for index in involved if index in others}
        size = math.prod(sizes[index] for index in involved)
        inner = len(result) < len(involved)
        flops += size * max(len(picked) - 1, 1) * (2 if inner else 1)
        writes += math.prod(sizes[index] for index in result)
        operands.append(result)
    return flops, writes


@lru_cache(maxsize=1)
def machine_rate() -> float:
    """This machine's float64 matrix-multiply rate in FLOP/s at a size pairwise contractions reach (measured once)."""
    n = 256
    a = np.random.default_rng(0).normal(size=(n, n))
    a @ a
    best = math.inf
    for _ in range(5):
        start = time.perf_counter()
        a @ a
        best = min(best, time.perf_counter() - start)
    return 2 * n**3 / max(best, 1e-9)


def _integers(equation: str, shapes: Sequence[tuple[int, ...]]) -> tuple[Inputs, list[int], dict[int, int]]:
    """The equation with every index an integer (in order of first appearance): hashing is then the same everywhere."""
    terms, output = equation.split("->")
    number: dict[str, int] = {}
    for symbol in equation:
        if symbol not in ",->" and symbol not in number:
            number[symbol] = len(number)
    inputs = [[number[s] for s in term] for term in terms.split(",")]
    sizes = {number[s]: dim for term, shape in zip(terms.split(","), shapes) for s, dim in zip(term, shape)}
    return inputs, [number[s] for s in output], sizes


Stage = Callable[[Sequence[Sequence[int]]], Any]  # the best path so far -> a candidate path


def _stages(inputs: Inputs, output: list[int], sizes: dict[int, int]) -> list[tuple[str, Stage]]:
    """The stages in order, each a function of the best path so far that returns a candidate path."""
    searcher = _SeededRandomGreedy(inputs, output, sizes)
    first, *more = TRIALS
    try:
        import cotengra
    except ImportError:
        return [(f"random-greedy-{n}", lambda best, n=n: searcher.run(n)) for n in TRIALS]

    def reconfigured(path: Sequence[Sequence[int]]) -> Any:
        tree = cotengra.ContractionTree.from_path(inputs, output, sizes, path=[tuple(step) for step in path])
        tree.subtree_reconfigure_(subtree_size=8, minimize="combo")
        return tree.get_path()

    return [
        (f"random-greedy-{first}", lambda best: searcher.run(first)),
        ("reconfigured", reconfigured),  # the best so far, its subtrees searched exhaustively by cotengra
        *((f"random-greedy-{n}+reconfigured", lambda best, n=n: reconfigured(searcher.run(n))) for n in more),
    ]


class _SeededRandomGreedy:
    """opt_einsum's randomised greedy, continued across calls, with the global ``random`` state left as it was."""

    def __init__(self, inputs: Inputs, output: list[int], sizes: dict[int, int]) -> None:
        self.arguments = ([set(term) for term in inputs], set(output), sizes)
        self.optimizer = opt_einsum.RandomGreedy(max_repeats=0)
        self.done = 0

    def run(self, trials: int) -> Any:
        state = random.getstate()
        try:
            self.optimizer.max_repeats = self.done + trials  # trial r is seeded with r: the same in every process
            path = self.optimizer(*self.arguments)
        finally:
            random.setstate(state)
        self.done += trials
        return path


def refine_path(
    equation: str, shapes: Sequence[tuple[int, ...]], first: Sequence[Sequence[int]], cap: float | None = None
) -> Candidate:
    """The best candidate for ``equation`` under the policy above, starting from the path ``first``.

    Returns the first path itself (stage ``"first"``) when it is cheap or the network small.
    ``cap`` overrides the hard time cap in seconds.
    """
    inputs, output, sizes = _integers(equation, shapes)
    best = Candidate(first, *combo_cost(first, inputs, output, sizes), "first")
    if len(inputs) <= REFINE_TENSORS or best.flops <= REFINE_FLOPS:
        return best
    low, high = REFINE_SECONDS
    high = high if cap is None else cap
    budget = min(high, max(low, REFINE_SHARE * best.cost / machine_rate()))
    start = time.perf_counter()
    last = 0.0
    for stage, run in _stages(inputs, output, sizes):
        spent = time.perf_counter() - start
        if spent + 3 * last > budget:  # the next stage (up to a few times the last) would not fit
            break
        began = time.perf_counter()
        path = run(best.path)
        last = time.perf_counter() - began
        found = Candidate(path, *combo_cost(path, inputs, output, sizes), stage)
        if found.cost < best.cost:
            best = found
    return best
