"""Step-by-step contraction: the network after each pairwise contraction of its chosen path.

Each step merges two boxes into one (labelled by the boxes it holds, e.g. ``(A₁A₂)``)
that carries the intermediate tensor itself, so every step's diagram evaluates to the
same value as the original: a user can watch a network collapse and check it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import opt_einsum
from opt_einsum.helpers import flop_count

from .legs import unique_name
from .network import Network, from_subscripts
from .nodes import make_node
from .plans import plan
from .rendering import renderer
from .subscripts import einsum_of, index_sizes

if TYPE_CHECKING:
    from ..draw.figure import Figure
    from .diagram import Diagram

__all__ = ["ContractionStep", "Steps", "contract_stepwise"]


@dataclass(frozen=True)
class ContractionStep:
    """One pairwise contraction: the two boxes merged, its FLOP count, and the network after it."""

    merged: tuple[str, str]
    flops: int
    diagram: Diagram

    def __repr__(self) -> str:
        return f"<ContractionStep {self.merged[0]} × {self.merged[1]}: {self.flops:.3g} flops>"


class Steps(list):
    """The steps of a contraction (:class:`ContractionStep`), in order, after the ``original`` diagram.

    ``.draw()`` shows them as a strip of pictures.
    """

    def __init__(self, original: Diagram, steps: list[ContractionStep]) -> None:
        super().__init__(steps)
        self.original = original

    def draw(self, theme: Any = "slide", layout: str = "auto", column: bool = False) -> Figure:
        """The original network and the network after each step, left to right, with each step's FLOPs.

        ``column=True`` stacks them, each headed by its step, the merged tensor's shape and its FLOPs.
        """
        return renderer().draw_strip(self, theme=theme, layout=layout, column=column)


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


def contract_stepwise(network: Network, optimize: Any = "auto") -> list[tuple[tuple[str, str], int, Network]]:
    """The pairwise contractions of ``network``'s chosen path: ``(merged names, flops, network after)``."""
    einsum = einsum_of(network, fold_copies=False)  # one operand per box, as the steps show them
    found = plan(einsum.equation, einsum.shapes, optimize, one_shot=False)
    inputs, output = einsum.equation.split("->")
    operands = []
    for subscripts, node in zip(inputs.split(","), network.nodes):
        legs = {symbol: (leg.name, leg.side) for symbol, leg in zip(subscripts, node.legs)}
        name = node.name or "T"
        operands.append(_Operand(subscripts, einsum.arrays[len(operands)], name, legs, [name]))
    sizes = index_sizes(einsum.equation, einsum.shapes)
    assert found.path is not None
    steps = []
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
        steps.append(((taken[-1].name, taken[0].name), flops, _network(operands, output)))
    return steps


def _network(operands: list[_Operand], output: str) -> Network:
    """The network of the current operands: shared symbols are bonds, output symbols open legs."""
    nodes = []
    for operand in operands:
        used: set[str] = set()
        specs = []
        for symbol in operand.subscripts:
            name, side = operand.legs[symbol]
            specs.append((unique_name(name, used), side, None))
        nodes.append(make_node(operand.name, specs, operand.array, "tensor"))
    return from_subscripts(nodes, [operand.subscripts for operand in operands], output)
