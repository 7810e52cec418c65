"""A network written as an einsum: one subscript letter per line, in a canonical order.

The equation is generated from the network's structure alone (boxes in order, legs in
order), so two networks with the same wiring and leg dimensions give the same
``(equation, shapes)``, whatever their numbers: the key under which paths are cached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np
import opt_einsum

from ..errors import DiagramError
from ..network import Network, Port

__all__ = ["Einsum", "einsum_call", "einsum_of", "index_sizes"]

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


def einsum_of(
    network: Network, describe: Callable[[], str] = lambda: "the diagram", fold_copies: bool = True
) -> Einsum:
    """Write ``network`` as an einsum, refusing symbolic boxes (they have no numbers).

    Copy tensors (δ) are folded into their lines: every leg joined to one gets the same
    letter, and δ itself is no operand (``fold_copies=False`` keeps each δ as a dense
    operand, one per box, for code that follows the boxes one by one). A δ whose lines
    reach no other box, or two of whose legs stay open, is kept dense all the same.
    ``describe`` names the diagram in an error message; it is only called on error.
    Runs on every first evaluation, so it is kept to one pass over the legs.
    """
    nodes = network.nodes
    if any(node.data is None for node in nodes):
        symbolic = [node for node in nodes if node.data is None]
        names = ", ".join(node.describe() for node in symbolic[:5])
        raise DiagramError(
            f"cannot evaluate {describe()}: {names} {'is' if len(symbolic) == 1 else 'are'} symbolic "
            "(drawn without numbers); give every box data, e.g. pn.ket([1, 0], name='χ'), "
            "or only draw it with value=False"
        )
    folded = {k for k, node in enumerate(nodes) if node.kind == "copy"} if fold_copies else set()
    # no δ to fold: a line is one bond, named by the lower of its two ports (no union-find on every first call)
    group = _partnered(network) if not folded else _groups(network, folded)
    while folded:  # a δ that cannot become a repeated index stays a box with its dense numbers
        unfoldable = _unfoldable(network, folded, group)
        if not unfoldable:
            break
        folded -= unfoldable
        group = _groups(network, folded)
    symbols: dict[Port, str] = {}  # letters in order of first appearance, box by box, one per group
    terms = []
    arrays = []
    for position, node in enumerate(nodes):
        if position in folded:
            continue
        subscript = ""
        for leg in node.legs:
            root = group((position, leg.name))
            symbol = symbols.get(root)
            if symbol is None:
                count = len(symbols)
                symbol = symbols[root] = _LETTERS[count] if count < 52 else opt_einsum.get_symbol(count)
            subscript += symbol
        terms.append(subscript)
        arrays.append(node.data.dense() if node.kind == "copy" else node.data)
    output = "".join([symbols[group(port)] for port in network.open_ports])
    shapes = tuple([tuple(array.shape) for array in arrays])
    return Einsum(",".join(terms) + "->" + output, tuple(arrays), shapes)


def _partnered(network: Network) -> Callable[[Port], Port]:
    """The line each port is on when every line is one bond (no folded δ): the lower of its two ports."""
    partners = network.partners

    def line(port: Port) -> Port:
        other = partners.get(port)
        return port if other is None or port < other else other

    return line


def _groups(network: Network, folded: set[int]) -> Callable[[Port], Port]:
    """The line (group of ports) each port is on: a bond joins two ports, a folded δ all of its own."""
    parent: dict[Port, Port] = {}

    def find(port: Port) -> Port:
        root = port
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(port, port) != root:  # path compression
            parent[port], port = root, parent[port]
        return root

    def union(a: Port, b: Port) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the smaller port leads: independent of the order of unions

    for first, second in network.bonds:
        union(first, second)
    for position in folded:
        legs = network.nodes[position].legs
        for leg in legs[1:]:
            union((position, legs[0].name), (position, leg.name))
    return find


def _unfoldable(network: Network, folded: set[int], group: Callable[[Port], Port]) -> set[int]:
    """The folded δs on a line with two open ends, or reaching no other box: they cannot be one index."""
    open_ends: dict[Port, int] = {}
    for port in network.open_ports:
        root = group(port)
        open_ends[root] = open_ends.get(root, 0) + 1
    reached: set[Port] = set()
    for position, node in enumerate(network.nodes):
        if position not in folded:
            reached.update(group((position, leg.name)) for leg in node.legs)
    bad = set()
    for position in folded:
        root = group((position, network.nodes[position].legs[0].name))
        if open_ends.get(root, 0) > 1 or root not in reached:
            bad.add(position)
    return bad


def einsum_call(diagram: Any) -> tuple[str, list[Any]]:
    """``(equation, arrays)`` for ``opt_einsum.contract(equation, *arrays)`` (see :meth:`penrose.Diagram.to_einsum`):
    a coefficient other than 1 becomes a 0-d operand."""
    network = diagram._single("einsum equation")
    einsum = einsum_of(network, diagram.describe)
    coefficient = diagram._terms[0][0]
    if coefficient == 1:
        return einsum.equation, list(einsum.arrays)
    return "," + einsum.equation, [np.asarray(coefficient), *einsum.arrays]
