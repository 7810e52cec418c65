"""The transverse-field Ising ring's ground energy by Lanczos: penrose against quimb, side by side.

    python benchmarks/eigen.py [--spins 20] [--field 1.0]

penrose builds H = −Σ ZᵢZᵢ₊₁ − g Σ Xᵢ (periodic) from site operators and calls
``pn.ground_states`` (Lanczos on penrose's own H·v: no 2^N×2^N matrix); quimb builds its
sparse Hamiltonian (``ham_ising``) and calls ``groundenergy``. Both are checked against the
free-fermion formula E₀ = −Σₖ √(1 + g² + 2g cos k), k = (2n+1)π/N. Target: penrose's
time within 2× of quimb's, E₀ within 1e-9.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import penrose as pn


def exact(spins: int, field: float) -> float:
    k = (2 * np.arange(spins) + 1) * np.pi / spins
    return float(-np.sum(np.sqrt(1 + field**2 + 2 * field * np.cos(k))))


def penrose_ground(spins: int, field: float) -> tuple[float, float, float]:
    start = time.perf_counter()
    Z, X = pn.pauli.Z, pn.pauli.X
    H = -sum(pn.site_operator({i: Z, (i + 1) % spins: Z}, spins) for i in range(spins))
    H = H - field * sum(pn.site_operator({i: X}, spins) for i in range(spins))
    built = time.perf_counter()
    energy = pn.ground_states(H).value
    return energy, built - start, time.perf_counter() - built


def quimb_ground(spins: int, field: float) -> tuple[float, float, float] | None:
    try:
        import quimb
    except ImportError:
        return None
    start = time.perf_counter()
    H = quimb.ham_ising(spins, jz=-4.0, bx=-2.0 * field, cyclic=True, sparse=True)  # S = σ/2
    built = time.perf_counter()
    energy = float(quimb.groundenergy(H))
    return energy, built - start, time.perf_counter() - built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spins", type=int, default=20)
    parser.add_argument("--field", type=float, default=1.0)
    arguments = parser.parse_args()
    reference = exact(arguments.spins, arguments.field)
    print(f"transverse-field Ising ring, N = {arguments.spins}, g = {arguments.field}: E0 exact = {reference:.12f}")
    print(f"{'method':<10}{'build':>9}{'solve':>9}{'total':>9}{'E0 error':>11}")
    rows = {"penrose": penrose_ground(arguments.spins, arguments.field)}
    found = quimb_ground(arguments.spins, arguments.field)
    if found is not None:
        rows["quimb"] = found
    for name, (energy, build, solve) in rows.items():
        print(f"{name:<10}{build:>8.2f}s{solve:>8.2f}s{build + solve:>8.2f}s{abs(energy - reference):>11.1e}")
    if "quimb" in rows:
        ratio = sum(rows["penrose"][1:]) / sum(rows["quimb"][1:])
        print(f"penrose / quimb (total): {ratio:.2f}  (target <= 2)")
    else:
        print("note: quimb is not installed: its row is skipped (pip install quimb)")


if __name__ == "__main__":
    main()
