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

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.constructors import bra, ket, op, scalar
from ..core.diagram import Diagram
from ..core.errors import DiagramError
from .numbers import FUNCTIONS, MAX_TEXT, DiracError, parse_value, tidy

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
                    reciprocal = tidy(1 / Fraction(factor.value)) if isinstance(factor.value, int) else 1 / factor.value
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
    if len(text) > MAX_TEXT:
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
