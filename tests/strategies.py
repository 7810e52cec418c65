"""Hypothesis strategies shared by the tests: random tensor networks."""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def networks(draw):
    """Random wiring of up to 8 tensors, dims 1–4, real or complex; some legs left open.

    Gives ``(count, ranks, bonds, open_legs, dims, complex_data, seed, sides)``: a leg is
    ``(tensor, axis)``, ``dims`` maps legs to dimensions, ``sides`` lists each tensor's leg sides.
    """
    count = draw(st.integers(1, 8))
    ranks = [draw(st.integers(0, 4)) for _ in range(count)]
    legs = [(t, k) for t in range(count) for k in range(ranks[t])]
    order = draw(st.permutations(legs))
    pairs = draw(st.integers(0, len(order) // 2))
    bonds = [(order[2 * k], order[2 * k + 1]) for k in range(pairs)]
    open_legs = order[2 * pairs :]
    dims = {}
    for a, b in bonds:
        dims[a] = dims[b] = draw(st.integers(1, 4))
    for leg in open_legs:
        dims[leg] = draw(st.integers(1, 3))
    complex_data = draw(st.booleans())
    seed = draw(st.integers(0, 2**31 - 1))
    sides = [draw(st.lists(st.sampled_from("WENS"), min_size=r, max_size=r)) for r in ranks]
    return count, ranks, bonds, open_legs, dims, complex_data, seed, sides
