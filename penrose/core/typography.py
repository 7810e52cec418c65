"""How numbers and indices are written, in every wing: one number formatter, one table of sub/superscripts.

Pure string functions. The model names scalars with them (``pn.scalar(0.5)`` is labelled
``0.5``), the physics names eigenkets (``|E=−1;1⟩``), the pictures print values: all the
same way, as a physicist writes them (``−3``, ``1/√2``, ``1.2×10⁻⁵``, ``0.5+0.5i``).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["SUBSCRIPTS", "SUBSCRIPT_LETTERS", "SUPERSCRIPTS", "SUPERSCRIPT_LETTERS", "format_number", "shortened"]

#: The characters Unicode can lower or raise, and their subscript and superscript forms.
SUBSCRIPT_LETTERS, SUBSCRIPTS = "0123456789+-=()aeoxhklmnpstij", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ"
SUPERSCRIPT_LETTERS, SUPERSCRIPTS = "0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ"
_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_LETTERS, SUPERSCRIPTS)


def format_number(value: Any, digits: int = 4) -> str:
    """A number as a physicist writes it: ``1``, ``−0.5``, ``1/√2``, ``1.2×10⁻⁵``, ``0.5+0.5i``.

    >>> format_number(-3), format_number(0.7071067811865476), format_number(2.5e-7), format_number(1j)
    ('−3', '1/√2', '2.5×10⁻⁷', 'i')
    >>> format_number(1.0378986153331004e308), format_number(1.054571817e-34), format_number(1e-14j)
    ('1.038×10³⁰⁸', '1.055×10⁻³⁴', '1×10⁻¹⁴i')

    """
    if isinstance(value, (np.generic, np.ndarray)):
        value = np.asarray(value).item()
    if isinstance(value, complex):
        real, imag = value.real, value.imag
        if abs(imag) <= 1e-12 * abs(real) or imag == 0:  # a part below the other's rounding is not written
            return format_number(real, digits)
        if abs(real) <= 1e-12 * abs(imag):
            return _imaginary(imag, digits)
        sign = "+" if imag >= 0 else "−"
        return f"{format_number(real, digits)}{sign}{_imaginary(abs(imag), digits)}"
    if isinstance(value, (bool, np.bool_)):
        return str(value)
    if isinstance(value, int):
        return long_number(value, 1) or str(value).replace("-", "−")
    if type(value).__module__.startswith("sympy"):  # a symbolic value: a·c + b·d
        return str(value).replace("**", "^").replace("*", "·").replace("-", "−")
    if isinstance(value, Fraction):  # exact: 4/9, not 0.4444
        long = long_number(value.numerator, value.denominator)
        if long:
            return long
        text = str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
        return text.replace("-", "−")
    value = float(value)
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return {math.inf: "∞", -math.inf: "−∞"}.get(value, "NaN")
    if round(value) != 0 and abs(value - round(value)) < 1e-12 * abs(value) and abs(value) < 1e15:  # ħ is not 0
        return str(round(value)).replace("-", "−")
    surd = _surd(value)
    if surd:
        return surd
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return mantissa.replace("-", "−") + "×10" + str(int(exponent)).translate(_SUPERSCRIPT)
    return text.replace("-", "−")


#: An exact number whose numerator or denominator has more digits than this is written in scientific form.
LONG_DIGITS = 24


def digit_count(value: int) -> int:
    """How many decimal digits ``|value|`` has, without turning it into text (Python refuses past 4300 digits).

    >>> digit_count(10**5000), digit_count(-999)
    (5001, 3)
    """
    value = abs(value)
    if value == 0:
        return 1
    estimate = int(value.bit_length() * 0.30102999566398120) + 1
    return estimate if value >= 10 ** (estimate - 1) else estimate - 1


def long_number(numerator: int, denominator: int = 1, digits: int = 4) -> str | None:
    """An exact ratio of long integers in scientific form, ``1.995…×10³⁰¹⁰`` (the ellipsis: exact digits cut);
    None when both parts are short enough to write out.

    >>> long_number(2**10000)
    '1.995…×10³⁰¹⁰'
    >>> long_number(-(10**30), 3)
    '−3.333…×10²⁹'
    """
    if digit_count(numerator) <= LONG_DIGITS and digit_count(denominator) <= LONG_DIGITS:
        return None
    sign = "−" if (numerator < 0) != (denominator < 0) and numerator != 0 else ""
    numerator, denominator = abs(numerator), abs(denominator)
    exponent = digit_count(numerator) - digit_count(denominator)
    if numerator * 10 ** max(-exponent, 0) < denominator * 10 ** max(exponent, 0):
        exponent -= 1  # (the leading digit comes one place lower)
    shift = digits - 1 - exponent
    scaled = numerator * 10**shift // denominator if shift >= 0 else numerator // (denominator * 10**-shift)
    text = str(scaled).rjust(digits, "0")[:digits]
    mantissa = text[0] + ("." + text[1:] if digits > 1 else "")
    return f"{sign}{mantissa}…×10" + str(exponent).translate(_SUPERSCRIPT)


def shortened(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters, ending in ``...``, for quoting user input in a message.

    >>> shortened("x" * 50, 10)
    'xxxxxxx...'
    """
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _surd(value: float) -> str | None:
    """``0.7071…`` → ``1/√2``, ``1.4142…`` → ``√2``, ``0.5773…`` → ``1/√3``: the values eigenvectors are made of."""
    sign = "−" if value < 0 else ""
    magnitude = abs(value)
    if not 1e-6 < magnitude < 1e6:  # surds of small integers only: and no overflow near the float limit
        return None
    for root in (2, 3):
        scaled = magnitude * math.sqrt(root)  # k/√root, as eigenvectors and worked sums write them
        if abs(scaled - round(scaled)) < 1e-9 and 1 <= round(scaled) <= 9:
            return f"{sign}√{root}" if round(scaled) == root else f"{sign}{round(scaled)}/√{root}"  # √2, not 2/√2
        reduced = magnitude / math.sqrt(root)  # k·√root
        if abs(reduced - round(reduced)) < 1e-9 and 1 <= round(reduced) <= 9:
            k = round(reduced)
            return f"{sign}{'' if k == 1 else k}√{root}"
    return None


def _imaginary(value: float, digits: int) -> str:
    if abs(value - 1) < 1e-12:
        return "i"
    if abs(value + 1) < 1e-12:
        return "−i"
    return f"{format_number(value, digits)}i"
