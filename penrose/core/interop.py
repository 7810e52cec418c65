"""quimb interop: a quimb tensor network drawn and evaluated by penrose, and a penrose diagram handed to quimb.

quimb stays optional (``pip install "penrose-diagrams[bench]"`` or ``pip install quimb``): it is
imported only when one of these is called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import opt_einsum

from .diagram import Diagram
from .einsum import einsum
from .errors import DiagramError

__all__ = ["QUIMB_READERS", "from_quimb", "to_quimb"]

#: Readers for quimb objects that have a shape of their own (an MPS, an MPO), tried in order before the generic
#: one: ``reader(network, quimb.tensor, output)`` returns a diagram, or None to pass. The physics wing registers its
#: row builders here, so the model does not import the wing above it.
QUIMB_READERS: list[Callable[[Any, Any, Any], Diagram | None]] = []


def _quimb() -> Any:
    try:
        import quimb.tensor as qtn
    except ImportError:
        raise DiagramError("this needs the optional quimb package: pip install quimb") from None
    return qtn


def from_quimb(network: Any, output: Any = None) -> Diagram:
    """A quimb ``TensorNetwork`` (or one ``Tensor``) as a penrose diagram: one box per tensor, one line per index.

        Boxes are named by each tensor's first tag (sorted), else ``T1, T2, …``; an index on
        three or more tensors (quimb's hyperedges) meets at a copy tensor δ. The open legs are
        quimb's outer indices, in ``output`` order if given (a list of index names). A quimb
        ``MatrixProductState`` becomes :func:`penrose.networks.mps`'s ket and a
        ``MatrixProductOperator`` :func:`penrose.networks.mpo`'s operator (upper ``k`` indices out,
        lower ``b`` in, as quimb's ``to_dense`` reads them), so they compose with ``@``.

    For example (quimb is optional, so this is not run as a doctest)::

            a = qtn.Tensor(np.eye(2), inds=("i", "j"), tags={"A"})
            b = qtn.Tensor(np.ones((2, 3)), inds=("j", "k"), tags={"B"})
            d = pn.from_quimb(a & b, output=["i", "k"])  # boxes A and B, an operator 2 × 3
    """
    qtn = _quimb()
    for reader in QUIMB_READERS:
        found = reader(network, qtn, output)
        if found is not None:
            return found
    if isinstance(network, qtn.Tensor):
        network = qtn.TensorNetwork([network])
    if not isinstance(network, qtn.TensorNetwork):
        raise DiagramError(f"from_quimb needs a quimb TensorNetwork or Tensor, got {type(network).__name__}")
    tensors = list(network.tensors)
    outer = list(network.outer_inds()) if output is None else list(output)
    unknown = [index for index in outer if index not in network.ind_map]
    if unknown:
        raise DiagramError(f"from_quimb: output index {unknown[0]!r} is not an index of the network")
    symbol: dict[str, str] = {}
    for index in [index for tensor in tensors for index in tensor.inds] + outer:
        symbol.setdefault(index, opt_einsum.get_symbol(len(symbol)))
    terms = ["".join(symbol[index] for index in tensor.inds) for tensor in tensors]
    names = [sorted(tensor.tags)[0] if tensor.tags else f"T{k + 1}" for k, tensor in enumerate(tensors)]
    equation = ",".join(terms) + "->" + "".join(symbol[index] for index in outer)
    return einsum(equation, *[tensor.data for tensor in tensors], names=names)


def to_quimb(diagram: Diagram) -> Any:
    """``diagram`` (one term) as a quimb ``TensorNetwork``: its einsum's operands as tensors, its letters as indices.

    Open legs become outer indices named ``o0, o1, …`` in the order of ``diagram.legs``;
    joined legs get ``i0, i1, …``. A copy tensor's lines are one (hyper) index, as quimb
    writes them.
    """
    qtn = _quimb()
    equation, arrays = diagram.to_einsum()
    inputs, output = equation.split("->")
    names = {symbol: f"o{k}" for k, symbol in enumerate(output)}
    for symbol in inputs.replace(",", ""):
        names.setdefault(symbol, f"i{len(names) - len(output)}")
    tensors = [
        qtn.Tensor(array, inds=tuple(names[symbol] for symbol in term))
        for term, array in zip(inputs.split(","), arrays)
    ]
    return qtn.TensorNetwork(tensors)
