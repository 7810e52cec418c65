"""Graphviz: positions from ``dot``, snapped to penrose's rigid grid.

This is the only module that calls Graphviz, through :func:`run`, with a time limit. The
DOT text is built with the ``graphviz`` package, every user string passed through
``graphviz.escape`` (so a label such as ``<b>`` or one ending in a backslash stays plain
text), and run with ``-Tjson``; output that cannot be read is a :class:`GraphvizError`.
Graphviz only decides where boxes go; penrose sizes, routes and draws everything itself.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess

import graphviz

from ...core.errors import DiagramError, ExternalError
from ...core.network import Network
from ..themes import Theme

__all__ = ["DEFAULT_TIMEOUT", "GraphvizError", "available", "graphviz_cells", "positions", "run", "timeout", "to_dot"]

_PORT = {"W": "w", "E": "e", "N": "n", "S": "s"}
_POINTS_PER_INCH = 72.0


def available(program: str = "dot") -> bool:
    """True when Graphviz's ``program`` (``dot``) is on the PATH: the one place penrose asks."""
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


class GraphvizError(ExternalError):
    """Graphviz ran but gave no usable layout: it timed out, failed, or printed something that is not one."""


#: Seconds Graphviz may take for one layout; ``PENROSE_GRAPHVIZ_TIMEOUT`` in the environment overrides it.
DEFAULT_TIMEOUT = 5.0


def timeout() -> float:
    """The time limit for one Graphviz run, from ``PENROSE_GRAPHVIZ_TIMEOUT`` (seconds) or :data:`DEFAULT_TIMEOUT`."""
    text = os.environ.get("PENROSE_GRAPHVIZ_TIMEOUT", "")
    try:
        seconds = float(text) if text.strip() else DEFAULT_TIMEOUT
    except ValueError:
        raise DiagramError(f"PENROSE_GRAPHVIZ_TIMEOUT={text!r} is not a number of seconds") from None
    if not 0 < seconds < 3600:
        raise DiagramError(f"PENROSE_GRAPHVIZ_TIMEOUT={text!r} must be between 0 and 3600 seconds")
    return seconds


def run(source: str, program: str) -> str:
    """Graphviz's ``program`` on DOT ``source``, its ``-Tjson`` output: the one place penrose runs Graphviz.

    A missing program is an :class:`ExternalError`; a timeout, a failure or output that is
    not JSON a :class:`GraphvizError`.
    """
    executable = shutil.which(program)
    if executable is None:
        raise ExternalError(
            f"layout={program!r} needs Graphviz's '{program}' program, which is not installed; install "
            "Graphviz (apt-get install graphviz, brew install graphviz) or use layout='builtin'"
        )
    limit = timeout()
    try:
        finished = subprocess.run(
            [executable, "-Tjson"], input=source.encode("utf-8"), capture_output=True, timeout=limit, check=False
        )
    except subprocess.TimeoutExpired:
        raise GraphvizError(f"Graphviz '{program}' took longer than {limit:g} s") from None
    except OSError as error:
        raise GraphvizError(f"Graphviz '{program}' could not run: {error.strerror or error}") from None
    if finished.returncode != 0:
        reason = finished.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizError(f"Graphviz '{program}' failed: {reason[0] if reason else f'exit {finished.returncode}'}")
    return finished.stdout.decode("utf-8", "replace")


def positions(output: str, count: int) -> list[tuple[float, float]]:
    """The centres of boxes ``n0 … n{count-1}`` in Graphviz's JSON output, y pointing down."""
    try:
        objects = json.loads(output).get("objects", [])
        found: dict[int, tuple[float, float]] = {}
        for entry in objects:
            name = entry.get("name", "")
            if isinstance(name, str) and name.startswith("n") and name[1:].isdigit() and "pos" in entry:
                x, y = (float(v) for v in entry["pos"].split(","))
                if not (math.isfinite(x) and math.isfinite(y)):
                    raise ValueError(f"position {entry['pos']!r}")
                found[int(name[1:])] = (x, -y)  # Graphviz's y grows upwards
        return [found[k] for k in range(count)]
    except (ValueError, TypeError, AttributeError, KeyError) as error:
        detail = f"box {error}" if isinstance(error, KeyError) else str(error)[:80]
        raise GraphvizError(f"Graphviz gave output penrose cannot read ({type(error).__name__}: {detail})") from None


def graphviz_cells(
    network: Network, sizes: list[tuple[float, float]], labels: list[str], theme: Theme, program: str
) -> list[tuple[int, int]]:
    """Grid cells for the boxes from a Graphviz layout: x and y positions clustered into columns and rows."""
    source = to_dot(network, sizes, labels, theme, program).source
    return _snap(positions(run(source, program), len(network.nodes)), sizes)


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
