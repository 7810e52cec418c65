"""Layers round a ring (a periodic MERA): where each box goes, and which lines close the rings."""

from __future__ import annotations

import numpy as np
import pytest
from svgcheck import defects, honesty, parse
from test_field_shapes import PERIODIC_TEBD, open_tebd_by_quimb, periodic_tebd, periodic_tebd_arrays

import penrose as pn
from penrose.draw.layout import layers


@pytest.mark.parametrize(
    ("points", "turn", "expected"),
    [
        ([2.0, 4.0], 0, 3.0),  # neighbours: their plain mean
        ([0.0, 6.0], 0, 7.0),  # the ends of a row of four (period 8): the short way, past the end
        ([0.0, 4.0], 0, 2.0),  # half a ring apart: the mean nearer the middle (3) first ...
        ([0.0, 4.0], 1, 6.0),  # ... and the other way round for the second box joined to the same two
        ([6.0, 8.0], 0, 7.0),  # already past the end: kept there, not brought back to -1
    ],
)
def test_a_box_goes_to_its_partners_mean_the_short_way_round(points, turn, expected):
    assert layers._round_mean(points, 8.0, turn) == pytest.approx(expected)


def test_a_periodic_mera_is_placed_round_a_ring_and_an_open_one_is_not():
    equation, arrays = pn.networks.random_mera(8)
    ring = pn.einsum(equation, *arrays).network
    neighbours = [set() for _ in ring.nodes]
    for (a, _), (b, _) in ring.bonds:
        neighbours[a].add(b)
        neighbours[b].add(a)
    kind, cells = layers.layers(neighbours, [box for box, _ in ring.open_ports])
    assert kind == "ring layers"
    closing = layers.ring_lines(ring, cells)
    assert len(closing) == 3, "one line closes the ring between each two rows that wrap"
    for k in closing:
        (a, _), (b, _) = ring.bonds[k]
        assert abs(cells[a][1] - cells[b][1]) == 1 and abs(cells[a][0] - cells[b][0]) > 4
    ways = layers.ring_ways(ring, cells)
    assert set(ways) == set(closing) and set(ways.values()) == {"N"}, "over the top: the open legs are below"
    tree = [{1, 2}, {0, 3, 4}, {0, 5, 6}, {1}, {1}, {2}, {2}]  # a binary tree: its leaves hold the open legs
    kind, _ = layers.layers(tree, [3, 4, 5, 6])
    assert kind == "layers"


def test_gates_on_a_periodic_mps_are_drawn_as_its_ring_over_two_brick_layers_with_no_crossing():
    """The MPS row on top in the order of its ring, each gate of the first layer under its two sites, the second
    layer offset by a site, the two closing lines round the top."""
    diagram = periodic_tebd()
    np.testing.assert_allclose(diagram.value(), np.einsum(PERIODIC_TEBD, *periodic_tebd_arrays()), rtol=1e-12)
    svg = diagram.draw(value=False).to_svg()
    picture = parse(svg)
    assert 'data-layout="ring layers"' in svg and defects(picture) == {} and honesty(picture)["crossings"] == 0
    middle = {box.node: (box.top + box.bottom) / 2 for box in picture.boxes}
    centre = {box.node: (box.left + box.right) / 2 for box in picture.boxes}
    rows = sorted(set(round(y) for y in middle.values()))
    assert len(rows) == 3
    top = sorted((box for box in range(6)), key=centre.get)
    assert {round(middle[box]) for box in top} == {rows[0]}, "the MPS on top"
    assert top in ([0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0]), "in the order of its ring"
    for gate, sites in ((6, (0, 1)), (7, (2, 3)), (8, (4, 5))):
        assert centre[sites[0]] < centre[gate] < centre[sites[1]], "a first-layer gate between its two sites"


def test_the_same_periodic_tebd_built_in_quimb_is_drawn_the_same_way():
    qtn = pytest.importorskip("quimb.tensor")
    rng = np.random.default_rng(0)
    network = qtn.MPS_rand_state(6, bond_dim=2, cyclic=True, seed=1, dtype=complex)
    for first in (0, 2, 4, 1, 3, 5):  # two brick layers, the second closing the ring
        gate = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
        network.gate_(gate, (first, (first + 1) % 6), contract=False)
    diagram = pn.from_quimb(network)
    names = [leg.name for leg in diagram.legs]
    expected = network.contract(all, output_inds=names).data
    np.testing.assert_allclose(np.asarray(diagram.value()), expected, rtol=1e-10)
    svg = diagram.draw(value=False).to_svg()
    picture = parse(svg)
    assert 'data-layout="ring layers"' in svg and defects(picture) == {} and honesty(picture)["crossings"] == 0


@pytest.mark.parametrize("built", ["quimb", "einsum"])
def test_gates_on_an_open_mps_hang_in_their_layers_whatever_layer_holds_the_open_legs(built):
    network = open_tebd_by_quimb()
    diagram = pn.from_quimb(network)
    names = [leg.name for leg in diagram.legs]
    expected = network.contract(all, output_inds=names).data
    if built == "einsum":
        equation, arrays = diagram.to_einsum()
        diagram = pn.einsum(equation, *arrays)
    np.testing.assert_allclose(np.asarray(diagram.value()), expected, rtol=1e-10)
    svg = diagram.draw(value=False).to_svg()
    picture = parse(svg)
    counted = honesty(picture)
    assert 'data-layout="tracks"' in svg and defects(picture) == {}
    assert counted["crossings"] == 0 and counted["bends"] == 0, counted
    rows = sorted({round(box.top, 3) for box in picture.boxes})
    per_row = [sum(1 for box in picture.boxes if round(box.top, 3) == row) for row in rows]
    assert per_row == [6, 3, 2], "the MPS on top, then the first layer of gates, then the second"
    ends = {round(max(y for _, y in leg.points), 3) for leg in picture.legs if leg.role == "open"}
    assert len(ends) == 1, "every physical leg runs on to the bottom, as wires do"
    if built == "quimb":  # the gates hold only their sites' tags: named G, not after a site
        assert sorted(picture.labels).count("G") == 5
