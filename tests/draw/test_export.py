"""Export: SVG, PNG and PDF files, TikZ that compiles, and a real browser drawing the SVG."""

import sys

import numpy as np
import pytest
from latex import compile_tex
from raster import pixel_shares, screenshot
from svgcheck import parse

import penrose as pn
from penrose.draw.render.tikz import latex_math

FIGURE = (pn.op([[1, 2], [-1, 4]], name="H") @ pn.ket([1, -2], name="ψ_0")).draw()


def test_save_svg(tmp_path):
    path = FIGURE.save(tmp_path / "s5.svg")
    assert path.read_text(encoding="utf-8") == FIGURE.to_svg()


def test_save_png_and_pdf(tmp_path):
    pytest.importorskip("cairosvg", reason="the png extra is not installed")
    png = FIGURE.save(tmp_path / "s5.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pdf = FIGURE.save(tmp_path / "s5.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")


def test_png_without_the_extra_names_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "cairosvg", None)  # import now raises ImportError
    with pytest.raises(pn.DiagramError, match=r"pip install 'penrose-diagrams\[png\]'"):
        FIGURE.save(tmp_path / "s5.png")


def test_unknown_extension(tmp_path):
    with pytest.raises(pn.DiagramError, match=r"extension must be one of .svg, .png, .pdf, .tex"):
        FIGURE.save(tmp_path / "s5.jpg")


def test_latex_labels():
    assert latex_math("|ψ₀⟩") == r"\vert \psi _{0}\rangle "
    assert latex_math("Ĥ†") == r"\hat{H}^{\dagger}"
    assert latex_math('<b>"&%$#_{}~^\\') == r"<b>''\&\%\$\#\_\{\}\sim \hat{}\backslash "


TEX_EXAMPLES = {
    "s5": FIGURE,
    "hostile": (pn.op(np.eye(2), name='<script>"&%$#_{}~^\\') @ pn.ket([1, 0], name="E_0")).draw(theme="dark"),
    "equation": pn.equation(pn.pauli.X @ pn.ket([1, 1], name="+"), pn.ket([1, 1], name="+")).draw(check=True),
    "trace": pn.trace(pn.op(np.eye(2), name="A") @ pn.op(np.eye(2), name="B").dag).draw(theme="paper"),
    "long and coloured": (pn.ket([1, 0], name="ψ" * 9000 + "\x00\x1b", color="teal")).draw(leg_labels=True),
    "worked sum": (pn.op([[1, 2], [-1, 4]], name="H") @ pn.ket([1, -2], name="ψ")).draw(work=True),
}


@pytest.mark.latex
@pytest.mark.parametrize("name", list(TEX_EXAMPLES))
def test_tikz_compiles_with_pdflatex(tmp_path, name):
    (tmp_path / "figure.tex").write_text(TEX_EXAMPLES[name].to_tikz(), encoding="utf-8")
    code, log = compile_tex(
        tmp_path,
        "\\documentclass{article}\n\\usepackage{tikz}\n\\pagestyle{empty}\n"
        "\\begin{document}\n\\input{figure.tex}\n\\end{document}\n",
    )
    assert code == 0, log[-2000:]
    assert (tmp_path / "main.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.browser
def test_a_real_browser_draws_the_svg(tmp_path):
    pytest.importorskip("PIL", reason="Pillow is not installed")
    svg = tmp_path / "figure.svg"
    text = FIGURE.to_svg()
    svg.write_text(text, encoding="utf-8")
    width, height = (round(float(v)) for v in text.split('viewBox="')[1].split('"')[0].split()[2:])
    out = tmp_path / "shot.png"
    screenshot(svg, out, tmp_path, size=(width + 400, height + 300))  # tiny windows are drawn unreliably
    ink, fill = pixel_shares(out, width, height)
    assert ink > 0.02, f"the screenshot is blank: {ink:.1%} ink"
    assert fill > 0.05, f"the boxes were not filled: {fill:.1%} coloured pixels"


def test_a_figure_fits_a_width_in_svg_and_tikz():
    norm = pn.networks.mps_norm(pn.networks.random_mps_tensors(12, 2))
    wide, fitted = norm.draw(), norm.draw(width="10cm")
    svg = fitted.to_svg()
    view = svg.split('viewBox="')[1].split('"')[0]
    assert 'width="377.95"' in svg and view == wide.to_svg().split('viewBox="')[1].split('"')[0]  # same drawing
    scale = float(fitted.to_tikz().split("[x=")[1].split("pt")[0])
    assert scale < 0.75 * 0.3  # 12 sites in 10 cm: well under a quarter of the natural size
    assert norm.draw(width=300).to_svg().count('width="300"') == 1
    with pytest.raises(pn.DiagramError, match="is not a width"):
        norm.draw(width="wide")


@pytest.mark.latex
def test_a_fitted_figure_fits_a_beamer_frame(tmp_path):
    norm = pn.networks.mps_norm(pn.networks.random_mps_tensors(12, 2))
    norm.draw(width="10cm").save(tmp_path / "fit.tex")
    _, log = compile_tex(
        tmp_path,
        "\\documentclass{article}\\usepackage[textwidth=307pt]{geometry}\\usepackage{tikz}"
        "\\begin{document}\\noindent\\input{fit.tex}\\end{document}\n",
        "slide",
    )
    assert "Overfull" not in log  # a beamer frame's text is 307 pt wide


def test_words_are_upright_in_tikz_and_subscripts_take_every_digit():
    assert latex_math("CNOT") == r"\mathrm{CNOT}"
    assert latex_math("GHZ†") == r"\mathrm{GHZ}^{\dagger}"
    from penrose.draw.labels import subscripts

    assert subscripts("A_10") == "A₁₀"
    assert "A₁₀" in pn.tensor(np.ones(2), legs=[("a", "W")], name="A_10").draw().to_svg()


def test_japanese_labels_are_measured_wide_and_set_in_a_cjk_face_for_png(monkeypatch):
    from penrose.draw.labels import text_width
    from penrose.draw.render import export

    assert text_width("上向き", 24) > 1.6 * text_width("abc", 24)  # full-width: about twice a Latin letter
    diagram = pn.bra([1, 0], name="上向き") @ pn.op([[0, 1], [1, 0]], name="反転")
    svg = diagram.draw().to_svg()
    assert "Noto Serif CJK JP" in svg  # the SVG's font stack names CJK faces after the Latin ones
    picture = parse(svg)
    for box in picture.boxes[:1]:  # the wide labels fit their boxes
        assert box.right - box.left >= text_width("⟨上向き|", 24)
    monkeypatch.setattr(export, "cjk_font", lambda: "Some CJK Face")
    converted = export._check_cjk(svg)
    assert '⟨<tspan font-family="Some CJK Face">上向き</tspan>|</text>' in converted  # brackets keep the Latin face
    assert 'font-family="Some CJK Face"' not in export._check_cjk(pn.ket([1, 0], name="psi").draw().to_svg())
    monkeypatch.setattr(export, "cjk_font", lambda: None)
    monkeypatch.setattr(export.shutil, "which", lambda name: "/usr/bin/fc-list")
    with pytest.warns(export.MissingFontWarning, match="fonts-noto-cjk"):
        export._check_cjk(svg)


def test_a_png_takes_the_resolution_asked_for(tmp_path, capsys):
    pytest.importorskip("cairosvg")
    from PIL import Image

    figure = (pn.bra([1, 0], name="a") @ pn.ket([0, 1], name="b")).draw()
    default, sharp = figure.save(tmp_path / "a.png"), figure.save(tmp_path / "b.png", dpi=300)
    (w1, h1), (w2, h2) = Image.open(default).size, Image.open(sharp).size
    assert abs(w2 / w1 - 300 / 192) < 0.02 and abs(h2 / h1 - 300 / 192) < 0.03
    with pytest.raises(pn.DiagramError, match="dots per inch"):
        figure.save(tmp_path / "c.png", dpi=0)
    from penrose.frontend.cli import main

    assert main(["draw", "<1,0|1,0>", "-o", str(tmp_path / "d.png"), "--dpi", "96"]) == 0
    assert Image.open(tmp_path / "d.png").size[0] < w1


def test_a_contraction_gives_one_beamer_overlay_per_stage():
    norm = pn.networks.mps_norm(pn.networks.random_mps_tensors(3, 2))
    steps = norm.steps()
    text = steps.to_beamer()
    assert [f"\\onslide<{k}>" in text for k in range(1, len(steps) + 2)] == [True] * (len(steps) + 1)
    assert text.count("\\begin{tikzpicture}") == len(steps) + 1 and "\\onslide<7>" not in text
    frames = steps.frames()
    assert len(frames) == len(steps) + 1 and "the network" in frames[0].to_svg()
    assert "step 1" in frames[1].to_svg() and "step 5" in frames[-1].to_svg()


@pytest.mark.latex
def test_beamer_overlays_compile_into_one_page_per_stage(tmp_path):
    norm = pn.networks.mps_norm(pn.networks.random_mps_tensors(3, 2))
    (tmp_path / "steps.tex").write_text(norm.steps().to_beamer(), encoding="utf-8")
    code, log = compile_tex(
        tmp_path,
        "\\documentclass{beamer}\\usepackage{tikz}\\begin{document}"
        "\\begin{frame}{An MPS norm, step by step}\\input{steps.tex}\\end{frame}\\end{document}\n",
        "slide",
    )
    assert code == 0, log[-2000:]
    assert "Output written on slide.pdf (6 pages" in log, "the network and its five steps, one click each"
