"""Routing: every line on its own track of an orthogonal grid, with the boxes as obstacles.

Box centres and leg anchors lie on a square grid (:func:`~penrose.draw.geometry.grid_step`).
Each leg leaves its box straight out to its *exit*, the first grid node beyond the box on
the leg's side; an open leg goes on as a short stub. Bonds are then routed one at a time,
straight ones first and then the shortest, by an A* search over the grid in which

- the inside of every box (and a little margin) is out of bounds,
- a grid edge carries at most one line,
- a grid node carries at most one line, except that two lines may cross straight through
  it at right angles, and no line may turn or end on a node another line uses.

So no line runs through a box, no two lines share a stretch, no line ends or turns on
another (a false junction), every line leaves its box on its leg's side, and parallel
lines are at least one grid step apart. Among such routes the search takes the cheapest:
length, plus a price for each bend and a higher one for each crossing.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any

from ...core.contract.progress import progress
from ...core.network import Network
from ..labels import LABEL_LIMIT, clean_text, clip
from ..themes import Theme
from .geometry import OUT_OF_PLANE, PlacedBox, Point, Route, grid_step

__all__ = ["route_lines"]

Node = tuple[int, int]
STEPS: dict[str, Node] = {"W": (-1, 0), "E": (1, 0), "N": (0, -1), "S": (0, 1)}
_STEP_LIST = tuple(STEPS.values())
OPPOSITE = {"W": "E", "E": "W", "N": "S", "S": "N"}
#: What a bend and a crossing cost, in grid steps of length.
BEND, CROSSING = 3, 8
#: Grid steps searched around a line's two ends before the search widens.
MARGINS = (4, 12, 40)
#: How much wider searches trust their distance estimate (weighted A*): a route at most this many times
#: the cheapest, found in a fraction of the time; the first, narrow search stays exact.
GREED = 2


class RoutingGrid:
    """The grid lines are routed on: which nodes the boxes cover, and which nodes and edges lines use."""

    def __init__(self, boxes: Sequence[PlacedBox], step: float) -> None:
        self.step = step
        self.clearance = step * 0.3
        self.blocked: set[Node] = set()
        self.used: dict[Node, str] = {}  # "C": a corner or end, whole; "H"/"V": passed straight; "X": crossed
        self.edges: set[tuple[Node, Node]] = set()
        for box in boxes:
            i0, i1, j0, j1 = self.covered(box)
            for top, bottom in box.parts:  # a gate open where other wires pass: only its pieces are in the way
                j_top = math.ceil((top - self.clearance) / step)
                j_bottom = math.floor((bottom + self.clearance) / step)
                self.blocked.update((i, j) for i in range(i0, i1 + 1) for j in range(j_top, j_bottom + 1))
            centre = round(box.x / step)
            for top, bottom in box.gaps:  # the line joining the pieces: wires cross it, none runs along it
                link = [
                    (centre, j)
                    for j in range(j0, j1 + 1)
                    if (centre, j) not in self.blocked and top < j * step < bottom
                ]
                for node in link:
                    self.used[node] = "V"
                self.edges.update(_edge(a, b) for a, b in itertools.pairwise(link))
        self.exits: dict[Node, int] = {}  # a leg's exit, reserved for the line of that leg (by its number)
        self.fronts: set[Node] = set()  # the nodes an open leg's stub will want: lines pay to pass there
        self.squeezed = 0  # lines that found no honest route (the layout then makes more room)
        covered = [self.covered(box) for box in boxes]
        self.bounds = (
            min(c[0] for c in covered),
            max(c[1] for c in covered),
            min(c[2] for c in covered),
            max(c[3] for c in covered),
        )

    def covered(self, box: PlacedBox) -> tuple[int, int, int, int]:
        """The grid nodes a box covers, margin included: ``(i0, i1, j0, j1)``, inclusive."""
        c, s = self.clearance, self.step
        return (
            math.ceil((box.left - c) / s),
            math.floor((box.right + c) / s),
            math.ceil((box.top - c) / s),
            math.floor((box.bottom + c) / s),
        )

    def exit(self, box: PlacedBox, anchor: Point, side: str) -> Node:
        """The first grid node beyond ``box`` straight out from ``anchor`` on ``side``."""
        i0, i1, j0, j1 = self.covered(box)
        i, j = round(anchor[0] / self.step), round(anchor[1] / self.step)
        return {"W": (i0 - 1, j), "E": (i1 + 1, j), "N": (i, j0 - 1), "S": (i, j1 + 1)}[side]

    def near(self, start: Point, end: Point) -> list[Node]:
        """The grid nodes closer than a step to the straight line from ``start`` to ``end``."""
        (x0, y0), (x1, y1) = start, end
        length2 = (x1 - x0) ** 2 + (y1 - y0) ** 2 or 1.0
        found = []
        for i in range(math.floor(min(x0, x1) / self.step) - 1, math.ceil(max(x0, x1) / self.step) + 2):
            for j in range(math.floor(min(y0, y1) / self.step) - 1, math.ceil(max(y0, y1) / self.step) + 2):
                x, y = i * self.step, j * self.step
                t = min(1.0, max(0.0, ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / length2))
                if math.hypot(x - x0 - t * (x1 - x0), y - y0 - t * (y1 - y0)) < self.step:
                    found.append((i, j))
        return found

    def point(self, node: Node) -> Point:
        return (node[0] * self.step, node[1] * self.step)

    def free(self, node: Node, owner: int) -> bool:
        """True when a line (of leg ``owner``) may use ``node`` whole: no box, no other line, no other leg's exit."""
        return node not in self.blocked and node not in self.used and self.exits.get(node, owner) == owner

    def crowded(self, node: Node, owner: int) -> bool:
        """True when a neighbour of ``node`` is in a box, is another leg's exit, or is a line's corner or end."""
        for di, dj in STEPS.values():
            neighbour = (node[0] + di, node[1] + dj)
            if neighbour in self.blocked or self.exits.get(neighbour, owner) != owner:
                return True
            if self.used.get(neighbour) == "C" and _edge(node, neighbour) not in self.edges:
                return True
        return False

    def occupy(self, nodes: Sequence[Node]) -> None:
        """Mark a routed line: its edges taken, its ends and corners whole, its straight nodes by direction."""
        for a, b in itertools.pairwise(nodes):
            self.edges.add(_edge(a, b))
        for k, node in enumerate(nodes):
            if k == 0 or k == len(nodes) - 1:
                self.used[node] = "C"
                continue
            before, after = _direction(nodes[k - 1], node), _direction(node, nodes[k + 1])
            if before != after:
                self.used[node] = "C"
            else:
                axis = "H" if before[1] == 0 else "V"
                self.used[node] = "X" if self.used.get(node) not in (None, axis) else axis

    def straight(self, start: Node, goal: Node, owner: int) -> list[Node] | None:
        """The straight run from ``start`` to ``goal`` on one grid line, if every node and edge of it is free."""
        if start[0] != goal[0] and start[1] != goal[1]:
            return None
        nodes = _run(start, goal)
        if len(nodes) == 1:
            return nodes
        if all(self.free(node, owner) for node in nodes) and not any(
            _edge(a, b) in self.edges for a, b in itertools.pairwise(nodes)
        ):
            return nodes
        return None

    def search(
        self,
        start: Node,
        leaving: Node,
        goal: Node,
        entering: Node,
        owner: int,
        margin: int,
        crossing: int = CROSSING,
    ) -> list[Node] | None:
        """The cheapest route from ``start`` (left moving ``leaving``) to ``goal`` (to be left moving ``entering``).

        A* over ``(node, direction)``; the search stays within ``margin`` steps of the two
        ends (and of the boxes' extent, when larger margins are asked for).
        """
        i0 = min(start[0], goal[0]) - margin
        i1 = max(start[0], goal[0]) + margin
        j0 = min(start[1], goal[1]) - margin
        j1 = max(start[1], goal[1]) + margin
        if margin >= MARGINS[-1]:
            i0, i1 = min(i0, self.bounds[0] - 4), max(i1, self.bounds[1] + 4)
            j0, j1 = min(j0, self.bounds[2] - 4), max(j1, self.bounds[3] + 4)
        greed = 1 if margin == MARGINS[0] else GREED
        used, blocked, edges, exits, fronts = self.used, self.blocked, self.edges, self.exits, self.fronts
        best: dict[tuple[Node, Node], int] = {(start, leaving): 0}
        came: dict[tuple[Node, Node], tuple[Node, Node]] = {}
        frontier = [(_estimate(start, leaving, goal, entering), 0, 0, start, leaving)]
        counter = 0
        pop, push, infinity = heapq.heappop, heapq.heappush, math.inf
        goal_i, goal_j = goal
        while frontier:  # (the hot loop of a drawing: names bound locally, edges ordered inline)
            _, cost, _, node, heading = pop(frontier)
            cost = -cost
            if node == goal:
                return _walk(came, (node, heading))
            if cost > best.get((node, heading), infinity):
                continue
            occupied = used.get(node)  # (an edge can be taken only between two nodes lines use)
            here = occupied if node != start else None
            for step in _STEP_LIST:
                if step[0] == -heading[0] and step[1] == -heading[1]:
                    continue
                turning = step != heading
                horizontal = step[1] == 0
                if here is not None and (turning or here == "C" or here == ("H" if horizontal else "V")):
                    continue  # on another line's node: only straight across it
                following = (node[0] + step[0], node[1] + step[1])
                if not (i0 <= following[0] <= i1 and j0 <= following[1] <= j1) or following in blocked:
                    continue
                there = used.get(following)
                if (
                    there is not None
                    and occupied is not None
                    and ((node, following) if node <= following else (following, node)) in edges
                ):
                    continue
                price = 1 + (BEND if turning else 0)
                if following == goal:
                    price += BEND if step != entering else 0
                elif exits.get(following, owner) != owner:
                    continue
                else:
                    if there is not None:
                        if there in ("C", "X") or there == ("H" if horizontal else "V"):
                            continue
                        price += crossing
                    if following in fronts:
                        price += BEND
                state = (following, step)
                total = cost + price
                if total < best.get(state, infinity):
                    best[state] = total
                    came[state] = (node, heading)
                    counter += 1
                    di, dj = goal_i - following[0], goal_j - following[1]  # (_estimate, inline)
                    if di and dj:
                        estimate = abs(di) + abs(dj) + BEND
                    elif di or dj:
                        towards = ((di > 0) - (di < 0), (dj > 0) - (dj < 0))
                        estimate = abs(di) + abs(dj) + (0 if towards == step == entering else BEND)
                    else:
                        estimate = 0
                    push(frontier, (total + greed * estimate, -total, counter, following, step))  # ties: deepest first
        return None


def route_lines(
    network: Network,
    boxes: list[PlacedBox],
    theme: Theme,
    leg_labels: bool,
    reach: dict[str, float] | None = None,
    give_up: bool = False,
    around: frozenset[int] = frozenset(),
    over: dict[int, str] | None = None,
    oblique: frozenset[int] = frozenset(),
) -> tuple[list[Route], int]:
    """Every bond and every open leg's stub (labelled with its leg name when ``leg_labels``).

    ``reach`` maps a side to a coordinate every open leg on that side runs to before its
    stub begins (a circuit's wires all start and end in line). Also returns how many lines
    found no honest route (boxed in): the caller makes room and routes again. With
    ``give_up``, routing stops at the first such line (the caller will route again anyway).
    The bonds numbered in ``around`` (a torus's closing lines) pay three times as much for a
    crossing, so they go round the outside unless that is very long. The bonds numbered in ``over`` (the
    lines that close the rings of a periodic MERA's layers, a torus's rows and columns) go round the whole picture
    the way given (``"N"``, ``"S"``, ``"W"``, ``"E"``), nested, so that they cross as little as they can.
    The bonds numbered in ``oblique`` (between the layers of a stack) are one straight line from anchor to
    anchor; the grid nodes beside it are kept free of other lines.
    """
    grid = RoutingGrid(boxes, grid_step(theme))
    diagonal = {port for port in network.open_ports if boxes[port[0]].sides[port[1]] == OUT_OF_PLANE}
    stubs = {port: _diagonal(grid, boxes[port[0]], port, theme, leg_labels, network) for port in diagonal}
    legs = [(a, leg) for bond in network.bonds for a, leg in bond] + [
        p for p in network.open_ports if p not in diagonal
    ]
    number = {port: k for k, port in enumerate(legs)}
    exits = {}
    for port in legs:
        box = boxes[port[0]]
        exits[port] = grid.exit(box, box.anchors[port[1]], box.sides[port[1]])
        grid.exits.setdefault(exits[port], number[port])
    for port in network.open_ports:  # where the stubs will go: lines keep out of the way if they can
        if port in diagonal:
            continue
        di, dj = STEPS[boxes[port[0]].sides[port[1]]]
        grid.fronts.update((exits[port][0] + k * di, exits[port][1] + k * dj) for k in (1, 2))
    order = sorted(
        network.bonds, key=lambda bond: (_straightness(bond, exits, boxes), _distance(*(exits[p] for p in bond)))
    )
    bonds = []
    for k in sorted(oblique):  # straight between two layers: first, so that the other lines keep clear of them
        first, second = network.bonds[k]
        start, end = boxes[first[0]].anchors[first[1]], boxes[second[0]].anchors[second[1]]
        grid.blocked.update(
            node
            for node in grid.near(start, end)
            if node not in grid.exits and node not in grid.used and node not in (exits[first], exits[second])
        )
        bonds.append(((first, second), Route((start, end), _end(boxes, first), _end(boxes, second))))
    straight = {network.bonds[k] for k in oblique}
    order = [bond for bond in order if bond not in straight]
    arcs = _arcs(grid, network, exits, number, over or {})
    for bond, nodes in arcs.items():  # first, so that the other lines keep out of their way
        grid.occupy(nodes)
        bonds.append((bond, _route_through(boxes, grid, bond, nodes)))
    order = [bond for bond in order if bond not in arcs]
    closing = {network.bonds[k] for k in around}
    with progress("drawing: routing lines", total=len(order), unit=" line") as bar:
        for first, second in order:
            crossing = CROSSING * 3 if (first, second) in closing else CROSSING
            nodes = _route(grid, boxes, first, second, exits, number[first], number[second], crossing)
            bar.update()
            if give_up and grid.squeezed:
                return [], grid.squeezed
            grid.occupy(nodes)
            bonds.append(((first, second), _route_through(boxes, grid, (first, second), nodes)))
    routes = [  # the stubs last, as long as the room the lines left allows
        stubs[port]
        if port in stubs
        else _stub(grid, network, boxes, port, exits[port], number[port], theme, leg_labels, reach or {})
        for port in network.open_ports
    ]
    position = {bond: k for k, bond in enumerate(network.bonds)}
    bonds.sort(key=lambda item: position[item[0]])  # the network's order: deterministic, and as declared
    return [route for _, route in bonds] + routes, grid.squeezed


def _route_through(boxes: list[PlacedBox], grid: RoutingGrid, bond: tuple[Any, Any], nodes: list[Node]) -> Route:
    """The route of ``bond`` from its first leg's anchor through the grid ``nodes`` to its second's."""
    first, second = bond
    points = [boxes[first[0]].anchors[first[1]], *map(grid.point, nodes), boxes[second[0]].anchors[second[1]]]
    return Route(_simplified(points), _end(boxes, first), _end(boxes, second))


def _arcs(
    grid: RoutingGrid,
    network: Network,
    exits: dict[tuple[int, str], Node],
    number: dict[tuple[int, str], int],
    over: dict[int, str],
) -> dict[tuple[Any, Any], list[Node]]:
    """The grid nodes of each line in ``over``, round the outside of the picture the way given: ``"N"`` over
    the top or ``"S"`` under the bottom (from each end's exit sideways out, round, and back), ``"W"`` round the
    left or ``"E"`` round the right (from each end's exit up or down and out). Lines going the same way are
    nested, those from nearer that edge inside; lines round the left or right go outside those over and under.
    A line whose way is not free (another leg's exit, a box) is left to the ordinary search."""
    found: dict[tuple[Any, Any], list[Node]] = {}
    counts = {way: sum(1 for k in over if over[k] == way) for way in "NSWE"}
    for way in "NSWE":
        across = way in "WE"  # worked out with rows and columns swapped, as if over the top or under the bottom
        flip = (lambda node: (node[1], node[0])) if across else (lambda node: node)
        i0, i1, j0, j1 = (grid.bounds[2], grid.bounds[3], grid.bounds[0], grid.bounds[1]) if across else grid.bounds
        ahead = max(counts["N"], counts["S"]) if across else 0  # (outside the lines over and under)
        mine = [network.bonds[k] for k in sorted(over) if over[k] == way]

        def nearest(bond: tuple[Any, Any], way: str = way, flip: Any = flip) -> tuple[int, int]:
            depth = [flip(exits[port])[1] for port in bond]
            return (max(depth) if way in "NW" else -min(depth), number[bond[0]])

        for rank, bond in enumerate(sorted(mine, key=nearest)):
            first, second = bond
            left, right = sorted((flip(exits[first]), flip(exits[second])))
            out = rank + 2 + ahead
            west, east = i0 - out, i1 + out
            level = j0 - out if way in "NW" else j1 + out
            nodes = _run(left, (west, left[1]))
            nodes += _run(nodes[-1], (west, level))[1:]
            nodes += _run(nodes[-1], (east, level))[1:]
            nodes += _run(nodes[-1], (east, right[1]))[1:]
            nodes += _run(nodes[-1], right)[1:]
            nodes = [flip(node) for node in nodes]
            if nodes[0] != exits[first]:
                nodes.reverse()
            ends = {exits[first]: number[first], exits[second]: number[second]}
            if any(
                node in grid.blocked or node in grid.used or grid.exits.get(node, ends.get(node)) != ends.get(node)
                for node in nodes
            ):
                continue
            grid.exits[exits[second]] = number[first]
            found[bond] = nodes
    return found


def _run(start: Node, end: Node) -> list[Node]:
    """The grid nodes from ``start`` straight to ``end`` (on one grid line), both included."""
    length = max(abs(end[0] - start[0]), abs(end[1] - start[1]))
    if length == 0:
        return [start]
    di, dj = (end[0] - start[0]) // length, (end[1] - start[1]) // length
    return [(start[0] + k * di, start[1] + k * dj) for k in range(length + 1)]


def _route(
    grid: RoutingGrid,
    boxes: list[PlacedBox],
    first: tuple[int, str],
    second: tuple[int, str],
    exits: dict[tuple[int, str], Node],
    owner: int,
    partner: int,
    crossing: int = CROSSING,
) -> list[Node]:
    start, goal = exits[first], exits[second]
    leaving = STEPS[boxes[first[0]].sides[first[1]]]
    entering = STEPS[OPPOSITE[boxes[second[0]].sides[second[1]]]]
    grid.exits[goal] = owner  # the far end's exit is this line's too
    found = grid.straight(start, goal, owner) if _in_line(start, leaving, goal, entering) else None
    margins: Iterable[int] = MARGINS if crossing == CROSSING else MARGINS[-1:]  # a closing line: room to go round
    for margin in margins:
        if found is not None:
            break
        found = grid.search(start, leaving, goal, entering, owner, margin, crossing)
    if found is None:  # boxed in on every side: a route that may cross others' tracks beats none at all
        grid.squeezed += 1
        saved = grid.used, grid.edges
        grid.used, grid.edges = {}, set()
        found = grid.search(start, leaving, goal, entering, owner, MARGINS[-1]) or [start, goal]
        grid.used, grid.edges = saved
    return found


def _stub(
    grid: RoutingGrid,
    network: Network,
    boxes: list[PlacedBox],
    port: tuple[int, str],
    exit_node: Node,
    owner: int,
    theme: Theme,
    leg_labels: bool,
    reach: dict[str, float],
) -> Route:
    """An open leg: straight out from its anchor, about ``theme.stub`` long, shorter where something is in the way."""
    box = boxes[port[0]]
    side = box.sides[port[1]]
    di, dj = STEPS[side]
    anchor = box.anchors[port[1]]
    nodes = [exit_node]
    length = theme.stub
    if side in reach:  # first run in line with the others on this side
        length += abs(reach[side] - (anchor[0] if side in "WE" else anchor[1]))
    wanted = max(1, math.ceil((length - _gap(grid, anchor, exit_node)) / grid.step - 1e-9))
    across = "V" if di else "H"
    for _ in range(wanted):
        following = (nodes[-1][0] + di, nodes[-1][1] + dj)
        if grid.used.get(following) == across and following not in grid.blocked:
            nodes.append(following)  # straight across a line at right angles (the link of a gate in pieces)
            continue
        if not grid.free(following, owner) or following in grid.exits or grid.crowded(following, owner):
            break  # shorter where a line or another box's leg is in the way
        nodes.append(following)
    while len(nodes) > 1 and grid.used.get(nodes[-1]) == across:
        nodes.pop()  # never end on the line it crosses
    grid.occupy(nodes)
    for node in nodes:
        grid.used[node] = "X" if grid.used.get(node) == "X" else "C"
    label = _leg_label(network, port) if leg_labels else None
    return Route((anchor, grid.point(nodes[-1])), _end(boxes, port), None, label)


def _diagonal(
    grid: RoutingGrid, box: PlacedBox, port: tuple[int, str], theme: Theme, leg_labels: bool, network: Network
) -> Route:
    """An out-of-plane leg: a short diagonal stub, down and to the right; the grid nodes it passes are kept free."""
    anchor = box.anchors[port[1]]
    reach = min(theme.stub, theme.gap, theme.row_gap) * 0.6
    end = (anchor[0] + reach, anchor[1] + reach)
    i0, j0 = math.floor(anchor[0] / grid.step), math.floor(anchor[1] / grid.step)
    i1, j1 = math.ceil(end[0] / grid.step), math.ceil(end[1] / grid.step)
    grid.blocked.update((i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1))
    label = _leg_label(network, port) if leg_labels else None
    return Route((anchor, end), (port[0], port[1], "S"), None, label)


def _leg_label(network: Network, port: tuple[int, str]) -> str:
    """An open leg's name as written at the end of its stub (cleaned, clipped)."""
    return clip(clean_text(network.leg(port).name), LABEL_LIMIT // 2)


def _gap(grid: RoutingGrid, anchor: Point, node: Node) -> float:
    x, y = grid.point(node)
    return abs(x - anchor[0]) + abs(y - anchor[1])


def _end(boxes: list[PlacedBox], port: tuple[int, str]) -> tuple[int, str, str]:
    """``(node, leg, side)`` of a line's end; an out-of-plane leg leaves the bottom side."""
    side = boxes[port[0]].sides[port[1]]
    return (port[0], port[1], "S" if side == OUT_OF_PLANE else side)


def _straightness(bond, exits, boxes) -> int:
    """0 for a bond whose two exits face each other on one grid line (routed first), else 1."""
    (a, leg_a), (b, leg_b) = bond
    side_a, side_b = boxes[a].sides[leg_a], boxes[b].sides[leg_b]
    return 0 if _in_line(exits[(a, leg_a)], STEPS[side_a], exits[(b, leg_b)], STEPS[OPPOSITE[side_b]]) else 1


def _in_line(start: Node, leaving: Node, goal: Node, entering: Node) -> bool:
    """True when ``goal`` lies straight ahead of ``start`` and is entered in the same direction."""
    if leaving != entering:
        return False
    di, dj = goal[0] - start[0], goal[1] - start[1]
    if leaving[0] != 0:
        return dj == 0 and di * leaving[0] >= 0
    return di == 0 and dj * leaving[1] >= 0


def _edge(a: Node, b: Node) -> tuple[Node, Node]:
    return (a, b) if a <= b else (b, a)


def _direction(a: Node, b: Node) -> Node:
    return (b[0] - a[0], b[1] - a[1])


def _distance(a: Node, b: Node) -> int:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def _estimate(node: Node, heading: Node, goal: Node, entering: Node) -> int:
    """A lower bound of the cost still to pay: the distance, and a bend where one cannot be avoided."""
    di, dj = goal[0] - node[0], goal[1] - node[1]
    bends = 0 if (di == 0 or dj == 0) else 1
    if bends == 0 and (di, dj) != (0, 0):
        towards = (_sign(di), _sign(dj))
        bends = 0 if towards == heading == entering else 1
    return abs(di) + abs(dj) + BEND * bends


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def _walk(came: dict[tuple[Node, Node], tuple[Node, Node]], state: tuple[Node, Node]) -> list[Node]:
    nodes = [state[0]]
    while state in came:
        state = came[state]
        nodes.append(state[0])
    return nodes[::-1]


def _simplified(points: Sequence[Point]) -> tuple[Point, ...]:
    """The polyline without repeated points and without points in the middle of a straight run."""
    kept: list[Point] = []
    for point in points:
        point = (round(point[0], 6), round(point[1], 6))
        if kept and point == kept[-1]:
            continue
        if len(kept) >= 2:
            (x0, y0), (x1, y1) = kept[-2], kept[-1]
            if (x0 == x1 == point[0]) or (y0 == y1 == point[1]):
                kept[-1] = point
                continue
        kept.append(point)
    return tuple(kept)
