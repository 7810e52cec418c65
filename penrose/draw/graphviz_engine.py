"""Graphviz: positions from ``dot`` or ``neato``, snapped to penrose's rigid grid.

This is the only module that calls Graphviz. The DOT text is built with the ``graphviz``
package, every user string passed through ``graphviz.escape`` (so a label such as
``<b>`` or one ending in a backslash stays plain text), and run with ``-Tjson``.
Graphviz only decides where boxes go; penrose sizes, routes and draws everything itself.
"""

from __future__ import annotations

import json
import shutil

import graphviz

from ..core.errors import DiagramError
from ..core.network import Network
from .themes import Theme

__all__ = ["available", "graphviz_cells", "to_dot"]

_PORT = {"W": "w", "E": "e", "N": "n", "S": "s"}
_POINTS_PER_INCH = 72.0


def available(program: str = "dot") -> bool:
    """True when Graphviz's ``program`` (``dot``, ``neato``) is on the PATH: the one place penrose asks."""
    return shutil.which(program) is not None


def to_dot(
    network: Network, sizes: list[tuple[float, float]], labels: list[str], theme: Theme, program: str = "dot"
) -> graphviz.Digraph:
    """The network as a Graphviz graph: boxes of penrose's sizes, edges between the legs' compass ports.

    Lines joining facing sides (E→W) are ranking edges; any other line does not constrain ranks.
    """
    graph = graphviz.Digraph(engine=program)
    graph.attr(
        rankdir="LR",
        nodesep=f"{theme.row_gap / _POINTS_PER_INCH:.3f}",
        ranksep=f"{theme.gap / _POINTS_PER_INCH:.3f}",
        splines="false",
        overlap="false",
        sep="+8",
    )
    graph.attr("node", shape="box", fixedsize="true")
    for k, (label, (width, height)) in enumerate(zip(labels, sizes)):
        graph.node(
            f"n{k}",
            label=graphviz.escape(label),
            width=f"{width / _POINTS_PER_INCH:.3f}",
            height=f"{height / _POINTS_PER_INCH:.3f}",
        )
    sides = [node.sides for node in network.nodes]
    for (a, leg_a), (b, leg_b) in network.bonds:
        side_a, side_b = sides[a][leg_a], sides[b][leg_b]
        if (side_a, side_b) == ("W", "E"):
            (a, side_a), (b, side_b) = (b, side_b), (a, side_a)
        facing = (side_a, side_b) == ("E", "W")
        graph.edge(f"n{a}:{_PORT[side_a]}", f"n{b}:{_PORT[side_b]}", constraint="true" if facing else "false")
    return graph


def graphviz_cells(
    network: Network, sizes: list[tuple[float, float]], labels: list[str], theme: Theme, program: str
) -> list[tuple[int, int]]:
    """Grid cells for the boxes from a Graphviz layout: x and y positions clustered into columns and rows."""
    graph = to_dot(network, sizes, labels, theme, program)
    try:
        output = graph.pipe(format="json", encoding="utf-8")
    except graphviz.ExecutableNotFound:
        raise DiagramError(
            f"layout={program!r} needs Graphviz's '{program}' program, which is not installed; install "
            "Graphviz (apt-get install graphviz, brew install graphviz) or use layout='builtin'"
        ) from None
    except graphviz.CalledProcessError as error:  # pragma: no cover - a Graphviz failure
        raise DiagramError(f"Graphviz '{program}' failed: {error.stderr!r}") from None
    positions: dict[int, tuple[float, float]] = {}
    for entry in json.loads(output).get("objects", []):
        name = entry.get("name", "")
        if name.startswith("n") and name[1:].isdigit() and "pos" in entry:
            x, y = (float(v) for v in entry["pos"].split(","))
            positions[int(name[1:])] = (x, -y)  # Graphviz's y grows upwards
    return _snap([positions[k] for k in range(len(network.nodes))], sizes)


def _clusters(values: list[float], tolerance: float) -> list[int]:
    """Indices of clusters of nearly equal values, in increasing order of value."""
    order = sorted(range(len(values)), key=lambda k: values[k])
    index = [0] * len(values)
    current, previous = -1, None
    for k in order:
        if previous is None or values[k] - previous > tolerance:
            current += 1
        index[k] = current
        previous = values[k]
    return index


def _snap(positions: list[tuple[float, float]], sizes: list[tuple[float, float]]) -> list[tuple[int, int]]:
    smallest = min(min(w, h) for w, h in sizes)
    columns = _clusters([x for x, _ in positions], smallest * 0.5)
    rows = _clusters([y for _, y in positions], smallest * 0.5)
    taken: set[tuple[int, int]] = set()
    cells = []
    for column, row in zip(columns, rows):
        while (column, row) in taken:  # two boxes snapped into one cell: move the later one down
            row += 1
        taken.add((column, row))
        cells.append((column, row))
    return cells
