"""Stacked layers (double-layer PEPS norms, two-point functions, PEPS–PEPO–PEPS) drawn as square layers, one
behind the other, however they were built; their values checked against numpy."""

import itertools

import numpy as np
import opt_einsum
import pytest
from svgcheck import defects, honesty, parse

import penrose as pn


def layout_network(network):
    """The default layout's geometry (imported here: benchmarks/pictures.py reads this module's builders with
    older checkouts, which lack this module path)."""
    from penrose.draw.layout.engines import layout_network as laid_out
    from penrose.draw.themes import get_theme

    return laid_out(network, get_theme("slide"))


def reference(equation, arrays):
    """opt_einsum's own contraction (its greedy path, its own pairwise calls): numpy's einsum takes tens of
    seconds on these 18-36 operands and reads only 52 index letters."""
    return opt_einsum.contract(equation, *arrays, optimize="greedy")


def _complex(rng, shape):
    return (rng.normal(size=shape) + 1j * rng.normal(size=shape)) / 2


def norm_by_einsum(size: int = 3):
    equation, arrays = pn.networks.random_peps_norm(size, 2)
    return pn.einsum(equation, *arrays), reference(equation, arrays)


def norm_by_quimb(size: int = 3):
    qtn = pytest.importorskip("quimb.tensor")
    state = qtn.PEPS.rand(size, size, 2, seed=0, dtype="complex128")
    network = state.H & state
    return pn.from_quimb(network), complex(network.contract(all))


def two_point(size: int = 4):
    """⟨ψ|Z_first X_last|ψ⟩ on a size × size PEPS with complex entries: operators between the layers."""
    rng = np.random.default_rng(5)
    lattice = pn.networks.lattice_equation(size, size)[:-2].split(",")
    symbols = iter(opt_einsum.get_symbol(k) for k in range(1000))
    bonds = sorted(set("".join(lattice)))
    ket_bond, bra_bond = ({b: next(symbols) for b in bonds} for _ in range(2))
    physical = [next(symbols) for _ in lattice]
    bra_physical = list(physical)
    last = len(lattice) - 1
    operators = []
    for site in (0, last):
        bra_physical[site] = next(symbols)
        operators.append(physical[site] + bra_physical[site])
    ket = ["".join(ket_bond[b] for b in term) + physical[k] for k, term in enumerate(lattice)]
    bra = ["".join(bra_bond[b] for b in term) + bra_physical[k] for k, term in enumerate(lattice)]
    sites = [_complex(rng, (2,) * len(term)) for term in ket]
    arrays = sites + [np.diag([1, -1j]), np.array([[0, 1], [1j, 0]])] + [a.conj() for a in sites]
    equation = ",".join(ket + operators + bra) + "->"
    return pn.einsum(equation, *arrays), reference(equation, arrays)


def sandwich(size: int = 3):
    """⟨ψ|O|ψ⟩ with a PEPO O: three layers."""
    rng = np.random.default_rng(6)
    lattice = pn.networks.lattice_equation(size, size)[:-2].split(",")
    symbols = iter(opt_einsum.get_symbol(k) for k in range(1000))
    bonds = sorted(set("".join(lattice)))
    layers = [{b: next(symbols) for b in bonds} for _ in range(3)]
    up, down = [next(symbols) for _ in lattice], [next(symbols) for _ in lattice]
    terms = [
        ["".join(layers[0][b] for b in t) + up[k] for k, t in enumerate(lattice)],
        ["".join(layers[1][b] for b in t) + up[k] + down[k] for k, t in enumerate(lattice)],
        ["".join(layers[2][b] for b in t) + down[k] for k, t in enumerate(lattice)],
    ]
    arrays = [_complex(rng, (2,) * len(term)) for layer in terms for term in layer]
    equation = ",".join(term for layer in terms for term in layer) + "->"
    return pn.einsum(equation, *arrays), reference(equation, arrays)


def joined_by_name(boxes):
    """The boxes joined one after another with pn.connect, each leg to the open leg of the same name."""
    diagram = boxes[0]
    for box in boxes[1:]:
        shared = [leg.name for leg in box.legs if leg.name in {open_leg.name for open_leg in diagram.legs}]
        diagram = pn.connect(diagram, shared, box, shared)
    return diagram


def norm_declared(size: int = 3):
    """⟨ψ|ψ⟩ of a size × size PEPS built box by box with the sides a physicist declares: each layer's bonds facing
    their neighbours, the ket's physical leg down (S) and the bra's up (N), complex entries."""
    rng = np.random.default_rng(3)

    def legs(i: int, j: int, layer: str, physical: str) -> list[tuple[str, str]]:
        found = [(f"{layer}h{i},{j - 1}", "W")] if j > 0 else []
        found += [(f"{layer}h{i},{j}", "E")] if j < size - 1 else []
        found += [(f"{layer}v{i - 1},{j}", "N")] if i > 0 else []
        found += [(f"{layer}v{i},{j}", "S")] if i < size - 1 else []
        return [*found, (f"p{i},{j}", physical)]

    sites = {(i, j): _complex(rng, (2,) * len(legs(i, j, "", ""))) for i in range(size) for j in range(size)}
    kets = [pn.tensor(sites[i, j], legs=legs(i, j, "k", "S"), name=f"A{i}{j}") for i, j in sites]
    bras = [pn.tensor(sites[i, j].conj(), legs=legs(i, j, "b", "N"), name=f"A*{i}{j}") for i, j in sites]
    diagram = joined_by_name([*kets, *bras])
    # the reference written from the legs' names alone (not from penrose's own einsum of the diagram)
    terms = [legs(i, j, "k", "S") for i, j in sites] + [legs(i, j, "b", "N") for i, j in sites]
    letters = {name: opt_einsum.get_symbol(k) for k, name in enumerate(dict.fromkeys(n for t in terms for n, _ in t))}
    equation = ",".join("".join(letters[name] for name, _ in term) for term in terms) + "->"
    return diagram, reference(equation, [*sites.values(), *(site.conj() for site in sites.values())])


BUILDS = {
    "PEPS norm by einsum": norm_by_einsum,
    "PEPS norm, sides declared": norm_declared,
    "PEPS norm from quimb": norm_by_quimb,
    "PEPS two-point function 4x4": two_point,
    "PEPS-PEPO-PEPS sandwich": sandwich,
}


@pytest.mark.parametrize("name", list(BUILDS))
def test_stacked_layers_are_drawn_as_square_layers_one_behind_the_other(name):
    diagram, reference = BUILDS[name]()
    assert np.isclose(complex(diagram), complex(reference), rtol=1e-9)
    geometry = layout_network(diagram.network)
    assert geometry.layout == "stack"
    cells = {box.node: (round(box.x, 3), round(box.y, 3)) for box in geometry.boxes}  # centres, in pixels
    between = [k for k, n in enumerate(_neighbours(diagram)) if len(n) == 2]
    layered = [k for k in range(len(cells)) if k not in between]
    layers = 3 if name.endswith("sandwich") else 2
    size = len(layered) // layers
    side = round(size**0.5)
    blocks = [layered[k * size : (k + 1) * size] for k in range(layers)]
    for block in blocks:  # each layer a square: side × side distinct columns and rows
        xs, ys = {cells[box][0] for box in block}, {cells[box][1] for box in block}
        assert len(xs) == side and len(ys) == side, "a square layer"
    for upper, lower in itertools.pairwise(blocks):  # each layer behind the one before: down and to the right
        for top, box in zip(upper, lower):
            assert cells[box][0] > cells[top][0] and cells[box][1] > cells[top][1]
    picture = parse(diagram.draw(value=False).to_svg())
    assert defects(picture) == {}
    counted = honesty(picture)
    assert counted["crossings"] <= 2 * layers * side * (side - 1) * (layers - 1)  # only layer lines behind layers
    assert counted["bends"] == 0  # every line straight: in a layer, or aslant to the one behind


def _neighbours(diagram):
    found = [set() for _ in diagram.nodes]
    for (a, _), (b, _) in diagram.network.bonds:
        found[a].add(b)
        found[b].add(a)
    return found


def test_a_ring_of_four_is_still_a_ring_not_a_stack():
    equation = "abx,bcy,cdz,daw,efx,fgy,ghz,hew->"
    rng = np.random.default_rng(1)
    arrays = [_complex(rng, (2, 2, 2)) for _ in range(8)]
    geometry = layout_network(pn.einsum(equation, *arrays).network)
    assert geometry.layout != "stack"


CTM_NAMES = ["C1", "T1", "C2", "T2", "C3", "T3", "C4", "T4", "A", "A*"]


def ctm_environment(operator: bool = True):
    """⟨ψ|O|ψ⟩ (or ⟨ψ|ψ⟩) of one PEPS site A in its corner transfer matrix environment: four corners C, four edges T
    (each joining A and A* by a bond of its own), A and A* joined through O, complex entries."""
    rng = np.random.default_rng(8)
    chi, bond = 3, 2
    corners = [_complex(rng, (chi, chi)) for _ in range(4)]
    edges = [_complex(rng, (chi, chi, bond, bond)) for _ in range(4)]
    site = _complex(rng, (bond, bond, bond, bond, 2))
    ring = "ab,bcij,cd,dekl,ef,fgmn,gh,haop,"  # clockwise from the top left: C1 T1 C2 T2 C3 T3 C4 T4
    arrays = [x for pair in zip(corners, edges) for x in pair] + [site, site.conj()]
    if operator:
        equation = ring + "ikmoy,jlnpz,yz->"
        arrays.append(np.array([[1, 2j], [-1j, 0.5]]))
        names = [*CTM_NAMES, "O"]
    else:
        equation, names = ring + "ikmoy,jlnpy->", CTM_NAMES
    return pn.einsum(equation, *arrays, names=names), np.einsum(equation, *arrays)


def ctm_by_quimb():
    qtn = pytest.importorskip("quimb.tensor")
    diagram, value = ctm_environment(operator=False)
    equation, arrays = diagram.to_einsum()
    terms = equation.split("->")[0].split(",")
    network = qtn.TensorNetwork([qtn.Tensor(a, inds=list(t), tags={n}) for a, t, n in zip(arrays, terms, CTM_NAMES)])
    return pn.from_quimb(network), value


def ctm_declared():
    """The same ⟨ψ|O|ψ⟩ built box by box with the sides a physicist declares: the corners and edges round the
    square, A's and A*'s bonds towards them, A's physical leg down to O and O's down to A* (the layer behind)."""
    einsummed, value = ctm_environment(operator=True)
    arrays = einsummed.to_einsum()[1]
    declared = [  # the einsum's own letters, in its axes' order
        [("a", "S"), ("b", "E")],
        [("b", "W"), ("c", "E"), ("i", "S"), ("j", "S")],
        [("c", "W"), ("d", "S")],
        [("d", "N"), ("e", "S"), ("k", "W"), ("l", "W")],
        [("e", "N"), ("f", "W")],
        [("f", "E"), ("g", "W"), ("m", "N"), ("n", "N")],
        [("g", "E"), ("h", "N")],
        [("h", "S"), ("a", "N"), ("o", "E"), ("p", "E")],
        [("i", "N"), ("k", "E"), ("m", "S"), ("o", "W"), ("y", "S")],
        [("j", "N"), ("l", "E"), ("n", "S"), ("p", "W"), ("z", "N")],
        [("y", "N"), ("z", "S")],
    ]
    boxes = [pn.tensor(array, legs=legs, name=name) for array, legs, name in zip(arrays, declared, [*CTM_NAMES, "O"])]
    return joined_by_name(boxes), value


DOUBLED = {
    "CTM environment of <O>": ctm_environment,
    "CTM environment, sides declared": ctm_declared,
    "CTM environment of the norm": lambda: ctm_environment(operator=False),
    "CTM environment from quimb": ctm_by_quimb,
}


@pytest.mark.parametrize("name", list(DOUBLED))
def test_a_site_in_its_corner_transfer_matrix_environment_is_a_grid_with_the_site_doubled(name):
    """The field's picture: corners and edges in a 3 × 3 square, A in the middle, A* a step down and aside (the
    layer behind), O on the line between; each edge a box long enough that its lines to A and to A* run straight,
    so the only crossings are the two where a line to A* passes a line to A."""
    diagram, value = DOUBLED[name]()
    assert np.isclose(complex(diagram), complex(value), rtol=1e-10)
    geometry = layout_network(diagram.network)
    assert geometry.layout == "doubled"
    boxes = {geometry.names[box.node]: box for box in geometry.boxes}
    a, a_star = boxes["A"], boxes["A*"]
    assert a_star.x > a.x and a_star.y > a.y  # behind: down and to the right
    assert boxes["C1"].x < boxes["T1"].x < boxes["C2"].x and boxes["C1"].y < boxes["T4"].y < boxes["C4"].y
    partners = diagram.network.partners
    for edge, axis in (("T1", 0), ("T3", 0), ("T2", 1), ("T4", 1)):  # edges span A's and A*'s legs to them
        box = boxes[edge]
        low, high = (box.left, box.right) if axis == 0 else (box.top, box.bottom)
        ends = [partners[(box.node, leg)] for leg in box.anchors if (box.node, leg) in partners]
        reached = [geometry.boxes[other].anchors[leg][axis] for other, leg in ends if other in (a.node, a_star.node)]
        assert len(reached) == 2 and all(low < at < high for at in reached), edge
    if "O" in boxes:
        assert a.x < boxes["O"].x < a_star.x and a.y < boxes["O"].y < a_star.y
    picture = parse(diagram.draw(value=False).to_svg())
    assert defects(picture) == {}
    counted = honesty(picture)
    assert counted["crossings"] == 2 and counted["bends"] == 0
