"""The command line and the Dirac parser: README examples, bad input, and no code execution."""

import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import penrose as pn
from penrose.frontend.cli import main
from penrose.frontend.dirac import DiracError, parse, parse_value

H = ["--let", "H=[[1,2],[-1,4]]"]
PSI = ["--let", "psi=[1,-2]"]


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err.strip()


def test_readme_examples(capsys, tmp_path):
    assert run(capsys, "eval", "<1,2,4,3|5,1,-3,2>") == (0, "1", "")
    assert run(capsys, "eval", "⟨1,2,4,3|5,1,-3,2⟩") == (0, "1", "")
    assert run(capsys, "eval", "H|psi>", *H, *PSI) == (0, "[-3, -9]", "")
    code, out, _ = run(capsys, "draw", "<psi|H|psi>", *H, *PSI, "-o", str(tmp_path / "e.svg"))
    assert code == 0 and out.splitlines() == ["<psi|H|psi> = 15", f"wrote {tmp_path / 'e.svg'}"]
    assert (tmp_path / "e.svg").read_text().startswith("<svg")
    code, out, _ = run(capsys, "draw", "(|1,0> + |0,1>)/sqrt(2)", "-o", str(tmp_path / "p.tex"), "--theme", "paper")
    assert code == 0 and "tikzpicture" in (tmp_path / "p.tex").read_text()
    assert run(capsys, "eval", "⟨ψ|ψ⟩", "--let", "ψ=[3,4]") == (0, "25", "")
    code, _, _ = run(capsys, "draw", "<1,0|X|0,1>", "--no-value", "-o", str(tmp_path / "x.svg"))
    assert code == 0 and 'class="value"' not in (tmp_path / "x.svg").read_text()


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("<1,2,4,3|5,1,-3,2>", 1),
        ("<psi|H|psi>", 15),
        ("<psi|H H|psi>", np.array([1, -2]) @ np.linalg.matrix_power([[1, 2], [-1, 4]], 2) @ [1, -2]),
        ("<psi|psi>/2", Fraction(5, 2)),
        ("2<psi|psi> - 1", 9),
        ("|1,0><0,1|", [[0, 1], [0, 0]]),
        ("<1,0|X|0,1>", 1),
        ("<0,1|Y|1,0>", 1j),
        ("|1, 1j>", [1, 1j]),
        ("|1/sqrt(2), -1/sqrt(2)>", [2**-0.5, -(2**-0.5)]),
        ("-|1,2>", [-1, -2]),
        ("(|1,0> + |0,1>) / sqrt(2)", [2**-0.5, 2**-0.5]),
        ("<psi|(H + H)|psi>", 30),
        ("3 * 2", 6),
    ],
)
def test_expressions(expression, value):
    bindings = {"psi": [1, -2], "H": [[1, 2], [-1, 4]]}
    result = parse(expression, bindings).value()
    if isinstance(value, Fraction):
        assert result == value and isinstance(result, Fraction), "exact division stays exact"
    else:
        np.testing.assert_allclose(np.asarray(result, dtype=complex), value)


BAD = [
    ("<psi|H|phi>", "<psi|H|phi>: H is 2x2 but phi has dimension 3"),
    ("<chi|psi>", "unknown name 'chi' (use --let chi=...)"),
    ("<psi|K|psi>", "unknown name 'K' (use --let K=...)"),
    ("<1,2|3,4", "expected '>' to close the ket"),
    ("|1,2", "expected '>' to close the ket opened here"),
    ("<1,2", "expected '|' to close the bra opened here"),
    ("(|1,0>", "expected ')' to close the '(' opened here"),
    ("|1,0>)", "unexpected ')' (no '(' is open)"),
    ("<>", "expected '|' to close the bra"),
    ("||", "expected '>' to close the ket opened here"),
    ("|>", "the ket is empty"),
    ("|a,b>", "the name 'a' is not allowed in a value"),
    ("|1,'x'>", "'x' is not a number"),
    ("|[1,2],[3]>", "ragged"),
    ("<1,2,3|1,2>", "<1,2,3| has dimension 3 but |1,2> has dimension 2"),
    ("<1,2| + |1,2>", "a ket and a bra live in different spaces"),
    ("psi", "psi is a vector: write it as the ket |psi> or the bra <psi|"),
    ("|1,0>/0", "you can only divide by a non-zero number"),
    ("|1,0>/|0,1>", "you can only divide by a non-zero number"),
    ("*|1,0>", "'*' needs something on its left"),
    ("", "expected a bra <…|, a ket |…>, a name or a number here"),
    ("__import__('os').system('echo hacked')", "unknown name '__import__'"),
    ("|__import__('os').getcwd()>", "is not allowed in a value"),
    ("|1,2> [0]", "unexpected '['"),
    ("<psi|H|psi> > 1", "unexpected '>'"),
    ("|1,nan>", "the name 'nan' is not allowed"),
    ("|1, 2**5000>", "the power is too large"),
    ("|1, 1.5**5000>", "too large for floating point"),
    ("|1, 1/0>", "division by zero"),
    ("|(1,2), 3>", "ragged"),
]


@pytest.mark.parametrize(("expression", "message"), BAD)
def test_bad_expressions_give_one_clear_line_and_exit_code_2(capsys, expression, message):
    code, out, err = run(capsys, "eval", expression, *H, *PSI, "--let", "phi=[1,2,3]")
    assert code == 2 and out == ""
    assert message in err.splitlines()[0]
    assert err.startswith("penrose: ") and "Traceback" not in err


@pytest.mark.parametrize(
    ("let", "message"),
    [
        ("x", "write NAME=VALUE"),
        ("1x=2", "write NAME=VALUE"),
        ("x=[1,", "cannot read the value"),
        ("x=__import__('os')", "not allowed in a value"),
        ("x=open('f')", "not allowed in a value"),
        ("x=[1,2]+[3]", "lists of different lengths (2 and 1)"),
        ("x=True", "True is not a number"),
    ],
)
def test_bad_bindings(capsys, let, message):
    code, _, err = run(capsys, "eval", "<1,0|0,1>", "--let", let)
    assert code == 2 and message in err


def test_a_caret_points_at_the_problem(capsys):
    _, _, err = run(capsys, "eval", "<psi|H|phi>", *H, *PSI, "--let", "phi=[1,2,3]")
    lines = err.splitlines()
    assert lines[1].strip() == "<psi|H|phi>" and lines[2].index("^") == lines[1].index("|phi>")


def test_debug_shows_the_traceback():
    with pytest.raises(DiracError):
        main(["eval", "<chi|", "--debug"])


def test_bad_output_extension(capsys, tmp_path):
    code, _, err = run(capsys, "draw", "|1,0>", "-o", str(tmp_path / "x.bmp"))
    assert code == 2 and "extension must be one of" in err


def test_python_dash_m_and_help():
    result = subprocess.run([sys.executable, "-m", "penrose", "--help"], capture_output=True, text=True, check=True)
    assert "draw" in result.stdout and "eval" in result.stdout and "gallery" in result.stdout
    assert "<psi|H|phi>" in result.stdout
    result = subprocess.run([sys.executable, "-m", "penrose", "eval", "<1,0|"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "[1, 0]"


def test_values_parse_without_eval():
    assert parse_value("[[1, 2], [3, 4]]").tolist() == [[1, 2], [3, 4]]
    assert parse_value("-1/2 + 1j*sqrt(4)") == -0.5 + 2j
    assert parse_value("2*pi") == pytest.approx(6.283185307)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="<>|⟨⟩()[],+-*/.0123456789 abHpsiXZj_'\"", max_size=30))
def test_the_parser_raises_only_its_own_errors(text):
    try:
        result = parse(text, {"a": [1, 0], "b": [[0, 1], [1, 0]], "H": [[1, 2], [3, 4]]})
    except DiracError:
        return
    assert isinstance(result, pn.Diagram)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_values_raise_only_their_own_errors(text):
    try:
        value = parse_value(text)
    except DiracError:
        return
    assert isinstance(value, (int, float, complex)) or np.asarray(value).dtype.kind in "iufc"


def test_draw_flow_mirrors_the_picture_and_names_its_choices(capsys, tmp_path):
    written, mirrored = tmp_path / "written.svg", tmp_path / "mirrored.svg"
    run(capsys, "draw", "<1,2j|(|1,0><0,1|)", "-o", str(written))
    run(capsys, "draw", "<1,2j|(|1,0><0,1|)", "--flow", "left", "-o", str(mirrored))
    from svgcheck import defects
    from svgcheck import parse as parse_svg

    for path in (written, mirrored):
        assert defects(parse_svg(path.read_text(encoding="utf-8"))) == {}
    assert 'data-layout="grid, mirrored"' in mirrored.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        main(["draw", "|1,0>", "--flow", "sideways"])
    assert stopped.value.code == 2
    assert "choose from 'right', 'left', 'down', 'up'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "expression, printed",
    [
        ("<0|0>", "1"),
        ("<0|1>", "0"),
        ("<01|01>", "1"),
        ("<10|01>", "0"),
        ("|0> ⊗ |1>", "[0, 1, 0, 0]"),
        ("|1>&|1>", "[0, 0, 0, 1]"),
        ("<01|(X ⊗ X)|10>", "1"),
        ("X ⊗ I |01>", "[0, 0, 0, 1]"),
        ("<+|0>", "0.7071067811865475 (1/√2)"),
    ],
)
def test_qubit_basis_kets_and_tensor_products_as_physicists_type_them(capsys, expression, printed):
    assert main(["eval", expression]) == 0
    assert capsys.readouterr().out.strip() == printed


def test_values_take_functions_and_list_arithmetic(capsys):
    assert main(["eval", "<psi|psi>", "--let", "psi=[1,1]/sqrt(2)"]) == 0
    assert abs(float(capsys.readouterr().out) - 1) < 1e-12
    assert main(["eval", "<1,0|phase>", "--let", "phase=[exp(1j*pi/2), cos(0)]"]) == 0
    assert complex(capsys.readouterr().out.strip().replace(" ", "")) == pytest.approx(1j)
    assert main(["eval", "|2>"]) == 2
    assert "qubit basis label" in capsys.readouterr().err
    assert main(["eval", "<a|a>", "--let", "a=__import__('os')"]) == 2  # (still no code: only the listed functions)


def test_rounding_is_printed_as_zero_as_the_picture_writes_it(capsys):
    """⟨+|−⟩ is −2.2e−17 in floating point: below the value's rounding bound, so 0, on stdout as in the figure."""
    assert main(["eval", "<+|->"]) == 0
    assert capsys.readouterr().out.strip() == "0.0"
    assert main(["eval", "<1e-20,0|1,0>"]) == 0  # a small number that is its own scale stays
    assert capsys.readouterr().out.strip() == "1e-20"
