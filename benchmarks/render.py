"""Layout + SVG time for chains, MPS ladders, square grids and random graphs of 10, 100 and 1000 boxes, per layout,
and the time to build square grids with ``.join``.

    python benchmarks/render.py [--quick]

Prints the median time of ``diagram.draw(value=False, layout=layout).to_svg()`` and the
growth ratio 1000/100 (linear growth is 10). Targets: a 1000-box network under 0.5 s
with the built-in layout and under 2 s with Graphviz, growing close to linearly; a random 3-regular graph of
300 boxes (its last column) under 10 s with the default engine (a spring layout: penrose chose its sides).
The second table times building an L×L grid of boxes joined by their facing legs, one
``.join(a, b)`` call per line and one ``.join(pairs)`` call for all of them.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy as np
from networks import mps_ladder, operator_chain, random_graph, square_grid

import penrose as pn


def _time(diagram, layout: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        diagram.draw(value=False, layout=layout).to_svg()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 10 and 100 only")
    arguments = parser.parse_args()
    sizes = (10, 100) if arguments.quick else (10, 100, 1000)
    layouts = ["builtin"] + (["dot"] if shutil.which("dot") else [])
    families = {"chain": operator_chain, "MPS ladder": mps_ladder, "grid": square_grid, "3-regular": random_graph}
    header = (
        f"{'network':<12}{'layout':<9}"
        + "".join(f"{f'n={n}':>11}" for n in sizes)
        + (f"{'1000/100':>10}" if 1000 in sizes else "")
    )
    print(header)
    print("-" * len(header))
    for family, build in families.items():
        if family == "3-regular" and 1000 in sizes:  # routing a random non-planar graph grows fast: see docs
            print(f"{family:<12}(the last column is 300 boxes, not 1000: ~10 s at 500, see docs/big-networks.md)")
            sizes_here = tuple(n if n < 1000 else 300 for n in sizes)
        else:
            sizes_here = sizes
        diagrams = {n: build(n) for n in sizes_here}
        for layout in layouts:
            slow = family == "3-regular" and layout == "dot"  # Graphviz's ranks: ~45 s at 300 boxes, not timed
            times = {n: _time(diagrams[n], layout, 5 if n <= 100 else 3) for n in sizes_here if not (slow and n > 100)}
            row = f"{family:<12}{layout:<9}" + "".join(
                f"{times[n] * 1e3:>9.1f}ms" if n in times else f"{'—':>11}" for n in sizes_here
            )
            if 1000 in sizes_here:
                row += f"{times[1000] / times[100]:>10.1f}"
            print(row, flush=True)
    print()
    joins(quick=arguments.quick)


def _grid_boxes(size: int) -> tuple[pn.Diagram, list[tuple[pn.model.Leg, pn.model.Leg]]]:
    rng = np.random.default_rng(0)
    sides = [pn.networks.grid_sides(size, i, j) for i in range(size) for j in range(size)]
    stacked = pn.kron(*[pn.tensor(rng.normal(size=(2,) * len(legs)), legs=legs) for legs in sides])
    where = {(leg.node, leg.name): leg for leg in stacked.legs}
    return stacked, [(where[a], where[b]) for a, b in pn.networks.grid_lines(size)]


def joins(quick: bool = False) -> None:
    """Building square grids: one .join per line, and all lines in one .join."""
    sides = (17, 32) if quick else (17, 32, 55)
    print(f"{'grid built with':<22}" + "".join(f"{f'{s * s} boxes':>13}" for s in sides))
    one, bulk = [], []
    for size in sides:
        start = time.perf_counter()
        stacked, pairs = _grid_boxes(size)
        built = stacked
        for a, b in pairs:
            built = built.join(a, b)
        one.append(time.perf_counter() - start)
        start = time.perf_counter()
        stacked, pairs = _grid_boxes(size)
        stacked.join(pairs)
        bulk.append(time.perf_counter() - start)
    print(f"{'.join(a, b) per line':<22}" + "".join(f"{t:>12.3f}s" for t in one))
    print(f"{'.join(pairs), once':<22}" + "".join(f"{t:>12.3f}s" for t in bulk))


if __name__ == "__main__":
    main()
