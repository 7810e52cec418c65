"""The user's hand on a layout: pinned positions, flow, a tree's root, the engines' registry; checked on geometry."""

import numpy as np
import pytest
from svgcheck import defects, parse

import penrose as pn
from penrose.draw.layout.control import cells_of
from penrose.draw.layout.engines import ENGINES, layout_network, register_layout
from penrose.draw.themes import get_theme

THEME = get_theme("slide")
RNG = np.random.default_rng(7)


def _complex(*shape):
    return RNG.normal(size=shape) + 1j * RNG.normal(size=shape)


def _sandwich():
    psi = pn.ket(_complex(2), name="ψ")
    return psi.dag @ pn.op(_complex(2, 2), name="H") @ psi


def _mps_norm():
    return pn.networks.mps_norm(pn.networks.random_mps_tensors(4, 3, 2, seed=1))


def _centres(geometry):
    return {box.node: (box.x, box.y) for box in geometry.boxes}


def test_a_figure_reports_its_positions_and_takes_them_back_unchanged():
    diagram = _sandwich()
    figure = diagram.draw()
    assert figure.positions == {"ψ†": (0, 0), "H": (1, 0), "ψ": (2, 0)}
    again = diagram.draw(positions=figure.positions)
    assert again.to_svg() == figure.to_svg(), "pinned where it already is: the same picture, byte for byte"


def test_pinned_boxes_stay_where_put_and_the_rest_is_laid_out_around_them():
    diagram = _sandwich()
    names = list(diagram.draw().positions)
    ket = names[-1]
    figure = diagram.draw(positions={ket: (1, 1)})  # the ket under the operator
    cells = figure.positions
    assert cells[ket][1] > max(cell[1] for name, cell in cells.items() if name != ket), "the ket in a row below"
    assert len(set(cells.values())) == 3, "no two boxes in one cell"
    assert defects(parse(figure.to_svg())) == {}
    assert np.isclose(diagram.value(), complex(diagram)), "pins change the picture, never the number"


def test_pins_by_name_or_number_and_errors_that_name_the_box():
    norm = _mps_norm()
    positions = norm.draw().positions
    assert set(positions) == {f"A_{k}" for k in range(1, 5)} | {f"A_{k}*" for k in range(1, 5)}
    moved = dict(positions)
    moved["A_1"], moved["A_1*"] = positions["A_1*"], positions["A_1"]  # the first site's ket and bra change rows
    figure = norm.draw(positions=moved)
    assert figure.positions["A_1"][1] != figure.positions["A_2"][1]
    assert defects(parse(figure.to_svg())) == {}
    with pytest.raises(pn.DiagramError, match="no box 'Z' in the picture; its boxes are named 'A_1', 'A_2'"):
        norm.draw(positions={"Z": (0, 0)})
    with pytest.raises(pn.DiagramError, match=r"\(column, row\)"):
        norm.draw(positions={"A_1": (0.5, 1)})
    with pytest.raises(pn.DiagramError, match="another pinned box"):
        norm.draw(positions={"A_1": (0, 0), 1: (0, 0)})
    twins = pn.ket([1, 2j], name="x") & pn.ket([1j, 1], name="x")
    assert set(twins.draw().positions) == {0, 1}, "boxes sharing a name are keyed by number"
    with pytest.raises(pn.DiagramError, match="2 boxes are named 'x'; pin them by number"):
        twins.draw(positions={"x": (0, 0)})
    assert twins.draw(positions={0: (0, 1), 1: (0, 0)}).positions == {0: (0, 1), 1: (0, 0)}


def test_positions_of_a_sum_are_a_list_per_network():
    a, b = pn.ket([1, 2j], name="a"), pn.ket([3, 1], name="b")
    op = pn.op(_complex(2, 2), name="M")
    total = op @ a + op @ b
    figure = total.draw()
    assert isinstance(figure.positions, list) and len(figure.positions) == 2
    assert total.draw(positions=figure.positions).to_svg() == figure.to_svg()
    with pytest.raises(pn.DiagramError, match="draws 2 networks"):
        total.draw(positions=figure.positions[0])


@pytest.mark.parametrize("flow", ["down", "up"])
def test_a_turned_ladder_stands_upright(flow):
    norm = _mps_norm()
    flat = layout_network(norm.network, THEME)
    turned = layout_network(norm.network, THEME, flow=flow)
    flat_cells, turned_cells = cells_of(flat), cells_of(turned)
    assert {c for c, _ in flat_cells} == {0, 1, 2, 3} and {r for _, r in flat_cells} == {0, 1}, "lies flat"
    assert {c for c, _ in turned_cells} == {0, 1} and {r for _, r in turned_cells} == {0, 1, 2, 3}, "stands up"
    first = turned_cells[0][1]
    assert first == (0 if flow == "down" else 3), "down: the first site on top; up: at the bottom"
    for box in turned.boxes:  # bonds along the chain run vertically now
        assert set(box.sides.values()) <= {"N", "S", "E", "W"}
    figure = norm.draw(flow=flow)
    assert defects(parse(figure.to_svg())) == {}
    assert np.isclose(figure.positions and norm.value(), norm.value())


def test_a_mirrored_circuit_runs_from_its_kets_on_the_left():
    zero = pn.ket([1, 0], name="0")
    hadamard = pn.op(np.array([[1, 1], [1, -1]]) / np.sqrt(2), name="H")
    circuit = pn.site_operator({0: hadamard}, 2) @ (zero & zero)
    written = layout_network(circuit.network, THEME)
    mirrored = layout_network(circuit.network, THEME, flow="left")
    kets = [box.node for box in written.boxes if box.label.startswith("|")]
    x_written = {box.node: box.x for box in written.boxes}
    x_mirrored = {box.node: box.x for box in mirrored.boxes}
    assert all(x_written[k] == max(x_written.values()) for k in kets), "as written: kets on the right"
    assert all(x_mirrored[k] == min(x_mirrored.values()) for k in kets), "mirrored: kets on the left"
    for box in mirrored.boxes:
        if box.node in kets:
            assert set(box.sides.values()) == {"E"}, "a ket's leg now leaves to the right"
    figure = circuit.draw(flow="left")
    assert defects(parse(figure.to_svg())) == {}
    with pytest.raises(pn.DiagramError, match=r"unknown flow 'sideways'.*'left'"):
        circuit.draw(flow="sideways")


def _unbalanced_tree():
    t = [_complex(2, 2), _complex(2, 2, 2), _complex(2, 2, 2), _complex(2, 2), _complex(2, 2), _complex(2, 2)]
    return pn.einsum("ab,acd,cef,bp,dq,er,fs->pqrs", t[0], t[1], t[2], t[3], t[4], t[5], _complex(2, 2))


def test_an_einsum_tree_hangs_from_its_root_not_its_centre():
    tree = _unbalanced_tree()
    geometry = layout_network(tree.network, THEME)
    top = min(_centres(geometry).items(), key=lambda item: item[1][1])[0]
    assert top == 0, "the box holding no open leg with two children is the root"
    cells = cells_of(geometry)
    for (a, _), (b, _) in tree.network.bonds:  # every line joins two neighbouring rows
        assert abs(cells[a][1] - cells[b][1]) == 1
    for box in geometry.boxes:  # lines to children leave down, lines to the parent arrive from above
        bonded = [box.sides[leg] for (k, leg) in [p for bond in tree.network.bonds for p in bond] if k == box.node]
        assert set(bonded) <= {"N", "S"}
    assert defects(parse(tree.draw().to_svg())) == {}


def test_draw_root_hangs_the_tree_from_the_box_named():
    tree = _unbalanced_tree()
    geometry = layout_network(tree.network, THEME, root="T3")
    cells = cells_of(geometry)
    assert cells[2][1] == 0 and all(row > 0 for k, (_, row) in enumerate(cells) if k != 2)
    assert defects(parse(tree.draw(root="T3").to_svg())) == {}
    with pytest.raises(pn.DiagramError, match="root='nowhere': no box is named 'nowhere'"):
        tree.draw(root="nowhere")
    with pytest.raises(pn.DiagramError, match="not a tree"):
        _mps_norm().draw(root=0)


@pytest.mark.parametrize("layout", ["auto", "builtin", pytest.param("dot", marks=pytest.mark.graphviz)])
@pytest.mark.parametrize("equation", ["ab,bc,bd,be->acde", "ai,bi,ci->abc", "ab,ac,ad,ae->bcde"])
def test_copy_dots_are_small_in_every_layout(layout, equation):
    arrays = [_complex(2, 2) for _ in equation.split("->")[0].split(",")]
    picture = parse(pn.einsum(equation, *arrays).draw(layout=layout).to_svg())
    dots = [box for box in picture.boxes if box.kind == "copy"]
    assert dots, "a line shared by three boxes or more meets at a dot"
    assert all(box.right - box.left <= THEME.font_size * 0.6 + 0.5 for box in dots), "small, however many legs"
    assert defects(picture) == {}


def test_layouts_come_from_one_registry():
    assert set(pn.pictures.LAYOUTS) == set(ENGINES)

    def rows_only(network, sizes, labels, theme):
        return [(0, k) for k in range(len(network.nodes))], "column"

    register_layout("column", "every box in one column", rows_only, shapes=False)
    try:
        assert "column" in pn.pictures.LAYOUTS
        figure = pn.einsum("ab,bc,ca->", *[_complex(2, 2) for _ in range(3)]).draw(layout="column")
        assert figure.layout == "column"
        assert {column for column, _ in figure.positions.values()} == {0}
    finally:
        del ENGINES["column"], pn.pictures.LAYOUTS["column"]
    with pytest.raises(pn.DiagramError, match="unknown layout 'column'"):
        _sandwich().draw(layout="column")


def test_a_named_number_is_written_inline_before_the_state_it_scales():
    """λ|ψ⟩ as the algebra writes it: the number's circle in the ket's row, to its left (not stacked above)."""
    lam, psi = pn.scalar(3, name="λ"), pn.ket([1, 2], name="ψ")
    assert (lam * psi).draw().positions == {"λ": (0, 0), "ψ": (1, 0)}
    sandwich = pn.scalar(2, name="c") * (pn.bra([1, 0], name="φ") @ pn.op([[1, 2], [3, 4]], name="A") @ psi)
    cells = sandwich.draw().positions
    assert cells["c"] == (0, 0) and cells["φ"] == (1, 0) and cells["A"][0] > 1 and cells["ψ"][0] > cells["A"][0]
    assert (lam * psi).draw().to_svg().count("<text") >= 2
