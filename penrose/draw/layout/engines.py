"""Layout engines: a network to :class:`~penrose.draw.layout.geometry.Geometry`, by a name in one registry.

Every engine first tries what the legs' sides say (a grid read off declared sides, tracks, a
circuit, a shape of the field); what none fits goes to the engine's general placement
(Graphviz ``dot``, or penrose's own layered layout). :data:`ENGINES` is the only list: the
Python API, the command line and the docs all read it (``pn.pictures.LAYOUTS`` names and describes
them). Cells become pixels in :mod:`~penrose.draw.layout.routed`; the user's pins and flow
are applied last (:mod:`~penrose.draw.layout.control`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ...core.errors import DiagramError, PictureSizeError
from ...core.network import Network
from ..labels import box_label
from ..themes import Theme
from . import graphviz_engine
from .capped import outward_legs
from .circuits import Circuit, circuit_of, is_identity, linked_sides, place_circuit, wired, without_identities
from .control import Positions, cells_of, flowed, pin, shown_name
from .embedding import embedded_cells
from .geometry import OUT_OF_PLANE, Geometry, normalised
from .layers import ring_sides, ring_ways
from .placement import grid_cells, layered_cells, stacked_cells
from .readings import Reading, reading_of
from .routed import box_size, free, pinned, routed
from .routing import route_lines
from .shapes import (
    candidates,
    closing_bonds,
    facing_sides,
    leg_orders,
    out_of_plane,
    recognise,
    torus_ways,
    tree_cells,
)
from .stacks import mirrored_sides, stacked_lines
from .tracks import track_boxes

__all__ = ["ENGINES", "LAYOUTS", "Engine", "GraphvizWarning", "drawn_network", "layout_network", "register_layout"]

Cell = tuple[int, int]
#: The most boxes a picture is laid out with: beyond, no slide or page shows them, and writing them takes long.
PICTURE_LIMIT = 10_000
#: The most boxes a general placement (no shape of the field fits) is tried on: routing a tangle of more takes
#: minutes (a random 3-regular graph: 3 s at 300 boxes, 10 s at 500).
GENERAL_LIMIT = 600
#: A general placement: (network, box sizes, labels, theme) to each box's cell and the name of what placed it.
General = Callable[[Network, list[tuple[float, float]], list[str], Theme], tuple[list[Cell], str]]


class GraphvizWarning(RuntimeWarning):
    """Graphviz could not lay out a picture (not installed, too slow, or unreadable output): penrose used its own."""


@dataclass(frozen=True)
class Engine:
    """A named layout: what it does, whether it reads the field's shapes first, and its placement for the rest."""

    description: str
    general: General
    shapes: bool = True


def _layered(network: Network, sizes: Any, labels: Any, theme: Theme) -> tuple[list[Cell], str]:
    """penrose's own layered layout: never calls an external program."""
    return layered_cells(network, free(network)), "layered"


def _graphviz_or_own(network: Network, sizes: Any, labels: Any, theme: Theme) -> tuple[list[Cell], str]:
    """Graphviz ``dot`` when installed, else penrose's own layered layout (saying once that Graphviz is missing)."""
    if not graphviz_engine.available("dot"):
        _warn(
            "Graphviz's 'dot' program was not found, so penrose uses its built-in layout; install "
            "Graphviz (apt-get install graphviz, brew install graphviz or conda install graphviz) "
            "for better pictures of general networks"
        )
        return _layered(network, sizes, labels, theme)
    return _graphviz(network, sizes, labels, theme)


def _graphviz(network: Network, sizes: Any, labels: Any, theme: Theme) -> tuple[list[Cell], str]:
    """Graphviz ``dot``, snapped to the grid (an error when it is not installed); penrose's own layered layout,
    saying why once, when its output cannot be used."""
    try:
        return graphviz_engine.graphviz_cells(network, sizes, labels, theme, "dot"), "dot"
    except graphviz_engine.GraphvizError as failure:
        _warn(f"{failure}; penrose used its built-in layout instead")
        return _layered(network, sizes, labels, theme)


def _embedded(network: Network, sizes: Any, labels: Any, theme: Theme) -> tuple[list[Cell], str]:
    """A seeded spring layout snapped to a square of cells: partners near each other in two dimensions."""
    return embedded_cells(network), "spring"


def _free_or(general: General) -> General:
    """``general`` for a network with declared sides; the spring embedding for one whose sides penrose chose (a
    random graph by ``pn.einsum``: ranks of a layered layout would make its lines long and crossing)."""

    def placed(network: Network, sizes: Any, labels: Any, theme: Theme) -> tuple[list[Cell], str]:
        return (_embedded if free(network) else general)(network, sizes, labels, theme)

    placed.__doc__ = general.__doc__
    return placed


ENGINES: dict[str, Engine] = {
    "auto": Engine(
        "the shape the legs' sides give (grid, tracks, sandwich, circuit, chain, lattice, tree, torus, cylinder, "
        "layers); anything else by Graphviz dot when installed (else the built-in layered layout), or, when "
        "penrose chose the legs' sides (pn.einsum), by a spring layout snapped to the grid",
        _free_or(_graphviz_or_own),
    ),
    "dot": Engine(
        "Graphviz's layered layout for every network, snapped to the grid (needs Graphviz's dot program)",
        _graphviz,
        shapes=False,
    ),
    "builtin": Engine(
        "the shape the legs' sides give, else penrose's own layered layout (a spring layout snapped to the grid "
        "when penrose chose the legs' sides); never calls Graphviz",
        _free_or(_layered),
    ),
    "spring": Engine(
        "a seeded spring layout snapped to a square of grid cells, for every network: boxes near their partners",
        _embedded,
        shapes=False,
    ),
}
"""The layout engines by name: the one registry the API, the command line and the docs read."""

LAYOUTS: dict[str, str] = {name: engine.description for name, engine in ENGINES.items()}
"""Every ``layout=`` a picture accepts, with what it does (read from :data:`ENGINES`)."""


def register_layout(name: str, description: str, general: General, shapes: bool = True) -> None:
    """Add a layout engine under ``name``: ``general`` places what no shape fits (``shapes=False``: everything)."""
    if not isinstance(name, str) or not name.isidentifier():
        raise DiagramError(f"a layout's name is a word like 'mine', got {name!r}")
    ENGINES[name] = Engine(description, general, shapes)
    LAYOUTS[name] = description


def engine_named(layout: Any) -> Engine:
    """The engine called ``layout``, or an error that lists them."""
    if not isinstance(layout, str) or layout not in ENGINES:
        raise DiagramError(f"unknown layout {layout!r}; choose one of {', '.join(repr(name) for name in ENGINES)}")
    return ENGINES[layout]


def layout_network(
    network: Network,
    theme: Theme,
    layout: str = "auto",
    leg_labels: bool = False,
    identities: bool | None = None,
    cells: list[Cell] | None = None,
    positions: Positions | None = None,
    flow: str = "right",
    root: Any = None,
) -> Geometry:
    """Lay out ``network`` by the engine named ``layout`` (one of :data:`ENGINES`), then the user's flow and pins.

    ``identities``: identity boxes on a wire are drawn as plain wire when False, as boxes when
    True, and by default as plain wire in circuits only. ``cells`` places every box (column,
    row) instead of any layout: the steps of a contraction keep their boxes where they were.
    ``root`` (a box's name or number) hangs a tree from that box; ``flow`` turns or mirrors
    the picture (:data:`~penrose.draw.layout.control.FLOWS`); ``positions`` pins boxes in cells
    and keeps the rest where the layout put them (:func:`~penrose.draw.layout.control.pin`).
    """
    engine = engine_named(layout)
    if len(network.nodes) > PICTURE_LIMIT:
        raise PictureSizeError(
            f"a picture of {network.describe()} is not drawn: {len(network.nodes)} boxes are more than "
            f"{PICTURE_LIMIT} a figure can show; draw a part of it, or take its value() alone"
        )
    if cells is not None:  # placed by the caller (a contraction step, where its boxes' members were)
        return _named(pinned(network, cells, theme, leg_labels), network)
    network, circuit = _drawn(network, engine, identities)
    if root is not None:
        geometry = _hung(network, _box_number(network, root, "root"), theme, leg_labels)
    else:
        geometry = _laid_out(network, engine, circuit, theme, leg_labels, identities)
    geometry = _numbers_inline(network, geometry, theme, leg_labels)
    geometry = flowed(network, geometry, flow, theme, leg_labels)
    if positions:
        geometry = pin(network, geometry, positions, theme, leg_labels)
    return _named(geometry, network)


def _numbers_inline(network: Network, geometry: Geometry, theme: Theme, leg_labels: bool) -> Geometry:
    """Boxes with no legs (a named number, ``pn.scalar(3, name="λ")``) written before the rest, in the row of its
    first box, as the algebra writes λ|ψ⟩: not stacked above it in a row of their own."""
    numbers = [k for k, node in enumerate(network.nodes) if not node.legs]
    if not numbers or len(numbers) == len(network.nodes):
        return geometry
    cells = cells_of(geometry)
    first = next(k for k, node in enumerate(network.nodes) if node.legs)
    row, left = cells[first][1], min(cells[k][0] for k in range(len(cells)) if k not in numbers)
    wanted = {k: (column + len(numbers), r) for k, (column, r) in enumerate(cells) if k not in numbers}
    wanted.update({k: (left + j, row) for j, k in enumerate(numbers)})  # (the rest moved right to make room)
    return pin(network, geometry, wanted, theme, leg_labels)


def _named(geometry: Geometry, network: Network) -> Geometry:
    """The geometry with its boxes' names, so a figure can say where each box went."""
    return replace(geometry, names=tuple(shown_name(node) for node in network.nodes))


def _laid_out(
    network: Network, engine: Engine, circuit: Circuit | None, theme: Theme, leg_labels: bool, identities: bool | None
) -> Geometry:
    """The engine's picture: a circuit, the declared grid or tracks, a shape of the field, or its general placement."""
    labels, titles = map(list, zip(*(box_label(node) for node in network.nodes)))
    sizes = [box_size(node, label, theme, node.sides) for node, label in zip(network.nodes, labels)]
    if circuit is not None:  # one straight wire per qubit
        boxes = place_circuit(network, circuit, sizes, labels, titles, theme, plain=identities is not True)
        reach = {"W": min(box.left for box in boxes), "E": max(box.right for box in boxes)}  # wires start in line
        routes, squeezed = route_lines(network, boxes, theme, leg_labels, reach, give_up=True)
        if not squeezed:  # (a wire boxed in by gates spanning it is drawn by the general placement instead)
            return normalised(boxes, routes, theme, "circuit")
    cells, used = _place(network, engine, sizes, labels, theme)
    reading = reading_of(used)
    if (reading.general or reading.tracks) and not free(network):  # declared sides no grid reads: tracks?
        tracked = _on_tracks(network, sizes, labels, titles, theme, leg_labels, reading.spread or reading.general)
        if tracked is not None:
            return tracked
    oblique = stacked_lines(network, cells) if reading.oblique else frozenset()
    if not free(network):  # (placed by a general layout: the legs along a side in the order of their partners)
        declared = [node.sides for node in network.nodes]
        orders = leg_orders(network, cells, declared) if reading.general else None
        return routed(network, cells, sizes, labels, titles, theme, leg_labels, None, orders, used, oblique=oblique)
    # nobody chose the sides: each leg faces its partner where the boxes ended up
    sides = chosen_sides(network, cells, reading)
    around = closing_bonds(network, cells, rows=reading.wrap_rows) if reading.periodic else frozenset()
    over = torus_ways(network, cells, around) if reading.wrap_rows else {}
    if reading.ring:
        over = ring_ways(network, cells)
        ring_sides(network, cells, sides, over)
    orders = leg_orders(network, cells, sides)
    sizes = [box_size(node, label, theme, drawn) for node, label, drawn in zip(network.nodes, labels, sides)]
    if reading.tracks:  # the sides it chose read as tracks: boxes spanning their lines
        declared = _declared(network, sides, orders)
        tracked = _on_tracks(declared, sizes, labels, titles, theme, leg_labels, reading.spread)
        if tracked is not None:
            return tracked
    return routed(network, cells, sizes, labels, titles, theme, leg_labels, sides, orders, used, around, over, oblique)


def chosen_sides(network: Network, cells: list[Cell], reading: Reading) -> list[dict[str, str]]:
    """The side of every leg, as a placement read by ``reading`` draws the network in ``cells``: each leg facing its
    partner, then the reading's own rules (open legs outwards, a doubled site's second box reached as its first)."""
    ring = reading.periodic and not reading.wrap_rows and len({r for _, r in cells}) == 1
    sides = facing_sides(
        network,
        cells,
        below=reading.layered or ring,
        wrap=reading.periodic,
        rows=reading.layered,
        plane=reading.plane and out_of_plane(network, cells),  # a PEPS: legs out of the plane
        wrap_rows=reading.wrap_rows,
    )
    if reading.outward:
        outward_legs(network, cells, sides)
    if reading.span:  # a doubled site's second box reached as its first is
        mirrored_sides(network, sides)
    return sides


def _declared(network: Network, sides: list[dict[str, str]], orders: list[list[Any]]) -> Network:
    """The network as if its user had declared the sides a layout chose, each side's legs in the order they sit
    (for placement only: the legs' order no longer follows the data's axes)."""
    nodes = tuple(
        replace(node, legs=tuple(replace(leg, side=drawn[leg.name]) for leg in order), sides_given=True)
        for node, drawn, order in zip(network.nodes, sides, orders)
    )
    return replace(network, nodes=nodes, _legs={})


def _hung(network: Network, root: int, theme: Theme, leg_labels: bool) -> Geometry:
    """A tree hung from the box ``root``: its children in the row below, theirs below them."""
    cells = tree_cells(network, root)
    if cells is None:
        raise DiagramError(
            f"draw(root=...): the network of {len(network.nodes)} boxes is not a tree (connected, one line "
            "between two boxes, no loop), so it has no root to hang from; leave root out"
        )
    sides = facing_sides(network, cells, below=True) if free(network) else None
    geometry = pinned(network, cells, theme, leg_labels, sides, used="tree")
    return geometry


def _box_number(network: Network, key: Any, option: str) -> int:
    """The box that ``key`` names (its name, or its number), for the option ``option``."""
    if isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(network.nodes):
        return key
    matches = [k for k, node in enumerate(network.nodes) if shown_name(node) == key]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(dict.fromkeys(repr(shown_name(node)) for node in network.nodes if node.name)) or "none"
    reason = f"{len(matches)} boxes are named {key!r}" if matches else f"no box is named {key!r}"
    raise DiagramError(f"{option}={key!r}: {reason}; name one box ({names}) or give its number")


def _on_tracks(
    network: Network,
    sizes: list[tuple[float, float]],
    labels: list[str],
    titles: list[str | None],
    theme: Theme,
    leg_labels: bool,
    spread: bool = False,
) -> Geometry | None:
    """The boxes on tracks (:mod:`penrose.draw.layout.tracks`) with every line routed, or None if they do not fit
    (``spread``: a side's legs may spread over the tracks their partners take)."""
    boxes = track_boxes(network, sizes, labels, titles, theme, spread)
    if boxes is None:
        return None
    reach = None
    if _gate_layers(network):  # layers of gates: every open leg runs on to the last layer's line, as wires do
        reach = {"S": max(box.bottom for box in boxes), "N": min(box.top for box in boxes)}
    routes, squeezed = route_lines(network, boxes, theme, leg_labels, reach, give_up=True)
    return None if squeezed else normalised(boxes, routes, theme, "tracks")


def drawn_network(network: Network, layout: str = "auto", identities: bool | None = None) -> Network:
    """The network a picture shows: ``network`` itself, or without the identities drawn as plain wire."""
    return _drawn(network, engine_named(layout), identities)[0]


def _drawn(network: Network, engine: Engine, identities: bool | None) -> tuple[Network, Circuit | None]:
    """The network a picture shows, and its circuit reading (None: not a circuit, or an engine without shapes)."""
    if identities not in (None, True, False):
        raise DiagramError(f"identities={identities!r}: give True (boxes), False (plain wire) or None (the default)")
    if identities is False:
        network = without_identities(network)
    circuit = circuit_of(network) if engine.shapes else None
    if circuit is None and engine.shapes:  # written as one einsum or in quimb: gates by their axes' order?
        gates = wired(network)
        found = circuit_of(gates, split=True) if gates is not None else None
        if found is not None and len(set(found.wires.values())) >= 2:
            network, circuit = linked_sides(gates, found), found  # type: ignore[arg-type]
    if identities is None and circuit is not None:
        wires = without_identities(network)  # a circuit's identity padding drawn as plain wire
        plain = circuit_of(wires)
        if len(wires.nodes) < 2 or plain is not None:
            return wires, plain
    if identities is None and engine.shapes and _gate_layers(network):  # the padding of a layer of gates
        wires = without_identities(network)
        if len(wires.nodes) >= 2:
            return wires, None
    return network, circuit


def _gate_layers(network: Network) -> bool:
    """True for layers of operators under a state: a gate spanning two sites or more (two legs up, two down, as
    in TEBD's brick wall), or an identity standing on a site's vertical line (the padding of ``Z₀ 1 Z₂ 1``)."""
    for node in network.nodes:
        drawn = list(node.sides.values())
        if node.sides_given and drawn.count("N") >= 2 and drawn.count("S") >= 2:
            return True
        if sorted(drawn) == ["N", "S"] and is_identity(node):
            return True
    return False


def _place(
    network: Network, engine: Engine, sizes: list[tuple[float, float]], labels: list[str], theme: Theme
) -> tuple[list[Cell], str]:
    """Each box's grid cell, and the name of the placement that gave them.

    A network whose sides penrose chose is first matched against the shapes it knows
    (chain, lattice, tree, torus); one with declared sides is read off them (``grid``) when
    every line agrees, or with vertical lines spanning rows (``rows``), or as a shape its
    sides agree with (a tree); anything else goes to the engine's general placement.
    """
    if engine.shapes:
        if free(network):
            shape = recognise(network)
            if shape is not None:
                return shape[1], shape[0]
        cells, consistent = grid_cells(network)
        if consistent:
            return cells, "grid"
        stacked = stacked_cells(network) if not free(network) else None
        if stacked is not None:  # vertical lines spanning rows: a sandwich with operators on some sites
            return stacked, "rows"
        for name, shaped in candidates(network):
            if _agrees(network, shaped, name):  # declared sides that fit a shape: a TTN of N/S legs, a CTM's site
                return shaped, name
    if engine.shapes and len(network.nodes) > GENERAL_LIMIT:  # (layout='dot', asked for by name, is tried)
        raise PictureSizeError(
            f"a picture of {network.describe()} is not drawn: no shape penrose knows (chain, grid, ladder, "
            f"lattice, tree, circuit, layers) fits its {len(network.nodes)} boxes, and routing the lines of more "
            f"than {GENERAL_LIMIT} boxes laid out freely takes minutes; draw a part of it, or take its value() alone"
        )
    return engine.general(network, sizes, labels, theme)


def _warn(message: str) -> None:
    """Warn from this one line, whoever called: Python's default action then says each message once per process."""
    warnings.warn(message, GraphvizWarning, stacklevel=1)


def _agrees(network: Network, cells: list[Cell], placement: str) -> bool:
    """True when every line's declared sides are the ones ``placement`` would draw it with in these cells (a tree's
    line to a child several columns aside runs up and down; a doubled site's second box is reached as its first)."""
    drawn = chosen_sides(network, cells, reading_of(placement))
    for box, leg in (port for bond in network.bonds for port in bond):  # a step to the layer behind, drawn aslant,
        if drawn[box][leg] == OUT_OF_PLANE and network.nodes[box].sides[leg] in "NS":  # is declared up or down
            drawn[box][leg] = network.nodes[box].sides[leg]
    return all(drawn[box][leg] == network.nodes[box].sides[leg] for bond in network.bonds for box, leg in bond)
