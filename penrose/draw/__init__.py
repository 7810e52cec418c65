"""The pictures: layout, routing, and SVG, TikZ, PNG and PDF output, in the notation's own style.

Builds on :mod:`penrose.core` only. Importing this package registers it as the renderer
that ``Diagram.draw()`` and ``Steps.draw()`` use (:mod:`penrose.core.rendering`).
"""

from ..core.rendering import register_renderer
from . import figure

register_renderer(figure)  # the module provides draw_diagram and draw_strip
