"""Free functions that build one diagram from others: ``connect``, ``kron`` (``&`` of many) and ``trace``."""

from __future__ import annotations

import math
from functools import reduce
from typing import Any

from . import network as net
from .diagram import Diagram, combine_terms, require_diagram
from .errors import DiagramError
from .leg_finder import LegFinder
from .network import Port

__all__ = ["connect", "kron", "trace"]


def _as_list(spec: Any) -> list[Any]:
    return list(spec) if isinstance(spec, (list, tuple)) else [spec]


def connect(a: Diagram, legs_a: Any, b: Diagram, legs_b: Any) -> Diagram:
    """Place ``a`` and ``b`` side by side and join ``a``'s leg(s) ``legs_a`` to ``b``'s ``legs_b``.

    Legs are given by name, by position in ``d.legs``, or as ``Leg`` objects; lists join
    several pairs at once. The remaining open legs keep their sides, ``a``'s first.

    >>> import numpy as np, penrose as pn
    >>> A = pn.tensor(np.ones((2, 3)), legs=[("x", "W"), ("y", "N")])
    >>> B = pn.tensor(np.ones((3, 2)), legs=[("y", "S"), ("z", "E")])
    >>> pn.connect(A, "y", B, "y").kind
    'operator'
    """
    a = require_diagram(a, "connect", b) if not isinstance(a, Diagram) else a
    b = require_diagram(b, "connect", a)
    first, second = _as_list(legs_a), _as_list(legs_b)
    if len(first) != len(second):
        raise DiagramError(
            f"connect needs as many legs of {a.describe()} ({len(first)}: {first}) as of "
            f"{b.describe()} ({len(second)}: {second})"
        )
    finder_a, finder_b = LegFinder(a.terms[0][1].network, a.describe), LegFinder(b.terms[0][1].network, b.describe)
    indices_a = [finder_a.index(spec) for spec in first]
    indices_b = [finder_b.index(spec) for spec in second]
    for indices, diagram in ((indices_a, a), (indices_b, b)):
        if len(set(indices)) != len(indices):
            raise DiagramError(f"connect names a leg of {diagram.describe()} twice; each leg joins one line")
    terms = []
    for ca, da in a.terms:
        for cb, db in b.terms:
            na, nb = da.network, db.network
            joined = net.juxtapose(na, nb)
            offset = len(na.nodes)
            pairs: list[tuple[Port, Port]] = []
            for i, j in zip(indices_a, indices_b):
                pa = na.open_ports[i]
                pb_position, pb_name = nb.open_ports[j]
                pairs.append((pa, (pb_position + offset, pb_name)))
            joined = net.join_all(joined, pairs, what="connect")
            terms.append((ca * cb, joined))
    return Diagram(combine_terms(terms))


def kron(*diagrams: Diagram) -> Diagram:
    """The tensor product ``a & b & …``: the diagrams stacked, no line joined.

    >>> import penrose as pn
    >>> pn.kron(pn.ket([1, 0]), pn.ket([0, 1])).value()
    array([0, 1, 0, 0])
    """
    if not diagrams:
        raise DiagramError("kron needs at least one diagram")
    for d in diagrams:
        require_diagram(d, "&", diagrams[0])
    if all(d.term_count == 1 for d in diagrams):  # one pass: stacking n boxes one by one is quadratic
        coefficient = math.prod((d.coefficient for d in diagrams), start=1)
        return Diagram(((coefficient, net.juxtapose_all([d.network for d in diagrams])),))
    return reduce(lambda x, y: x & y, diagrams)


def trace(diagram: Diagram) -> Diagram:
    """Join each open E leg to the open W leg at the same position: the trace, drawn as a loop.

    >>> import penrose as pn
    >>> pn.trace(pn.op([[1, 2], [3, 4]])).value()
    5
    """
    if not isinstance(diagram, Diagram):
        raise DiagramError(f"trace takes a penrose diagram, not {type(diagram).__name__}")
    return Diagram(tuple((c, net.trace(term.network)) for c, term in diagram.terms))
