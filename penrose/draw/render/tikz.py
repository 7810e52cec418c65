"""TikZ output: a scene as a ``tikzpicture`` for LaTeX and beamer, from the same geometry as the SVG.

Labels are Unicode (``|ψ⟩``, ``Ĥ``, ``U†``, ``E₀``); they are written as LaTeX math with
every special character escaped, so the picture compiles with plain ``pdflatex`` and
``\\usepackage{tikz}``: no Unicode engine or extra package needed. Japanese (CJK) text is
kept as it is, in ``\\mbox{…}``: such a picture needs LuaLaTeX with ``\\usepackage{luatexja}``
(TeX Live's luatexja; Debian: ``texlive-luatex texlive-lang-japanese``), which its first
line says.
"""

from __future__ import annotations

import re
import unicodedata

from ...core.errors import DiagramError
from ...core.typography import SUBSCRIPT_LETTERS, SUBSCRIPTS, SUPERSCRIPT_LETTERS, SUPERSCRIPTS
from ..labels import CJK_RUN, SCRIPT
from .scene import Scene
from .scene import coordinate as _n

__all__ = ["latex_math", "to_tikz"]

_GREEK = {
    "α": r"\alpha",
    "β": r"\beta",
    "γ": r"\gamma",
    "δ": r"\delta",
    "ε": r"\epsilon",
    "ζ": r"\zeta",
    "η": r"\eta",
    "θ": r"\theta",
    "ι": r"\iota",
    "κ": r"\kappa",
    "λ": r"\lambda",
    "μ": r"\mu",
    "ν": r"\nu",
    "ξ": r"\xi",
    "π": r"\pi",
    "ρ": r"\rho",
    "σ": r"\sigma",
    "τ": r"\tau",
    "υ": r"\upsilon",
    "φ": r"\phi",
    "χ": r"\chi",
    "ψ": r"\psi",
    "ω": r"\omega",
    "Γ": r"\Gamma",
    "Δ": r"\Delta",
    "Θ": r"\Theta",
    "Λ": r"\Lambda",
    "Ξ": r"\Xi",
    "Π": r"\Pi",
    "Σ": r"\Sigma",
    "Φ": r"\Phi",
    "Ψ": r"\Psi",
    "Ω": r"\Omega",
}
_SYMBOLS = {
    "⟨": r"\langle ",
    "⟩": r"\rangle ",
    "|": r"\vert ",
    "†": r"^{\dagger}",
    "*": r"^{*}",
    "−": "-",
    "×": r"\times ",
    "·": r"\cdot ",
    "✓": r"\surd ",
    "✗": r"\times ",
    "≠": r"\neq ",
    "±": r"\pm ",
    "↑": r"\uparrow ",
    "↓": r"\downarrow ",
    "→": r"\rightarrow ",
    "←": r"\leftarrow ",
    "↔": r"\leftrightarrow ",
    "…": r"\ldots ",
    "√": r"\surd ",
    "∞": r"\infty ",
    "ħ": r"\hbar ",
    "⊗": r"\otimes ",
    "\\": r"\backslash ",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\sim ",
    "^": r"\hat{}",
    '"': "''",
    " ": r"\ ",
    "<": "<",
    ">": ">",
}
_SUBSCRIPTS = dict(zip(SUBSCRIPTS, SUBSCRIPT_LETTERS))  # ₀ → 0, the reverse of labels.subscripts
_SUPERSCRIPTS = dict(zip(SUPERSCRIPTS, SUPERSCRIPT_LETTERS))


_WORD = re.compile(r"[A-Za-z]{2,}(?!\u0302)")


def latex_math(text: str) -> str:
    r"""``text`` as the body of LaTeX math (``$…$``): Greek letters, brackets, daggers, hats, sub/superscripts.

    Words of two or more letters are set upright: ``CNOT`` becomes ``\mathrm{CNOT}``.
    """
    text = unicodedata.normalize("NFD", text)  # Ĥ → H + combining hat, handled below
    out: list[str] = []
    index = 0
    while index < len(text):
        character = text[index]
        following = text[index + 1] if index + 1 < len(text) else ""
        if character in _SUBSCRIPTS or character in _SUPERSCRIPTS:
            table, mark = (_SUBSCRIPTS, "_") if character in _SUBSCRIPTS else (_SUPERSCRIPTS, "^")
            run = ""
            while index < len(text) and text[index] in table:
                run += table[text[index]]
                index += 1
            out.append(f"{mark}{{{run}}}")
            continue
        script = SCRIPT.match(text, index)
        if script and index > 0:  # R_z, e^{iθ}: the run after _ or ^, itself set as maths
            body = script.group(2) if script.group(2) is not None else script.group(3)
            out.append(f"{script.group(1)}{{{latex_math(body)}}}")
            index = script.end()
            continue
        japanese = CJK_RUN.match(text, index)
        if japanese:  # text, not maths: set by luatexja's Japanese font
            out.append(rf"\mbox{{{japanese.group(0)}}}")
            index = japanese.end()
            continue
        word = _WORD.match(text, index)
        if word and len(word.group(0)) > 1:  # CNOT, Tr, GHZ: a word, set upright, not a product of italics
            out.append(rf"\mathrm{{{word.group(0)}}}")
            index = word.end()
            continue
        body = _single(character)
        if following == "\u0302":  # a combining hat: \hat{H}
            out.append(rf"\hat{{{body}}}")
            index += 2
            continue
        out.append(body)
        index += 1
    return "".join(out)


def _single(character: str) -> str:
    if character in _GREEK:
        return _GREEK[character] + " "
    if character in _SYMBOLS:
        return _SYMBOLS[character]
    if character.isascii() and (character.isalnum() or character in ",.;:!?()[]=+-/'@`"):
        return character
    if "\u0300" <= character <= "\u036f":
        return ""  # other combining marks have no plain-LaTeX form
    return "?"  # a character plain pdflatex cannot set


#: The largest length (and coordinate) TeX can hold, in points, less a margin for TikZ's own arithmetic.
TEX_LIMIT = 16000.0


def to_tikz(scene: Scene) -> str:
    """The scene as a ``tikzpicture`` (pixels become 0.75 pt, as in the SVG at 96 dpi)."""
    theme = scene.theme
    colours: dict[str, str] = {}

    def colour(value: str) -> str:
        if value not in colours:
            colours[value] = f"penrose{len(colours)}"
        return colours[value]

    unit = 0.75 * scene.scale  # pt per pixel: 0.75 as in SVG at 96 dpi, times the fitted scale
    extent = max(scene.width, scene.height) + 2 * theme.margin
    if extent > TEX_LIMIT or extent * unit > TEX_LIMIT:
        raise DiagramError(
            f"the figure is {extent * unit:.0f} pt across ({extent:.0f} px), beyond the {TEX_LIMIT:.0f} pt TeX can "
            "set (its 'Dimension too large'); save it as .svg, .png or .pdf, or draw a smaller diagram"
        )
    width_pt = theme.stroke * unit
    body: list[str] = []
    margin = theme.margin
    ink = colour(theme.ink)
    if theme.background:
        body.append(
            rf"\fill[{colour(theme.background)}] ({_n(-margin)},{_n(-margin)}) rectangle "
            f"({_n(scene.width + margin)},{_n(scene.height + margin)});"
        )
    body.append(
        rf"\path[use as bounding box] ({_n(-margin)},{_n(-margin)}) rectangle "
        f"({_n(scene.width + margin)},{_n(scene.height + margin)});"
    )
    for line in scene.lines:
        path = " -- ".join(f"({_n(x)},{_n(y)})" for x, y in line.points)
        body.append(rf"\draw[{ink}, line width={_n(width_pt)}pt] {path};  % {line.role}")
    for shape in scene.shapes:
        if shape.kind == "wire":
            continue  # an identity drawn as plain wire: nothing to draw
        style = f"fill={colour(shape.fill)}, draw={ink}, line width={_n(width_pt)}pt"
        if shape.circle:
            body.append(
                rf"\filldraw[{style}] ({_n(shape.x + shape.width / 2)},{_n(shape.y + shape.height / 2)}) "
                f"ellipse [x radius={_n(shape.width / 2)}, y radius={_n(shape.height / 2)}];"
            )
        else:
            body.append(
                rf"\filldraw[{style}, rounded corners={_n(theme.corner * unit)}pt] "
                f"({_n(shape.x)},{_n(shape.y)}) rectangle ({_n(shape.x + shape.width)},{_n(shape.y + shape.height)});"
            )
    for mark in scene.marks:  # over the boxes: the cross of a CNOT's ⊕
        path = " -- ".join(f"({_n(x)},{_n(y)})" for x, y in mark.points)
        body.append(rf"\draw[{ink}, line width={_n(width_pt)}pt] {path};  % {mark.role}")
    anchors = {"middle": "center", "start": "west", "end": "east"}
    for text in scene.texts:
        size = text.size * unit
        body.append(
            rf"\node[{ink}, anchor={anchors[text.anchor]}, inner sep=0pt, "
            rf"font=\fontsize{{{_n(size)}}}{{{_n(size * 1.2)}}}\selectfont] at ({_n(text.x)},{_n(text.y)}) "
            f"{{${latex_math(text.text)}$}};"
        )
    definitions = [rf"\definecolor{{{name}}}{{HTML}}{{{value.lstrip('#').upper()}}}" for value, name in colours.items()]
    japanese = any(CJK_RUN.search(text.text) for text in scene.texts)
    needs = " and, for its Japanese labels, \\usepackage{luatexja} (compile with lualatex)." if japanese else "."
    return (
        "\n".join(
            [
                "% A penrose figure: \\input{} it in a LaTeX or beamer document that loads \\usepackage{tikz}" + needs,
                rf"\begin{{tikzpicture}}[x={_n(unit)}pt, y=-{_n(unit)}pt, line cap=round, line join=round]",
                *definitions,
                *body,
                r"\end{tikzpicture}",
            ]
        )
        + "\n"
    )
