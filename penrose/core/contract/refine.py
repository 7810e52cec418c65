"""The path policy of ``optimize="auto"``: when a greedy path is worth a second opinion, which, and when.

opt_einsum's greedy path is found in milliseconds and is often good, but on ladders of
three rows (MPO sandwiches) and irregular graphs it can cost 10-10¹⁵ times the best. The
policy, in one place:

1. **When**: the first path costs more than :data:`REFINE_FLOPS` on more than
   :data:`REFINE_TENSORS` tensors (smaller networks get opt_einsum's exhaustive searches).
2. **What**: first a *sweep* (:func:`sweep_path`: the tensors absorbed one by one in a bandwidth-reducing order,
   the way a ladder is zipped column by column; linear in the network, so a first evaluation gets it too);
   then a fixed list of stages: opt_einsum's randomised greedy (:data:`GREEDY_TRIALS`
   trials); with cotengra installed, subtree reconfiguration of the best path so far, then
   cotengra's hyper-optimiser (greedy trials, each reconfigured; :func:`hyper_trials`, by
   the network's size), then its partitioning trials (``labels``, the best one reconfigured;
   :func:`partition_trials`, by the best path's cost); without cotengra, more randomised greedy trials. Every stage is
   seeded and sees indices as integers, so the same network gets the same path in every
   process (string hashing is randomised per process).
3. **Which**: the candidate with the lowest *combo cost*, FLOPs plus
   :data:`WRITE_WEIGHT` × elements written to intermediates: fewer FLOPs that write
   more memory are often slower (a PEPS path of 2×10⁸ FLOPs ran 4× slower than one of 3×10⁸).
4. **When to pay**: a first evaluation contracts on the first path at once unless its cost is above
   :data:`SEARCH_AT_ONCE_COST` (FLOPs plus weighted writes: about 0.1 s of BLAS on a current
   laptop core), a number of the network alone, so every process decides alike whatever else the
   machine is doing; it then leaves the search to the structure's next evaluation, when the user
   is evidently reusing it. The stages take 0.1-5 s; :data:`REFINE_CAP` is a backstop for a
   machine far slower than expected (a stage is not started past it, and the hyper-optimiser is
   stopped at it), counted from after cotengra is imported; when it fires, a
   :class:`~penrose.errors.PathSearchWarning` says so. ``d.path()`` searches at once and reports the path
   the next ``value()`` will use.

5. **Reuse earns more**: a structure whose stages still found room (they made the path they started from
   :data:`REUSE_GAIN` times cheaper or more) earns one deeper search, cotengra's forested subtree
   reconfiguration (:func:`reuse_search`), once its evaluations have cost about as much as that search
   (:func:`reuse_due`: an evaluation count, by the path's cost alone), or before the first when one
   evaluation would cost more. A loop of a few evaluations never
   pays for it; a long one pays at most about as much again as it had spent, and then runs on a path 1.5-14x
   cheaper on irregular networks (a random 3-regular network of 60 tensors, bond 4: 2.3e8 -> 1.25e8 FLOPs).
   ``d.path(thorough=True)`` runs it at once.

The stages, and so the path, depend only on the network (and, for the reuse search, on how many times it
was evaluated); time decides only *when* they run, and, if the backstop is ever reached (reported), how far
they got.
"""

from __future__ import annotations

import math
import random
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np
import opt_einsum

from ..errors import PathSearchWarning
from .pathinfo import single_assignment
from .progress import progress

__all__ = [
    "GREEDY_TRIALS",
    "REFINE_CAP",
    "REFINE_FLOPS",
    "REFINE_TENSORS",
    "SEARCH_AT_ONCE_COST",
    "SWEEP_TENSORS",
    "WRITE_WEIGHT",
    "Candidate",
    "combo_cost",
    "hyper_trials",
    "integer_inputs",
    "partition_trials",
    "refine_path",
    "reuse_due",
    "reuse_search",
    "sweep_path",
]

#: A first path costing more than this many FLOPs (about a millisecond) gets a second opinion ...
REFINE_FLOPS = 1e7
#: ... on a network of more than this many tensors (opt_einsum searches smaller ones exhaustively).
REFINE_TENSORS = 8
#: A first evaluation searches at once only when the first path costs more than this (FLOPs plus weighted writes,
#: about 0.1 s at the 50 GFLOP/s of a current 2-core machine's BLAS); otherwise it contracts on that path and
#: leaves the search to the structure's second evaluation. A number of the network, never of the machine's load.
SEARCH_AT_ONCE_COST = 5e9
#: The backstop of a search, in seconds: far above what the stages take (so that the path never depends on the
#: machine's load), reported by a PathSearchWarning when it fires.
REFINE_CAP = 60.0
#: An element written to an intermediate costs as much as this many FLOPs (cotengra's ``combo`` uses 64).
WRITE_WEIGHT = 64
#: The randomised greedy trials of the first stage, and of the later ones without cotengra.
GREEDY_TRIALS = (8, 32, 128)
#: The most tensors a sweep is tried on (turning its path into opt_einsum's format is quadratic in memory moves).
SWEEP_TENSORS = 5000


#: A partitioning trial on a network of n tensors costs about this many FLOPs of contraction, times n² (measured,
#: raw trials: 0.04 s at 60 tensors, 0.07 s at 80, 0.24 s at 144, 2.1 s at 576, against about 10⁹ FLOP/s of
#: contraction; only the best trial is then reconfigured, as the stage before reconfigured the greedy path).
PARTITION_TRIAL_COST = 1.1e4
#: At most this many partitioning trials.
PARTITION_TRIALS = 16
#: And at most this much partitioning in all (in the trials' FLOP-equivalents: about 10 s), so that a grid of
#: hundreds of tensors is not searched for a minute (24×24: 16 trials took 53 s) nor a 32×32 one until the backstop.
PARTITION_BUDGET = 2e10


def partition_trials(tensors: int, cost: float) -> int:
    """How many of cotengra's partitioning trials (``labels``) a path of ``cost`` on ``tensors`` tensors is worth.

    A search that costs no more than a quarter of the contraction it may shorten, and no more
    than :data:`PARTITION_BUDGET` in all: the number depends on the network alone. Irregular
    networks are where partitioning finds paths greedy trials miss (a random 3-regular network
    of 80 tensors: 5 × 10⁹ FLOPs after greedy and reconfiguration, 6.6 × 10⁸ after 16
    partitioning trials; another, 5.7 × 10⁸ and 1.8 × 10⁸).
    """
    trial = PARTITION_TRIAL_COST * tensors**2
    return int(min(PARTITION_TRIALS, cost / (4 * trial), PARTITION_BUDGET / trial))


def hyper_trials(tensors: int) -> int:
    """How many trials cotengra's hyper-optimiser runs on a network of ``tensors`` tensors (0: skipped).

    A trial costs about a reconfiguration of a rough path, which grows quickly with the
    network: here 8 trials on a 50-tensor PEPS norm took 0.7 s, 8 on a 100-tensor random
    graph more than 2 s. Sized so the stage ends well before the backstop.
    """
    return 8 if tensors <= 64 else 4 if tensors <= 120 else 0


#: The reuse search: cotengra's forest of this many trees, restarted this many times (seeded) ...
REUSE_FOREST = (2, 4)
#: ... taking about this long, or a second per this many tensors if longer (measured on a 2-core machine: 0.6-4.2 s
#: on the benchmark's networks of 44-400 tensors, 6-9 s on random 3-regular networks of 120-200) ...
REUSE_SEARCH_SECONDS = 4.0
REUSE_TENSORS_PER_SECOND = 20
#: ... against contractions at about this many combo FLOPs a second (a 2-core machine's BLAS: 3-7 × 10¹⁰; the
#: higher, the later the search): the exchange rate that turns a path's cost into seconds, a constant.
CONTRACTION_RATE = 5e10
#: ... on networks of at most this many tensors (beyond, a forest's time has not been measured) ...
REUSE_TENSORS = 400
#: ... whose stages made their starting path at least this many times cheaper (an MPS norm's stages improve
#: its sweep by 1 %: no room for a forest either; a random graph's by 10-50×).
REUSE_GAIN = 1.1


Inputs = list[list[int]]


def sweep_path(inputs: Inputs) -> list[tuple[int, ...]]:
    """The path that absorbs the tensors one at a time into one growing intermediate, in Cuthill-McKee order (scipy)
    (breadth first from a peripheral tensor, fewest lines first): a ladder (an MPO between an MPS and its
    conjugate) is zipped column by column, its intermediate never wider than a column's lines; a network in
    pieces is swept piece by piece. Linear in the network (opt_einsum's linear format).

    >>> sweep_path([[0], [0, 1], [1, 2], [2]])
    [(0, 1), (0, 2), (0, 1)]
    """
    import scipy.sparse  # (here, not at the top: 150 ms of every `import penrose` for networks that need a search)
    from scipy.sparse.csgraph import reverse_cuthill_mckee

    count = len(inputs)
    first_holder: dict[int, int] = {}  # (an index on three tensors or more joins each to its first)
    lines = []
    for tensor, term in enumerate(inputs):
        for index in term:
            holder = first_holder.setdefault(index, tensor)
            if holder != tensor:
                lines.append((holder, tensor))
    ends = np.array(lines, dtype=np.int64).reshape(-1, 2)
    graph = scipy.sparse.coo_matrix((np.ones(len(ends)), (ends[:, 0], ends[:, 1])), shape=(count, count)).tocsr()
    order = reverse_cuthill_mckee(graph, symmetric_mode=False)[::-1].tolist()  # (scipy's C code: linear)
    single, grown = [], order[0]
    for number, tensor in enumerate(order[1:]):
        single.append((grown, tensor))
        grown = len(inputs) + number
    return opt_einsum.paths.ssa_to_linear(single)


class Candidate:
    """A path (opt_einsum's linear format), its FLOPs, elements written, and the stage that found it."""

    __slots__ = ("flops", "gain", "path", "stage", "writes")

    def __init__(self, path: Sequence[Sequence[int]], flops: float, writes: float, stage: str) -> None:
        self.path = [tuple(step) for step in path]
        self.flops = flops
        self.writes = writes
        self.stage = stage
        self.gain = 1.0  # how many times cheaper the stages made the path they started from

    @property
    def cost(self) -> float:
        """The combo cost: FLOPs plus ``WRITE_WEIGHT`` per element written."""
        return self.flops + WRITE_WEIGHT * self.writes


def combo_cost(
    path: Sequence[Sequence[int]], inputs: Inputs, output: list[int], sizes: dict[int, int]
) -> tuple[float, float]:
    """``(flops, writes)`` of ``path`` on integer-labelled ``inputs``, counted as opt_einsum counts FLOPs.

    Each index carries the number of operands holding it, so a step costs its own indices
    (linear in the network, not quadratic: see :mod:`penrose.core.contract.pathinfo`)."""
    operands = {k: set(term) for k, term in enumerate(inputs)}
    held = Counter(index for term in operands.values() for index in term)
    kept = set(output)
    flops = writes = 0.0
    for number, step in enumerate(single_assignment(len(inputs), path)):
        picked = [operands.pop(k) for k in step]
        involved = set().union(*picked)
        for term in picked:
            held.subtract(term)
        result = {index for index in involved if index in kept or held[index] > 0}
        held.update(result)
        size = math.prod(sizes[index] for index in involved)
        inner = len(result) < len(involved)
        flops += size * max(len(picked) - 1, 1) * (2 if inner else 1)
        writes += math.prod(sizes[index] for index in result)
        operands[len(inputs) + number] = result
    return flops, writes


@lru_cache(maxsize=1)
def _cotengra() -> Any:
    """cotengra, imported once (1-1.5 s the first time under load: never inside a search's time budget), or None."""
    try:
        import cotengra
    except ImportError:
        return None
    return cotengra


def _integers(equation: str, shapes: Sequence[tuple[int, ...]]) -> tuple[Inputs, list[int], dict[int, int]]:
    """The equation with every index an integer (in order of first appearance): hashing is then the same everywhere."""
    terms, output = equation.split("->")
    number = _numbers(equation)
    inputs = [[number[s] for s in term] for term in terms.split(",")]
    sizes = {number[s]: dim for term, shape in zip(terms.split(","), shapes) for s, dim in zip(term, shape)}
    return inputs, [number[s] for s in output], sizes


def _numbers(equation: str) -> dict[str, int]:
    """Each index of ``equation`` numbered in order of first appearance."""
    number: dict[str, int] = {}
    for symbol in equation:
        if symbol not in ",->" and symbol not in number:
            number[symbol] = len(number)
    return number


def integer_inputs(equation: str) -> Inputs:
    """The input terms of ``equation`` with every index an integer (as :func:`sweep_path` takes them)."""
    number = _numbers(equation)
    return [[number[symbol] for symbol in term] for term in equation.split("->")[0].split(",")]


Stage = Callable[[Sequence[Sequence[int]], float], Any]  # (best path so far, seconds left) -> a path or None


def _stages(inputs: Inputs, output: list[int], sizes: dict[int, int]) -> list[tuple[str, Stage]]:
    """The stages in order: each maps the best path so far and the time left to a candidate path (None: skipped)."""
    searcher = _SeededRandomGreedy(inputs, output, sizes)
    cotengra = _cotengra()
    if cotengra is None:
        return [(f"random-greedy-{n}", lambda best, left, n=n: searcher.run(n)) for n in GREEDY_TRIALS]

    def reconfigured(path: Sequence[Sequence[int]], left: float) -> Any:
        tree = cotengra.ContractionTree.from_path(inputs, output, sizes, path=[tuple(step) for step in path])
        tree.subtree_reconfigure_(subtree_size=8, minimize="combo")
        return tree.get_path()

    def hyper(path: Sequence[Sequence[int]], left: float) -> Any:
        trials = hyper_trials(len(inputs))
        return _hyper(cotengra, inputs, output, sizes, trials, left) if trials else None

    def partition(path: Sequence[Sequence[int]], left: float) -> Any:
        flops, writes = combo_cost(path, inputs, output, sizes)
        trials = partition_trials(len(inputs), flops + WRITE_WEIGHT * writes)
        if not trials:
            return None
        found = _hyper(cotengra, inputs, output, sizes, trials, left, "labels", reconfigure_each=False)
        return reconfigured(found, left)  # (the best trial reconfigured once, not every trial)

    first = GREEDY_TRIALS[0]
    return [
        (f"random-greedy-{first}", lambda best, left: searcher.run(first)),
        ("reconfigured", reconfigured),  # the best so far, its subtrees searched exhaustively by cotengra
        ("hyper", hyper),
        ("partition", partition),  # sized by the best path's cost: only where it is worth it
    ]


def _hyper(
    cotengra: Any,
    inputs: Inputs,
    output: list[int],
    sizes: dict[int, int],
    trials: int,
    left: float,
    method: str = "greedy",
    reconfigure_each: bool = True,
) -> Any:
    """cotengra's hyper-optimiser (``method`` trials, minimising combo), seeded and reproducible.

    ``left`` (seconds) is the backstop: trials not started by then are not run. ``reconfigure_each``: every
    trial's tree reconfigured before trials are compared (cotengra's default; else the trials are raw).
    """
    with _seeded():
        optimizer = cotengra.HyperOptimizer(
            methods=[method],
            minimize="combo",
            max_repeats=trials,
            max_time=left,
            optlib="random",
            progbar=False,
            parallel=False,
            reconf_opts="auto" if reconfigure_each else None,  # ("auto": cotengra's default)
        )
        return optimizer.search(inputs, output, sizes).get_path()


@contextmanager
def _seeded() -> Iterator[None]:
    """Python's and numpy's global random generators seeded with 0 (cotengra draws from them where it takes no
    seed), and left as they were afterwards."""
    python_state, numpy_state = random.getstate(), np.random.get_state()
    try:
        random.seed(0)
        np.random.seed(0)
        yield
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
    counted: tuple[float, float] | None = None,
) -> tuple[Candidate, bool]:
    """The best candidate for ``equation`` under the policy above, from the path ``first``; and whether it is final.

    ``deep=False`` is a first evaluation: unless the first path would take longer than
    :data:`SEARCH_AT_ONCE_COST`, it returns that path, not final, so that the
    structure's next evaluation runs the stages. ``cap`` overrides the backstop (seconds).
    A cheap path or a small network is final as it is. ``counted``: the first path's ``(flops, writes)``, when
    the caller has counted them already (:func:`~penrose.core.contract.pathinfo.path_info` of a pairwise path).
    """
    inputs, output, sizes = _integers(equation, shapes)
    best = Candidate(first, *(counted or combo_cost(first, inputs, output, sizes)), "first")
    if len(inputs) <= REFINE_TENSORS or best.flops <= REFINE_FLOPS:
        return best, True
    if len(inputs) <= SWEEP_TENSORS:  # (cheap, so a first evaluation is not left on a catastrophic greedy path)
        swept = sweep_path(inputs)
        found = Candidate(swept, *combo_cost(swept, inputs, output, sizes), "sweep")
        if found.cost < best.cost:
            best = found
        if best.flops <= REFINE_FLOPS:
            return best, True
    if not deep and best.cost < SEARCH_AT_ONCE_COST:
        return best, False  # contract now on the first path; search when the structure comes back
    stages = _stages(inputs, output, sizes)  # (cotengra imported here, before the backstop's clock starts)
    started = best.cost
    deadline = time.perf_counter() + (REFINE_CAP if cap is None else cap)
    cut = None
    with progress("searching a contraction path", unit="stage") as bar:
        for stage, run in stages:
            left = deadline - time.perf_counter()
            if left <= 0:
                cut = stage
                break
            bar.describe(f"path search: {stage}")
            path = run(best.path, left)
            bar.update()
            if time.perf_counter() >= deadline:
                cut = stage
            if path is None:
                continue
            found = Candidate(path, *combo_cost(path, inputs, output, sizes), stage)
            if found.cost < best.cost:
                best = found
    if cut is not None:
        seconds = REFINE_CAP if cap is None else cap
        warnings.warn(
            PathSearchWarning(
                f"the contraction-path search of a network of {len(inputs)} tensors stopped at its {seconds:g} s "
                f"backstop in stage {cut!r}; its path may differ from one run to the next. Search longer with "
                "optimize='cotengra', or pass a path found once (d.path().steps) as optimize="
            ),
            stacklevel=4,
        )
        best.stage += "-cut"
    best.gain = started / best.cost
    return best, True


def reuse_due(cost: float, tensors: int) -> int:
    """At which evaluation of a path of combo ``cost`` on ``tensors`` tensors the reuse search is due: when the
    evaluations before it have cost about as much as the search (:data:`REUSE_SEARCH_SECONDS`, longer for
    big networks, against the path's cost at :data:`CONTRACTION_RATE`); 1 when the search costs less than
    one evaluation (it then runs before the first). A number of the network alone.

    >>> reuse_due(7.2e8, 80)  # a random 3-regular network of 80 tensors, bond 3: about 15 ms an evaluation
    278
    >>> reuse_due(3e14, 150)  # a contraction of an hour or more: search first
    1
    """
    seconds = max(REUSE_SEARCH_SECONDS, tensors / REUSE_TENSORS_PER_SECOND)
    return max(1, math.ceil(seconds * CONTRACTION_RATE / max(cost, 1.0)))


def earns_reuse_search(best: Candidate, tensors: int) -> bool:
    """True when the stages found room (made the path they started from :data:`REUSE_GAIN` times cheaper or more:
    the search had not converged), were not cut short, and the network is one the reuse search is measured on.
    A ladder on its sweep, where the stages find next to nothing, never pays for a search that would find
    nothing either."""
    searched = best.gain >= REUSE_GAIN and not best.stage.endswith("-cut")
    return searched and tensors <= REUSE_TENSORS and _cotengra() is not None


def reuse_search(equation: str, shapes: Sequence[tuple[int, ...]], steps: Sequence[Sequence[int]]) -> Candidate:
    """The deeper search a reused structure earns: cotengra's forested subtree reconfiguration of ``steps``
    (:data:`REUSE_FOREST`, seeded, one process), kept only where it is cheaper (combo cost)."""
    inputs, output, sizes = _integers(equation, shapes)
    best = Candidate(steps, *combo_cost(steps, inputs, output, sizes), "reused")
    cotengra = _cotengra()
    if cotengra is None:
        return best
    trees, restarts = REUSE_FOREST
    with progress("searching a contraction path", unit="stage") as bar:
        bar.describe("path search: forest (the structure is being reused)")
        tree = cotengra.ContractionTree.from_path(inputs, output, sizes, path=[tuple(step) for step in steps])
        with _seeded():  # (each tree's reconfiguration draws from the global generator)
            tree = tree.subtree_reconfigure_forest(
                num_trees=trees, num_restarts=restarts, minimize="combo", seed=0, parallel=False, progbar=False
            )
        bar.update()
    path = tree.get_path()
    found = Candidate(path, *combo_cost(path, inputs, output, sizes), "forest")
    return found if found.cost < best.cost else best
