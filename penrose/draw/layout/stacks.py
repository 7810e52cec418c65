"""Stacked layers: a double-layer PEPS norm ⟨ψ|ψ⟩, a PEPS–PEPO–PEPS sandwich, a two-point function.

The field draws these as square layers stacked one behind the other, each site's boxes joined
through the layers. Here each layer is a rectangular lattice (found as in
:mod:`~penrose.draw.layout.grids`), the layers are read in the order the boxes were made (ket
layer, operator layer, bra layer: how ``pn.einsum``, quimb and the builders list them), and
each layer is drawn shifted one cell down and to the right of the one before it, so that the
lines between layers are short steps and every layer stays a square grid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from itertools import pairwise

from ...core.network import Network, Port
from .geometry import OUT_OF_PLANE, PlacedBox
from .grids import lattice_cells

__all__ = ["doubled_cells", "mirrored_sides", "site_pairs", "spanned", "stack_cells", "stacked_lines"]

Cell = tuple[int, int]


def stack_cells(neighbours: list[set[int]]) -> list[Cell] | None:
    """The cells of two or three stacked lattices joined site by site, or None if the graph is not one.

    Boxes with two lines that join a site's boxes in two layers (the operators of a two-point
    function) sit between them.
    """
    count = len(neighbours)
    between = [k for k in range(count) if len(neighbours[k]) == 2]
    layered = [k for k in range(count) if len(neighbours[k]) != 2]
    for layers in (2, 3):
        if len(layered) % layers or (between and layers != 2) or len(layered) // layers < 6:  # (2×2: a ring)
            continue
        size = len(layered) // layers
        blocks = [layered[layer * size : (layer + 1) * size] for layer in range(layers)]
        cells = _stacked(neighbours, blocks, set(between))
        if cells is not None:
            return cells
    return None


def _stacked(neighbours: list[set[int]], blocks: list[list[int]], between: set[int]) -> list[Cell] | None:
    """Cells for these layers when each is the same lattice and only a site's own boxes join across layers."""
    where = {box: (layer, site) for layer, block in enumerate(blocks) for site, box in enumerate(block)}

    def within(box: int, layer: int) -> set[int]:
        return {where[other][1] for other in neighbours[box] if other in where and where[other][0] == layer}

    lattice = [within(box, 0) for box in blocks[0]]
    sites = lattice_cells(lattice, sum(len(n) for n in lattice) // 2)
    if sites is None:
        return None
    for layer, block in enumerate(blocks):
        for site, box in enumerate(block):
            if within(box, layer) != lattice[site]:
                return None  # not the same lattice in every layer
            expected = {blocks[other][site] for other in (layer - 1, layer + 1) if 0 <= other < len(blocks)}
            reached: list[int] = []
            for other in neighbours[box]:
                if other in where and where[other][0] != layer:
                    reached.append(other)
                elif other in between:  # through an operator between the layers
                    reached += [far for far in neighbours[other] if far != box]
            if sorted(reached) != sorted(expected):
                return None
    stride = len(blocks) + (1 if between else 0)
    cells: list[Cell] = [(0, 0)] * len(neighbours)
    for layer, block in enumerate(blocks):
        shift = layer * (2 if between else 1)
        for site, box in enumerate(block):
            column, row = sites[site]
            cells[box] = (stride * column + shift, stride * row + shift)
    for box in between:
        first = min(neighbours[box], key=lambda other: where[other][0])  # (its partner in the layer above)
        cells[box] = (cells[first][0] + 1, cells[first][1] + 1)
    return cells


def doubled_cells(neighbours: list[set[int]]) -> list[Cell] | None:
    """Cells of a single-layer lattice some of whose sites are a ket and a bra box stacked (a corner transfer
    matrix's environment round ⟨ψ|O|ψ⟩'s A and A*), or None.

    With each of :func:`site_pairs` taken as one box, what is left must be a rectangular lattice. Each pair is
    then drawn as a stack's site: the first box on the lattice, the operator a step down and aside, the second a
    step further, every lattice box's lines going to both.
    """
    count = len(neighbours)
    pairs = site_pairs(neighbours)
    paired = {box for first, second, between in pairs for box in (first, second, *between)}
    if not pairs or count - len(paired) < 4:
        return None
    merged = {second: first for first, second, _ in pairs}
    kept = [k for k in range(count) if k not in merged and not any(k in between for *_, between in pairs)]
    number = {k: i for i, k in enumerate(kept)}
    lattice = [
        {number[merged.get(m, m)] for m in neighbours[k] if merged.get(m, m) in number} - {number[k]} for k in kept
    ]
    sites = lattice_cells(lattice, sum(len(n) for n in lattice) // 2)
    if sites is None:
        return None
    stride = 3 if any(between for *_, between in pairs) else 2
    cells: list[Cell] = [(0, 0)] * count
    for k in kept:
        column, row = sites[number[k]]
        cells[k] = (stride * column, stride * row)
    for first, second, between in pairs:
        column, row = cells[first]
        for step, box in enumerate([*between, second], start=1):
            cells[box] = (column + step, row + step)
    return cells


def site_pairs(neighbours: Sequence[AbstractSet[int]]) -> list[tuple[int, int, list[int]]]:
    """The ket and bra boxes of doubled sites, with the operator between them if any: two boxes joining the same
    two or more other boxes and each other (directly, or through one box of two lines). Each box's candidates
    are found among its partners and theirs, so the search is linear in the network."""
    operators = {k for k, partners in enumerate(neighbours) if len(partners) == 2}
    pairs: list[tuple[int, int, list[int]]] = []
    paired: set[int] = set()
    for first, partners in enumerate(neighbours):
        if first in operators or first in paired:
            continue
        candidates: dict[int, list[int]] = {}
        for other in partners:
            if other in operators:  # an operator between: its other partner is the candidate
                for second in neighbours[other] - {first}:
                    candidates.setdefault(second, []).append(other)
            else:
                candidates.setdefault(other, [])
        for second, between in sorted(candidates.items()):
            direct = second in partners
            if second <= first or second in paired or second in operators or len(between) > 1 or (between and direct):
                continue
            shared = partners - {second, *between}
            if len(shared) >= 2 and shared == neighbours[second] - {first, *between}:
                pairs.append((first, second, between))
                paired |= {first, second, *between}
                break
    return pairs


def _down_the_stack(network: Network, pairs: list[tuple[int, int, list[int]]]) -> Iterator[tuple[Port, Port]]:
    """Each physical line of a doubled site, from its upper box's leg to its lower box's (A to O, O to A*)."""
    for first, second, between in pairs:
        for upper, lower in pairwise([first, *between, second]):
            yield from ((own, far) for own, far in _lines_from(network, upper) if far[0] == lower)


def mirrored_sides(network: Network, sides: list[dict[str, str]]) -> None:
    """Each line to a doubled site's second box leaves its partner by the side its line to the first box does,
    and reaches the second box on the side the first box's line is reached (so both run straight, side by side);
    the physical line runs down the stack out of the plane (from a box's bottom right) into the next one's top."""
    pairs = site_pairs(network.neighbours)
    for (upper, leg), (lower, other_leg) in _down_the_stack(network, pairs):  # (off the sides' counts: see spanned)
        sides[upper][leg], sides[lower][other_leg] = OUT_OF_PLANE, OUT_OF_PLANE
    for first, second, between in pairs:
        toward_first = {}
        for (_, own_leg), (box, leg) in _lines_from(network, first):
            if box not in (second, *between):
                toward_first.setdefault(box, (sides[box][leg], sides[first][own_leg]))
        for (_, own_leg), (box, leg) in _lines_from(network, second):
            if box in toward_first:
                sides[box][leg], sides[second][own_leg] = toward_first[box]


def _lines_from(network: Network, box: int) -> Iterator[tuple[Port, Port]]:
    """Every line from ``box``, as (its port, the partner's port)."""
    for leg in network.nodes[box].legs:
        partner = network.partners.get((box, leg.name))
        if partner is not None:
            yield (box, leg.name), partner


def stacked_lines(network: Network, cells: list[Cell]) -> frozenset[int]:
    """The numbers of the lines between the layers of a stack: from a box to one as many columns aside as rows
    down (drawn straight and oblique)."""
    return frozenset(
        k
        for k, ((a, _), (b, _)) in enumerate(network.bonds)
        if abs(cells[a][0] - cells[b][0]) == abs(cells[a][1] - cells[b][1]) > 0
    )


def spanned(network: Network, boxes: list[PlacedBox], spacing: float) -> list[PlacedBox]:
    """Boxes stretched along a side whose lines go to partners aside of each other (a CTM edge's lines to A and to
    A* a step aside), each line leaving straight across from its partner's leg; a box that would then reach
    another stays as it was. A doubled site's physical line runs from its upper box's bottom right (where
    :func:`mirrored_sides` had it placed) to its lower box's top left."""
    out = list(boxes)
    stacked: set[int] = set()
    for (upper, leg), (lower, other_leg) in _down_the_stack(network, site_pairs(network.neighbours)):
        stacked |= {upper, lower}
        out[upper] = _moved(out[upper], leg, "S", out[upper].anchors[leg])
        low = out[lower]
        out[lower] = _moved(low, other_leg, "N", (low.left + min(spacing / 2, low.width / 4), low.top))
    boxes = list(out)
    for k, box in enumerate(boxes):
        stretched = _stretched(network, boxes, box, spacing) if k not in stacked else None
        if stretched is not None and not any(other.node != k and stretched.overlaps(other) for other in out):
            out[k] = stretched
    return out


def _moved(box: PlacedBox, leg: str, side: str, anchor: tuple[float, float]) -> PlacedBox:
    return replace(box, sides={**box.sides, leg: side}, anchors={**box.anchors, leg: anchor})


#: Where a leg's anchor goes when its box's edges move: onto its own side's edge, along it as it was.
_ON_EDGE: dict[str, Callable[[float, float, tuple[float, float, float, float]], tuple[float, float]]] = {
    "W": lambda x, y, edges: (edges[0], y),
    "E": lambda x, y, edges: (edges[1], y),
    "N": lambda x, y, edges: (x, edges[2]),
    "S": lambda x, y, edges: (x, edges[3]),
}


def _stretched(network: Network, boxes: list[PlacedBox], box: PlacedBox, spacing: float) -> PlacedBox | None:
    """``box`` stretched so that each of its lines on a side leaves straight across from its partner's leg, or
    None when no side needs it (one line a side, or lines already across)."""
    partners = network.partners
    anchors = dict(box.anchors)
    left, right, top, bottom = box.left, box.right, box.top, box.bottom
    for side in "NSWE":
        names = [name for name, drawn in box.sides.items() if drawn == side]
        if len(names) < 2 or any((box.node, name) not in partners for name in names):
            continue
        axis = 0 if side in "NS" else 1
        wanted = {}
        for name in names:
            other, leg = partners[(box.node, name)]
            wanted[name] = boxes[other].anchors[leg][axis]
        if len(set(wanted.values())) < len(names) or all(wanted[n] == anchors[n][axis] for n in names):
            continue
        low, high = min(wanted.values()) - spacing / 2, max(wanted.values()) + spacing / 2
        if axis == 0:
            left, right = min(left, low), max(right, high)
        else:
            top, bottom = min(top, low), max(bottom, high)
        for name in names:
            anchors[name] = (wanted[name], anchors[name][1]) if axis == 0 else (anchors[name][0], wanted[name])
    edges = (left, right, top, bottom)
    if edges == (box.left, box.right, box.top, box.bottom):
        return None
    for name, (x, y) in anchors.items():  # the other sides' legs move with their edges
        if box.sides.get(name) in _ON_EDGE:
            anchors[name] = _ON_EDGE[box.sides[name]](x, y, edges)
    return replace(
        box, x=(left + right) / 2, y=(top + bottom) / 2, width=right - left, height=bottom - top, anchors=anchors
    )
