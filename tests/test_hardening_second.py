"""Hardening, second round: files never lost, text that cannot break a format, caches safe under threads.

One test per finding of the review (issue 26); each failed on the main before its fix.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections import OrderedDict
from fractions import Fraction

import numpy as np
import pytest

import penrose as pn
from penrose.core.contract.plans import PathCache
from penrose.frontend.cli import main


def cli(capsys, *args) -> tuple[int, str, list[str]]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err.strip().splitlines()


# 7. -o onto a symbolic link or a FIFO ------------------------------------------------------------------------------
def test_a_symbolic_link_is_written_through_and_stays_a_link(capsys, tmp_path):
    target, link = tmp_path / "target.svg", tmp_path / "link.svg"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    code, out, _ = cli(capsys, "draw", "<1,2|3,4>", "-o", str(link))
    assert code == 0 and out.endswith(f"replaced {link}")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("<svg")
    dangling = tmp_path / "dangling.svg"
    dangling.symlink_to(tmp_path / "new.svg")
    pn.ket([1, 0]).draw().save(dangling)
    assert dangling.is_symlink() and (tmp_path / "new.svg").read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_in_one_line_before_any_work(capsys, tmp_path):
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    code, out, err = cli(capsys, "draw", "<1,2|3,4>", "-o", str(fifo))
    assert code == 1 and out == "" and len(err) == 1 and "FIFO" in err[0] and "internal" not in err[0]
    os.mkfifo(tmp_path / "pipe.json")
    with pytest.raises(pn.DiagramError, match="FIFO"):
        pn.save(pn.ket([1, 0]), tmp_path / "pipe.json")
    assert fifo.exists() and not fifo.is_file()


# 8. the umask is never changed ---------------------------------------------------------------------------------------
def test_saving_never_changes_the_process_umask(tmp_path, monkeypatch):
    def forbidden(mask):
        raise AssertionError("os.umask called: other threads would create world-writable files meanwhile")

    current = os.umask(0o022)
    os.umask(current)
    monkeypatch.setattr(os, "umask", forbidden)
    figure = pn.ket([1, 0]).draw()
    figure.save(tmp_path / "new.svg")
    assert (tmp_path / "new.svg").stat().st_mode & 0o777 == 0o666 & ~current
    pn.save(pn.ket([1, 0]), tmp_path / "new.json")
    existing = tmp_path / "private.svg"
    existing.write_text("x", encoding="utf-8")
    existing.chmod(0o600)
    figure.save(existing)
    assert existing.stat().st_mode & 0o777 == 0o600  # a replaced file keeps its permissions


# 9. a too-long file name -----------------------------------------------------------------------------------------
def test_a_too_long_file_name_is_one_line_not_an_internal_error(capsys, tmp_path):
    code, out, err = cli(capsys, "draw", "<1,2|3,4>", "-o", str(tmp_path / ("é" * 200 + ".svg")))
    assert code == 1 and out == "" and len(err) == 1
    assert "File name too long" in err[0] and "internal error" not in err[0]
    with pytest.raises(pn.errors.ExternalError, match="File name too long"):
        pn.save(pn.ket([1, 0]), tmp_path / ("x" * 300 + ".json"))


# 10. noncharacters ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["a\ufffeb", "a\uffffb", "a\ufdd0b", "a\U0010fffeb"])
def test_noncharacters_in_a_name_leave_every_format_well_formed(name, tmp_path):
    figure = (pn.bra([1, 0], name=name) @ pn.ket([1, 0], name="ψ")).draw()
    ET.fromstring(figure.to_svg())  # (U+FFFE and U+FFFF are not XML characters)
    assert "\ufffe" not in figure.to_tikz() and "\uffff" not in figure.to_tikz()
    pytest.importorskip("cairosvg")
    for suffix in (".png", ".pdf"):
        assert (figure.save(tmp_path / f"x{suffix}")).stat().st_size > 0


# 12. the path cache under threads -----------------------------------------------------------------------------------
class _Slow(OrderedDict):
    """An OrderedDict that lets other threads run inside ``get``: the window between a check and a read, widened."""

    def get(self, key, default=None):
        found = super().get(key, default)
        time.sleep(0)
        return found


def test_the_path_cache_is_safe_under_threads():
    cache = PathCache(8)
    cache._entries = _Slow()
    errors: list[BaseException] = []
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # (threads change hands as often as they can)

    def hammer(offset: int) -> None:
        try:
            for k in range(1_000):
                key = (offset + k) % 13
                cache.put(key, "plan")  # type: ignore[arg-type]
                cache.get((key + 5) % 13)
                cache.noted(key)
        except BaseException as error:  # a KeyError from a key evicted between a check and a read
            errors.append(error)

    try:
        threads = [threading.Thread(target=hammer, args=(k,)) for k in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    assert not errors and len(cache) <= 8


# 6. the gallery into a folder of the user's own ---------------------------------------------------------------------
def test_the_gallery_refuses_a_folder_of_the_users_own_and_says_what_it_replaces(capsys, tmp_path):
    mine = tmp_path / "slides"
    (mine / "source").mkdir(parents=True)
    (mine / "index.html").write_text("my own page", encoding="utf-8")
    (mine / "source" / "s01_kets_and_bras.py").write_text("# my notes", encoding="utf-8")
    code, out, err = cli(capsys, "gallery", "-o", str(mine))
    assert code == 2 and len(err) == 1 and "not empty" in err[0] and "--force" in err[0]
    assert (mine / "index.html").read_text(encoding="utf-8") == "my own page"  # untouched
    code, out, _ = cli(capsys, "gallery", "-o", str(mine), "--force")
    assert code == 0
    lines = out.splitlines()
    assert f"replaced {mine / 'index.html'}" in lines
    assert f"replaced {mine / 'source' / 's01_kets_and_bras.py'}" in lines
    assert lines[-1].startswith(f"replaced {mine / 'index.html'}: ")
    code, out, _ = cli(capsys, "gallery", "-o", str(mine))  # penrose's own folder now (its marker): no --force
    assert code == 0 and out.splitlines()[-1].startswith(f"replaced {mine / 'index.html'}: ")
    fresh = tmp_path / "fresh"
    code, out, _ = cli(capsys, "gallery", "-o", str(fresh))
    assert code == 0 and out.splitlines()[-1].startswith(f"wrote {fresh / 'index.html'}: ") and "replaced" not in out


# 2. big exact numbers -----------------------------------------------------------------------------------------------
def test_a_number_too_long_to_print_is_written_in_scientific_form_with_its_exactness(capsys, tmp_path):
    expression = "<2**1000,0|2**1000,0>" * 8  # 2**16000: 4817 digits, past Python's 4300
    code, out, err = cli(capsys, "eval", expression)
    assert code == 0 and err == [] and out == "3.01946933723…×10⁴⁸¹⁶ (exact: 4817 digits, too many to print)"
    for suffix in ("svg", "png", "tex"):
        code, out, err = cli(capsys, "draw", expression, "-o", str(tmp_path / f"big.{suffix}"))
        assert code == 0 and err == [], err
    assert "3.019\\ldots \\times 10^{4816}" in (tmp_path / "big.tex").read_text(encoding="utf-8")
    assert pn.core.typography.format_number(2**16000) == "3.019…×10⁴⁸¹⁶"


def test_exact_numbers_times_floats_are_multiplied_exactly_then_rounded_once(capsys):
    code, out, _ = cli(capsys, "eval", "<2**600,0|2**600,0>*1e-300")  # 2**1200 overflows a float; the product does not
    assert code == 0 and float(out) == pytest.approx(float(Fraction(2**1200) * Fraction(1e-300)))
    code, out, err = cli(capsys, "eval", "0.5<2**1000,0|2**1000,0>")  # 2**1999 is beyond floating point
    assert code == 2 and len(err) == 1 and "overflowed" in err[0] and "internal" not in err[0]


def test_a_coefficient_too_large_for_a_float_is_exact_or_a_diagram_error():
    big = pn.ket([1, 2]) * 10**400
    assert big.value().tolist() == [10**400, 2 * 10**400]  # whole numbers stay exact at any size
    with pytest.raises(pn.DiagramError, match="overflowed"):
        (pn.ket([1.5, 2]) * 10**400).value()
    with pytest.raises(pn.DiagramError, match="not finite"):
        pn.ket([1, 2]) * float("inf")
    sympy = pytest.importorskip("sympy")
    with pytest.raises(pn.DiagramError, match="symbolic"):  # (a bare TypeError before)
        pn.eig(pn.op([[sympy.Symbol("a"), 1], [1, 0]], name="H"))


def test_a_figure_too_wide_for_tex_is_refused_not_written(capsys, tmp_path):
    code, _, err = cli(capsys, "draw", "<1,0|1,0>" * 300, "-o", str(tmp_path / "wide.tex"))
    assert code == 2 and len(err) == 1 and "TeX" in err[0] and not (tmp_path / "wide.tex").exists()


# 3. products of many sums ------------------------------------------------------------------------------------------
def test_a_product_of_hundreds_of_sums_is_walked_without_recursion(capsys):
    expression = "(<1,0|+<0,1|)(|1,0>+|0,1>)" * 170  # 340 factors, 1.7 KB of command line
    code, out, err = cli(capsys, "eval", expression)
    assert code == 0 and err == [] and int(out) == 2**170
    sum_ = pn.pauli.X + pn.pauli.Z
    product = sum_
    for _ in range(1999):
        product = product @ sum_
    assert product.term_count == 2**2000 and not product.symbolic
    sandwich = pn.bra([1, 0]) @ product @ pn.ket([1, 0])
    # (X + Z)² = 2·I, so ⟨0|(X + Z)²⁰⁰⁰|0⟩ = 2¹⁰⁰⁰, exactly
    assert sandwich.value() == 2**1000 and (2 * sandwich).value() == 2**1001
    assert sandwich.dag.value() == 2**1000 and sandwich.conj().value() == 2**1000
    assert (sandwich / 2).value() == 2**999


# 4. --work counts the terms first ------------------------------------------------------------------------------------
def test_work_on_a_product_of_sums_counts_its_terms_before_any_work(capsys):
    expression = "(<1,0|+<0,1|)(|1,0>+|0,1>)" * 8  # 16 sums: 65,536 terms
    code, out, err = cli(capsys, "eval", expression, "--work")
    assert code == 0 and err == []
    assert out.splitlines() == [
        "too many terms to write out: 65,536 (at most 16); the value is their sum, contracted factor by factor",
        "256",
    ]
    code, out, _ = cli(capsys, "eval", "(<1,0|+<0,1|)(|1,0>+|0,1>)", "--work")  # 4 terms: written out
    assert code == 0 and out.splitlines()[0].startswith("term 1: ") and out.splitlines()[-1] == "2"


# a wrong number found on the way: integer steps that wrapped before meeting a float ---------------------------------
def test_integer_boxes_beside_a_float_never_wrap_on_the_way():
    """A float bra on 200 integer matrices: the integer-only steps left int64 and wrapped to 0.0 before."""
    hadamard = pn.op([[1, 1], [1, -1]])
    state = pn.ket([1, 0])
    for _ in range(200):
        state = hadamard @ state
    sandwich = pn.bra([0.5, 0]) @ state  # (H²)¹⁰⁰ = 2¹⁰⁰·I
    assert sandwich.value() == pytest.approx(0.5 * 2.0**100)
    assert sandwich.steps()[-1].diagram.value() == pytest.approx(0.5 * 2.0**100)
    assert (pn.bra([1, 0]) @ state).value() == 2**100  # integers alone stay exact
    complex_bra = pn.bra([0.5j, 0]) @ state
    assert complex_bra.value() == pytest.approx(0.5j * 2.0**100)


# 1. the memory limit counts exact integers by their size --------------------------------------------------------------
def test_the_memory_limit_counts_exact_integers_by_their_size(capsys):
    """2^23 entries of 2^1380-sized integers: about 2 GB, refused under the 1 GB default before any work."""
    code, out, err = cli(capsys, "eval", "|2**60,2**60>" * 23)
    assert code == 2 and out == "" and len(err) == 1 and "memory_limit='1GB' (" in err[0]  # (the user's own unit)
    assert "bytes)" in err[0]
    code, out, err = cli(capsys, "eval", "|2**1000,2**1000>" * 20)
    assert code == 2 and len(err) == 1 and "memory_limit" in err[0]
    code, out, _ = cli(capsys, "eval", "|2**60,2**60>" * 3)  # small: exact, and printed
    assert code == 0 and str(2**180) in out
    terms = [(1, pn.ket([2**1000, 1]).network)]
    assert pn.core.contract.exact.entry_bytes(terms, [[np.array([2**1000, 1], dtype=object)]]) > 150  # not 8


# 11. long symbolic text in a value ---------------------------------------------------------------------------------
def test_a_long_symbolic_value_is_cut_in_pictures_and_whole_in_the_value(tmp_path):
    sympy = pytest.importorskip("sympy")
    long = sympy.Symbol("a" * 3000)
    for diagram in (pn.ket([long, 1]), pn.bra([1, 0]) @ pn.ket([long, 1]), pn.ket([1, 0]) & pn.ket([long, 1])):
        figure = diagram.draw()
        assert "a" * 61 not in figure.to_svg() and "a" * 59 + "…" in figure.to_svg()
        for suffix in (".svg", ".tex", ".png", ".pdf"):
            if suffix in (".png", ".pdf"):
                pytest.importorskip("cairosvg")
            assert figure.save(tmp_path / f"long{suffix}").stat().st_size > 0
    assert str((pn.bra([1, 0]) @ pn.ket([long, 1])).value()) == "a" * 3000  # the value keeps it whole


@pytest.mark.parametrize(
    ("expression", "printed"), [("|0,1e200>", "[0.e+000, 1.e+200]"), ("<1e200,1|0,1e200>", "1e+200")]
)
def test_numbers_near_the_float_limit_are_not_snapped_to_zero(expression, printed, capsys):
    """The bound on rounding once overflowed (norm of [0, 1e200] = inf) and every entry was written as 0."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow on the way either
        assert main(["eval", expression]) == 0
    assert capsys.readouterr().out.strip() == printed
    assert "1×10²⁰⁰" in pn.ket([0, 1e200]).draw().to_svg(), "the picture's value too"
