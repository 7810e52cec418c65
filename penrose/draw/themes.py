"""Themes: sizes, stroke and colours of pictures (``slide``, ``paper``, ``dark``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..core.colors import normalize_color
from ..core.errors import DiagramError
from .words import LANGUAGES

__all__ = ["THEMES", "Theme", "get_theme"]

FONT_STACK = (
    "'DejaVu Serif', 'STIX Two Math', 'STIX Two Text', 'Cambria Math', 'Times New Roman', "
    # Japanese (and other CJK) labels: the common CJK faces, after the Latin and maths ones
    "'Noto Serif CJK JP', 'Noto Sans CJK JP', 'Hiragino Mincho ProN', 'Yu Mincho', 'IPAexMincho', "
    "'Hiragino Sans', 'Yu Gothic', 'IPAexGothic', serif"
)


@dataclass(frozen=True)
class Theme:
    """Everything about a picture's look that is not its structure. Sizes are in pixels."""

    name: str
    font_size: float
    stroke: float
    box_height: float
    box_padding: float
    stub: float  # length of an open leg
    gap: float  # space between boxes of a chain (where the joining line is drawn)
    row_gap: float  # space between stacked rows
    leg_spacing: float  # distance between legs sharing a side
    margin: float
    corner: float
    background: str | None
    ink: str
    fills: dict[str, str] = field(default_factory=dict)
    font_family: str = FONT_STACK
    lang: str | None = None  # the language of the words a picture sets (None: the one in effect, see draw.words)

    def __post_init__(self) -> None:
        """Colours become ``#rrggbb`` and sizes must be positive numbers: a theme's text reaches every output."""
        owner = f"theme {self.name!r}"
        object.__setattr__(self, "ink", normalize_color(self.ink, owner))
        if self.background is not None:
            object.__setattr__(self, "background", normalize_color(self.background, owner))
        object.__setattr__(self, "fills", {kind: normalize_color(c, owner) for kind, c in self.fills.items()})
        for size in ("font_size", "stroke", "box_height", "box_padding", "stub", "gap", "row_gap", "leg_spacing"):
            value = getattr(self, size)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 10_000:
                raise DiagramError(f"{owner}: {size}={value!r} must be a positive number of pixels")
        if not isinstance(self.font_family, str) or any(c in self.font_family for c in '<>&"\\{}'):
            raise DiagramError(f"{owner}: font_family must be a list of font names, got {self.font_family!r}")
        if self.lang is not None and self.lang not in LANGUAGES:
            raise DiagramError(f"{owner}: lang={self.lang!r}; pictures are set in {' or '.join(map(repr, LANGUAGES))}")

    def in_language(self, lang: str) -> Theme:
        """The same theme setting its words in ``lang`` (``"en"`` or ``"ja"``).

        >>> import penrose as pn
        >>> pn.networks.mps_norm(pn.networks.random_mps_tensors(3, 2)).steps().draw(
        ...     theme=pn.pictures.Theme.named("slide").in_language("ja")).to_svg().count("回の演算")
        5
        """
        return replace(self, lang=lang)

    @staticmethod
    def named(name: str) -> Theme:
        """The built-in theme ``name`` (``"slide"``, ``"paper"``, ``"dark"``)."""
        return get_theme(name)

    def fill(self, kind: str) -> str:
        """The fill of a box of ``kind``; a copy tensor's dot is filled with the ink."""
        if kind == "copy":
            return self.fills.get("copy", self.ink)
        return self.fills.get(kind, self.fills.get("tensor", "#ffffff"))


_SLIDE = Theme(
    name="slide",
    font_size=24,
    stroke=3,
    box_height=50,
    box_padding=14,
    stub=26,
    gap=46,
    row_gap=46,
    leg_spacing=22,
    margin=20,
    corner=9,
    background=None,
    ink="#1a1a1a",
    fills={"ket": "#dbeafe", "bra": "#fde2e1", "operator": "#fef3c7", "scalar": "#e9e4f5", "tensor": "#dcf2e4"},
)

THEMES: dict[str, Theme] = {
    "slide": _SLIDE,
    "paper": Theme(
        name="paper",
        font_size=14,
        stroke=1.2,
        box_height=28,
        box_padding=8,
        stub=14,
        gap=26,
        row_gap=26,
        leg_spacing=12,
        margin=8,
        corner=4,
        background=None,
        ink="#000000",
        fills=dict.fromkeys(("ket", "bra", "operator", "scalar", "tensor"), "#ffffff"),
    ),
    "dark": replace(  # the slide theme's sizes, light ink on a dark ground
        _SLIDE,
        name="dark",
        background="#111827",
        ink="#f3f4f6",
        fills={"ket": "#1e3a8a", "bra": "#7f1d1d", "operator": "#78350f", "scalar": "#4c1d95", "tensor": "#14532d"},
    ),
}


def get_theme(theme: str | Theme) -> Theme:
    """A theme by name, or the given :class:`Theme` itself."""
    if isinstance(theme, Theme):
        return theme
    if theme not in THEMES:
        raise DiagramError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}, or pass a pn.pictures.Theme")
    return THEMES[theme]
