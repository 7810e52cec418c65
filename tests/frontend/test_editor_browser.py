"""The editor in a real browser: the seminar's S4 and S5 drawn with the mouse and keyboard from an empty page.

Headless Chromium driven by Playwright (the system's Chromium, no download). The values read
off the page must equal the API's; the exported SVG must be honest; save, reload, undo and
redo must work. ``PENROSE_SCREENSHOTS=DIR`` keeps the screenshots (the docs' come from here).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from raster import CHROMIUM_FLAGS
from svgcheck import defects, parse

import penrose as pn
from conftest import program
from penrose import gallery

pytestmark = pytest.mark.browser
playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def page(server, tmp_path):
    if program("browser") is None:
        pytest.skip("Chromium is not installed")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=program("browser"),
            args=CHROMIUM_FLAGS,
        )
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        opened = context.new_page()
        problems: list[str] = []
        opened.on("pageerror", lambda error: problems.append(str(error)))
        opened.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        opened.goto(server.address)
        opened.wait_for_selector("svg.pe-canvas")
        opened.problems = problems
        yield opened
        browser.close()


def keep(page, name: str, tmp_path: Path) -> Path:
    """A screenshot of the page, kept in PENROSE_SCREENSHOTS when that is set."""
    path = tmp_path / name
    page.screenshot(path=str(path))
    if os.environ.get("PENROSE_SCREENSHOTS"):
        target = Path(os.environ["PENROSE_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / name)
    return path


def centre(page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, steps=4)
    page.mouse.move(*end, steps=4)
    page.mouse.up()


def cell_point(page, column: int, row: int) -> tuple[float, float]:
    """Where on the screen the centre of a canvas cell is (cells are 130 × 100 in the canvas's units)."""
    return page.evaluate(
        """([c, r]) => { const svg = document.querySelector('svg.pe-canvas');
        const p = new DOMPoint(c * 130 + 65, r * 100 + 50).matrixTransform(svg.getScreenCTM());
        return [p.x, p.y]; }""",
        [column, row],
    )


def type_entries(page, text: str) -> None:
    page.click("textarea[data-field=entries]")
    page.keyboard.type(text)
    page.keyboard.press("Tab")  # (the change is taken when the field is left)


def rename(page, name: str) -> None:
    page.click("input[data-field=name]")
    page.keyboard.press("Control+A")
    page.keyboard.type(name)
    page.keyboard.press("Tab")


def value_becomes(page, text: str) -> str:
    page.wait_for_function(
        "t => document.querySelector('[data-value=text]')?.textContent === t", arg=text, timeout=20_000
    )
    return page.locator("[data-value=text]").text_content()


def join(page, first: tuple[str, str], second: tuple[str, str]) -> None:
    start = centre(page, f"circle[data-box={first[0]}][data-leg={first[1]}]")
    end = centre(page, f"circle[data-box={second[0]}][data-leg={second[1]}]")
    drag(page, start, end)


def test_s4_the_inner_product_drawn_by_hand(page, tmp_path):
    drag(page, centre(page, "button[data-kind=bra]"), cell_point(page, 0, 1))  # from the palette to the canvas
    type_entries(page, "[1, 2, 4, 3]")
    page.click("svg.pe-canvas", position={"x": 600, "y": 420})  # the canvas, for the keyboard
    page.keyboard.press("k")  # a ket, by its key: placed in the first free cell
    type_entries(page, "[5, 1, -3, 2]")
    join(page, ("b0", "i"), ("b1", "i"))
    expected = (pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])).value()
    assert value_becomes(page, "1") == str(expected)
    assert "1·5 + 2·1 + 4·(−3) + 3·2" in page.locator("[data-value=work]").text_content()
    assert "pn.bra([1, 2, 4, 3], name='φ')" in page.locator("[data-value=code]").text_content()
    keep(page, "editor-s4.png", tmp_path)
    assert not page.problems


def test_s5_an_operator_on_a_ket_exported_saved_undone_and_redone(page, server, tmp_path):
    page.click("button[data-kind=operator]")  # a click places it in the first free cell
    rename(page, "H")
    type_entries(page, "[[1, 2], [-1, 4]]")
    drag(page, centre(page, "button[data-kind=ket]"), cell_point(page, 2, 0))
    type_entries(page, "[1, -2]")
    join(page, ("b0", "j"), ("b1", "i"))
    expected = (pn.op([[1, 2], [-1, 4]]) @ pn.ket([1, -2])).value().tolist()
    shown = value_becomes(page, "[−3, −9]")
    assert [int(v) for v in shown.replace("−", "-").strip("[]").split(",")] == expected == [-3, -9]
    assert page.locator("[data-value=dirac]").text_content() == "−3|0⟩ − 9|1⟩"
    assert "tikzpicture" in page.locator("[data-value=tikz]").text_content()
    keep(page, "editor-s5.png", tmp_path)

    with page.expect_download() as download:  # the figure as laid out by hand
        page.click("button[data-action=export-svg]")
    svg = Path(download.value.path()).read_text(encoding="utf-8")
    picture = parse(svg)
    assert not any(defects(picture).values()), defects(picture)
    assert "H" in svg and "−9" in svg

    page.click("svg.pe-canvas", position={"x": 600, "y": 420})
    page.keyboard.press("Control+Z")  # the line is undone: three open legs, no longer Ĥ|ψ⟩
    page.wait_for_function("() => document.querySelector('[data-value=text]')?.textContent !== '[−3, −9]'")
    page.keyboard.press("Control+Shift+Z")
    value_becomes(page, "[−3, −9]")

    page.click("button[data-action=save]")
    page.wait_for_function("() => document.querySelector('.pe-message').textContent.startsWith('saved')")
    assert pn.load(server.session.path).diagram.value().tolist() == [-3, -9]
    page.reload()
    page.wait_for_selector("svg.pe-canvas")
    value_becomes(page, "[−3, −9]")
    assert page.locator("g.pe-box").count() == 2
    assert not page.problems


def test_a_line_between_legs_of_different_dimensions_is_refused(page):
    page.click("button[data-kind=bra]")
    type_entries(page, "[1, 2, 3]")
    page.click("button[data-kind=ket]")
    type_entries(page, "[1, 2]")
    # the page knows the dimensions only once entries are read; typed dims say it at once
    page.click("g.pe-box[data-box=b0]")
    page.fill("input[data-leg-field=dim]", "3")
    page.keyboard.press("Tab")
    page.click("g.pe-box[data-box=b1]")
    page.fill("input[data-leg-field=dim]", "2")
    page.keyboard.press("Tab")
    join(page, ("b0", "i"), ("b1", "i"))
    message = page.locator(".pe-message").first.text_content()
    assert "dimension 3" in message and "has 2" in message
    assert page.locator("path.pe-line").count() == 0


def test_a_gallery_card_its_environment_the_auto_layout_dagger_and_named_dimensions(page, tmp_path):
    page.wait_for_function("() => document.querySelectorAll('select[data-action=example] option').length > 20")
    page.select_option("select[data-action=example]", "s12_energy")  # ⟨ψ|H|ψ⟩ from the gallery
    card = next(e for e in gallery.examples() if e.name == "s12_energy")
    energy = gallery.run(card).document.diagram.value()  # the card's drawn diagram, ⟨ψ|H|ψ⟩ unnormalised
    value_becomes(page, pn.core.typography.format_number(energy))
    page.click("g.pe-box[data-box=b1]")  # H: its environment is |ψ⟩⟨ψ|, the derivative of ⟨ψ|H|ψ⟩
    page.click("button[data-action=environment]")
    page.wait_for_selector("[data-value=environment]")
    assert page.locator("[data-panel=environment] svg").count() == 1
    page.click("svg.pe-canvas", position={"x": 650, "y": 430})
    page.keyboard.press("l")
    page.wait_for_function("() => document.querySelector('.pe-message').textContent.startsWith('laid out')")
    value_becomes(page, pn.core.typography.format_number(energy))  # the same diagram, moved
    page.click("g.pe-box[data-box=b1]")
    page.keyboard.press("d")
    page.wait_for_function("() => document.querySelector('g.pe-box[data-box=b1] > text').textContent.endsWith('†')")
    page.fill("input[data-new-dim=name]", "χ")
    page.fill("input[data-new-dim=size]", "8")
    page.click("button[data-action=add-dim]")
    page.wait_for_selector("input[data-dim='χ']")
    keep(page, "editor-gallery.png", tmp_path)
    assert not page.problems
