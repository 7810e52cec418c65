"""Text for pictures: decorated labels (|ψ⟩, ⟨ψ|, Ĥ, U†, E₀) and text widths.

Pure string functions: no geometry, no output format. Widths are estimated from
per-character advance factors of a serif face, so layouts are deterministic and
need no font engine.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..core.nodes import Node
from ..core.typography import SUBSCRIPT_LETTERS, SUBSCRIPTS, SUPERSCRIPT_LETTERS, SUPERSCRIPTS, format_number

__all__ = [
    "CJK_RUN",
    "ENTRY_LIMIT",
    "HAT",
    "LABEL_LIMIT",
    "SCRIPT",
    "SCRIPT_SCALE",
    "box_label",
    "clean_text",
    "clip",
    "decorate",
    "entry_text",
    "runs",
    "split_hat",
    "subscripts",
    "text_width",
]

#: Labels longer than this many characters are drawn cut, with an ellipsis (the SVG keeps the whole text).
LABEL_LIMIT = 40

#: The combining circumflex that marks an operator's label (Ĥ). Fonts place it unreliably,
#: so pictures draw it as a small path instead (see :func:`split_hat`).
HAT = "\u0302"

#: A run of Chinese, Japanese or Korean characters (kana, kanji, hangul, full-width forms and CJK punctuation).
CJK_RUN = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")

_SUBSCRIPT = str.maketrans(SUBSCRIPT_LETTERS, SUBSCRIPTS)
_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_LETTERS, SUPERSCRIPTS)


def subscripts(name: str) -> str:
    r"""``E_0`` → ``E₀``, ``A_12`` and ``A_{12}`` → ``A₁₂``, ``x^2`` → ``x²`` where Unicode has the glyphs.

    >>> subscripts("A_10"), subscripts("T_{ij}"), subscripts("x^2"), subscripts("A^*"), subscripts("U^\\dagger")
    ('A₁₀', 'Tᵢⱼ', 'x²', 'A*', 'U†')
    """

    def lower(match: re.Match[str]) -> str:
        body = match.group(1) if match.group(1) is not None else match.group(2)
        if all(character in SUBSCRIPT_LETTERS for character in body):
            return body.translate(_SUBSCRIPT)
        return match.group(0)

    def upper(match: re.Match[str]) -> str:
        body = match.group(1) if match.group(1) is not None else match.group(2)
        return body.translate(_SUPERSCRIPT)

    name = re.sub(r"_\{([^}]*)\}|_([0-9]+|[a-z+\-=()])", lower, name)
    name = MARKS.sub(lambda match: "†" if "dag" in match.group(0) or "†" in match.group(0) else "*", name)
    return re.sub(r"\^\{([0-9+\-=()n]*)\}|\^([0-9+\-=()n])", upper, name)


#: ``A^*``, ``A^{*}``, ``U^\dagger``, ``U^{\dagger}``, ``U^†``: a star or a dagger, which sit raised as they are.
MARKS = re.compile(r"\^(?:\{(?:\*|\\dagger|†)\}|\*|\\dagger|†)")


#: ``_x``, ``_{xy}``, ``^x``, ``^{xy}``: the sub- and superscripts Unicode has no glyphs for (``R_z``, ``e^{iθ}``).
SCRIPT = re.compile(r"([_^])(?:\{([^{}]+)\}|([^\W_]))")  # a letter or digit, or a braced run
#: Sub- and superscripts are set this much smaller than the text they hang from.
SCRIPT_SCALE = 0.7


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` as ``(piece, "base" | "sub" | "sup")`` runs: what :func:`subscripts` could not turn into glyphs.

    >>> runs("R_z"), runs("e^{iθ}+1")
    ([('R', 'base'), ('z', 'sub')], [('e', 'base'), ('iθ', 'sup'), ('+1', 'base')])
    """
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in SCRIPT.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], "base"))
        body = match.group(2) if match.group(2) is not None else match.group(3)
        pieces.append((body, "sub" if match.group(1) == "_" else "sup"))
        position = match.end()
    if position < len(text) or not pieces:
        pieces.append((text[position:], "base"))
    return pieces


def decorate(name: str | None, kind: str, daggered: bool = False, conjugated: bool = False) -> str:
    """The label drawn in a box: a ket ``|ψ⟩``, a bra ``⟨ψ|``, an operator ``Ĥ`` (hat on one letter), ``U†``.

    A bra made by ``.dag`` is just ``⟨ψ|`` (the bracket says it all); an adjoint operator
    gets a dagger, a conjugated tensor a star.
    """
    text = subscripts(name) if name else ""
    if kind == "ket":
        return f"|{text or '·'}⟩"
    if kind == "bra":
        return f"⟨{text or '·'}|"
    if kind == "operator" and len(text) == 1 and text.isalpha():
        text = text + HAT  # drawn as a path by the SVG writer, \hat{} in TikZ
    if daggered and kind in ("operator", "tensor", "scalar"):
        text += "†"
    if conjugated:
        text += "*"
    return text


def box_label(node: Node) -> tuple[str, str | None]:
    """The label drawn in ``node``'s box, decorated by its kind (see :func:`decorate`), cleaned and clipped,
    and the whole label when it had to be clipped (the box's tooltip), else None."""
    if node.kind == "copy":
        return "", None  # a dot: the line meeting is the whole message
    whole = clean_text(decorate(node.name, node.kind, node.daggered, node.conjugated))
    label = clip(whole)
    return label, (whole if label != whole else None)


def clean_text(text: str) -> str:
    """``text`` without control characters and noncharacters (U+FFFE, U+FFFF, U+FDD0…), and with lone
    surrogates as U+FFFD: safe in XML, TeX and cairo.

    >>> clean_text("a\\x00b\\x1b[31mc\\ufffe")
    'ab[31mc'
    """
    if text.isprintable():
        return text
    out = []
    for character in text:
        category = unicodedata.category(character)
        if _noncharacter(character):
            continue
        if category == "Cs":
            out.append("\ufffd")
        elif category not in ("Cc", "Cf") or character == "\u200d":  # keep the zero-width joiner of emoji
            out.append(" " if character in "\t\n\r" else character)
        elif character in "\t\n\r":
            out.append(" ")
    return "".join(out)


def _noncharacter(character: str) -> bool:
    """One of Unicode's 66 noncharacters: never text, and U+FFFE/U+FFFF are not even allowed in XML."""
    code = ord(character)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def clip(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis, when it is longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: A number in a picture (a value panel's entry, a Dirac form's coefficient) is set in at most this many characters
#: (a long symbolic expression is cut, "…"; ``value()`` has it all).
ENTRY_LIMIT = 60


def entry_text(value: Any) -> str:
    """A number as a picture sets it: written as penrose writes numbers, a long symbolic one cut."""
    return clip(format_number(value), ENTRY_LIMIT)


def split_hat(label: str) -> tuple[str, int | None]:
    """The label without its hat, and the index of the letter that carries it (None if no hat)."""
    index = label.find(HAT)
    if index <= 0:
        return label, None
    return label[:index] + label[index + 1 :], index - 1


# Advance widths in ems of DejaVu Serif (the first face of the theme font stack), by character class.
_NARROW = set("ijlI|:;'!()[]⟨⟩ ·†*fṫtr")
_THIN = set(".,")
_WIDE = set("MWmwΨΦΩ=+−≠×")


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of ``text`` set at ``size`` pixels (sub- and superscripts smaller: :func:`runs`)."""
    if ("_" in text or "^" in text) and len(found := runs(text)) > 1:
        return sum(_plain_width(piece, size * (1 if role == "base" else SCRIPT_SCALE)) for piece, role in found)
    return _plain_width(text, size)


def _plain_width(text: str, size: float) -> float:
    width = 0.0
    for character in text:
        if character == "\u0302" or "\u0300" <= character <= "\u036f":
            continue  # combining marks take no advance
        if character in _THIN:
            width += 0.27
        elif character in _NARROW:
            width += 0.36
        elif character.isdigit():
            width += 0.64  # (DejaVu Serif's digits, the first face of the stack, are 0.636 em wide)
        elif character in _WIDE:
            width += 0.86
        elif character.isupper():
            width += 0.72
        elif character in "₀₁₂₃₄₅₆₇₈₉ᵢⱼₙₖ":
            width += 0.42
        elif unicodedata.east_asian_width(character) in ("W", "F"):
            width += 1.0  # full-width (kana, kanji, hangul): a full em, about twice a Latin letter
        else:
            width += 0.6
    return width * size
