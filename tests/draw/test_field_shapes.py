"""Networks of the field drawn in the field's shapes however they were built (issue 23): circuits on input states."""

from __future__ import annotations

import numpy as np
import pytest
from svgcheck import check_structure, defects, drawn_network, honesty, parse

import penrose as pn

H = pn.op(np.array([[1, 1], [1, -1]]) / np.sqrt(2), name="H")
CNOT = pn.networks.gate(np.eye(4)[[0, 1, 3, 2]], "CNOT", 2)
CZ = pn.networks.gate(np.diag([1, 1, 1, -1]), "CZ", 2)


def kets(*labels: str) -> pn.Diagram:
    vectors = {"0": [1, 0], "1": [0, 1], "+": [1, 1]}
    return pn.kron(*[pn.ket(vectors[label], name=label) for label in labels])


def rotation(angle: float) -> pn.Diagram:
    c, s = np.cos(angle / 2), np.sin(angle / 2)
    return pn.op(np.array([[c, -s], [s, c]]), name="R")


def hardware_efficient(qubits: int = 4) -> pn.Diagram:
    layer = pn.kron(*[rotation(0.3 * (k + 1)) for k in range(qubits)])
    ladder = pn.site_operator({(0, 1): CNOT}, qubits)
    for k in range(1, qubits - 1):
        ladder = pn.site_operator({(k, k + 1): CNOT}, qubits) @ ladder
    return ladder @ layer @ kets(*"0" * qubits)


def trotter_step(qubits: int = 4) -> pn.Diagram:
    heisenberg = np.kron(np.array([[0, 1], [1, 0]]), np.array([[0, 1], [1, 0]])) + np.diag([1, -1, -1, 1])
    values, vectors = np.linalg.eigh(heisenberg)
    gate = pn.networks.gate(vectors @ np.diag(np.exp(-0.1j * values)) @ vectors.conj().T, "U", 2)
    even = pn.site_operator({(k, k + 1): gate for k in range(0, qubits - 1, 2)}, qubits)
    odd = pn.site_operator({(k, k + 1): gate for k in range(1, qubits - 1, 2)}, qubits)
    return odd @ even @ kets(*"01" * (qubits // 2))


CIRCUITS = {
    "Bell pair from |00⟩": lambda: CNOT @ (H & pn.op(np.eye(2), name="I")) @ kets("0", "0"),
    "GHZ on 3 qubits from |000⟩": lambda: (
        pn.site_operator({(0, 2): CNOT}, 3)
        @ pn.site_operator({(0, 1): CNOT}, 3)
        @ pn.site_operator({0: H}, 3)
        @ kets("0", "0", "0")
    ),
    "CZ between qubits 0 and 2": lambda: pn.site_operator({(0, 2): CZ}, 3) @ kets("+", "+", "+"),
    "hardware-efficient ansatz": hardware_efficient,
    "Trotter step on a product state": trotter_step,
    "measured: ⟨000|C|000⟩": lambda: (
        pn.kron(*[pn.bra([1, 0], name="0")] * 3)
        @ pn.site_operator({(0, 1): CNOT}, 3)
        @ pn.site_operator({0: H}, 3)
        @ kets("0", "1", "+")
    ),
}


@pytest.mark.parametrize("name", list(CIRCUITS))
def test_circuits_on_input_states_are_drawn_as_circuits(name):
    diagram = CIRCUITS[name]()
    svg = diagram.draw(value=False, layout="builtin").to_svg()
    picture = parse(svg)
    check_structure(picture, diagram, "builtin")
    assert 'data-layout="circuit"' in svg, name
    assert defects(picture) == {} and honesty(picture)["crossings"] == 0 and honesty(picture)["bends"] == 0
    for leg in picture.legs:  # every wire straight and horizontal
        assert len({round(y, 3) for _, y in leg.points}) == 1, name
    nodes = drawn_network(diagram.network).nodes  # (the picture's boxes: identities on a wire are plain wire)
    states = [box for box in picture.boxes if nodes[box.node].kind == "ket"]
    assert len({round(box.left + box.right, 3) for box in states}) == 1  # the input kets in one column ...
    assert all(box.right >= max(b.left for b in picture.boxes) for box in states)  # ... the last one
    order = [nodes[box.node].name for box in sorted(states, key=lambda box: box.top)]
    assert order == [node.name for node in nodes if node.kind == "ket"]  # qubit order: the kets' (kron) order
    bras = [box for box in picture.boxes if nodes[box.node].kind == "bra"]
    assert all(box.left <= min(b.left for b in picture.boxes) + 1e-6 for box in bras)


def test_kets_and_bras_alone_are_not_circuits():
    for diagram in (pn.bra([1, 0]) @ pn.ket([0, 1]), pn.ket([1, 0]) @ pn.bra([0, 1]), kets("0", "1")):
        assert 'data-layout="circuit"' not in diagram.draw(value=False, layout="builtin").to_svg()


@pytest.mark.parametrize(
    ("diagram", "text"),
    [
        (lambda: CIRCUITS["GHZ on 3 qubits from |000⟩"](), "(|000⟩ + |111⟩)/√2"),
        (lambda: pn.copy(2, 4) @ pn.ket([1, 1]), "|000⟩ + |111⟩"),
        (lambda: pn.ket([1, 0, 0, -1], dims=[2, 2]).dag, "⟨00| − ⟨11|"),
        (lambda: pn.ket([0, 1, 2, 0], dims=[2, 2]), "|01⟩ + 2|10⟩"),
    ],
)
def test_a_small_many_leg_state_is_written_in_dirac_form(diagram, text):
    assert parse(diagram().draw().to_svg()).values == [text]


def test_one_leg_vectors_keep_their_column():
    assert parse((pn.op([[1, 2], [-1, 4]]) @ pn.ket([1, -2])).draw().to_svg()).values == ["−3", "−9"]


def _declared_tree(children: int) -> pn.Diagram:
    rng = np.random.default_rng(children)
    legs = [(chr(ord("a") + k), "S") for k in range(children)]
    tree = pn.tensor(rng.normal(size=(2,) * children), legs=legs, name="R")
    for k in range(children):
        child = pn.tensor(rng.normal(size=(2, 2)), legs=[("u", "N"), ("p", "S")], name=f"C{k}")
        tree = pn.connect(tree, f"R.{legs[k][0]}", child, "u")
    return tree


@pytest.mark.parametrize("children", [2, 3, 4])
def test_a_declared_tree_hangs_from_its_root(children):
    diagram = _declared_tree(children)
    svg = diagram.draw(value=False, layout="builtin").to_svg()
    picture = parse(svg)
    assert 'data-layout="tracks"' in svg and defects(picture) == {}  # the root spans its children's tracks
    assert honesty(picture)["crossings"] == 0 and honesty(picture)["bends"] == 0
    root = next(box for box in picture.boxes if box.node == 0)
    assert all(root.bottom < box.top for box in picture.boxes if box.node != 0)  # the root on top, children below
    tops = {round(box.top, 3) for box in picture.boxes if box.node != 0}
    assert len(tops) == 1  # the children in one row


# ---------------------------------------------------------------- boxes spanning several tracks (tracks.py)
def _two_site(name: str, array: np.ndarray) -> pn.Diagram:
    return pn.tensor(array, legs=[("o1", "S"), ("o2", "S"), ("i1", "N"), ("i2", "N")], name=name)


def _apply(state: np.ndarray, gate: np.ndarray, site: int) -> np.ndarray:
    """``gate[o1, o2, i1, i2]`` on sites ``site, site + 1`` of a state with one axis per site (numpy only)."""
    return np.moveaxis(np.tensordot(gate, state, axes=([2, 3], [site, site + 1])), (0, 1), (site, site + 1))


def tebd(sites: int = 6) -> tuple[pn.Diagram, np.ndarray]:
    """Two brick-wall layers of two-site gates under an MPS, built with the vertical @; and numpy's value."""
    rng = np.random.default_rng(0)
    tensors = pn.networks.random_mps_tensors(sites, 3)
    U = np.linalg.qr(rng.normal(size=(4, 4)))[0].reshape(2, 2, 2, 2)
    V = np.linalg.qr(rng.normal(size=(4, 4)))[0].reshape(2, 2, 2, 2)
    identity = pn.tensor(np.eye(2), legs=[("o", "S"), ("i", "N")], name="I")
    even = pn.kron(*[_two_site("U", U) for _ in range(sites // 2)])
    odd = pn.kron(identity, *[_two_site("V", V) for _ in range(sites // 2 - 1)], identity)
    state = tensors[0]
    for tensor in tensors[1:]:
        state = np.tensordot(state, tensor, axes=([-1], [0]))
    for k in range(0, sites, 2):
        state = _apply(state, U, k)
    for k in range(1, sites - 1, 2):
        state = _apply(state, V, k)
    return odd @ even @ pn.networks.mps(tensors), state.reshape(-1)


def dmrg_energy() -> tuple[pn.Diagram, float]:
    """⟨Θ|H_eff|Θ⟩ as the gallery builds it (L with three legs on its right, two MPO tensors, R, the two-site Θ and
    its conjugate, joined by declared sides), with its value written out as one einsum here."""
    from penrose.gallery import f09_dmrg  # (here: benchmarks/pictures.py runs this corpus on older checkouts too)

    arrays = f09_dmrg.ARRAYS
    expected = np.einsum(
        "aijb,aAc,ABiy,BCjz,bCe,cyze->", arrays["Θ"], arrays["L"], arrays["W1"], arrays["W2"], arrays["R"],
        arrays["Θ"].conj(),
    )  # fmt: skip
    return f09_dmrg.energy(), float(expected)


def two_site_sandwich() -> tuple[pn.Diagram, float]:
    """⟨ψ|O₃₄|ψ⟩ on six sites with a two-site operator, joined with pn.connect."""
    rng = np.random.default_rng(2)
    tensors = pn.networks.random_mps_tensors(6, 3)
    O = rng.normal(size=(2, 2, 2, 2))
    kets = pn.networks.mps(tensors)
    upper = pn.connect(kets, [2, 3], _two_site("O", O), ["i1", "i2"])
    order = [0, 1, 4, 5, 2, 3]  # upper's open legs: the other sites' p, then O's o1, o2
    diagram = pn.connect(upper, [order.index(k) for k in range(6)], kets.dag, list(range(6)))
    state = tensors[0]
    for tensor in tensors[1:]:
        state = np.tensordot(state, tensor, axes=([-1], [0]))
    operator = np.kron(np.kron(np.eye(4), O.reshape(4, 4)), np.eye(4))
    return diagram, float(state.reshape(-1) @ operator @ state.reshape(-1))


@pytest.mark.parametrize("build", [tebd, dmrg_energy, two_site_sandwich])
def test_boxes_spanning_several_tracks_are_drawn_on_them(build):
    diagram, expected = build()
    np.testing.assert_allclose(diagram.value(), expected, rtol=1e-10)
    svg = diagram.draw(value=False, layout="builtin").to_svg()
    picture = parse(svg)
    check_structure(picture, diagram, "builtin")
    assert 'data-layout="tracks"' in svg and defects(picture) == {}
    counted = honesty(picture)
    assert counted["crossings"] == 0 and counted["bends"] == 0
    for leg in picture.legs:  # every line straight
        assert len(leg.points) == 2


def test_tebd_gates_hang_under_their_sites():
    diagram, _ = tebd()
    picture = parse(diagram.draw(value=False, layout="builtin").to_svg())
    nodes = drawn_network(diagram.network, "builtin").nodes
    assert "I" not in [node.name for node in nodes], "the identities padding a layer are drawn as plain wire"
    kept = drawn_network(diagram.network, "builtin", identities=True).nodes
    assert [node.name for node in kept].count("I") == 2, "identities=True keeps them as boxes"
    ends = {round(max(y for _, y in leg.points), 3) for leg in picture.legs if leg.role == "open"}
    assert len(ends) == 1, "every physical leg runs on to the last layer's line"
    rows = sorted({round(box.top, 3) for box in picture.boxes})
    assert len(rows) == 3  # the MPS, then one row per layer of gates
    top = [box for box in picture.boxes if round(box.top, 3) == rows[0]]
    assert sorted(nodes[box.node].name for box in top) == [f"A_{k}" for k in range(1, 7)]
    sites = sorted(top, key=lambda box: box.left)
    for box in picture.boxes:
        if nodes[box.node].name == "U":  # a gate spans its two sites
            under = [site for site in sites if box.left <= (site.left + site.right) / 2 <= box.right]
            assert len(under) == 2


def _norm_by_einsum(sites: int) -> pn.Diagram:
    tensors = pn.networks.random_mps_tensors(sites, 3)
    letters = iter("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    bonds = [next(letters) for _ in range(sites - 1)]
    bra_bonds = [next(letters) for _ in range(sites - 1)]
    physical = [next(letters) for _ in range(sites)]

    def terms(bond: list[str]) -> list[str]:
        return [
            ("" if k == 0 else bond[k - 1]) + physical[k] + ("" if k == sites - 1 else bond[k]) for k in range(sites)
        ]

    equation = ",".join(terms(bonds) + terms(bra_bonds)) + "->"
    return pn.einsum(equation, *tensors, *[t.conj() for t in tensors])


def _norm_by_quimb(sites: int) -> pn.Diagram:
    qtn = pytest.importorskip("quimb.tensor")
    state = qtn.MPS_rand_state(sites, 3, seed=0)
    return pn.from_quimb(state.H & state)


@pytest.mark.parametrize(
    "build", [_norm_by_einsum, _norm_by_quimb, lambda n: pn.networks.mps_norm(pn.networks.random_mps_tensors(n, 3))]
)
def test_an_mps_norm_is_a_horizontal_ladder_however_it_was_built(build):
    diagram = build(5)
    picture = parse(diagram.draw(value=False, layout="builtin").to_svg())
    assert defects(picture) == {} and honesty(picture)["crossings"] == 0 and honesty(picture)["bends"] == 0
    rows = {round(box.top, 3) for box in picture.boxes}
    columns = {round(box.left + box.right, 3) for box in picture.boxes}
    assert len(rows) == 2 and len(columns) == 5  # two rows of five: lying, not standing


def dmrg_energy_by_einsum() -> pn.Diagram:
    """The DMRG energy of :func:`dmrg_energy` written as one einsum: no sides declared."""
    equation, arrays = dmrg_energy()[0].to_einsum()
    return pn.einsum(equation, *arrays)


def _dmrg_energy_by_quimb() -> pn.Diagram:
    qtn = pytest.importorskip("quimb.tensor")
    equation, arrays = dmrg_energy()[0].to_einsum()
    inputs = equation.split("->")[0].split(",")
    names = ["Θ", "L", "W1", "W2", "R", "Θ*"]
    return pn.from_quimb(
        qtn.TensorNetwork([qtn.Tensor(a, inds=list(i), tags={n}) for a, i, n in zip(arrays, inputs, names)])
    )


@pytest.mark.parametrize("build", [dmrg_energy_by_einsum, _dmrg_energy_by_quimb])
def test_a_dmrg_energy_built_without_sides_is_drawn_as_its_sandwich(build):
    diagram = build()
    assert np.isclose(diagram.value(), dmrg_energy()[1])
    picture = parse(diagram.draw(value=False).to_svg())
    counted = honesty(picture)
    assert defects(picture) == {} and counted["crossings"] == 0 and counted["bends"] == 0, counted
    rows = sorted({round(box.top, 3) for box in picture.boxes})
    per_row = [sum(1 for box in picture.boxes if round(box.top, 3) == row) for row in rows]
    assert per_row == [1, 4, 1], "Θ on top, L W W R in the middle, Θ* below"
    middle = sorted((box for box in picture.boxes if round(box.top, 3) == rows[1]), key=lambda box: box.left)
    top = next(box for box in picture.boxes if round(box.top, 3) == rows[0])
    centres = [(box.left + box.right) / 2 for box in middle]
    assert top.left < centres[0] and top.right > centres[-1], "Θ spans its four legs"


def test_sub_and_superscripts_unicode_lacks_are_set_in_svg_and_tikz():
    Z = np.diag([1, -1])  # (identities would be drawn as plain wire)
    rotations = pn.op(Z, name="R_z") @ pn.op(Z, name="U_χ") @ pn.op(Z, name="e^{iθH}")
    figure = rotations.draw(value=False)
    svg = figure.to_svg()
    assert parse(svg).labels == ["Rz", "Uχ", "eiθH"]  # the runs, in order: nothing printed literally
    assert svg.count("<tspan") == 6 and 'font-size="16.8"' in svg  # the scripts 70% of the 24 px labels
    tikz = figure.to_tikz()
    assert "R_{z}" in tikz and r"U_{\chi }" in tikz and r"e^{i\theta H}" in tikz
    assert pn.op(Z, name="A_1").draw(value=False).to_svg().count("<tspan") == 0  # A₁: Unicode has it


def test_controlled_gates_are_drawn_with_a_dot_and_a_target():
    svg = CIRCUITS["GHZ on 3 qubits from |000⟩"]().draw(value=False).to_svg()
    picture = parse(svg)
    controls = [box for box in picture.boxes if box.kind == "control"]
    assert len(controls) == 4  # two CNOTs: a dot and a ⊕ each
    assert svg.count('class="mark"') == 4 and svg.count('class="link"') == 2  # the ⊕s' crosses, the lines between
    assert svg.count('data-kind="control" fill="#1a1a1a"') == 2  # the dots, filled with ink
    cz = CIRCUITS["CZ between qubits 0 and 2"]().draw(value=False).to_svg()
    assert cz.count('data-kind="control" fill="#1a1a1a"') == 2 and 'class="mark"' not in cz  # CZ: two dots
    assert defects(picture) == {} and honesty(picture)["crossings"] == 0 and honesty(picture)["bends"] == 0


def traced_ring_correlator(sites: int = 5, on: tuple[int, ...] = (0, 2)):
    """⟨ψ|Z_i Z_j|ψ⟩ on a periodic MPS built as a user writes it: a row of A's closed by pn.trace, a layer of Z's
    padded with identities, the bra as the ring's dagger; and numpy's value."""
    rng = np.random.default_rng(9)
    a = rng.normal(size=(3, 2, 3)) + 1j * rng.normal(size=(3, 2, 3))
    A = pn.tensor(a, legs=[("l", "W"), ("p", "S"), ("r", "E")], name="A")
    row = A
    for _ in range(sites - 1):
        row = row @ A
    ring = pn.trace(row)
    Z = np.diag([1, -1])
    layer = pn.kron(
        *[
            pn.tensor(Z if k in on else np.eye(2), legs=[("o", "S"), ("i", "N")], name="Z" if k in on else "1")
            for k in range(sites)
        ]
    )
    letters = "abcdefghij"
    state = np.einsum(
        ",".join(f"{letters[k]}{'pqrst'[k]}{letters[(k + 1) % sites]}" for k in range(sites)) + "->pqrst"[: sites + 2],
        *[a] * sites,
    )
    flat = state.reshape(-1)
    operator = np.array([[1.0]])
    for k in range(sites):
        operator = np.kron(operator, Z if k in on else np.eye(2))
    return ring.dag @ (layer @ ring), np.vdot(flat, operator @ flat)


def test_a_ring_closed_by_trace_keeps_its_sites_in_order_with_operators_under_them():
    diagram, reference = traced_ring_correlator()
    assert np.isclose(complex(diagram), reference)
    picture = parse(diagram.draw(value=False).to_svg())
    assert defects(picture) == {} and honesty(picture)["crossings"] == 0
    nodes = drawn_network(diagram.network).nodes
    assert [node.name for node in nodes].count("1") == 0, "the identities padding the layer are plain wire"
    rows = sorted({round(box.top, 3) for box in picture.boxes})
    assert len(rows) == 3
    kets = sorted((box for box in picture.boxes if round(box.top, 3) == rows[0]), key=lambda box: box.left)
    zs = [box for box in picture.boxes if nodes[box.node].name == "Z"]
    columns = [min(range(len(kets)), key=lambda k: abs(kets[k].left - z.left)) for z in zs]
    assert sorted(columns) == [0, 2], "each Z under its own site, the sites in the order they were composed"


def tebd_by_einsum() -> pn.Diagram:
    """The TEBD network of :func:`tebd` written as one einsum: no sides declared."""
    equation, arrays = tebd()[0].to_einsum()
    return pn.einsum(equation, *arrays)


def test_tebd_written_as_one_einsum_is_drawn_in_its_layers():
    diagram = tebd_by_einsum()
    assert np.allclose(diagram.value(), tebd()[1].reshape(diagram.value().shape))
    picture = parse(diagram.draw(value=False).to_svg())
    counted = honesty(picture)
    assert defects(picture) == {} and counted["crossings"] == 0 and counted["bends"] == 0, counted
    rows = sorted({round(box.top, 3) for box in picture.boxes})
    assert len(rows) == 3, "the MPS, the first layer of gates, the second"
    widths = sorted(box.right - box.left for box in picture.boxes if round(box.top, 3) == rows[1])
    single = min(box.right - box.left for box in picture.boxes if round(box.top, 3) == rows[0])
    assert len(widths) == 3 and widths[0] > 1.5 * single, "each gate spans its two sites"
    top = [box for box in picture.boxes if round(box.top, 3) == rows[0]]
    assert len(top) == 6, "the six site tensors in the top row"
    ends = {round(max(y for _, y in leg.points), 3) for leg in picture.legs if leg.role == "open"}
    assert len(ends) == 1 and min(ends) > max(box.bottom for box in picture.boxes) - 1e-6, "physical legs below"


#: TEBD on a ring of six sites as one einsum: the MPS (bonds a-f, sites A-F), gates on (0, 1), (2, 3), (4, 5), then
#: on (1, 2), (3, 4), (5, 0).
PERIODIC_TEBD = "aAb,bBc,cCd,dDe,eEf,fFa,ABGH,CDIJ,EFKL,HIMN,JKOP,LGQR->RMNOPQ"


def periodic_tebd_arrays() -> list[np.ndarray]:
    rng = np.random.default_rng(1)
    terms = PERIODIC_TEBD.split("->")[0].split(",")
    return [rng.normal(size=(2,) * len(t)) + 1j * rng.normal(size=(2,) * len(t)) for t in terms]


def periodic_tebd() -> pn.Diagram:
    """Two brick layers of gates on a periodic MPS of six sites, built with ``pn.einsum``."""
    return pn.einsum(PERIODIC_TEBD, *periodic_tebd_arrays())


def mera_norm_by_quimb(sites: int = 8) -> pn.Diagram:
    """⟨ψ|ψ⟩ of a quimb MERA (``ψ.H & ψ``): upper layers whose tensors share all their tags."""
    qtn = pytest.importorskip("quimb.tensor")
    state = qtn.MERA.rand(sites, max_bond=2, seed=3, dtype=complex)
    return pn.from_quimb(state.H & state)


@pytest.mark.parametrize("sites", [8, 16])
def test_a_mera_norm_is_drawn_as_its_layers_above_their_mirror_image(sites):
    diagram = mera_norm_by_quimb(sites)
    qtn = pytest.importorskip("quimb.tensor")
    state = qtn.MERA.rand(sites, max_bond=2, seed=3, dtype=complex)
    assert diagram.value() == pytest.approx(complex(state.H @ state))
    nodes = diagram.network.nodes
    assert sum(node.conjugated for node in nodes) == len(nodes) // 2, "the whole bra half starred, every layer"
    svg = diagram.draw().to_svg()
    picture = parse(svg)
    assert 'data-layout="ring layers"' in svg and defects(picture) == {}
    assert honesty(picture)["crossings"] == 0, "the lines closing each ring go round the outside"
    unstarred = [box for box in picture.boxes if not nodes[box.node].conjugated]
    starred = [box for box in picture.boxes if nodes[box.node].conjugated]
    assert max(box.bottom for box in unstarred) < min(box.top for box in starred), "the ket's layers on top"
    columns = sorted(round(box.left + box.right) for box in unstarred)
    assert columns == sorted(round(box.left + box.right) for box in starred), "each bra box under its mirror"
    widest = [box for box in unstarred if box.bottom == max(box.bottom for box in unstarred)]
    low, high = min(box.left for box in widest), max(box.right for box in widest)
    for end in (min(unstarred, key=lambda box: box.top), max(starred, key=lambda box: box.bottom)):
        centre = (end.left + end.right) / 2
        assert low + (high - low) / 4 < centre < high - (high - low) / 4, "the top over the middle, not leaning"


def open_tebd_by_quimb():
    """Two brick layers of gates on an open MPS of six sites, applied by quimb without contracting them: the ends
    of the second layer have no gate (no identity padding), so open legs leave from both layers."""
    qtn = pytest.importorskip("quimb.tensor")
    rng = np.random.default_rng(3)
    network = qtn.MPS_rand_state(6, bond_dim=3, seed=2, dtype=complex)
    for first in (0, 2, 4, 1, 3):
        gate = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
        network.gate_(gate, (first, first + 1), contract=False)
    return network
