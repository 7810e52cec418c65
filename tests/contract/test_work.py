"""The worked sum: the additions and multiplications behind a small diagram's value, exactly."""

from __future__ import annotations

import re
import subprocess
import sys
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import penrose as pn

H = pn.op([[1, 2], [-1, 4]], name="H")
PSI = pn.ket([1, -2], name="ψ")


def test_the_seminars_sums_are_written_as_the_deck_writes_them():
    s4 = pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])
    assert str(s4.work()) == "1·5 + 2·1 + 4·(−3) + 3·2 = 5 + 2 − 12 + 6 = 1"
    assert (H @ PSI).work().lines == ["[1] = 1·1 + 2·(−2) = 1 − 4 = −3", "[2] = (−1)·1 + 4·(−2) = −1 − 8 = −9"]
    ab = (pn.op([[1, 2], [3, 4]]) @ pn.op([[0, 1], [1, 0]])).work()
    assert ab.lines[0] == "[1, 1] = 1·0 + 2·1 = 0 + 2 = 2" and len(ab.lines) == 4  # entry by entry
    energy = (PSI.dag @ H @ PSI).work()
    # the double sum grouped by the bra's index, then the partial sums, as a teacher writes it
    assert str(energy) == "1·(1·1 + 2·(−2)) + (−2)·((−1)·1 + 4·(−2)) = 1·(−3) + (−2)·(−9) = −3 + 18 = 15"
    assert str(pn.trace(H).work()) == "1 + 4 = 5"  # a trace: the diagonal entries


def test_exact_numbers_stay_exact():
    third = pn.bra([Fraction(1, 3), Fraction(2, 3)]) @ pn.ket([1, 1])
    assert str(third.work()) == "(1/3)·1 + (2/3)·1 = 1/3 + 2/3 = 1"
    negative = pn.bra([Fraction(1, 3), Fraction(-2, 3)]) @ pn.ket([1, 1])
    assert str(negative.work()) == "(1/3)·1 + (−2/3)·1 = 1/3 − 2/3 = −1/3"  # a subtraction, not "+ -2/3"
    big = pn.bra([3037000500, 0]) @ pn.ket([3037000500, 0])
    assert str(big.work()).endswith("= 9223372037000250000")  # past int64: never wraps
    assert str((2 * (pn.bra([1, 2]) @ pn.ket([3, 4]))).work()) == "2·(1·3 + 2·4) = 2·(3 + 8) = 2·11 = 22"


def test_a_sum_of_diagrams_is_worked_term_by_term():
    total = pn.bra([1, 2]) @ pn.ket([3, 4]) + pn.bra([1, 1]) @ pn.ket([1, 1])
    assert total.work().lines == ["term 1: 1·3 + 2·4 = 3 + 8 = 11", "term 2: 1·1 + 1·1 = 1 + 1 = 2", "total = 13"]


def test_a_big_diagram_says_it_is_too_big():
    norm = pn.networks.mps_norm(pn.networks.random_mps_tensors(6, 3))
    worked = norm.work()
    assert not worked.complete and "too many products" in str(worked)
    steps = [line for line in worked.lines if line.startswith("step ")]
    assert len(steps) == len(norm.nodes) - 1 and steps[-1].endswith("flops") and "a number" in steps[-1]


def _last_number(line: str) -> int:
    return int(line.rsplit("= ", 1)[-1].replace("−", "-"))


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["i,i->", "ij,j->i", "ij,jk->ik", "i,ij,j->", "ii->", "ij,ij->i", "ijk,k->ij"]),
    st.integers(0, 2**31 - 1),
)
def test_every_worked_sum_ends_in_the_value(equation, seed):
    rng = np.random.default_rng(seed)
    sizes = {s: int(rng.integers(1, 4)) for s in set(equation) - set(",->")}
    terms = equation.split("->")[0].split(",")
    arrays = [rng.integers(-5, 6, size=[sizes[s] for s in term]) for term in terms]
    diagram = pn.einsum(equation, *arrays)
    value = np.asarray(diagram.value()).reshape(-1)
    lines = diagram.work().lines
    assert [_last_number(line) for line in lines] == [int(v) for v in value]


def test_the_command_line_prints_the_work():
    run = subprocess.run(
        [sys.executable, "-m", "penrose.frontend.cli", "eval", "--work", "<1,2,4,3|5,1,-3,2>"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["1·5 + 2·1 + 4·(−3) + 3·2 = 5 + 2 − 12 + 6 = 1", "1"]


def test_the_picture_sets_the_worked_sum_under_the_diagram():
    diagram = H @ PSI
    figure = diagram.draw(work=True)
    svg = figure.to_svg()
    texts = [line.split(">", 1)[1].split("<", 1)[0] for line in svg.splitlines() if 'class="work"' in line]
    assert texts == diagram.work().lines
    assert "\\cdot" in figure.to_tikz()
    assert 'class="work"' not in diagram.draw().to_svg()  # only when asked


def test_the_probability_of_s14_is_four_ninths_exactly():
    psi, five = pn.ket([1, 2, 2]), pn.basis(1, 3)
    ratio = pn.ratio((five.dag @ psi) & (psi.dag @ five), (psi.dag @ psi) & (five.dag @ five))
    worked = ratio.work()
    assert worked.lines[-1] == "4/9" and ratio.value() == Fraction(4, 9)
    assert worked.lines[1] == "denominator: 1·1·1·1 + 2·2·1·1 + 2·2·1·1 = 1 + 4 + 4 = 9"
    svg = ratio.draw(work=True).to_svg()
    assert svg.count('class="work"') == 3


def test_exact_values_are_printed_exactly_in_the_picture():
    third = pn.bra([Fraction(1, 3), Fraction(2, 3)]) @ pn.ket([1, 2])
    svg = third.draw().to_svg()
    assert ">5/3<" in svg and "1.667" not in svg


def test_symbolic_entries_give_symbolic_values_and_sums():
    sympy = __import__("pytest").importorskip("sympy")
    a, b, c, d = sympy.symbols("a b c d")
    inner = pn.bra(["a", "b"]) @ pn.ket(["c", "d"])
    assert sympy.simplify(inner.value() - (a * c + b * d)) == 0
    assert str(inner.work()) == "a·c + b·d"
    assert "a·c + b·d" in inner.draw().to_svg()
    mixed = pn.op([[1, "x"], ["x", 2]]) @ pn.ket([1, Fraction(1, 2)])
    x = sympy.Symbol("x")
    values = mixed.value()
    assert sympy.simplify(values[0] - (1 + x / 2)) == 0 and sympy.simplify(values[1] - (x + 1)) == 0


def test_the_command_line_works_out_s14_and_jupyter_shows_work():
    expression = "<0,1,0|1,2,2><1,2,2|0,1,0> / (<1,2,2|1,2,2><0,1,0|0,1,0>)"
    run = subprocess.run(
        [sys.executable, "-m", "penrose.frontend.cli", "eval", "--work", expression],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["(1/9)·(1·2·2·1) = (1/9)·4 = 4/9", "4/9"]
    assert (pn.bra([1, 2]) @ pn.ket([3, 4])).work()._repr_html_() == "<pre>1·3 + 2·4 = 3 + 8 = 11</pre>"


def test_an_equation_works_out_both_sides():
    X = pn.pauli.X
    minus = pn.ket([1, -1])
    worked = pn.equation(X @ minus, -minus).work()
    assert worked.lines == [
        "left: [1] = 0·1 + 1·(−1) = 0 − 1 = −1",
        "left: [2] = 1·1 + 0·(−1) = 1 + 0 = 1",
        "right: [1] = (−1)·1 = −1",
        "right: [2] = (−1)·(−1) = 1",
    ]
    assert pn.equation(X @ minus, -minus).draw(check=True, work=True).to_svg().count('class="work"') == 4
    assert str(pn.trace(pn.op([[1, 2], [3, -4]])).work()) == "1 − 4 = −3"


def test_a_long_worked_sum_is_broken_into_lines_not_shrunk():
    from penrose.gallery import s15_expectation

    figure = s15_expectation.figures()[0]
    svg = figure.to_svg()
    lines = re.findall(r'<text[^>]*class="work"[^>]*>(.*?)</text>', svg)
    assert len(lines) >= 3, "the S15 sum is set on several lines"
    assert lines[-1].endswith("3.56") and all(line.startswith(("=", "+", "−")) for line in lines[1:])
    assert figure.block.width < 700, "about as wide as the picture, so a gallery card shows it at full size"
    assert "".join(lines).replace(" ", "").count("=") == 3  # every step of the sum still there
