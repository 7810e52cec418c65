"""The user's hand on a layout: boxes pinned where they were put, and the picture turned or mirrored.

``draw(positions={...})`` pins boxes in grid cells ``(column, row)`` and lays the rest out
around them; every figure reports the cells it used (:func:`cells_of`), so a picture can be
pinned as it is and adjusted. ``draw(flow=...)`` says which way the picture reads: ``"right"``
as written (``Ĥ|ψ⟩``: the ket on the right), ``"left"`` mirrored (a circuit with time running
left to right), ``"down"`` or ``"up"`` turned a quarter (a ladder standing upright).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ...core.errors import DiagramError
from ...core.network import Network
from ...core.nodes import Node
from ..themes import Theme
from .geometry import Geometry, PlacedBox, Route
from .routed import free, pinned
from .shapes import facing_sides

__all__ = ["FLOWS", "Positions", "cells_of", "flowed", "pin", "positions_of", "shown_name"]

Cell = tuple[int, int]
Positions = Mapping[Any, tuple[int, int]]

#: Every ``flow=`` a picture accepts: where the written direction (left to right, bra to ket) points.
FLOWS: dict[str, str] = {
    "right": "as written: the bra on the left, the ket on the right (Ĥ|ψ⟩)",
    "left": "mirrored: a circuit's time runs left to right from its input kets",
    "down": "turned: what reads left to right reads top to bottom (a ladder standing up)",
    "up": "turned the other way: what reads left to right reads bottom to top",
}
_MIRROR = {"E": "W", "W": "E"}
_TURN = {"down": {"E": "S", "W": "N", "N": "W", "S": "E"}, "up": {"E": "N", "W": "S", "N": "E", "S": "W"}}


def shown_name(node: Node) -> str | None:
    """A box's name as the user writes it: ``ψ``, ``ψ†`` for its dagger, ``A*`` for a conjugate."""
    if node.name is None:
        return None
    return node.name + ("†" if node.daggered else "") + ("*" if node.conjugated else "")


def cells_of(geometry: Geometry) -> list[Cell]:
    """Each box's grid cell (column, row), indexed by box: the ranks of the distinct centres across and down."""
    xs = sorted({round(box.x, 3) for box in geometry.boxes})
    ys = sorted({round(box.y, 3) for box in geometry.boxes})
    column, row = {x: k for k, x in enumerate(xs)}, {y: k for k, y in enumerate(ys)}
    cells: list[Cell] = [(0, 0)] * len(geometry.boxes)
    for box in geometry.boxes:
        cells[box.node] = (column[round(box.x, 3)], row[round(box.y, 3)])
    return cells


def positions_of(geometry: Geometry) -> dict[Any, Cell]:
    """The cells a picture used, keyed by box name where the name is the box's own, else by the box's number."""
    names = list(geometry.names) or [None] * len(geometry.boxes)
    key = [name if name is not None and names.count(name) == 1 else k for k, name in enumerate(names)]
    return {key[k]: cell for k, cell in enumerate(cells_of(geometry))}


def flowed(network: Network, geometry: Geometry, flow: str, theme: Theme, leg_labels: bool) -> Geometry:
    """``geometry`` read in the direction ``flow`` (one of :data:`FLOWS`)."""
    if not isinstance(flow, str) or flow not in FLOWS:
        raise DiagramError(f"unknown flow {flow!r}; choose one of {', '.join(repr(name) for name in FLOWS)}")
    if flow == "right" or not geometry.boxes:
        return geometry
    if flow == "left":
        return _mirrored(geometry)
    turn = _TURN[flow]
    cells = cells_of(geometry)
    columns = max(column for column, _ in cells)
    if flow == "down":  # column k becomes row k: the first column on top
        turned = [(row, column) for column, row in cells]
    else:
        turned = [(row, columns - column) for column, row in cells]
    sides = [{leg: turn.get(side, side) for leg, side in box.sides.items()} for box in geometry.boxes]
    return pinned(network, turned, theme, leg_labels, sides, used=f"{geometry.layout}, {flow}")


def _mirrored(geometry: Geometry) -> Geometry:
    """Left and right exchanged, pixel for pixel: boxes, legs and lines (the labels stay readable)."""
    width = geometry.width

    def flip(point: tuple[float, float]) -> tuple[float, float]:
        return (width - point[0], point[1])

    def side(port: tuple[int, str, str] | None) -> tuple[int, str, str] | None:
        return None if port is None else (port[0], port[1], _MIRROR.get(port[2], port[2]))

    boxes = tuple(
        replace(
            box,
            x=width - box.x,
            anchors={leg: flip(point) for leg, point in box.anchors.items()},
            sides={leg: _MIRROR.get(drawn, drawn) for leg, drawn in box.sides.items()},
        )
        for box in geometry.boxes
    )
    routes = tuple(
        Route(tuple(flip(p) for p in route.points), side(route.start), side(route.end), route.label)  # type: ignore[arg-type]
        for route in geometry.routes
    )
    return replace(geometry, boxes=boxes, routes=routes, layout=f"{geometry.layout}, mirrored")


def pin(network: Network, geometry: Geometry, positions: Positions, theme: Theme, leg_labels: bool) -> Geometry:
    """``geometry`` with the boxes named in ``positions`` moved to their cells, the rest kept where they were
    (moved aside where a pinned box took their cell), every line routed again.

    A picture pinned exactly where it already is stays as it was, pixel for pixel.
    """
    cells = cells_of(geometry)
    wanted = _resolved(network, positions)
    if all(cells[box] == cell for box, cell in wanted.items()):
        return geometry
    taken = set(wanted.values())
    placed: list[Cell] = [wanted.get(box, cell) for box, cell in enumerate(cells)]
    for box, cell in enumerate(cells):
        if box in wanted:
            continue
        column, row = cell
        while (column, row) in taken:  # pushed aside by a pinned box: the next free cell to the right
            column += 1
        placed[box] = (column, row)
        taken.add((column, row))
    shift_column = min(column for column, _ in placed)
    shift_row = min(row for _, row in placed)
    placed = [(column - shift_column, row - shift_row) for column, row in placed]
    sides = facing_sides(network, placed) if free(network) else [box.sides for box in _by_node(geometry)]
    return pinned(network, placed, theme, leg_labels, sides)


def _by_node(geometry: Geometry) -> list[PlacedBox]:
    return sorted(geometry.boxes, key=lambda box: box.node)


def _resolved(network: Network, positions: Positions) -> dict[int, Cell]:
    """``positions`` by box number, each checked: a known box (by name or number), a cell of two whole numbers."""
    if not isinstance(positions, Mapping):
        raise DiagramError(
            f"positions={positions!r}: give a dict from box name (or number) to its cell (column, row), "
            "as figure.positions returns"
        )
    names: dict[str, list[int]] = {}
    for k, node in enumerate(network.nodes):
        name = shown_name(node)
        if name is not None:
            names.setdefault(name, []).append(k)
    resolved: dict[int, Cell] = {}
    for key, cell in positions.items():
        if isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(network.nodes):
            box = key
        elif isinstance(key, str) and len(names.get(key, ())) == 1:
            box = names[key][0]
        elif isinstance(key, str) and key in names:
            raise DiagramError(
                f"positions: {len(names[key])} boxes are named {key!r}; pin them by number "
                f"({', '.join(map(str, names[key]))}) as figure.positions does"
            )
        else:
            known = ", ".join(repr(name) for name in names) or "none"
            raise DiagramError(
                f"positions: no box {key!r} in the picture; its boxes are named {known} "
                f"(or numbered 0 to {len(network.nodes) - 1})"
            )
        if not (
            isinstance(cell, (tuple, list))
            and len(cell) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in cell)
        ):
            raise DiagramError(
                f"positions: box {key!r} is put at {cell!r}; a cell is (column, row), two whole numbers from 0"
            )
        if tuple(cell) in {resolved[other] for other in resolved}:
            raise DiagramError(f"positions: box {key!r} is put at {tuple(cell)}, where another pinned box already is")
        resolved[box] = (int(cell[0]), int(cell[1]))
    return resolved
