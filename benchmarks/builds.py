"""Building and evaluating networks of 10³, 10⁴ and 10⁵ boxes: does the cost grow linearly?

    python benchmarks/builds.py            # 10³, 10⁴, 10⁵ boxes
    python benchmarks/builds.py --quick    # 10³, 10⁴

Each row runs in a fresh process: the time to build the diagram (a chain of 2×2 operators
joined one ``@`` at a time; an MPS norm from ``pn.networks.mps_norm``), the time of its first
``value()`` (path search, costing, contraction) and the process's peak memory. Linear growth
is 10× per column; the last column is the ratio of the two largest sizes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

_CHILD = r"""
import json, resource, sys, time
import numpy as np
import penrose as pn

family, boxes = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(0)
start = time.perf_counter()
if family == "chain":
    operators = [pn.op(np.eye(2) + 0.01 * rng.normal(size=(2, 2)), name="A") for _ in range(boxes)]
    built = time.perf_counter()
    diagram = operators[0]
    for operator in operators[1:]:
        diagram = diagram @ operator
else:
    tensors = [t / np.linalg.norm(t) * 2 ** 0.5 for t in pn.networks.random_mps_tensors(boxes // 2, 2, 2)]
    built = time.perf_counter()
    diagram = pn.networks.mps_norm(tensors)
joined = time.perf_counter()
diagram.value()
valued = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"build": joined - built, "value": valued - joined, "peak": peak}))
"""


def measure(family: str, boxes: int) -> dict[str, float]:
    finished = subprocess.run(
        [sys.executable, "-c", _CHILD, family, str(boxes)], capture_output=True, text=True, check=True
    )
    return json.loads(finished.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10³ and 10⁴ boxes only")
    sizes = (1000, 10_000) if parser.parse_args().quick else (1000, 10_000, 100_000)
    header = f"{'network':<22}{'':<8}" + "".join(f"{f'n={n}':>12}" for n in sizes) + f"{'last/prev':>11}"
    print(header)
    print("-" * len(header))
    families = {"chain of @ (2x2)": "chain", "MPS norm (builder)": "norm"}
    for label, family in families.items():
        rows = {n: measure(family, n) for n in sizes}
        for key, unit in (("build", "s"), ("value", "s"), ("peak", "MB")):
            cells = "".join(
                f"{rows[n][key]:>11.2f}{unit}" if unit == "s" else f"{rows[n][key]:>10.0f}{unit}" for n in sizes
            )
            ratio = rows[sizes[-1]][key] / max(rows[sizes[-2]][key], 1e-9)
            print(f"{label if key == 'build' else '':<22}{key:<8}{cells}{ratio:>11.1f}", flush=True)


if __name__ == "__main__":
    main()
