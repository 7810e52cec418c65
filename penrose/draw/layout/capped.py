"""Environments capping a sandwich: ⟨l| E E … |r⟩ of transfer matrices, an iMPS expectation value, DMRG's L and R.

A box whose lines all go to one end column of a ladder (or of the rows of an MPO sandwich, or of a sandwich
with operators on its rungs) is an environment: the field draws it as a tall box at that end, spanning the
rows it joins, each of its lines straight along its row. Found from the graph alone (``pn.einsum``, quimb):
take out one or two boxes; what is left must be a shape penrose knows (a lattice, a lattice with boxes on its
rungs, or a single column), with every line of each box taken out going to one end column of it.
"""

from __future__ import annotations

import math
from itertools import combinations, product

from ...core.network import Network
from .grids import lattice_cells, turns
from .placement import distances

__all__ = ["CAPPED_LIMIT", "CAP_LINES", "COLUMN_BOXES", "capped_cells", "outward_legs"]

Cell = tuple[int, int]
#: Networks of more boxes than this are not searched for caps (each pair of boxes is tried) ...
CAPPED_LIMIT = 24
#: ... nor boxes of more lines than this (an environment joins the rows of a sandwich: two to four).
CAP_LINES = 6
#: The most boxes a single column between environments has (A, an operator or an MPO tensor, A*).
COLUMN_BOXES = 3


def capped_cells(neighbours: list[set[int]], widths: dict[tuple[int, int], float] | None = None) -> list[Cell] | None:
    """Cells with the environments in a column of their own at each end, as far from their partners as the rows
    they span are high (so that each of their lines faces sideways), the rest as its shape; None if none fit.

    ``widths`` gives each line's bond dimension (by its ends, the smaller first). Where several boxes could be
    the environments (⟨l|A O A*|r⟩: l, O and r each join A and A*), those whose lines are widest are (an
    environment holds the virtual bonds, an operator the physical ones), then the first and last written. A
    rest that is a single path stands as a column only when its lines are narrower than the environments'
    (A, O, A* joined by physical legs); one of wider lines (L, W, W, R of DMRG, under Θ) is not capped here.
    """
    count = len(neighbours)
    if count < 3 or count > CAPPED_LIMIT:
        return None
    widths = widths or {}
    possible = [k for k in range(count) if 2 <= len(neighbours[k]) <= CAP_LINES]
    for size in (2, 1):
        found = []
        for caps in combinations(possible, size):
            if any(other in neighbours[cap] for cap in caps for other in caps):
                continue
            cells = _capped(neighbours, caps, widths)
            if cells is not None:
                width = sum(_mean_width(widths, cap, neighbours[cap]) for cap in caps)
                found.append((-width, min(caps) - max(caps), caps, cells))
        if found:
            return min(found)[3]
    return None


def _mean_width(widths: dict[tuple[int, int], float], box: int, partners: set[int]) -> float:
    """The geometric mean of the bond dimensions of ``box``'s lines to ``partners``."""
    logs = [math.log(widths.get((min(box, m), max(box, m)), 1.0)) for m in partners]
    return math.exp(sum(logs) / len(logs)) if logs else 1.0


def _capped(
    neighbours: list[set[int]], caps: tuple[int, ...], widths: dict[tuple[int, int], float]
) -> list[Cell] | None:
    """The cells with ``caps`` at the ends of the rest, or None when the rest is no known shape or a cap's lines
    do not all go to one end column of it."""
    kept = [k for k in range(len(neighbours)) if k not in caps]
    number = {k: i for i, k in enumerate(kept)}
    reduced = [{number[m] for m in neighbours[k] if m in number} for k in kept]
    if len(distances(reduced, [0])) != len(kept):
        return None  # the rest in pieces
    # boxes on rungs, told by the whole network (in the rest their partners have two lines too)
    on_rung = [len(neighbours[k]) in (2, 4) and all(len(neighbours[m]) >= 3 for m in neighbours[k]) for k in kept]
    between = [number[k] for k, rung in zip(kept, on_rung) if rung and not neighbours[k] & set(caps)]
    if _path(reduced) and len(kept) > 1:
        if len(kept) > COLUMN_BOXES:
            return None  # (a column is A, A* and the operator or MPO tensor between: no longer)
        inner = sum(math.log(_mean_width(widths, k, neighbours[k] - set(caps))) for k in kept) / len(kept)
        outer = sum(math.log(_mean_width(widths, cap, neighbours[cap])) for cap in caps) / len(caps)
        if inner >= outer:
            return None  # a row of wider lines (L, W, W, R, its caps above and below: a sandwich's rows), or a ring
    for rest in _shapes(reduced, between):
        ends = _ends(rest, [{number[m] for m in neighbours[cap]} for cap in caps])
        if ends is None:
            continue
        height = max(row for _, row in rest) + 1
        reach = height // 2 + 1  # (so that every line of a cap leaves it sideways)
        shift = reach if "W" in ends else 0
        cells: list[Cell | None] = [None] * len(neighbours)
        for k in kept:
            column, row = rest[number[k]]
            cells[k] = (column + shift, row)
        right = max(column for column, _ in rest) + shift + reach
        for cap, end in zip(caps, ends):
            rows = [rest[number[m]][1] for m in neighbours[cap]]
            middle = (min(rows) + max(rows)) // 2
            cells[cap] = (0, middle) if end == "W" else (right, middle)
        return cells  # type: ignore[return-value]
    return None


def _ends(rest: list[Cell], partners: list[set[int]]) -> list[str] | None:
    """The end (``"W"`` or ``"E"``) each cap goes to: all its partners in the first or the last column, on two
    rows or more; two caps at different ends. None if a cap fits neither."""
    last = max(column for column, _ in rest)
    ends = []
    for members in partners:
        columns = {rest[m][0] for m in members}
        if len({rest[m][1] for m in members}) < 2 or len(columns) != 1:
            return None
        (column,) = columns
        if column == 0 and "W" not in ends:
            ends.append("W")
        elif column == last and "E" not in ends:
            ends.append("E")
        else:
            return None
    return ends


def _shapes(neighbours: list[set[int]], between: list[int]) -> list[list[Cell]]:
    """The ways the rest can be drawn: a single column (a path: A, O, A*), a lattice lying on its long side (a
    ladder, an MPO sandwich's three rows), or a lattice with the boxes ``between`` on its rungs (operators
    between A and A*)."""
    count = len(neighbours)
    edge_count = sum(len(n) for n in neighbours) // 2
    if _path(neighbours):
        end = next(k for k, n in enumerate(neighbours) if len(n) <= 1)
        order = sorted(range(count), key=distances(neighbours, [end]).__getitem__)
        column = [(0, 0)] * count
        for row, box in enumerate(order):
            column[box] = (0, row)
        return [column]
    lattice = lattice_cells(neighbours, edge_count)
    if lattice is not None:
        return turns(lattice)
    return _on_rungs(neighbours, between) if between else []


def _path(neighbours: list[set[int]]) -> bool:
    """True for a connected path (a chain of boxes)."""
    count = len(neighbours)
    return sum(len(n) for n in neighbours) // 2 == count - 1 and all(len(n) <= 2 for n in neighbours)


def _on_rungs(neighbours: list[set[int]], between: list[int]) -> list[list[Cell]]:
    """A ladder with the boxes ``between`` on some of its rungs (⟨ψ|O₁O₂|ψ⟩ between environments), a box of four
    lines on two neighbouring rungs (a two-site operator): the ladder's rows two apart, each such box between
    the ends of its (first) rung; each way round the ladder, and each pairing of a four-line box's partners
    into rungs, that puts them on rungs."""
    if any(neighbours[k] & set(between) for k in between):
        return []  # boxes on rungs joined to each other: no ladder
    kept = [k for k in range(len(neighbours)) if k not in set(between)]
    number = {k: i for i, k in enumerate(kept)}
    base: list[set[int]] = [{number[m] for m in neighbours[k] if m in number} for k in kept]
    choices = [_pairings(neighbours, k) for k in between]
    found = []
    for chosen in product(*choices):
        reduced = [set(partners) for partners in base]
        clash = False
        for pairs in chosen:
            for first, second in pairs:
                a, b = number[first], number[second]
                clash = clash or b in reduced[a]
                reduced[a].add(b)
                reduced[b].add(a)
        ladder = None if clash else lattice_cells(reduced, sum(len(n) for n in reduced) // 2)
        if ladder is None:
            continue
        for turn in turns(ladder):
            placed: list[Cell] = [(0, 0)] * len(neighbours)
            for k in kept:
                column, row = turn[number[k]]
                placed[k] = (column, 2 * row)
            rungs = [[(placed[a], placed[b]) for a, b in pairs] for pairs in chosen]
            if all(_rungs_fit(ends) for ends in rungs):
                for k, ends in zip(between, rungs):
                    (c1, r1), (_, r2) = min(ends)
                    placed[k] = (c1, (r1 + r2) // 2)
                found.append(placed)
        if found:
            return found
    return found


def _pairings(neighbours: list[set[int]], box: int) -> list[tuple[tuple[int, int], ...]]:
    """The ways ``box``'s partners pair into rungs: its two partners as one; four partners as two pairs of
    partners not joined to each other."""
    partners = sorted(neighbours[box])
    if len(partners) == 2:
        return [((partners[0], partners[1]),)]
    first, *others = partners
    ways = []
    for mate in others:
        rest = tuple(m for m in others if m != mate)
        if mate not in neighbours[first] and rest[1] not in neighbours[rest[0]]:
            ways.append(((first, mate), rest))
    return ways  # type: ignore[return-value]


def _rungs_fit(ends: list[tuple[Cell, Cell]]) -> bool:
    """True when each pair is a vertical rung (one column, rows two apart) and the rungs stand side by side."""
    if not all(c1 == c2 and abs(r1 - r2) == 2 for (c1, r1), (c2, r2) in ends):
        return False
    columns = sorted(c1 for (c1, _), _ in ends)
    rows = {min(r1, r2) for (_, r1), (_, r2) in ends}
    return len(rows) == 1 and columns == list(range(columns[0], columns[0] + len(columns)))


def outward_legs(network: Network, cells: list[Cell], sides: list[dict[str, str]]) -> None:
    """Open legs pointed away from the middle of the picture, where their side is free: a left environment's new
    open bonds (L·A·W·A*, DMRG's environment update) continue to the right, as the next environment's would."""
    middle = (min(column for column, _ in cells) + max(column for column, _ in cells)) / 2
    bonded = {port for bond in network.bonds for port in bond}
    for position, node in enumerate(network.nodes):
        away = "E" if cells[position][0] > middle else "W" if cells[position][0] < middle else None
        taken = {sides[position][leg.name] for leg in node.legs if (position, leg.name) in bonded}
        if away is None or away in taken:
            continue
        for leg in node.legs:
            if (position, leg.name) not in bonded:
                sides[position][leg.name] = away
