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
    """Every network of the picture test modules, by name (builders, not yet built)."""
    import test_field_shapes as field
    import test_pictures as pictures
    import test_stacks as stacks

    found: dict[str, object] = dict(pictures.CORPUS)
    found.update({f"circuit: {name}": build for name, build in field.CIRCUITS.items()})
    for children in (2, 3, 4):
        found[f"declared tree, {children} children"] = lambda children=children: field._declared_tree(children)
    found["TEBD on an MPS"] = lambda: field.tebd()[0]
    found["DMRG energy"] = lambda: field.dmrg_energy()[0]
    found["two-site operator in a sandwich"] = lambda: field.two_site_sandwich()[0]
    found["MPS norm by einsum"] = lambda: field._norm_by_einsum(5)
    found["MPS norm from quimb"] = lambda: field._norm_by_quimb(5)
    found.update({name: lambda build=build: build()[0] for name, build in stacks.BUILDS.items()})
    found["ring closed by pn.trace, Z layer"] = lambda: field.traced_ring_correlator()[0]
    found["TEBD by einsum"] = field.tebd_by_einsum
    found["DMRG energy by einsum"] = field.dmrg_energy_by_einsum
    found["MERA norm from quimb"] = field.mera_norm_by_quimb
    return found


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
            "| " + " | ".join(cells) + " |"
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
