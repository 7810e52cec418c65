"""A network written as an einsum: one subscript letter per line, in a canonical order.

The equation is generated from the network's structure alone (boxes in order, legs in
order), so two networks with the same wiring and leg dimensions give the same
``(equation, shapes)``, whatever their numbers: the key under which paths are cached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import opt_einsum

from .errors import DiagramError
from .network import Network, Port

__all__ = ["Einsum", "einsum_of", "index_sizes"]

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"  # opt_einsum.get_symbol's first 52


class Einsum(NamedTuple):
    """One network as an einsum: ``equation``, the ``arrays`` in order, and their ``shapes``."""

    equation: str
    arrays: tuple[Any, ...]
    shapes: tuple[tuple[int, ...], ...]


def index_sizes(equation: str, shapes: Sequence[tuple[int, ...]]) -> dict[str, int]:
    """Each index letter of ``equation`` and its dimension, read off the operands' ``shapes``.

    >>> index_sizes("ab,bc->ac", [(2, 3), (3, 4)])
    {'a': 2, 'b': 3, 'c': 4}
    """
    sizes: dict[str, int] = {}
    for term, shape in zip(equation.split("->", 1)[0].split(","), shapes):
        sizes.update(zip(term, shape))
    return sizes


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
