"""penrose against bare opt_einsum and the best peer on the same networks, in 3 fresh processes.

    python benchmarks/contraction.py            # the full table (about 10 minutes)
    python benchmarks/contraction.py --quick    # small networks, one process (a smoke run)
    python benchmarks/contraction.py --load 1   # beside one busy process, as on a shared laptop or node
    python benchmarks/contraction.py --thorough # repeated on the path a long loop ends on (d.path(thorough=True))

Each network is measured in ``--processes`` fresh Python processes (default 3): penrose's
path depends on nothing but the network, so its FLOPs and times should agree between
them. In each process, round-robin (no method always runs after another; each method runs untimed for 0.12 s
before its timed calls in a round, so the BLAS threads the method before it left spinning have parked; each
call timed with the garbage collector paused, as ``timeit`` does), the median of:

- ``first``: a new penrose diagram's first ``value()``, the path cache cleared (search included);
- ``repeated``: ``value()`` again on the same diagram;
- ``contract``: bare ``opt_einsum.contract`` (its own path search included), where its path is feasible;
- peers, all *cached* (their path found before timing): ``oe-expr`` (opt_einsum's prebuilt
  expression on its own path), ``ctg-path`` (opt_einsum's prebuilt expression on cotengra's
  best path: a HyperOptimizer minimising FLOPs plus writes, searched up to 10 s), ``ctg-einsum``
  (``cotengra.einsum``, which caches its path), ``quimb`` (``TensorNetwork.contract`` on a
  network built once) and, for the MPS norm N=100, ``loop`` (two matrix products per site);
- ``np-einsum`` on the seminar's diagrams (four arrays or fewer): ``numpy.einsum`` itself, the yardstick of
  a small diagram's overhead (printed under the table);
- ``quimb+build`` and ``tensornetwork`` time building the network too (they are not cached).

``best`` is the fastest cached peer. ``floor`` is the time BLAS alone takes for penrose's
path: every pairwise step as one matrix product of its real shape, timed (no copies, no
Python), measured before and after the rounds. Peers are optional (``pip install -e
".[bench,cotengra]"``); a missing one is skipped with a note. A method whose path would
cost more than 1e10 FLOPs is not run ("—").
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import statistics
import subprocess
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
    mps_norm_loop,
    peps_norm_case,
    random_regular_case,
    seminar_cases,
)

INFEASIBLE_FLOPS = 1e10  # about a second per call or more at the rates seen here
CACHED_PEERS = ("oe-expr", "ctg-path", "ctg-einsum", "quimb", "loop")
SLOW_SECONDS = 2.0  # a method slower than this per call is timed once, not in every round
#: Before its timed calls in a round, each method runs untimed this long: OpenBLAS's threads spin about 0.1 s after
#: a multithreaded call, and beside a busy process that spinning takes a core from whatever runs next (measured: a
#: penrose evaluation after a peer's 2-thread product took 8 ms instead of 4). Each method is timed in its own
#: steady state, not in the one the method before it left.
SETTLE_SECONDS = 0.12
PER_TURN_SECONDS = 0.05  # then timed calls for about this long (at least one, at most PER_TURN_CALLS)
PER_TURN_CALLS = 200


def full_cases() -> list[Case]:
    return [
        *seminar_cases(),
        mps_norm_case(100, 64),
        mps_norm_case(200, 128),
        mpo_expectation_case(50, 32, 5),
        mpo_expectation_case(100, 64, 5),
        peps_norm_case(5, 3),
        random_regular_case(60, 4),
        random_regular_case(100, 2),
        grid_case(8, 3),
        grid_case(10, 2),
    ]


def untuned_cases() -> list[Case]:
    """Networks no threshold of penrose was tuned on (other sizes, bonds and seeds): the first-call check of issue
    25 on 3-regular, PEPS and MPO networks."""
    return [
        random_regular_case(80, 3, seed=11),
        random_regular_case(44, 4, seed=5),
        peps_norm_case(4, 4, seed=3),
        peps_norm_case(6, 2, seed=8),
        mpo_expectation_case(30, 24, 4, seed=6),
        mps_norm_case(60, 48, seed=9),
        grid_case(7, 4, seed=2),
    ]


def quick_cases() -> list[Case]:
    return [*seminar_cases(), mps_norm_case(20, 16), grid_case(4, 3), random_regular_case(40, 2)]


def _peers(equation: str, arrays: list, feasible: bool, name: str) -> tuple[dict[str, Callable], dict, list[str]]:
    """Thunks of the installed peers for one network (paths found now, before timing), their FLOPs, and notes."""
    methods: dict[str, Callable] = {}
    flops: dict[str, float] = {}
    notes: list[str] = []
    shapes = [a.shape for a in arrays]
    if feasible:
        expression = opt_einsum.contract_expression(equation, *shapes)
        methods["oe-expr"] = lambda: expression(*arrays)
        methods["contract"] = lambda: opt_einsum.contract(equation, *arrays)
        flops["oe-expr"] = float(opt_einsum.contract_path(equation, *shapes, shapes=True)[1].opt_cost)
    try:
        import cotengra

        if len(arrays) > 4:
            optimizer = cotengra.HyperOptimizer(
                minimize="combo", max_repeats=128, max_time=10, progbar=False, parallel=False
            )
            path, info = opt_einsum.contract_path(equation, *shapes, shapes=True, optimize=optimizer)
            flops["ctg-path"] = float(info.opt_cost)
            if flops["ctg-path"] < INFEASIBLE_FLOPS:
                prebuilt = opt_einsum.contract_expression(equation, *shapes, optimize=path)
                methods["ctg-path"] = lambda: prebuilt(*arrays)
        methods["ctg-einsum"] = lambda: cotengra.einsum(equation, *arrays)
    except ImportError:
        notes.append("cotengra is not installed: ctg-path and ctg-einsum are skipped (pip install cotengra)")
    try:
        import quimb.tensor as qtn

        inputs, output = equation.split("->")
        terms = inputs.split(",")

        def build():
            return qtn.TensorNetwork([qtn.Tensor(a, inds=tuple(s)) for a, s in zip(arrays, terms)])

        network = build()

        def contract(tn):
            return tn.contract(all, output_inds=tuple(output)) if output else tn.contract(all)

        methods["quimb"] = lambda: contract(network)
        methods["quimb+build"] = lambda: contract(build())
    except ImportError:
        notes.append("quimb is not installed: its columns are skipped (pip install quimb)")
    try:
        import tensornetwork as tn

        if feasible:
            methods["tensornetwork"] = _tensornetwork(tn, equation, arrays)
    except ImportError:
        notes.append("tensornetwork-ng is not installed: its column is skipped")
    if name == "MPS norm N=100 D=64":
        methods["loop"] = mps_norm_loop(100, 64)
    if len(arrays) <= 4:  # the seminar's diagrams: numpy's own einsum, the target of small-diagram overhead
        methods["np-einsum"] = lambda: np.einsum(equation, *arrays)
    return methods, flops, notes


def _tensornetwork(tn, equation: str, arrays: list) -> Callable:
    inputs, output = equation.split("->")

    def run():
        nodes = [tn.Node(a) for a in arrays]
        seen: dict[str, object] = {}
        open_edges = {}
        for node, letters in zip(nodes, inputs.split(",")):
            for axis, letter in enumerate(letters):
                if letter in output:
                    open_edges[letter] = node[axis]
                elif letter in seen:
                    tn.connect(seen.pop(letter), node[axis])
                else:
                    seen[letter] = node[axis]
        order = [open_edges[letter] for letter in output]
        return tn.contractors.auto(nodes, output_edge_order=order or None).tensor

    return run


def floor_seconds(diagram: pn.Diagram) -> float:
    """BLAS alone on penrose's path: each pairwise step as one matrix product of its real (m, k, n), timed."""
    equation, arrays = diagram.to_einsum()
    path = diagram.path()
    sizes: dict[str, int] = {}
    for term, array in zip(equation.split("->")[0].split(","), arrays):
        sizes.update(zip(term, array.shape))
    total = 0.0
    rng = np.random.default_rng(0)
    timed: dict[tuple[int, int, int], float] = {}
    for step in path.info.contraction_list:
        removed = step[1]
        inputs = step[2].split("->")[0]
        terms = inputs.split(",")
        if len(terms) != 2:
            continue
        inner = math.prod(sizes[s] for s in removed)
        rows = math.prod(sizes[s] for s in terms[0] if s not in removed)
        columns = math.prod(sizes[s] for s in terms[1] if s not in removed)
        key = (rows, inner, columns)
        if key not in timed:
            a, b = rng.normal(size=(rows, inner)), rng.normal(size=(inner, columns))
            timed[key] = _median(lambda a=a, b=b: a @ b, 5)
        total += timed[key]
    return total


def _median(function: Callable, repeats: int) -> float:
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(case: Case, repeats: int, thorough: bool = False) -> dict[str, object]:
    """One process's medians for ``case`` (every method round-robin), FLOPs, and the floor; ``thorough``: repeated
    on the path a long loop of evaluations ends on (the reuse search run before timing)."""
    warm = case.build()
    equation, arrays = warm.to_einsum()
    default_flops = float(opt_einsum.contract_path(equation, *arrays)[1].opt_cost)
    feasible = default_flops < INFEASIBLE_FLOPS
    pn.contraction.clear_path_cache()
    start = time.perf_counter()
    warm.value()
    first_alone = time.perf_counter() - start
    path = warm.path(thorough=thorough)
    methods, flops, notes = _peers(equation, arrays, feasible, case.name)
    methods = {"repeated": warm.value, **methods}
    floor_before = floor_seconds(warm)
    durations = {}
    for name, function in list(methods.items()):  # warms every method; a peer that fails is left out, with a note
        try:
            durations[name] = _once(function)
        except (MemoryError, ValueError, RuntimeError) as error:
            del methods[name]
            notes.append(f"{case.name}: {name} failed ({type(error).__name__}: {str(error)[:80]}), left out")
    slow = {name for name, seconds in durations.items() if seconds > SLOW_SECONDS and name != "repeated"}
    times: dict[str, list[float]] = {name: [_once(methods[name])] for name in slow}  # timed once more, not in rounds
    for name in slow:
        notes.append(f"{case.name}: {name} takes over {SLOW_SECONDS:g} s a call: timed once, outside the rounds")
    slowest = max(seconds for name, seconds in durations.items() if name not in slow)
    rounds = max(3, min(repeats, int(4.0 / max(slowest, first_alone, 1e-6))))
    order = ["first", *(name for name in methods if name not in slow)]
    times.update({name: [] for name in order})
    for k in range(rounds):
        for name in order[k % len(order) :] + order[: k % len(order)]:
            function = methods[name] if name != "first" else lambda: _first(case)
            settled = time.perf_counter() + SETTLE_SECONDS
            while time.perf_counter() < settled:  # (untimed: the method before's BLAS threads park meanwhile)
                function()
            if name == "first":  # as a user does it: build a diagram, then evaluate it (only that is timed)
                function = case.build().value
                pn.contraction.clear_path_cache()
                times[name].append(_once(function))
                continue
            for _ in range(max(1, min(PER_TURN_CALLS, int(PER_TURN_SECONDS / max(durations[name], 1e-9))))):
                times[name].append(_once(function))
    floor = (floor_before + floor_seconds(warm)) / 2
    result: dict[str, object] = {name: statistics.median(values) for name, values in times.items()}
    result.update(
        flops=float(path.flops),
        optimizer=path.optimizer,
        search=path.search_seconds,
        default_flops=default_flops,
        peer_flops=flops,
        floor=floor,
        notes=notes,
    )
    return result


def peak_memory(case: Case) -> tuple[int, int]:
    """Peak bytes traced while evaluating ``case`` with penrose and with bare opt_einsum."""
    diagram = case.build()
    equation, arrays = diagram.to_einsum()
    diagram.path()  # the path search done first: only the contraction is traced
    diagram.value()
    peaks = []
    for function in (diagram.value, lambda: opt_einsum.contract(equation, *arrays)):
        gc.collect()
        tracemalloc.start()
        function()
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peaks[0], peaks[1]


def _first(case: Case) -> None:
    """A first evaluation, untimed: a new diagram, the path cache cleared."""
    diagram = case.build()
    pn.contraction.clear_path_cache()
    diagram.value()


def _once(function: Callable) -> float:
    """One call's seconds, the garbage collector paused (as ``timeit`` does: a collection the calls before
    provoked is not this call's time)."""
    gc.disable()
    try:
        start = time.perf_counter()
        function()
        return time.perf_counter() - start
    finally:
        gc.enable()


def _time(seconds: object) -> str:
    if not isinstance(seconds, (int, float)):
        return "—"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g}{unit}"
    return f"{seconds / 1e-9:.3g}ns"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "—"


def _spread(values: list[float]) -> str:
    return f"{min(values):.2e}/{statistics.median(values):.2e}/{max(values):.2e}"


def report(name: str, runs: list[dict]) -> str:
    """One row from the processes' measurements of one network."""
    repeated = [r["repeated"] for r in runs]
    best_ratio, best_name, best_time = 0.0, "—", None
    for run in runs:
        peers = {p: run[p] for p in CACHED_PEERS if p in run}
        if peers:
            peer = min(peers, key=peers.get)
            ratio = run["repeated"] / peers[peer]
            if ratio > best_ratio:
                best_ratio, best_name, best_time = ratio, peer, peers[peer]
    first = statistics.median(r["first"] for r in runs)
    contract = [r["contract"] for r in runs if "contract" in r]
    first_ratio = f"{first / statistics.median(contract):.2f}" if contract else "—"
    peer_flops = [r["peer_flops"].get("ctg-path") for r in runs if r["peer_flops"].get("ctg-path")]
    own = runs[0]["default_flops"]
    best_flops = min([*peer_flops, *(r["flops"] for r in runs)])
    floor = statistics.median(r["floor"] for r in runs)
    return (
        f"{name:<22}{_time(statistics.median(repeated)):>9}{_time(best_time):>9} {best_name:<10}"
        f"{best_ratio:>7.2f}{max(repeated) / min(repeated):>7.2f}{_time(first):>9}{first_ratio:>10}"
        f"{statistics.median(r['flops'] for r in runs) / best_flops:>8.2f}{own / best_flops:>11.2g}"
        f"  {_spread([r['flops'] for r in runs])}  {_time(floor or None):>9}"
        f"{_ratio(statistics.median(repeated), floor):>8}"
        f"  {runs[0]['optimizer']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small networks, one process, few repeats")
    parser.add_argument("--processes", type=int, default=3, help="fresh processes per network (default 3)")
    parser.add_argument("--only", help="only the networks whose name contains this text")
    parser.add_argument("--untuned", action="store_true", help="networks no threshold was tuned on, instead")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # measure one network, print JSON
    parser.add_argument("--repeats", type=int, default=11, help=argparse.SUPPRESS)
    parser.add_argument("--load", type=int, default=0, help="busy processes running beside every measurement")
    parser.add_argument("--thorough", action="store_true", help="repeated on the path a long loop ends on")
    arguments = parser.parse_args()
    if arguments.worker:
        case = next(c for c in full_cases() + quick_cases() + untuned_cases() if c.name == arguments.worker)
        print(json.dumps(measure(case, arguments.repeats, arguments.thorough)))
        return
    cases = quick_cases() if arguments.quick else untuned_cases() if arguments.untuned else full_cases()
    if arguments.only:
        cases = [case for case in cases if arguments.only in case.name]
    processes = 1 if arguments.quick else arguments.processes
    repeats = 7 if arguments.quick else arguments.repeats
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(arguments.load)]
    try:
        table(cases, processes, repeats, arguments)
    finally:
        for process in busy:
            process.kill()


def table(cases: list, processes: int, repeats: int, arguments: argparse.Namespace) -> None:
    """Measure every case in fresh processes and print the table, its notes and what the columns mean."""
    print(f"{processes} fresh process(es) per network; times are medians within a process, then across them")
    if arguments.load:
        print(f"beside {arguments.load} busy process(es) (a pure-Python loop each)")
    if arguments.thorough:
        print("repeated: on the path d.path(thorough=True) reports (the one a long loop of value() ends on)")
    header = (
        f"{'network':<22}{'repeated':>9}{'best':>9} {'peer':<10}{'rep/best':>7}{'spread':>7}{'first':>9}"
        f"{'first/ctr':>10}{'fl/best':>8}{'oe fl/best':>11}  {'penrose FLOPs min/median/max':<29}"
        f"{'floor':>9}{'rep/flr':>8}  optimizer"
    )
    print(header)
    print("-" * len(header))
    notes: set[str] = set()
    small: list[str] = []
    for case in cases:
        runs = []
        for _ in range(processes):
            command = [sys.executable, __file__, "--worker", case.name, "--repeats", str(repeats)]
            command += ["--thorough"] if arguments.thorough else []
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"{case.name}: the worker failed:\n{done.stderr}")
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        notes.update(note for run in runs for note in run["notes"])
        print(report(case.name, runs), flush=True)
        if all("np-einsum" in run for run in runs):
            worst = max(run["repeated"] / run["np-einsum"] for run in runs)
            small.append(f"{case.name} {worst:.2f}")
    if small:
        print("repeated / np.einsum (the worst process; target <= 2): " + ", ".join(small))
    for note in sorted(notes):
        print(f"note: {note}")
    if not arguments.quick and not arguments.only and not arguments.untuned:
        ours, bare = peak_memory(mps_norm_case(100, 64))
        print(f"peak memory, MPS norm N=100 D=64: penrose {ours / 1e6:.2f} MB, bare opt_einsum {bare / 1e6:.2f} MB")
    print(
        "\nrep/best: penrose's repeated value() over the fastest cached peer (the worst of the processes); "
        "spread: max/min of repeated across processes;\nfirst/ctr: first value() over bare opt_einsum.contract; "
        "fl/best: penrose's path FLOPs over the best path known (cotengra's or penrose's own); oe fl/best: "
        "opt_einsum's own path over it;\nfloor: BLAS alone on penrose's path. Targets: rep/best <= 1.2, spread <= 1.3, "
        "first/ctr <= 1.5 where oe fl/best <= 2 (else first <= 2 s cap + the contraction)."
    )


if __name__ == "__main__":
    main()
