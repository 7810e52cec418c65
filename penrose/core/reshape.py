"""Fusing open legs into one and splitting one into several: a 2^N-dimensional leg meets N legs of 2.

On one box with numbers the box's own array is reshaped (nothing new is drawn or
contracted). Legs of several boxes (or of a symbolic box) go through a reshaping box
``⊗``, whose numbers are the identity reshaped: it holds D² numbers for a leg of
dimension D, so it is refused beyond :data:`RESHAPER_LIMIT`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from .errors import DiagramError
from .legs import Leg
from .network import Network, Port
from .nodes import Node, make_node

__all__ = ["RESHAPER_LIMIT", "fuse_legs", "split_leg"]

#: A reshaping box holds D² numbers for a fused leg of dimension D: at most this many.
RESHAPER_LIMIT = 10**7
_OPPOSITE = {"W": "E", "E": "W", "N": "S", "S": "N"}


def fuse_legs(network: Network, positions: Sequence[int], name: str) -> Network:
    """``network`` with its open legs at ``positions`` (in ``open_ports`` order) fused into one leg ``name``."""
    ports = [network.open_ports[k] for k in positions]
    legs = [network.leg(port) for port in ports]
    if len(set(ports)) != len(ports) or len(ports) < 2:
        raise DiagramError("fuse needs two or more different open legs")
    sides = {leg.side for leg in legs}
    if len(sides) != 1:
        raise DiagramError(
            f"fuse: the legs {[leg.name for leg in legs]} are on sides {sorted(sides)}; fuse legs of one side"
        )
    if any(leg.dim is None for leg in legs):
        raise DiagramError("fuse: every leg needs a known dimension")
    side = legs[0].side
    dims = [int(leg.dim) for leg in legs]  # type: ignore[arg-type]
    size = math.prod(dims)
    owner = {port[0] for port in ports}
    if len(owner) == 1 and network.nodes[ports[0][0]].data is not None:
        position = ports[0][0]
        node = network.nodes[position]
        names = [port[1] for port in ports]
        axes = [k for k, leg in enumerate(node.legs) if leg.name not in names]
        fused_axes = [next(k for k, leg in enumerate(node.legs) if leg.name == n) for n in names]
        first = min(fused_axes)
        order = [k for k in axes if k < first] + fused_axes + [k for k in axes if k > first]
        data = np.transpose(np.asarray(node.data), order)
        kept_before = [k for k in axes if k < first]
        shape = (
            [data.shape[j] for j in range(len(kept_before))]
            + [size]
            + list(data.shape[len(kept_before) + len(names) :])
        )
        new_legs = (
            [node.legs[k] for k in kept_before] + [Leg(name, size, side)] + [node.legs[k] for k in axes if k > first]
        )
        if len({leg.name for leg in new_legs}) != len(new_legs):
            raise DiagramError(f"fuse: box {node.name!r} already has a leg named {name!r}; choose another name")
        new_node = replace(node, legs=tuple(new_legs), data=_frozen(data.reshape(shape)))
        nodes = (*network.nodes[:position], new_node, *network.nodes[position + 1 :])
        return _reopened(network, nodes, network.bonds, ports, [(position, name)])
    if size * size > RESHAPER_LIMIT:
        raise DiagramError(
            f"fuse: the legs are on several boxes, so a reshaping box of {size}×{size} numbers would be needed; "
            f"fuse legs of one box (one with numbers), or fewer legs (limit {RESHAPER_LIMIT:.0e} numbers)"
        )
    specs = [(f"in{k + 1}", _OPPOSITE[side], d) for k, d in enumerate(dims)] + [(name, side, size)]
    reshaper = make_node("⊗", specs, np.eye(size, dtype=int).reshape(*dims, size), "tensor", sides_given=True)
    new = len(network.nodes)
    bonds = network.bonds + tuple((port, (new, f"in{k + 1}")) for k, port in enumerate(ports))
    return _reopened(network, (*network.nodes, reshaper), bonds, ports, [(new, name)])


def split_leg(network: Network, position: int, dims: Sequence[int], names: Sequence[str]) -> Network:
    """``network`` with its open leg at ``position`` split into legs ``names`` of dimensions ``dims`` (row-major)."""
    port = network.open_ports[position]
    leg = network.leg(port)
    if len(dims) < 2 or any(isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 1 for d in dims):
        raise DiagramError(f"split: dims={list(dims)!r}; give two or more positive whole numbers")
    if leg.dim is not None and math.prod(dims) != leg.dim:
        raise DiagramError(
            f"split: leg {leg.name!r} has dimension {leg.dim}, but dims={list(dims)!r} multiply to {math.prod(dims)}"
        )
    if len(set(names)) != len(names) or len(names) != len(dims):
        raise DiagramError(f"split: give one distinct name per new leg, got {list(names)!r} for {len(dims)} legs")
    node = network.nodes[port[0]]
    if node.data is not None and leg.dim is not None:
        axis = next(k for k, candidate in enumerate(node.legs) if candidate.name == port[1])
        others = {candidate.name for candidate in node.legs if candidate.name != port[1]}
        if others & set(names):
            raise DiagramError(f"split: box {node.name!r} already has a leg named {sorted(others & set(names))[0]!r}")
        data = np.asarray(node.data)
        shape = data.shape[:axis] + tuple(int(d) for d in dims) + data.shape[axis + 1 :]
        new_legs = (
            node.legs[:axis] + tuple(Leg(n, int(d), leg.side) for n, d in zip(names, dims)) + node.legs[axis + 1 :]
        )
        new_node = replace(node, legs=new_legs, data=_frozen(data.reshape(shape)))
        nodes = (*network.nodes[: port[0]], new_node, *network.nodes[port[0] + 1 :])
        return _reopened(network, nodes, network.bonds, [port], [(port[0], n) for n in names])
    size = math.prod(int(d) for d in dims)
    if size * size > RESHAPER_LIMIT:
        raise DiagramError(
            f"split: a reshaping box of {size}×{size} numbers would be needed (limit {RESHAPER_LIMIT:.0e})"
        )
    specs = [("in", _OPPOSITE[leg.side], size)] + [(n, leg.side, int(d)) for n, d in zip(names, dims)]
    reshaper = make_node("⊗", specs, np.eye(size, dtype=int).reshape(size, *dims), "tensor", sides_given=True)
    new = len(network.nodes)
    return _reopened(
        network, (*network.nodes, reshaper), (*network.bonds, (port, (new, "in"))), [port], [(new, n) for n in names]
    )


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.ascontiguousarray(array)
    array.flags.writeable = False
    return array


def _reopened(
    network: Network, nodes: tuple[Node, ...], bonds: tuple, removed: Sequence[Port], added: Sequence[Port]
) -> Network:
    """The open legs with ``removed`` gone and ``added`` in the place of the first removed one."""
    groups = []
    for ports in network.open:
        group: list[Port] = []
        for port in ports:
            if port == removed[0]:
                group.extend(added)
            elif port not in removed:
                group.append(port)
        groups.append(tuple(group))
    return Network(nodes, bonds, tuple(groups))  # type: ignore[arg-type]
