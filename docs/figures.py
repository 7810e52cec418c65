"""Regenerate the figures the README and docs show: ``python docs/figures.py``."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import penrose as pn

HERE = Path(__file__).resolve().parent / "figures"


def main() -> None:
    HERE.mkdir(exist_ok=True)
    H = pn.op([[1, 2], [-1, 4]], name="H")
    psi = pn.ket([1, -2], name="ψ")
    (H @ psi).draw().save(HERE / "s5.svg")
    (pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])).draw().save(HERE / "s4.svg")
    rng = np.random.default_rng(1)
    legs = [[("p", "S"), ("r", "E")]] + [[("l", "W"), ("p", "S"), ("r", "E")]] * 3 + [[("l", "W"), ("p", "S")]]
    shapes = [(2, 2)] + [(2, 2, 2)] * 3 + [(2, 2)]
    row = pn.tensor(rng.normal(size=shapes[0]), legs=legs[0], name="A_1")
    for k in range(1, 5):
        row = row @ pn.tensor(rng.normal(size=shapes[k]), legs=legs[k], name=f"A_{k + 1}")
    norm = pn.connect(row, list(range(5)), row.conj(), list(range(5)))
    norm.draw().save(HERE / "mps_norm.svg")
    print(f"wrote {', '.join(sorted(p.name for p in HERE.glob('*.svg')))} to {HERE}")


if __name__ == "__main__":
    main()
