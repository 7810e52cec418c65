"""Property test: random networks built with penrose agree with numpy.einsum."""

import numpy as np
import opt_einsum
from hypothesis import given, settings
from hypothesis import strategies as st

import penrose as pn


@st.composite
def networks(draw):
    """Random wiring of up to 8 tensors, dims 1–4, real or complex; some legs left open."""
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


@settings(max_examples=120, deadline=None)
@given(networks())
def test_random_networks_match_numpy_einsum(spec):
    count, ranks, bonds, open_legs, dims, complex_data, seed, sides = spec
    rng = np.random.default_rng(seed)
    arrays = []
    for t in range(count):
        shape = tuple(dims[(t, k)] for k in range(ranks[t]))
        data = rng.normal(size=shape)
        if complex_data:
            data = data + 1j * rng.normal(size=shape)
        arrays.append(data)
    diagram = pn.kron(
        *[
            pn.tensor(arrays[t], legs=[(f"l{k}", sides[t][k]) for k in range(ranks[t])], name=f"T{t}")
            for t in range(count)
        ]
    )
    offsets = np.cumsum([0, *ranks])
    # join the bonds one by one, naming legs by their Leg objects (names repeat across tensors)
    for a, b in bonds:
        by_origin = {(leg.node, leg.name): leg for leg in diagram.legs}
        diagram = diagram.join(by_origin[(a[0], f"l{a[1]}")], by_origin[(b[0], f"l{b[1]}")])
    # independent reference: numpy.einsum with its own symbols, output in penrose's leg order
    symbol = {}
    for k, (a, b) in enumerate(bonds):
        symbol[a] = symbol[b] = opt_einsum.get_symbol(k)
    for k, leg in enumerate(open_legs):
        symbol[leg] = opt_einsum.get_symbol(len(bonds) + k)
    inputs = ",".join("".join(symbol[(t, k)] for k in range(ranks[t])) for t in range(count))
    output = "".join(symbol[(leg.node, int(leg.name[1:]))] for leg in diagram.legs)
    expected = np.einsum(f"{inputs}->{output}", *arrays)
    assert offsets[-1] == sum(ranks)
    np.testing.assert_allclose(diagram.value(grouped=False), expected, rtol=1e-9, atol=1e-9)
    # and the diagram's own einsum round trip gives the same numbers
    equation, operands = diagram.to_einsum()
    np.testing.assert_allclose(np.einsum(equation, *operands), expected, rtol=1e-9, atol=1e-9)
