"""Japanese labels in every output: measured wide, set in a CJK face in PNG and PDF, compiled by LuaLaTeX."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from raster import screenshot
from svgcheck import NS, parse

import penrose as pn
from penrose.draw.labels import text_width
from penrose.draw.render import export

LABELS = ["上向き", "反転", "下向き", "E₀ の固有状態", "ハミルトニアン H"]


def issue_example():
    return pn.bra([1, 0], name="上向き") @ pn.op([[0, 1], [1, 0]], name="反転") @ pn.ket([0, 1], name="下向き")


def glyph_cells(png: bytes, left: float, top: float, size: float, count: int):
    """The ``count`` squares of side ``size`` (pixels of the PNG) starting at ``(left, top)``."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("L")
    return [
        image.crop((round(left + k * size), round(top), round(left + (k + 1) * size), round(top + size))).tobytes()
        for k in range(count)
    ]


def test_japanese_labels_fit_their_boxes_with_room_to_spare():
    for name in LABELS:
        svg = pn.ket([1, 0], name=name).draw(value=False).to_svg()
        picture = parse(svg)
        (box,) = picture.boxes
        (label,) = [element for element in picture.root.iter(NS + "text") if element.get("class") == "label"]
        x, text = float(label.get("x")), "".join(label.itertext())
        width = text_width(text, float(label.get("font-size")))
        assert text_width(name, 24) >= 0.95 * 24 * sum(ord(c) > 0x3000 for c in name)  # a full em each
        assert box.left + 6 <= x - width / 2 and x + width / 2 <= box.right - 6, name  # clear of the border


def test_the_png_sets_japanese_in_a_cjk_face_not_empty_boxes():
    pytest.importorskip("cairosvg")
    family = export.cjk_font()
    if family is None:
        pytest.skip("no CJK font is installed (Debian: apt-get install fonts-noto-cjk); .ci/run installs one")
    size = 40
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" font-family="DejaVu Serif">'
        f'<rect width="200" height="60" fill="white"/>'
        f'<text x="10" y="45" font-size="{size}">上向き</text></svg>'
    )
    png = export.svg_to_png(svg, scale=1.0)  # the export path: the label gets the CJK face
    cells = glyph_cells(png, 10, 8, size, 3)
    assert len(set(cells)) == 3  # three different glyphs: tofu would draw one empty box three times
    assert all(cell.count(255) < len(cell) * 0.97 for cell in cells)  # and each has ink
    figure = issue_example().draw()
    for suffix in (".png", ".pdf"):
        assert export.render(figure, suffix)  # the issue's example exports without warnings
    assert family.replace(" ", "").encode() in export.render(figure, ".pdf").replace(b" ", b"")


def test_the_png_says_which_font_to_install_when_there_is_none(monkeypatch):
    monkeypatch.setattr(export, "cjk_font", lambda: None)
    monkeypatch.setattr(export.shutil, "which", lambda name: "/usr/bin/fc-list")
    with pytest.warns(export.MissingFontWarning, match="apt-get install fonts-noto-cjk"):
        export._check_cjk(issue_example().draw().to_svg())


@pytest.mark.latex  # (about 45 s: out of the fast loop, -m "not latex")
def test_tikz_with_japanese_labels_compiles_with_lualatex_and_luatexja(tmp_path):
    if shutil.which("lualatex") is None or shutil.which("kpsewhich") is None:
        pytest.skip("LuaLaTeX is not installed (Debian: texlive-luatex); .ci/run installs it")
    found = subprocess.run(["kpsewhich", "luatexja.sty"], capture_output=True, text=True)
    if not found.stdout.strip():
        pytest.skip("luatexja is not installed (Debian: texlive-lang-japanese); .ci/run installs it")
    tikz = issue_example().draw().to_tikz()
    assert tikz.splitlines()[0].endswith(r"\usepackage{luatexja} (compile with lualatex).")
    assert r"\mbox{上向き}" in tikz
    (tmp_path / "figure.tex").write_text(tikz, encoding="utf-8")
    (tmp_path / "slide.tex").write_text(
        "\\documentclass{article}\\usepackage{tikz}\\usepackage{luatexja}\\pagestyle{empty}"
        "\\begin{document}\\input{figure.tex}\\end{document}\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        ["lualatex", "-interaction=nonstopmode", "slide.tex"], cwd=tmp_path, capture_output=True, timeout=300
    )
    log = (tmp_path / "slide.log").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0 and (tmp_path / "slide.pdf").exists(), log[-2000:]
    assert "Missing character" not in log


def test_latin_only_tikz_still_needs_nothing_but_pdflatex():
    first = pn.ket([1, 0], name="ψ").draw().to_tikz().splitlines()[0]
    assert first.endswith(r"\usepackage{tikz}.") and "luatexja" not in first


@pytest.mark.browser
def test_chromium_shows_the_japanese_labels(tmp_path):
    if export.cjk_font() is None:
        pytest.skip("no CJK font is installed (Debian: apt-get install fonts-noto-cjk); .ci/run installs one")
    from PIL import Image, ImageChops

    def shot(name: str, file: str) -> Image.Image:
        path = tmp_path / f"{file}.svg"
        path.write_text(pn.ket([1, 0], name=name).draw(value=False).to_svg(), encoding="utf-8")
        screenshot(path, tmp_path / f"{file}.png", tmp_path, size=(300, 120))
        return Image.open(tmp_path / f"{file}.png").convert("L")

    real, tofu = shot("上向き", "real"), shot("\U000f0001\U000f0002\U000f0003", "tofu")  # private use: no font
    assert ImageChops.difference(real, tofu).getbbox() is not None  # Chromium drew glyphs, not empty boxes
