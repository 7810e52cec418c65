"""Stacked layers: a double-layer PEPS norm ⟨ψ|ψ⟩, a PEPS–PEPO–PEPS sandwich, a two-point function.

The field draws these as square layers stacked one behind the other, each site's boxes joined
through the layers. Here each layer is a rectangular lattice (found as in
:mod:`~penrose.draw.layout.grids`), the layers are read in the order the boxes were made (ket
layer, operator layer, bra layer: how ``pn.einsum``, quimb and the builders list them), and
each layer is drawn shifted one cell down and to the right of the one before it, so that the
lines between layers are short steps and every layer stays a square grid.
"""

from __future__ import annotations

from ...core.network import Network
from .grids import lattice_cells

__all__ = ["stack_cells", "stacked_lines"]

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


def stacked_lines(network: Network, cells: list[Cell]) -> frozenset[int]:
    """The numbers of the lines between the layers of a stack: from a box to one as many columns aside as rows
    down (drawn straight and oblique)."""
    return frozenset(
        k
        for k, ((a, _), (b, _)) in enumerate(network.bonds)
        if abs(cells[a][0] - cells[b][0]) == abs(cells[a][1] - cells[b][1]) > 0
    )
