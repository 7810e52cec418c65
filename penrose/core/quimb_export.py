"""A penrose diagram handed to quimb: its einsum's operands as tensors, box names as tags, leg names as indices.

Apart from :mod:`penrose.core.interop` (which builds diagrams from quimb networks and so sits above the
diagram), so that ``Diagram.to_quimb`` calls down into it without an import cycle. quimb stays optional:
it is imported only when asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import DiagramError

if TYPE_CHECKING:
    from .diagram import Diagram

__all__ = ["quimb_tensor", "to_quimb"]


def quimb_tensor() -> Any:
    """``quimb.tensor``, or a DiagramError saying how to install it."""
    try:
        import quimb.tensor as qtn
    except ImportError:
        raise DiagramError("this needs the optional quimb package: pip install quimb") from None
    return qtn


def to_quimb(diagram: Diagram) -> Any:
    """``diagram`` (one term) as a quimb ``TensorNetwork``: its einsum's operands as tensors, its letters as indices.

    Each tensor is tagged with its box's name, and each index named by the leg it joins (a
    line: the first box's leg) where no other index has that name; otherwise open legs are
    ``o0, o1, …`` in the order of ``diagram.legs`` and lines ``i0, i1, …``. A copy tensor's
    lines are one (hyper) index, as quimb writes them (then every index is ``o``/``i``-named).
    """
    qtn = quimb_tensor()
    equation, arrays = diagram.to_einsum()
    inputs, output = equation.split("->")
    names = {symbol: f"o{k}" for k, symbol in enumerate(output)}
    for symbol in inputs.replace(",", ""):
        names.setdefault(symbol, f"i{len(names) - len(output)}")
    nodes = diagram.network.nodes
    terms = inputs.split(",")
    tags: list[set[str]] = [set() for _ in terms]
    if len(terms) == len(nodes) and diagram.coefficient == 1:  # (no δ folded away: operands are the boxes)
        names = _leg_names(diagram, terms, output, names)
        tags = [{node.name} if node.name else set() for node in nodes]
    tensors = [
        qtn.Tensor(array, inds=tuple(names[symbol] for symbol in term), tags=tagged)
        for term, array, tagged in zip(terms, arrays, tags)
    ]
    return qtn.TensorNetwork(tensors)


def _leg_names(diagram: Diagram, terms: list[str], output: str, fallback: dict[str, str]) -> dict[str, str]:
    """Each index named by a leg it joins: an open leg's own name first (they are what users ask for by name), a
    line's first leg's name where no other index has it; ``o``/``i`` names where names would repeat."""
    open_names = [leg.name for leg in diagram.legs]
    names = {
        symbol: name if open_names.count(name) == 1 else fallback[symbol] for symbol, name in zip(output, open_names)
    }
    taken = set(names.values())
    for term, node in zip(terms, diagram.network.nodes):
        for symbol, leg in zip(term, node.legs):
            if symbol in names:
                continue
            names[symbol] = leg.name if leg.name not in taken else fallback[symbol]
            taken.add(names[symbol])
    if len(set(names.values())) != len(names):  # (a fallback met a leg of that name: the plain scheme, all unique)
        return fallback
    return names
