"""Layout + SVG time for chains, MPS ladders and square grids of 10, 100 and 1000 boxes, per layout.

    python benchmarks/render.py [--quick]

Prints the median time of ``diagram.draw(value=False, layout=layout).to_svg()`` and the
growth ratio 1000/100 (linear growth is 10; the aim is at most about 15, and a 100-box
network under 0.5 s).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from networks import mps_ladder, operator_chain, square_grid


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
    layouts = ["builtin"] + [name for name in ("dot", "neato") if shutil.which(name)]
    families = {"chain": operator_chain, "MPS ladder": mps_ladder, "grid": square_grid}
    header = (
        f"{'network':<12}{'layout':<9}"
        + "".join(f"{f'n={n}':>11}" for n in sizes)
        + (f"{'1000/100':>10}" if 1000 in sizes else "")
    )
    print(header)
    print("-" * len(header))
    for family, build in families.items():
        diagrams = {n: build(n) for n in sizes}
        for layout in layouts:
            times = {n: _time(diagrams[n], layout, 5 if n <= 100 else 3) for n in sizes}
            row = f"{family:<12}{layout:<9}" + "".join(f"{times[n] * 1e3:>9.1f}ms" for n in sizes)
            if 1000 in sizes:
                row += f"{times[1000] / times[100]:>10.1f}"
            print(row, flush=True)


if __name__ == "__main__":
    main()
