"""Colours a box may be given: ``#rrggbb``, ``#rgb``, or a name from one table that SVG and TikZ share.

Every colour is checked when a box is made and kept as ``#rrggbb``, so that what reaches
an SVG attribute or a TikZ ``\\definecolor`` is always six hex digits, never user text.
"""

from __future__ import annotations

import re

from .errors import DiagramError
from .typography import shortened

__all__ = ["NAMED_COLORS", "normalize_color"]

#: The named colours penrose understands, with the hex SVG gives them (TikZ gets the same hex).
NAMED_COLORS: dict[str, str] = {
    "black": "#000000",
    "white": "#ffffff",
    "gray": "#808080",
    "grey": "#808080",
    "lightgray": "#d3d3d3",
    "lightgrey": "#d3d3d3",
    "darkgray": "#a9a9a9",
    "darkgrey": "#a9a9a9",
    "red": "#ff0000",
    "green": "#008000",
    "blue": "#0000ff",
    "cyan": "#00ffff",
    "magenta": "#ff00ff",
    "yellow": "#ffff00",
    "orange": "#ffa500",
    "pink": "#ffc0cb",
    "purple": "#800080",
    "violet": "#ee82ee",
    "brown": "#a52a2a",
    "olive": "#808000",
    "teal": "#008080",
    "navy": "#000080",
    "lime": "#00ff00",
    "gold": "#ffd700",
    "lightblue": "#add8e6",
    "lightgreen": "#90ee90",
    "lightyellow": "#ffffe0",
    "lavender": "#e6e6fa",
    "salmon": "#fa8072",
}
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def normalize_color(color: object, owner: str = "a box") -> str:
    """``color`` as ``#rrggbb`` (lower case); a :class:`DiagramError` naming ``owner`` if it is no colour.

    >>> normalize_color("#F00"), normalize_color("Teal")
    ('#ff0000', '#008080')
    """
    if isinstance(color, str):
        text = color.strip()
        if _HEX.fullmatch(text):
            digits = text[1:].lower()
            return "#" + ("".join(d * 2 for d in digits) if len(digits) == 3 else digits)
        found = NAMED_COLORS.get(text.lower())
        if found is not None:
            return found
    raise DiagramError(
        f"{owner}: color {shortened(repr(color))} is not a colour; give '#rrggbb', '#rgb' or one of "
        f"{', '.join(sorted(set(NAMED_COLORS) - {'grey', 'lightgrey', 'darkgrey'}))}"
    )
