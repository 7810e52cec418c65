"""Regenerate the figures the README and the docs show: ``python docs/figures.py``.

The tutorial's figures are the gallery's own (one SVG per figure of each example), so the
docs and ``penrose gallery`` can never disagree. SVG output is deterministic: rerunning
this changes no file unless the pictures really changed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import penrose as pn
from penrose import gallery

HERE = Path(__file__).resolve().parent / "figures"


def readme_figures() -> None:
    H = pn.op([[1, 2], [-1, 4]], name="H")
    (H @ pn.ket([1, -2], name="ψ")).draw().save(HERE / "s5.svg")
    (pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])).draw().save(HERE / "s4.svg")
    rng = np.random.default_rng(1)
    legs = [[("p", "S"), ("r", "E")]] + [[("l", "W"), ("p", "S"), ("r", "E")]] * 3 + [[("l", "W"), ("p", "S")]]
    shapes = [(2, 2)] + [(2, 2, 2)] * 3 + [(2, 2)]
    row = pn.tensor(rng.normal(size=shapes[0]), legs=legs[0], name="A_1")
    for k in range(1, 5):
        row = row @ pn.tensor(rng.normal(size=shapes[k]), legs=legs[k], name=f"A_{k + 1}")
    pn.connect(row, list(range(5)), row.conj(), list(range(5))).draw().save(HERE / "mps_norm.svg")


def gallery_figures() -> None:
    for example in gallery.examples():
        for k, figure in enumerate(example.module.figures(), 1):
            figure.save(HERE / f"{example.name}_{k}.svg")


def main() -> None:
    HERE.mkdir(exist_ok=True)
    readme_figures()
    gallery_figures()
    print(f"wrote {len(list(HERE.glob('*.svg')))} figures to {HERE}")


if __name__ == "__main__":
    main()
