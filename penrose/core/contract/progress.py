"""Progress bars for long work (a path search, a contraction, a Lanczos run, a drawing), as the field's tools show them.

One policy in one place: a bar is drawn by tqdm on standard error once the work has run
:data:`PROGRESS_DELAY` seconds, and only when standard error is a terminal, so a pipe, a log
file, a notebook's captured output or a test never sees one. ``PENROSE_PROGRESS=0`` turns
bars off, ``PENROSE_PROGRESS=1`` on (even when standard error is not a terminal). Work that
is known to be short never builds a bar: callers ask only above their own thresholds.

>>> with progress("contracting", total=3) as bar:
...     for _ in range(3):
...         bar.update()
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["PROGRESS_DELAY", "Bar", "progress", "shown"]

#: A bar appears once the work has run this long (seconds): shorter work prints nothing.
PROGRESS_DELAY = 2.0


def shown() -> bool:
    """True when bars are drawn: ``PENROSE_PROGRESS`` says so, else standard error is a terminal."""
    setting = os.environ.get("PENROSE_PROGRESS", "").strip().lower()
    if setting in ("0", "false", "no", "off"):
        return False
    if setting in ("1", "true", "yes", "on"):
        return True
    stream = sys.stderr
    return bool(stream is not None and hasattr(stream, "isatty") and stream.isatty())


class Bar:
    """A bar that may be drawn: ``update(n)`` advances it, ``describe(text)`` renames it (a no-op when not shown)."""

    __slots__ = ("_bar",)

    def __init__(self, bar: Any = None) -> None:
        self._bar = bar

    def update(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def describe(self, text: str) -> None:
        if self._bar is not None:
            self._bar.set_description_str(text, refresh=False)


@contextmanager
def progress(description: str, total: int | None = None, unit: str = "step") -> Iterator[Bar]:
    """A :class:`Bar` for the work inside the ``with``: drawn after :data:`PROGRESS_DELAY` seconds on a terminal."""
    if not shown():
        yield Bar()
        return
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        yield Bar()
        return
    bar = tqdm(total=total, desc=description, unit=unit, delay=PROGRESS_DELAY, leave=False, file=sys.stderr)
    try:
        yield Bar(bar)
    finally:
        bar.close()
