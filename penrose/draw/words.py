"""The words a picture sets, in each language penrose speaks: one table, read by every figure.

A theme's ``lang`` chooses (``Theme.in_language("ja")``); a theme without one follows the
language in effect (``with speaking("ja"):``, which ``penrose gallery --lang ja`` uses), so
the same example draws in either language.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from ..core.errors import DiagramError

__all__ = ["LANGUAGES", "WORDS", "language_of", "speaking", "translated_line", "word"]

#: Every word or phrase a picture sets, by language; ``{…}`` fields are filled in.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "the network": "the network",
        "step": "step {k}: {first} with {second} → {shape}, {flops} flops",
        "arrow": "→ {flops} flops",
        "a number": "a number",
        "vector": "({dim}-dimensional vector)",
        "covector": "({dim}-dimensional co-vector)",
        "matrix": "({shape} matrix)",
        "tensor": "({shape} tensor)",
        "unevaluated": "(not evaluated: too big for this machine's memory)",
        "numerator: ": "numerator: ",
        "denominator: ": "denominator: ",
        "left: ": "left: ",
        "right: ": "right: ",
    },
    "ja": {
        "the network": "ネットワーク",
        "step": "ステップ {k}: {first} と {second} → {shape}、{flops} 回の演算",
        "arrow": "→ {flops} 回の演算",
        "a number": "数",
        "vector": "({dim} 次元ベクトル)",
        "covector": "({dim} 次元の双対ベクトル)",
        "matrix": "({shape} 行列)",
        "tensor": "({shape} テンソル)",
        "unevaluated": "(未評価: このマシンのメモリに収まらない)",
        "numerator: ": "分子: ",
        "denominator: ": "分母: ",
        "left: ": "左辺: ",
        "right: ": "右辺: ",
    },
}
LANGUAGES = tuple(WORDS)
_SPOKEN = ["en"]


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within the block, pictures whose theme names no language set their words in ``lang``."""
    _check(lang)
    _SPOKEN.append(lang)
    try:
        yield
    finally:
        _SPOKEN.pop()


def language_of(theme: Any) -> str:
    """The language a picture in ``theme`` speaks: the theme's own, else the one in effect."""
    return getattr(theme, "lang", None) or _SPOKEN[-1]


def word(theme: Any, key: str, **fields: Any) -> str:
    """The phrase ``key`` in the picture's language, its fields filled in."""
    return WORDS[language_of(theme)][key].format(**fields)


def translated_line(theme: Any, line: str) -> str:
    """A worked-sum line whose English prefix (``numerator: ``, ``left: ``…) is set in the picture's language."""
    for prefix in ("numerator: ", "denominator: ", "left: ", "right: "):
        if line.startswith(prefix):
            return word(theme, prefix) + line[len(prefix) :]
    return line


def _check(lang: Any) -> None:
    if lang not in WORDS:
        raise DiagramError(f"lang={lang!r}: pictures are set in {' or '.join(map(repr, LANGUAGES))}")
