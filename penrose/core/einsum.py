"""``pn.einsum``: a network from an einsum equation, one box per array and one line per shared index."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import numpy as np
import opt_einsum

from . import network as net
from .constructors import output_sides
from .copies import copy_node
from .diagram import Diagram
from .errors import DiagramError
from .legs import unique_name
from .nodes import make_node
from .typography import shortened

__all__ = ["einsum"]


def _parse_equation(equation: str, arrays: Sequence[Any]) -> tuple[list[str], str, list[Any]]:
    """Operand subscripts and output as numpy reads them, ``...`` spelled out, and the arrays to use.

    Broadcast axes of size 1 (under ``...``) are dropped from their arrays, as numpy broadcasts them.
    """
    if not isinstance(equation, str):
        raise DiagramError(f"einsum needs an equation string like 'ij,jk->ik', got {equation!r}")
    text = equation.replace(" ", "")
    inputs, arrow, output = text.partition("->")
    operands = inputs.split(",")
    if len(operands) != len(arrays):
        raise DiagramError(
            f"einsum {_shown(equation)} has {len(operands)} operand(s) but {len(arrays)} array(s) were given"
        )
    for index in text.replace(",", "").replace("->", "").replace("...", ""):
        if index in "->." or index.isspace() or unicodedata.category(index) in ("Cc", "Cs"):
            raise DiagramError(f"einsum {_shown(equation)}: {index!r} is not an index; use letters (and '...')")
    arrays = list(arrays)
    broadcast: list[str] = []
    if "..." in text:
        operands, output, arrays, broadcast = _spell_out_ellipsis(equation, operands, arrow, output, arrays)
    if not arrow:  # implicit output: broadcast axes, then the indices seen once, in alphabetical order (numpy's rule)
        seen = "".join(operands)
        output = "".join(broadcast) + "".join(sorted(i for i in set(seen) if seen.count(i) == 1 and i not in broadcast))
    operands, arrays = _broadcast_unit_axes(operands, arrays)
    return operands, output, arrays


def _broadcast_unit_axes(operands: list[str], arrays: list[Any]) -> tuple[list[str], list[Any]]:
    """Drop an axis of size 1 whose index is longer in another operand, as numpy broadcasts it (``ij,ij`` with
    shapes (3, 1) and (3, 4)): the entry is the same for every value of the index, so the box needs no leg for it."""
    longest: dict[str, set[int]] = {}
    for operand, array in zip(operands, arrays):
        for index, size in zip(operand, np.shape(array) if not hasattr(array, "shape") else array.shape):
            if int(size) != 1:
                longest.setdefault(index, set()).add(int(size))
    new_operands, new_arrays = [], []
    for operand, array in zip(operands, arrays):
        shape = tuple(int(n) for n in (array.shape if hasattr(array, "shape") else np.shape(array)))
        drop = {
            index
            for index in set(operand)
            if index in longest
            and len(operand) == len(shape)
            and all(shape[k] == 1 for k, i in enumerate(operand) if i == index)
        }
        if drop:
            kept = [k for k, index in enumerate(operand) if index not in drop]
            operand = "".join(operand[k] for k in kept)
            array = (
                np.reshape(array, [shape[k] for k in kept])
                if not hasattr(array, "reshape")
                else array.reshape([shape[k] for k in kept])
            )
        new_operands.append(operand)
        new_arrays.append(array)
    return new_operands, new_arrays


def _spell_out_ellipsis(
    equation: str, operands: list[str], arrow: str, output: str, arrays: list[Any]
) -> tuple[list[str], str, list[Any], list[str]]:
    """Replace ``...`` by fresh indices, aligned from the right as numpy broadcasts; drop broadcast size-1 axes."""
    used = set(equation)
    fresh = (opt_einsum.get_symbol(k) for k in range(10_000))
    counts = []
    for k, (operand, array) in enumerate(zip(operands, arrays)):
        if operand.count("...") > 1:
            raise DiagramError(f"einsum {_shown(equation)}: operand {k} has '...' twice; it may appear once")
        ndim = len(getattr(array, "shape", np.shape(array)))
        letters = len(operand.replace("...", ""))
        if "..." in operand and ndim < letters:
            raise DiagramError(
                f"einsum {_shown(equation)}: operand {k} has {ndim} axes, fewer than its {letters} indices"
            )
        counts.append(ndim - letters if "..." in operand else 0)
    if output.count("...") > 1:
        raise DiagramError(f"einsum {_shown(equation)}: the output has '...' twice; it may appear once")
    width = max(counts, default=0)
    symbols = [s for s in fresh if s not in used][:width] if width else []
    sizes: list[set[int]] = [set() for _ in range(width)]
    for operand, array, count in zip(operands, arrays, counts):
        shape = tuple(getattr(array, "shape", np.shape(array)))
        start = operand.index("...") if "..." in operand else 0
        for j in range(count):
            sizes[width - count + j].add(int(shape[start + j]))
    for j, found in enumerate(sizes):
        if len(found - {1}) > 1:
            raise DiagramError(
                f"einsum {_shown(equation)}: the axes under '...' cannot be broadcast together "
                f"(sizes {sorted(found)} at broadcast axis {j}); numpy needs equal sizes or 1"
            )
    wide = {j for j, found in enumerate(sizes) if found - {1}}  # axes where some operand is longer than 1
    new_operands, new_arrays = [], []
    for operand, array, count in zip(operands, arrays, counts):
        if "..." not in operand:
            new_operands.append(operand)
            new_arrays.append(array)
            continue
        start = operand.index("...")
        shape = tuple(getattr(array, "shape", np.shape(array)))
        mine = list(range(width - count, width))
        keep = [j for j, axis in enumerate(mine) if not (axis in wide and shape[start + j] == 1)]
        spelled = "".join(symbols[mine[j]] for j in keep)
        new_operands.append(operand.replace("...", spelled))
        if len(keep) < count:  # a size-1 axis broadcast against a longer one: numpy repeats it, a line cannot
            kept = shape[:start] + tuple(shape[start + j] for j in keep) + shape[start + count :]
            array = array.reshape(kept) if hasattr(array, "reshape") else np.reshape(array, kept)
        new_arrays.append(array)
    if arrow and "..." in output:
        output = output.replace("...", "".join(symbols))
    elif arrow and width and any(found != {1} for found in sizes):
        raise DiagramError(
            f"einsum {_shown(equation)}: the inputs have axes under '...' but the output does not say where "
            "they go; add '...' to the output (numpy's rule)"
        )
    return new_operands, output, new_arrays, symbols


def _shown(equation: str) -> str:
    """The equation for a message, cut to 60 characters."""
    return repr(shortened(equation, 60))


def _interleaved(arguments: Sequence[Any]) -> tuple[str, list[Any]]:
    """numpy's interleaved form ``einsum(a, [0, 1], b, [1, 2], [0, 2])`` as ``("ab,bc->ac", [a, b])``."""

    def letters(sublist: Any, where: str) -> str:
        if isinstance(sublist, (str, bytes)) or not isinstance(sublist, (list, tuple)):
            raise DiagramError(
                f"einsum's interleaved form takes arrays each followed by a list of axis numbers "
                f"(einsum(a, [0, 1], b, [1, 2], [0, 2])); {where} is {sublist!r}"
            )
        text = ""
        for item in sublist:
            if item is Ellipsis:
                text += "..."
            elif isinstance(item, (int, np.integer)) and not isinstance(item, bool) and 0 <= item < 52:
                text += opt_einsum.get_symbol(int(item))
            else:
                raise DiagramError(
                    f"einsum's interleaved form: {where} holds {item!r}; axis numbers are whole numbers 0-51 "
                    "(or Ellipsis), as numpy takes them"
                )
        return text

    arrays = list(arguments[0::2])
    sublists = list(arguments[1::2])
    output = None
    if len(arguments) % 2 == 1:  # an output list closes the arguments
        output = arrays.pop()
    terms = [letters(sublist, f"the list after operand {k}") for k, sublist in enumerate(sublists)]
    equation = ",".join(terms) + ("" if output is None else "->" + letters(output, "the output list"))
    return equation, arrays


def einsum(equation: Any, *arrays: Any, names: Sequence[str] | None = None) -> Diagram:
    """Build a diagram from an einsum equation: one box per array, one line per shared index.

    Every equation ``numpy.einsum`` takes is accepted, with numpy's value: an index on
    two legs is a line; on one leg and in the output, an open leg; on three or more legs
    (or two and the output), or on one leg summed alone, the legs meet at a copy tensor δ
    (:func:`penrose.copy`), drawn as a dot and contracted as a repeated index; ``...``
    broadcasts as in numpy; without ``->`` the output is numpy's implicit one. The
    output order becomes the order of the open legs, which get sides by
    :func:`~penrose.core.constructors.output_sides`. A contracted index leaves its
    first box on the right (E) and enters its second on the left (W), so a chain reads
    left to right.

    >>> import numpy as np, penrose as pn
    >>> A, B = np.eye(2), np.arange(4).reshape(2, 2)
    >>> d = pn.einsum("ij,jk->ik", A, B, names=["A", "B"])
    >>> d.kind, bool((d.value() == A @ B).all())
    ('operator', True)
    >>> pn.einsum("ij,ij->i", A, B).value().tolist()  # a batch index: i on three legs
    [0.0, 3.0]
    >>> pn.einsum(A, [0, 1], B, [1, 2], [0, 2]).value().tolist()  # numpy's interleaved form
    [[0.0, 1.0], [2.0, 3.0]]

    As in numpy, an axis of size 1 broadcasts against a longer one of the same index, booleans
    contract to booleans, and an axis of size 0 gives sums of nothing (0) or an empty value.
    """
    if not isinstance(equation, str) and arrays and isinstance(arrays[0], (list, tuple)):  # array, [axes], …
        equation, arrays = _interleaved((equation, *arrays))
    operands, output, arrays_used = _parse_equation(equation, arrays)
    names = list(names) if names is not None else [f"T{k + 1}" for k in range(len(arrays))]
    if len(names) != len(arrays):
        raise DiagramError(f"einsum {_shown(equation)}: {len(names)} names for {len(arrays)} arrays")
    _check_output(equation, operands, output)
    out_side = dict(zip(output, output_sides(len(output))))
    hyper = _hyper_indices(operands, output)
    fresh = _fresh_symbols(equation, operands, output)
    copies: dict[str, list[tuple[str, str]]] = {index: [] for index in hyper}  # index -> the δ's (symbol, side)
    seen: set[str] = set()
    nodes = []
    subscripts = []
    sizes: dict[str, tuple[int, str]] = {}
    for k, (operand, array, name) in enumerate(zip(operands, arrays_used, names)):
        specs = []
        used: set[str] = set()
        written = ""
        for index in operand:
            if index in hyper:  # this leg goes to the index's copy tensor, on a line of its own
                symbol = next(fresh)
                copies[index].append((symbol, "W"))
                side = "E"
            elif index in out_side:
                symbol, side = index, out_side[index]
            else:
                symbol, side = index, ("W" if index in seen else "E")
                seen.add(index)
            written += symbol
            specs.append((unique_name(index, used), side, None))
        node = make_node(name, specs, array, "tensor", sides_given=False, like_numpy=True)
        for index, leg in zip(operand, node.legs):
            if index in sizes and sizes[index][0] != leg.dim:
                raise DiagramError(
                    f"einsum {_shown(equation)}: index {index!r} has dimension {sizes[index][0]} in "
                    f"{sizes[index][1]} but {leg.dim} in operand {k} ({name!r})"
                )
            sizes.setdefault(index, (leg.dim, f"operand {k} ({name!r})"))
        nodes.append(node)
        subscripts.append(written)
    final_output = output
    for index, ends in copies.items():
        legs = list(ends)
        if index in out_side:  # the δ's own open leg is the output's
            symbol = next(fresh)
            legs.append((symbol, out_side[index]))
            final_output = final_output.replace(index, symbol)
        used = set()
        specs = [(unique_name(index, used), side) for _, side in legs]
        nodes.append(copy_node(sizes[index][0], specs, like_numpy=True))
        subscripts.append("".join(symbol for symbol, _ in legs))
    return Diagram.from_network(net.from_subscripts(nodes, subscripts, final_output))


def _hyper_indices(operands: Sequence[str], output: str) -> set[str]:
    """The indices that are not one line: on three or more legs (output included), or summed on one leg."""
    counts: dict[str, int] = {}
    for index in "".join(operands) + output:
        counts[index] = counts.get(index, 0) + 1
    return {index for index, count in counts.items() if count > 2 or (count == 1 and index not in output)}


def _fresh_symbols(equation: str, operands: Sequence[str], output: str) -> Any:
    used = set(equation) | set("".join(operands)) | set(output)
    return (symbol for symbol in (opt_einsum.get_symbol(k) for k in range(1_000_000)) if symbol not in used)


def _check_output(equation: str, operands: Sequence[str], output: str) -> None:
    if len(set(output)) != len(output):
        raise DiagramError(f"einsum {_shown(equation)}: an output index appears twice (numpy refuses it too)")
    missing = [i for i in output if i not in "".join(operands)]
    if missing:
        raise DiagramError(f"einsum {_shown(equation)}: output index {missing[0]!r} is in no input")
