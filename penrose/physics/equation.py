"""Equations between diagrams: ``lhs = rhs``, checked numerically (and drawn by the renderer)."""

from __future__ import annotations

import numbers
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.constructors import scalar
from ..core.contract.work import Work
from ..core.diagram import Diagram, open_legs_agree
from ..core.errors import DiagramError
from ..core.typography import format_number
from ..core.values import entry_count
from ..draw.figure import Figure, draw_equation, draw_ratio

__all__ = ["Equation", "Ratio", "equation", "ratio"]


class Equation:
    """Two diagrams stated equal, such as S8's ``H|φ⟩ = E|φ⟩`` or S18's ``HU = UH``.

    Both sides must have the same open legs (count and dimension on each side), as in
    tikz-tensor-networks' equation environment; :meth:`holds` compares their values.
    """

    __slots__ = ("lhs", "rhs")

    def __init__(self, lhs: Diagram, rhs: Diagram) -> None:
        self.lhs, self.rhs = lhs, rhs

    def holds(self, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
        """True when both sides evaluate to the same numbers (``numpy.allclose`` with these tolerances)."""
        left, right = self.lhs.value(grouped=False), self.rhs.value(grouped=False)
        return bool(np.allclose(left, right, rtol=rtol, atol=atol))

    def work(self) -> Work:
        """Both sides written out as sums of products (see :meth:`~penrose.Diagram.work`), left then right."""
        left, right = self.lhs.work(), self.rhs.work()
        lines = [f"left: {line}" for line in left.lines] + [f"right: {line}" for line in right.lines]
        return Work(lines, left.complete and right.complete)

    def draw(
        self,
        check: bool | str = "auto",
        theme: Any = "slide",
        layout: str = "auto",
        leg_labels: bool = False,
        identities: bool | None = None,
        work: bool = False,
    ) -> Figure:
        """The picture ``lhs = rhs`` on one line, with ✓ or ✗ from :meth:`holds`; ``work`` adds the sums.

        ``check="auto"`` (the default) checks where both sides evaluate cheaply (numbers, at most
        :data:`CHEAP_BOXES` boxes and :data:`CHEAP_ENTRIES` entries); ``True`` always, ``False`` never.
        """
        if check not in (True, False, "auto"):
            raise DiagramError(f"check={check!r}: give True, False or 'auto' (checked where it is cheap)")
        if check == "auto":
            check = self.cheap()
        options = {"theme": theme, "layout": layout, "leg_labels": leg_labels, "identities": identities}
        return draw_equation(self, check=bool(check), **options, work=work)

    def cheap(self) -> bool:
        """True when both sides have numbers and are small enough to check at every drawing."""
        sides = (self.lhs, self.rhs)
        if any(side.symbolic for side in sides) or any(side.term_count > 16 for side in sides):
            return False
        boxes = sum(len(term.network.nodes) for side in sides for _, term in side.terms)
        return boxes <= CHEAP_BOXES and entry_count(self.lhs.legs) <= CHEAP_ENTRIES

    def _repr_svg_(self) -> str:
        return self.draw().to_svg()

    def __repr__(self) -> str:
        return f"<Equation {self.lhs.describe()} = {self.rhs.describe()}>"


#: An equation of at most this many boxes (both sides, every term) and entries is checked by default when drawn.
CHEAP_BOXES = 64
CHEAP_ENTRIES = 4096


def _as_side(side: Any, which: str) -> Diagram:
    if isinstance(side, Diagram):
        return side
    if isinstance(side, numbers.Number) and not isinstance(side, bool):
        return scalar(side)
    raise DiagramError(f"the {which} side must be a diagram or a number, got {type(side).__name__}")


def equation(lhs: Any, rhs: Any) -> Equation:
    """State ``lhs = rhs``; refused at once if the two sides do not have the same open legs.

    >>> import penrose as pn
    >>> Z, up = pn.pauli.Z, pn.ket([1, 0], name="↑")
    >>> pn.equation(Z @ up, 1 * up).holds()
    True
    """
    left, right = _as_side(lhs, "left"), _as_side(rhs, "right")
    if not open_legs_agree(left, right):
        raise DiagramError(
            f"the two sides of an equation must have the same open legs: the left, {left.describe()}, "
            f"has {left.describe_legs()}; the right, {right.describe()}, has {right.describe_legs()}"
        )
    return Equation(left, right)


class Ratio:
    """One closed diagram over another, as the seminar writes energies (S12) and probabilities (S14)."""

    __slots__ = ("denominator", "numerator")

    def __init__(self, numerator: Diagram, denominator: Diagram) -> None:
        self.numerator, self.denominator = numerator, denominator

    def value(self) -> Any:
        """The numerator's value divided by the denominator's (exact when both are)."""
        top, bottom = self.numerator.value(), self.denominator.value()
        if bottom == 0:
            raise DiagramError(f"the ratio's denominator, {self.denominator.describe()}, is 0: the ratio has no value")
        if isinstance(top, int) and isinstance(bottom, int):
            quotient = Fraction(top, bottom)
            return int(quotient) if quotient.denominator == 1 else quotient
        return top / bottom

    def work(self) -> Work:
        """The numerator and the denominator written out as sums of products, then their quotient, exactly.

        >>> import penrose as pn
        >>> psi, five = pn.ket([1, 2, 2]), pn.basis(1, 3)
        >>> print(pn.ratio((five.dag @ psi) & (psi.dag @ five), (psi.dag @ psi) & (five.dag @ five)).work())
        numerator: 1·2·2·1 = 4
        denominator: 1·1·1·1 + 2·2·1·1 + 2·2·1·1 = 1 + 4 + 4 = 9
        4/9
        """
        top, bottom = self.numerator.work(), self.denominator.work()
        lines = [f"numerator: {line}" for line in top.lines] + [f"denominator: {line}" for line in bottom.lines]
        shown = format_number(self.value())  # exact: 4/9
        return Work([*lines, shown], top.complete and bottom.complete)

    def draw(self, value: bool = True, theme: Any = "slide", layout: str = "auto", work: bool = False) -> Figure:
        """The fraction, with ``= value`` beside it; ``work`` sets the worked sums underneath."""
        return draw_ratio(self, value=value, theme=theme, layout=layout, work=work)

    def _repr_svg_(self) -> str:
        return self.draw().to_svg()

    def __repr__(self) -> str:
        return f"<Ratio {self.numerator.describe()} / {self.denominator.describe()}>"


def ratio(numerator: Any, denominator: Any) -> Ratio:
    """``numerator / denominator`` for two closed diagrams (scalars), drawn as a fraction.

    >>> import penrose as pn
    >>> psi, H = pn.ket([1, 1], name="ψ"), pn.op([[0, 1], [1, 0]], name="H")
    >>> pn.ratio(psi.dag @ H @ psi, psi.dag @ psi).value()  # exact: integers over integers
    1
    """
    top, bottom = _as_side(numerator, "upper"), _as_side(denominator, "lower")
    for part, which in ((top, "numerator"), (bottom, "denominator")):
        if part.kind != "scalar":
            raise DiagramError(
                f"the {which} of a ratio must be a closed diagram (no open legs), but {part.describe()} has "
                f"{part.describe_legs()}"
            )
    return Ratio(top, bottom)
