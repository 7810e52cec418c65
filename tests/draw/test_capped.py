"""Environments capping a sandwich (⟨l|E|r⟩ of transfer matrices, an iMPS expectation value) drawn as the field does:
each a tall box at its end spanning the rows it joins, every line straight; however the network was built."""

from __future__ import annotations

import numpy as np
import pytest
from svgcheck import check_structure, defects, honesty, parse

import penrose as pn

D, d, W = 3, 2, 4
rng = np.random.default_rng(7)


def _complex(*shape: int) -> np.ndarray:
    return rng.normal(size=shape) + 1j * rng.normal(size=shape)


L, A, O, R = _complex(D, D), _complex(D, d, D), _complex(d, d), _complex(D, D)
TWO_SITE, MPO, LEFT3, RIGHT3 = _complex(d, d, d, d), _complex(W, d, d, W), _complex(D, W, D), _complex(D, W, D)

#: name: (equation, arrays, the environments' positions, the operators' positions)
NETWORKS = {
    "transfer matrix": ("ac,aib,cid,bd->", [L, A, A.conj(), R], (0, 3), ()),
    "operator between": ("ac,aib,ij,cjd,bd->", [L, A, O, A.conj(), R], (0, 4), (2,)),
    "two columns, two operators": (
        "ac,aib,ij,cjd,bke,kl,dlf,ef->",
        [L, A, O, A.conj(), A, O, A.conj(), R],
        (0, 7),
        (2, 5),
    ),
    "two-site operator": ("ac,aib,bke,ikjl,cjd,dlf,ef->", [L, A, A, TWO_SITE, A.conj(), A.conj(), R], (0, 6), (3,)),
    "MPO row": ("axc,aib,xijy,cjd,byd->", [LEFT3, A, MPO, A.conj(), RIGHT3], (0, 4), (2,)),
    "left environment alone": ("ac,aib,cid->bd", [L, A, A.conj()], (0,), ()),
}


def _declared_transfer() -> pn.Diagram:
    """⟨l|A O A*|r⟩ joined with pn.connect, every side declared (l's two legs both on its right)."""
    left = pn.tensor(L, legs=[("a", "E"), ("c", "E")], name="l")
    ket = pn.tensor(A, legs=[("a", "W"), ("i", "S"), ("b", "E")], name="A")
    operator = pn.tensor(O, legs=[("i", "N"), ("j", "S")], name="O")
    bra = pn.tensor(A.conj(), legs=[("c", "W"), ("j", "N"), ("d", "E")], name="A^*")
    right = pn.tensor(R, legs=[("b", "W"), ("d", "W")], name="r")
    diagram = pn.connect(left, ["a"], ket, ["a"])
    diagram = pn.connect(diagram, ["i"], operator, ["i"])
    diagram = pn.connect(diagram, ["c", "j"], bra, ["c", "j"])
    return pn.connect(diagram, ["b", "d"], right, ["b", "d"])


def _by_quimb() -> pn.Diagram:
    qtn = pytest.importorskip("quimb.tensor")
    equation, arrays, _, _ = NETWORKS["operator between"]
    inputs = equation.split("->")[0].split(",")
    tags = ["l", "A", "O", "A*", "r"]
    network = qtn.TensorNetwork([qtn.Tensor(a, inds=list(i), tags={t}) for a, i, t in zip(arrays, inputs, tags)])
    return pn.from_quimb(network)


def _checked(diagram: pn.Diagram, caps: tuple[int, ...], operators: tuple[int, ...]) -> None:
    svg = diagram.draw(value=False).to_svg()
    picture = parse(svg)
    check_structure(picture, diagram)
    assert 'data-layout="tracks"' in svg and defects(picture) == {}
    assert honesty(picture) == {**honesty(picture), "crossings": 0, "bends": 0}
    boxes = {box.node: box for box in picture.boxes}
    rest = [box for node, box in boxes.items() if node not in caps]
    top, bottom = min(box.top for box in rest), max(box.bottom for box in rest)
    for cap in caps:  # each environment at its end, as tall as the rows it joins
        box = boxes[cap]
        assert box.top <= top + 1 and box.bottom >= bottom - 1
        assert box.right <= min(b.left for b in rest) or box.left >= max(b.right for b in rest)
    for node in operators:  # an operator between its ket above and its bra below, never an environment
        box = boxes[node]
        assert top < box.top and box.bottom < bottom


@pytest.mark.parametrize("name", list(NETWORKS))
def test_environments_stand_at_the_ends_of_the_sandwich_they_cap(name):
    equation, arrays, caps, operators = NETWORKS[name]
    diagram = pn.einsum(equation, *arrays)
    np.testing.assert_allclose(diagram.value(), np.einsum(equation, *arrays), rtol=1e-12)
    _checked(diagram, caps, operators)


def test_an_environment_update_leaves_its_new_bonds_on_the_right():
    """L·A·W·A* (DMRG's environment update): the three open bonds continue the rows to the right."""
    equation = "axc,aib,xijy,cjd->byd"
    diagram = pn.einsum(equation, LEFT3, A, MPO, A.conj())
    np.testing.assert_allclose(diagram.value(), np.einsum(equation, LEFT3, A, MPO, A.conj()), rtol=1e-12)
    _checked(diagram, (0,), (2,))
    picture = parse(diagram.draw(value=False).to_svg())
    opened = [leg.start[2] for leg in picture.legs if leg.role == "open"]
    assert opened == ["E", "E", "E"]


def test_a_two_site_operator_spans_its_two_columns():
    equation, arrays, _, _ = NETWORKS["two-site operator"]
    picture = parse(pn.einsum(equation, *arrays).draw(value=False).to_svg())
    boxes = {box.node: box for box in picture.boxes}
    centres = [(boxes[k].left + boxes[k].right) / 2 for k in (1, 2)]  # the two kets above it
    assert boxes[3].left < min(centres) and boxes[3].right > max(centres)


def test_the_same_sandwich_declared_or_from_quimb_is_drawn_the_same_way():
    declared = _declared_transfer()
    np.testing.assert_allclose(declared.value(), np.einsum("ac,aib,ij,cjd,bd->", L, A, O, A.conj(), R), rtol=1e-12)
    _checked(declared, (0, 4), (2,))
    assert "A*" in parse(declared.draw().to_svg()).labels  # A^* written as the field writes it
    quimb_built = _by_quimb()
    np.testing.assert_allclose(quimb_built.value(), declared.value(), rtol=1e-12)
    _checked(quimb_built, (0, 4), (2,))


def test_a_ring_of_equal_lines_and_a_dmrg_sandwich_are_not_capped():
    matrices = [_complex(3, 3) for _ in range(3)]
    ring = pn.einsum("ab,bc,ca->", *matrices)  # the trace of a product: no box is an environment
    assert 'data-layout="tracks"' not in ring.draw(value=False).to_svg()
