"""The gallery: every worked example of the seminar (S1–S20) and a few beyond it, drawn and evaluated.

Each example is a short module here with a one- or two-sentence docstring (its caption),
``TITLE``, ``SECTION`` (1–4: the seminar's sections; 5: beyond the seminar; 6: networks of the field),
``figures()`` (the pictures), ``value()`` (the numbers it is about) and ``reference()``
(the same numbers computed with numpy alone, which the tests compare).
``penrose gallery -o DIR`` writes them all to ``DIR/index.html``; ``--lang ja`` writes the
same page in the seminar's own language (:mod:`penrose.gallery.japanese`): section titles,
titles and captions in Japanese, the pictures and numbers unchanged.
"""

from __future__ import annotations

import html
import importlib
import pkgutil
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from ..core.errors import DiagramError, ExternalError
from ..core.typography import format_number
from ..draw.render.export import write_atomically
from ..draw.words import speaking
from ..frontend.document import Document
from . import japanese

__all__ = ["LANGUAGES", "SECTIONS", "Example", "Result", "build", "examples", "run"]

SECTIONS = {
    1: "Vectors and matrices",
    2: "The eigen equation",
    3: "The theory: measurement and expectation",
    4: "Spontaneous symmetry breaking",
    5: "Beyond the seminar",
    6: "Networks of the field",
}

#: The languages a gallery page is written in.
LANGUAGES = ("en", "ja")

_PAGE = {
    "title": "penrose gallery",
    "intro": "Quantum mechanics with only addition and multiplication, in Penrose's box-and-line notation: "
    "every example of the seminar, drawn and evaluated ({built} of {total} built).",
    "value": "value",
    "failed": "failed",
    "source": "source",
    "edit": "open in the editor",
}


@dataclass(frozen=True)
class Example:
    """One gallery example: its module name, title, seminar section and caption."""

    name: str
    module: ModuleType

    @property
    def title(self) -> str:
        return str(self.module.TITLE)

    @property
    def section(self) -> int:
        return int(self.module.SECTION)

    @property
    def caption(self) -> str:
        """The module's docstring on one line, its reST code marks (````d.work()````) taken off for the page."""
        return " ".join((self.module.__doc__ or "").replace("``", "").split())

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (``"en"`` or ``"ja"``)."""
        return japanese.EXAMPLES[self.name][0] if lang == "ja" else self.title

    def caption_in(self, lang: str) -> str:
        """The caption in ``lang`` (``"en"`` or ``"ja"``)."""
        return japanese.EXAMPLES[self.name][1] if lang == "ja" else self.caption

    @property
    def source(self) -> Path:
        return Path(self.module.__file__ or "")


@dataclass
class Result:
    """What running an example gave: its figures as SVG, its value as text, or the error."""

    example: Example
    svgs: list[str] = field(default_factory=list)
    value: str = ""
    error: str | None = None
    traceback: str = ""
    seconds: float = 0.0
    document: Document | None = None  # the card's first drawn diagram, where it was laid out: for the editor


def examples() -> list[Example]:
    """All examples, in order (S1…S20, then the ones beyond the seminar)."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name[0] in "sxf" and info.name[1:3].isdigit():
            found.append(Example(info.name, importlib.import_module(f"{__name__}.{info.name}")))
    return found


def describe_value(value: Any) -> str:
    """A value as readable text: numbers as physicists write them, arrays in brackets, lists joined."""
    if isinstance(value, (list, tuple)):
        return ";  ".join(describe_value(v) for v in value)
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    array = np.asarray(value)
    if array.ndim == 0:
        return format_number(array.item())
    if array.ndim == 1:
        return "(" + ", ".join(format_number(v) for v in array) + ")"
    return "[" + ", ".join(describe_value(row) for row in array) + "]"


def _document(figures: list[Any]) -> Document | None:
    """The first figure's diagram of one network, as a document with the cells it was drawn in."""
    for figure in figures:
        diagram = getattr(figure, "diagram", None)
        if diagram is not None and diagram.term_count == 1 and diagram.factors is None:
            positions = figure.positions
            return Document(diagram, positions if isinstance(positions, dict) else None)
    return None


def run(example: Example) -> Result:
    """Draw and evaluate one example; an exception becomes the result's error, not a crash."""
    start = time.perf_counter()
    result = Result(example)
    try:
        figures = example.module.figures()
        result.svgs = [figure.to_svg() for figure in figures]
        result.document = _document(figures)
        result.value = describe_value(example.module.value())
    except Exception as error:
        result.error = f"{type(error).__name__}: {error}"
        result.traceback = traceback.format_exc()
    result.seconds = time.perf_counter() - start
    return result


#: The file a gallery folder holds to say penrose wrote it: penrose writes into such a folder again freely.
MARKER = ".penrose-gallery"


def build(
    directory: str | Path,
    report: Callable[[str], None] = print,
    lang: str = "en",
    force: bool = False,
    replaced: list[Path] | None = None,
) -> list[Result]:
    """Run every example and write ``directory/index.html`` in ``lang`` (and the sources beside it).

    A folder that is not empty and was not made by penrose (it has no :data:`MARKER`) is
    refused unless ``force``: the user's own ``index.html`` is never replaced by surprise.
    Every file that existed and was replaced is appended to ``replaced``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang={lang!r}: the gallery is written in {' or '.join(map(repr, LANGUAGES))}")
    out = Path(directory)
    _check_folder(out, force)
    try:
        (out / "source").mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExternalError(f"cannot write the gallery into {out}: {error.strerror or error}") from None
    replaced = [] if replaced is None else replaced

    def write(path: Path, data: bytes) -> None:
        if path.exists():
            replaced.append(path)
        write_atomically(path, data)

    write_atomically(out / MARKER, b"written by penrose gallery: penrose may write into this folder again\n")
    results = []
    everything = examples()
    for number, example in enumerate(everything, 1):
        with speaking(lang):  # every word a picture sets, in the page's language
            result = run(example)
        results.append(result)
        status = "ok" if result.error is None else f"FAILED: {result.error}"
        report(f"[{number:2d}/{len(everything)}] {example.title_in(lang):<52} {status} ({result.seconds * 1e3:.0f} ms)")
        write(out / "source" / example.source.name, example.source.read_bytes())
        if result.document is not None:  # (penrose edit source/NAME.json opens the card's diagram)
            write(out / "source" / f"{example.name}.json", (result.document.to_json() + "\n").encode())
    write(out / "index.html", page(results, lang).encode("utf-8"))
    return results


def _check_folder(out: Path, force: bool) -> None:
    """Refuse a folder of the user's own (not empty, no marker) unless ``force``."""
    try:
        if not out.is_dir() or (out / MARKER).exists() or force:
            return
        if any(out.iterdir()):
            raise DiagramError(
                f"{out} is not empty and was not made by penrose gallery: choose a new folder, or pass --force "
                "(force=True) to write into it, replacing files of the same names"
            )
    except OSError as error:
        raise ExternalError(f"cannot write the gallery into {out}: {error.strerror or error}") from None


_STYLE = """
:root { --ink: #1a1a1a; --muted: #555; --line: #e5e7eb; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Serif', 'STIX Two Text', Georgia, 'Noto Serif CJK JP', 'Hiragino Mincho ProN',
       'Yu Mincho', 'Noto Sans CJK JP', serif; color: var(--ink); margin: 0;
       background: #fafaf9; }
header { padding: 2rem 3vw 1rem; border-bottom: 1px solid var(--line); background: white; }
h1 { margin: 0; font-size: clamp(1.6rem, 3vw, 2.6rem); }
header p { margin: .4rem 0 0; color: var(--muted); font-size: 1.1rem; }
nav a { margin-right: 1.2rem; color: #1d4ed8; text-decoration: none; }
main { padding: 1rem 3vw 3rem; }
h2 { font-size: clamp(1.3rem, 2.2vw, 2rem); margin: 2.2rem 0 1rem; border-bottom: 2px solid var(--ink); }
.examples { column-width: 520px; column-gap: 1.2rem; }  /* cards flow down columns: no gaps between them */
article { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.2rem;
          break-inside: avoid; margin: 0 0 1.2rem; display: inline-block; width: 100%; }
article h3 { margin: 0 0 .6rem; font-size: 1.25rem; }
.figure { overflow-x: auto; margin: .4rem 0; }
.figure svg { width: 100%; max-width: 100%; height: auto; display: block; }
.caption { font-size: 1.05rem; line-height: 1.45; margin: .6rem 0; }
p.value { font-family: 'DejaVu Sans Mono', monospace; background: #f3f4f6; padding: .35rem .6rem; border-radius: 6px; }
.error { color: #b91c1c; font-family: monospace; white-space: pre-wrap; }
article a { color: #1d4ed8; font-size: .95rem; }
"""


def _figures(svgs: list[str]) -> list[str]:
    """A card's figures at one scale: each as wide, relative to the card, as it is relative to the widest.

    (Shrunk to the card one by one, a narrow ladder and the wider figure of its norm would
    come out at different scales.)
    """
    widths = [float(svg.split('width="', 1)[1].split('"', 1)[0]) for svg in svgs]
    widest = max(widths, default=1.0)
    return [
        f'<div class="figure" style="width: {100 * width / widest:.1f}%">{svg}</div>'
        for svg, width in zip(svgs, widths)
    ]


def page(results: list[Result], lang: str = "en") -> str:
    """The gallery page in ``lang``: the same examples, pictures and values in every language."""
    words, sections = (japanese.PAGE, japanese.SECTIONS) if lang == "ja" else (_PAGE, SECTIONS)
    failed = sum(r.error is not None for r in results)
    intro = words["intro"].format(built=len(results) - failed, total=len(results))
    parts = [
        "<!doctype html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(words['title'])}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{html.escape(words['title'])}</h1>",
        f"<p>{html.escape(intro)}</p>",
        "<nav>"
        + "".join(f'<a href="#section-{k}">{k if k < 5 else "+"} · {html.escape(t)}</a>' for k, t in sections.items())
        + "</nav></header><main>",
    ]
    for section, heading in sections.items():
        members = [r for r in results if r.example.section == section]
        if not members:
            continue
        number = f"{section} · " if section < 5 else ""
        parts.append(f'<section id="section-{section}"><h2>{number}{html.escape(heading)}</h2><div class="examples">')
        for result in members:
            example = result.example
            parts.append(f'<article id="{example.name}"><h3>{html.escape(example.title_in(lang))}</h3>')
            if result.error is None:
                parts += _figures(result.svgs)
            parts.append(f'<p class="caption">{html.escape(example.caption_in(lang))}</p>')
            if result.error is None:
                parts.append(f'<p class="value">{words["value"]}: {html.escape(result.value)}</p>')
            else:
                parts.append(f'<p class="error">{words["failed"]}: {html.escape(result.error)}</p>')
            name = html.escape(example.source.name)
            parts.append(f'<a href="source/{name}">{words["source"]}: {name}</a>')
            if result.document is not None:
                document = html.escape(f"source/{example.name}.json")
                parts.append(
                    f' · <a href="{document}" title="penrose edit {document}">{words["edit"]}: '
                    f"<code>penrose edit {document}</code></a>"
                )
            parts.append("</article>")
        parts.append("</div></section>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"
