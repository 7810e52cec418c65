"""Pendants: vectors hanging off a shape (the bras of an amplitude ⟨s₁s₂…|ψ⟩, the boundary vectors of an MPS whose
end bonds have dimension 1), each drawn beside the box it joins instead of turning the whole into a tree or a
tangle.

A pendant is a box of one leg, joined to a box of two lines or more. Taken out, what is left is recognised as
any other network (a chain, a ladder, a lattice, a tree); each pendant then goes into the free cell next to its
partner: below it for a physical leg, or continuing the widest line through the partner for a boundary vector (a
dimension-1 end bond continues the row).
"""

from __future__ import annotations

from collections.abc import Callable

from ...core.legs import SIDES
from ...core.network import Network, Port

__all__ = ["pendant_cells"]

Cell = tuple[int, int]
Shape = tuple[str, list[Cell]]
_STEP = {"S": (0, 1), "N": (0, -1), "E": (1, 0), "W": (-1, 0)}


def pendant_cells(network: Network, recognise: Callable[[Network], Shape | None]) -> Shape | None:
    """The shape of ``network`` without its pendants (``recognise``), each pendant in the free cell beside its
    partner; None when it has none, or the rest is no shape, or a pendant finds no free cell."""
    lines: list[list[tuple[int, Port, Port]]] = [[] for _ in network.nodes]
    for first, second in network.bonds:
        lines[first[0]].append((second[0], first, second))
        lines[second[0]].append((first[0], second, first))
    pendants = {
        box
        for box, node in enumerate(network.nodes)
        if len(node.legs) == 1 and len(lines[box]) == 1 and len(lines[lines[box][0][0]]) >= 2
    }
    kept = [box for box in range(len(network.nodes)) if box not in pendants]
    if not pendants or len(kept) < 2:
        return None
    shape = recognise(_rest(network, kept, pendants))
    if shape is None:
        return None
    name, rest = shape
    number = {box: k for k, box in enumerate(kept)}
    cells: dict[int, Cell] = {box: rest[number[box]] for box in kept}
    taken = set(cells.values())
    for leaf in sorted(pendants):
        ((partner, _, port),) = [(other, own, theirs) for other, own, theirs in lines[leaf]]
        where = cells[partner]
        for way in _ways(network, lines, cells, partner, port, pendants):
            step = _STEP[way]
            cell = (where[0] + step[0], where[1] + step[1])
            if cell not in taken:
                cells[leaf] = cell
                taken.add(cell)
                break
        else:
            return None
    least = (min(c for c, _ in cells.values()), min(r for _, r in cells.values()))
    return name, [(cells[box][0] - least[0], cells[box][1] - least[1]) for box in range(len(network.nodes))]


def _ways(
    network: Network,
    lines: list[list[tuple[int, Port, Port]]],
    cells: dict[int, Cell],
    partner: int,
    port: Port,
    pendants: set[int],
) -> list[str]:
    """Where a pendant joined at ``port`` of ``partner`` may go, best first: below for a physical leg; for a
    dimension-1 line (a boundary vector), continuing the partner's widest line's row or column."""
    here = cells[partner]
    along: list[tuple[int, str]] = []
    for other, own, _ in lines[partner]:
        if other in pendants:
            continue
        dx, dy = cells[other][0] - here[0], cells[other][1] - here[1]
        toward = ("E" if dx > 0 else "W") if abs(dx) >= abs(dy) else ("S" if dy > 0 else "N")
        along.append((_dim(network, own), toward))
    taken = {toward for _, toward in along}
    away = [_OPPOSITE[toward] for _, toward in sorted(along, reverse=True) if _OPPOSITE[toward] not in taken]
    boundary = _dim(network, port) == 1  # (a dimension-1 end bond: a boundary vector, not a physical leg)
    first = [*away, "S"] if boundary else ["S", *away]
    return list(dict.fromkeys([*first, *SIDES_BY_PREFERENCE]))


_OPPOSITE = {"N": "S", "S": "N", "E": "W", "W": "E"}
SIDES_BY_PREFERENCE = ("S", "N", "E", "W")


def _dim(network: Network, port: Port) -> int:
    return network.leg(port).dim or 1


def _rest(network: Network, kept: list[int], pendants: set[int]) -> Network:
    """The network without ``pendants``: their partners' legs to them left open, on the side they have."""
    number = {box: k for k, box in enumerate(kept)}
    bonds = []
    opened: list[Port] = []
    for first, second in network.bonds:
        if first[0] in pendants or second[0] in pendants:
            inner = second if first[0] in pendants else first
            opened.append((number[inner[0]], inner[1]))
            continue
        bonds.append(((number[first[0]], first[1]), (number[second[0]], second[1])))
    groups: dict[str, list[Port]] = {side: [] for side in SIDES}
    for side, ports in zip(SIDES, network.open):
        groups[side] = [(number[box], name) for box, name in ports if box in number]
    for port in opened:
        side = network.nodes[kept[port[0]]].sides[port[1]]
        groups[side if side in groups else "S"].append(port)
    return Network(
        tuple(network.nodes[box] for box in kept),
        tuple(bonds),
        tuple(tuple(groups[side]) for side in SIDES),  # type: ignore[arg-type]
    )
