"""Path search: which pairs of tensors to contract first, found by opt_einsum (or cotengra).

``optimize=`` takes opt_einsum's names (``"auto"``, ``"greedy"``, ``"dp"``, …), ``"cotengra"``,
an explicit list of steps, or an optimizer object; :func:`check_optimize` refuses anything
else before any work. Under ``"auto"`` an expensive greedy path is searched again by the
policy of :mod:`penrose.core.contract.refine`: opt_einsum's greedy choice can be catastrophic on
ladders and irregular graphs (10²³ FLOPs where 10⁸ will do).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, NamedTuple

import opt_einsum

try:  # documented in opt_einsum's API reference, but not exported at the top level
    from opt_einsum.contract import ContractExpression as _ContractExpression
except ImportError:  # pragma: no cover
    _ContractExpression = None

from ..errors import DiagramError
from .execute import PairwiseExpression
from .pathinfo import optimizer_steps, path_info
from .refine import earns_reuse_search, refine_path, reuse_due, reuse_search

__all__ = ["ContractionPath", "Found", "check_optimize", "reuse", "search"]

Shapes = tuple[tuple[int, ...], ...]


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


def check_optimize(optimize: Any, tensors: int) -> None:
    """Refuse an ``optimize`` opt_einsum would reject deep inside (or, on two boxes, silently ignore)."""
    if optimize is None or isinstance(optimize, bool) or optimize == "auto":
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


def _optimizer(optimize: Any) -> Any:
    """opt_einsum's optimizers pass through; ``"cotengra"`` becomes a cotengra HyperOptimizer (up to 10 s)."""
    if optimize != "cotengra":
        return optimize
    cotengra = _cotengra()
    try:
        import kahypar  # noqa: F401  (cotengra's best partitioner, when installed)

        methods = ["greedy", "kahypar"]
    except ImportError:
        methods = ["greedy", "labels"]
    return cotengra.HyperOptimizer(
        methods=methods, minimize="combo", max_time=10.0, max_repeats=128, progbar=False, parallel=False
    )


def _cotengra() -> Any:
    try:
        import cotengra
    except ImportError:
        raise DiagramError(
            "optimize='cotengra' needs the optional cotengra package: pip install 'penrose-diagrams[cotengra]'"
        ) from None
    return cotengra


class Found(NamedTuple):
    """What a search found: the path, a prebuilt expression that follows it, whether the path is final (no
    deferred stages), and after how many evaluations the structure earns the reuse search (None: never)."""

    path: ContractionPath
    expression: Any
    final: bool = True
    reuse_due: int | None = None


def search(
    equation: str, shapes: Shapes, optimize: Any, deep: bool = True, start: ContractionPath | None = None
) -> Found:
    """The path for ``optimize`` and what goes with it (:class:`Found`).

    Under ``"auto"`` an expensive path gets a second opinion (:mod:`penrose.core.contract.refine`):
    ``deep=False`` (a first evaluation) may leave it for later and say the path is not
    final; ``start`` is a path found before, to search on from.
    """
    began = time.perf_counter()
    if start is None:
        steps = optimizer_steps(equation, shapes, _optimizer(optimize))
        info = path_info(equation, shapes, steps)
        name = optimize if isinstance(optimize, str) else type(optimize).__name__
    else:
        steps, info, name = start.steps, start.info, start.optimizer
    final, due = True, None
    if optimize == "auto":  # a second opinion when the first path is expensive (see penrose.core.contract.refine)
        pairwise = all(len(step) == 2 for step in steps)  # (then path_info counted FLOPs as combo_cost does)
        counted = (float(info.opt_cost), float(sum(info.size_list))) if pairwise else None
        best, final = refine_path(equation, shapes, steps, deep=deep, counted=counted)
        if best.stage != "first":
            steps, info = best.path, path_info(equation, shapes, best.path)
            name = f"auto+{best.stage}"
        if final and earns_reuse_search(best, len(shapes)):
            due = reuse_due(best.cost, len(shapes))
    searched = time.perf_counter() - began
    path = ContractionPath(info, str(name), searched)
    return Found(path, _expression(equation, shapes, steps, info), final, due)


def reuse(equation: str, shapes: Shapes, start: ContractionPath) -> Found:
    """The reuse search (:func:`~penrose.core.contract.refine.reuse_search`) from ``start``: a final path."""
    began = time.perf_counter()
    best = reuse_search(equation, shapes, start.steps)
    steps, name = start.steps, start.optimizer
    info = start.info
    if best.stage != "reused":
        steps, info, name = best.path, path_info(equation, shapes, best.path), f"{name}+{best.stage}"
    path = ContractionPath(info, name, start.search_seconds + time.perf_counter() - began)
    return Found(path, _expression(equation, shapes, steps, info))


def _expression(equation: str, shapes: Shapes, steps: Any, info: Any) -> Any:
    """The prebuilt expression for a path already found, without a second search.

    ``opt_einsum.contract_expression`` would parse the equation and plan the path again;
    ``ContractExpression`` takes the contraction list the search produced directly. If a
    future opt_einsum moves that class, fall back to the public function.
    """
    if _ContractExpression is not None:
        fallback = _ContractExpression(equation, info.contraction_list, {})
    else:  # pragma: no cover
        fallback = opt_einsum.contract_expression(equation, *shapes, optimize=steps)
    return PairwiseExpression(equation, shapes, info.contraction_list, fallback, float(info.opt_cost))
