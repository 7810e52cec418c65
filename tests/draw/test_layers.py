"""Layers round a ring (a periodic MERA): where each box goes, and which lines close the rings."""

from __future__ import annotations

import pytest

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
