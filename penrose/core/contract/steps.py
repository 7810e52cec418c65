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

from ..errors import DiagramError
from ..legs import unique_name
from ..network import Network, from_subscripts
from ..nodes import Node, make_node
from ..rendering import renderer
from .exact import precisions, prepared
from .plans import Purpose, plan
from .subscripts import einsum_of, index_sizes

if TYPE_CHECKING:
    from ...draw.figure import Figure
    from ..diagram import Diagram

__all__ = ["ContractionStep", "Steps", "contract_stepwise", "diagram_steps"]


@dataclass(frozen=True)
class ContractionStep:
    """One pairwise contraction: the two boxes merged, its FLOP count, and the network after it.

    ``members[k]`` lists the boxes of the original network that box ``k`` of ``diagram`` holds
    (a picture keeps each box where its members were).
    """

    merged: tuple[str, str]
    flops: int
    diagram: Diagram
    members: tuple[tuple[int, ...], ...] = ()

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

    def frames(self, theme: Any = "slide", layout: str = "auto") -> list[Figure]:
        """One figure per stage, each headed by its step: the network, then the network after each step."""
        return renderer().draw_frames(self, theme, layout)

    def to_beamer(self, theme: Any = "slide", layout: str = "auto") -> str:
        """The stages as Beamer overlays for one frame: ``\\onslide<1>`` of an ``overprint`` shows the network,
        ``\\onslide<k+1>`` the network after step k, so a lecturer contracts it click by click (needs
        ``\\usepackage{tikz}``).

        Each stage's picture is scaled to the frame's width when wider (``\\resizebox``); ``overprint``
        gives every stage the height of the tallest, so nothing below them jumps from click to click.
        """
        figures = self.frames(theme, layout)
        pictures = [figure.to_tikz().strip() for figure in figures]
        lines = [f"% penrose: {len(pictures)} overlays, one per stage of the contraction (\\usepackage{{tikz}})"]
        lines.append("\\begin{overprint}")
        for k, picture in enumerate(pictures, start=1):
            lines.append(f"\\onslide<{k}>\\centering")
            lines.append("\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%")
            lines.append(picture)
            lines.append("}")
        lines.append("\\end{overprint}")
        return "\n".join(lines) + "\n"

    def _repr_svg_(self) -> str:
        """Jupyter shows the strip of pictures, not the list's text."""
        return self.draw().to_svg()


def diagram_steps(diagram: Diagram, optimize: Any = "auto") -> Steps:
    """The pairwise contractions of ``diagram``'s chosen path as :class:`Steps` (see :meth:`penrose.Diagram.steps`)."""
    network = diagram._single("sequence of steps")
    if diagram.coefficient != 1:
        raise DiagramError("steps() works on a single network; take the coefficient out first (d.terms)")
    build = type(diagram).from_network
    found = contract_stepwise(network, optimize)
    return Steps(diagram, [ContractionStep(merged, flops, build(n), held) for merged, flops, n, held in found])


@dataclass
class _Operand:
    subscripts: str
    array: Any
    name: str
    legs: dict[str, tuple[str, str]]  # symbol -> (leg name, side)
    members: list[str]
    boxes: tuple[int, ...]  # the original boxes it holds
    node: Node | None = None  # an original box not merged yet: drawn as it was (its star or dagger kept)


def _shown(node: Node) -> str:
    """A box's name as its picture writes it: ``A₁*`` for a conjugated box, ``U†`` for a daggered one."""
    return (node.name or "T") + ("†" if node.daggered else "") + ("*" if node.conjugated else "")


def _label(members: list[str]) -> str:
    shown = "".join(members) if len(members) <= 3 else f"{members[0]}…{members[-1]}"
    return f"({shown})"


def contract_stepwise(
    network: Network, optimize: Any = "auto"
) -> list[tuple[tuple[str, str], int, Network, tuple[tuple[int, ...], ...]]]:
    """The pairwise contractions of ``network``'s chosen path: ``(merged names, flops, network after, members)``."""
    einsum = einsum_of(network, fold_copies=False)  # one operand per box, as the steps show them
    found = plan(einsum.equation, einsum.shapes, optimize, purpose=Purpose.STEPS)
    inputs, output = einsum.equation.split("->")
    arrays = prepared(einsum.arrays, precisions([(1, network)])[0])  # (as value() does: no int64 step wraps)
    operands = []
    for position, (subscripts, node) in enumerate(zip(inputs.split(","), network.nodes)):
        legs = {symbol: (leg.name, leg.side) for symbol, leg in zip(subscripts, node.legs)}
        name = _shown(node)
        operands.append(_Operand(subscripts, arrays[position], name, legs, [name], (position,), node))
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
        boxes = tuple(sorted(b for operand in taken for b in operand.boxes))
        operands.append(_Operand(new_subscripts, result, _label(members), legs, members, boxes))
        involved = frozenset("".join(o.subscripts for o in taken))
        flops = int(flop_count(involved, bool(removed), len(taken), sizes))
        held = tuple(operand.boxes for operand in operands)
        steps.append(((taken[-1].name, taken[0].name), flops, _network(operands, output), held))
    return steps


def _network(operands: list[_Operand], output: str) -> Network:
    """The network of the current operands: shared symbols are bonds, output symbols open legs."""
    nodes = []
    for operand in operands:
        if operand.node is not None:  # not merged yet: the box as it was
            nodes.append(operand.node)
            continue
        used: set[str] = set()
        specs = []
        for symbol in operand.subscripts:
            name, side = operand.legs[symbol]
            specs.append((unique_name(name, used), side, None))
        nodes.append(make_node(operand.name, specs, operand.array, "tensor", sides_given=False))  # sides: free
    return from_subscripts(nodes, [operand.subscripts for operand in operands], output)
