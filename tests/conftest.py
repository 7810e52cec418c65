"""Fixtures and markers shared by the tests.

Tests that need an external program carry its marker and are skipped, with the reason,
where the program is missing: ``graphviz`` (dot), ``browser`` (Chromium), ``latex``
(pdflatex). ``pytest -m "not browser"`` gives a fast loop.
"""

from __future__ import annotations

import shutil

import pytest

import penrose as pn

PROGRAMS = {
    "graphviz": ("Graphviz's dot", ("dot",)),
    "browser": ("Chromium", ("chromium", "chromium-browser", "google-chrome")),
    "latex": ("pdflatex", ("pdflatex",)),
}


def program(marker: str) -> str | None:
    """The path of the program a marker stands for, or None when it is not installed."""
    return next(filter(None, (shutil.which(name) for name in PROGRAMS[marker][1])), None)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in PROGRAMS:
        if item.get_closest_marker(marker) is not None and program(marker) is None:
            pytest.skip(f"{PROGRAMS[marker][0]} is not installed")


@pytest.fixture
def fresh_path_cache():
    """An empty contraction-path cache for the test, emptied again after it."""
    pn.contraction.clear_path_cache()
    yield pn.core.contract.plans.path_cache
    pn.contraction.clear_path_cache()


@pytest.fixture
def server(tmp_path):
    """A running editor server (penrose edit) on loopback, on tmp_path/page.json, stopped after the test."""
    import threading

    from penrose.frontend.editor.actions import Session
    from penrose.frontend.editor.server import EditorServer

    running = EditorServer(Session(tmp_path / "page.json"))
    thread = threading.Thread(target=running.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()
