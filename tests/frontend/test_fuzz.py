"""Fuzzing the contract: generated Dirac expressions and hostile API arguments.

Whatever the input, the command line exits 0 with a value or 2 with one line (plus the
caret line), and the Python API returns a correct value or raises a DiagramError; every
picture it draws is well-formed XML. Example counts are bounded so the suite stays fast.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import xml.etree.ElementTree as ET
from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import penrose as pn
from penrose.frontend.cli import main

EXAMPLES = int(os.environ.get("PENROSE_FUZZ_EXAMPLES", "150"))  # raise it for a long fuzzing run
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(*args: str) -> tuple[int, str, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's own usage errors
            code = int(exit_.code or 0)
    return code, out.getvalue().strip(), err.getvalue().strip().splitlines()


# ---------------------------------------------------------------------------------------------- Dirac expressions
numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.fractions(max_denominator=50).map(lambda f: f"{f.numerator}/{f.denominator}"),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    st.sampled_from(["1j", "-2j", "sqrt(2)", "sqrt(-4)", "pi", "2**10", "1e200", "0", "(1+1j)/2"]),
)


@st.composite
def vectors(draw, dim: int) -> str:
    return ",".join(draw(numbers) for _ in range(dim))


@st.composite
def expressions(draw, depth: int = 0) -> str:
    dim = 2
    atoms = [
        st.builds(lambda v: f"|{v}>", vectors(dim)),
        st.builds(lambda v: f"<{v}|", vectors(dim)),
        st.builds(lambda a, b: f"<{a}|{b}>", vectors(dim), vectors(dim)),
        st.sampled_from(["X", "Y", "Z", "I", "|psi>", "<psi|", "H", "<psi|H|psi>"]),
        numbers,
    ]
    if depth < 2:
        atoms.append(st.builds(lambda e: f"({e})", expressions(depth + 1)))
    parts = draw(st.lists(st.one_of(atoms), min_size=1, max_size=4))
    signs = st.sampled_from([" ", " + ", " - ", "*", " / ", ""])
    joins = draw(st.lists(signs, min_size=len(parts), max_size=len(parts)))
    return "".join(j + p for j, p in zip(joins, parts)).strip()


@st.composite
def mutated(draw) -> str:
    text = draw(expressions())
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "swap"]))
        junk = draw(st.sampled_from([*"<>|⟨⟩()[],+-*/.^0123456789e j\n\x00", "**", "sqrt(", "1e999", "--"]))
        if action == "insert":
            text = text[:where] + junk + text[where:]
        elif action == "delete" and text:
            text = text[:where] + text[where + 1 :]
        elif text:
            text = text[:where] + junk + text[where + 1 :]
    return text


def check_cli_contract(expression: str) -> None:
    code, out, err = run("eval", expression, "--let", "psi=[1,-2]", "--let", "H=[[1,2],[-1,4]]")
    assert code in (0, 2), (expression, code, err)
    if code == 0:
        assert out and not err, (expression, out, err)
    else:
        assert out == "" and len(err) in (1, 3) and err[0].startswith("penrose: "), (expression, err)
        if len(err) == 3:
            assert err[2].strip() == "^", err


@FAST
@given(expressions())
def test_generated_expressions_give_a_value_or_one_line(expression):
    check_cli_contract(expression)


@FAST
@given(mutated())
def test_mutated_expressions_give_a_value_or_one_line(expression):
    check_cli_contract(expression)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(-(10**40), 10**40), st.integers(-(10**40), 10**40)), min_size=2, max_size=6))
def test_inner_products_of_big_integers_are_exact(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    expected = sum(x * y for x, y in pairs)  # Python's own integers: the independent reference
    code, out, err = run("eval", f"<{','.join(map(str, a))}|{','.join(map(str, b))}>")
    assert (code, out, err) == (0, str(expected), [])
    assert (pn.bra(a) @ pn.ket(b)).value() == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.fractions(max_denominator=1000), min_size=2, max_size=5), st.data())
def test_fractions_stay_exact(entries, data):
    other = data.draw(st.lists(st.fractions(max_denominator=1000), min_size=len(entries), max_size=len(entries)))
    value = (pn.bra(entries) @ pn.ket(other)).value()
    assert value == sum((x * y for x, y in zip(entries, other)), Fraction(0))


# ------------------------------------------------------------------------------------------- hostile API arguments
entries = st.one_of(
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.complex_numbers(allow_nan=True, allow_infinity=True),
    st.fractions(),
    st.booleans(),
    st.text(max_size=3),
    st.none(),
)
data = st.one_of(
    st.lists(entries, min_size=1, max_size=4),
    st.lists(st.lists(entries, min_size=1, max_size=3), min_size=1, max_size=3),
    entries,
)
names = st.one_of(st.none(), st.text(max_size=60), st.integers())
colors = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["red", "#fff", "#12ab9F", "teal", 5, "#ggg"]))


def finite_number(x) -> bool:
    if isinstance(x, bool | int | Fraction):
        return True
    if isinstance(x, str):  # a name is a symbol (sympy), by design; anything else is refused
        return x.isidentifier()
    return isinstance(x, float | complex) and math.isfinite(complex(x).real) and math.isfinite(complex(x).imag)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["ket", "bra", "op", "tensor"]), data, names, colors)
def test_hostile_arguments_give_a_diagram_or_a_diagram_error(maker, numbers_, name, color):
    try:
        if maker == "tensor":
            diagram = pn.tensor(numbers_, name=name, color=color)
        else:
            diagram = getattr(pn, maker)(numbers_, name=name, color=color)
    except pn.DiagramError:
        return
    if numbers_ is None:  # no numbers: a symbolic box, drawn but not evaluated
        assert diagram.symbolic
        ET.fromstring(diagram.draw().to_svg())
        return
    flat = list(np.asarray(numbers_, dtype=object).flat)
    assert all(finite_number(x) for x in flat), f"accepted {numbers_!r}"
    ET.fromstring(diagram.draw().to_svg())  # well-formed whatever the name
    try:
        value = diagram.value()
    except pn.DiagramError:
        return
    reference = np.asarray(numbers_, dtype=object)
    got = np.asarray(value, dtype=object).reshape(reference.shape)
    for x, y in zip(got.flat, reference.flat):
        if isinstance(y, str):
            assert str(x) == y, (numbers_, value)
            continue
        assert x == y or np.isclose(complex(x), complex(y), rtol=1e-12, atol=0), (numbers_, value)


# ------------------------------------------------------------------- exact integers, products of sums, --work
def _bounded(*args: str) -> tuple[int, str, list[str], float, float]:
    """``run(*args)`` with its time and its peak of traced memory (MB): what the limits must bound."""
    import time
    import tracemalloc

    tracemalloc.start()
    began = time.perf_counter()
    try:
        code, out, err = run(*args)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return code, out, err, time.perf_counter() - began, peak / 1e6


big_integers = st.sampled_from(["2**60", "2**200", "2**1000", "-(3**500)", "10**300", "7"])


@st.composite
def exact_tensor_products(draw) -> str:
    """A ket of big exact integers tensored many times: its size in bytes is what the memory limit must count."""
    entries = ",".join(draw(st.lists(big_integers, min_size=2, max_size=2)))
    return f"|{entries}>" * draw(st.integers(1, 16))  # (past 2^16 entries the refusal is tested on its own)


@st.composite
def products_of_sums(draw) -> str:
    """A product of many two-term sums, bras and kets in turn: counted, never multiplied out, and never recursed."""
    pair = draw(st.sampled_from(["(<1,0|+<0,1|)(|1,0>+|0,1>)", "(<1,1|-<0,2|)(|2,0>+|0,1>)"]))
    return pair * draw(st.integers(1, 120))


@settings(max_examples=max(EXAMPLES // 10, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(exact_tensor_products(), products_of_sums()), st.booleans())
def test_big_exact_numbers_and_products_of_sums_stay_within_their_limits(expression, work):
    code, out, err, seconds, megabytes = _bounded("eval", expression, *(["--work"] if work else []))
    assert code in (0, 2), (expression[:80], code, err)
    assert (out and not err) if code == 0 else (out == "" and len(err) == 1 and "internal" not in err[0]), err
    if work:  # (what a terminal can show: --work refuses past 16 terms, and writes at most 64 products a term)
        assert sum(line.startswith("term ") for line in out.splitlines()) <= 16 * 64
    assert seconds < 30 and megabytes < 1100, (expression[:80], seconds, megabytes)  # (the 1 GB default limit)
