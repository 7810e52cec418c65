"""The docs site as a reader sees it: built with mkdocs (strict, the pinned toolchain of docs/constraints.txt), and
the API reference opened in a real browser: examples as code blocks, signatures with their types, no raw roles.

Needs the docs extra (``pip install -e ".[docs]" -c docs/constraints.txt``; skipped without it) and Chromium.
``PENROSE_SCREENSHOTS=DIR`` keeps the screenshot of the API page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from raster import CHROMIUM_FLAGS

from conftest import program

pytestmark = pytest.mark.browser
pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings")
playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The docs built once for this module, as CI builds them."""
    out = tmp_path_factory.mktemp("docs") / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    return out


def test_the_api_reference_reads_as_a_reference_in_a_browser(site, tmp_path):
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=program("browser"), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto((site / "api" / "index.html").as_uri())
        text = page.inner_text("body")
        examples = page.locator("pre", has_text=">>>").count()
        quoted = page.locator("blockquote", has_text=">>>").count()
        signature = page.locator("#penrose\\.einsum ~ .doc-signature").first.inner_text()
        headings = page.locator("h3.doc-heading").count()
        shot = tmp_path / "api.png"
        page.screenshot(path=str(shot))
        browser.close()
    for role in (":func:", ":class:", ":meth:", ":mod:"):
        assert role not in text, f"a raw {role} role on the API page"
    assert examples >= 20 and quoted == 0, "doctest examples are code blocks, not nested quotes"
    assert "equation: Any" in signature and "-> Diagram" in signature, f"no types in the signature: {signature!r}"
    assert headings >= 39, "every everyday name has its entry"
    assert shot.stat().st_size > 20_000, "the screenshot shows a page"
    keep = os.environ.get("PENROSE_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / "api-page.png")
