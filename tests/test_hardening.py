"""Hostile and broken input: every finding of the hardening review, one test each.

Each test failed before the fix it names and passes now: no injection through any
output, no lost output, no silently wrong number, one line and exit 1 or 2 on the
command line, a DiagramError from the Python API.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from latex import compile_tex

import penrose as pn
from penrose.draw.render import export
from penrose.frontend.cli import main


def cli(capsys, *args) -> tuple[int, str, list[str]]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err.strip().splitlines()


# 1. LaTeX injection through a box colour ---------------------------------------------------------------------------
PAYLOADS = [
    "FF0000}\\input{/etc/passwd}",
    "^^5cinput^^7b/etc/passwd^^7d",
    "red\\immediate\\write18{ls}",
    '#ff0000" onload="alert(1)',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_colour_is_a_colour_or_refused(payload):
    with pytest.raises(pn.DiagramError, match="is not a colour; give '#rrggbb', '#rgb' or one of"):
        pn.ket([1, 0], color=payload)


def test_colour_names_and_hex_reach_svg_and_tikz_as_hex():
    figure = (pn.ket([1, 0], color="red") & pn.ket([0, 1], color="#0F0")).draw()
    svg, tex = figure.to_svg(), figure.to_tikz()
    assert 'fill="#ff0000"' in svg and 'fill="#00ff00"' in svg
    assert r"\definecolor{penrose1}{HTML}{FF0000}" in tex or "{HTML}{FF0000}" in tex
    with pytest.raises(pn.DiagramError, match="color 5 is not a colour"):
        pn.op(np.eye(2), color=5)


def test_a_theme_cannot_carry_text_into_outputs():
    slide = pn.pictures.Theme.__dataclass_fields__  # the fields a user may set
    assert "ink" in slide
    from penrose.draw.themes import THEMES

    base = THEMES["slide"]
    with pytest.raises(pn.DiagramError, match="theme 'evil': color"):
        pn.pictures.Theme(**{**base.__dict__, "name": "evil", "ink": "black}\\input{/etc/passwd}"})
    with pytest.raises(pn.DiagramError, match="stroke=-1 must be a positive number"):
        pn.pictures.Theme(**{**base.__dict__, "stroke": -1})


@pytest.mark.latex
def test_a_named_colour_compiles_in_tikz(tmp_path):
    (pn.ket([1, 0], name="ψ", color="teal") @ pn.bra([0, 1], color="salmon")).draw().save(tmp_path / "f.tex")
    code, log = compile_tex(
        tmp_path, "\\documentclass{article}\\usepackage{tikz}\\begin{document}\\input{f.tex}\\end{document}\n"
    )
    assert code == 0, log[-1500:]


# 2. Silent data loss on write ---------------------------------------------------------------------------------------
FIGURE = (pn.op(np.arange(64).reshape(8, 8), name="H") @ pn.ket(np.arange(8), name="ψ")).draw()


@contextlib.contextmanager
def small_filesystem(where: Path, size: str, read_only: bool = False):
    """A tmpfs of ``size`` mounted at ``where`` (root only); skips the test where it cannot be mounted."""
    where.mkdir()
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)


def test_a_full_disk_keeps_the_old_file_and_says_so(tmp_path, capsys):
    with small_filesystem(tmp_path / "tiny", "8k") as tiny:
        old = tiny / "figure.pdf"
        old.write_bytes(b"the old figure")
        with pytest.raises(pn.errors.ExternalError, match=r"cannot write .*figure.pdf: No space left on device"):
            FIGURE.save(old)
        assert old.read_bytes() == b"the old figure"
        assert os.listdir(tiny) == ["figure.pdf"], "no temporary file is left behind"
        code, out, err = cli(capsys, "draw", "<1,2|3,4>", "-o", str(tiny / "big.pdf"), "--let", "x=1")
        assert code == 1 and out == "" and len(err) == 1 and "No space left on device" in err[0]


def test_a_read_only_folder_is_one_line_and_exit_1(tmp_path, capsys):
    with small_filesystem(tmp_path / "ro", "8k", read_only=True) as folder:
        with pytest.raises(pn.errors.ExternalError, match="Read-only file system"):
            FIGURE.save(folder / "x.svg")
        code, _, err = cli(capsys, "draw", "<1,2|3,4>", "-o", str(folder / "x.svg"))
        assert code == 1 and len(err) == 1 and "Read-only file system" in err[0]


def test_a_failing_flush_leaves_nothing_behind(tmp_path, monkeypatch):
    # where no file system can be mounted: the disk fills up as the data is flushed
    target = tmp_path / "figure.svg"
    target.write_text("old", encoding="utf-8")

    def full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.os, "fsync", full)
    with pytest.raises(pn.errors.ExternalError, match="No space left on device"):
        FIGURE.save(target)
    assert target.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["figure.svg"]


def test_files_get_ordinary_permissions(tmp_path):
    path = FIGURE.save(tmp_path / "f.svg")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


# 3. Wrong numbers with exit 0 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("expression", "printed"),
    [
        ("<3037000500,0|3037000500,0>", "9223372037000250000"),  # int64 wrapped to a negative number
        ("sqrt(-1)", "1j"),  # was 6.1e-17+1j
        ("|2**64,1>", "[18446744073709551616, 1]"),  # was 'ragged'
        ("<1,1|1,1>/3", "2/3"),
        ("<0,0|0,0> - <3036988439,0|3037012561,0>", "-9223372036854782279"),  # a small term beside a big one
    ],
)
def test_numbers_are_exact(capsys, expression, printed):
    assert cli(capsys, "eval", expression)[:2] == (0, printed)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("<1e200,1e200|1e200,-1e200>", "overflowed"),  # printed nan
        ("<1e200,0|1e200,0>", "overflowed"),  # printed inf although inf is refused as input
        ("1.2.3", "'1.2.' is not a number"),  # printed 0.36
    ],
)
def test_numbers_that_cannot_be_right_are_errors(capsys, expression, message):
    code, out, err = cli(capsys, "eval", expression)
    assert code == 2 and out == "" and message in err[0]


def test_small_integer_types_do_not_wrap():
    big = np.array([200, 200], dtype=np.uint8)
    assert (pn.bra(big) @ pn.ket(big)).value() == 80000
    assert (pn.bra([2**62, 2**62]) @ pn.ket([4, 4])).value() == 2**65


# 4. Quantum helpers at extreme scales -------------------------------------------------------------------------------
@pytest.mark.parametrize("scale", [1e200, 1e-200])
def test_quantum_helpers_at_extreme_scales(scale):
    np.testing.assert_allclose(pn.normalize(pn.ket([scale, scale])).value(), [2**-0.5, 2**-0.5])
    assert pn.probability(pn.ket([scale, 0]), pn.pauli.Z, 1) == pytest.approx(1.0)
    assert pn.expectation(pn.ket([scale, scale]), pn.pauli.X) == pytest.approx(1.0)


def test_a_ratio_over_zero_is_refused_and_integer_ratios_are_exact():
    with pytest.raises(pn.DiagramError, match="denominator, scalar '0', is 0"):
        pn.ratio(pn.scalar(1), pn.scalar(0)).value()
    psi = pn.ket([1, 2])
    assert pn.ratio(psi.dag @ pn.pauli.Z @ psi, psi.dag @ psi).value() == Fraction(-3, 5)


# 6. Tracebacks from the value reader --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("|0**-1,1>", "zero cannot be raised to a negative power"),
        ("|1000000.0**64,1>", "too large for floating point"),
        ("sqrt(-1e999)", "infinite"),
        ("sqrt(10**400)", "too large"),
        ("|2**5000,1>", "the power is too large"),
    ],
)
def test_the_value_reader_fails_in_one_line(capsys, expression, message):
    code, out, err = cli(capsys, "eval", expression)
    assert code == 2 and out == "" and message in err[0] and err[0].startswith("penrose: ")
    assert len(err) in (1, 3), err  # one line, or one line and the expression with a caret


def test_let_values_fail_in_one_line(capsys):
    code, _, err = cli(capsys, "eval", "<a|a>", "--let", "a=[1e6**64, 1]")
    assert code == 2 and len(err) == 1 and "too large for floating point" in err[0]


# 7. Tracebacks on output paths --------------------------------------------------------------------------------------
def test_output_paths_fail_in_one_line_with_exit_1(capsys, tmp_path):
    cases = {
        str(tmp_path / "missing" / "x.svg"): "the folder",
        str(tmp_path / ("x" * 300 + ".svg")): "File name too long",
    }
    (tmp_path / "folder.svg").mkdir()
    cases[str(tmp_path / "folder.svg")] = "Is a directory"
    for path, message in cases.items():
        code, _, err = cli(capsys, "draw", "<1,2|3,4>", "-o", path)
        assert code == 1 and len(err) == 1 and message in err[0], (path, err)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = cli(capsys, "gallery", "-o", str(tmp_path / "file"))
    assert code == 1 and err == [
        f"penrose: cannot write the gallery into {tmp_path / 'file'}: it is a file, not a folder"
    ]


def test_replacing_a_file_says_so(capsys, tmp_path):
    target = str(tmp_path / "x.svg")
    assert cli(capsys, "draw", "<1,0|1,0>", "-o", target)[1].endswith(f"wrote {target}")
    assert cli(capsys, "draw", "<1,0|1,0>", "-o", target)[1].endswith(f"replaced {target}")


# 8. Memory bombs ----------------------------------------------------------------------------------------------------
def test_a_memory_bomb_is_refused_before_allocating(capsys):
    code, _, err = cli(capsys, "eval", "|1,0>" * 40)
    assert code == 2 and len(err) == 1 and "its value alone has 1.1e+12 elements" in err[0]
    code, out, _ = cli(capsys, "eval", "|1,0>" * 4, "--memory-limit", "100")
    assert code == 0 and out.startswith("[1, 0, 0")


def test_no_value_never_evaluates(capsys, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("evaluated")

    monkeypatch.setattr(pn.Diagram, "value", refuse)
    code, out, _ = cli(capsys, "draw", "|1,0>" * 40, "--no-value", "-o", str(tmp_path / "x.svg"))
    assert code == 0 and "wrote" in out
    big = pn.kron(*[pn.ket([1, 0])] * 30)  # 2**30 entries: drawn by its shape, never computed
    assert "(1073741824-dimensional vector)" in big.draw().to_svg()


# 9. The smaller ones ------------------------------------------------------------------------------------------------
def test_huge_values_draw(capsys, tmp_path):
    code, _, err = cli(capsys, "draw", "<1e200,1|1e200,1>", "-o", str(tmp_path / "x.svg"))
    assert code == 2 and "overflowed" in err[0]
    assert "10³⁰⁰" in (pn.bra([1e150, 0]) @ pn.ket([1e150, 0])).draw().to_svg()


def test_a_missing_cairo_library_names_the_fix(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_cairo(name, *args, **kwargs):
        if name == "cairosvg":
            raise OSError("no library called 'cairo-2' was found")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_cairo)
    with pytest.raises(
        pn.errors.ExternalError, match="need the cairo library: pip install 'penrose-diagrams\\[png\\]'"
    ):
        FIGURE.save(Path("never-written.png"))


@pytest.mark.parametrize("name", ["N\x00U\x1bL\x0b", "surrogate \ud800", "x" * 9000])
def test_hostile_names_give_well_formed_pictures(name, tmp_path):
    pytest.importorskip("cairosvg", reason="the png extra is not installed")
    figure = (pn.op(np.eye(2), name=name) @ pn.ket([1, 0], name=name)).draw(leg_labels=True)
    root = ET.fromstring(figure.to_svg())
    labels = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert all(len(label) <= 42 and label.isprintable() for label in labels)
    figure.save(tmp_path / "f.png")
    figure.save(tmp_path / "f.pdf")
    assert "\x00" not in figure.to_tikz()
    if len(name) > 40:
        assert any(t.text and t.text.startswith("xxxx") for t in root.iter("{http://www.w3.org/2000/svg}title"))


def test_wide_steps_and_huge_values_are_refused_up_front():
    with pytest.raises(pn.DiagramError, match="numpy's einsum takes at most 52"):
        pn.tensor(np.ones((1,) * 53)).value()
    with pytest.raises(pn.DiagramError, match="more than this machine's memory"):
        pn.kron(*[pn.ket([1, 0])] * 60).value()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pn.is_hermitian(np.eye(2, dtype=bool)) and pn.eig(np.eye(2, dtype=bool)) and 1 / 0, None),
        (lambda: pn.ground_states(np.zeros((0, 0))), "is 0x0"),
        (lambda: pn.ket([1, 0]).dag.value(memory_limit="infGB"), "memory_limit='infGB' is not understood"),
        (lambda: (pn.op(np.ones((40, 40))) @ pn.op(np.ones((40, 40)))).value(backend="bogus"), "backend='bogus'"),
        (lambda: pn.op(dim=(2, 3, 4)), r"dim=\(2, 3, 4\) must be n or \(rows, columns\)"),
        (lambda: pn.probability(pn.ket([1, 0]), pn.pauli.Z, "1"), "must be a real number, got '1'"),
        (lambda: pn.ket(dim=True), "dim=True; a dimension is a positive whole number"),
        (lambda: pn.tensor(np.ones(2), legs=[("", "W")]), "a leg's name must be a non-empty string"),
        (lambda: pn.eig(pn.pauli.Z, tol=-1), "tol=-1 must be a non-negative number"),
        (lambda: pn.op(np.eye(2)).join(2.5), "join needs two legs"),
        (lambda: pn.op(np.eye(2)).join([1, 2]), "join needs two legs"),
        (lambda: pn.op(np.eye(2)).join([(0, 1, 0)]), "join takes pairs of legs"),
        (lambda: pn.op(np.eye(2)).join([(0, 0)]), "to itself"),
        (lambda: (pn.op(np.eye(2)) & pn.op(np.eye(2))).join([(0, 2), (0, 3)]), "twice; each leg joins one line"),
        (lambda: pn.networks.gate(np.eye(3), "G", wires=2), "a 2-wire gate's matrix is d\\^2 square"),
        (lambda: pn.networks.grid({(0, 0): np.ones(1), (0, 1): np.ones(1)}), "needs a square number of sites"),
        (lambda: pn.networks.correlator(pn.networks.random_mps_tensors(3, 2), {5: np.eye(2)}), "must be among 0..2"),
        (
            lambda: pn.networks.mpo_expectation(
                pn.networks.random_mps_tensors(3, 2), pn.networks.random_mpo_tensors(4, 2)
            ),
            "the MPS has 3 sites but the MPO 4",
        ),
        (lambda: pn.networks.mps([np.ones((2, 2))]), "a chain needs at least 2 sites"),
        (lambda: pn.networks.lattice_equation(2, 5, periodic=True), "a torus needs at least 3 rows and 3 columns"),
    ],
)
def test_wrong_arguments_are_diagram_errors(call, message):
    if message is None:  # boolean matrices are matrices of 0 and 1
        with pytest.raises(ZeroDivisionError):
            call()
        return
    with pytest.raises(pn.DiagramError, match=message):
        call()


def test_bad_graphviz_timeouts_and_theme_fonts_are_refused(monkeypatch):
    from penrose.draw.layout import graphviz_engine
    from penrose.draw.themes import THEMES

    monkeypatch.setenv("PENROSE_GRAPHVIZ_TIMEOUT", "9000")
    with pytest.raises(pn.DiagramError, match="must be between 0 and 3600 seconds"):
        graphviz_engine.timeout()
    with pytest.raises(pn.DiagramError, match="font_family must be a list of font names"):
        pn.pictures.Theme(**{**THEMES["paper"].__dict__, "font_family": "serif}</text><script>"})


def test_expressions_may_start_with_minus_and_hold_newlines(capsys):
    assert cli(capsys, "eval", "-<1,0|1,0>")[:2] == (0, "-1")
    assert cli(capsys, "eval", "--let", "a=[1,2]", "-<a|a>")[:2] == (0, "-5")
    code, _, err = cli(capsys, "eval", "<1,2|\n3,4,5>")
    assert code == 2 and len(err) == 3 and "\n" not in "".join(err)
    assert err[1] == "  <1,2| 3,4,5>"


def test_an_internal_error_is_one_line(capsys, monkeypatch):
    from penrose.frontend import cli as module

    monkeypatch.setattr(module, "parse", lambda *a, **k: [][1])
    code, _, err = cli(capsys, "eval", "<1,0|1,0>")
    assert code == 1 and len(err) == 1 and "internal error (IndexError" in err[0] and "--debug" in err[0]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: pn.ket([1, 0, 0, 1], dims=4), r"dims must be a list of leg dimensions like \[2, 2, 2\], got 4"),
        (lambda: pn.ket(np.ones(4), dims=[2, 2]).fuse([0, 0]), "two or more different open legs"),
        (lambda: (pn.ket(name="a") & pn.ket(name="b")).fuse([0, 1]), "every leg needs a known dimension"),
        (
            lambda: pn.tensor(np.ones((2, 2, 3)), legs=[("a", "W"), ("b", "W"), ("c", "E")]).fuse(["a", "b"], "c"),
            "already has a leg named 'c'",
        ),
        (
            lambda: (pn.ket(np.ones(3000)) & pn.ket(np.ones(3000))).fuse([0, 1]),
            "a reshaping box of 9000000×9000000 numbers",
        ),
        (lambda: pn.ket(np.ones(4)).split("i", [4]), "give two or more positive whole numbers"),
        (lambda: pn.ket(np.ones(4)).split("i", [2, 2], names=["x", "x"]), "one distinct name per new leg"),
        (
            lambda: pn.tensor(np.ones((4, 2)), legs=[("i", "W"), ("x", "E")]).split("i", [2, 2], names=["x", "y"]),
            "already has a leg named 'x'",
        ),
        (lambda: pn.site_operator({0: pn.pauli.X, 1: pn.op(np.eye(3))}, 2), "sites must share one known dimension"),
        (lambda: pn.copy(2, "abc"), "a count or a list of"),
    ],
)
def test_many_body_and_copy_mistakes_are_named(make, message):
    with pytest.raises(pn.DiagramError, match=message):
        make()
