"""Vectors hanging off a shape (an amplitude's bras, the boundary vectors on dimension-1 end bonds) drawn beside the
box they join: the shape stays the field's (a row, a ladder), not a tree or a tangle."""

from __future__ import annotations

import numpy as np
from svgcheck import check_structure, defects, honesty, parse

import penrose as pn

rng = np.random.default_rng(11)


def _complex(*shape: int) -> np.ndarray:
    return rng.normal(size=shape) + 1j * rng.normal(size=shape)


SITES = [_complex(2, 3), _complex(3, 2, 3), _complex(3, 2, 3), _complex(3, 2)]
BRAS = [_complex(2) for _ in range(4)]
ENDED = [_complex(1, 2, 3), _complex(3, 2, 3), _complex(3, 2, 3), _complex(3, 2, 1)]  # dimension-1 end bonds
ENDS = [_complex(1), _complex(1)]


def _picture(diagram: pn.Diagram):
    svg = diagram.draw(value=False).to_svg()
    picture = parse(svg)
    check_structure(picture, diagram)
    counted = honesty(picture)
    assert defects(picture) == {} and counted["crossings"] == 0 and counted["bends"] == 0, counted
    return {box.node: box for box in picture.boxes}


def _centre(box) -> tuple[float, float]:
    return (box.left + box.right) / 2, (box.top + box.bottom) / 2


def test_an_amplitude_keeps_its_row_with_each_bra_under_its_site():
    equation = "pa,aqb,brc,cs,p,q,r,s->"
    diagram = pn.einsum(equation, *SITES, *BRAS)
    np.testing.assert_allclose(diagram.value(), np.einsum(equation, *SITES, *BRAS), rtol=1e-12)
    boxes = _picture(diagram)
    assert len({round(_centre(boxes[k])[1], 3) for k in range(4)}) == 1, "the sites in one row"
    for site in range(4):
        bra, above = boxes[4 + site], boxes[site]
        assert bra.top > above.bottom and abs(_centre(bra)[0] - _centre(above)[0]) < 1e-6, "each bra under its site"


def test_boundary_vectors_on_dimension_one_bonds_continue_the_row():
    equation = "xpa,aqb,brc,csy,p,q,r,s,x,y->"
    arrays = [*ENDED, *BRAS, *ENDS]
    diagram = pn.einsum(equation, *arrays)
    np.testing.assert_allclose(diagram.value(), np.einsum(equation, *arrays), rtol=1e-12)
    boxes = _picture(diagram)
    row = round(_centre(boxes[0])[1], 3)
    assert round(_centre(boxes[8])[1], 3) == row == round(_centre(boxes[9])[1], 3), "x and y in the sites' row"
    assert boxes[8].right < boxes[0].left and boxes[9].left > boxes[3].right, "at its two ends"
    assert all(boxes[4 + k].top > boxes[k].bottom for k in range(4)), "the bras below"


def test_an_mps_norm_with_dimension_one_end_bonds_is_a_ladder_with_its_boundary_vectors_at_the_ends():
    equation = "xpa,aqb,brc,csy,XpA,AqB,BrC,CsY,x,X,y,Y->"
    bras = [site.conj() for site in ENDED]
    ends = [_complex(1) for _ in range(4)]
    diagram = pn.einsum(equation, *ENDED, *bras, *ends)
    np.testing.assert_allclose(diagram.value(), np.einsum(equation, *ENDED, *bras, *ends), rtol=1e-12)
    boxes = _picture(diagram)
    rows = sorted({round(_centre(box)[1], 3) for box in boxes.values()})
    assert len(rows) == 2, "two rows: the kets with their ends, the bras with theirs"
    assert boxes[8].right < boxes[0].left and boxes[10].left > boxes[3].right
