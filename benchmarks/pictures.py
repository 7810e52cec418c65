"""The corpus of the field's networks, drawn with the default layout: per picture its layout, crossings, bends,
honesty defects and seconds, then the totals.

    python benchmarks/pictures.py            # the table, from this checkout
    python benchmarks/pictures.py --markdown # the same as a Markdown table (for notes and docs)

The corpus is the tests' own (``tests/draw/test_pictures.py``, ``tests/draw/test_field_shapes.py`` and
``tests/draw/test_stacks.py``), so a picture the table counts is one the tests check structurally. A network this
version of penrose cannot build (an API it lacks) is listed as ``error``; run the script with another checkout
first on ``PYTHONPATH`` to compare.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path[:0] = [str(TESTS), str(TESTS / "draw")]


def corpus() -> dict[str, object]:
    """Every network of the picture test modules, by name (``tests/picture_corpus.py``)."""
    from picture_corpus import corpus as tests_corpus

    return dict(tests_corpus())


def measure() -> list[tuple[str, str, int | None, int | None, int | None, float | None]]:
    from svgcheck import defects, honesty, parse

    rows = []
    for name, build in corpus().items():
        try:
            diagram = build()
            start = time.perf_counter()
            svg = diagram.draw(value=False).to_svg()
            seconds = time.perf_counter() - start
        except Exception as error:  # (an API the checkout lacks, a missing optional package)
            rows.append((name, f"error: {type(error).__name__}", None, None, None, None))
            continue
        picture = parse(svg)
        counted = honesty(picture)
        layout = re.search(r'data-layout="([^"]*)"', svg)
        found = sum(defects(picture).values())
        rows.append((name, layout.group(1) if layout else "?", counted["crossings"], counted["bends"], found, seconds))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    markdown = parser.parse_args().markdown
    rows = measure()
    if markdown:
        print("| network | layout | crossings | bends | defects | seconds |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, layout, crossings, bends, found, seconds in rows:
        cells = [name, layout, *("—" if v is None else str(v) for v in (crossings, bends, found))]
        cells.append("—" if seconds is None else f"{seconds:.3f}")
        print(
            "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"  # (a bra-ket's bars escaped)
            if markdown
            else f"{cells[0]:42s} {cells[1]:18s} " + " ".join(f"{c:>8s}" for c in cells[2:])
        )
    built = [row for row in rows if row[2] is not None]
    totals = (sum(r[2] for r in built), sum(r[3] for r in built), sum(r[4] for r in built))
    print(
        f"{len(rows)} networks, {len(built)} drawn: {totals[0]} crossings, {totals[1]} bends, {totals[2]} defects, "
        f"{sum(r[5] for r in built):.2f} s"
    )


if __name__ == "__main__":
    main()
