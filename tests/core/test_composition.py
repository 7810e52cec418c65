"""The algebra of diagrams: @, &, sums, dag, trace, connect, einsum and their laws."""

import networkx as nx
import numpy as np
import opt_einsum
import pytest

import penrose as pn

rng = np.random.default_rng(0)


def random_complex(*shape):
    return rng.normal(size=shape) + 1j * rng.normal(size=shape)


def test_composing_never_mutates_and_a_node_can_appear_twice():
    psi = pn.ket(random_complex(3), name="ψ")
    H = pn.op(random_complex(3, 3), name="H")
    before = psi.value().copy()
    energy = psi.dag @ H @ psi
    assert len(energy.nodes) == 3 and energy.kind == "scalar"
    np.testing.assert_allclose(psi.value(), before)
    assert psi.kind == "ket" and len(psi.nodes) == 1
    expected = np.conj(psi.value()) @ H.value() @ psi.value()
    np.testing.assert_allclose(energy.value(), expected)


def test_ket_at_bra_is_an_operator_outer_product():
    outer = pn.ket([1, 2]) @ pn.bra([3, 4, 5])
    assert outer.kind == "operator"
    np.testing.assert_array_equal(outer.value(), np.outer([1, 2], [3, 4, 5]))


def test_kron_stacks_and_groups_like_numpy_kron():
    Z, X = np.diag([1, -1]), np.array([[0, 1], [1, 0]])
    ZX = pn.kron(pn.op(Z), pn.op(X))
    assert ZX.kind == "operator" and [leg.side for leg in ZX.legs] == ["W", "W", "E", "E"]
    np.testing.assert_array_equal(ZX.value(), np.kron(Z, X))
    assert ZX.value(grouped=False).shape == (2, 2, 2, 2)
    pair = pn.ket([1, 2]) & pn.ket([3, 4, 5])
    np.testing.assert_array_equal(pair.value(), np.kron([1, 2], [3, 4, 5]))
    chained = (pn.op(Z) & pn.op(X)) @ (pn.ket([1, 0]) & pn.ket([0, 1]))
    np.testing.assert_array_equal(chained.value(), np.kron(Z, X) @ np.kron([1, 0], [0, 1]))


def test_linear_combinations():
    a, b = random_complex(4), random_complex(4)
    A, B = pn.ket(a), pn.ket(b)
    np.testing.assert_allclose((2 * A - B / 4).value(), 2 * a - b / 4)
    np.testing.assert_allclose((-A).value(), -a)
    np.testing.assert_allclose(sum([A, B, A]).value(), 2 * a + b)
    assert len((A + A).terms) == 1  # the same network merges: ψ + ψ = 2ψ
    M = pn.op(random_complex(4, 4))
    np.testing.assert_allclose((M @ (A + 1j * B)).value(), M.value() @ (a + 1j * b))
    s = pn.bra(a) @ B
    np.testing.assert_allclose((s + 2).value(), a @ b + 2)


def test_dag_twice_is_identity_and_reverses_products():
    A, B = pn.op(random_complex(3, 2), name="A"), pn.op(random_complex(2, 4), name="B")
    np.testing.assert_allclose(A.dag.dag.value(), A.value())
    np.testing.assert_allclose((A @ B).dag.value(), (B.dag @ A.dag).value())
    np.testing.assert_allclose((A @ B).dag.value(), (A.value() @ B.value()).conj().T)
    psi = pn.ket(random_complex(3))
    assert psi.dag.kind == "bra" and psi.dag.dag.kind == "ket"
    assert psi.dag.nodes[0].daggered and not psi.dag.dag.nodes[0].daggered
    np.testing.assert_allclose(((2 + 1j) * psi).dag.value(), (2 - 1j) * psi.value().conj())


def test_trace_is_a_loop():
    A, B, C = (random_complex(3, 3) for _ in range(3))
    loop = pn.trace(pn.op(A) @ pn.op(B) @ pn.op(C))
    assert loop.kind == "scalar"
    np.testing.assert_allclose(loop.value(), np.trace(A @ B @ C))
    partial = pn.trace(pn.op(np.eye(2)) & pn.op(A))
    np.testing.assert_allclose(partial.value(), 2 * np.trace(A))


def test_connect_and_join_build_general_networks():
    T = pn.tensor(random_complex(2, 3, 4), legs=[("a", "W"), ("b", "E"), ("c", "S")], name="T")
    U = pn.tensor(random_complex(4, 5), legs=[("c", "N"), ("d", "E")], name="U")
    joined = pn.connect(T, "c", U, "c")
    assert [leg.name for leg in joined.legs] == ["a", "b", "d"]
    np.testing.assert_allclose(joined.value(grouped=False), np.einsum("abc,cd->abd", T.nodes[0].data, U.nodes[0].data))
    loop = pn.tensor(random_complex(3, 3, 2), legs=[("x", "W"), ("y", "E"), ("z", "S")]).join("x", "y")
    np.testing.assert_allclose(loop.value(), np.einsum("xxz->z", loop.nodes[0].data))
    # several legs at once, addressed by name, position or Leg object
    two = pn.tensor(random_complex(2, 2), legs=[("p", "N"), ("q", "S")])
    both = pn.connect(two, ["p", 1], two, [two.legs[0], "q"])
    np.testing.assert_allclose(both.value(), np.einsum("pq,pq->", two.value(), two.value()))


def test_graph_holds_boxes_bonds_and_open_legs():
    d = pn.op(np.eye(2), name="H") @ pn.ket([1, 0], name="ψ")
    graph = d.graph
    assert isinstance(graph, nx.MultiGraph)
    boxes = [n for n, attrs in graph.nodes(data=True) if attrs["kind"] != "open"]
    assert [graph.nodes[n]["name"] for n in boxes] == ["H", "ψ"]
    assert graph.number_of_edges(0, 1) == 1 and graph.edges[0, 1, 0]["dim"] == 2
    opens = [n for n, attrs in graph.nodes(data=True) if attrs["kind"] == "open"]
    assert len(opens) == 1 and graph.nodes[opens[0]]["side"] == "W"


def test_einsum_round_trip():
    A, B, C = random_complex(2, 3), random_complex(3, 4), random_complex(4, 2)
    d = pn.einsum("ij,jk,kl->il", A, B, C, names=["A", "B", "C"])
    assert d.kind == "operator"
    equation, arrays = d.to_einsum()
    np.testing.assert_allclose(opt_einsum.contract(equation, *arrays), A @ B @ C)
    again = pn.einsum(equation, *arrays)
    assert again.to_einsum()[0] == equation
    np.testing.assert_allclose(again.value(), d.value())
    # chains read left to right: a contracted index leaves its first box on the E side
    assert [leg.side for leg in d.nodes[1].legs] == ["W", "E"]


@pytest.mark.parametrize(
    ("equation", "shapes"),
    [
        ("i,i->", [(3,), (3,)]),
        ("ii->", [(3, 3)]),
        ("ijk->kji", [(2, 3, 4)]),
        ("ab,bc", [(2, 3), (3, 2)]),
        ("abcde->edcba", [(1, 2, 1, 2, 3)]),
        ("i,j->ij", [(2,), (3,)]),
    ],
)
def test_einsum_output_order_matches_numpy(equation, shapes):
    arrays = [random_complex(*shape) for shape in shapes]
    d = pn.einsum(equation, *arrays)
    np.testing.assert_allclose(d.value(grouped=False), np.einsum(equation, *arrays))


def test_scaled_diagram_to_einsum_carries_its_coefficient():
    d = 3 * pn.ket([1, 2])
    equation, arrays = d.to_einsum()
    np.testing.assert_array_equal(opt_einsum.contract(equation, *arrays), [3, 6])


def test_einsum_round_trip_beyond_52_indices():
    rng = np.random.default_rng(2)
    chain = pn.ket(rng.normal(size=2))
    for _ in range(60):
        chain = pn.op(rng.normal(size=(2, 2))) @ chain
    equation, arrays = chain.to_einsum()
    assert len(set(equation) - set(",->")) > 52
    np.testing.assert_allclose(pn.einsum(equation, *arrays).value(), chain.value())


def test_legs_are_found_by_box_and_leg_name_after_composition():
    tensors = pn.networks.random_mps_tensors(3, 2, seed=4)
    row = pn.networks.mps(tensors)
    assert row.leg("A_2.p") == row.legs[1]
    sites = ["A_1.p", "A_2.p", "A_3.p"]
    norm = pn.connect(row, sites, row.conj(), sites)  # several pairs at once, by name
    np.testing.assert_allclose(norm.value(), pn.networks.mps_norm(tensors).value(), rtol=1e-12)
    with pytest.raises(pn.DiagramError, match=r"3 open legs named 'p'.*'box.leg'.*\(A_1.p\)"):
        row.leg("p")
    with pytest.raises(pn.DiagramError, match=r"no open leg 'B\.p'"):
        row.leg("B.p")
    with pytest.raises(pn.DiagramError, match=r"2 open legs named 'A_1\.p'"):  # the conjugate row has the same names
        (row & row.conj()).leg("A_1.p")


def test_fusing_and_splitting_legs():
    vector = np.arange(8.0)
    state = pn.ket(vector, dims=[2, 2, 2])
    fused = state.fuse(["i1", "i2", "i3"], name="all")
    assert fused.shape == (8,) and len(fused.nodes) == 1 and fused.legs[0].name == "all"
    np.testing.assert_allclose(fused.value(), vector)
    split = pn.ket(vector).split("i", [2, 4])
    assert split.dims == (2, 4) and [leg.name for leg in split.legs] == ["i1", "i2"]
    np.testing.assert_allclose(split.value(), vector)
    pair = pn.ket([1.0, 2.0]) & pn.ket([3.0, 4.0])  # two boxes: a reshaping box joins them
    joined = pair.fuse([0, 1])
    assert [node.name for node in joined.nodes][-1] == "⊗"
    np.testing.assert_allclose((pn.op(np.eye(4) * 2) @ joined).value(), 2 * np.kron([1, 2], [3, 4]))
    operator = pn.site_operator({0: pn.pauli.Z}, 2)
    np.testing.assert_allclose((operator @ pn.ket([1.0, 0, 0, 1]).split("i", [2, 2])).value(), [1, 0, 0, -1])
    symbolic = pn.ket(name="ψ", dim=4).split("i", [2, 2])  # no numbers: a reshaping box
    assert symbolic.dims == (2, 2) and symbolic.shape == (4,)
    with pytest.raises(pn.DiagramError, match="multiply to 6"):
        pn.ket(vector).split("i", [2, 3])
    with pytest.raises(pn.DiagramError, match="fuse legs of one side"):
        pn.op(np.eye(2)).fuse([0, 1])
    with pytest.raises(pn.DiagramError, match="two or more different open legs"):
        state.fuse(["i1"])


def test_a_chain_built_with_at_grows_one_list_and_branches_copy():
    """``a @ b`` appends to ``a``'s lists in place when nothing else grew them (a chain of n costs O(n)); ``a @ c``
    after that copies, and every diagram keeps exactly its own boxes, lines and legs."""
    import pickle

    rng = np.random.default_rng(5)
    mats = [rng.normal(size=(2, 2)) + 1j * rng.normal(size=(2, 2)) for _ in range(6)]
    ops = [pn.op(m, name=f"A{k}") for k, m in enumerate(mats)]
    chain = [ops[0]]
    for op in ops[1:4]:
        chain.append(chain[-1] @ op)
    shared = chain[-1].network.nodes
    assert all(getattr(d.network.nodes, "_items", None) is shared._items for d in chain[1:]), "grown in place"
    branch = chain[1] @ ops[4]  # chain[1] no longer reaches the end of the list: a copy
    assert branch.network.nodes._items is not shared._items
    for k, d in enumerate(chain):
        assert [node.name for node in d.network.nodes] == [f"A{j}" for j in range(k + 1)]
        assert len(d.network.bonds) == k
        np.testing.assert_allclose(d.value(), np.linalg.multi_dot([*mats[: k + 1], np.eye(2)]))
    np.testing.assert_allclose(branch.value(), mats[0] @ mats[1] @ mats[4])
    assert [node.name for node in branch.network.nodes] == ["A0", "A1", "A4"]
    nodes = chain[2].network.nodes
    assert nodes == tuple(nodes) and hash(nodes) == hash(tuple(nodes)) and nodes[-1].name == "A2"
    assert nodes[:2] == tuple(chain[1].network.nodes) and isinstance(pickle.loads(pickle.dumps(nodes)), tuple)
    with pytest.raises(IndexError):
        nodes[3]  # (the list holds more: this view does not)
    assert nodes.index(nodes[1]) == 1
    with pytest.raises(ValueError):
        nodes.index(shared[3])  # in the list, beyond this view
    states = pn.ket([1, 2j]) & pn.ket([3, 1]) & pn.ket([1, -1])
    np.testing.assert_allclose(states.value().ravel(), np.kron(np.kron([1, 2j], [3, 1]), [1, -1]))


def test_a_grid_joined_line_by_line_equals_the_grid_joined_at_once():
    """One .join(a, b) per line cuts the two legs out where they sit (no index of every leg rebuilt per call); the
    network, its open legs in order and its value are those of one .join(pairs)."""
    rng = np.random.default_rng(7)
    size = 5
    sides = [pn.networks.grid_sides(size, i, j) for i in range(size) for j in range(size)]
    boxes = pn.kron(*[pn.tensor(rng.normal(size=(2,) * len(legs)), legs=legs) for legs in sides])
    where = {(leg.node, leg.name): leg for leg in boxes.legs}
    pairs = [(where[a], where[b]) for a, b in pn.networks.grid_lines(size)]
    at_once = boxes.join(pairs)
    one_by_one = boxes
    for a, b in pairs[:-3]:
        one_by_one = one_by_one.join(a, b)
    one_by_one = one_by_one.join(pairs[-3:])  # (the last few in one call)
    assert one_by_one.network.open_ports == at_once.network.open_ports
    assert set(one_by_one.network.bonds) == set(at_once.network.bonds)
    np.testing.assert_allclose(one_by_one.value(), at_once.value())
    with pytest.raises(pn.DiagramError, match="has no open leg"):
        one_by_one.join(pairs[0][0], pairs[0][1])  # joined already: no longer open
