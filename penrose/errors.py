"""Every error and warning penrose raises, in one place to catch or filter.

Each error is a :class:`DiagramError` (a ``ValueError``): ``except pn.DiagramError`` catches them all.

>>> import penrose as pn
>>> issubclass(pn.errors.DocumentError, pn.DiagramError)
True
"""

from __future__ import annotations

from .core.errors import DiagramError, ExternalError, MemoryLimitError, PathSearchWarning, PictureSizeError
from .draw.layout.engines import GraphvizWarning
from .draw.render.export import MissingFontWarning
from .frontend.dirac import DiracError
from .frontend.document import DocumentError
from .frontend.editor import EditorError
from .physics.quantum import IncompleteLevelWarning, NotAnEigenvalueWarning

__all__ = [
    "DiagramError",
    "DiracError",
    "DocumentError",
    "EditorError",
    "ExternalError",
    "GraphvizWarning",
    "IncompleteLevelWarning",
    "MemoryLimitError",
    "MissingFontWarning",
    "NotAnEigenvalueWarning",
    "PathSearchWarning",
    "PictureSizeError",
]
