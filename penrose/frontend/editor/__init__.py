"""The editor: draw a diagram by hand in the browser (``penrose edit``) or in a notebook (``pn.edit``).

The page is plain JavaScript shipped with the package; every number, figure and line of code
on it is computed here, by the library the API uses (:mod:`.results`), on a sketch checked
field by field (:mod:`.sketch`).
"""

from __future__ import annotations

from typing import Any

from .sketch import EditorError

__all__ = ["EditorError", "edit"]


def edit(diagram: Any = None, arrays: dict[str, Any] | None = None) -> Any:
    """The editor as a Jupyter widget on ``diagram`` (needs ``pip install "penrose-diagrams[jupyter]"``).

    Edits in the widget update ``widget.diagram``; assigning ``widget.diagram = d`` redraws
    it. ``arrays={"A": array}`` gives the boxes named A those numbers. Outside a notebook,
    ``penrose edit FILE.json`` opens the same editor in the browser.
    """
    try:
        from .widget import Editor  # (anywidget is an optional extra)
    except ImportError as error:
        raise EditorError(
            f'pn.edit needs anywidget ({error.name or error} is missing): pip install "penrose-diagrams[jupyter]", '
            "or run `penrose edit` for the editor in the browser"
        ) from None
    return Editor(diagram, arrays)
