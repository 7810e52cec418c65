"""Saving figures: SVG and TikZ by penrose itself, PNG and PDF through cairosvg (the ``png`` extra).

Every file is written atomically: to a temporary file in the target folder, flushed to
disk, then renamed over the target. A failure (a full disk, a read-only file system, a
missing folder) leaves any old file untouched, removes the temporary one and raises an
:class:`~penrose.core.errors.ExternalError` that names the file and the reason.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from ..core.errors import DiagramError, ExternalError

__all__ = ["FORMATS", "MissingFontWarning", "render", "save", "svg_to_png", "write_atomically"]

FORMATS = (".svg", ".png", ".pdf", ".tex")


def _cairosvg() -> Any:
    try:
        import cairosvg
    except (ImportError, OSError) as error:  # OSError: cairosvg is there but the cairo library is not
        missing = "the cairo library" if isinstance(error, OSError) else "cairosvg"
        raise ExternalError(
            f"PNG and PDF export need {missing}: pip install 'penrose[png]' (it installs cairosvg, which "
            "uses the system's cairo library: apt-get install libcairo2, brew install cairo); "
            "SVG and .tex work without it"
        ) from None
    return cairosvg


class MissingFontWarning(UserWarning):
    """A PNG or PDF has CJK text but no CJK font is installed: the labels would be empty boxes."""


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family of an installed Japanese font (fontconfig's first, Noto/IPA preferred), or None."""
    if shutil.which("fc-list") is None:
        return None
    try:
        found = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    families = sorted({line.split(",")[0].strip() for line in found.stdout.splitlines() if line.strip()})
    preferred = [f for f in families if f.startswith(("Noto Serif CJK", "Noto Sans CJK", "IPA"))]
    return (preferred or families or [None])[0]


_CJK_TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")
_CJK_RUN = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")


def _check_cjk(svg: str) -> str:
    """``svg`` with its CJK labels set in an installed CJK font (cairo takes only the first family named);
    when none is installed, say once which package to install."""
    if not any(unicodedata.east_asian_width(c) in ("W", "F") for c in svg):
        return svg
    family = cjk_font()
    if family is not None:
        attribute = quoteattr(family)

        def font(match: re.Match[str]) -> str:  # the whole label in the CJK face (cairo cannot mix faces)
            body = match.group(2)
            if not _CJK_RUN.search(body):
                return match.group(0)
            body = body.replace("⟨", "〈").replace("⟩", "〉")  # brackets CJK faces have
            return f"<text {match.group(1)} font-family={attribute}>{body}</text>"

        return _CJK_TEXT.sub(font, svg)
    if shutil.which("fc-list") is not None:
        warnings.warn(
            "the figure has Japanese (CJK) text but no CJK font is installed, so PNG/PDF labels would be empty "
            "boxes: install one (Debian/Ubuntu: apt-get install fonts-noto-cjk; macOS has Hiragino; "
            "Windows has Yu Gothic); the SVG shows them wherever the viewer has a CJK font",
            MissingFontWarning,
            stacklevel=4,
        )
    return svg


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """PNG bytes of an SVG document, ``scale`` times its size (sharp on slides)."""
    return _cairosvg().svg2png(bytestring=_check_cjk(svg).encode("utf-8"), scale=scale)


def render(figure: Any, suffix: str) -> bytes:
    """The bytes of ``figure`` in the format of ``suffix`` (``.svg``, ``.png``, ``.pdf`` or ``.tex``)."""
    if suffix == ".svg":
        return figure.to_svg().encode("utf-8")
    if suffix == ".tex":
        return figure.to_tikz().encode("utf-8")
    if suffix == ".png":
        return svg_to_png(figure.to_svg())
    return _cairosvg().svg2pdf(bytestring=_check_cjk(figure.to_svg()).encode("utf-8"))


def save(figure: Any, path: Path) -> Path:
    """Write ``figure`` to ``path`` in the format its extension names, atomically."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DiagramError(f"cannot save {path.name!r}: the extension must be one of {', '.join(FORMATS)}")
    write_atomically(path, render(figure, suffix))
    return path


def _mode() -> int:
    """The permissions a new file gets here (0o666 less the umask), as ``open`` would give it."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(path: Path, data: bytes) -> None:
    """Put ``data`` in ``path`` completely or not at all (see the module's docstring)."""
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".penrose-", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise ExternalError(f"cannot write {path}: {_reason(error, path.parent)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            os.fchmod(stream.fileno(), path.stat().st_mode & 0o777 if path.is_file() else _mode())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExternalError(f"cannot write {path}: {_reason(error, path)}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _reason(error: OSError, where: Path) -> str:
    reason = error.strerror or str(error)
    if isinstance(error, FileNotFoundError) and not where.exists():
        return f"{reason} (the folder {where} does not exist)"
    return reason
