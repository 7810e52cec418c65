"""The editor's requests, one function each, shared by the local server and the Jupyter widget.

Every action takes the page's JSON and returns JSON-ready data; a mistake in what was drawn
comes back as ``{"error": "..."}`` naming the box and the leg, never as a traceback. Files
are read and written only at the path the user named when starting the editor.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ... import gallery
from ...core.errors import DiagramError
from ..document import Document, DocumentError, save
from .results import environment, export, layout, results
from .sketch import EditorError, Sketch
from .sketches import from_document

__all__ = ["ACTIONS", "Session"]


class Session:
    """One editor's state on the Python side: the file it was opened on (if any) and where it saves."""

    def __init__(self, path: str | Path | None = None, arrays: dict[str, Any] | None = None) -> None:
        self.path = None if path is None else Path(path)
        self.arrays: dict[str, Any] = dict(arrays or {})  # numbers attached by name in a notebook
        if self.path is not None and self.path.suffix.lower() != ".json":
            raise EditorError(f"{self.path}: the editor opens and saves .json documents")

    def handle(self, action: str, payload: Any) -> dict[str, Any]:
        """Run ``action`` on ``payload``; every failure is an ``{"error": ...}`` the page shows."""
        handler = ACTIONS.get(action)
        if handler is None:
            return {"error": f"unknown request {action[:40]!r}"}
        try:
            return handler(self, payload)
        except DiagramError as error:
            return {"error": str(error)}
        except RecursionError:
            return {"error": "the request is nested too deeply"}

    def sketch(self, payload: Any) -> Sketch:
        """The page's sketch, checked, with the arrays attached to this session."""
        return Sketch.from_dict(payload, self.arrays)

    # ------------------------------------------------------------------ actions
    def update(self, payload: Any) -> dict[str, Any]:
        return results(self.sketch(payload))

    def environment(self, payload: Any) -> dict[str, Any]:
        box = payload.get("box") if isinstance(payload, dict) else None
        if not isinstance(box, str):
            return {"error": "choose a box to see its environment"}
        return environment(self.sketch(payload.get("sketch")), box)

    def layout(self, payload: Any) -> dict[str, Any]:
        return layout(self.sketch(payload))

    def export(self, payload: Any) -> dict[str, Any]:
        if not isinstance(payload, dict):
            return {"error": "export needs the sketch and a format"}
        suffix = payload.get("format")
        return export(self.sketch(payload.get("sketch")), str(suffix))

    def document(self, payload: Any) -> dict[str, Any]:
        """The sketch as a document (the JSON ``pn.load`` reads), for the page to download."""
        return {"text": _document(self.sketch(payload)).to_json()}

    def open(self, payload: Any) -> dict[str, Any]:
        """The sketch of the file the editor was started on (empty when there is none yet)."""
        if self.path is None or not self.path.exists():
            return {"sketch": None, "path": None if self.path is None else str(self.path)}
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as error:
            return {"error": f"cannot read {self.path}: {error.strerror or error}"}
        return {"sketch": from_document(Document.from_json(text)).to_dict(), "path": str(self.path)}

    def read(self, payload: Any) -> dict[str, Any]:
        """A document the user picked in the page (its text), as a sketch."""
        text = payload.get("text") if isinstance(payload, dict) else None
        if not isinstance(text, str):
            return {"error": "no document text"}
        return {"sketch": from_document(Document.from_json(text)).to_dict()}

    def examples(self, payload: Any) -> dict[str, Any]:
        """The gallery's cards (name and title), for the page's menu."""
        return {"examples": [{"name": e.name, "title": e.title} for e in gallery.examples()]}

    def example(self, payload: Any) -> dict[str, Any]:
        """A gallery card's diagram as a sketch, in the cells the gallery drew it in."""
        name = payload.get("name") if isinstance(payload, dict) else None
        found = {e.name: e for e in gallery.examples()}.get(name) if isinstance(name, str) else None
        if found is None:
            return {"error": f"no gallery card {str(name)[:40]!r}"}
        result = gallery.run(found)
        if result.document is None:
            return {"error": f"{found.title}: this card draws an equation or a sum, not one network to edit"}
        sketch = from_document(result.document)
        sketch.title = found.name
        return {"sketch": sketch.to_dict()}

    def save(self, payload: Any) -> dict[str, Any]:
        """Write the sketch to the file the editor was started on, and only there."""
        if self.path is None:
            return {"error": "no file named: start the editor as `penrose edit FILE.json` to save, or download it"}
        try:
            save(_document(self.sketch(payload)), self.path)
        except DocumentError as error:
            return {"error": str(error)}
        return {"saved": str(self.path)}


def _document(sketch: Sketch) -> Document:
    """A document of the sketch: the diagram, the cells by box number, and the sketch itself (texts, names)."""
    document = Document(sketch.diagram(), sketch.positions(), sketch.title)
    document.extra["editor"] = sketch.to_dict()
    return document


#: The requests the page may make, by name.
ACTIONS: dict[str, Callable[[Session, Any], dict[str, Any]]] = {
    "update": Session.update,
    "environment": Session.environment,
    "layout": Session.layout,
    "export": Session.export,
    "document": Session.document,
    "open": Session.open,
    "read": Session.read,
    "save": Session.save,
    "examples": Session.examples,
    "example": Session.example,
}
