"""penrose's number reader: numbers and lists of numbers from text, exactly where it can, never by ``eval``.

Used by the Dirac notation (the entries of kets, ``--let`` values) and by the editor (the
entries a user types). Text is parsed by Python's ``ast`` and evaluated over a closed set:
numbers, lists, ``+ - * / **`` (on lists entry by entry), :data:`FUNCTIONS` and ``pi``.
Integers stay exact at any size (up to :data:`MAX_BITS`), ``/`` between them gives a
:class:`~fractions.Fraction`, and ``sqrt`` of a perfect square is exact.
"""

from __future__ import annotations

import ast
import cmath
import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from ..core.errors import DiagramError
from ..core.nodes import as_numeric_array
from ..core.typography import shortened

__all__ = ["FUNCTIONS", "MAX_BITS", "MAX_TEXT", "DiracError", "parse_value", "tidy"]

MAX_TEXT = 10_000


class DiracError(DiagramError):
    """A Dirac expression that cannot be read or evaluated; ``position`` points at the offending character."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# ----------------------------------------------------------------------------- values
def parse_value(text: str) -> Any:
    """A number, or a (nested) list of numbers as an array, from restricted Python-like text.

    Integers stay exact at any size and ``/`` between them gives a :class:`~fractions.Fraction`;
    ``sqrt`` of a perfect square is exact and ``sqrt(-1)`` is ``1j``. A decimal point or an
    exponent (``0.5``, ``1e3``) makes a floating-point number.

    >>> parse_value("[1/2, sqrt(4), 2**70]")
    array([Fraction(1, 2), 2, 1180591620717411303424], dtype=object)
    >>> parse_value("sqrt(-1)")
    1j
    >>> parse_value("[1/sqrt(2), -1j]")
    array([ 0.70710678+0.j, -0.        -1.j])
    """
    if len(text) > MAX_TEXT:
        raise DiracError(f"the value is too long ({len(text)} characters)")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        position = getattr(error, "offset", None)
        raise DiracError(
            f"cannot read the value {_shown(text)}: not a number or a list of numbers",
            None if position is None else position - 1,
        ) from None
    try:
        result = _evaluate(tree.body)
    except RecursionError:
        raise DiracError(f"the value {_shown(text)} is nested too deeply") from None
    if isinstance(result, list):
        if _ragged(result):
            raise DiracError(f"the value {_shown(text)} is ragged: its rows have different lengths")
        try:
            return as_numeric_array(result, f"the value {_shown(text)}")
        except DiagramError as error:
            raise DiracError(str(error)) from None
    return result


def _shown(text: str) -> str:
    return repr(shortened(text.strip(), 60))


def _ragged(value: Any) -> bool:
    """True when nested lists have rows of different lengths (or mix numbers and lists)."""
    if not isinstance(value, list) or not value:
        return False
    lists = [isinstance(v, list) for v in value]
    if any(lists) and not all(lists):
        return True
    if all(lists):
        if len({len(v) for v in value}) != 1:
            return True
        return any(_ragged(v) for v in value)
    return False


#: Exact integers in values are limited to this many bits (a 300-digit number); beyond, it is an error.
MAX_BITS = 1024


def _evaluate(node: ast.AST) -> Any:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (int, float, complex)) and not isinstance(node.value, bool):
            return _checked(node.value)
        raise DiracError(f"{node.value!r} is not a number")
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_evaluate(element) for element in node.elts]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _number(_evaluate(node.operand))
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
        return _elementwise(node.op, _evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
        name = node.func.id
        if len(node.args) != 1 or node.keywords:
            raise DiracError(f"{name} takes one number: {name}(2)")
        return _checked(FUNCTIONS[name](_number(_evaluate(node.args[0]))))
    if isinstance(node, ast.Name) and node.id == "pi":
        return math.pi
    what = type(node).__name__
    if isinstance(node, ast.Name):
        what = f"the name {node.id!r}"
    elif isinstance(node, ast.Call):
        what = f"a function call other than {', '.join(f'{n}(...)' for n in FUNCTIONS)}"
    raise DiracError(
        f"{what} is not allowed in a value; use numbers, lists, + - * / **, {', '.join(FUNCTIONS)}, pi and 1j"
    )


def _elementwise(operation: ast.operator, left: Any, right: Any) -> Any:
    """``left op right`` for numbers, and entry by entry where a side is a list: ``[1, 1]/sqrt(2)``."""
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            raise DiracError(f"lists of different lengths ({len(left)} and {len(right)}) cannot be combined")
        return [_elementwise(operation, a, b) for a, b in zip(left, right)]
    if isinstance(left, list):
        return [_elementwise(operation, a, right) for a in left]
    if isinstance(right, list):
        return [_elementwise(operation, left, b) for b in right]
    return _checked(_arithmetic(operation, left, right))


def _arithmetic(operation: ast.operator, left: Any, right: Any) -> Any:
    """``left op right``, exact for integers and fractions; every failure a DiracError."""
    exact = isinstance(left, (int, Fraction)) and isinstance(right, (int, Fraction))
    try:
        if isinstance(operation, ast.Add):
            return left + right
        if isinstance(operation, ast.Sub):
            return left - right
        if isinstance(operation, ast.Mult):
            return left * right
        if isinstance(operation, ast.Div):
            if right == 0:
                raise DiracError("division by zero in a value")
            return tidy(Fraction(left) / Fraction(right)) if exact else left / right
        return _power(left, right, exact)
    except OverflowError:
        raise DiracError("a number in the value is too large for floating point (beyond about 1.8e308)") from None
    except ZeroDivisionError:
        raise DiracError("zero cannot be raised to a negative power") from None


def _power(base: Any, exponent: Any, exact: bool) -> Any:
    if exact and isinstance(exponent, int):
        if base == 0 and exponent < 0:
            raise DiracError("zero cannot be raised to a negative power")
        ratio = Fraction(base)
        size = max(math.log2(abs(ratio.numerator) or 1), math.log2(ratio.denominator))
        if size * abs(exponent) > MAX_BITS:
            raise DiracError(f"the power is too large (more than {MAX_BITS} bits); write it as a float, e.g. 1e300")
        return tidy(Fraction(base) ** exponent)
    return base**exponent


def _sqrt(value: Any) -> Any:
    """The square root: exact for perfect squares (``sqrt(-4)`` is ``2j``), else floating point."""
    if isinstance(value, complex):
        return value**0.5
    if isinstance(value, (int, Fraction)):
        magnitude = abs(Fraction(value))
        top, bottom = math.isqrt(magnitude.numerator), math.isqrt(magnitude.denominator)
        if top * top == magnitude.numerator and bottom * bottom == magnitude.denominator:
            root = tidy(Fraction(top, bottom))
            return root if value >= 0 else complex(0, root)
    try:
        root = math.sqrt(abs(value))
    except OverflowError:
        raise DiracError("sqrt of a number too large for floating point (beyond about 1.8e308)") from None
    return root if value >= 0 else complex(0, root)


def _transcendental(real: Callable[[float], float], complex_: Callable[[complex], complex], exact_zero: Any):
    """A function of one number: exact at 0 (``exp(0)`` is 1), floating point elsewhere, complex for complex."""

    def apply(value: Any) -> Any:
        if value == 0 and not isinstance(value, (float, complex)):
            return exact_zero
        try:
            return complex_(value) if isinstance(value, complex) else real(float(value))
        except OverflowError:
            raise DiracError("the number is too large for floating point (beyond about 1.8e308)") from None

    return apply


#: The functions a value may call, by name.
FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "sqrt": _sqrt,
    "exp": _transcendental(math.exp, cmath.exp, 1),
    "cos": _transcendental(math.cos, cmath.cos, 1),
    "sin": _transcendental(math.sin, cmath.sin, 0),
}


def tidy(value: Fraction) -> int | Fraction:
    """A fraction with denominator 1 as an int."""
    return int(value) if value.denominator == 1 else value


def _checked(value: Any) -> Any:
    """Refuse infinities and NaN (``1e999``), and integers too long to be worth reading."""
    if isinstance(value, float) and not math.isfinite(value):
        raise DiracError("a number in the value is infinite or NaN (beyond about 1.8e308)")
    if isinstance(value, complex) and not (math.isfinite(value.real) and math.isfinite(value.imag)):
        raise DiracError("a number in the value is infinite or NaN (beyond about 1.8e308)")
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        fraction = Fraction(value)
        if fraction.numerator.bit_length() + fraction.denominator.bit_length() > MAX_BITS + 64:
            raise DiracError(f"an integer in the value is too large (more than {MAX_BITS} bits)")
    return value


def _number(value: Any) -> Any:
    if isinstance(value, list):
        raise DiracError("arithmetic works on numbers, not on lists")
    return value
