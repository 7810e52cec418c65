"""Layouts: a network to :class:`~penrose.draw.geometry.Geometry`, by one of the named layouts in :data:`LAYOUTS`.

Placement (:mod:`~penrose.draw.placement`, or Graphviz through
:mod:`~penrose.draw.graphviz_engine`) puts each box in a grid cell; the cells become
pixels (:mod:`~penrose.draw.geometry`) and the lines are routed
(:mod:`~penrose.draw.routing`). The names here are the only list of layouts: the Python
API, the command line and the docs all read it.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Any

from ..core.errors import DiagramError
from ..core.legs import SIDES
from ..core.network import Network
from ..core.nodes import Node
from . import graphviz_engine
from .circuits import Circuit, circuit_of, place_circuit, without_identities
from .geometry import Geometry, normalised, place_boxes
from .labels import box_label, text_width
from .placement import grid_cells, layered_cells, stacked_cells
from .routing import route_lines
from .shapes import candidates, closing_bonds, facing_sides, leg_orders, out_of_plane, recognise
from .themes import Theme
from .tracks import track_boxes

__all__ = ["LAYOUTS", "GraphvizWarning", "drawn_network", "layout_network"]

LAYOUTS: dict[str, str] = {
    "auto": "the shape penrose recognises (declared grid, sandwich, circuit, chain, lattice, tree, torus, "
    "cylinder, layers); anything else by Graphviz dot when installed, else the built-in layered layout",
    "dot": "Graphviz's layered layout for every network, snapped to the grid (needs Graphviz's dot program)",
    "builtin": "the shape penrose recognises, else its own layered layout; never calls Graphviz",
}
"""Every ``layout=`` a picture accepts, with what it does: the one list the API, the command line and the docs use."""


class GraphvizWarning(RuntimeWarning):
    """Graphviz could not lay out a picture (not installed, too slow, or unreadable output): penrose used its own."""


def layout_network(
    network: Network,
    theme: Theme,
    layout: str = "auto",
    leg_labels: bool = False,
    identities: bool | None = None,
    cells: list[tuple[int, int]] | None = None,
) -> Geometry:
    """Lay out ``network`` by the named ``layout`` (one of :data:`LAYOUTS`).

    ``auto`` draws a shape penrose recognises (a grid read off declared sides, a sandwich, a
    circuit; for ``pn.einsum`` networks a chain, lattice, tree or torus) as it is drawn by
    hand; anything else goes to Graphviz ``dot`` when installed, otherwise to the built-in
    layered layout (saying once that Graphviz is missing). ``builtin`` never calls Graphviz.
    ``identities``: identity boxes on a wire are drawn as plain wire when False, as boxes when
    True, and by default as plain wire in circuits only. ``cells`` places the boxes (column,
    row) instead of any layout: the steps of a contraction keep their boxes where they were.
    """
    if not isinstance(layout, str) or layout not in LAYOUTS:
        raise DiagramError(f"unknown layout {layout!r}; choose one of {', '.join(repr(name) for name in LAYOUTS)}")
    if cells is not None:  # placed by the caller (a contraction step, where its boxes' members were)
        labels, titles = map(list, zip(*(box_label(node) for node in network.nodes)))
        facing = facing_sides(network, cells)  # a box whose sides nobody chose (a merged one) faces its partners
        sides = [node.sides if node.sides_given else drawn for node, drawn in zip(network.nodes, facing)]
        sizes = [_box_size(node, label, theme, drawn) for node, label, drawn in zip(network.nodes, labels, sides)]
        orders = leg_orders(network, cells, sides)
        return _routed(network, cells, sizes, labels, titles, theme, leg_labels, sides, orders, "pinned")
    network, circuit = _drawn(network, layout, identities)
    labels, titles = map(list, zip(*(box_label(node) for node in network.nodes)))
    sizes = [_box_size(node, label, theme, node.sides) for node, label in zip(network.nodes, labels)]
    if circuit is not None:  # one straight wire per qubit
        boxes = place_circuit(network, circuit, sizes, labels, titles, theme, plain=identities is not True)
        reach = {"W": min(box.left for box in boxes), "E": max(box.right for box in boxes)}  # wires start in line
        routes, squeezed = route_lines(network, boxes, theme, leg_labels, reach, give_up=True)
        if not squeezed:  # (a wire boxed in by gates spanning it is drawn by the general placement instead)
            return normalised(boxes, routes, theme, "circuit")
    cells, used = _place(network, layout, sizes, labels, theme)
    if used in ("dot", "layered") and not _free(network):  # declared sides no grid reads: try them as tracks
        tracked = _on_tracks(network, sizes, labels, titles, theme, leg_labels)
        if tracked is not None:
            return tracked
    sides: list[dict[str, str]] | None = None
    orders = None
    if _free(network):  # nobody chose the sides: each leg faces its partner where the boxes ended up
        periodic = used in ("torus", "cylinder")
        plane = (used == "lattice" or periodic) and out_of_plane(network, cells)  # a PEPS: legs out of the plane
        sides = facing_sides(
            network,
            cells,
            below=used in ("tree", "layers") or (used == "cylinder" and len({r for _, r in cells}) == 1),  # a ring
            wrap=periodic,
            rows=used == "layers",
            plane=plane,
            wrap_rows=used == "torus",
        )
        orders = leg_orders(network, cells, sides)
        sizes = [_box_size(node, label, theme, drawn) for node, label, drawn in zip(network.nodes, labels, sides)]
        around = closing_bonds(network, cells, rows=used == "torus") if periodic else frozenset()
        return _routed(network, cells, sizes, labels, titles, theme, leg_labels, sides, orders, used, around)
    return _routed(network, cells, sizes, labels, titles, theme, leg_labels, sides, orders, used)


def _on_tracks(
    network: Network,
    sizes: list[tuple[float, float]],
    labels: list[str],
    titles: list[str | None],
    theme: Theme,
    leg_labels: bool,
) -> Geometry | None:
    """The boxes on tracks (:mod:`penrose.draw.tracks`) with every line routed, or None if they do not fit."""
    boxes = track_boxes(network, sizes, labels, titles, theme)
    if boxes is None:
        return None
    routes, squeezed = route_lines(network, boxes, theme, leg_labels, give_up=True)
    return None if squeezed else normalised(boxes, routes, theme, "tracks")


def _routed(
    network: Network,
    cells: list[tuple[int, int]],
    sizes: list[tuple[float, float]],
    labels: list[str],
    titles: list[str | None],
    theme: Theme,
    leg_labels: bool,
    sides: list[dict[str, str]] | None,
    orders: Any,
    used: str,
    around: frozenset[int] = frozenset(),
) -> Geometry:
    """Boxes in their cells and every line routed; where a line finds no honest route, wider gaps.

    ``around``: the bonds that close a torus or cylinder, sent round the outside where they can.
    """
    spaced = theme
    widenings = (1, 2, 3, 5)
    for widening in widenings:  # a line with no honest route: more room between boxes, and route again
        spaced = replace(theme, gap=theme.gap * widening, row_gap=theme.row_gap * widening)
        boxes = place_boxes(network, cells, sizes, labels, spaced, titles, sides, orders)
        last = widening == widenings[-1]
        routes, squeezed = route_lines(network, boxes, spaced, leg_labels, give_up=not last, around=around)
        if not squeezed:
            break
    return normalised(boxes, routes, spaced, used)


def drawn_network(network: Network, layout: str = "auto", identities: bool | None = None) -> Network:
    """The network a picture shows: ``network`` itself, or without the identities drawn as plain wire."""
    return _drawn(network, layout, identities)[0]


def _drawn(network: Network, layout: str, identities: bool | None) -> tuple[Network, Circuit | None]:
    """The network a picture shows, and its circuit reading (None: not a circuit, or ``layout="dot"``)."""
    if identities not in (None, True, False):
        raise DiagramError(f"identities={identities!r}: give True (boxes), False (plain wire) or None (the default)")
    if identities is False:
        network = without_identities(network)
    circuit = circuit_of(network) if layout != "dot" else None
    if identities is None and circuit is not None:
        wires = without_identities(network)  # a circuit's identity padding drawn as plain wire
        wired = circuit_of(wires)
        if len(wires.nodes) < 2 or wired is not None:
            return wires, wired
    return network, circuit


def _place(
    network: Network, layout: str, sizes: list[tuple[float, float]], labels: list[str], theme: Theme
) -> tuple[list[tuple[int, int]], str]:
    """Each box's grid cell, and the name of the placement that gave them.

    A network whose sides penrose chose is first matched against the shapes it knows
    (chain, lattice, tree, torus); one with declared sides is read off them (``grid``) when
    every line agrees, or with vertical lines spanning rows (``rows``), or as a shape its
    sides agree with (a tree); anything else goes to Graphviz or the built-in layered layout.
    """
    if _free(network) and layout != "dot":
        shape = recognise(network)
        if shape is not None:
            return shape[1], shape[0]
    cells, consistent = grid_cells(network)
    if consistent and layout != "dot":
        return cells, "grid"
    stacked = stacked_cells(network) if layout != "dot" and not _free(network) else None
    if stacked is not None:  # vertical lines spanning rows: a sandwich with operators on some sites
        return stacked, "rows"
    for name, shaped in candidates(network) if layout != "dot" else []:
        if _agrees(network, shaped, rows=name == "tree"):  # declared sides that fit a shape: a TTN of N/S legs
            return shaped, name
    if layout == "builtin":
        return layered_cells(network, _free(network)), "layered"
    if layout == "auto" and not graphviz_engine.available("dot"):
        _warn(
            "Graphviz's 'dot' program was not found, so penrose uses its built-in layout; install "
            "Graphviz (apt-get install graphviz, brew install graphviz or conda install graphviz) "
            "for better pictures of general networks"
        )
        return layered_cells(network, _free(network)), "layered"
    try:
        return graphviz_engine.graphviz_cells(network, sizes, labels, theme, "dot"), "dot"
    except graphviz_engine.GraphvizError as failure:
        _warn(f"{failure}; penrose used its built-in layout instead")
        return layered_cells(network, _free(network)), "layered"


def _warn(message: str) -> None:
    """Warn from this one line, whoever called: Python's default action then says each message once per process."""
    warnings.warn(message, GraphvizWarning, stacklevel=1)


def _agrees(network: Network, cells: list[tuple[int, int]], rows: bool = False) -> bool:
    """True when every line's declared sides are the ones it would be drawn with in these cells (``rows``: a line
    between rows runs up and down, as a tree's to a child several columns aside)."""
    drawn = facing_sides(network, cells, rows=rows)
    return all(drawn[box][leg] == network.nodes[box].sides[leg] for bond in network.bonds for box, leg in bond)


def _free(network: Network) -> bool:
    """True when penrose chose every box's leg sides (``pn.einsum``): a picture may choose them again."""
    return bool(network.bonds) and not any(node.sides_given for node in network.nodes)


def _box_size(node: Node, label: str, theme: Theme, sides: dict[str, str]) -> tuple[float, float]:
    """A box sized to its label and to the legs it carries on each side; a scalar's circle to its label."""
    count = dict.fromkeys(SIDES, 0)
    for leg in node.legs:
        if sides[leg.name] in count:  # (an out-of-plane stub takes no room along a side)
            count[sides[leg.name]] += 1
    text = text_width(label, theme.font_size)
    if node.kind == "copy":  # a small dot; with two or more legs on a side, big enough to keep them on the grid
        most = max(count.values())
        diameter = theme.font_size * 0.6 if most <= 1 else (most + 1) * theme.leg_spacing
        return diameter, diameter
    if node.kind == "scalar":
        diameter = max(theme.box_height, text + theme.box_padding, (max(count.values()) + 1) * theme.leg_spacing)
        return diameter, diameter
    width = max(theme.box_height, text + 2 * theme.box_padding, (max(count["N"], count["S"]) + 1) * theme.leg_spacing)
    height = max(theme.box_height, (max(count["W"], count["E"]) + 1) * theme.leg_spacing)
    return width, height
