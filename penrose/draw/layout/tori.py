"""How a torus is drawn with the fewest crossings: one direction's closing lines back inside the grid.

A square grid whose rows and columns each close on themselves (the Ising partition function with periodic
boundaries) is drawn with every row's closing line round the outside, nested, and every column's brought back
inside beside its own column: both of a column's lines leave its top box downwards and reach its bottom box from
above. Each column's closing line then crosses only the rows in between, which is the least any drawing has.
"""

from __future__ import annotations

from dataclasses import replace

from ...core.network import Network
from .geometry import PlacedBox

__all__ = ["inside_closing", "lined_up_ends"]


def inside_closing(extent: tuple[int, int]) -> str:
    """Which closing lines of a torus of L rows of M boxes (``extent``: M, L) come back inside the grid: the
    columns' (``"down"``) or the rows' (``"across"``).

    Sent round the outside, each row's closing line crosses each column's once more (two closed curves that
    cross at a box cross again): L·M crossings. A column's closing line brought back inside crosses only the
    L − 2 rows in between, and the rows' lines, nested round the outside, cross nothing: M·(L − 2) in all, the
    crossing number of the torus graph where it is known (8 for 4 × 4, 3 for 3 × 3). The columns' come back
    inside when there are at least as many columns as rows (then M·(L − 2) ≤ L·(M − 2)), the rows' otherwise."""
    columns, rows = extent
    return "down" if columns >= rows else "across"


def lined_up_ends(network: Network, boxes: list[PlacedBox]) -> list[PlacedBox]:
    """Boxes moved along their row (or column) so that, on a side carrying two lines to boxes in their own
    column (a torus's top box: the line to the box below and the closing line), the line to the nearer box runs
    straight; the closing line bends round the boxes in between instead. Moving along the row keeps the row's
    own lines straight. A box that would then reach another stays where it was."""
    partners = network.partners
    out = list(boxes)
    for k, box in enumerate(boxes):
        for side, axis in (("N", 0), ("S", 0), ("W", 1), ("E", 1)):
            names = [name for name, drawn in box.sides.items() if drawn == side and (k, name) in partners]
            if len(names) != 2:
                continue
            ends = {name: partners[(k, name)] for name in names}  # (box, leg) at the other end
            lines = {round(_centre(boxes[other])[axis], 6) for other, _ in ends.values()}
            if lines != {round(_centre(box)[axis], 6)}:
                continue  # (lines to boxes aside of each other, or not in this box's column)
            reach = {
                name: abs(boxes[other].anchors[leg][1 - axis] - box.anchors[name][1 - axis])
                for name, (other, leg) in ends.items()
            }
            near = min(names, key=reach.__getitem__)
            other, leg = ends[near]
            moved = _shifted(box, boxes[other].anchors[leg][axis] - box.anchors[near][axis], axis)
            if moved != box and not any(other_box.node != k and moved.overlaps(other_box) for other_box in out):
                out[k] = moved
            break
    return out


def _centre(box: PlacedBox) -> tuple[float, float]:
    return box.x, box.y


def _shifted(box: PlacedBox, shift: float, axis: int) -> PlacedBox:
    step = (shift, 0.0) if axis == 0 else (0.0, shift)
    anchors = {name: (x + step[0], y + step[1]) for name, (x, y) in box.anchors.items()}
    return replace(box, x=box.x + step[0], y=box.y + step[1], anchors=anchors)
