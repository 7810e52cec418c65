"""The one exception penrose raises for bad input."""

from __future__ import annotations

__all__ = ["DiagramError"]


class DiagramError(ValueError):
    """A diagram that cannot be built, joined or evaluated as asked.

    The message names the diagrams, legs and dimensions involved and says what
    would have been valid. It subclasses ``ValueError`` so that code catching
    ``ValueError`` keeps working.
    """
