"""Evaluating a diagram: its plans, the precision of each term, the contraction, and the value's shape.

The one entry point :func:`evaluate` is what :meth:`~penrose.Diagram.value` calls. A product
of many sums whose factors are small is evaluated factor by factor; otherwise each term is
contracted on its plan (:mod:`penrose.core.contract.plans`), in the precision it needs
(:mod:`penrose.core.contract.exact`), and the terms are added. A small one-term diagram evaluated
once with the defaults keeps a closure that makes the same einsum call directly: physicists
evaluate such diagrams in loops, and the bookkeeping around one call of a few microseconds
would otherwise cost more than the call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import network as net
from ..errors import DiagramError
from ..nodes import box_holding
from ..products import chain
from ..values import entry_count, shaped_value, value_shaper
from .exact import check_finite, entry_bytes, precisions, prepared, scaled
from .memory import parse_memory_limit
from .plans import OneShot, Plan, Purpose, check_backend, check_fits, counted, hopeless, plan
from .subscripts import Einsum, einsum_of

__all__ = [
    "FACTORED_SIZE",
    "FACTORED_TERMS",
    "Compiled",
    "beyond_memory",
    "compiled",
    "contraction_paths",
    "evaluate",
    "plans_for",
]

#: A product of more multiplied-out terms than this is evaluated factor by factor (each factor's value, then
#: the two joined), unless a factor's value would hold more than the result and ``FACTORED_SIZE`` entries.
FACTORED_TERMS = 64
FACTORED_SIZE = 4096


class Compiled:
    """What the contraction keeps of one diagram between evaluations (held by the diagram, built on first use).

    ``einsums``: one einsum per term; ``precisions``: each term's (see :func:`~penrose.core.contract.exact.precisions`);
    ``plans``: the plans this diagram was given, by ``(optimize, memory_limit, purpose)``, each taken from the one
    process-wide :data:`~penrose.core.contract.plans.path_cache` (so a second ``value()`` neither parses its
    equation nor hashes its shapes again); ``fitted``: the plans already checked against this machine's memory.
    """

    __slots__ = ("einsums", "fitted", "plans", "precisions")

    def __init__(self, diagram: Any) -> None:
        self.einsums: tuple[Einsum, ...] = tuple(einsum_of(n, diagram.describe) for _, n in diagram._terms)
        self.precisions: tuple[str, ...] | None = None
        self.plans: dict[Any, tuple[Plan, ...]] = {}
        self.fitted: tuple[Plan, ...] | None = None

    def precisions_of(self, terms: Any) -> tuple[str, ...]:
        if self.precisions is None:
            self.precisions = precisions(terms)
        return self.precisions

    def entry_bytes(self, terms: Any) -> int:
        """Bytes per entry of the terms' values (exact integers by the size they can reach)."""
        return entry_bytes(terms, [e.arrays for e in self.einsums], self.precisions_of(terms))


def beyond_memory(diagram: Any) -> bool:
    """True when ``diagram`` cannot be evaluated on this machine whatever its path (:func:`~.plans.hopeless`): a
    picture then says so at once instead of searching for a path first. A diagram already evaluated is not, nor a
    product evaluated factor by factor (never multiplied out)."""
    if _by_factors(diagram):
        return False
    state = compiled(diagram)
    if state.fitted is not None:
        return False
    return hopeless(state.einsums, state.entry_bytes(diagram._terms))


def compiled(diagram: Any) -> Compiled:
    """``diagram``'s contraction state, built the first time it is asked for."""
    state = diagram._contraction
    if state is None:
        state = diagram._contraction = Compiled(diagram)
    return state


def plans_for(diagram: Any, optimize: Any, memory_limit: Any, purpose: Purpose = Purpose.PATH) -> tuple[Plan, ...]:
    """One plan per term (see :func:`~penrose.core.contract.plans.plan`), kept on the diagram unless one is not
    reusable."""
    state = compiled(diagram)
    try:
        key = (optimize, memory_limit, purpose)
        found = state.plans.get(key)
    except TypeError:  # an unhashable optimizer: nothing kept
        key, found = None, None
    fresh = found is None
    if found is None:
        einsums = state.einsums
        limit, size = None, 8
        if memory_limit is not None:  # (bytes per entry: exact integers by the size they can reach)
            size = state.entry_bytes(diagram._terms)
            limit = parse_memory_limit(memory_limit, size)
        try:
            found = tuple(
                plan(e.equation, e.shapes, optimize, limit, diagram.describe, purpose=purpose) for e in einsums
            )
        except DiagramError as error:
            if not isinstance(memory_limit, str):
                raise
            said = f"memory_limit={memory_limit!r} ({limit:,} entries of up to {size} bytes)"  # (in the user's unit)
            raise type(error)(str(error).replace(f"memory_limit={limit} elements", said)) from None
    if any(p.reuse is not None for p in found):  # (an evaluation is counted; the reuse search may be due)
        found = tuple(counted(e.equation, e.shapes, optimize, p, purpose) for e, p in zip(state.einsums, found))
        fresh = True
    if fresh and key is not None and all(p.reusable for p in found):
        state.plans[key] = found
    return found


def contraction_paths(diagram: Any, optimize: Any = "auto", memory_limit: Any = None, thorough: bool = False) -> Any:
    """The path :meth:`~penrose.Diagram.value` follows (a list, one per term, for a sum); ``thorough``: the path a
    long loop of evaluations ends on, searched now."""
    purpose = Purpose.THOROUGH if thorough else Purpose.PATH
    paths = [p.path for p in plans_for(diagram, optimize, memory_limit, purpose)]
    return paths[0] if len(paths) == 1 else paths


def evaluate(diagram: Any, optimize: Any, backend: str | None, memory_limit: Any, grouped: bool) -> Any:
    """The value of ``diagram`` (see :meth:`penrose.Diagram.value`)."""
    check_backend(backend)
    if _by_factors(diagram):
        operator, factors = chain(diagram)
        boxes = [
            net.single(box_holding(f.describe(), f.legs, f.value(optimize, backend, memory_limit, grouped=False)))
            for f in factors
        ]
        whole = boxes[0]
        for box in boxes[1:]:
            whole = net.JOINERS[operator](whole, box)
        joined = type(diagram).from_network(whole)
        value = joined.value(optimize, backend, memory_limit, grouped=False)
        return shaped_value(value, diagram.kind, diagram.legs, grouped)
    plans = plans_for(diagram, optimize, memory_limit, Purpose.VALUE)
    state = diagram._contraction
    einsums, terms = state.einsums, diagram._terms
    modes = state.precisions_of(terms)
    if memory_limit is None and plans is not state.fitted:  # (a given limit was checked by plan())
        itemsize = state.entry_bytes(terms)
        for found in plans:
            check_fits(found, itemsize, diagram.describe)
        state.fitted = plans  # checked once per set of plans, not on every evaluation
    total = None
    for (coefficient, _), einsum, found, mode in zip(terms, einsums, plans, modes):
        arrays = prepared(einsum.arrays, mode)
        result = found.expression(*arrays, backend=backend)  # None: the arrays' own library
        if coefficient != 1:
            result = scaled(result, coefficient, diagram.describe)
        total = result if total is None else total + result
    shaped = value_shaper(diagram.kind, diagram.legs, grouped)
    if optimize == "auto" and backend is None and memory_limit is None and grouped:
        diagram._fast = _fast(diagram, plans, einsums, terms, modes, shaped)
    return _finished(total, diagram.describe, shaped)


def _finished(total: Any, describe: Callable[[], str], shaped: Callable[[Any], Any]) -> Any:
    """The contracted ``total`` as ``value()`` returns it: refused if it overflowed, writable, ``shaped`` by its legs
    (see :func:`~penrose.core.values.value_shaper`)."""
    check_finite(total, describe)
    if isinstance(total, np.ndarray) and not total.flags.writeable:
        total = total.copy()  # a trivial term returns a view of a box's read-only numbers
    return shaped(total)


def _fast(
    diagram: Any, plans: Any, einsums: Any, terms: Any, modes: Any, shaped: Callable[[Any], Any]
) -> Callable[[], Any] | None:
    """The same evaluation as one direct einsum call, for a one-term diagram of numpy arrays on a one-shot plan
    (``shaped``: the diagram's value shaper, worked out once)."""
    if len(terms) != 1 or terms[0][0] != 1 or modes != ("",) or not isinstance(plans[0].expression, OneShot):
        return None
    equation, arrays = einsums[0].equation, einsums[0].arrays
    if not all(type(array) is np.ndarray for array in arrays):
        return None
    describe, einsum = diagram.describe, np.einsum

    def value() -> Any:
        return _finished(einsum(equation, *arrays), describe, shaped)

    return value


def _by_factors(diagram: Any) -> bool:
    """True for a product best evaluated factor by factor: many terms, and factors no bigger than the result."""
    if diagram.factors is None or diagram.term_count <= FACTORED_TERMS:
        return False
    largest = max(entry_count(diagram.legs), FACTORED_SIZE)
    return all(entry_count(factor.legs) <= largest for factor in chain(diagram)[1])
