"""SVG output: a scene as clean, deterministic SVG text (selectable text, a viewBox, everything escaped)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..labels import SCRIPT_SCALE, clean_text, runs, split_hat, text_width
from .scene import Line, Scene, Text
from .scene import coordinate as _n

__all__ = ["to_svg"]


def _text(text: str) -> str:
    """User text as XML character data: control characters dropped, ``<``, ``&`` and ``>`` escaped."""
    return escape(clean_text(text))


def _path(line: Line) -> str:
    first, *rest = line.points
    return f"M{_n(first[0])} {_n(first[1])}" + "".join(f" L{_n(x)} {_n(y)}" for x, y in rest)


#: How far a subscript drops and a superscript rises, in ems of the text.
_SHIFT = {"base": 0.0, "sub": 0.3, "sup": -0.4}


def _scripted(shown: str, size: float) -> str:
    """A label's character data, its ``_x`` and ``^{…}`` set as smaller ``tspan``s below or above the line."""
    pieces = runs(shown) if "_" in shown or "^" in shown else [(shown, "base")]
    if len(pieces) == 1 and pieces[0][1] == "base":
        return _text(shown)
    out, level = [], 0.0
    for piece, role in pieces:
        shift = _SHIFT[role] * size - level
        level = _SHIFT[role] * size
        scale = "" if role == "base" else f' font-size="{_n(size * SCRIPT_SCALE)}"'
        out.append(f'<tspan dy="{_n(shift)}"{scale}>{_text(piece)}</tspan>')
    return "".join(out)


def _hat(text: Text, shown: str, carrier: int) -> str:
    """A circumflex over the letter at ``carrier`` of a text: the operator's hat (Ĥ), drawn, not typeset."""
    size = text.size
    total = text_width(shown, size)
    start = {"middle": text.x - total / 2, "start": text.x, "end": text.x - total}[text.anchor]
    centre = start + text_width(shown[:carrier], size) + text_width(shown[carrier], size) / 2
    apex, feet, half = text.y - 0.66 * size, text.y - 0.5 * size, 0.2 * size
    return (
        f'<path class="hat" d="M{_n(centre - half)} {_n(feet)} L{_n(centre)} {_n(apex)} '
        f'L{_n(centre + half)} {_n(feet)}"/>'
    )


def to_svg(scene: Scene, title: str | None = None) -> str:
    """The scene as an SVG document.

    Boxes carry ``data-node``, ``data-kind`` and ``data-term``; leg lines carry
    ``data-from-node/-leg/-side`` (and ``data-to-…`` for bonds), for stylesheets and tests.
    """
    theme = scene.theme
    margin = theme.margin
    width, height = scene.width + 2 * margin, scene.height + 2 * margin
    shown_width, shown_height = width * scene.scale, height * scene.scale
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(shown_width)}" height="{_n(shown_height)}" font-family={quoteattr(theme.font_family)} '
        f'class="penrose" data-theme={quoteattr(clean_text(theme.name))} data-layout={quoteattr(scene.layout)}>'
    ]
    if title:
        out.append(f"<title>{_text(title)}</title>")
    if theme.background:
        out.append(
            f'<rect class="background" x="0" y="0" width="{_n(width)}" height="{_n(height)}" '
            f"fill={quoteattr(theme.background)}/>"
        )
    out.append(
        f'<g transform="translate({_n(margin)} {_n(margin)})" stroke={quoteattr(theme.ink)} '
        f'stroke-width="{_n(theme.stroke)}" stroke-linecap="round" stroke-linejoin="round">'
    )
    for line in scene.lines:
        ends = ""
        for which, end in (("from", line.start), ("to", line.end)):
            if end is not None:
                node, leg, side = end
                leg_name = quoteattr(clean_text(leg))
                ends += f' data-{which}-node="{node}" data-{which}-leg={leg_name} data-{which}-side="{side}"'

        out.append(f'<path class="{line.role}" data-term="{line.term}"{ends} d="{_path(line)}" fill="none"/>')
    for shape in scene.shapes:
        common = (
            f'class="box" data-node="{shape.node}" data-term="{shape.term}" data-kind={quoteattr(shape.kind)} '
            f"fill={quoteattr(shape.fill)}" + (' stroke="none"' if shape.kind == "wire" else "")
        )
        close = (
            "/>"
            if shape.title is None
            else f"><title>{_text(shape.title)}</title></{'ellipse' if shape.circle else 'rect'}>"
        )
        if shape.circle:
            out.append(
                f'<ellipse {common} cx="{_n(shape.x + shape.width / 2)}" cy="{_n(shape.y + shape.height / 2)}" '
                f'rx="{_n(shape.width / 2)}" ry="{_n(shape.height / 2)}"{close}'
            )
        else:
            out.append(
                f'<rect {common} x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.width)}" '
                f'height="{_n(shape.height)}" rx="{_n(theme.corner)}"{close}'
            )
    for mark in scene.marks:  # over the boxes
        out.append(f'<path class="{mark.role}" data-term="{mark.term}" d="{_path(mark)}" fill="none"/>')
    out.append("</g>")
    out.append(f'<g transform="translate({_n(margin)} {_n(margin)})" fill={quoteattr(theme.ink)} stroke="none">')
    hats = []
    for text in scene.texts:
        baseline = text.y + 0.35 * text.size  # centre the x-height on y without dominant-baseline
        shown, carrier = split_hat(text.text)
        body = _scripted(shown, text.size) if text.role == "label" else _text(shown)
        out.append(
            f'<text class="{text.role}" x="{_n(text.x)}" y="{_n(baseline)}" font-size="{_n(text.size)}" '
            f'text-anchor="{text.anchor}">{body}</text>'
        )
        if carrier is not None:
            hats.append(_hat(text, shown, carrier))
    out.append("</g>")
    if hats:
        out.append(
            f'<g stroke={quoteattr(theme.ink)} stroke-width="{_n(max(1.0, theme.stroke * 0.45))}" fill="none" '
            f'stroke-linecap="round" stroke-linejoin="round" transform="translate({_n(margin)} {_n(margin)})">'
        )
        out += hats
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
