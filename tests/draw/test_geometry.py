"""Layout checked on the geometry it returns (boxes, anchors, routes in pixels), not on the SVG read back.

Every network of the picture corpus is laid out by ``layout_network`` and its :class:`Geometry` held to the
rules a picture's honesty rests on; then the placement helpers and the field's shapes are checked on the
cells and sides they choose.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest
import test_field_shapes as field
from picture_corpus import corpus

import penrose as pn
from penrose.draw.layout.circuits import circuit_of
from penrose.draw.layout.engines import drawn_network, layout_network
from penrose.draw.layout.geometry import DIRECTIONS, Geometry, PlacedBox
from penrose.draw.layout.placement import distances, grid_cells, longest_paths, topological_order
from penrose.draw.layout.shapes import recognise, tree_cells
from penrose.draw.themes import get_theme

THEME = get_theme("slide")
SLACK = 1.0  # pixels: boxes may touch, not overlap


CORPUS = corpus()


def _laid_out(name: str) -> tuple[pn.Diagram, Geometry]:
    diagram = CORPUS[name]()
    if diagram.term_count != 1:
        pytest.skip(f"{name} is a sum: each term is laid out on its own")
    return diagram, layout_network(diagram.network, THEME)


def _segments(points):
    return list(itertools.pairwise(points))


def _crosses_inside(segment, box: PlacedBox) -> bool:
    """True when an axis-parallel ``segment`` runs through the inside of a drawn stretch of ``box`` (its border
    and a spanning gate's open stretches, where the wires it does not act on pass, excluded)."""
    (x1, y1), (x2, y2) = segment
    left, right = box.left + SLACK, box.right - SLACK
    for part_top, part_bottom in box.parts:
        top, bottom = part_top + SLACK, part_bottom - SLACK
        if abs(y1 - y2) < 1e-9 and top < y1 < bottom and min(x1, x2) < right and max(x1, x2) > left:
            return True
        if abs(x1 - x2) < 1e-9 and left < x1 < right and min(y1, y2) < bottom and max(y1, y2) > top:
            return True
    return False


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_layout_keeps_the_rules_of_an_honest_picture(name):
    diagram, geometry = _laid_out(name)
    boxes = {box.node: box for box in geometry.boxes}
    shown = drawn_network(diagram.network)  # (identity boxes of a circuit are drawn as wire)
    assert sorted(boxes) == list(range(len(shown.nodes))), "every box placed once"
    for a, b in itertools.combinations(geometry.boxes, 2):
        apart = a.right <= b.left + SLACK or b.right <= a.left + SLACK or a.bottom <= b.top + SLACK
        assert apart or b.bottom <= a.top + SLACK, f"{name}: boxes {a.label} and {b.label} overlap"
    for route in geometry.routes:
        node, leg, side = route.start
        start = boxes[node]
        assert route.points[0] == pytest.approx(start.anchors[leg])
        x, y = route.points[0]
        on_border = {"W": x == pytest.approx(start.left), "E": x == pytest.approx(start.right)}
        on_border |= {"N": y == pytest.approx(start.top), "S": y == pytest.approx(start.bottom)}
        if side in on_border and not start.circle:
            assert on_border[side], f"{name}: {start.label}.{leg} is declared {side} but leaves elsewhere"
        if side in DIRECTIONS and len(route.points) > 1:  # the first stretch heads out through its own side
            (x0, y0), (x1, y1) = route.points[:2]
            ux, uy = DIRECTIONS[side]
            assert (x1 - x0) * ux + (y1 - y0) * uy > 0, f"{name}: {start.label}.{leg} leaves {side} backwards"
        if route.end is not None:
            end_node, end_leg, _ = route.end
            assert route.points[-1] == pytest.approx(boxes[end_node].anchors[end_leg])
        stub = route.end is None and len(route.points) == 2
        between_layers = geometry.layout in ("stack", "doubled") and route.end is not None and len(route.points) == 2
        if between_layers and not _orthogonal(route.points):  # a stack's lines between layers: down and aside
            (x1, y1), (x2, y2) = route.points
            assert (x2 - x1) * (y2 - y1) > 0, f"{name}: the line from {start.label}.{leg} to the next layer goes back"
        for segment in _segments(route.points):
            (x1, y1), (x2, y2) = segment
            if not stub and not between_layers:  # orthogonal; an out-of-plane stub (a PEPS's physical leg) oblique
                assert abs(x1 - x2) < 1e-6 or abs(y1 - y2) < 1e-6, f"{name}: oblique line from {start.label}.{leg}"
            for box in geometry.boxes:
                through = _crosses_inside(segment, box)
                assert not through, f"{name}: the line from {start.label}.{leg} runs through {box.label}"


def _orthogonal(points) -> bool:
    return all(abs(x1 - x2) < 1e-6 or abs(y1 - y2) < 1e-6 for (x1, y1), (x2, y2) in _segments(points))


@pytest.mark.parametrize("name", ["PEPS norm by einsum", "PEPS norm from quimb", "PEPS-PEPO-PEPS sandwich"])
def test_stacked_layers_are_square_grids_joined_by_straight_oblique_lines(name):
    diagram, geometry = _laid_out(name)
    assert geometry.layout == "stack"
    network = diagram.network
    size = len(network.nodes) // (3 if "PEPO" in name else 2)
    layer_of = {node: node // size for node in range(len(network.nodes))}  # (made layer by layer)
    for route in geometry.routes:
        if route.end is None:
            continue
        (x1, y1), (x2, y2) = route.points[0], route.points[-1]
        first, second = layer_of[route.start[0]], layer_of[route.end[0]]
        if first == second:  # within a layer: one straight stretch along a row or a column
            assert len(route.points) == 2 and (abs(x1 - x2) < 1e-6 or abs(y1 - y2) < 1e-6), name
        else:  # between two layers: one straight oblique stretch down to the next layer, a step aside
            assert abs(first - second) == 1 and len(route.points) == 2, name
            assert (x2 - x1) * (second - first) > 0 and (y2 - y1) * (second - first) > 0, name


def test_an_mps_norm_puts_the_kets_in_a_row_above_their_conjugates_column_by_column():
    tensors = pn.networks.random_mps_tensors(5, bond=3, physical=2, seed=1)
    geometry = layout_network(pn.networks.mps_norm(tensors).network, THEME)
    ket = sorted((box for box in geometry.boxes if "*" not in box.label), key=lambda box: box.x)
    bra = sorted((box for box in geometry.boxes if "*" in box.label), key=lambda box: box.x)
    assert len(ket) == len(bra) == 5
    assert len({round(box.y) for box in ket}) == 1 and len({round(box.y) for box in bra}) == 1
    assert ket[0].y != bra[0].y
    assert [round(box.x) for box in ket] == [round(box.x) for box in bra], "each A_k above its A_k*"


def test_a_circuit_on_input_kets_keeps_qubit_order_and_spans_its_two_qubit_gates():
    diagram = field.CIRCUITS["CZ between qubits 0 and 2"]()
    geometry = layout_network(diagram.network, THEME)
    assert geometry.layout == "circuit"
    kets = sorted((box for box in geometry.boxes if box.kind == "ket"), key=lambda box: box.y)
    assert len(kets) == 3 and len({round(box.x) for box in kets}) == 1, "the inputs in one column"
    rows = [box.y for box in kets]
    wide = [box for box in geometry.boxes if box.top <= rows[0] and box.bottom >= rows[2]]
    assert wide, "the two-qubit gate between qubits 0 and 2 spans all three rows"
    assert any(box.gaps for box in wide), "the middle wire passes through an open stretch of it"


def test_tebd_gates_span_the_two_sites_they_act_on():
    diagram, _ = field.tebd()
    geometry = layout_network(diagram.network, THEME)
    sites = sorted((box for box in geometry.boxes if box.label.startswith("A")), key=lambda box: box.x)
    two_site = [box for box in geometry.boxes if box.width > 1.5 * sites[0].width]
    assert two_site, "the gates are drawn two sites wide"
    for gate in two_site:
        covered = [site for site in sites if gate.left - SLACK <= site.x <= gate.right + SLACK]
        assert len(covered) == 2, f"{gate.label} spans {[s.label for s in covered]}"


def test_a_tree_hangs_from_its_root_with_children_below_their_parent():
    leaves, nodes, root = [np.ones(2)] * 4, [np.ones((2, 2, 2))] * 2, np.ones((2, 2))
    names = ["L0", "L1", "L2", "L3", "T0", "T1", "R"]
    diagram = pn.einsum("a,b,c,d,abx,cdy,xy->", *leaves, *nodes, root, names=names)
    cells = tree_cells(diagram.network, root=6)
    assert cells is not None
    assert cells[6][1] == min(row for _, row in cells), "the root on top"
    for child, parent in [(4, 6), (5, 6), (0, 4), (1, 4), (2, 5), (3, 5)]:
        assert cells[child][1] > cells[parent][1], f"box {child} below its parent {parent}"


def test_grid_cells_read_the_declared_sides():
    diagram = pn.op(np.eye(2), name="A") @ pn.op(np.eye(2), name="B") @ pn.ket([1, 0], name="v")
    cells, _ = grid_cells(diagram.network)
    assert [column for column, _ in cells] == [0, 1, 2] and len({row for _, row in cells}) == 1


def test_the_recogniser_names_the_shapes_of_the_field():
    tensors = pn.networks.random_mps_tensors(4, bond=2, physical=2, seed=0)
    assert recognise(pn.networks.mps_norm(tensors).network)[0] in {"grid", "rows", "lattice"}
    assert circuit_of(field.CIRCUITS["Bell pair from |00⟩"]().network) is not None


@pytest.mark.parametrize("seed", range(5))
def test_placement_graph_helpers_agree_with_networkx(seed):
    graph = nx.gnp_random_graph(12, 0.25, seed=seed, directed=True)
    dag = nx.DiGraph([(u, v) for u, v in graph.edges if u < v])
    dag.add_nodes_from(range(12))
    successors = [sorted(dag.successors(n)) for n in range(12)]
    order = topological_order(successors)
    assert order is not None and sorted(order) == list(range(12))
    position = {node: k for k, node in enumerate(order)}
    assert all(position[u] < position[v] for u, v in dag.edges)
    longest = longest_paths(successors)
    for node in range(12):  # the longest path into each node, by networkx's own dag_longest_path on its ancestors
        ancestors = dag.subgraph(nx.ancestors(dag, node) | {node})
        assert longest[node] == nx.dag_longest_path_length(ancestors)
    undirected = dag.to_undirected()
    neighbours = [list(undirected.neighbors(n)) for n in range(12)]
    assert distances(neighbours, [0]) == nx.single_source_shortest_path_length(undirected, 0)
    cyclic = [[1], [2], [0]]
    assert topological_order(cyclic) is None


def test_geometry_round_numbers_are_pixels_from_the_origin():
    _, geometry = _laid_out("MPS norm")
    assert min(box.left for box in geometry.boxes) >= -SLACK and min(box.top for box in geometry.boxes) >= -SLACK
    assert max(box.right for box in geometry.boxes) <= geometry.width + SLACK
    assert max(box.bottom for box in geometry.boxes) <= geometry.height + SLACK
    assert math.isfinite(geometry.width) and math.isfinite(geometry.height)


def test_the_checker_sees_a_line_through_a_box_and_lets_wires_pass_a_gates_gap():
    box = PlacedBox(0, 50.0, 50.0, 20.0, 60.0, "A", "tensor", False, None, {}, {})
    assert _crosses_inside(((0.0, 50.0), (100.0, 50.0)), box)
    assert _crosses_inside(((50.0, 0.0), (50.0, 100.0)), box)
    assert not _crosses_inside(((0.0, 90.0), (100.0, 90.0)), box), "below it"
    assert not _crosses_inside(((0.0, 20.0), (40.0, 20.0)), box), "up to its border"
    gated = PlacedBox(0, 50.0, 50.0, 20.0, 60.0, "CZ", "operator", False, None, {}, {}, gaps=((40.0, 60.0),))
    assert not _crosses_inside(((0.0, 50.0), (100.0, 50.0)), gated), "a wire through the open stretch"
    assert _crosses_inside(((0.0, 30.0), (100.0, 30.0)), gated)
