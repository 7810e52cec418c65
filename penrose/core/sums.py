"""Sums of diagrams: which terms merge, and which diagrams may be added (the same open legs, side by side)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import network as net
from .errors import DiagramError

__all__ = ["check_addable", "combine_terms", "open_legs_agree"]

Term = tuple[Any, net.Network]


def combine_terms(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Merge terms that hold the very same network (``ψ + ψ`` is ``2ψ``), keeping order."""
    merged: dict[int, list[Any]] = {}
    for coefficient, network in terms:
        entry = merged.get(id(network))
        if entry is None:
            merged[id(network)] = [coefficient, network]
        else:
            entry[0] = entry[0] + coefficient
    return tuple((c, n) for c, n in merged.values())


def open_legs_agree(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` have the same open legs: equal counts per side, dimensions that agree.

    What a sum of two diagrams and the two sides of an equation must share.
    """
    signature_a, signature_b = a._first.signature(), b._first.signature()
    return all(
        len(x) == len(y) and all(net.dims_agree(i, j) for i, j in zip(x, y)) for x, y in zip(signature_a, signature_b)
    )


def check_addable(a: Any, b: Any) -> None:
    """Refuse the sum of two diagrams whose open legs differ, saying how (a ket and a bra, or dimensions)."""
    if open_legs_agree(a, b):
        return
    counts_match = all(len(x) == len(y) for x, y in zip(a._first.signature(), b._first.signature()))
    hint = ""
    if {a.kind, b.kind} == {"ket", "bra"}:
        hint = "; a ket and a bra live in different spaces and cannot be added (use .dag to turn one into the other)"
    elif counts_match:
        hint = "; the dimensions differ, and only vectors of the same dimension can be added"
    raise DiagramError(
        f"cannot add {a.describe()} ({a.describe_legs()}) and {b.describe()} "
        f"({b.describe_legs()}): a sum needs the same open legs on each side, with equal "
        f"dimensions{hint}"
    )
