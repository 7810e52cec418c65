"""quimb interop: a quimb tensor network drawn and evaluated by penrose (and, from :mod:`.quimb_export`, a penrose
diagram handed to quimb).

quimb stays optional (``pip install "penrose-diagrams[bench]"`` or ``pip install quimb``): it is
imported only when one of these is called.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import opt_einsum

from . import network as net
from .diagram import Diagram
from .einsum import einsum
from .errors import DiagramError
from .quimb_export import quimb_tensor, to_quimb

__all__ = ["QUIMB_READERS", "from_quimb", "to_quimb"]

#: Readers for quimb objects that have a shape of their own (an MPS, an MPO), tried in order before the generic
#: one: ``reader(network, quimb.tensor, output)`` returns a diagram, or None to pass. The physics wing registers its
#: row builders here, so the model does not import the wing above it.
QUIMB_READERS: list[Callable[[Any, Any, Any], Diagram | None]] = []


def from_quimb(network: Any, output: Any = None) -> Diagram:
    """A quimb ``TensorNetwork`` (or one ``Tensor``) as a penrose diagram: one box per tensor, one line per index.

        Boxes are named by a tag only that tensor holds, else by its rarest tag naming a kind
        (no digits: ``UNI``, not ``I0``), leading underscores dropped, else ``T1, T2, …``; an index on
        three or more tensors (quimb's hyperedges) meets at a copy tensor δ; of two tensors with
        the same tags and conjugate numbers (``ψ.H & ψ``) the first is drawn starred. The open legs are
        quimb's outer indices, in ``output`` order if given (a list of index names). A quimb
        ``MatrixProductState`` becomes :func:`penrose.networks.mps`'s ket and a
        ``MatrixProductOperator`` :func:`penrose.networks.mpo`'s operator (upper ``k`` indices out,
        lower ``b`` in, as quimb's ``to_dense`` reads them), so they compose with ``@``.

    For example (quimb is optional, so this is not run as a doctest)::

            a = qtn.Tensor(np.eye(2), inds=("i", "j"), tags={"A"})
            b = qtn.Tensor(np.ones((2, 3)), inds=("j", "k"), tags={"B"})
            d = pn.from_quimb(a & b, output=["i", "k"])  # boxes A and B, an operator 2 × 3
    """
    qtn = quimb_tensor()
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
    names = _box_names(tensors)
    equation = ",".join(terms) + "->" + "".join(symbol[index] for index in outer)
    diagram = einsum(equation, *[tensor.data for tensor in tensors], names=names)
    return _with_basis_states(_with_conjugates_marked(_with_index_names(diagram, tensors, symbol), tensors))


#: One-leg states worth naming by their numbers: a circuit's inputs (quimb tags them by site, ``I0``).
_SQRT_HALF = 1 / np.sqrt(2)
_NAMED_STATES = {"+": np.array([_SQRT_HALF, _SQRT_HALF]), "−": np.array([_SQRT_HALF, -_SQRT_HALF])}


def basis_state_name(data: Any) -> str | None:
    """The name a one-leg tensor's numbers give it: ``k`` for the basis vector e_k (dimension two or more, exact),
    ``+`` and ``−`` for (1, ±1)/√2; None for any other vector.

    >>> basis_state_name([0, 1, 0]), basis_state_name(np.array([1, -1]) / np.sqrt(2)), basis_state_name([1.0])
    ('1', '−', None)
    """
    try:
        vector = np.asarray(data)
        if vector.ndim != 1 or vector.size < 2 or vector.dtype.kind not in "biufc":
            return None
        held = np.flatnonzero(vector)
        if held.size == 1 and vector[held[0]] == 1:
            return str(int(held[0]))
        for name, reference in _NAMED_STATES.items():
            if vector.shape == reference.shape and np.allclose(vector, reference, rtol=0, atol=1e-12):
                return name
    except (TypeError, ValueError):
        return None
    return None


def _with_basis_states(diagram: Diagram) -> Diagram:
    """One-leg boxes holding a basis state drawn as one: ``|0⟩`` for a circuit's input (quimb names it by its site
    tag, ``I0``), ``⟨0|`` for the conjugate row of ``ψ.H & ψ``."""
    network = diagram.network
    nodes = list(network.nodes)
    named = False
    for position, node in enumerate(nodes):
        name = basis_state_name(node.data) if len(node.legs) == 1 and node.kind == "tensor" else None
        if name is not None:
            nodes[position] = replace(node, name=name, kind="bra" if node.conjugated else "ket", conjugated=False)
            named = True
    if not named:
        return diagram
    return Diagram.from_network(replace(network, nodes=tuple(nodes), _legs={}))


def _with_conjugates_marked(diagram: Diagram, tensors: list[Any]) -> Diagram:
    """The bra row of ``ψ.H & ψ`` marked: of two tensors with the same tags whose numbers are each other's complex
    conjugates, the first drawn with a star (``I0*`` over ``I0``), as penrose draws its own norms."""
    network = diagram.network
    if len(network.nodes) != len(tensors):  # (a hyperedge became a δ box: the boxes no longer match the tensors)
        return diagram
    by_tags: dict[frozenset[str], list[int]] = {}
    for position, tensor in enumerate(tensors):
        if tensor.tags:
            by_tags.setdefault(frozenset(tensor.tags), []).append(position)
    marked: set[int] = set()
    for positions in by_tags.values():  # (a MERA's upper layers: several tensors share all their tags)
        if len(positions) % 2:
            continue
        paired: set[int] = set()
        for k, first in enumerate(positions):
            if first in paired:
                continue
            partner = next(
                (
                    second
                    for second in positions[k + 1 :]
                    if second not in paired and _conjugates(tensors[first].data, tensors[second].data)
                ),
                None,
            )
            if partner is not None:
                paired |= {first, partner}
                marked.add(first)
        if len(paired) != len(positions):
            marked -= set(positions)  # not ψ.H & ψ after all: no marks from this group
    if not marked:
        return diagram
    nodes = tuple(replace(node, conjugated=True) if k in marked else node for k, node in enumerate(network.nodes))
    return Diagram.from_network(replace(network, nodes=nodes, _legs={}))


def _conjugates(first: Any, second: Any) -> bool:
    return bool(np.shape(first) == np.shape(second) and np.allclose(first, np.conj(second)))


def _box_names(tensors: list[Any]) -> list[str]:
    """Each tensor's box name: a tag only it holds (``I3`` of an MPS site), else its rarest tag without a number
    (a kind: ``UNI`` of a MERA disentangler, not the ``I0`` or ``_LAYER0`` many tensors share), else its rarest;
    leading underscores dropped; ``Tk`` when it has none."""
    held = Counter(tag for tensor in tensors for tag in tensor.tags)
    names = []
    for k, tensor in enumerate(tensors):
        if not tensor.tags:
            names.append(f"T{k + 1}")
            continue
        rarest = min(
            tensor.tags,
            key=lambda tag: (held[tag] > 1, any(c.isdigit() for c in tag), held[tag], tag.startswith("_"), tag),
        )
        names.append(rarest.lstrip("_") or rarest)
    return _told_apart(names, tensors)


def _told_apart(names: list[str], tensors: list[Any]) -> list[str]:
    """Site names (``I3``) shared by tensors of different shapes told apart: a gate quimb applied without
    contracting it (``gate_(…, contract=False)``) holds only its sites' tags, as the site tensors do; such a
    square operator (as many legs in as out, of the same dimensions) is ``G``, any other ``I3′``."""
    first: dict[str, tuple[int, ...]] = {}
    for name, tensor in zip(names, tensors):
        first.setdefault(name, tuple(tensor.shape))
    told = []
    for name, tensor in zip(names, tensors):
        shape = tuple(tensor.shape)
        half = len(shape) // 2
        if shape == first[name] or not any(character.isdigit() for character in name):  # (a kind: UNI, ISO)
            told.append(name)
        elif len(shape) % 2 == 0 and shape[:half] == shape[half:]:
            told.append("G")
        else:
            told.append(name + "′")
    return told


def _readable(index: str) -> bool:
    """An index name worth showing: not one of quimb's generated ones (``_a3979eAAAAB``), short and printable."""
    return not index.startswith("_") and 0 < len(index) <= 12 and index.isprintable()


def _with_index_names(diagram: Diagram, tensors: list[Any], symbol: dict[str, str]) -> Diagram:
    """The diagram's legs named by quimb's indices where those are readable (``k0``, ``b3``), letters elsewhere."""
    network = diagram.network
    if len(network.nodes) != len(tensors):  # (a hyperedge became a δ box: the boxes no longer match the tensors)
        return diagram
    names = {
        (position, symbol[index]): index
        for position, tensor in enumerate(tensors)
        for index in tensor.inds
        if _readable(index)
    }
    return Diagram.from_network(net.renamed(network, names)) if names else diagram
