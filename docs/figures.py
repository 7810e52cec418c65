"""Regenerate the figures the README and the docs show: ``python docs/figures.py``.

The tutorial's figures are the gallery's own (one SVG per figure of each example), so the
docs and ``penrose gallery`` can never disagree. SVG output is deterministic: rerunning
this changes no file unless the pictures really changed.
"""

from __future__ import annotations

from pathlib import Path

import penrose as pn
from penrose import gallery

HERE = Path(__file__).resolve().parent / "figures"


def readme_figures() -> None:
    H = pn.op([[1, 2], [-1, 4]], name="H")
    (H @ pn.ket([1, -2], name="ψ")).draw().save(HERE / "s5.svg")
    (pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])).draw().save(HERE / "s4.svg")
    tensors = pn.networks.random_mps_tensors(sites=5, bond=2, seed=1)
    pn.networks.mps_norm(tensors).draw().save(HERE / "mps_norm.svg")
    japanese = pn.bra([1, 0], name="上向き") @ pn.op([[0, 1], [1, 0]], name="反転") @ pn.ket([0, 1], name="下向き")
    japanese.draw().save(HERE / "japanese.png")  # a PNG: it shows wherever the README is read, CJK font or not


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
