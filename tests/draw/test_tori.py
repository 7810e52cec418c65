"""A torus (a square lattice closed both ways: the Ising partition function with periodic boundaries) drawn as
its grid with the fewest crossings any drawing has: every row's closing line round the outside, every column's
back inside beside its column; each column's own lines straight."""

import re

import numpy as np
import opt_einsum
import pytest
from svgcheck import defects, honesty, parse

import penrose as pn


def _complex(rng, shape):
    return (rng.normal(size=shape) + 1j * rng.normal(size=shape)) / 2


def by_einsum(rows, columns):
    rng = np.random.default_rng(rows * 10 + columns)
    equation = pn.networks.lattice_equation(rows, columns, periodic=True)
    arrays = [_complex(rng, (2, 2, 2, 2)) for _ in range(rows * columns)]
    # (opt_einsum's own pairwise contraction: numpy's einsum takes ~40 s on a 3 × 5 torus)
    return pn.einsum(equation, *arrays), opt_einsum.contract(equation, *arrays, optimize="greedy")


def by_quimb(rows, columns):
    qtn = pytest.importorskip("quimb.tensor")
    network = qtn.TN2D_classical_ising_partition_function(rows, columns, beta=0.3, cyclic=True)
    return pn.from_quimb(network), network.contract(all, optimize="greedy")


def least_crossings(rows, columns):
    """The crossing number of the rows × columns torus graph (C_rows × C_columns) where it is known, min(L, M)
    ≥ 3: the longer direction's closing lines come back inside, each crossing the lines between."""
    return min(columns * (rows - 2), rows * (columns - 2))


@pytest.mark.parametrize("build", [by_einsum, by_quimb])
@pytest.mark.parametrize(("rows", "columns"), [(3, 3), (4, 4), (3, 5), (5, 3), (4, 6)])
def test_a_torus_is_drawn_as_its_grid_with_the_least_crossings(build, rows, columns):
    diagram, expected = build(rows, columns)
    svg = diagram.draw(value=False).to_svg()
    picture = parse(svg)
    assert re.search(r'data-layout="torus"', svg)
    assert defects(picture) == {}
    counted = honesty(picture)
    assert counted["crossings"] == least_crossings(rows, columns)
    # each closing line turns four times (out, round, back); every other line, the grid's own, is straight
    assert counted["bends"] == 4 * (rows + columns)
    assert diagram.value() == pytest.approx(expected, rel=1e-9)


def test_each_column_and_its_closing_line_leave_the_top_box_downwards():
    diagram, _ = by_einsum(4, 4)
    from penrose.draw.layout.engines import layout_network
    from penrose.draw.themes import get_theme

    geometry = layout_network(diagram.network, get_theme("slide"))
    boxes = {box.node: box for box in geometry.boxes}
    rows = sorted({round(box.y, 3) for box in boxes.values()})
    top = [box for box in boxes.values() if round(box.y, 3) == rows[0]]
    for box in top:  # two lines down (the column's and its closing line), one each way along the row
        assert sorted(box.sides.values()) == ["E", "S", "S", "W"], box.label
