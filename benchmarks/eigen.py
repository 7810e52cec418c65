"""The transverse-field Ising ring's ground energy by Lanczos: penrose against quimb, side by side.

    python benchmarks/eigen.py [--spins 20] [--field 1.0] [--breaking]

penrose builds H = −Σ ZᵢZᵢ₊₁ − g Σ Xᵢ (periodic) from site operators and calls
``pn.ground_states`` (Lanczos on penrose's own H·v: no 2^N×2^N matrix); quimb builds its
sparse Hamiltonian (``ham_ising``) and calls ``groundenergy``. Both are checked against the
free-fermion formula E₀ = −Σₖ √(1 + g² + 2g cos k), k = (2n+1)π/N. Target: penrose's
time within 2× of quimb's, E₀ within 1e-9.

``--breaking`` also prints the symmetry-breaking story of docs/many-spins.md: the open chain
at g = 0.3 for N = 12, 14, …, 20, the splitting of its two lowest levels (falling about
tenfold every two spins) and how ``pn.eig`` reads it against its tolerance.
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


def ising_chain(spins: int, field: float) -> pn.Diagram:
    """−Σ ZᵢZᵢ₊₁ − g Σ Xᵢ on an open chain, as in docs/many-spins.md."""
    Z, X = pn.pauli.Z, pn.pauli.X
    H = -sum(pn.site_operator({i: Z, i + 1: Z}, spins) for i in range(spins - 1))
    return H - field * sum(pn.site_operator({i: X}, spins) for i in range(spins))


def breaking(field: float = 0.3, sizes: tuple[int, ...] = (12, 14, 16, 18, 20)) -> None:
    """The two lowest levels of the open chain: their splitting, and what eig says of it."""
    print(f"\nopen Ising chain, g = {field}: the two lowest levels (Lanczos, k = 2)")
    for spins in sizes:
        start = time.perf_counter()
        lowest = pn.eig(ising_chain(spins, field), k=2)[0]
        took = time.perf_counter() - start
        print(f"N = {spins:>2}  splitting {lowest.splitting:.2e}  {lowest.describe_splitting()}  ({took:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spins", type=int, default=20)
    parser.add_argument("--field", type=float, default=1.0)
    parser.add_argument("--breaking", action="store_true", help="also the N = 12…20 splittings at g = 0.3")
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
    if arguments.breaking:
        breaking()


if __name__ == "__main__":
    main()
