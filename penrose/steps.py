"""Step-by-step contraction: the network after each pairwise contraction of its chosen path.

Each step merges two boxes into one (labelled by the boxes it holds, e.g. ``(A₁A₂)``)
that carries the intermediate tensor itself, so every step's diagram evaluates to the
same value as the original: a user can watch a network collapse and check it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import opt_einsum
from opt_einsum.helpers import flop_count

from .contraction import einsum_of, plan
from .diagram import Diagram
from .errors import DiagramError
from .network import Network
from .nodes import Node, make_node

__all__ = ["ContractionStep", "Steps", "contraction_steps"]


@dataclass(frozen=True)
class ContractionStep:
    """One pairwise contraction: the two boxes merged, its FLOP count, and the network after it."""

    merged: tuple[str, str]
    flops: int
    diagram: Diagram

    def __repr__(self) -> str:
        return f"<ContractionStep {self.merged[0]} × {self.merged[1]}: {self.flops:.3g} flops>"


class Steps(list):
    """The steps of a contraction, in order; ``.draw()`` shows them as a strip of pictures."""

    original: Diagram | None = None

    def draw(self, theme: Any = "slide", layout: str = "auto") -> Any:
        """The original network and the network after each step, left to right, with each step's FLOPs."""
        from .figure import draw_strip

        return draw_strip(self, theme=theme, layout=layout)


@dataclass
class _Operand:
    subscripts: str
    array: Any
    name: str
    legs: dict[str, tuple[str, str]]  # symbol -> (leg name, side)
    members: list[str]


def _label(members: list[str]) -> str:
    shown = "".join(members) if len(members) <= 3 else f"{members[0]}…{members[-1]}"
    return f"({shown})"


def contraction_steps(diagram: Diagram, optimize: Any = "auto") -> Steps:
    """The pairwise contractions of ``diagram``'s chosen path (see :meth:`Diagram.steps`)."""
    network = diagram.network
    if diagram.coefficient != 1:
        raise DiagramError("steps() works on a single network; take the coefficient out first (d.terms)")
    einsum = einsum_of(network, diagram.describe)
    found = plan(einsum.equation, einsum.shapes, optimize, one_shot=False)
    inputs, output = einsum.equation.split("->")
    operands = []
    for subscripts, node in zip(inputs.split(","), network.nodes):
        legs = {symbol: (leg.name, leg.side) for symbol, leg in zip(subscripts, node.legs)}
        name = node.name or "T"
        operands.append(_Operand(subscripts, node.data, name, legs, [name]))
    sizes = dict(zip("".join(inputs.split(",")), (d for shape in einsum.shapes for d in shape)))
    steps = Steps()
    steps.original = diagram
    for positions, removed, step_equation, _, _ in found.path.info.contraction_list:
        taken = [operands.pop(k) for k in positions]
        result = opt_einsum.contract(step_equation, *[o.array for o in taken])
        new_subscripts = step_equation.split("->")[1]
        legs: dict[str, tuple[str, str]] = {}
        for operand in taken:
            legs.update({s: v for s, v in operand.legs.items() if s in new_subscripts})
        members = [m for operand in reversed(taken) for m in operand.members]  # popped last-first
        operands.append(_Operand(new_subscripts, result, _label(members), legs, members))
        involved = frozenset("".join(o.subscripts for o in taken))
        flops = int(flop_count(involved, bool(removed), len(taken), sizes))
        steps.append(ContractionStep((taken[-1].name, taken[0].name), flops, _network(operands, output)))
    return steps


def _network(operands: list[_Operand], output: str) -> Diagram:
    """A diagram of the current operands: shared symbols are bonds, output symbols open legs."""
    nodes: list[Node] = []
    ports: dict[str, list[tuple[int, str]]] = {}
    for position, operand in enumerate(operands):
        specs, used = [], set()
        for symbol in operand.subscripts:
            name, side = operand.legs[symbol]
            while name in used:
                name += "′"
            used.add(name)
            specs.append((name, side, None))
            ports.setdefault(symbol, []).append((position, name))
        nodes.append(make_node(operand.name, specs, operand.array, "tensor"))
    bonds = tuple((pair[0], pair[1]) for symbol, pair in ports.items() if symbol not in output and len(pair) == 2)
    draft = Network(tuple(nodes), bonds, ((), (), (), ()))
    groups: dict[str, list[tuple[int, str]]] = {"W": [], "E": [], "N": [], "S": []}
    for symbol in output:
        port = ports[symbol][0]
        groups[draft.leg(port).side].append(port)
    return Diagram.from_network(Network(draft.nodes, bonds, tuple(tuple(groups[s]) for s in "WENS")))  # type: ignore[arg-type]
