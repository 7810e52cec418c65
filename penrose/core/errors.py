"""The exceptions penrose raises (one for bad input, one subclass for failures outside penrose), and its warnings."""

from __future__ import annotations

__all__ = ["DiagramError", "ExternalError", "MemoryLimitError", "PathSearchWarning", "PictureSizeError"]


class DiagramError(ValueError):
    """A diagram that cannot be built, joined, evaluated, drawn or saved as asked.

    The message names the diagrams, legs and dimensions involved and says what
    would have been valid. It subclasses ``ValueError`` so that code catching
    ``ValueError`` keeps working. Every failure of the public API caused by the
    caller's input is a ``DiagramError``.
    """


class ExternalError(DiagramError):
    """Something outside penrose failed: the disk or file system, Graphviz, cairo.

    Not the caller's input: the command line exits with code 1 for these (2 for bad input).

    >>> issubclass(ExternalError, DiagramError)
    True
    """


class MemoryLimitError(DiagramError):
    """A value refused before any work: it, or an intermediate of the best path found, would not fit the memory.

    A picture then draws the value by its shape instead of failing.
    """


class PictureSizeError(DiagramError):
    """A picture refused before any layout: more boxes than a figure shows, or a tangle too big to route.

    Jupyter then shows the diagram's text form instead of a picture.
    """


class PathSearchWarning(UserWarning):
    """A contraction-path search stopped at its time backstop before its last stage.

    The path then depends on how fast the machine was at that moment, which penrose
    otherwise never lets happen; the message says which stage was cut and how to search on.
    """
