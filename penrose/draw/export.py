"""Saving figures: SVG and TikZ by penrose itself, PNG and PDF through cairosvg (the ``png`` extra)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.errors import DiagramError

__all__ = ["save", "svg_to_png"]

FORMATS = (".svg", ".png", ".pdf", ".tex")


def _cairosvg() -> Any:
    try:
        import cairosvg
    except ImportError:  # also raised when the cairo library itself is missing
        raise DiagramError(
            "PNG and PDF export need the optional 'png' extra: pip install 'penrose[png]' "
            "(it installs cairosvg, which uses the system's cairo library); SVG and .tex work without it"
        ) from None
    return cairosvg


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """PNG bytes of an SVG document, ``scale`` times its size (sharp on slides)."""
    return _cairosvg().svg2png(bytestring=svg.encode("utf-8"), scale=scale)


def save(figure: Any, path: Path) -> Path:
    """Write ``figure`` to ``path`` in the format its extension names."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DiagramError(f"cannot save {path.name!r}: the extension must be one of {', '.join(FORMATS)}")
    if suffix == ".svg":
        path.write_text(figure.to_svg(), encoding="utf-8")
    elif suffix == ".tex":
        path.write_text(figure.to_tikz(), encoding="utf-8")
    elif suffix == ".png":
        path.write_bytes(svg_to_png(figure.to_svg()))
    else:
        _cairosvg().svg2pdf(bytestring=figure.to_svg().encode("utf-8"), write_to=str(path))
    return path
