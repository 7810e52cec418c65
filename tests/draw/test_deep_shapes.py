"""Shapes thousands of boxes deep are placed without recursion: an einsum chain of 1500 matrices is a chain (it
raised RecursionError, its tree reading being built depth first by recursion), a deep tree a tree."""

from __future__ import annotations

import itertools

import numpy as np
import opt_einsum

import penrose as pn
from penrose.draw.layout import shapes


def _symbols(count: int) -> list[str]:
    return [opt_einsum.get_symbol(k) for k in range(count)]


def test_an_einsum_chain_of_fifteen_hundred_matrices_is_drawn_as_a_chain():
    letters = _symbols(1501)
    equation = ",".join(a + b for a, b in itertools.pairwise(letters)) + "->" + letters[0] + letters[-1]
    svg = pn.einsum(equation, *[np.eye(2)] * 1500).draw(value=False).to_svg()
    assert 'data-layout="chain"' in svg and svg.count('class="box"') == 1500


def test_a_tree_three_thousand_boxes_deep_hangs_from_its_centre():
    count = 3001  # a path: its centre on top, each half hanging below it, one row deeper per box
    neighbours = [{k - 1, k + 1} & set(range(count)) for k in range(count)]
    cells = shapes._tree(neighbours)
    assert cells[1500] == (cells[1500][0], 0) and {cells[0][1], cells[-1][1]} == {1500}
    assert len(set(cells)) == count
