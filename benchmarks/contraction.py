"""penrose against bare opt_einsum and its peers on the same networks, timed interleaved.

    python benchmarks/contraction.py            # the full table (a few minutes)
    python benchmarks/contraction.py --quick    # small networks, few repeats (a smoke run)

For each network, in one process and round-robin, the median time of: penrose's first
``value()`` (a new diagram, the path cache cleared), its repeated ``value()``, bare
``opt_einsum.contract``, a prebuilt ``opt_einsum.contract_expression``, quimb
(``TensorNetwork(...).contract(all)``, building included), TensorNetwork
(``tensornetwork-ng``: nodes, edges, ``contractors.auto``, building included) and
``numpy.einsum(optimize="greedy")`` where it accepts the equation. Ratios are to bare
opt_einsum, except ``rep/expr`` (penrose repeated over the prebuilt expression).
``floor`` is the path's FLOPs over this machine's measured matrix-multiply rate.
Peers are optional (``pip install -e ".[bench]"``); a missing one is skipped with a note.
A method whose own path would cost more than 1e10 FLOPs is not run ("—").
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import opt_einsum

import penrose as pn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from networks import (
    Case,
    grid_case,
    mpo_expectation_case,
    mps_norm_case,
    random_regular_case,
    seminar_cases,
)

INFEASIBLE_FLOPS = 1e10  # about 10 s per call at the rates networks of small tensors reach


def _peers() -> tuple[dict[str, Callable], list[str]]:
    """Builders ``(equation, arrays) -> thunk`` for the installed peers, and notes on missing ones."""
    peers: dict[str, Callable] = {}
    notes = []
    try:
        import quimb.tensor as qtn

        def quimb_run(equation: str, arrays: list) -> Callable:
            inputs, output = equation.split("->")

            def run():
                network = qtn.TensorNetwork([qtn.Tensor(a, inds=tuple(s)) for a, s in zip(arrays, inputs.split(","))])
                return network.contract(all, output_inds=tuple(output)) if output else network.contract(all)

            return run

        peers["quimb"] = quimb_run
    except ImportError:
        notes.append("quimb is not installed: its column is skipped (pip install quimb)")
    try:
        import tensornetwork as tn

        def tensornetwork_run(equation: str, arrays: list) -> Callable:
            inputs, output = equation.split("->")
            subscripts = inputs.split(",")

            def run():
                nodes = [tn.Node(a) for a in arrays]
                seen: dict[str, tuple] = {}
                open_edges = {}
                for node, letters in zip(nodes, subscripts):
                    for axis, letter in enumerate(letters):
                        if letter in output:
                            open_edges[letter] = node[axis]
                        elif letter in seen:
                            tn.connect(seen.pop(letter), node[axis])
                        else:
                            seen[letter] = node[axis]
                order = [open_edges[letter] for letter in output]
                return tn.contractors.auto(nodes, output_edge_order=order if order else None).tensor

            return run

        peers["tensornetwork"] = tensornetwork_run
    except ImportError:
        notes.append("tensornetwork-ng is not installed: its column is skipped (pip install tensornetwork-ng)")
    return peers, notes


def _numpy_flops(equation: str, arrays: list) -> float:
    """The FLOPs of numpy.einsum's own greedy path (it can be far worse than opt_einsum's)."""
    report = np.einsum_path(equation, *arrays, optimize="greedy")[1]
    line = next(line for line in report.splitlines() if "Optimized FLOP count" in line)
    return float(line.split(":")[1])


def _median(function: Callable, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def matmul_rate() -> float:
    """This machine's float64 matrix-multiply rate (FLOP/s), for the floor column."""
    a = np.random.default_rng(0).normal(size=(1024, 1024))
    a @ a
    seconds = _median(lambda: a @ a, 7)
    return 2 * 1024**3 / seconds


def measure(case: Case, peers: dict[str, Callable], repeats: int) -> dict[str, object]:
    """Median seconds of every method on ``case``, measured round-robin in one process."""
    warm = case.build()
    equation, arrays = warm.to_einsum()
    _, default_path = opt_einsum.contract_path(equation, *arrays)
    default_feasible = float(default_path.opt_cost) < INFEASIBLE_FLOPS
    warm.value()
    path = warm.path()
    methods: dict[str, Callable] = {"repeated": warm.value}
    if default_feasible:
        expression = opt_einsum.contract_expression(equation, *[a.shape for a in arrays])
        methods["contract"] = lambda: opt_einsum.contract(equation, *arrays)
        methods["expression"] = lambda: expression(*arrays)
        for name, make in peers.items():
            methods[name] = make(equation, arrays)
        if (
            all(c.isascii() and c.isalpha() for c in equation.replace(",", "").replace("->", ""))
            and _numpy_flops(equation, arrays) < INFEASIBLE_FLOPS
        ):
            methods["numpy"] = lambda: np.einsum(equation, *arrays, optimize="greedy")
    elif "quimb" in peers:  # quimb searches its own (good) path: it stays in the race
        methods["quimb"] = peers["quimb"](equation, arrays)
    slowest = max(_median(function, 1) for function in methods.values())  # also warms every method
    repeats = max(3, min(repeats, int(3.0 / max(slowest, 1e-6))))
    times: dict[str, list[float]] = {name: [] for name in ["first", *methods]}
    order = ["first", *methods]
    for k in range(repeats):
        rotated = order[k % len(order) :] + order[: k % len(order)]  # no method always runs after another
        for name in rotated:
            if name == "first":  # as a user does it: build a diagram, then evaluate it (only that is timed)
                function = case.build().value
                pn.clear_path_cache()  # no gc.collect() here: it evicts the caches and slows the next call 4x
            else:
                function = methods[name]
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    result: dict[str, object] = {name: statistics.median(values) for name, values in times.items()}
    result.update(
        flops=path.flops,
        largest=path.largest_intermediate,
        optimizer=path.optimizer,
        default_flops=float(default_path.opt_cost),
    )
    return result


def peak_memory(case: Case) -> tuple[int, int]:
    """Peak bytes traced while evaluating ``case`` with penrose and with bare opt_einsum."""
    diagram = case.build()
    equation, arrays = diagram.to_einsum()
    diagram.value()
    peaks = []
    for function in (diagram.value, lambda: opt_einsum.contract(equation, *arrays)):
        gc.collect()
        tracemalloc.start()
        function()
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peaks[0], peaks[1]


def _time(seconds: object) -> str:
    if not isinstance(seconds, float):
        return "—"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g}{unit}"
    return f"{seconds / 1e-9:.3g}ns"


def _ratio(a: object, b: object) -> str:
    return f"{a / b:.2f}" if isinstance(a, float) and isinstance(b, float) else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small networks and few repeats")
    arguments = parser.parse_args()
    peers, notes = _peers()
    cases = seminar_cases()
    if arguments.quick:
        cases += [mps_norm_case(20, 16), grid_case(4, 3), random_regular_case(20, 2)]
    else:
        cases += [
            mps_norm_case(20, 16),
            mps_norm_case(100, 64),
            mpo_expectation_case(50, 32, 5),
            grid_case(4, 4),
            grid_case(6, 3),
            grid_case(8, 2),
            random_regular_case(40, 2),
            random_regular_case(60, 2),
            random_regular_case(60, 4),
        ]
    rate = matmul_rate()
    print(f"matrix-multiply rate of this machine: {rate / 1e9:.1f} GFLOP/s (float64, 1024x1024)")
    for note in notes:
        print(f"note: {note}")
    columns = ["first", "repeated", "contract", "expression", *peers, "numpy"]
    header = (
        f"{'network':<24}"
        + "".join(f"{c[:10]:>11}" for c in columns)
        + f"{'first/ctr':>10}{'rep/expr':>9}"
        + "".join(f"{p[:8] + '/ctr':>13}" for p in peers)
        + f"{'flops':>10}{'largest':>10}{'floor':>9}{'rep/floor':>10}  optimizer"
    )
    print(header)
    print("-" * len(header))
    repeats = 7 if arguments.quick else 41
    for case in cases:
        t = measure(case, peers, repeats)
        floor = float(t["flops"]) / rate  # type: ignore[arg-type]
        row = f"{case.name:<24}" + "".join(f"{_time(t.get(c)):>11}" for c in columns)
        row += f"{_ratio(t['first'], t.get('contract')):>10}{_ratio(t['repeated'], t.get('expression')):>9}"
        row += "".join(f"{_ratio(t.get(p), t.get('contract')):>13}" for p in peers)
        row += f"{float(t['flops']):>10.2e}{int(t['largest']):>10}{_time(floor):>9}"  # type: ignore[arg-type]
        row += f"{_ratio(t['repeated'], floor):>10}  {t['optimizer']}"
        if float(t["default_flops"]) >= INFEASIBLE_FLOPS:  # type: ignore[arg-type]
            row += f" (opt_einsum's own path: {float(t['default_flops']):.1e} flops, not run)"  # type: ignore[arg-type]
        print(row, flush=True)
    if not arguments.quick:
        ours, bare = peak_memory(mps_norm_case(100, 64))
        print(
            f"\npeak memory, MPS norm N=100 D=64: penrose {ours / 1e6:.2f} MB, bare opt_einsum "
            f"{bare / 1e6:.2f} MB, ratio {ours / bare:.2f}"
        )
    print(
        "\ntargets: first/ctr <= 1.2, rep/expr <= 1.3, repeated faster than quimb and TensorNetwork, "
        "compute-bound networks within 4x of the floor"
    )


if __name__ == "__main__":
    main()
