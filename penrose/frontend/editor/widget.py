"""The editor as a Jupyter widget (anywidget): the same page, two-way with a diagram in Python.

>>> editor = pn.edit(pn.bra([1, 2], name="a") @ pn.ket([3, 4], name="b"))  # doctest: +SKIP
>>> editor.diagram.value()  # what is drawn now  # doctest: +SKIP
11
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import numpy as np
import traitlets

from ...core.diagram import Diagram
from ...core.errors import DiagramError
from .actions import Session
from .sketch import EditorError
from .sketches import from_diagram

__all__ = ["Editor"]

_STATIC = Path(__file__).parent / "static"


class Editor(anywidget.AnyWidget):
    """A diagram editor in a notebook: ``editor.diagram`` is what is drawn, and assigning one redraws it."""

    _esm = _STATIC / "editor.js"
    _css = _STATIC / "editor.css"
    sketch = traitlets.Dict().tag(sync=True)

    def __init__(self, diagram: Diagram | None = None, arrays: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = Session()
        if diagram is not None:
            self.diagram = diagram
        if arrays:
            self.attach(**arrays)
        self.on_msg(self._answer)

    @property
    def diagram(self) -> Diagram:
        """The diagram drawn in the widget now."""
        return self.session.sketch(self.sketch).diagram()

    @diagram.setter
    def diagram(self, diagram: Diagram) -> None:
        if not isinstance(diagram, Diagram):
            raise EditorError(f"the editor draws a penrose diagram, got {type(diagram).__name__}")
        self.sketch = from_diagram(diagram).to_dict()

    def attach(self, **arrays: Any) -> None:
        """Give boxes numbers from the notebook by name: ``editor.attach(A=array)`` fills every box named A.

        The box's entries become ``@A`` (the page shows the name, the code uses the variable).
        """
        for name, array in arrays.items():
            value = np.asarray(array)
            if value.dtype.kind not in "biufcO":
                raise EditorError(f"attach {name}=...: expected numbers, got an array of {value.dtype}")
            self.session.arrays[name] = value
        boxes = []
        for box in self.sketch.get("boxes", []):
            if box.get("name") in arrays:
                box = {**box, "entries": f"@{box['name']}"}
                box["legs"] = [{**leg, "dim": None} for leg in box.get("legs", [])]
            boxes.append(box)
        if boxes:
            self.sketch = {**self.sketch, "boxes": boxes}

    def _answer(self, widget: Any, content: Any, buffers: Any) -> None:
        if not isinstance(content, dict) or "id" not in content:
            return
        try:
            result = self.session.handle(str(content.get("action")), content.get("payload"))
        except DiagramError as error:  # (handle already answers errors; kept as a last word)
            result = {"error": str(error)}
        self.send({"id": content["id"], "result": result})
