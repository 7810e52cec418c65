"""The renderer: structure of the SVG for the seminar's examples, with the built-in layout and Graphviz."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from strategies import networks
from svgcheck import check_structure, defects, honesty, parse

import penrose as pn
from conftest import program
from penrose.draw.layout import graphviz_engine
from penrose.draw.themes import THEMES

LAYOUTS = ["builtin", pytest.param("dot", marks=pytest.mark.graphviz)]
GENERAL = ("abc,ade,bdf,cef->", [(2, 2, 2)] * 4)  # a tetrahedron: no shape penrose knows


def declared_general() -> pn.Diagram:
    """The tetrahedron with declared sides no grid reads (the third line runs back left): a general placement's."""
    boxes = [pn.tensor(np.ones((2, 2, 2)), legs=[("x", "E"), ("y", "S"), ("z", "W")], name=f"T{k}") for k in range(4)]
    network = pn.kron(*boxes)

    def leg(box: int, name: str) -> pn.model.Leg:
        return next(leg for leg in network.legs if leg.node == box and leg.name == name)

    pairs = [((0, "x"), (1, "z")), ((1, "x"), (2, "z")), ((2, "x"), (3, "z")), ((3, "x"), (0, "z"))]
    pairs += [((0, "y"), (2, "y")), ((1, "y"), (3, "y"))]
    return network.join([(leg(*a), leg(*b)) for a, b in pairs])


def mps(n, seed=0):
    return pn.networks.mps(pn.networks.random_mps_tensors(n, bond=3, seed=seed))


def grid(size, seed=0):
    rng = np.random.default_rng(seed)
    shapes = {(i, j): (2,) * len(pn.networks.grid_sides(size, i, j)) for i in range(size) for j in range(size)}
    return pn.networks.grid({site: rng.normal(size=shape) for site, shape in shapes.items()})


H = pn.op([[1, 2], [-1, 4]], name="H")
EXAMPLES = {
    "S1 ket": (pn.ket([1, 2, 4, 3]), ["|1,2,4,3⟩"], ["1", "2", "4", "3"]),
    "S1 bra": (pn.bra([1, 2, 4, 3]), ["⟨1,2,4,3|"], ["1", "2", "4", "3"]),
    "S4": (pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2]), ["⟨1,2,4,3|", "|5,1,−3,2⟩"], ["1"]),
    "S5": (H @ pn.ket([1, -2], name="ψ"), ["H", "|ψ⟩"], ["−3", "−9"]),
    "S7": (pn.op([[1, 2], [3, 4]], name="A") @ pn.op([[0, 1], [1, 0]], name="B"), ["A", "B"], ["2", "1", "4", "3"]),
    "trace": (pn.trace(pn.op(np.eye(2), name="A") @ pn.op([[1, 2], [3, 4]], name="B")), ["A", "B"], ["5"]),
    "MPS 6": (mps(6), [f"A{c}" for c in "₁₂₃₄₅₆"], ["(64-dimensional vector)"]),  # an MPS is a ket
    "3x3 grid": (grid(3), None, None),
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", list(EXAMPLES))
def test_examples_render_with_the_right_structure(name, layout):
    diagram, labels, values = EXAMPLES[name]
    picture = parse(diagram.draw(layout=layout).to_svg())
    check_structure(picture, diagram)
    if labels is not None:
        assert picture.labels == labels
    if values is not None:
        assert picture.values == values


@pytest.mark.parametrize("layout", LAYOUTS)
def test_mps_norm_is_a_straight_ladder(layout):
    norm = pn.networks.mps_norm(pn.networks.random_mps_tensors(6, bond=3))
    picture = parse(norm.draw(layout=layout).to_svg())
    check_structure(picture, norm)
    kets = sorted((b for b in picture.boxes if b.node < 6), key=lambda b: b.node)
    bras = sorted((b for b in picture.boxes if b.node >= 6), key=lambda b: b.node)
    assert len({round(b.top) for b in kets}) == 1 and len({round(b.top) for b in bras}) == 1  # two rows
    assert bras[0].top > kets[0].bottom  # bras below
    for ket, bra in zip(kets, bras):  # rungs vertical: same centres
        assert abs((ket.left + ket.right) - (bra.left + bra.right)) < 1
    expected = norm.value()
    assert float(picture.values[0].replace("−", "-")) == pytest.approx(expected, rel=1e-3)


def test_grid_is_square():
    picture = parse(grid(3).draw().to_svg())
    xs = sorted({round((b.left + b.right) / 2) for b in picture.boxes})
    ys = sorted({round((b.top + b.bottom) / 2) for b in picture.boxes})
    assert len(xs) == 3 and len(ys) == 3


def test_operator_hats_are_drawn_over_their_letter():
    svg = pn.op(np.eye(2), name="X").draw().to_svg()
    picture = parse(svg)
    assert picture.labels == ["X"] and svg.count('class="hat"') == 1
    assert 'class="hat"' not in pn.ket([1, 0], name="X").draw().to_svg()  # kets have no hat
    assert "\\hat{X}" in pn.op(np.eye(2), name="X").draw().to_tikz()


def test_closed_factors_sit_side_by_side():
    psi, o = pn.ket([1, 2], name="ψ"), pn.ket([0, 1], name="o")
    picture = parse(((psi.dag @ psi) & (o.dag @ o)).draw().to_svg())
    assert len({round(b.top) for b in picture.boxes}) == 1  # one row: ⟨ψ|ψ⟩⟨o|o⟩


def test_equation_s8_draws_both_sides_and_the_check():
    X = pn.op([[0, 1], [1, 0]], name="H")
    phi = pn.normalize(pn.ket([1, 1], name="φ"))
    figure = pn.equation(X @ phi, 1 * phi).draw(check=True)
    picture = parse(figure.to_svg())
    assert picture.labels == ["H", "|φ⟩", "|φ⟩"]
    assert "=" in picture.texts
    assert picture.root.find(".//{http://www.w3.org/2000/svg}path[@class='check']") is not None
    wrong = pn.equation(X @ pn.ket([1, 0]), pn.ket([1, 0])).draw(check=True).to_svg()
    assert 'class="cross"' in wrong


def test_sum_draws_terms_with_coefficients():
    up, down = pn.ket([1, 0], name="↑"), pn.ket([0, 1], name="↓")
    picture = parse(((up - 2 * down) / 2).draw().to_svg())
    assert picture.labels == ["|↑⟩", "|↓⟩"]
    assert picture.texts[:4] == ["0.5", "|↑⟩", "−", "|↓⟩"]  # 0.5|↑⟩ − |↓⟩: a unit coefficient is a sign
    assert picture.values == ["0.5", "−1"]


def test_a_bare_minus_sign_stands_apart_from_the_next_terms_leg():
    up, down = pn.ket([1, 0], name="↑"), pn.ket([0, 1], name="↓")
    root = parse((up - down).draw().to_svg()).root
    sign = next(e for e in root.iter() if e.get("class") == "coefficient")
    stub = next(e for e in root.iter() if e.get("class") == "open" and e.get("data-term") == "1")
    stub_left = min(float(v) for v in stub.get("d").replace("M", " ").replace("L", " ").split()[0::2])
    size = float(sign.get("font-size"))
    assert sign.text == "−" and stub_left - float(sign.get("x")) >= 1.2 * size  # "−   —", never "− —"


def test_symbolic_diagrams_draw_without_a_value():
    picture = parse((pn.bra(name="χ", dim=4) @ pn.op(name="U", dim=4).dag @ pn.ket(name="ψ_0")).draw().to_svg())
    assert picture.labels == ["⟨χ|", "U†", "|ψ₀⟩"] and picture.values == []


def test_values_are_formatted_readably():
    assert parse(pn.ket(np.array([1, 1]) / np.sqrt(2)).draw().to_svg()).values == ["1/√2", "1/√2"]
    assert parse(pn.ket([np.sqrt(2), 3 / np.sqrt(2)]).draw().to_svg()).values == ["√2", "3/√2"]  # not 2/√2
    assert parse(pn.ket([0.5j, 1 + 2j]).draw().to_svg()).values == ["0.5i", "1+2i"]
    assert parse(pn.op(np.eye(9)).draw().to_svg()).values == ["(9×9 matrix)"]


def test_user_text_is_escaped_in_svg_and_dot():
    hostile = '<script>alert("&")</script>\\'
    diagram = pn.op(np.eye(2), name=hostile) @ pn.ket([1, 0], name="</text>")
    for layout in ("builtin", "dot") if program("graphviz") else ("builtin",):
        picture = parse(diagram.draw(layout=layout).to_svg())  # parses: nothing escaped the XML
        assert picture.labels == [hostile, "|</text>⟩"]
    labels = [hostile, "|</text>⟩"]
    source = graphviz_engine.to_dot(diagram.network, [(50, 50), (50, 50)], labels, THEMES["slide"]).source
    assert 'label="<script>alert(\\"&\\")</script>\\\\"' in source


def test_svg_is_deterministic_and_fits_its_viewbox():
    first = (H @ pn.ket([1, -2], name="ψ")).draw().to_svg()
    second = (H @ pn.ket([1, -2], name="ψ")).draw().to_svg()
    assert first == second
    root = parse(first).root
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    for box in parse(first).boxes:
        assert box.left > 0 and box.right < width and box.top > 0 and box.bottom < height
    assert "/work" not in first and "file:" not in first


def test_themes():
    diagram = H @ pn.ket([1, -2])
    slide, paper, dark = (diagram.draw(theme=t).to_svg() for t in ("slide", "paper", "dark"))
    assert 'stroke-width="3"' in slide and 'stroke-width="1.2"' in paper
    assert 'class="background"' in dark and 'class="background"' not in slide
    with pytest.raises(pn.DiagramError, match="unknown theme 'neon'"):
        diagram.draw(theme="neon")
    with pytest.raises(pn.DiagramError, match="unknown layout 'circo'"):
        diagram.draw(layout="circo")


def test_colours_are_overridable_per_node():
    svg = pn.ket([1, 0], name="ψ", color="#ff0000").draw().to_svg()
    assert 'fill="#ff0000"' in svg


def test_leg_labels():
    T = pn.tensor(np.ones((2, 3, 4)), legs=[("a", "W"), ("b", "E"), ("c", "S")], name="T")
    picture = parse(T.draw(leg_labels=True).to_svg())
    assert {"a", "b", "c"} <= set(picture.texts)


def test_without_graphviz_auto_falls_back_and_says_so_once(monkeypatch):
    monkeypatch.setattr(graphviz_engine.shutil, "which", lambda name: None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # sides penrose chose: a spring layout, Graphviz not needed
        free = pn.einsum(GENERAL[0], *[np.ones(s) for s in GENERAL[1]]).draw()
    assert free.layout == "spring"
    general = declared_general()
    with pytest.warns(pn.errors.GraphvizWarning, match="Graphviz's 'dot' program was not found"):
        figure = general.draw()
    check_structure(parse(figure.to_svg()), general)
    assert figure.layout == "layered"
    with warnings.catch_warnings(record=True) as caught:  # filters as they are, registries reset
        general.draw()
        general.draw()
        pn.einsum("ab,ab->", np.ones((2, 2)), np.ones((2, 2))).draw()  # another call site, the same warning
    assert [w.category for w in caught] == [pn.errors.GraphvizWarning], "said once, by Python's default filter"
    with pytest.raises(pn.errors.ExternalError, match="layout='dot' needs Graphviz"):
        general.draw(layout="dot")


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        ("exec sleep 30", "took longer than 0.5 s"),
        ("echo 'not json'", "output penrose cannot read"),
        ("echo '{}'", "output penrose cannot read"),
        ('echo \'{"objects": [{"name": "n0", "pos": "nan,1"}]}\'', "output penrose cannot read"),
        ("echo 'Error: syntax' >&2; exit 1", "failed: Error: syntax"),
    ],
)
def test_a_broken_graphviz_falls_back_to_the_builtin_layout(script, reason, tmp_path, monkeypatch):
    fake = tmp_path / "dot"
    fake.write_text(f"#!/bin/sh\ncat >/dev/null\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(graphviz_engine.shutil, "which", lambda name: str(fake))
    monkeypatch.setenv("PENROSE_GRAPHVIZ_TIMEOUT", "0.5")
    general = declared_general()
    for layout in ("auto", "dot"):
        with pytest.warns(pn.errors.GraphvizWarning, match=reason):
            figure = general.draw(layout=layout)
        assert figure.layout == "layered"
        check_structure(parse(figure.to_svg()), general)


def test_the_graphviz_timeout_is_checked(monkeypatch):
    monkeypatch.setenv("PENROSE_GRAPHVIZ_TIMEOUT", "soon")
    with pytest.raises(pn.DiagramError, match="PENROSE_GRAPHVIZ_TIMEOUT='soon' is not a number"):
        graphviz_engine.timeout()


def test_jupyter_display():
    d = pn.ket([1, 0])
    assert d._repr_svg_().startswith("<svg")
    assert d.draw()._repr_svg_() == d.draw().to_svg()
    assert pn.equation(d, d)._repr_svg_().startswith("<svg")


@settings(max_examples=60, deadline=None)
@given(networks())
def test_random_networks_draw_with_the_right_structure(spec):
    count, ranks, bonds, _, dims, _, seed, sides = spec
    rng = np.random.default_rng(seed)
    diagram = pn.kron(
        *[
            pn.tensor(
                rng.normal(size=tuple(dims[(t, k)] for k in range(ranks[t]))),
                legs=[(f"l{k}", sides[t][k]) for k in range(ranks[t])],
                name=f"T{t}",
            )
            for t in range(count)
        ]
    )
    for a, b in bonds:
        by_origin = {(leg.node, leg.name): leg for leg in diagram.legs}
        diagram = diagram.join(by_origin[(a[0], f"l{a[1]}")], by_origin[(b[0], f"l{b[1]}")])
    picture = parse(diagram.draw(layout="builtin", value=False).to_svg())
    check_structure(picture, diagram)
    assert defects(picture) == {}


def test_the_honesty_checker_sees_lies():
    box = '<rect class="box" data-node="{n}" data-term="0" data-kind="tensor" x="{x}" y="0" width="40" height="40"/>'
    line = '<path class="{role}" data-term="0" data-from-node="0" data-from-leg="{leg}" data-from-side="E" d="{d}"/>'
    lies = {
        "through-box": [line.format(role="bond", leg="a", d="M40 20 L200 20")],
        "shared": [
            line.format(role="bond", leg="a", d="M40 10 L100 10"),
            line.format(role="bond", leg="b", d="M60 10 L90 10"),
        ],
        "touch": [
            line.format(role="bond", leg="a", d="M40 10 L100 10"),
            line.format(role="bond", leg="b", d="M70 10 L70 -30"),
        ],
    }
    for kind, paths in lies.items():
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg">'
            + box.format(n=0, x=0)
            + box.format(n=1, x=150)
            + "".join(paths)
            + "</svg>"
        )
        assert defects(parse(svg)).get(kind), kind


@pytest.mark.parametrize("sides", [("S", "N"), ("E", "W")])
def test_a_line_between_the_same_sides_of_stacked_boxes_goes_around(sides):
    # found by hypothesis: two boxes one beyond the other, joined S to S and N to N (or E-E, W-W)
    out, back = sides
    first = pn.tensor(np.ones((2, 2)), legs=[("a", out), ("b", back)], name="A")
    second = pn.tensor(np.ones((2, 2)), legs=[("a", out), ("b", back)], name="B")
    diagram = pn.kron(first, second)
    legs = {(leg.node, leg.name): leg for leg in diagram.legs}
    diagram = diagram.join(legs[(0, "a")], legs[(1, "a")])
    legs = {(leg.node, leg.name): leg for leg in diagram.legs}
    diagram = diagram.join(legs[(1, "b")], legs[(0, "b")])
    picture = parse(diagram.draw(layout="builtin", value=False).to_svg())
    check_structure(picture, diagram)
    assert defects(picture) == {}


def test_a_corner_line_turns_where_no_box_is_in_the_way():
    # E leg of A to the S leg of B, which sits to A's right: turning at B's x would cross B
    a = pn.tensor(np.ones((3, 2)), legs=[("bond", "E"), ("open", "E")], name="A")
    b = pn.tensor(np.ones(3), legs=[("bond", "S")], name="B")
    diagram = pn.connect(a, ["bond"], b, ["bond"])
    for engine in ("builtin", "auto"):
        picture = parse(diagram.draw(layout=engine, value=False).to_svg())
        check_structure(picture, diagram)
        assert defects(picture) == {}, engine


def test_crossing_lines_through_one_gap_get_their_own_tracks():
    # three lines through the gap between A and B, wired so that they must cross
    A = pn.tensor(np.ones((2, 2, 2)), legs=[("a", "E"), ("b", "E"), ("c", "E")], name="A")
    B = pn.tensor(np.ones((2, 2, 2)), legs=[("x", "W"), ("y", "W"), ("z", "W")], name="B")
    diagram = pn.connect(A, ["a", "b", "c"], B, ["z", "x", "y"])
    picture = parse(diagram.draw(value=False).to_svg())
    check_structure(picture, diagram)
    assert defects(picture) == {}
    assert honesty(picture)["crossings"] >= 2


def test_an_equation_is_checked_by_default_when_cheap_and_steps_show_their_strip():
    Z, up = pn.pauli.Z, pn.ket([1, 0], name="↑")
    holds = pn.equation(Z @ up, 1 * up)
    assert holds.cheap() and "check" in holds.draw().to_svg() and "check" not in holds.draw(check=False).to_svg()
    symbolic = pn.equation(pn.op(name="A", dim=2) @ up, up)
    assert not symbolic.cheap() and "check" not in symbolic.draw().to_svg()
    steps = pn.networks.mps_norm(pn.networks.random_mps_tensors(4, 2)).steps()
    assert steps._repr_svg_().startswith("<svg")  # Jupyter shows the strip, not the list's text
    with pytest.raises(pn.DiagramError, match="True, False or"):
        holds.draw(check="yes")
