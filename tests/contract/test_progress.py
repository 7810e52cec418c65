"""Long work shows a progress bar on a terminal, and nothing in a pipe or a test (penrose.core.contract.progress)."""

from __future__ import annotations

import numpy as np

import penrose as pn
import penrose.core.contract.execute as execute
import penrose.core.contract.progress as progress


def test_bars_are_off_in_a_pipe_and_follow_the_switch(monkeypatch):
    monkeypatch.delenv("PENROSE_PROGRESS", raising=False)
    assert not progress.shown()  # pytest's standard error is not a terminal
    monkeypatch.setenv("PENROSE_PROGRESS", "1")
    assert progress.shown()
    monkeypatch.setenv("PENROSE_PROGRESS", "0")
    assert not progress.shown()


def ising(sites: int) -> pn.Diagram:
    H = -sum(pn.site_operator({i: pn.pauli.Z, i + 1: pn.pauli.Z}, sites) for i in range(sites - 1))
    return H - sum(pn.site_operator({i: pn.pauli.X}, sites) for i in range(sites))


def test_nothing_is_printed_by_default(capsys):
    pn.ground_states(ising(11))
    assert capsys.readouterr().err == ""


def test_long_work_shows_its_bar_when_asked(monkeypatch, capsys):
    monkeypatch.setenv("PENROSE_PROGRESS", "1")
    monkeypatch.setattr(progress, "PROGRESS_DELAY", 0.0)
    monkeypatch.setattr(execute, "LONG_FLOPS", 0)  # every pairwise path counts as long
    pn.contraction.clear_path_cache()
    pn.ground_states(ising(11))
    rng = np.random.default_rng(0)
    chain = pn.einsum("ab,bc,cd,de,ef,fg->ag", *[rng.normal(size=(30, 30)) for _ in range(6)])
    chain.value(optimize="greedy")
    err = capsys.readouterr().err
    assert "Lanczos (2048 states)" in err and "H·v" in err
    assert "contracting" in err
