"""Dirac notation as text: ``"<1,2,4,3|5,1,-3,2>"``, ``"<psi|H|phi>"``, ``"|a><b|"``, ``"(|0,1> + |1,0>)/sqrt(2)"``.

A hand-written recursive-descent parser; user text is never evaluated as Python. Values
bound to names (``--let H=[[1,2],[-1,4]]``) and the entries of kets are read by a
restricted evaluator over Python's ``ast``: numbers, lists, ``+ - * / **``, ``sqrt``,
``pi`` and complex ``1j`` only.

Grammar::

    expression := term (("+" | "-") term)*
    term       := ["-"] factor (["*" | "/"] factor)*      (juxtaposed factors compose with @)
    term       := … factor (("&" | "⊗") factor)…          (⊗ and & put diagrams side by side: |0> ⊗ |1>)
    factor     := "<" content "|"  [content ">"]            a bra, or a bracket <a|b>
                | "|" content ">"                           a ket
                | name | number | "sqrt(" value ")" | "(" expression ")"
    content    := name | value ("," value)* | basis       basis: 0, 1, 01, … (qubits), + and − (Hadamard)

Names are bound by ``bindings``; unbound X, Y, Z and I are the Pauli matrices. A bra is the
adjoint of the ket of the same content: ``<v|`` holds the conjugates of ``v``'s entries (a name
bound to a vector or numbers written out alike), so ``<1,1j|1,1j>`` is 2.
``⟨ ⟩`` are accepted for ``< >``.
"""

from __future__ import annotations

import ast
import cmath
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.constructors import bra, ket, op, scalar
from ..core.diagram import Diagram
from ..core.errors import DiagramError
from ..core.nodes import as_numeric_array
from ..core.typography import shortened

__all__ = ["DiracError", "parse", "parse_value"]

GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Psi": "Ψ",
    "Phi": "Φ",
    "Omega": "Ω",
}
_PAULI = {
    "X": np.array([[0, 1], [1, 0]]),
    "Y": np.array([[0, -1j], [1j, 0]]),
    "Z": np.array([[1, 0], [0, -1]]),
    "I": np.eye(2, dtype=int),
}
_NAME = re.compile(r"[A-Za-z_\u0370-\u03ff][A-Za-z0-9_\u0370-\u03ff']*")
_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?j?")
_MAX_TEXT = 10_000


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
    if len(text) > _MAX_TEXT:
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
            return _tidy(Fraction(left) / Fraction(right)) if exact else left / right
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
        return _tidy(Fraction(base) ** exponent)
    return base**exponent


def _sqrt(value: Any) -> Any:
    """The square root: exact for perfect squares (``sqrt(-4)`` is ``2j``), else floating point."""
    if isinstance(value, complex):
        return value**0.5
    if isinstance(value, (int, Fraction)):
        magnitude = abs(Fraction(value))
        top, bottom = math.isqrt(magnitude.numerator), math.isqrt(magnitude.denominator)
        if top * top == magnitude.numerator and bottom * bottom == magnitude.denominator:
            root = _tidy(Fraction(top, bottom))
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


def _tidy(value: Fraction) -> int | Fraction:
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


# ------------------------------------------------------------------------- diagrams
@dataclass
class _Factor:
    value: Any  # a Diagram or a number
    name: str  # for messages: "H", "phi", "<1,2|"
    position: int
    tensor: bool = False  # joined to the factors before it by ⊗ (or &), not by juxtaposition (@)


class _Parser:
    def __init__(self, text: str, bindings: Mapping[str, Any]) -> None:
        self.text = text
        self.bindings = bindings
        self.position = 0

    # -- characters
    def peek(self) -> str:
        self.skip()
        return self.text[self.position] if self.position < len(self.text) else ""

    def skip(self) -> None:
        while self.position < len(self.text) and self.text[self.position].isspace():
            self.position += 1

    def error(self, message: str, position: int | None = None) -> DiracError:
        return DiracError(message, self.position if position is None else position)

    # -- grammar
    def expression(self) -> Any:
        result = self.term()
        while self.peek() in ("+", "-"):
            sign, where = self.text[self.position], self.position
            self.position += 1
            right = self.term()
            result = self._add(result, right if sign == "+" else _negate(right), where)
        return result

    def term(self) -> Any:
        negative = False
        if self.peek() == "-":
            negative = True
            self.position += 1
        factors: list[_Factor] = []
        while True:
            character = self.peek()
            if character in ("", "+", "-", ")"):
                break
            if character in ("&", "⊗"):  # a tensor product: side by side, no line joined
                if not factors:
                    raise self.error(f"{character!r} needs something on its left")
                self.position += 1
                factor = self.factor()
                if not isinstance(factor.value, Diagram) or not isinstance(factors[-1].value, Diagram):
                    raise self.error(f"{character!r} joins two diagrams side by side (|0> ⊗ |1>)", factor.position)
                factors.append(replace(factor, tensor=True))
                continue
            if character in ("*", "/"):
                if not factors:
                    raise self.error(f"{character!r} needs something on its left")
                self.position += 1
                factor = self.factor()
                if character == "/":
                    # a closed diagram is a number: divide by its value (exactly, for integers)
                    value = factor.value
                    if isinstance(value, Diagram) and value.kind == "scalar" and not value.symbolic:
                        factor = _Factor(value.value(), factor.name, factor.position)
                    if isinstance(factor.value, Diagram) or factor.value == 0:
                        raise self.error(
                            "you can only divide by a non-zero number (or a closed diagram whose value is one)",
                            factor.position,
                        )
                    reciprocal = (
                        _tidy(1 / Fraction(factor.value)) if isinstance(factor.value, int) else 1 / factor.value
                    )
                    factor = _Factor(reciprocal, factor.name, factor.position)
                factors.append(factor)
                continue
            factor = self.factor()
            if factors and not isinstance(factors[-1].value, Diagram) and not isinstance(factor.value, Diagram):
                left, right = factors[-1].name, factor.name
                raise self.error(f"two numbers side by side ({left} {right}); write {left}*{right}", factor.position)
            factors.append(factor)
        if not factors:
            raise self.error("expected a bra <…|, a ket |…>, a name or a number here")
        result = self._compose(factors)
        return _negate(result) if negative else result

    def factor(self) -> _Factor:
        start = self.position
        character = self.peek()
        if character in ("<", "⟨"):
            return self._bra_or_bracket()
        if character == "|":
            self.position += 1
            return self._ket(start)
        if character == "(":
            self.position += 1
            inner = self.expression()
            if self.peek() != ")":
                raise self.error(
                    "expected ')' to close the '(' opened here"
                    if self.peek() == ""
                    else f"expected ')' but found {self.peek()!r}",
                    start if self.peek() == "" else None,
                )
            self.position += 1
            return _Factor(inner, "(…)", start)
        if character in (">", "⟩", "]", "["):
            raise self.error(f"unexpected {character!r}")
        if character.isdigit() or character == ".":
            return self._number(start)
        match = _NAME.match(self.text, self.position)
        if match:
            name = match.group(0)
            self.position = match.end()
            if name == "sqrt" and self.peek() == "(":
                return self._sqrt(start)
            return self._named(name, start)
        raise self.error(f"unexpected {character!r}")

    def _number(self, start: int) -> _Factor:
        match = _NUMBER.match(self.text, self.position)
        if match is None:
            raise self.error(f"unexpected {self.text[self.position]!r}")
        self.position = match.end()
        if self.position < len(self.text) and (self.text[self.position] in ".0123456789"):
            raise self.error(f"{match.group(0) + self.text[self.position]!r} is not a number")
        return _Factor(parse_value(match.group(0)), match.group(0), start)

    def _sqrt(self, start: int) -> _Factor:
        depth, index = 0, self.position
        while index < len(self.text):
            depth += {"(": 1, ")": -1}.get(self.text[index], 0)
            index += 1
            if depth == 0:
                break
        if depth != 0:
            raise self.error("expected ')' to close sqrt(", start)
        value = parse_value("sqrt" + self.text[self.position : index])
        self.position = index
        return _Factor(value, "sqrt(…)", start)

    def _named(self, name: str, start: int) -> _Factor:
        if name in self.bindings:
            value = self.bindings[name]
        elif name in _PAULI:
            value = _PAULI[name]
        else:
            raise self.error(f"unknown name {name!r} (use --let {name}=...)", start)
        label = GREEK.get(name, name)
        if isinstance(value, Diagram):
            return _Factor(value, name, start)
        array = np.asarray(value)
        if array.ndim == 0:
            return _Factor(array.item(), name, start)
        if array.ndim == 1:
            raise self.error(f"{name} is a vector: write it as the ket |{name}> or the bra <{name}|", start)
        if array.ndim != 2:
            raise self.error(f"{name} has {array.ndim} axes; an operator is a matrix", start)
        return _Factor(op(array, name=label), name, start)

    def _content(self, closers: str, what: str, start: int) -> tuple[Diagram | np.ndarray, str]:
        """The inside of a bra or ket up to one of ``closers``: a bound name or a list of values."""
        end = self.position
        while end < len(self.text) and self.text[end] not in closers + "<>|⟨⟩":
            end += 1
        if end >= len(self.text) or self.text[end] not in closers:
            raise self.error(f"expected {closers[0]!r} to close the {what} opened here", start)
        inside = self.text[self.position : end].strip()
        content_start = self.position
        self.position = end + 1
        if not inside:
            raise self.error(f"the {what} is empty: give its numbers, |1,0>, or a name bound with --let", start)
        if _BASIS.fullmatch(inside):  # |0>, |01>, |+>, |->: the qubit bases
            return _basis_vector(inside), inside
        if _NAME.fullmatch(inside) and inside not in ("pi", *FUNCTIONS):
            if inside not in self.bindings:
                raise self.error(f"unknown name {inside!r} (use --let {inside}=...)", content_start)
            value = self.bindings[inside]
            if isinstance(value, Diagram):
                return value, inside
            vector = np.asarray(value)
            if vector.ndim != 1:
                raise self.error(f"{inside} has shape {vector.shape}, but a {what} needs a vector", content_start)
            return vector, inside
        try:
            vector = parse_value(f"[{inside}]")
        except DiracError as error:
            raise self.error(f"in the {what}: {error.message}", content_start) from None
        if vector.ndim != 1 or vector.size < 2:
            raise self.error(
                f"a {what} needs at least two numbers separated by commas, e.g. |1,0>, a qubit basis label "
                "(|0>, |1>, |01>, |+>, |->), or a name bound with --let",
                content_start,
            )
        return vector, inside

    def _ket(self, start: int) -> _Factor:
        value, inside = self._content(">⟩", "ket", start)
        return _Factor(self._state(value, inside, ket), _state_name(inside, "|", ">"), start)

    def _bra_or_bracket(self) -> _Factor:
        start = self.position
        self.position += 1
        value, inside = self._content("|", "bra", start)
        left = _Factor(self._state(value, inside, bra), _state_name(inside, "<", "|"), start)
        # <a|b>: the bar that closes the bra also opens a ket when a '>' comes before any other bar
        ahead = re.search(r"[|<>⟨⟩]", self.text[self.position :])
        if ahead is None and "," in self.text[self.position :]:
            raise self.error("expected '>' to close the ket that starts at the '|' of the bra", len(self.text))
        if ahead and ahead.group(0) in (">", "⟩"):
            right = self._ket(self.position - 1)
            return _Factor(self._compose([left, right]), f"<{inside}|{right.name.strip('|>')}>", start)
        return left

    def _state(self, value: Any, inside: str, maker: Any) -> Diagram:
        if isinstance(value, Diagram):
            wanted = "ket" if maker is ket else "bra"
            if value.kind == wanted:
                return value
            return value.dag if value.kind in ("ket", "bra") else value
        if _BASIS.fullmatch(inside):  # one leg per qubit, named as written: ⟨01|, |+⟩
            label = inside.replace("-", "−")
            return maker(value, name=label, dims=[2] * len(inside)) if len(inside) > 1 else maker(value, name=label)
        label = GREEK.get(inside, inside) if _NAME.fullmatch(inside) else None
        if maker is bra:  # ⟨v| is |v⟩†: its entries are v's conjugated, so that ⟨v|v⟩ = ‖v‖²
            value = np.conj(value)
        try:
            return maker(value, name=label)
        except DiagramError as error:
            raise self.error(str(error)) from None

    # -- semantics
    def _compose(self, factors: list[_Factor]) -> Any:
        number: Any = 1
        result: Diagram | None = None
        last: _Factor | None = None
        for factor in factors:
            if not isinstance(factor.value, Diagram):
                number = number * factor.value
                continue
            if result is None:
                result = factor.value
            elif factor.tensor:
                result = result & factor.value
            else:
                assert last is not None
                _check_joinable(result, factor.value, last, factor, self.text)
                result = result @ factor.value
            last = factor
        if result is None:
            return number
        return result if number == 1 else number * result

    def _add(self, left: Any, right: Any, where: int) -> Any:
        if isinstance(left, Diagram) != isinstance(right, Diagram):
            diagram = left if isinstance(left, Diagram) else right
            if diagram.kind != "scalar":
                raise self.error(f"cannot add a number and a {diagram.kind}", where)
        try:
            return left + right
        except DiagramError as error:
            raise self.error(str(error), where) from None


#: The basis kets written by their labels: computational (``|0>``, ``|1>``, ``|01>``, up to 16 qubits) and Hadamard.
_BASIS = re.compile(r"[01]{1,16}|[+\-]")


def _basis_vector(label: str) -> np.ndarray:
    """|0⟩, |1⟩, |01⟩ … (one 1 among 2ⁿ entries, exact) and |±⟩ = (|0⟩ ± |1⟩)/√2."""
    if label in "+-":
        return np.array([1, 1 if label == "+" else -1]) / math.sqrt(2)
    vector = np.zeros(2 ** len(label), dtype=np.int64)
    vector[int(label, 2)] = 1
    return vector


def _state_name(inside: str, opening: str, closing: str) -> str:
    """How messages name a bra or ket: by its bound name (``phi``), or as written (``|1,2>``)."""
    return inside if _NAME.fullmatch(inside) else f"{opening}{inside}{closing}"


def _negate(value: Any) -> Any:
    return -value


def _shape_text(diagram: Diagram, name: str) -> str:
    if diagram.kind == "operator" and len(diagram.legs) == 2:
        return f"{name} is {diagram.shape[0]}x{diagram.shape[1]}"
    return f"{name} has dimension {'x'.join(str(d) for d in diagram.shape)}"


def _check_joinable(left: Diagram, right: Diagram, before: _Factor, after: _Factor, text: str) -> None:
    east = [leg.dim for leg in left.legs if leg.side == "E"]
    west = [leg.dim for leg in right.legs if leg.side == "W"]
    if east and west and east != west:
        before_text = _shape_text(before.value, before.name) if isinstance(before.value, Diagram) else before.name
        after_text = _shape_text(after.value, after.name)
        raise DiracError(f"{text.strip()}: {before_text} but {after_text}", after.position)


def parse(text: str, bindings: Mapping[str, Any] | None = None) -> Diagram | Any:
    """Read a Dirac expression into a :class:`Diagram` (or a number, for a plain number).

    >>> parse("<1,2,4,3|5,1,-3,2>").value()
    1
    >>> parse("<psi|H|psi>", {"psi": [1, -2], "H": [[1, 2], [-1, 4]]}).value()
    15
    """
    if not isinstance(text, str):
        raise DiracError(f"a Dirac expression is text, got {type(text).__name__}")
    if len(text) > _MAX_TEXT:
        raise DiracError(f"the expression is too long ({len(text)} characters)")
    parser = _Parser(text, bindings or {})
    try:
        result = parser.expression()
        if parser.peek() != "":
            character = parser.peek()
            hint = " (no '(' is open)" if character == ")" else ""
            raise parser.error(f"unexpected {character!r}{hint}")
        return result if isinstance(result, Diagram) else scalar(result)
    except RecursionError:
        raise DiracError("the expression is nested too deeply") from None
    except DiracError:
        raise
    except DiagramError as error:  # from building the diagram: same message, the parser's type
        raise DiracError(str(error)) from None
