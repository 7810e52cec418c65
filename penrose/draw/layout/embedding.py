"""Embedding: a network no shape fits, placed by a force-directed layout and snapped to a square of grid cells.

For a network whose legs' sides penrose chose (``pn.einsum``, a quimb import) and that is
no shape of the field (a random regular graph, a tangle of loops), a layered layout stacks
the boxes in a few tall ranks, so most lines run a long way and cross many others; a
spring embedding keeps partners near each other in two dimensions. Its positions are
spread evenly (by rank along each axis) over a square of about ``DENSITY² · n`` cells and
each box takes the free cell nearest its place, innermost boxes first. Seeded: the same
network always gets the same picture.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from ...core.network import Network

__all__ = ["DENSITY", "embedded_cells"]

Cell = tuple[int, int]
#: Cells per box along each side of the square, over √n: room for lines to pass between boxes.
DENSITY = 1.5
#: Iterations of the spring layout: enough to settle a few hundred boxes, bounded for thousands.
ITERATIONS = 200


def embedded_cells(network: Network) -> list[Cell]:
    """Each box's cell ``(column, row)``: a seeded spring layout of the boxes, spread and snapped to the grid."""
    count = len(network.nodes)
    if count == 1:
        return [(0, 0)]
    graph = nx.MultiGraph()
    graph.add_nodes_from(range(count))
    graph.add_edges_from((a, b) for (a, _), (b, _) in network.bonds if a != b)
    iterations = ITERATIONS if count <= 500 else ITERATIONS // 4
    placed = nx.spring_layout(nx.Graph(graph), seed=0, iterations=iterations)
    points = np.array([placed[k] for k in range(count)], dtype=float)
    side = max(2, math.ceil(math.sqrt(count) * DENSITY))
    spread = [np.argsort(np.argsort(points[:, axis], kind="stable"), kind="stable") * (side / count) for axis in (0, 1)]
    centre = points.mean(axis=0)
    innermost = np.argsort(np.hypot(*(points - centre).T), kind="stable")
    taken: set[Cell] = set()
    cells: list[Cell] = [(0, 0)] * count
    for box in innermost:
        cells[box] = _nearest_free((float(spread[0][box]), float(spread[1][box])), taken)
        taken.add(cells[box])
    return cells


def _nearest_free(wanted: tuple[float, float], taken: set[Cell]) -> Cell:
    """The free cell (non-negative coordinates) nearest ``wanted``, searched ring by ring around it."""
    x, y = wanted
    column, row = int(x), int(y)
    radius = 0
    while True:
        ring = [
            (column + dx, row + dy)
            for dx in range(-radius, radius + 1)
            for dy in range(-radius, radius + 1)
            if max(abs(dx), abs(dy)) == radius and column + dx >= 0 and row + dy >= 0
        ]
        free = [cell for cell in ring if cell not in taken]
        if free:
            return min(free, key=lambda cell: ((cell[0] - x) ** 2 + (cell[1] - y) ** 2, cell))
        radius += 1
