"""A contraction path and what it costs, in time linear in the network's size.

``opt_einsum.contract_path`` finds which indices each step keeps by taking the union of
every operand left, at every step: O(n²) for n tensors, 5 s of a chain of 10⁴ operators'
first evaluation and hours at 10⁵. Here each index carries the count of operands holding
it, so a step costs only its own indices. :func:`path_info` returns opt_einsum's own
``PathInfo`` (the same contraction list, costs and sizes, checked against
``contract_path`` in the tests), which its expressions and penrose's executor read.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import opt_einsum
from opt_einsum.blas import can_blas
from opt_einsum.contract import PathInfo

__all__ = ["optimizer_steps", "path_info", "single_assignment"]

Shapes = Sequence[tuple[int, ...]]


def _sizes(inputs: list[str], shapes: Shapes) -> dict[str, int]:
    """Each index's dimension (a dimension 1 given way to a larger one, as opt_einsum reads broadcasting)."""
    sizes: dict[str, int] = {}
    for term, shape in zip(inputs, shapes):
        for symbol, dim in zip(term, shape):
            if sizes.get(symbol, 1) == 1:
                sizes[symbol] = int(dim)
    return sizes


def _flops(indices: Any, inner: bool, terms: int, sizes: dict[str, int]) -> int:
    """opt_einsum's FLOP count of one step: the size of all its indices, times the operations per element."""
    factor = max(1, terms - 1) + (1 if inner else 0)
    return math.prod(sizes[index] for index in indices) * factor


def single_assignment(count: int, path: Sequence[Sequence[int]]) -> list[tuple[int, ...]]:
    """``path`` (positions in the shrinking list of operands) as operand numbers: inputs ``0 … count-1``, the
    result of step k numbered ``count + k``. The one place positions are popped from a list; everything else
    looks operands up by number. (Remembered for the last few paths: a search, its cost and its executor each
    ask for the same one.)"""
    return list(_single_assignment(count, tuple(tuple(step) for step in path)))


@lru_cache(maxsize=8)
def _single_assignment(count: int, path: tuple[tuple[int, ...], ...]) -> tuple[tuple[int, ...], ...]:
    # A Fenwick tree over the operands' slots (inputs, then each result) counts those still alive, so the k-th
    # alive one is found, and removed, in O(log n) steps: popping from a list moves the rest along, O(n) each.
    size = count + len(path)
    tree = [0] * (size + 1)
    for slot in range(1, size + 1):
        tree[slot] += 1 if slot <= count else 0
        parent = slot + (slot & -slot)
        if parent <= size:
            tree[parent] += tree[slot]
    top = 1 << size.bit_length()
    numbered = []
    for number, step in enumerate(path):
        picked = []
        for k in step:
            slot, wanted, width = 0, k + 1, top
            while width:
                following = slot + width
                if following <= size and tree[following] < wanted:
                    slot, wanted = following, wanted - tree[following]
                width >>= 1
            picked.append(slot)  # (slot + 1 holds it: operand number ``slot``)
        for operand in picked:
            slot = operand + 1
            while slot <= size:
                tree[slot] -= 1
                slot += slot & -slot
        slot = count + number + 1  # the result, alive after every operand before it
        while slot <= size:
            tree[slot] += 1
            slot += slot & -slot
        numbered.append(tuple(picked))
    return tuple(numbered)


def optimizer_steps(equation: str, shapes: Shapes, optimize: Any) -> list[tuple[int, ...]]:
    """The path ``optimize`` chooses (a name, an opt_einsum ``PathOptimizer``, or an explicit list of steps)."""
    terms, output = equation.split("->")
    inputs = terms.split(",")
    count = len(inputs)
    if optimize is False:
        return [tuple(range(count))]
    if optimize is True or optimize is None:
        optimize = "auto"
    if not isinstance(optimize, (str, opt_einsum.paths.PathOptimizer)):
        return [tuple(step) for step in optimize]
    if count <= 2:
        return [tuple(range(count))]
    sets = [frozenset(term) for term in inputs]
    sizes = _sizes(inputs, shapes)
    if isinstance(optimize, opt_einsum.paths.PathOptimizer):
        return [tuple(step) for step in optimize(sets, frozenset(output), sizes, None)]
    search = opt_einsum.paths.get_path_fn(optimize)
    return [tuple(step) for step in search(sets, frozenset(output), sizes, None)]


def path_info(equation: str, shapes: Shapes, path: Sequence[Sequence[int]]) -> PathInfo:
    """opt_einsum's ``PathInfo`` of ``path`` on ``equation`` (explicit output), each step costing its own indices."""
    terms, output = equation.split("->")
    inputs = terms.split(",")
    sizes = _sizes(inputs, shapes)
    indices = frozenset(terms.replace(",", ""))
    held = Counter(symbol for term in inputs for symbol in set(term))  # operands holding each index
    kept_out = frozenset(output)
    naive = _flops(indices, sum(len(set(term)) for term in inputs) > len(indices), len(inputs), sizes)
    operands = dict(enumerate(inputs))
    operand_shapes = {k: tuple(shape) for k, shape in enumerate(shapes)}
    alive = len(inputs)  # (how many operands are left: a step's ``remaining`` is written only below 21)
    contraction_list, scale_list, size_list, costs = [], [], [], []
    numbered = single_assignment(len(inputs), path)
    for number, step in enumerate(path):
        positions = tuple(sorted(step, reverse=True))
        order = sorted(range(len(step)), key=lambda k: -step[k])  # (opt_einsum takes them last position first)
        picked = [operands.pop(numbered[number][k]) for k in order]
        picked_shapes = [operand_shapes.pop(numbered[number][k]) for k in order]
        involved: set[str] = set()
        for term in picked:
            for symbol in set(term):
                held[symbol] -= 1
            involved.update(term)
        result_set = {symbol for symbol in involved if symbol in kept_out or held[symbol] > 0}
        removed = frozenset(involved - result_set)
        costs.append(_flops(involved, bool(removed), len(positions), sizes))
        scale_list.append(len(involved))
        size_list.append(math.prod(sizes[symbol] for symbol in result_set))
        blas = can_blas(picked, "".join(result_set), removed, picked_shapes)
        if number == len(path) - 1:
            result = output
        else:
            joined = "".join(picked)
            result = "".join(sorted(result_set, key=joined.find))
        for symbol in set(result):
            held[symbol] += 1
        operands[len(inputs) + number] = result
        operand_shapes[len(inputs) + number] = tuple(sizes[symbol] for symbol in result)
        alive += 1 - len(step)
        remaining = tuple(operands.values()) if alive <= 20 else None
        contraction_list.append((positions, removed, ",".join(picked) + "->" + result, remaining, blas))
    path_list = [tuple(step) for step in path]
    return PathInfo(
        contraction_list, terms, output, indices, path_list, scale_list, naive, sum(costs), size_list, sizes
    )
