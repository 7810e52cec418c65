"""penrose's value() against bare opt_einsum on the same networks, timed interleaved.

For each network it prints the median time of: penrose's first value() (a new diagram,
the path cache cleared), penrose's repeated value(), bare ``opt_einsum.contract`` and a
prebuilt ``opt_einsum.contract_expression``, and the ratios that matter:
first / contract (target ≤ 1.2) and repeated / expression (target ≤ 1.3).

    python benchmarks/contraction.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import opt_einsum

sys.path.insert(0, str(Path(__file__).resolve().parent))
from networks import Case, grid_case, mps_norm_case, seminar_cases

import penrose as pn


def _clock(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def measure(case: Case, repeats: int) -> dict[str, float]:
    """Median seconds of the four ways to evaluate ``case``, measured round-robin."""
    warm = case.build()
    equation, arrays = warm.to_einsum()
    expression = opt_einsum.contract_expression(equation, *[a.shape for a in arrays])
    warm.value()
    fresh = [case.build() for _ in range(repeats)]
    times: dict[str, list[float]] = {"first": [], "repeated": [], "contract": [], "expression": []}
    for k in range(repeats):
        pn.clear_path_cache()
        diagram = fresh[k]
        times["first"].append(_clock(diagram.value))
        times["repeated"].append(_clock(warm.value))
        times["contract"].append(_clock(lambda: opt_einsum.contract(equation, *arrays)))
        times["expression"].append(_clock(lambda: expression(*arrays)))
    return {name: statistics.median(values) for name, values in times.items()}


def _format(seconds: float) -> str:
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:7.3g} {unit}"
    return f"{seconds / 1e-9:7.3g} ns"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and smaller networks (a smoke run)")
    arguments = parser.parse_args()
    cases = seminar_cases()
    if arguments.quick:
        cases += [mps_norm_case(20, 16), grid_case(4, 3)]
    else:
        cases += [mps_norm_case(100, 64), grid_case(6, 3)]
    header = (
        f"{'network':<22}{'first':>11}{'repeated':>11}{'contract':>11}{'expression':>11}"
        f"{'first/contract':>16}{'repeated/expr':>15}"
    )
    print(header)
    print("-" * len(header))
    for case in cases:
        repeats = 7 if arguments.quick else (41 if case.name.startswith("S") else 15)
        t = measure(case, repeats)
        print(
            f"{case.name:<22}{_format(t['first']):>11}{_format(t['repeated']):>11}{_format(t['contract']):>11}"
            f"{_format(t['expression']):>11}{t['first'] / t['contract']:>16.2f}{t['repeated'] / t['expression']:>15.2f}"
        )
    print("\ntargets: first/contract <= 1.2, repeated/expr <= 1.3 (medians, measured interleaved)")


if __name__ == "__main__":
    main()
