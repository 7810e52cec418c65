"""The editor's page and its files, shipped inside the package (plain JavaScript and CSS: no build step)."""

from __future__ import annotations

import html
from importlib import resources

__all__ = ["ASSETS", "asset", "page", "script"]

#: The files the page loads, by name, with their MIME types.
ASSETS = {"editor.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def script() -> str:
    """The editor's JavaScript module: the page imports it, and the Jupyter widget is it."""
    return _read("editor.js")


def page(token: str) -> str:
    """The editor's HTML page, which loads its script and style with ``token``."""
    return _read("editor.html").replace("{{token}}", html.escape(token, quote=True))


def asset(name: str) -> tuple[str, bytes] | None:
    """A file of the page (its MIME type and bytes), or None for any name not in :data:`ASSETS`."""
    if name not in ASSETS:
        return None
    return ASSETS[name], _read(name).encode("utf-8")
