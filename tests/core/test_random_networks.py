"""Property test: random networks built with penrose agree with numpy.einsum."""

import numpy as np
import opt_einsum
from hypothesis import given, settings
from strategies import networks

import penrose as pn


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
