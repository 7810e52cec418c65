"""Products kept as written (a side is a sum): walked and rebuilt without recursion, however many factors.

A product of sums is a tree of ``("@" | "&", left, right)`` factors; the Dirac parser and a
loop of ``@`` build it left-deep, one level per factor, so a product of hundreds of sums
is hundreds of levels deep. Everything that walks it goes through here, iteratively.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

__all__ = ["chain", "chained", "leaves"]


def chain(diagram: Any) -> tuple[str, list[Any]]:
    """A product's operator and its factors left to right, a chain by that operator flattened:
    ``((A B) C)`` gives ``("@", [A, B, C])``.
    """
    operator = diagram.factors[0]
    found: list[Any] = []
    stack = [diagram]
    while stack:
        item = stack.pop()
        if item.factors is not None and item.factors[0] == operator:
            stack.append(item.factors[2])
            stack.append(item.factors[1])
        else:
            found.append(item)
    return operator, found


def chained(operator: str, factors: Sequence[Any]) -> Any:
    """The product of ``factors`` by ``operator``, left to right (single terms multiplied out, as ``@`` does)."""
    whole = factors[0]
    for factor in factors[1:]:
        whole = whole @ factor if operator == "@" else whole & factor
    return whole


def leaves(diagram: Any) -> Iterator[Any]:
    """Every factor of a product's tree that is not itself a product, whatever the operators."""
    stack = [diagram]
    while stack:
        item = stack.pop()
        if item.factors is not None:
            stack.extend(item.factors[1:])
        else:
            yield item
