"""The gallery: every example runs, matches numpy, and the page renders in a real browser."""

import re

import numpy as np
import pytest
from raster import pixel_shares, screenshot

from penrose import gallery
from penrose.frontend.cli import main

EXAMPLES = gallery.examples()


def test_every_seminar_example_is_there():
    names = [e.name for e in EXAMPLES]
    assert [n for n in names if n.startswith("s")] == sorted(n for n in names if n.startswith("s"))
    numbers = sorted(int(n[1:3]) for n in names if n.startswith("s"))
    assert numbers == list(range(1, 21))
    assert len([n for n in names if n.startswith("x")]) == 7  # x07: an MPS norm contracted step by step
    for example in EXAMPLES:
        assert example.caption and example.title and example.section in gallery.SECTIONS


def _close(value, reference):
    if isinstance(value, (list, tuple)):
        assert len(value) == len(reference)
        for v, r in zip(value, reference):
            _close(v, r)
    elif isinstance(value, (bool, np.bool_)):
        assert bool(value) == bool(reference)
    else:
        np.testing.assert_allclose(
            np.asarray(value, dtype=complex), np.asarray(reference, dtype=complex), rtol=1e-9, atol=1e-12
        )


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_runs_and_matches_numpy(example):
    figures = example.module.figures()
    assert figures and all(f.to_svg().startswith("<svg") for f in figures)
    _close(example.module.value(), example.module.reference())


def test_gallery_command_writes_one_page(tmp_path, capsys):
    assert main(["gallery", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{len(EXAMPLES)} of {len(EXAMPLES)} examples built" in out
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert page.count("<article") == len(EXAMPLES)
    assert page.count('<div class="figure" style=') >= len(EXAMPLES)
    for section in ("Vectors and matrices", "The eigen equation", "Spontaneous symmetry breaking"):
        assert section in page
    for link in re.findall(r'href="(source/[^"]+)"', page):
        assert (tmp_path / link).is_file()
    assert "value: 1</p>" in page  # S4


def test_a_failing_example_is_reported_and_the_others_go_on(tmp_path, monkeypatch, capsys):
    broken = EXAMPLES[3].module
    monkeypatch.setattr(broken, "figures", lambda: 1 / 0)
    assert main(["gallery", "-o", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert f"failed: {EXAMPLES[3].name}: ZeroDivisionError" in captured.err
    assert f"{len(EXAMPLES) - 1} of {len(EXAMPLES)} examples built" in captured.out
    assert "failed: ZeroDivisionError" in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Traceback" not in captured.err
    assert main(["gallery", "-o", str(tmp_path), "--debug"]) == 1
    assert "Traceback (most recent call last)" in capsys.readouterr().err


@pytest.mark.browser
def test_the_page_renders_in_a_browser_without_blank_figures(tmp_path):
    pytest.importorskip("PIL", reason="Pillow is not installed")
    assert main(["gallery", "-o", str(tmp_path / "site")]) == 0
    page = tmp_path / "site" / "index.html"
    shot = tmp_path / "page.png"
    screenshot(page, shot, tmp_path, size=(1400, 2400))
    ink, fill = pixel_shares(shot, 1400, 2400)
    assert ink > 0.01 and fill > 0.02, f"the page looks blank ({ink:.1%} ink, {fill:.1%} box colour)"
    for example in EXAMPLES[:4]:  # each figure on its own, as the page inlines it
        svg = tmp_path / f"{example.name}.svg"
        svg.write_text(example.module.figures()[0].to_svg(), encoding="utf-8")
        out = tmp_path / f"{example.name}.png"
        screenshot(svg, out, tmp_path)
        ink, _ = pixel_shares(out, 300, 100)
        assert ink > 0.005, f"{example.name} drew a blank figure"


def _cards(page):
    """Each card's id, figures (the SVG markup) and value line, in page order."""
    found = re.findall(r'<article id="([^"]+)">(.*?)</article>', page, re.S)
    return [
        (name, re.findall(r"<svg.*?</svg>", body, re.S), re.findall(r'<p class="value">[^:]+: (.*?)</p>', body))
        for name, body in found
    ]


def test_the_japanese_page_has_the_same_examples_pictures_and_values(tmp_path, capsys):
    assert main(["gallery", "-o", str(tmp_path / "en")]) == 0
    assert main(["gallery", "--lang", "ja", "-o", str(tmp_path / "ja")]) == 0
    assert "S20 · 自発的対称性の破れ: 例" in capsys.readouterr().out  # the progress lines speak Japanese too
    english = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    japanese = (tmp_path / "ja" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english and '<html lang="ja">' in japanese
    same = [(name, len(svgs), values) for name, svgs, values in _cards(english)]
    assert [(name, len(svgs), values) for name, svgs, values in _cards(japanese)] == same  # same examples, values
    english_svg = "".join(svg for _, svgs, _ in _cards(english) for svg in svgs)
    japanese_svg = "".join(svg for _, svgs, _ in _cards(japanese) for svg in svgs)
    for phrase in ("flops", "numerator:", "denominator:", "left:", "the network", "tensor)", "vector)"):
        assert phrase not in japanese_svg, f"{phrase!r} set in English on the Japanese page"
    assert "flops" in english_svg and "回の演算" in japanese_svg  # (the words are there to translate)
    for heading in gallery.japanese.SECTIONS.values():  # the deck's four section names, and the two beyond it
        assert heading in japanese
    assert "べくとるときょーれつ" in japanese and "Vectors and matrices" not in japanese
    assert "脚が出てないので状態ベクトルじゃない" in japanese  # S4, in the deck's own words
    assert "値: 1</p>" in japanese


def test_every_example_has_a_japanese_title_and_caption():
    assert set(gallery.japanese.EXAMPLES) == {e.name for e in EXAMPLES}
    for example in EXAMPLES:
        title, caption = gallery.japanese.EXAMPLES[example.name]
        assert example.title_in("ja") == title and example.caption_in("ja") == caption
        assert title.split(" · ")[0] == example.title.split(" · ")[0].replace("Beyond", "発展").replace("Field", "分野")
        assert any("\u3040" <= c <= "\u9fff" for c in caption), example.name  # written in Japanese


def test_the_gallery_refuses_a_language_it_does_not_have(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["gallery", "--lang", "fr", "-o", str(tmp_path)])
    assert "invalid choice: 'fr'" in capsys.readouterr().err
    with pytest.raises(ValueError, match="lang='fr'"):
        gallery.build(tmp_path, lang="fr")
