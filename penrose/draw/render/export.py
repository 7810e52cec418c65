"""Saving figures: SVG and TikZ by penrose itself, PNG and PDF through cairosvg (the ``png`` extra).

Every file is written atomically: to a temporary file in the target folder, flushed to
disk, then renamed over the target. A failure (a full disk, a read-only file system, a
missing folder) leaves any old file untouched, removes the temporary one and raises an
:class:`~penrose.core.errors.ExternalError` that names the file and the reason.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import secrets
import shutil
import stat
import subprocess
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ...core.errors import DiagramError, ExternalError
from ..labels import CJK_RUN, text_width

__all__ = [
    "DEFAULT_DPI",
    "FORMATS",
    "MissingFontWarning",
    "check_dpi",
    "render",
    "save",
    "svg_to_png",
    "target_of",
    "write_atomically",
]

FORMATS = (".svg", ".png", ".pdf", ".tex")


def _cairosvg() -> Any:
    try:
        import cairosvg
    except (ImportError, OSError) as error:  # OSError: cairosvg is there but the cairo library is not
        missing = "the cairo library" if isinstance(error, OSError) else "cairosvg"
        raise ExternalError(
            f"PNG and PDF export need {missing}: pip install 'penrose-diagrams[png]' (it installs cairosvg, which "
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


def _check_cjk(svg: str) -> str:
    """``svg`` with its CJK text set in an installed CJK font (cairo takes only the first family named, so
    each run of a mixed label, ``E₀ の固有状態``, gets its own face); when none is installed, say once which
    package to install."""
    if not any(unicodedata.east_asian_width(c) in ("W", "F") for c in svg):
        return svg
    family = cjk_font()
    if family is not None:
        attribute = quoteattr(family)

        def font(match: re.Match[str]) -> str:
            attributes, body = match.group(1), html.unescape(match.group(2))
            if not CJK_RUN.search(body):
                return match.group(0)
            runs, position = [], 0
            for run in CJK_RUN.finditer(body):  # Latin runs keep the picture's face, CJK runs take the CJK one
                runs += [(body[position : run.start()], None), (run.group(0), attribute)]
                position = run.end()
            runs.append((body[position:], None))
            spans = "".join(
                f"<tspan font-family={face}>{escape(text)}</tspan>" if face else escape(text)
                for text, face in runs
                if text
            )
            return f"<text {_starting(attributes, runs, family, latin)}>{spans}</text>"

        root = re.search(r'<svg [^>]*font-family="([^"]*)"', svg)
        latin = html.unescape(root.group(1)).split(",")[0].strip().strip("'") if root else "serif"
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


def _starting(attributes: str, runs: list[tuple[str, str | None]], family: str, latin: str) -> str:
    """A text's attributes anchored at its start (cairo places spans one after the other from there), the
    start found from the runs' widths as cairo will set them (each run in its own face)."""
    size = re.search(r'font-size="([\d.]+)"', attributes)
    if size is None:
        return attributes
    width = sum(_advance(text, family if face else latin, float(size.group(1))) for text, face in runs)
    return _started_at(attributes, width)


def _advance(text: str, family: str, size: float) -> float:
    """How far cairo's toy text API (which cairosvg uses) advances over ``text`` in ``family`` at ``size``."""
    try:
        import cairocffi
    except ImportError:  # pragma: no cover - cairosvg brings it
        return text_width(text, size)
    context = cairocffi.Context(cairocffi.ImageSurface(cairocffi.FORMAT_ARGB32, 1, 1))
    context.select_font_face(family)
    context.set_font_size(size)
    return float(context.text_extents(text)[4])


_SCRIPTED_TEXT = re.compile(r"<text ([^>]*)>((?:<tspan [^>]*>[^<]*</tspan>)+)</text>")
_SPAN = re.compile(r'<tspan dy="[-\d.]+"(?: font-size="([\d.]+)")?>([^<]*)</tspan>')


def _anchor_scripts(svg: str) -> str:
    """``svg`` with each label that has sub- or superscript spans (``R_z``) anchored at its start: cairo sets
    a centred text's spans each about its own centre, so the start is found from their advances."""
    root = re.search(r'<svg [^>]*font-family="([^"]*)"', svg)
    latin = html.unescape(root.group(1)).split(",")[0].strip().strip("'") if root else "serif"

    def start(match: re.Match[str]) -> str:
        attributes, body = match.group(1), match.group(2)
        size = re.search(r'font-size="([\d.]+)"', attributes)
        spans = _SPAN.findall(body)
        if size is None or not spans:
            return match.group(0)
        runs = [(html.unescape(text), float(scaled) if scaled else float(size.group(1))) for scaled, text in spans]
        width = sum(_advance(text, latin, run_size) for text, run_size in runs)
        return f"<text {_started_at(attributes, width)}>{body}</text>"

    return _SCRIPTED_TEXT.sub(start, svg)


def _started_at(attributes: str, width: float) -> str:
    """A text's attributes anchored at its start, for a text ``width`` wide anchored as the attributes say."""
    anchor = re.search(r'text-anchor="(\w+)"', attributes)
    x = re.search(r' x="([-\d.]+)"', " " + attributes)
    if anchor is None or anchor.group(1) == "start" or x is None:
        return attributes
    begin = float(x.group(1)) - (width / 2 if anchor.group(1) == "middle" else width)
    attributes = re.sub(r'text-anchor="\w+"', 'text-anchor="start"', attributes)
    return re.sub(r'(^| )x="[-\d.]+"', lambda m: f'{m.group(1)}x="{begin:.2f}"', attributes, count=1)


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """PNG bytes of an SVG document, ``scale`` times its size (sharp on slides)."""
    return _cairosvg().svg2png(bytestring=_check_cjk(_anchor_scripts(svg)).encode("utf-8"), scale=scale)


#: A PNG's resolution unless asked: 192 dots per inch (twice the SVG's 96), sharp on a projector.
DEFAULT_DPI = 192.0


def check_dpi(dpi: Any) -> float:
    """``dpi`` as a number of dots per inch for a PNG, or a DiagramError saying what is expected."""
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not 10 <= dpi <= 2400:
        raise DiagramError(f"dpi={dpi!r}: a PNG's resolution is a number of dots per inch from 10 to 2400, e.g. 300")
    return float(dpi)


def render(figure: Any, suffix: str, dpi: float | None = None) -> bytes:
    """The bytes of ``figure`` in the format of ``suffix`` (``.svg``, ``.png``, ``.pdf`` or ``.tex``).

    ``dpi`` sets a PNG's resolution (default :data:`DEFAULT_DPI`); the other formats are vector.
    """
    if suffix == ".svg":
        return figure.to_svg().encode("utf-8")
    if suffix == ".tex":
        return figure.to_tikz().encode("utf-8")
    if suffix == ".png":
        return svg_to_png(figure.to_svg(), (DEFAULT_DPI if dpi is None else check_dpi(dpi)) / 96.0)
    return _cairosvg().svg2pdf(bytestring=_check_cjk(_anchor_scripts(figure.to_svg())).encode("utf-8"))


def save(figure: Any, path: Path, dpi: float | None = None) -> Path:
    """Write ``figure`` to ``path`` in the format its extension names, atomically (``dpi``: a PNG's resolution)."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DiagramError(f"cannot save {path.name!r}: the extension must be one of {', '.join(FORMATS)}")
    if dpi is not None:
        check_dpi(dpi)
    target_of(path)  # (a name too long, or a FIFO: said before the picture is rendered)
    write_atomically(path, render(figure, suffix, dpi))
    return path


def target_of(path: Path) -> Path:
    """The file a write to ``path`` lands in: a symbolic link's target (so that the link stays a link), checked.

    Refuses, before any work, a name longer than the file system takes and anything that is
    not a regular file (a FIFO, a device, a folder), which a rename would silently replace.
    """
    path = Path(path)
    for name in (path.name, os.path.basename(os.path.realpath(path))):
        limit = _name_limit(path.parent)
        if len(os.fsencode(name)) > limit:
            raise ExternalError(
                f"cannot write {str(path)[:60]}…: File name too long ({len(os.fsencode(name))} bytes; "
                f"this file system takes names of at most {limit})"
            )
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        mode = target.stat().st_mode if target.exists() else None
    except OSError as error:
        raise ExternalError(f"cannot write {path}: {_reason(error, path.parent)}") from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = "Is a directory" if stat.S_ISDIR(mode) else "it is a FIFO" if stat.S_ISFIFO(mode) else "a special file"
        raise ExternalError(f"cannot write {path}: {kind}, not a regular file; choose a file name")
    return target


def _name_limit(folder: Path) -> int:
    try:
        return int(os.pathconf(folder if folder.exists() else ".", "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):  # (no pathconf on Windows; a missing folder is said later)
        return 255


def write_atomically(path: Path, data: bytes) -> None:
    """Put ``data`` in ``path`` completely or not at all (see the module's docstring).

    A symbolic link is written through (its target replaced, atomically, next to it). A new
    file gets the permissions ``open`` would give it (0o666 less the umask, applied by the
    system as the temporary file is made: the process's umask is never changed); a replaced
    file keeps its own.
    """
    path = Path(path)
    target = target_of(path)
    temporary = target.parent / f".penrose-{secrets.token_hex(8)}.tmp"
    try:
        existing = target.stat().st_mode & 0o7777 if target.is_file() else None
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as error:
        raise ExternalError(f"cannot write {path}: {_reason(error, target.parent)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            if existing is not None:
                os.fchmod(stream.fileno(), existing)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExternalError(f"cannot write {path}: {_reason(error, target)}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _reason(error: OSError, where: Path) -> str:
    reason = error.strerror or str(error)
    if isinstance(error, FileNotFoundError) and not where.exists():
        return f"{reason} (the folder {where} does not exist)"
    return reason
