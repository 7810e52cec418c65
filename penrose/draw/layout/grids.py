"""Rectangular lattices found in a graph: the cells of an L×M grid, read from two corners' distances."""

from __future__ import annotations

from .placement import distances

__all__ = ["lattice_cells", "turns"]

Cell = tuple[int, int]


def lattice_cells(neighbours: list[set[int]], edge_count: int) -> list[Cell] | None:
    """Cells of an L×M rectangular lattice (L, M ≥ 2), found from two corners' distances; None if it is not one."""
    count = len(neighbours)
    corners = [k for k, n in enumerate(neighbours) if len(n) == 2]
    if len(corners) != 4 or any(len(n) > 4 for n in neighbours):
        return None
    first = corners[0]
    from_first = distances(neighbours, [first])
    if len(from_first) != count:
        return None  # not connected
    second = min(corners[1:], key=lambda k: (from_first[k], k))
    width = from_first[second] + 1
    height, remainder = divmod(count, width)
    if remainder or height < 2 or edge_count != height * (width - 1) + width * (height - 1):
        return None
    from_second = distances(neighbours, [second])
    cells: list[Cell] = []
    for node in range(count):
        row2, column2 = from_first[node] + from_second[node] - (width - 1), from_first[node] - from_second[node]
        row, column = row2 // 2, (column2 + width - 1) // 2
        if row2 % 2 or not (0 <= row < height and 0 <= column < width):
            return None
        cells.append((column, row))
    if len(set(cells)) != count:
        return None
    for node, others in enumerate(neighbours):
        for other in others:
            if abs(cells[node][0] - cells[other][0]) + abs(cells[node][1] - cells[other][1]) != 1:
                return None
    return cells


def turns(cells: list[Cell]) -> list[list[Cell]]:
    """A lattice's cells both ways round, the way at least as wide as high first (a ladder lies, as drawn)."""
    columns, rows = len({c for c, _ in cells}), len({r for _, r in cells})
    turned = [(r, c) for c, r in cells]
    return [turned, cells] if rows > columns else [cells, turned]
