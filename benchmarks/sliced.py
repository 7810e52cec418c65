"""A contraction sliced to bounded memory, here and on a 2-worker dask LocalCluster, against the unsliced one.

    python benchmarks/sliced.py

The network is a random 5×5 PEPS norm with bond 4 (built with ``pn.einsum``): its best path
builds an intermediate of 3.4·10⁷ entries (268 MB). Rows: the unsliced ``value()`` (path
already found), then ``d.sliced(memory_limit=...)`` at two limits, run in this process and on a
``LocalCluster`` of 2 worker processes of 1 thread each. Columns: slices, total FLOPs over the
unsliced path's, the largest intermediate of one slice, seconds (median of 3), and the
relative difference from the unsliced value. Slicing pays when the largest intermediate does
not fit a worker's memory; when it fits, it only adds work.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from networks import peps_norm_case


def _seconds(run, repeats: int = 3) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        value = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    from distributed import Client, LocalCluster

    diagram = peps_norm_case(5, 4).build()
    path = diagram.path()
    diagram.value()
    unsliced, reference = _seconds(diagram.value)
    header = f"{'run':<34}{'slices':>8}{'flops/unsliced':>16}{'largest':>12}{'seconds':>10}{'rel. diff':>11}"
    print(header)
    print("-" * len(header))
    largest_mb = path.largest_intermediate * 8 / 2**20
    print(f"{'unsliced, this process':<34}{1:>8}{1.0:>16.2f}{largest_mb:>10.0f}MB{unsliced:>10.2f}{0.0:>11.1e}")
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        for limit in ("32MB", "8MB"):
            sliced = diagram.sliced(memory_limit=limit)
            slice_mb = sliced.largest_intermediate * 8 / 2**20
            for where, run in (
                ("this process", sliced.value),
                ("2 workers", lambda sliced=sliced: sliced.value(client=client)),
            ):
                seconds, value = _seconds(run)
                difference = abs(complex(value) - complex(reference)) / abs(complex(reference))
                print(
                    f"{f'sliced to {limit}, {where}':<34}{sliced.count:>8}{sliced.overhead:>16.2f}"
                    f"{slice_mb:>10.1f}MB{seconds:>10.2f}{difference:>11.1e}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
