"""Contraction: a network to an einsum equation, a cached path, and its value.

The equation is generated canonically from the network's structure (boxes in order,
legs in order), so two networks with the same wiring and leg dimensions give the same
``(equation, shapes)`` key, whatever their numbers. Paths are found once per key by
``opt_einsum`` and kept in an LRU cache as a prebuilt ``ContractExpression``: a second
evaluation of the same shape skips path finding.

Two kinds of network skip the search when evaluated (``plan(..., quick=True)``):

- a small one under ``optimize="auto"`` (at most ``ONE_SHOT_FLOPS`` multiply-adds done
  naively, as every seminar diagram) is one ``einsum`` call over all its boxes: at that
  size a path search and pairwise BLAS calls cost more than the arithmetic;
- one of one or two boxes has a single path; the first time its structure is seen it
  goes straight to ``opt_einsum.contract``, and the reusable expression is built when
  the structure comes back.

One-off evaluations then cost no more than ``opt_einsum.contract``.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import Any, NamedTuple

import numpy as np
import opt_einsum

try:  # documented in opt_einsum's API reference, but not exported at the top level
    from opt_einsum.contract import ContractExpression as _ContractExpression
except ImportError:  # pragma: no cover
    _ContractExpression = None

from .errors import DiagramError
from .network import Network, Port

__all__ = [
    "ContractionPath",
    "Einsum",
    "Plan",
    "clear_path_cache",
    "einsum_of",
    "one_shot_path",
    "parse_memory_limit",
    "plan",
]


class Einsum(NamedTuple):
    """One network as an einsum: ``equation``, the ``arrays`` in order, and their ``shapes``."""

    equation: str
    arrays: tuple[Any, ...]
    shapes: tuple[tuple[int, ...], ...]


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"  # opt_einsum.get_symbol's first 52


def einsum_of(network: Network, describe: Callable[[], str] = lambda: "the diagram") -> Einsum:
    """Write ``network`` as an einsum, refusing symbolic boxes (they have no numbers).

    ``describe`` names the diagram in an error message; it is only called on error.
    Runs on every first evaluation, so it is kept to one pass over the legs.
    """
    nodes = network.nodes
    arrays = tuple([node.data for node in nodes])
    if any(array is None for array in arrays):
        symbolic = [node for node in nodes if node.data is None]
        names = ", ".join(node.describe() for node in symbolic[:5])
        raise DiagramError(
            f"cannot evaluate {describe()}: {names} {'is' if len(symbolic) == 1 else 'are'} symbolic "
            "(drawn without numbers); give every box data, e.g. pn.ket([1, 0], name='χ'), "
            "or only draw it with value=False"
        )
    partner: dict[Port, Port] = {}
    for first, second in network.bonds:
        partner[first] = second
        partner[second] = first
    symbols: dict[Port, str] = {}  # letters in order of first appearance, box by box
    terms = []
    count = 0
    for position, node in enumerate(nodes):
        subscript = ""
        for leg in node.legs:
            port = (position, leg.name)
            symbol = symbols.get(port)
            if symbol is None:
                symbol = symbols[port] = _LETTERS[count] if count < 52 else opt_einsum.get_symbol(count)
                count += 1
                other = partner.get(port)
                if other is not None:
                    symbols[other] = symbol
            subscript += symbol
        terms.append(subscript)
    output = "".join([symbols[port] for port in network.open_ports])
    shapes = tuple([tuple(array.shape) for array in arrays])
    return Einsum(",".join(terms) + "->" + output, arrays, shapes)


class ContractionPath:
    """The chosen contraction path of a network and what it costs.

    ``steps`` are opt_einsum's pairwise contractions (positions in the shrinking list
    of operands), ``flops`` its cost estimate, ``largest_intermediate`` the number of
    elements of the biggest tensor it builds, ``search_seconds`` how long the path
    search took, and ``info`` opt_einsum's full ``PathInfo`` (printed by ``str()``).
    """

    __slots__ = ("info", "optimizer", "search_seconds")

    def __init__(self, info: Any, optimizer: str, search_seconds: float) -> None:
        self.info = info
        self.optimizer = optimizer
        self.search_seconds = search_seconds

    @property
    def equation(self) -> str:
        return str(self.info.eq)

    @property
    def steps(self) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(step) for step in self.info.path)

    @property
    def flops(self) -> int:
        return int(self.info.opt_cost)

    @property
    def naive_flops(self) -> int:
        return int(self.info.naive_cost)

    @property
    def largest_intermediate(self) -> int:
        return int(self.info.largest_intermediate)

    def __repr__(self) -> str:
        return (
            f"<ContractionPath {len(self.info.path)} steps, {self.flops:.3e} flops, largest "
            f"intermediate {self.largest_intermediate} elements, found by {self.optimizer!r} "
            f"in {self.search_seconds * 1e3:.3g} ms>"
        )

    def __str__(self) -> str:
        return f"{self.info}\n  Optimizer: {self.optimizer}; path search took {self.search_seconds * 1e3:.3g} ms"


class Plan(NamedTuple):
    """How to evaluate one structure: call ``expression(*arrays, backend=...)``.

    ``path`` is the path it follows, or ``None`` for a plan made by ``plan(quick=True)``
    without a search (a one-shot einsum, or a one-path structure seen for the first
    time). ``reusable`` is false for the latter: it is ``opt_einsum.contract`` itself,
    and the next evaluation should ask again to get the prebuilt expression.
    """

    path: ContractionPath | None
    expression: Callable[..., Any]
    reusable: bool = True


#: Under ``optimize="auto"``, a network whose naive einsum (every index looped over at
#: once) costs at most this many multiply-adds is evaluated by one einsum call. Measured
#: on numpy 2 (2 cores): up to ~10⁴ that beats the prebuilt pairwise expression 1.5-4x.
ONE_SHOT_FLOPS = 10_000
#: numpy's einsum takes at most 32 operands and loops over at most 32 indices at once
#: (numpy 1.x; 64 in numpy 2): beyond these a network of dimension-1 legs is searched.
ONE_SHOT_TENSORS = 16
ONE_SHOT_INDICES = 24


def one_shot_flops(equation: str, shapes: Sequence[tuple[int, ...]]) -> int | None:
    """The cost of ``equation`` as one einsum loop (product of all index sizes, per operand).

    ``None`` if it has too many operands or indices for one einsum call.
    """
    if len(shapes) > ONE_SHOT_TENSORS:
        return None
    sizes: dict[str, int] = {}
    for term, shape in zip(equation.split("->", 1)[0].split(","), shapes):
        sizes.update(zip(term, shape))
    if len(sizes) > ONE_SHOT_INDICES:
        return None
    return math.prod(sizes.values()) * len(shapes)


def _small(equation: str, shapes: tuple[tuple[int, ...], ...]) -> bool:
    flops = one_shot_flops(equation, shapes)
    return flops is not None and flops <= ONE_SHOT_FLOPS


class OneShot:
    """A small network's value in one einsum call over all its operands, no intermediates.

    numpy arrays go straight to ``opt_einsum.contract(..., optimize=False)``; other
    arrays, or an explicit ``backend``, to an expression of one step over every operand,
    so the array library's own ``einsum`` does the work.
    """

    __slots__ = ("_expression", "equation", "shapes")

    def __init__(self, equation: str, shapes: tuple[tuple[int, ...], ...]) -> None:
        self.equation = equation
        self.shapes = shapes
        self._expression: Any = None

    def __call__(self, *arrays: Any, backend: str | None = None) -> Any:
        if backend is None and all(type(array) is np.ndarray for array in arrays):
            return opt_einsum.contract(self.equation, *arrays, optimize=False)
        if self._expression is None:
            everything = [tuple(range(len(self.shapes)))]
            self._expression = opt_einsum.contract_expression(self.equation, *self.shapes, optimize=everything)
        return self._expression(*arrays, backend=backend or "auto")

    def __repr__(self) -> str:
        return f"OneShot({self.equation!r})"


def one_shot_path(equation: str, shapes: tuple[tuple[int, ...], ...]) -> ContractionPath:
    """The path of a one-shot plan: a single step over every operand, costed by opt_einsum."""
    everything = [tuple(range(len(shapes)))]
    _, info = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize=everything)
    return ContractionPath(info, "auto (one einsum: a small network)", 0.0)  # nothing was searched


_CACHE_SIZE = 512
_cache: OrderedDict[Hashable, Plan | None] = OrderedDict()  # None: a one-path structure seen once
ONE_PATH_TENSORS = 2  # one or two boxes: a single contraction path, nothing to search


def clear_path_cache() -> None:
    """Forget every cached contraction path (the next evaluation searches again)."""
    _cache.clear()


def _optimizer_key(optimize: Any) -> Hashable | None:
    if isinstance(optimize, (str, bool)) or optimize is None:
        return optimize
    if isinstance(optimize, (list, tuple)):
        try:
            return ("path", tuple(tuple(step) for step in optimize))
        except TypeError:
            return None
    try:
        hash(optimize)
    except TypeError:
        return None
    return optimize


_VALID_NAMES: set[Any] = {"auto", True, False, None}


def check_optimize(optimize: Any, tensors: int) -> None:
    """Refuse an ``optimize`` opt_einsum would reject deep inside (or, on two boxes, silently ignore)."""
    if (isinstance(optimize, (str, bool)) or optimize is None) and optimize in _VALID_NAMES:
        return
    if isinstance(optimize, str) and optimize == "cotengra":
        _cotengra()
    elif isinstance(optimize, str):
        try:
            opt_einsum.paths.get_path_fn(optimize)
        except KeyError:
            raise DiagramError(
                f"optimize={optimize!r} is not a path optimizer; use one of opt_einsum's names "
                "('auto', 'greedy', 'optimal', 'dp', 'branch-2', 'random-greedy', 'auto-hq', ...), "
                "'cotengra', a list of contraction steps like [(0, 1), (0, 1)], or an optimizer object"
            ) from None
        _VALID_NAMES.add(optimize)
    elif isinstance(optimize, (list, tuple)):
        _check_steps(optimize, tensors)
    elif not callable(optimize) and not hasattr(optimize, "search"):
        raise DiagramError(
            f"optimize={optimize!r} is not a path optimizer; give a name like 'auto' or 'greedy', "
            "a list of contraction steps, or an optimizer object (opt_einsum.PathOptimizer, cotengra)"
        )


def _check_steps(steps: Sequence[Any], tensors: int) -> None:
    """An explicit path must merge the ``tensors`` operands, by position in the shrinking list, down to one."""
    remaining = tensors
    for number, step in enumerate(steps):
        try:
            positions = [int(k) for k in step]
            bad = len(set(positions)) != len(positions) or any(not 0 <= k < remaining for k in positions)
        except (TypeError, ValueError):
            bad = True
        if bad or not positions:
            raise DiagramError(
                f"optimize: step {number} of the explicit path, {step!r}, is not a tuple of distinct positions "
                f"among the {remaining} operands left (0 to {remaining - 1}); each step lists the operands "
                "it merges, and the merged one goes to the end"
            )
        remaining -= len(positions) - 1
    if remaining != 1 or not steps:
        raise DiagramError(
            f"optimize: the explicit path leaves {remaining} operands of {tensors} unmerged; "
            "its steps must contract the network down to one tensor"
        )


def plan(
    equation: str,
    shapes: tuple[tuple[int, ...], ...],
    optimize: Any = "auto",
    memory_limit: int | None = None,
    describe: Callable[[], str] = lambda: "the diagram",
    *,
    quick: bool = False,
    one_shot: bool = True,
) -> Plan:
    """How to evaluate ``(equation, shapes)``: a one-shot einsum, or a path from the cache or found now.

    A small network under ``optimize="auto"`` (see ``ONE_SHOT_FLOPS``) is one einsum
    call (``one_shot=False`` asks for a pairwise path all the same, to show its steps).
    ``quick`` is for evaluating now: such a plan then comes without its ``path``,
    and a one- or two-box structure seen for the first time goes to
    ``opt_einsum.contract`` directly (its expression is built when it comes back).
    ``memory_limit`` (elements) is checked against the path's largest intermediate
    before anything is allocated; a path that needs more is refused.
    """
    if one_shot and memory_limit is None and _is_auto(optimize) and _small(equation, shapes):
        return Plan(None if quick else one_shot_path(equation, shapes), OneShot(equation, shapes))
    key_optimizer = _optimizer_key(optimize)
    key = None if key_optimizer is None else (equation, shapes, key_optimizer)
    found = _cache.get(key, False) if key is not None else False
    if not found:
        check_optimize(optimize, len(shapes))
        if quick and found is False and key is not None and memory_limit is None and len(shapes) <= ONE_PATH_TENSORS:
            _remember(key, None)
            # one path whatever the optimizer (``optimize`` was checked above): no need to pass it
            return Plan(None, partial(opt_einsum.contract, equation), reusable=False)
        found = _search(equation, shapes, optimize)
        if key is not None:
            _remember(key, found)
    assert found.path is not None
    if memory_limit is not None and found.path.largest_intermediate > memory_limit:
        raise DiagramError(
            f"cannot evaluate {describe()} within memory_limit={memory_limit} elements: the "
            f"best path found ({found.path.optimizer!s}) builds an intermediate of "
            f"{found.path.largest_intermediate} elements. Try a better optimizer "
            "(optimize='dp' or 'auto-hq', or cotengra's), slice the network with cotengra, "
            "or raise memory_limit"
        )
    return found


def _is_auto(optimize: Any) -> bool:
    return isinstance(optimize, str) and optimize == "auto"


def _remember(key: Hashable, found: Plan | None) -> None:
    _cache[key] = found
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)


#: With ``optimize="auto"``, a path costing more FLOPs than this, on a network of more than
#: ``REFINE_TENSORS`` tensors, is worth a second, better search.
REFINE_FLOPS = 1e9
REFINE_TENSORS = 8
#: The refining search may take this share of the contraction's estimated time ...
REFINE_SHARE = 0.1
#: ... estimated at this many FLOP/s, and between these bounds in seconds.
ASSUMED_FLOPS_PER_SECOND = 1e9  # networks of small tensors run far below a CPU peak
REFINE_SECONDS = (0.05, 5.0)
#: At most this many randomised greedy runs within that time. Eight (the old cap) left the
#: result to chance: on a 60-tensor 3-regular graph 3-53x better than greedy, depending on
#: the process's hash seed; 128 runs (0.5 s there) gave 22-61x.
REFINE_REPEATS = 128


def _optimizer(optimize: Any, budget: float | None = None) -> Any:
    """opt_einsum's optimizers pass through; ``"cotengra"`` becomes a cotengra HyperOptimizer."""
    if optimize != "cotengra":
        return optimize
    cotengra = _cotengra()
    try:
        import kahypar  # noqa: F401  (cotengra's best partitioner, when installed)

        methods = ["greedy", "kahypar"]
    except ImportError:
        methods = ["greedy", "labels"]
    return cotengra.HyperOptimizer(
        methods=methods, max_time=budget or 10.0, max_repeats=128, progbar=False, parallel=False
    )


def _cotengra() -> Any:
    try:
        import cotengra
    except ImportError:
        raise DiagramError(
            "optimize='cotengra' needs the optional cotengra package: pip install 'penrose[cotengra]'"
        ) from None
    return cotengra


def _budget(flops: float) -> float:
    low, high = REFINE_SECONDS
    return min(high, max(low, REFINE_SHARE * flops / ASSUMED_FLOPS_PER_SECOND))


def _refined(equation: str, shapes: tuple[tuple[int, ...], ...], steps: Any, info: Any) -> tuple[Any, Any, str]:
    """For an expensive path from ``"auto"``, search again within a time budget and keep the better path.

    opt_einsum's greedy choice can be catastrophic on ladders and irregular graphs (10²³
    FLOPs where 10⁸ will do). First randomised greedy runs; if the path is still
    expensive, cotengra (when installed). Each budget is ``REFINE_SHARE`` of the
    contraction time estimated from the best path so far, so the search pays for itself.
    """
    if len(shapes) <= REFINE_TENSORS or info.opt_cost <= REFINE_FLOPS:
        return steps, info, "auto"
    name = "auto"
    for label in ("random-greedy", "cotengra"):
        if info.opt_cost <= REFINE_FLOPS:
            break
        budget = _budget(float(info.opt_cost))
        if label == "random-greedy":
            searcher: Any = opt_einsum.RandomGreedy(max_time=budget, max_repeats=REFINE_REPEATS)
        else:
            try:
                searcher = _optimizer("cotengra", budget)
            except DiagramError:
                break
        better_steps, better = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize=searcher)
        if better.opt_cost < info.opt_cost:
            steps, info, name = better_steps, better, f"auto+{label}"
    return steps, info, name


def _search(equation: str, shapes: tuple[tuple[int, ...], ...], optimize: Any) -> Plan:
    start = time.perf_counter()
    steps, info = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize=_optimizer(optimize))
    name = optimize if isinstance(optimize, str) else type(optimize).__name__
    if optimize == "auto":
        steps, info, name = _refined(equation, shapes, steps, info)
    searched = time.perf_counter() - start
    expression = _expression(equation, shapes, steps, info)
    path = ContractionPath(info, str(name), searched)
    return Plan(path, expression)


def _expression(equation: str, shapes: tuple[tuple[int, ...], ...], steps: Any, info: Any) -> Any:
    """The prebuilt expression for a path already found, without a second search.

    ``opt_einsum.contract_expression`` would parse the equation and plan the path again;
    ``ContractExpression`` takes the contraction list the search produced directly. If a
    future opt_einsum moves that class, fall back to the public function.
    """
    if _ContractExpression is not None:
        return _ContractExpression(equation, info.contraction_list, {})
    return opt_einsum.contract_expression(equation, *shapes, optimize=steps)  # pragma: no cover


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
    """A memory limit in elements: an int is already elements; ``"2GB"`` is bytes / ``itemsize``."""
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
        if unit in _UNITS and amount > 0:
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
