"""Plans: how one network structure is evaluated, cached by structure so a second call skips the search.

A plan is a callable ``expression(*arrays, backend=...)`` and the path it follows. Plans
are kept in a :class:`PathCache` keyed by ``(equation, shapes, optimizer)``. Two kinds of
network skip the search when evaluated now (``plan(..., purpose=Purpose.VALUE)``):

- a small one under ``optimize="auto"`` (at most ``ONE_SHOT_FLOPS`` multiply-adds done
  naively, as every seminar diagram) is one ``einsum`` call over all its boxes: at that
  size a path search and pairwise BLAS calls cost more than the arithmetic;
- one of one or two boxes has a single path; the first time its structure is seen it
  goes straight to ``opt_einsum.contract``, and the reusable expression is built when
  the structure comes back.

One-off evaluations then cost no more than ``opt_einsum.contract``.
"""

from __future__ import annotations

import importlib.util
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from enum import Enum
from functools import lru_cache, partial
from typing import Any, NamedTuple

import numpy as np
import opt_einsum

from ..arrays import ARRAY_LIBRARIES
from ..errors import DiagramError, MemoryLimitError
from .pathinfo import optimizer_steps, path_info
from .paths import ContractionPath, Found, check_optimize, reuse, search
from .refine import REFINE_TENSORS, SWEEP_TENSORS, integer_inputs, sweep_path
from .subscripts import index_sizes

__all__ = [
    "ONE_SHOT_FLOPS",
    "OneShot",
    "PathCache",
    "Plan",
    "Purpose",
    "Reuse",
    "check_backend",
    "check_fits",
    "clear_path_cache",
    "counted",
    "hopeless",
    "path_cache",
    "physical_memory",
    "plan",
]

Shapes = tuple[tuple[int, ...], ...]


class Plan(NamedTuple):
    """How to evaluate one structure: call ``expression(*arrays, backend=...)``.

    ``path`` is the path it follows, or ``None`` for a plan made for :attr:`Purpose.VALUE`
    without a search (a one-shot einsum, or a one-path structure seen for the first
    time). ``reusable`` is false when the next evaluation should ask again: a one-path
    structure's plan is ``opt_einsum.contract`` itself (the prebuilt expression comes
    next time), and an expensive structure's first path is not ``final`` (the next
    evaluation searches deeper, see :mod:`penrose.core.contract.refine`). ``reuse`` counts the evaluations
    of a structure that earns the reuse search, which runs when they reach its due count (:func:`counted`).
    """

    path: ContractionPath | None
    expression: Callable[..., Any]
    reusable: bool = True
    final: bool = True
    reuse: Reuse | None = None


class Reuse:
    """A structure's evaluations counted, and the count at which it earns the reuse search
    (:func:`~penrose.core.contract.refine.reuse_due`)."""

    __slots__ = ("due", "evaluations")

    def __init__(self, due: int, evaluations: int) -> None:
        self.due = due
        self.evaluations = evaluations


#: Under ``optimize="auto"``, a network whose naive einsum (every index looped over at
#: once) costs at most this many multiply-adds is evaluated by one einsum call. Measured
#: on numpy 2 (2 cores): up to ~10⁴ that beats the prebuilt pairwise expression 1.5-4x.
ONE_SHOT_FLOPS = 10_000
#: numpy's einsum takes at most 32 operands and loops over at most 32 indices at once
#: (numpy 1.x; 64 in numpy 2): beyond these a network of dimension-1 legs is searched.
ONE_SHOT_TENSORS = 16
ONE_SHOT_INDICES = 24
#: One or two boxes: a single contraction path, nothing to search.
ONE_PATH_TENSORS = 2


def one_shot_flops(equation: str, shapes: Sequence[tuple[int, ...]]) -> int | None:
    """The cost of ``equation`` as one einsum loop (product of all index sizes, per operand).

    ``None`` if it has too many operands or indices for one einsum call.
    """
    if len(shapes) > ONE_SHOT_TENSORS:
        return None
    sizes = index_sizes(equation, shapes)
    if len(sizes) > ONE_SHOT_INDICES:
        return None
    return math.prod(sizes.values()) * len(shapes)


def _small(equation: str, shapes: Shapes) -> bool:
    flops = one_shot_flops(equation, shapes)
    return flops is not None and flops <= ONE_SHOT_FLOPS


class OneShot:
    """A small network's value in one einsum call over all its operands, no intermediates.

    numpy arrays go straight to ``numpy.einsum``; other
    arrays, or an explicit ``backend``, to an expression of one step over every operand,
    so the array library's own ``einsum`` does the work.
    """

    __slots__ = ("_expression", "equation", "shapes")

    def __init__(self, equation: str, shapes: Shapes) -> None:
        self.equation = equation
        self.shapes = shapes
        self._expression: Any = None

    def __call__(self, *arrays: Any, backend: str | None = None) -> Any:
        if backend is None and all(type(array) is np.ndarray for array in arrays):
            return np.einsum(self.equation, *arrays)  # (what opt_einsum.contract(optimize=False) calls, directly)
        if self._expression is None:
            everything = [tuple(range(len(self.shapes)))]
            self._expression = opt_einsum.contract_expression(self.equation, *self.shapes, optimize=everything)
        return self._expression(*arrays, backend=backend or "auto")

    def __repr__(self) -> str:
        return f"OneShot({self.equation!r})"


def one_shot_path(equation: str, shapes: Shapes) -> ContractionPath:
    """The path of a one-shot plan: a single step over every operand, costed by opt_einsum."""
    info = path_info(equation, shapes, [tuple(range(len(shapes)))])
    return ContractionPath(info, "auto (one einsum: a small network)", 0.0)  # nothing was searched


class Purpose(Enum):
    """What a plan is asked for, which decides how much of it must exist now."""

    #: To evaluate now: no search that is not needed (a one-shot einsum carries no path; a one- or two-box
    #: structure seen for the first time goes straight to ``opt_einsum.contract``), a first, cheaper search.
    VALUE = "value"
    #: To show the path :meth:`~penrose.Diagram.value` follows: every plan with its path, searched in full.
    PATH = "path"
    #: To show the contraction pairwise (:meth:`~penrose.Diagram.steps`): a path even for a one-einsum network.
    STEPS = "steps"
    #: To show the path a long loop of evaluations ends on: as :attr:`PATH`, and the reuse search run now.
    THOROUGH = "thorough"


class _Noted:
    """A structure seen once, with no plan yet (see :meth:`PathCache.note`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOTED"


#: What :class:`PathCache` holds for a structure noted without a plan.
NOTED = _Noted()


class PathCache:
    """Plans by structure, ``(equation, shapes, optimizer)``; beyond ``size`` entries the least recently used goes.

    A one- or two-box structure evaluated for the first time is only *noted*
    (:meth:`note`): it needs no search, and its prebuilt expression is worth building
    only when the structure comes back. Safe to share between threads: every read and
    write holds one lock (a lookup and its move to the end are one step).
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Plan | _Noted] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Plan | None:
        """The cached plan for ``key``, or None; a hit counts as recently used."""
        with self._lock:
            found = self._entries.get(key)
            if found is None or found is NOTED:
                return None
            self._entries.move_to_end(key)
            return found  # type: ignore[return-value]

    def noted(self, key: Hashable) -> bool:
        """True when ``key`` was seen before (with or without a plan)."""
        with self._lock:
            return key in self._entries

    def note(self, key: Hashable) -> None:
        """Remember that ``key`` was seen, without a plan."""
        self._store(key, NOTED)

    def put(self, key: Hashable, found: Plan) -> None:
        """Keep ``found`` for ``key``."""
        self._store(key, found)

    def clear(self) -> None:
        """Forget everything: the next evaluation of any structure searches again."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _store(self, key: Hashable, found: Plan | _Noted) -> None:
        with self._lock:
            self._entries[key] = found
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


#: The process-wide cache every diagram's evaluation goes through (512 structures).
path_cache = PathCache(512)


def clear_path_cache() -> None:
    """Forget every cached contraction path (the next evaluation searches again)."""
    path_cache.clear()


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


def _output_elements(equation: str, shapes: Shapes) -> int:
    sizes = index_sizes(equation, shapes)
    return math.prod(sizes[symbol] for symbol in equation.split("->", 1)[1])


def _check_output_size(equation: str, shapes: Shapes, memory_limit: int | None, describe: Callable[[], str]) -> None:
    """Refuse at once a value bigger than ``memory_limit`` elements, or than this machine's memory: no path helps."""
    output = _output_elements(equation, shapes)
    if memory_limit is not None and output > memory_limit:
        raise MemoryLimitError(
            f"cannot evaluate {describe()} within memory_limit={memory_limit} elements: its value alone has "
            f"{output:.3g} elements (one per combination of its open legs' indices); draw it with value=False, "
            "close some legs, or raise memory_limit"
        )
    memory = physical_memory()
    if memory is not None and output * 8 > memory:
        raise MemoryLimitError(
            f"cannot evaluate {describe()}: its value alone has {output:.3g} elements ({output * 8 / 1e9:.3g} GB "
            f"as float64), more than this machine's memory ({memory / 1e9:.3g} GB); draw it with value=False, "
            "or close some legs"
        )


def check_fits(found: Plan, itemsize: int, describe: Callable[[], str]) -> None:
    """Refuse, before contracting, a path whose largest intermediate cannot fit in this machine's memory.

    What ``value()`` does when no ``memory_limit`` is given (one with it is checked by :func:`plan`): the
    intermediate is named by its legs and size, with what to do, instead of numpy's allocation error minutes later.
    """
    memory = physical_memory()
    if found.path is None or memory is None:
        return
    largest = found.path.largest_intermediate
    if largest * itemsize <= memory:
        return
    info = found.path.info
    sizes = info.size_dict
    step = max(info.contraction_list, key=lambda entry: math.prod(sizes[i] for i in entry[2].split("->")[1]))
    indices = step[2].split("->")[1]
    dims = sorted(sizes[i] for i in indices)
    shape = " × ".join(f"{d}^{dims.count(d)}" if dims.count(d) > 1 else str(d) for d in sorted(set(dims)))
    raise MemoryLimitError(
        f"cannot evaluate {describe()}: the best path found ({found.path.optimizer}, {found.path.flops:.3g} FLOPs) "
        f"builds an intermediate of {largest:.3g} elements, a tensor of {len(indices)} legs ({shape}), "
        f"{largest * itemsize / 1e9:.3g} GB at {itemsize} bytes each, more than this machine's memory "
        f"({memory / 1e9:.3g} GB). Slice the network (d.sliced(memory_limit='4GB'): slices that fit), use a smaller "
        "bond dimension, try a deeper path search (optimize='auto-hq'), or pass memory_limit='…' to allow more "
        "(a size in bytes such as '200GB', for a machine with that much swap)"
    )


#: A picture shows no value for a network whose quick paths (opt_einsum's greedy and the sweep) both build an
#: intermediate this many times bigger than the machine's memory: no path search shrinks one that far, and
#: searching first (seconds to a minute on hundreds of tensors) only to refuse would hold the picture up.
#: ``value()`` itself still searches before it refuses (and ``sliced()`` needs that search most).
HOPELESS_FACTOR = 1000


def hopeless(einsums: Sequence[Any], itemsize: int = 8) -> bool:
    """True when some term of a diagram (its ``einsums``) cannot be evaluated on this machine whatever its path:
    the better of its two quick paths builds an intermediate over :data:`HOPELESS_FACTOR` times the memory.
    Small terms (where any search is quick) are not checked."""
    memory = physical_memory()
    if memory is None:
        return False
    for einsum in einsums:
        shapes = einsum.shapes
        if len(shapes) <= REFINE_TENSORS:
            continue
        bound = HOPELESS_FACTOR * memory / itemsize
        largest = path_info(einsum.equation, shapes, optimizer_steps(einsum.equation, shapes, "greedy"))
        if largest.largest_intermediate <= bound:
            continue
        if len(shapes) > SWEEP_TENSORS:  # (no sweep there: the first path is all value() would start from)
            return True
        swept = sweep_path(integer_inputs(einsum.equation))
        if path_info(einsum.equation, shapes, swept).largest_intermediate > bound:
            return True
    return False


@lru_cache(maxsize=64)
def _installed(module: str) -> bool:
    """True when ``module`` can be imported (asked once per name: a backend is named on every call)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


@lru_cache(maxsize=1)
def physical_memory() -> int | None:
    """This machine's memory in bytes, or None where the system does not say."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, OSError, ValueError):
        return None


#: numpy's einsum takes at most 52 distinct index letters in one call (opt_einsum maps each step onto them).
EINSUM_LETTERS = 52


def _check_width(equation: str, found: Plan, describe: Callable[[], str]) -> None:
    """Refuse a path with a step over more indices than numpy's einsum takes (a 53-leg box, say)."""
    if found.path is None or len(set(equation) - set(",->")) <= EINSUM_LETTERS:
        return
    for step in found.path.info.contraction_list:
        width = len(set(step[2]) - set(",->"))
        if width > EINSUM_LETTERS:
            raise DiagramError(
                f"cannot evaluate {describe()}: one step of its contraction ({step[2][:40]}…) handles {width} "
                f"indices at once, and numpy's einsum takes at most {EINSUM_LETTERS}; join or remove legs "
                "(a box of many dimension-1 legs can be reshaped to fewer)"
            )


def check_backend(backend: Any) -> None:
    """Refuse a ``backend`` that names no installed array library, before contracting."""
    if backend is None:
        return
    if not isinstance(backend, str) or not backend:
        raise DiagramError(f"backend={backend!r} must be the name of an array library, like 'numpy' or 'torch'")
    if not _installed(backend.split(".")[0]):
        known = ", ".join(repr(name) for name in ["numpy", *ARRAY_LIBRARIES] if name != "jaxlib")
        raise DiagramError(
            f"backend={backend!r} is not an installed array library; use one of {known} (installed), "
            "or leave backend=None to use the arrays' own library"
        )


def _planned(found: Found) -> Plan:
    """The plan for what a search found; a structure that earns the reuse search is counted from here."""
    counted = None if found.reuse_due is None else Reuse(found.reuse_due, 0)
    return Plan(found.path, found.expression, reusable=found.final, final=found.final, reuse=counted)


def _reuse_now(counts: Reuse, purpose: Purpose) -> bool:
    """Whether the reuse search runs now for a path asked for (not evaluated): thoroughly, or just before the
    evaluation that reaches the due count."""
    return purpose is Purpose.THOROUGH or counts.evaluations + 1 >= counts.due


def _searched(
    equation: str, shapes: Shapes, optimize: Any, purpose: Purpose, deep: bool, start: ContractionPath | None = None
) -> Plan:
    """The plan a search finds now (:func:`~penrose.core.contract.paths.search`), with the reuse search
    run at once when asked for thoroughly."""
    found = _planned(search(equation, shapes, optimize, deep=deep, start=start))
    if found.reuse is not None and _reuse_now(found.reuse, purpose):
        assert found.path is not None
        found = _planned(reuse(equation, shapes, found.path))
    return found


def counted(equation: str, shapes: Shapes, optimize: Any, found: Plan, purpose: Purpose) -> Plan:
    """``found`` as it stands for ``purpose``: an evaluation (:attr:`Purpose.VALUE`) is counted; at the one that
    reaches the due count, when the path is asked for just before it, or when asked for thoroughly, the plan
    of the reuse search instead (kept in the cache for every diagram of the structure)."""
    if found.reuse is None:
        return found
    if purpose is Purpose.VALUE and found.reuse.evaluations + 1 < found.reuse.due:
        found.reuse.evaluations += 1
        return found
    if purpose is not Purpose.VALUE and not _reuse_now(found.reuse, purpose):
        return found
    assert found.path is not None
    reused = _planned(reuse(equation, shapes, found.path))
    key_optimizer = _optimizer_key(optimize)
    if key_optimizer is not None:
        path_cache.put((equation, shapes, key_optimizer), reused)
    return reused


def plan(
    equation: str,
    shapes: Shapes,
    optimize: Any = "auto",
    memory_limit: int | None = None,
    describe: Callable[[], str] = lambda: "the diagram",
    *,
    purpose: Purpose = Purpose.PATH,
) -> Plan:
    """How to evaluate ``(equation, shapes)``: a one-shot einsum, or a path from the cache or found now.

    A small network under ``optimize="auto"`` (see ``ONE_SHOT_FLOPS``) is one einsum
    call (:attr:`Purpose.STEPS` asks for a pairwise path all the same, to show its steps).
    :attr:`Purpose.VALUE` is for evaluating now: such a plan then comes without its ``path``,
    and a one- or two-box structure seen for the first time goes to
    ``opt_einsum.contract`` directly (its expression is built when it comes back).
    ``memory_limit`` (elements) is checked against the path's largest intermediate
    before anything is allocated; a path that needs more is refused.
    """
    quick = purpose is Purpose.VALUE
    auto = isinstance(optimize, str) and optimize == "auto"
    if (
        purpose is not Purpose.STEPS and memory_limit is None and auto and _small(equation, shapes)
    ):  # (its value is small too)
        return Plan(None if quick else one_shot_path(equation, shapes), OneShot(equation, shapes))
    _check_output_size(equation, shapes, memory_limit, describe)
    key_optimizer = _optimizer_key(optimize)
    key = None if key_optimizer is None else (equation, shapes, key_optimizer)
    found = path_cache.get(key) if key is not None else None
    if found is not None and not found.final:  # the structure is back: worth the deeper search now
        assert found.path is not None
        found = _searched(equation, shapes, optimize, purpose, deep=True, start=found.path)
        path_cache.put(key, found)
    elif found is not None and purpose is not Purpose.VALUE:  # (an evaluation is counted by its caller)
        found = counted(equation, shapes, optimize, found, purpose)
    if found is None:
        check_optimize(optimize, len(shapes))
        first_time = key is not None and not path_cache.noted(key)
        narrow = len(set(equation) - set(",->")) <= EINSUM_LETTERS
        if quick and first_time and narrow and memory_limit is None and len(shapes) <= ONE_PATH_TENSORS:
            path_cache.note(key)
            # one path whatever the optimizer (``optimize`` was checked above): no need to pass it
            return Plan(None, partial(opt_einsum.contract, equation), reusable=False)
        found = _searched(equation, shapes, optimize, purpose, deep=not quick)
        if key is not None:
            path_cache.put(key, found)
    assert found.path is not None
    _check_width(equation, found, describe)
    if memory_limit is not None and found.path.largest_intermediate > memory_limit:
        raise MemoryLimitError(
            f"cannot evaluate {describe()} within memory_limit={memory_limit} elements: the "
            f"best path found ({found.path.optimizer!s}) builds an intermediate of "
            f"{found.path.largest_intermediate} elements. Try a better optimizer "
            "(optimize='dp' or 'auto-hq', or cotengra's), slice the network (d.sliced(memory_limit)), "
            "or raise memory_limit"
        )
    return found
