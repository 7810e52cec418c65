"""Running a script in fresh Python processes, each with its own string-hash seed: what depends on the process
(set order, hashing) shows up as different output."""

from __future__ import annotations

import os
import subprocess
import sys


def printed_under_hash_seeds(script: str, seeds: tuple[str, ...] = ("1", "2", "3")) -> set[str]:
    """What ``script`` prints in one fresh process per ``PYTHONHASHSEED`` of ``seeds``, each run required to end
    well; one element when nothing depends on the process."""
    outputs = set()
    for seed in seeds:
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment)
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    return outputs
