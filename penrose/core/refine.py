"""The path policy of ``optimize="auto"``: when a greedy path is worth a second opinion, which, and for how long.

opt_einsum's greedy path is found in milliseconds and is often good, but on ladders of
three rows (MPO sandwiches) and irregular graphs it can cost 10-10¹⁵ times the best. The
policy, in one place:

1. **When**: the first path costs more than :data:`REFINE_FLOPS` on more than
   :data:`REFINE_TENSORS` tensors (smaller networks get opt_einsum's exhaustive searches).
2. **What**: a fixed list of stages, cheapest first: opt_einsum's randomised greedy
   (8 trials); with cotengra installed, subtree reconfiguration of the best path so far,
   then cotengra's hyper-optimiser (greedy trials, each reconfigured: as many as fit,
   from a fixed list); without cotengra, 32 and 128 more randomised greedy trials.
   Every stage is seeded and sees indices as integers, so the same network gets the
   same candidates in every process (string hashing is randomised per process).
3. **Which**: the candidate with the lowest *combo cost*, FLOPs plus
   :data:`WRITE_WEIGHT` × elements written to intermediates: fewer FLOPs that write
   more memory are often slower (a PEPS path of 2×10⁸ FLOPs ran 4× slower than one of 3×10⁸).
4. **How long**: the search pays for itself. A first evaluation contracts on the
   first path unless that would take more than :data:`SEARCH_AT_ONCE_SECONDS` (estimated
   at this machine's measured rate, :func:`machine_rate`), and then searches for at most
   :data:`REFINE_SHARE` of that time. When the structure is evaluated again (the user is
   reusing it) the search goes deeper, for as long as :data:`REUSE_EVALUATIONS`
   evaluations would take, never more than the hard cap :data:`REFINE_CAP` (2 s). A stage
   starts only if the previous one suggests it fits.
   ``d.path()`` always reports the deep search's path. ``optimize="cotengra"`` or an
   optimizer object asks for a longer search.

Only the stopping rule depends on time: a network whose budget falls near a stage's
cost may stop one stage earlier (or run fewer hyper trials) in a slower process.
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
    "HYPER_TRIALS",
    "REFINE_CAP",
    "REFINE_FLOPS",
    "REFINE_SHARE",
    "REFINE_TENSORS",
    "REUSE_EVALUATIONS",
    "SEARCH_AT_ONCE_SECONDS",
    "TRIALS",
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
#: A first evaluation's search may take this share of the first path's estimated contraction time ...
REFINE_SHARE = 0.5
#: ... and, once the structure is evaluated again, as long as this many evaluations on the path it starts from ...
REUSE_EVALUATIONS = 100
#: ... but never more than this hard cap, in seconds.
REFINE_CAP = 2.0
#: A first evaluation searches at once only when the first path would take longer than this (s); otherwise it
#: contracts on that path and leaves the search to the structure's second evaluation.
SEARCH_AT_ONCE_SECONDS = 0.1
#: An element written to an intermediate costs as much as this many FLOPs (cotengra's ``combo`` uses 64).
WRITE_WEIGHT = 64
#: The randomised greedy trials of the stages (the first; without cotengra, also the later ones).
TRIALS = (8, 32, 128)
#: cotengra's hyper-optimiser runs this many trials, the most that fit the time left (each trial reconfigured).
HYPER_TRIALS = (32, 16, 8, 4)

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


Stage = Callable[[Sequence[Sequence[int]], float], Any]  # (best path so far, seconds left) -> a path or None


def _stages(inputs: Inputs, output: list[int], sizes: dict[int, int]) -> list[tuple[str, Stage]]:
    """The stages in order: each maps the best path so far and the time left to a candidate path (None: skipped)."""
    searcher = _SeededRandomGreedy(inputs, output, sizes)
    first = TRIALS[0]
    try:
        import cotengra
    except ImportError:
        return [(f"random-greedy-{n}", lambda best, left, n=n: searcher.run(n)) for n in TRIALS]
    timing: dict[str, float] = {}

    def reconfigured(path: Sequence[Sequence[int]], left: float) -> Any:
        began = time.perf_counter()
        tree = cotengra.ContractionTree.from_path(inputs, output, sizes, path=[tuple(step) for step in path])
        tree.subtree_reconfigure_(subtree_size=8, minimize="combo")
        timing["reconfigure"] = time.perf_counter() - began
        return tree.get_path()

    def hyper(path: Sequence[Sequence[int]], left: float) -> Any:
        trial = 2 * timing.get("reconfigure", left)  # a greedy run and the reconfiguration of a rougher path
        fitting = [n for n in HYPER_TRIALS if n * trial <= left]
        return _hyper(cotengra, inputs, output, sizes, fitting[0], left) if fitting else None

    return [
        (f"random-greedy-{first}", lambda best, left: searcher.run(first)),
        ("reconfigured", reconfigured),  # the best so far, its subtrees searched exhaustively by cotengra
        ("hyper", hyper),
    ]


def _hyper(cotengra: Any, inputs: Inputs, output: list[int], sizes: dict[int, int], trials: int, left: float) -> Any:
    """cotengra's hyper-optimiser (greedy trials, each reconfigured, minimising combo), seeded and reproducible.

    ``left`` (seconds) is a backstop: the trials are sized to end well before it.
    """
    python_state, numpy_state = random.getstate(), np.random.get_state()
    try:
        random.seed(0)
        np.random.seed(0)
        optimizer = cotengra.HyperOptimizer(
            methods=["greedy"],
            minimize="combo",
            max_repeats=trials,
            max_time=left,
            optlib="random",
            progbar=False,
            parallel=False,
        )
        return optimizer.search(inputs, output, sizes).get_path()
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)


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
    equation: str,
    shapes: Sequence[tuple[int, ...]],
    first: Sequence[Sequence[int]],
    deep: bool = True,
    cap: float | None = None,
) -> tuple[Candidate, bool]:
    """The best candidate for ``equation`` under the policy above, from the path ``first``; and whether it is final.

    ``deep=False`` is a first evaluation: it searches at once only when the first path
    would take longer than :data:`SEARCH_AT_ONCE_SECONDS`, within :data:`REFINE_SHARE` of
    that time, and says the result is not final, so that the structure's next
    evaluation searches deeper (``deep=True``: up to :data:`REUSE_EVALUATIONS` contractions' time).
    ``cap`` overrides the hard cap in seconds. A cheap path or a small network is final as it is.
    """
    inputs, output, sizes = _integers(equation, shapes)
    best = Candidate(first, *combo_cost(first, inputs, output, sizes), "first")
    if len(inputs) <= REFINE_TENSORS or best.flops <= REFINE_FLOPS:
        return best, True
    high = REFINE_CAP if cap is None else cap
    estimate = best.cost / machine_rate()
    if not deep and estimate < SEARCH_AT_ONCE_SECONDS:
        return best, False  # contract now on the first path; search when the structure comes back
    budget = min(high, (REUSE_EVALUATIONS if deep else REFINE_SHARE) * estimate)
    start = time.perf_counter()
    last = 0.0
    for stage, run in _stages(inputs, output, sizes):
        spent = time.perf_counter() - start
        if spent + 3 * last > budget:  # the next stage (up to a few times the last) would not fit
            break
        began = time.perf_counter()
        path = run(best.path, budget - spent)
        last = time.perf_counter() - began
        if path is None:
            continue
        found = Candidate(path, *combo_cost(path, inputs, output, sizes), stage)
        if found.cost < best.cost:
            best = found
    return best, deep or budget >= high
