"""Running a contraction path on numpy arrays with as few copies as possible.

opt_einsum's prebuilt expressions sort every intermediate's indices (by size, then
symbol), so the next ``tensordot`` often has to transpose an operand into a fresh copy
before calling BLAS: on an MPS norm, 56 of 199 steps copied an operand. Here each
intermediate keeps the order ``tensordot`` produced (no transpose of the result), and
the summed indices of each step are listed in the order the larger operand stores
them, so it goes to BLAS as it lies in memory (possibly as a transposed matrix, which
BLAS reads without copying) and only the smaller operand may be rearranged. Steps BLAS
cannot do (batch indices shared and kept, traces, one operand) go to ``numpy.einsum``.
Other array libraries keep opt_einsum's expression, which calls their own functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .pathinfo import single_assignment
from .progress import Bar, progress
from .subscripts import index_sizes
from .threads import SINGLE_THREAD_FLOPS, BlasThreads, blas_threads, crowded

__all__ = ["LONG_FLOPS", "PairwiseExpression"]

#: A contraction of more FLOPs than this (about a second on one core) may show a progress bar over its steps.
LONG_FLOPS = 1e9

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


class _Step:
    """One step: the operands it takes (by number), and ``tensordot`` axes or an einsum equation."""

    __slots__ = ("axes", "equation", "matrices", "operands", "result", "small", "swap")

    def __init__(self, operands: tuple[int, ...]) -> None:
        self.operands = operands  # by number: inputs 0 … n-1, then each step's result (see pathinfo)
        self.axes: tuple[tuple[int, ...], tuple[int, ...]] | None = None
        self.equation: str | None = None
        self.swap = False  # give tensordot the second operand first (its free indices lead the result)
        self.matrices: tuple[Any, ...] = ()
        self.result = ""
        self.small = False  # a matrix product too small to gain from BLAS threads (see penrose.core.contract.threads)

    def plan(self, picked: list[str], sizes: dict[str, int], removed: frozenset[str], blas: bool, later: set[str]):
        """Choose how to combine ``picked``; ``later`` are the result's indices summed by the step that uses it."""
        if blas and len(picked) == 2 and _plain(picked[0], picked[1], removed):
            left, right = picked
            larger = left if _size(left, sizes) >= _size(right, sizes) else right
            summed = [symbol for symbol in larger if symbol in removed]  # in the order the larger one stores them
            free = ["".join(s for s in term if s not in removed) for term in (left, right)]
            # the next step finds its summed indices together at one end when they come from one operand:
            # put that operand's free indices last (or first) accordingly
            self.swap = _at_an_end(free[1] + free[0], later) and not _at_an_end(free[0] + free[1], later)
            if self.swap:
                left, right, free = right, left, free[::-1]
            self.axes = (tuple(left.index(s) for s in summed), tuple(right.index(s) for s in summed))
            self.result = free[0] + free[1]
            # tensordot's own bookkeeping, done once: each operand as a matrix, then the product's shape
            inner = _size("".join(summed), sizes)
            rows, columns = _size(free[0], sizes), _size(free[1], sizes)
            order_left = tuple(left.index(s) for s in free[0]) + self.axes[0]
            order_right = self.axes[1] + tuple(right.index(s) for s in free[1])
            self.small = 2 * rows * inner * columns < SINGLE_THREAD_FLOPS
            self.matrices = (
                None if order_left == tuple(range(len(left))) else order_left,
                (rows, inner),
                None if order_right == tuple(range(len(right))) else order_right,
                (inner, columns),
                tuple(sizes[s] for s in self.result),
            )
        else:
            seen: list[str] = []
            for term in picked:
                seen.extend(s for s in term if s not in removed and s not in seen)
            self.result = "".join(seen)
            symbols = dict.fromkeys("".join(picked))
            if len(symbols) > len(_LETTERS):
                return  # wider than numpy's einsum: the expression leaves this path to its fallback
            letter = {s: _LETTERS[k] for k, s in enumerate(symbols)}
            terms = ",".join("".join(letter[s] for s in term) for term in picked)
            self.equation = f"{terms}->{''.join(letter[s] for s in self.result)}"


def _size(term: str, sizes: dict[str, int]) -> int:
    return math.prod(sizes[s] for s in term)


def _at_an_end(term: str, wanted: set[str]) -> bool:
    """True when the indices ``wanted`` (those of ``term`` a later step sums) sit together at its start or end."""
    marks = [s in wanted for s in term]
    count = sum(marks)
    return count == 0 or all(marks[:count]) or all(marks[len(marks) - count :])


def _plain(first: str, second: str, removed: frozenset[str]) -> bool:
    """A plain ``tensordot``: no repeated index within an operand, every shared index summed."""
    if len(set(first)) != len(first) or len(set(second)) != len(second):
        return False
    return all(symbol in removed for symbol in set(first) & set(second)) and not (removed - (set(first) & set(second)))


class PairwiseExpression:
    """``expression(*arrays, backend=None)``: the path of ``contraction_list`` on numpy arrays without needless copies.

    ``fallback`` (opt_einsum's prebuilt expression for the same path) evaluates anything
    that is not all numpy arrays, or an explicit non-numpy ``backend``. A path of more than
    :data:`LONG_FLOPS` (``flops``) shows a progress bar over its steps when it runs long
    (:mod:`penrose.core.contract.progress`).
    """

    __slots__ = ("fallback", "long", "numpy_ready", "output", "small_products", "steps", "transpose")

    def __init__(
        self,
        equation: str,
        shapes: Sequence[tuple[int, ...]],
        contraction_list: Sequence[Any],
        fallback: Any,
        flops: float = 0,
    ) -> None:
        self.long = flops > LONG_FLOPS
        inputs, self.output = equation.split("->")
        operands = inputs.split(",")
        sizes = index_sizes(equation, shapes)
        entries = [(tuple(entry[0]), frozenset(entry[1]), bool(entry[4])) for entry in contraction_list]
        count = len(operands)
        numbered = single_assignment(count, [positions for positions, _, _ in entries])
        summed_later = _summed_later(count, entries, numbered)
        terms = dict(enumerate(operands))
        self.steps: list[_Step] = []
        for number, ((_, removed, blas), picked) in enumerate(zip(entries, numbered)):
            step = _Step(picked)
            step.plan([terms.pop(k) for k in picked], sizes, removed, blas, summed_later[number])
            terms[count + number] = step.result
            self.steps.append(step)
        self.numpy_ready = all(step.axes is not None or step.equation is not None for step in self.steps)
        self.small_products = any(step.small for step in self.steps)
        (last,) = terms.values()
        self.transpose = None if last == self.output else tuple(last.index(s) for s in self.output)
        self.fallback = fallback

    def __call__(self, *arrays: Any, backend: str | None = None) -> Any:
        if (
            not self.numpy_ready
            or backend not in (None, "auto", "numpy")
            or not all(type(array) is np.ndarray for array in arrays)
        ):
            return self.fallback(*arrays, backend=backend or "auto")
        if self.long:
            with progress("contracting", total=len(self.steps)) as bar:
                return self._run(list(arrays), bar)
        return self._run(list(arrays), None)

    def _run(self, arrays: list[Any], bar: Bar | None) -> Any:
        alone = not crowded()  # (other work holds the cores: every step on one thread)
        if alone and not self.small_products:
            return self._steps(arrays, bar, None, alone)
        threads = blas_threads()
        try:
            return self._steps(arrays, bar, threads, alone)
        finally:
            threads.restore()

    def _steps(self, arrays: list[Any], bar: Bar | None, threads: BlasThreads | None, alone: bool = True) -> Any:
        operands = dict(enumerate(arrays))  # by number: inputs 0 … n-1, then each step's result
        number = len(arrays)
        for step in self.steps:
            if bar is not None:
                bar.update()
            picked = [operands.pop(k) for k in step.operands]
            if threads is not None and step.axes is not None:  # small products on one thread, big ones on all
                threads.one_thread() if step.small or not alone else threads.restore()
            if step.axes is not None:
                left, right = (picked[1], picked[0]) if step.swap else (picked[0], picked[1])
                order_left, shape_left, order_right, shape_right, shape = step.matrices
                if order_left is not None:
                    left = left.transpose(order_left)
                if order_right is not None:
                    right = right.transpose(order_right)
                operands[number] = np.dot(left.reshape(shape_left), right.reshape(shape_right)).reshape(shape)
            else:
                operands[number] = np.einsum(step.equation, *picked)
            number += 1
        (result,) = operands.values()
        return result if self.transpose is None else result.transpose(self.transpose)


def _summed_later(
    count: int, entries: list[tuple[tuple[int, ...], frozenset[str], bool]], numbered: list[tuple[int, ...]]
) -> list[set[str]]:
    """For each step, the indices its result will have summed by the step that uses it (empty for the last)."""
    users = {operand: number for number, picked in enumerate(numbered) for operand in picked}
    return [set(entries[users[count + k]][1]) if count + k in users else set() for k in range(len(entries))]
