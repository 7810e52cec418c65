"""The worked sum: a small diagram's value written out as the additions and multiplications behind it.

The seminar's premise is that quantum mechanics needs nothing but addition and
multiplication; a slide shows ⟨1,2,4,3|5,1,−3,2⟩ = 1·5 + 2·1 + 4·(−3) + 3·2 = 5 + 2 − 12 + 6 = 1.
:func:`work` writes that for any small diagram, from its einsum: for each entry of the
value (one line for a number, one per entry for a vector or matrix) the products over
the summed indices, then the products evaluated, then their sum. Integers and fractions
stay exact. A diagram of more than :data:`WORK_LIMIT` products is too big to write out.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import DiagramError
from ..typography import format_number
from .steps import contract_stepwise
from .subscripts import einsum_of, index_sizes

__all__ = ["WORK_LIMIT", "WORK_TERMS", "Work", "diagram_work", "work"]

#: At most this many products are written out; beyond, the work says so (see ``d.steps()``).
WORK_LIMIT = 64
#: At most this many terms of a sum are written out (a product of sums is counted, never multiplied out, first).
WORK_TERMS = 16
#: A line of more products than this leaves out those that are zero (they add nothing).
SHOW_ZEROS = 6


class Work:
    """The lines of a worked sum (``str()`` joins them), and whether it was written out in full."""

    __slots__ = ("complete", "lines")

    def __init__(self, lines: list[str], complete: bool = True) -> None:
        self.lines = lines
        self.complete = complete

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def __repr__(self) -> str:
        return f"Work({len(self.lines)} lines)"

    def _repr_html_(self) -> str:
        """Jupyter shows the lines as they print."""
        from html import escape

        return "<pre>" + escape(str(self)) + "</pre>"


def _exact(value: Any) -> Any:
    """A Python int or Fraction for exact numbers, else a float or complex."""
    if isinstance(value, (int, Fraction)):
        return value
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return float(value)
    return complex(value) if np.iscomplexobj(value) else value


def _text(value: Any) -> str:
    return format_number(_exact(value))  # (exact: 4/9, −3; floats and surds as pictures print them)


def _entries(terms: list[str], values: list[np.ndarray], index: dict[str, int]) -> tuple[list[Any], Any]:
    """The entry of each operand at ``index`` (exact where the numbers are), and their product."""
    factors = [_exact(array[tuple(index[s] for s in term)]) for term, array in zip(terms, values)]
    return factors, functools.reduce(operator.mul, factors, 1)


def _factor(value: Any) -> str:
    """A factor in a product: negative numbers and fractions in brackets."""
    text = _text(value)
    if text.startswith("−") or "/" in text or ("+" in text[1:]):
        return f"({text})"
    return text


def _sum(terms: list[Any]) -> str:
    """``5 + 2 − 12 + 6``: the evaluated terms, subtraction written as such."""
    parts = []
    for k, term in enumerate(terms):
        text = _text(term)
        if k == 0:
            parts.append(text)
        elif text.startswith("−"):
            parts.append(f"− {text[1:]}")
        else:
            parts.append(f"+ {text}")
    return " ".join(parts) if parts else "0"


def work(equation: str, arrays: list[Any], coefficient: Any = 1, limit: int = WORK_LIMIT) -> Work:
    """The worked sum of ``equation`` over ``arrays`` (see the module's docstring), times ``coefficient``."""
    inputs, output = equation.split("->")
    terms = inputs.split(",") if inputs else []
    values = [
        np.asarray(array, dtype=object) if np.asarray(array).dtype.kind in "iuO" else np.asarray(array)
        for array in arrays
    ]
    sizes = index_sizes(equation, [array.shape for array in values])
    summed = sorted({s for s in "".join(terms) if s not in output}, key=inputs.index)
    entries = math.prod(sizes[s] for s in output) if output else 1
    products = entries * math.prod(sizes[s] for s in summed)
    if products > limit:
        return Work(
            [f"too many products to write out: {products} (at most {limit}); the contraction step by step:"],
            complete=False,
        )
    lines = []
    for position in itertools.product(*(range(sizes[s]) for s in output)):
        fixed = dict(zip(output, position))
        factors_list, terms_values = [], []
        for choice in itertools.product(*(range(sizes[s]) for s in summed)):
            index = {**fixed, **dict(zip(summed, choice))}
            factors, product = _entries(terms, values, index)
            factors_list.append("·".join(_factor(f) for f in factors) if factors else "1")
            terms_values.append(product)
        total: Any = 0
        for value in terms_values:
            total = total + value
        _check_finite(terms_values, total, coefficient)
        if len(terms_values) > SHOW_ZEROS and any(v != 0 for v in terms_values):  # long: the zero products go
            kept = [k for k, v in enumerate(terms_values) if v != 0]
            factors_list, terms_values = [factors_list[k] for k in kept], [terms_values[k] for k in kept]
        result = coefficient * total if coefficient != 1 else total
        head = "" if not output else f"[{', '.join(str(k + 1) for k in position)}] = "
        grouped = None if output or len(terms_values) > SHOW_ZEROS else _partial_sums(terms, values, summed, sizes)
        if grouped is not None:  # ⟨ψ|Ĥ|ψ⟩: the double sum grouped by the bra's index, then the partial sums
            chain = grouped
        elif any(len(f.split("·")) > 1 for f in factors_list):
            chain = [" + ".join(factors_list), _sum(terms_values)]
        else:  # one factor each (a trace, a copied entry): just their sum
            chain = [_sum(terms_values)]
        chain.append(_text(total))
        chain = list(dict.fromkeys(chain))  # a step that changes nothing is not repeated
        if coefficient != 1:  # c·(…) around every line, then the product
            scale = _factor(coefficient)
            chain = [
                f"{scale}·({item})" if len(chain) > 1 and k < len(chain) - 1 else item for k, item in enumerate(chain)
            ]
            chain[-1] = f"{scale}·{_factor(total)}"
            chain.append(_text(result))
        lines.append(head + " = ".join(chain))
    return Work(lines)


def _check_finite(products: list[Any], total: Any, coefficient: Any) -> None:
    """Refuse a worked sum whose finite numbers overflow floating point (∞ − ∞ is no value), as value() does."""
    numbers = [*products, total, coefficient * total]
    if all(isinstance(v, (int, Fraction)) or np.isfinite(complex(v)) for v in numbers if _is_number(v)):
        return
    raise DiagramError(
        "the worked sum overflows: its finite numbers multiply or add up beyond floating point (about 1.8e308), "
        "giving infinity or NaN; scale the boxes' numbers down, or give them as exact integers or fractions"
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, complex, Fraction, np.number))


def _partial_sums(
    terms: list[str], values: list[np.ndarray], summed: list[str], sizes: dict[str, int]
) -> list[str] | None:
    """For a closed chain that starts with a vector (a bra): Σᵢ aᵢ·(Σ … ) written out, its partial sums, their sum.

    None when the diagram is not of that form (the plain sum of products is written instead).
    """
    if len(terms) < 3 or len(terms[0]) != 1 or terms[0] not in summed or len(summed) < 2:
        return None
    if any(not set(previous) & set(term) for previous, term in itertools.pairwise(terms)):
        return None  # not one chain ⟨a|A…|b⟩ (a product of separate numbers, say): no grouping
    outer, rest = terms[0], [s for s in summed if s != terms[0]]
    grouped, partial, values_out = [], [], []
    for a in range(sizes[outer]):
        first = _exact(values[0][a])
        inner_texts, inner_total = [], 0
        for choice in itertools.product(*(range(sizes[s]) for s in rest)):
            index = {outer: a, **dict(zip(rest, choice))}
            factors, product = _entries(terms[1:], values[1:], index)
            inner_texts.append("·".join(_factor(f) for f in factors))
            inner_total = inner_total + product
        grouped.append(f"{_factor(first)}·({' + '.join(inner_texts)})")
        partial.append(f"{_factor(first)}·{_factor(inner_total)}")
        values_out.append(first * inner_total)
    return [" + ".join(grouped), " + ".join(partial), _sum(values_out)]


def diagram_work(diagram: Any, limit: int = WORK_LIMIT) -> Work:
    """The worked sum of a diagram: its one term's, or each term's and then their total.

    The terms are counted before anything is multiplied out: a product of 16 sums of two
    terms has 65,536, and is refused at once (more than :data:`WORK_TERMS`).
    """
    count = diagram.term_count
    if count > WORK_TERMS:
        return Work(
            [
                f"too many terms to write out: {count:,} (at most {WORK_TERMS}); the value is their sum, "
                "contracted factor by factor"
            ],
            complete=False,
        )
    pieces = []
    for coefficient, term in diagram.terms:
        network = term.network
        einsum = einsum_of(network, diagram.describe)
        piece = work(einsum.equation, list(einsum.arrays), coefficient, limit)
        if not piece.complete and coefficient == 1 and len(network.nodes) > 1:  # the contraction, pair by pair
            piece = Work([*piece.lines, *_step_lines(network)], complete=False)
        pieces.append(piece)
    if len(pieces) == 1:
        return pieces[0]
    lines = [f"term {k + 1}: {line}" for k, piece in enumerate(pieces) for line in piece.lines]
    value = diagram.value()
    shown = _text(value) if np.ndim(value) == 0 else np.array2string(np.asarray(value), separator=", ")
    return Work([*lines, f"total = {shown}"], all(piece.complete for piece in pieces))


def _step_lines(network: Any) -> list[str]:
    """One line per pairwise step of the chosen path: what merged, the tensor it made, its FLOPs."""
    lines = []
    for k, (merged, flops, after, _) in enumerate(contract_stepwise(network), 1):
        shape = "×".join(str(leg.dim) for leg in after.nodes[-1].legs) or "a number"
        lines.append(f"step {k}: {merged[0]} with {merged[1]} → {shape}, {format_number(flops)} flops")
    return lines
