"""Tracks: boxes placed by their declared sides, a box spanning as many tracks as its busiest side has legs.

Each leg's side says where its partner lies. A line from an S leg to an N leg puts the second
box below the first, on the same vertical track; from an E leg to a W leg, to the right on the
same horizontal track. A box with k legs on its bottom spans k vertical tracks (a two-site gate
under an MPS spans two sites, a DMRG environment with three legs on its right spans three rows),
and its legs sit on its tracks. So a TEBD brick wall hangs under its MPS, gate by gate between
its sites, and L, W, W, R and Θ of DMRG stand in their rows, without a recogniser for either.

Solved one axis at a time: the lines along the other axis fix offsets (tracks shared), which
make rigid groups (a weighted union-find); the lines along this axis order the groups (the
second box after the first box's span), solved by longest paths; boxes that would overlap
are pushed apart along the axis where they are not rigidly tied, until none do. A network
whose lines contradict each other (a ring closed on itself) is left to the other layouts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from ...core.network import Network
from ..themes import Theme
from .geometry import PlacedBox, Point, grid_step

__all__ = ["track_boxes"]

#: Which way a line runs for each pair of sides it joins: (axis it orders, axis whose track it shares).
_ALONG = {("E", "W"): ("x", 1), ("W", "E"): ("x", -1), ("S", "N"): ("y", 1), ("N", "S"): ("y", -1)}
#: Rounds of pushing overlapping boxes apart before giving up.
ROUNDS = 200


class _Axis:
    """One axis: rigid offsets from lines across it, orderings from lines along it, solved by longest paths."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))
        self.offset = [0] * count  # position of a box relative to its parent
        self.after: list[tuple[int, int, int]] = []  # (a, b, gap): position(b) >= position(a) + gap

    def find(self, k: int) -> tuple[int, int]:
        """The root of ``k``'s rigid group and ``k``'s offset from it."""
        total = 0
        while self.parent[k] != k:
            total += self.offset[k]
            k = self.parent[k]
        return k, total

    def tie(self, a: int, b: int, difference: int) -> bool:
        """position(b) = position(a) + difference; False when that contradicts ties already made."""
        root_a, off_a = self.find(a)
        root_b, off_b = self.find(b)
        if root_a == root_b:
            return off_b - off_a == difference
        self.parent[root_b] = root_a
        self.offset[root_b] = off_a + difference - off_b
        return True

    def solve(self) -> list[int] | None:
        """The smallest positions meeting every ordering, or None when they form a cycle."""
        count = len(self.parent)
        found = [self.find(k) for k in range(count)]
        roots = sorted({root for root, _ in found})
        start = {root: -min(off for r, off in found if r == root) for root in roots}  # every member at >= 0
        edges = [(found[a][0], found[b][0], gap + found[a][1] - found[b][1]) for a, b, gap in self.after]
        for _ in range(len(roots) + 1):
            changed = False
            for a, b, gap in edges:
                if start[a] + gap > start[b]:
                    start[b] = start[a] + gap
                    changed = True
            if not changed:
                return [start[root] + off for root, off in found]
        return None  # a cycle of orderings: the lines contradict each other


Spread = dict[tuple[int, str], list[int]]


def _spans(
    network: Network, spread: Spread | None = None
) -> tuple[list[int], list[int], dict[tuple[int, str], tuple[int, int]]]:
    """Each box's width and height in tracks, and each leg's track offset ``(dx, dy)`` from the box's corner.

    The legs of a side sit on consecutive tracks, or on the tracks ``spread`` gives (a side whose partners lie
    tracks apart: an environment's lines to the top and bottom rows of a sandwich, an operator's row between).
    """
    spread = spread or {}
    widths, heights = [], []
    offsets: dict[tuple[int, str], tuple[int, int]] = {}
    for position, node in enumerate(network.nodes):
        by_side: dict[str, list[str]] = {side: [] for side in "WENS"}
        for leg in node.legs:
            by_side[leg.side].append(leg.name)
        reach = {side: max(spread.get((position, side), [len(names) - 1])) + 1 for side, names in by_side.items()}
        width = max(reach["N"], reach["S"], 1)
        height = max(reach["W"], reach["E"], 1)
        widths.append(width)
        heights.append(height)
        for side, names in by_side.items():
            span = height if side in "WE" else width
            start = (span - len(names)) // 2  # fewer legs than tracks: centred
            placed = spread.get((position, side), [start + k for k in range(len(names))])
            for name, along in zip(names, placed):
                offsets[(position, name)] = {
                    "W": (0, along),
                    "E": (width - 1, along),
                    "N": (along, 0),
                    "S": (along, height - 1),
                }[side]
    return widths, heights, offsets


Offsets = dict[tuple[int, str], tuple[int, int]]


def track_cells(
    network: Network, spread: bool = True
) -> tuple[list[tuple[int, int]], list[int], list[int], Offsets] | None:
    """Each box's top-left track ``(column, row)``, its spans and its legs' track offsets, or None when the sides
    contradict each other.

    The legs of a side first sit on consecutive tracks; when that contradicts the lines (an environment whose
    lines go to the top and bottom rows of a sandwich with an operator's row between), each side of several
    legs is spread over the tracks its partners take when only its first leg is tied to its partner's (unless
    ``spread`` is False: a tree whose parents would grow as wide as all their descendants).
    """
    count = len(network.nodes)
    if count < 2 or not all(node.sides_given for node in network.nodes):
        return None
    found = _solved(network, *_spans(network))
    if found is not None or not spread:
        return found
    spreading = _spread(network)
    return _solved(network, *_spans(network, spreading)) if spreading else None


def _solved(
    network: Network, widths: list[int], heights: list[int], offsets: Offsets, loose: bool = False
) -> tuple[list[tuple[int, int]], list[int], list[int], Offsets] | None:
    """The tracks solved for these spans (``loose``: each side's legs after its first only kept in order, and the
    positions returned without checking that every line runs straight), or None when the lines contradict each
    other."""
    count = len(network.nodes)
    axes = {"x": _Axis(count), "y": _Axis(count)}
    firsts = _first_legs(network)
    for first, second in network.bonds:
        (a, leg_a), (b, leg_b) = first, second
        if a == b:
            return None
        key = (network.nodes[a].sides[leg_a], network.nodes[b].sides[leg_b])
        if key not in _ALONG:
            return None  # W to W, N to E: no reading by tracks
        axis, direction = _ALONG[key]
        if direction < 0:
            (a, leg_a), (b, leg_b) = (b, leg_b), (a, leg_a)
        across = "y" if axis == "x" else "x"
        k = 1 if across == "y" else 0
        loosened = loose and not ((a, leg_a) in firsts and (b, leg_b) in firsts)
        if not loosened and not axes[across].tie(a, b, offsets[(a, leg_a)][k] - offsets[(b, leg_b)][k]):
            return None
        span = widths[a] if axis == "x" else heights[a]
        axes[axis].after.append((a, b, span))
    if loose:  # each leg's partner after the partner of the leg before it on its side
        for (_, side), pairs in _partners_by_side(network).items():
            axis = axes["y" if side in "WE" else "x"]
            k = 1 if side in "WE" else 0
            for before, after in pairwise(pairs):
                axis.after.append((before[0], after[0], offsets[before][k] + 1 - offsets[after][k]))
    for _ in range(ROUNDS):
        xs, ys = axes["x"].solve(), axes["y"].solve()
        if xs is None or ys is None:
            return None
        clash = _first_overlap(xs, ys, widths, heights)
        if clash is None:
            cells = [(x, y) for x, y in zip(xs, ys)]
            straight = loose or _all_straight(network, cells, widths, heights, offsets)
            return (cells, widths, heights, offsets) if straight else None
        a, b = clash
        if axes["x"].find(a)[0] != axes["x"].find(b)[0]:  # side by side, unless rigidly tied across
            first, second = (a, b) if xs[a] <= xs[b] else (b, a)
            axes["x"].after.append((first, second, widths[first]))
        elif axes["y"].find(a)[0] != axes["y"].find(b)[0]:
            first, second = (a, b) if ys[a] <= ys[b] else (b, a)
            axes["y"].after.append((first, second, heights[first]))
        else:
            return None
    return None


def _first_legs(network: Network) -> set[tuple[int, str]]:
    """The first leg of every side, and every leg alone on its side."""
    firsts: dict[tuple[int, str], tuple[int, str]] = {}
    for position, node in enumerate(network.nodes):
        for leg in node.legs:
            firsts.setdefault((position, leg.side), (position, leg.name))
    return set(firsts.values())


def _partners_by_side(network: Network) -> dict[tuple[int, str], list[tuple[int, str]]]:
    """For each side of two legs or more, all joined, the legs' partners in the order the legs sit."""
    partner = network.partners
    found = {}
    for position, node in enumerate(network.nodes):
        for side in "WENS":
            names = [leg.name for leg in node.legs if leg.side == side]
            if len(names) >= 2 and all((position, name) in partner for name in names):
                found[(position, side)] = [partner[(position, name)] for name in names]
    return found


def _spread(network: Network) -> Spread | None:
    """For each side of several legs, all joined, the tracks its legs take when only its first is tied (the others
    kept in order): the partners' tracks, from the first's. None when nothing needs spreading."""
    widths, heights, offsets = _spans(network)
    loose = _solved(network, widths, heights, offsets, loose=True)
    if loose is None:
        return None
    cells = loose[0]
    spread: Spread = {}
    for (position, side), pairs in _partners_by_side(network).items():
        k = 1 if side in "WE" else 0
        tracks = [cells[other][k] + offsets[(other, leg)][k] for other, leg in pairs]
        placed = [track - tracks[0] for track in tracks]
        if placed != list(range(len(pairs))) and placed == sorted(set(placed)):
            spread[(position, side)] = placed
    return spread or None


def _all_straight(
    network: Network,
    cells: list[tuple[int, int]],
    widths: list[int],
    heights: list[int],
    offsets: dict[tuple[int, str], tuple[int, int]],
) -> bool:
    """True when every line runs straight along its track with no box in its way: the tracks read the network.

    Otherwise (lines that must weave between boxes, as in Tr ρ_A²) another layout draws it better.
    """
    occupied = {
        (cells[k][0] + dx, cells[k][1] + dy): k
        for k in range(len(cells))
        for dx in range(widths[k])
        for dy in range(heights[k])
    }
    for (a, leg_a), (b, leg_b) in network.bonds:
        (ax, ay), (bx, by) = (
            (cells[a][0] + offsets[(a, leg_a)][0], cells[a][1] + offsets[(a, leg_a)][1]),
            (cells[b][0] + offsets[(b, leg_b)][0], cells[b][1] + offsets[(b, leg_b)][1]),
        )
        if ax == bx:
            between = [(ax, y) for y in range(min(ay, by) + 1, max(ay, by))]
        else:
            between = [(x, ay) for x in range(min(ax, bx) + 1, max(ax, bx))]
        if any(occupied.get(cell, a) not in (a, b) for cell in between):
            return False
    return True


def _first_overlap(
    xs: Sequence[int], ys: Sequence[int], widths: Sequence[int], heights: Sequence[int]
) -> tuple[int, int] | None:
    """Two boxes whose tracks overlap, or None."""
    taken: dict[tuple[int, int], int] = {}
    for k in range(len(xs)):
        for dx in range(widths[k]):
            for dy in range(heights[k]):
                cell = (xs[k] + dx, ys[k] + dy)
                if cell in taken:
                    return taken[cell], k
                taken[cell] = k
    return None


def track_boxes(
    network: Network,
    sizes: list[tuple[float, float]],
    labels: list[str],
    titles: list[str | None],
    theme: Theme,
    spread: bool = True,
) -> list[PlacedBox] | None:
    """The boxes placed on tracks (see the module's docstring), or None when the sides do not read as tracks."""
    found = track_cells(network, spread)
    if found is None:
        return None
    cells, widths, heights, offsets = found
    if all(w == 1 and h == 1 for w, h in zip(widths, heights)):
        return None  # one track each: the grid layouts draw it already
    step = grid_step(theme)
    single_w = max((w for (w, _), span in zip(sizes, widths) if span == 1), default=theme.box_height)
    single_h = max((h for (_, h), span in zip(sizes, heights) if span == 1), default=theme.box_height)
    pitch_x = math.ceil((single_w + theme.gap) / (2 * step)) * 2 * step
    pitch_y = math.ceil((single_h + theme.row_gap) / (2 * step)) * 2 * step
    boxes = []
    for position, node in enumerate(network.nodes):
        (column, row), span_x, span_y = cells[position], widths[position], heights[position]
        w = max(sizes[position][0], (span_x - 1) * pitch_x + single_w * 0.8)
        h = max(sizes[position][1], (span_y - 1) * pitch_y + theme.box_height)
        x = (column + (span_x - 1) / 2) * pitch_x
        y = (row + (span_y - 1) / 2) * pitch_y
        anchors: dict[str, Point] = {}
        for leg in node.legs:
            dx, dy = offsets[(position, leg.name)]
            track_x, track_y = (column + dx) * pitch_x, (row + dy) * pitch_y
            anchors[leg.name] = {
                "W": (x - w / 2, track_y),
                "E": (x + w / 2, track_y),
                "N": (track_x, y - h / 2),
                "S": (track_x, y + h / 2),
            }[leg.side]
        circle = node.kind in ("scalar", "copy")
        boxes.append(
            PlacedBox(
                position,
                x,
                y,
                w,
                h,
                labels[position],
                node.kind,
                circle,
                node.color,
                anchors,
                node.sides,
                titles[position],
            )
        )
    return boxes
