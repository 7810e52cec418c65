"""The ``penrose`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .build import bra, ket, op


def _demo() -> int:
    """Evaluate the seminar's first examples (S4, S5) and print their values."""
    inner = bra([1, 2, 4, 3]) @ ket([5, 1, -3, 2])
    print(f"S4  <1,2,4,3|5,1,-3,2> = {inner.value()}   (kind: {inner.kind})")
    acted = op([[1, 2], [-1, 4]], name="H") @ ket([1, -2], name="ψ")
    print(f"S5  H|ψ> = {acted.value().tolist()}   (kind: {acted.kind})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``penrose`` and ``python -m penrose``."""
    parser = argparse.ArgumentParser(prog="penrose", description="Penrose tensor diagrams: draw and evaluate.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="evaluate the seminar's inner product (S4) and H|ψ> (S5)")
    arguments = parser.parse_args(argv)
    if arguments.command == "demo":
        return _demo()
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
