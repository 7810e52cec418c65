"""BLAS threads per step: small matrix products on one thread, so they stay fast when other work shares the CPUs.

OpenBLAS splits a matrix product over its threads and makes them wait for each other. On an
idle machine that helps big products; when another program holds the cores (a laptop, a
shared node) a product of a few million operations waits for threads that are not running:
an 8×8 grid's contraction went from 0.45 ms to 8–48 ms beside one busy numpy process, a PEPS
norm from 5.6 ms to 17 ms (117 ms at worst), where one thread kept them at 0.5 and 10 ms. A
product this small gains nothing from threads even when the machine is idle, so steps below
:data:`SINGLE_THREAD_FLOPS` run on one thread and bigger ones on however many BLAS had.

Big products wait too when the cores are taken: while other processes' runnable threads and
BLAS's own outnumber the cores (:func:`crowded`, read from the kernel's run queue at most every
:data:`CROWD_CHECK_SECONDS`), every step runs on one thread (a PEPS 5×5 norm beside one busy
process: 15 ms, 37-60 ms at the 90th percentile, on two threads; 8.4 ms on one; 7.3 ms idle).
Only the speed changes, never the path or the bits: OpenBLAS splits a product's rows and
columns between threads, not its sums.

One policy in one place: the executor asks :func:`one_thread` and :func:`restore` only when a
run of small steps begins and ends (half a microsecond each, through threadpoolctl). Without
threadpoolctl, or with a BLAS it does not know, nothing changes.
"""

from __future__ import annotations

import os
import time
from functools import lru_cache
from typing import Any

__all__ = ["CROWD_CHECK_SECONDS", "SINGLE_THREAD_FLOPS", "BlasThreads", "blas_threads", "crowded"]

#: Steps of fewer floating-point operations than this run on one BLAS thread (a D=64 MPS step, 1e6, is one
#: thread's work; a D=128 one, 8e6, gains 1.45× from a second thread on an idle machine).
SINGLE_THREAD_FLOPS = 4e6


#: How long a look at the run queue holds before :func:`crowded` reads it again.
CROWD_CHECK_SECONDS = 0.5
_looked = {"at": -1e9, "crowded": False, "seen": False}


def _own_running() -> int:
    """How many of this process's threads are running or ready to run now."""
    own = 0
    for task in os.scandir("/proc/self/task"):
        try:
            with open(f"{task.path}/stat", encoding="ascii", errors="replace") as handle:
                own += handle.read().rpartition(")")[2].split()[0] == "R"
        except (OSError, IndexError):  # (a thread that ended meanwhile)
            continue
    return own


def _running_threads() -> int | None:
    """How many threads of *other* processes are ready to run now: the kernel's count (/proc/loadavg) less this
    process's own running threads (its BLAS threads spin between products and would count as other work; they are
    counted before and after, and the larger taken, as one may stop spinning in between)."""
    try:
        before = _own_running()
        with open("/proc/loadavg", encoding="ascii") as handle:
            running = int(handle.read().split()[3].partition("/")[0])
        return max(running - max(before, _own_running(), 1), 0)
    except (OSError, ValueError, IndexError):
        return None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # (the cores this process may use: taskset counts)
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def crowded() -> bool:
    """True while other work holds the cores: other processes' threads ready to run, with this one's BLAS threads,
    outnumber the cores this process may use, on two looks in a row (one look is a moment's sample; a thread that
    woke for an instant must not cost half a second on one thread). False where the system does not say."""
    now = time.monotonic()
    if now - _looked["at"] >= CROWD_CHECK_SECONDS:
        others = _running_threads()
        blas = blas_threads().count if others is not None else 1
        seen = others is not None and blas > 1 and others + blas > _cores()
        _looked["crowded"] = seen and bool(_looked["seen"])
        _looked["seen"] = seen
        _looked["at"] = now
    return bool(_looked["crowded"])


class BlasThreads:
    """The BLAS libraries numpy uses, whose thread count the executor lowers for runs of small steps."""

    __slots__ = ("_libraries", "_saved")

    def __init__(self, libraries: list[Any]) -> None:
        self._libraries = libraries
        self._saved: list[int] | None = None

    @property
    def count(self) -> int:
        """The most threads any of the libraries runs now."""
        return max((library.get_num_threads() for library in self._libraries), default=1)

    def one_thread(self) -> None:
        """One thread for the steps that follow (the count before is kept for :meth:`restore`)."""
        if self._saved is None and self._libraries:
            self._saved = [library.get_num_threads() for library in self._libraries]
            for library in self._libraries:
                library.set_num_threads(1)

    def restore(self) -> None:
        """The thread counts as they were before :meth:`one_thread`."""
        if self._saved is not None:
            for library, count in zip(self._libraries, self._saved):
                library.set_num_threads(count)
            self._saved = None


@lru_cache(maxsize=1)
def _libraries() -> tuple[Any, ...]:
    try:
        import numpy  # noqa: F401  (its BLAS must be loaded to be found)
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        return ()
    try:
        controller = ThreadpoolController()
    except Exception:  # pragma: no cover - an unknown platform: leave the threads alone
        return ()
    return tuple(library for library in controller.lib_controllers if library.user_api == "blas")


def blas_threads() -> BlasThreads:
    """A fresh handle on numpy's BLAS threads (the libraries are found once per process)."""
    return BlasThreads(list(_libraries()))
