"""Pictures: the :class:`Figure` ``d.draw()`` returns, its themes, and the layouts ``layout=`` names.

>>> import penrose as pn
>>> "auto" in pn.pictures.LAYOUTS
True
"""

from __future__ import annotations

from .draw.figure import Figure
from .draw.layout.engines import LAYOUTS, register_layout
from .draw.themes import Theme

__all__ = ["LAYOUTS", "Figure", "Theme", "register_layout"]
