"""Diagrams as JSON documents: a diagram and the cells its boxes were put in (``docs/documents.md``).

``pn.save(d, "x.json", positions=figure.positions)`` writes one, ``pn.load("x.json")`` reads it back.
"""

from __future__ import annotations

from .frontend.document import Document, DocumentError, load, save

__all__ = ["Document", "DocumentError", "load", "save"]
