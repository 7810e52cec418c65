"""Boxes in given cells, sized to their labels and legs, with every line routed: the last step of every layout.

Each layout engine chooses cells; this module turns cells into a
:class:`~penrose.draw.layout.geometry.Geometry`, widening the gaps where a line finds no
honest route. :func:`pinned` is the same for cells someone else chose (a user's
``positions``, a contraction step, a turned picture).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ...core.legs import SIDES
from ...core.network import Network
from ...core.nodes import Node
from ..labels import box_label, text_width
from ..themes import Theme
from .geometry import Geometry, normalised, place_boxes
from .readings import reading_of
from .routing import route_lines
from .shapes import facing_sides, leg_orders
from .stacks import spanned
from .tori import lined_up_ends

__all__ = ["box_size", "free", "pinned", "routed"]

Cell = tuple[int, int]


def routed(
    network: Network,
    cells: Sequence[Cell],
    sizes: list[tuple[float, float]],
    labels: list[str],
    titles: list[str | None],
    theme: Theme,
    leg_labels: bool,
    sides: list[dict[str, str]] | None,
    orders: Any,
    used: str,
    around: frozenset[int] = frozenset(),
    over: dict[int, str] | None = None,
    oblique: frozenset[int] = frozenset(),
) -> Geometry:
    """Boxes in their cells and every line routed; where a line finds no honest route, wider gaps.

    ``around``: the bonds that close a torus or cylinder, sent round the outside where they can. ``over``: the
    bonds that close the rings of ring layers or a torus, each drawn round the whole picture the way given
    (``"N"`` over the top, ``"S"`` under the bottom, ``"W"`` round the left, ``"E"`` round the right).
    ``oblique``: bonds drawn as one straight, oblique line (between the layers of a stack).
    """
    spaced = theme
    reading = reading_of(used)
    widenings = (1, 2, 3, 5)
    for widening in widenings:  # a line with no honest route: more room between boxes, and route again
        spaced = replace(theme, gap=theme.gap * widening, row_gap=theme.row_gap * widening)
        boxes = place_boxes(network, cells, sizes, labels, spaced, titles, sides, orders)
        if reading.span:  # (a CTM's edges stretched to meet A and A* straight)
            boxes = spanned(network, boxes, spaced.leg_spacing)
        if reading.wrap_rows:  # (a torus's columns straight, their closing lines beside them)
            boxes = lined_up_ends(network, boxes)
        last = widening == widenings[-1]
        routes, squeezed = route_lines(
            network, boxes, spaced, leg_labels, give_up=not last, around=around, over=over or {}, oblique=oblique
        )
        if not squeezed:
            break
    return normalised(boxes, routes, spaced, used)


def pinned(
    network: Network,
    cells: Sequence[Cell],
    theme: Theme,
    leg_labels: bool,
    sides: Sequence[dict[str, str]] | None = None,
    used: str = "pinned",
) -> Geometry:
    """The boxes in the cells given (column, row), every line routed.

    Each leg keeps ``sides`` when given (a turned picture), else its declared side; a box
    whose sides nobody chose faces its partners where they now are.
    """
    labels, titles = map(list, zip(*(box_label(node) for node in network.nodes)))
    facing = facing_sides(network, list(cells))
    if sides is None:
        sides = [node.sides if node.sides_given else drawn for node, drawn in zip(network.nodes, facing)]
    else:
        sides = [dict(given) if node.sides_given else drawn for node, given, drawn in zip(network.nodes, sides, facing)]
    sizes = [box_size(node, label, theme, drawn) for node, label, drawn in zip(network.nodes, labels, sides)]
    orders = leg_orders(network, list(cells), list(sides))
    return routed(network, cells, sizes, labels, titles, theme, leg_labels, list(sides), orders, used)


def free(network: Network) -> bool:
    """True when penrose chose every box's leg sides (``pn.einsum``): a picture may choose them again."""
    return bool(network.bonds) and not any(node.sides_given for node in network.nodes)


def box_size(node: Node, label: str, theme: Theme, sides: dict[str, str]) -> tuple[float, float]:
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
