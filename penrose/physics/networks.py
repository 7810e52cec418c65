"""The networks physicists draw, built the way a user would: MPS, MPO sandwiches, grids, random graphs.

One home for them, so that the tests, the benchmarks and the gallery build the same
networks. Builders that take arrays return diagrams with every leg on the side it is
drawn on (an MPS is a row of kets with physical legs down, its norm a ladder, a grid a
square grid); the random ones give ``(equation, arrays)`` for :func:`penrose.einsum` and
for comparison with ``opt_einsum.contract``.

>>> import penrose as pn
>>> tensors = pn.networks.random_mps_tensors(sites=6, bond=3)
>>> norm = pn.networks.mps_norm(tensors)
>>> norm.kind, len(norm.nodes)
('scalar', 12)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import opt_einsum

from ..core.combine import connect, kron
from ..core.constructors import tensor
from ..core.diagram import Diagram
from ..core.errors import DiagramError
from ..core.interop import QUIMB_READERS

__all__ = [
    "correlator",
    "gate",
    "grid",
    "grid_lines",
    "grid_sides",
    "lattice_equation",
    "mpo",
    "mpo_expectation",
    "mps",
    "mps_norm",
    "random_grid",
    "random_mera",
    "random_mpo_tensors",
    "random_mps_tensors",
    "random_peps_norm",
    "random_regular",
]


Legs = list[tuple[str, str]]


def _chain(tensors: Sequence[Any], name: str, first: Legs, middle: Legs, last: Legs) -> Diagram:
    """Boxes ``name_1, name_2, …`` joined W–E in a row; the ends get ``first`` and ``last`` legs."""
    if len(tensors) < 2:
        raise DiagramError(f"a chain needs at least 2 sites, got {len(tensors)}")
    legs = [first] + [middle] * (len(tensors) - 2) + [last]
    row = tensor(tensors[0], legs=legs[0], name=f"{name}_1")
    for k in range(1, len(tensors)):
        row = row @ tensor(tensors[k], legs=legs[k], name=f"{name}_{k + 1}")
    return row


#: What each letter of an ``order`` names: the axes of the tensors :func:`mps` and :func:`mpo` take.
AXES = {
    "l": "left bond",
    "r": "right bond",
    "p": "physical",
    "o": "physical out (the operator's row, towards the bra)",
    "i": "physical in (the operator's column, joined to the ket)",
}


def _site_arrays(tensors: Sequence[Any], order: str, physical: str, builder: str) -> list[np.ndarray]:
    """Each site's array with its axes as ``order`` names them, turned to ``l, <physical>, r`` (bonds of the ends
    left out): end tensors may leave out their outer bond or give it size 1, as quimb, TeNPy and ITensor keep them."""
    letters = "l" + physical + "r"
    if sorted(order) != sorted(letters):
        raise DiagramError(
            f"{builder}: order={order!r} must name each of the axes {', '.join(repr(x) for x in letters)} once "
            f"({'; '.join(f'{x}: {AXES[x]}' for x in letters)})"
        )
    if isinstance(tensors, (str, bytes)) or not isinstance(tensors, Sequence) or len(tensors) < 2:
        count = len(tensors) if isinstance(tensors, Sequence) and not isinstance(tensors, (str, bytes)) else None
        got = f"{count} site(s)" if count is not None else describe(tensors)
        raise DiagramError(f"{builder}: a chain needs at least 2 sites, a list of site tensors; got {got}")
    arrays = []
    for site, given in enumerate(tensors):
        array = np.asarray(given)
        outer = ("l" if site == 0 else "") + ("r" if site == len(tensors) - 1 else "")
        axes = order
        if array.ndim == len(order) - len(outer):  # the outer bond left out
            axes = "".join(x for x in order if x not in outer)
        elif array.ndim != len(order) or any(array.shape[order.index(x)] != 1 for x in outer):
            where = "first" if site == 0 else "last" if site == len(tensors) - 1 else "middle"
            allowed = f"{len(order)} axes" + (
                f" (or {len(order) - len(outer)}, without the outer bond{'s' if len(outer) > 1 else ''})"
                if outer
                else ""
            )
            raise DiagramError(
                f"{builder}: site {site} (the {where} one) has shape {array.shape}, but order={order!r} "
                f"({', '.join(AXES[x] for x in order)}) needs {allowed}"
                + ("; an outer bond given must have size 1" if outer and array.ndim == len(order) else "")
            )
        else:
            array = array.reshape([n for x, n in zip(order, array.shape) if x not in outer])
            axes = "".join(x for x in order if x not in outer)
        wanted = "".join(x for x in letters if x in axes)
        arrays.append(np.transpose(array, [axes.index(x) for x in wanted]))
    for site in range(len(arrays) - 1):
        right, left = arrays[site].shape[-1], arrays[site + 1].shape[0]
        if right != left:
            raise DiagramError(
                f"{builder}: site {site}'s right bond has dimension {right} but site {site + 1}'s left bond has "
                f"{left} (read with order={order!r}: {', '.join(AXES[x] for x in order)}); "
                "neighbouring bonds must agree"
            )
    return arrays


def describe(value: Any) -> str:
    shape = getattr(value, "shape", None)
    return f"an array of shape {tuple(shape)}" if shape is not None else type(value).__name__


def random_mps_tensors(sites: int, bond: int, physical: int = 2, seed: int = 0) -> list[np.ndarray]:
    """Random open-boundary MPS tensors, axes ``(p, r)``, then ``(l, p, r)``, then ``(l, p)``, scaled by 1/√bond."""
    rng = np.random.default_rng(seed)
    shapes = [(physical, bond)] + [(bond, physical, bond)] * (sites - 2) + [(bond, physical)]
    return [rng.normal(size=shape) / np.sqrt(bond) for shape in shapes]


def mps(tensors: Sequence[Any], name: str = "A", order: str = "lpr") -> Diagram:
    """A matrix product state: a row of boxes joined W–E, physical legs ``p`` pointing down (S). It is a ket.

    ``order`` names each tensor's axes: ``l`` left bond, ``p`` physical, ``r`` right bond
    (``"lpr"``, as :func:`random_mps_tensors` makes them; quimb's default is ``"lrp"``, TeNPy's
    ``vL, p, vR`` is ``"lpr"``). The first and last tensors may leave out their outer bond or give
    it size 1. Boxes are named ``A_1, A_2, …``; ``mps.dag`` is its bra, ``mps.dag @ mps`` its norm.

    >>> import numpy as np, penrose as pn
    >>> psi = pn.networks.mps([np.ones((1, 2, 3)), np.ones((3, 2, 1))])  # quimb/ITensor-style ends
    >>> psi.kind, (psi.dag @ psi).value()
    ('ket', 36.0)
    """
    arrays = _site_arrays(tensors, order, "p", "mps")
    physical = ("p", "S")
    return _chain(arrays, name, [physical, ("r", "E")], [("l", "W"), physical, ("r", "E")], [("l", "W"), physical])


def mps_norm(tensors: Sequence[Any], name: str = "A", order: str = "lpr") -> Diagram:
    """⟨ψ|ψ⟩ of an MPS: its kets in a row, their conjugate mirrored below, rungs joining the physical legs."""
    kets = mps(tensors, name, order)
    physical = list(range(len(tensors)))
    return connect(kets, physical, kets.conj(), physical)  # as kets.dag @ kets, with the kets listed first


def random_mpo_tensors(sites: int, bond: int, physical: int = 2, seed: int = 0) -> list[np.ndarray]:
    """Random MPO tensors, axes ``(r, o, i)``, then ``(l, r, o, i)``, then ``(l, o, i)``, scaled by 1/bond.

    ``o`` is the physical index the operator puts out (its matrix's row), ``i`` the one it takes in
    (the column, joined to the ket): see :func:`mpo`.
    """
    rng = np.random.default_rng(seed)
    end, middle = (bond, physical, physical), (bond, bond, physical, physical)
    shapes = [end] + [middle] * (sites - 2) + [end]
    return [rng.normal(size=shape) / bond for shape in shapes]


def mpo(tensors: Sequence[Any], name: str = "W", order: str = "lroi") -> Diagram:
    """A matrix product operator: a row joined W–E, each box's input leg ``i`` up (N), output ``o`` down (S).

    It is an operator drawn top to bottom: ``mpo @ mps`` applies it (its N legs join the MPS's
    S legs) and ``mps.dag @ mpo @ mps`` is ⟨ψ|W|ψ⟩. ``order`` names each tensor's axes:
    ``l``, ``r`` the bonds, ``o`` the physical index put out (the row of the operator's matrix,
    ``s`` in ``W[a, b, s, s']``, TeNPy's ``p``, quimb's upper ``k`` index), ``i`` the one taken
    in (the column, ``s'``, TeNPy's ``p*``, quimb's lower ``b``). The default ``"lroi"`` is
    TeNPy's and quimb's ``"lrud"``. The end tensors may leave out their outer bond or give it
    size 1.

    >>> import numpy as np, penrose as pn
    >>> W = np.zeros((2, 2, 2, 2)); W[0, 0] = W[1, 1] = np.eye(2); W[0, 1] = np.diag([1, -1])
    >>> Z1 = pn.networks.mpo([W[:1], W[:, 1:]])  # (1, D, d, d) and (D, 1, d, d) ends: Z ⊗ 1 + 1 ⊗ Z
    >>> Z1.kind, Z1.value().diagonal().tolist()
    ('operator', [2.0, 0.0, 0.0, -2.0])
    """
    arrays = _site_arrays(tensors, order, "oi", "mpo")
    up, down = ("i", "N"), ("o", "S")
    last = len(arrays) - 1
    arrays = [a if k in (0, last) else np.moveaxis(a, -1, 1) for k, a in enumerate(arrays)]  # l, r, o, i
    arrays[0] = np.moveaxis(arrays[0], -1, 0)  # r, o, i
    return _chain(arrays, name, [("r", "E"), down, up], [("l", "W"), ("r", "E"), down, up], [("l", "W"), down, up])


def mpo_expectation(state: Sequence[Any], operator: Sequence[Any]) -> Diagram:
    """⟨ψ|W|ψ⟩: three rows, the MPS's kets on top, the MPO in the middle, the conjugate kets below.

    ``state`` and ``operator`` are tensors as :func:`mps` and :func:`mpo` take them in their default
    orders, or the diagrams they build (for other orders): the same as ``psi.dag @ W @ psi``.
    """
    kets = state if isinstance(state, Diagram) else mps(state)
    middle = operator if isinstance(operator, Diagram) else mpo(operator)
    if len(kets.legs) != len(middle.legs) // 2:
        raise DiagramError(f"the MPS has {len(kets.legs)} sites but the MPO {len(middle.legs) // 2}; they must match")
    sites = list(range(len(kets.legs)))  # as kets.dag @ middle @ kets, with the kets listed first
    upper = connect(kets, sites, middle, sites)  # the kets' S legs to the MPO's input (N) legs
    return connect(upper, sites, kets.conj(), sites)  # the MPO's output (S) legs to the conjugate's N legs


def gate(matrix: Any, name: str, wires: int = 1) -> Diagram:
    """A circuit gate on ``wires`` wires: outputs ``o0, o1, …`` on the left (W), inputs ``i0, i1, …`` on the right (E).

    ``matrix`` is the gate's ``d^k × d^k`` matrix, or already its tensor of ``2k`` axes
    (outputs then inputs). Composed with ``@`` and ``&`` gates are drawn as a circuit, one
    straight wire per qubit.

    >>> import numpy as np, penrose as pn
    >>> cnot = pn.networks.gate(np.eye(4)[[0, 1, 3, 2]], "CNOT", wires=2)
    >>> cnot.dims
    (2, 2, 2, 2)
    """
    array = np.asarray(matrix)
    if array.ndim == 2 and wires > 1:
        size = round(array.shape[0] ** (1 / wires))
        if size**wires != array.shape[0] or array.shape[0] != array.shape[1]:
            raise DiagramError(f"gate {name!r}: a {wires}-wire gate's matrix is d^{wires} square, got {array.shape}")
        array = array.reshape((size,) * 2 * wires)
    legs = [(f"o{k}", "W") for k in range(wires)] + [(f"i{k}", "E") for k in range(wires)]
    return tensor(array, legs=legs, name=name)


def correlator(tensors: Sequence[Any], operators: Mapping[int, Any], name: str = "A") -> Diagram:
    """⟨ψ|O_i O_j …|ψ⟩ on an MPS: kets on top, each operator (a 2×2 matrix or an operator diagram) under its
    site, the conjugate kets below; sites without an operator join straight down.

    >>> import numpy as np, penrose as pn
    >>> tensors = pn.networks.random_mps_tensors(6, 3)
    >>> zz = pn.networks.correlator(tensors, {1: np.diag([1, -1]), 4: np.diag([1, -1])})
    >>> zz.kind, len(zz.nodes)
    ('scalar', 14)
    """
    kets = mps(tensors, name)
    sites = sorted(operators)
    if any(not 0 <= site < len(tensors) for site in sites):
        raise DiagramError(f"correlator: the sites {sites} must be among 0..{len(tensors) - 1}")
    boxes = []
    for site in sites:
        given = operators[site]
        matrix = given.value() if isinstance(given, Diagram) else given
        label = given.nodes[0].name if isinstance(given, Diagram) and len(given.nodes) == 1 else "O"
        # rows are the operator's outputs (d, towards the bra), columns its inputs (u, joined to the ket)
        boxes.append(tensor(matrix, legs=[("d", "S"), ("u", "N")], name=label))
    if not boxes:
        return mps_norm(tensors, name)
    middle = kron(*boxes)  # its open legs: every u (N), then every d (S)
    upper = connect(kets, sites, middle, list(range(len(sites))))
    # upper's open legs: the kets' other physical legs (S), then the operators' d legs (S), by position
    others = [site for site in range(len(tensors)) if site not in operators]
    order = {site: k for k, site in enumerate(others)}
    order.update({site: len(others) + k for k, site in enumerate(sites)})
    bras = kets.conj()
    return connect(upper, [order[site] for site in range(len(tensors))], bras, list(range(len(tensors))))


def grid_sides(size: int, row: int, column: int) -> list[tuple[str, str]]:
    """The legs of site ``(row, column)`` of a closed ``size × size`` grid: ``w, e, n, s`` facing its neighbours."""
    present = (("w", "W", column > 0), ("e", "E", column < size - 1), ("n", "N", row > 0), ("s", "S", row < size - 1))
    return [(leg, side) for leg, side, there in present if there]


def grid(arrays: Mapping[tuple[int, int], Any], name: str = "T") -> Diagram:
    """A closed square grid, one box per ``arrays[row, column]`` (axes as :func:`grid_sides` lists them).

    Each leg is on the side facing its neighbour, so the picture is a square grid: a PEPS
    norm's layer or a 2D partition function. Boxes are named ``T_{rc}``.
    """
    size = round(len(arrays) ** 0.5)
    if size * size != len(arrays):
        raise DiagramError(f"a square grid needs a square number of sites, got {len(arrays)}")
    boxes = [
        tensor(arrays[i, j], legs=grid_sides(size, i, j), name=f"{name}_{{{i}{j}}}")
        for i in range(size)
        for j in range(size)
    ]
    network = kron(*boxes)
    where = {(leg.node, leg.name): leg for leg in network.legs}
    return network.join([(where[a], where[b]) for a, b in grid_lines(size)])  # every line in one pass


def grid_lines(size: int) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """The lines of a ``size × size`` grid as pairs of ``(box number, leg name)``: each box's ``e`` to the next's
    ``w``, its ``s`` to the ``n`` of the box below (boxes numbered row by row, legs as :func:`grid_sides` names them).
    """
    lines = []
    for i in range(size):
        for j in range(size):
            k = size * i + j
            if j < size - 1:
                lines.append(((k, "e"), (k + 1, "w")))
            if i < size - 1:
                lines.append(((k, "s"), (k + size, "n")))
    return lines


def lattice_equation(rows: int, columns: int, periodic: bool = False) -> str:
    """The einsum equation of a closed ``rows × columns`` lattice, one index per line.

    Each site's legs go left, right, up, down (those it has); with ``periodic`` the lines
    wrap round, a torus (at least 3 × 3).

    >>> import penrose as pn
    >>> pn.networks.lattice_equation(2, 3)
    'ab,acd,ce,fb,fgd,ge->'
    """
    if periodic and min(rows, columns) < 3:
        raise DiagramError(f"a torus needs at least 3 rows and 3 columns, got {rows} × {columns}")
    symbol: dict[tuple[tuple[int, int], tuple[int, int]], str] = {}

    def edge(a: tuple[int, int], b: tuple[int, int]) -> str:
        key = (min(a, b), max(a, b))
        if key not in symbol:
            symbol[key] = opt_einsum.get_symbol(len(symbol))
        return symbol[key]

    terms = []
    for i in range(rows):
        for j in range(columns):
            neighbours = [(i, j - 1), (i, j + 1), (i - 1, j), (i + 1, j)]
            if periodic:
                neighbours = [(x % rows, y % columns) for x, y in neighbours]
            terms.append("".join(edge((i, j), (x, y)) for x, y in neighbours if 0 <= x < rows and 0 <= y < columns))
    return ",".join(terms) + "->"


def random_grid(size: int, bond: int, seed: int = 0) -> tuple[str, list[np.ndarray]]:
    """A closed ``size × size`` grid of random tensors as ``(equation, arrays)``, for :func:`penrose.einsum`."""
    rng = np.random.default_rng(seed)
    equation = lattice_equation(size, size)
    arrays = [rng.normal(size=(bond,) * len(term)) / np.sqrt(bond) for term in equation[:-2].split(",")]
    return equation, arrays


def random_peps_norm(size: int, bond: int, physical: int = 2, seed: int = 0) -> tuple[str, list[np.ndarray]]:
    """⟨ψ|ψ⟩ of a random ``size × size`` PEPS as ``(equation, arrays)``: the ket layer, then its conjugate.

    Each site's physical index joins the site to its copy in the conjugate layer.

    >>> import penrose as pn
    >>> equation, arrays = pn.networks.random_peps_norm(2, 2)
    >>> equation
    'abe,acf,dbg,dch,ije,ikf,ljg,lkh->'
    """
    rng = np.random.default_rng(seed)
    ket = lattice_equation(size, size)[:-2].split(",")
    bonds = sorted(set("".join(ket)))
    used = len(bonds)
    physical_symbols = [opt_einsum.get_symbol(used + k) for k in range(size * size)]
    fresh = {b: opt_einsum.get_symbol(used + size * size + k) for k, b in enumerate(bonds)}
    ket_terms = [term + p for term, p in zip(ket, physical_symbols)]
    bra_terms = ["".join(fresh[b] for b in term) + p for term, p in zip(ket, physical_symbols)]
    arrays = [rng.normal(size=(bond,) * len(term) + (physical,)) / np.sqrt(bond) for term in ket]
    return ",".join(ket_terms + bra_terms) + "->", arrays + [a.conj() for a in arrays]


def random_mera(sites: int = 8, bond: int = 2, seed: int = 0) -> tuple[str, list[np.ndarray]]:
    """A binary MERA state on a ring of ``sites`` (a power of 2, at least 4) as ``(equation, arrays)``.

    Each layer puts a disentangler (a random orthogonal 4×4 matrix; axes: two upper, two
    lower) on sites ``(1, 2), (3, 4), …, (n−1, 0)`` and then an isometry (axes: one upper,
    two lower) on ``(0, 1), (2, 3), …``, halving the sites; a normalised top tensor closes
    the last two. The output indices are the physical legs in site order, and the state has
    norm 1.

    >>> import penrose as pn
    >>> equation, arrays = pn.networks.random_mera(4)
    >>> equation
    'efbc,ghda,ihe,jfg,ij->abcd'
    """
    if sites < 4 or sites & (sites - 1):
        raise ValueError(f"random_mera(sites={sites}): give a power of 2, at least 4")
    rng = np.random.default_rng(seed)
    symbols = (opt_einsum.get_symbol(k) for k in itertools.count())
    current = [next(symbols) for _ in range(sites)]
    output = "".join(current)
    terms: list[str] = []
    arrays: list[np.ndarray] = []
    while len(current) > 2:
        count = len(current)
        middle = list(current)
        for k in range(count // 2):  # disentanglers across the isometries' pairs, the last one round the ring
            left, right = 2 * k + 1, (2 * k + 2) % count
            upper = next(symbols), next(symbols)
            terms.append(upper[0] + upper[1] + current[left] + current[right])
            orthogonal = np.linalg.qr(rng.normal(size=(bond * bond, bond * bond)))[0]
            arrays.append(orthogonal.reshape((bond,) * 4))
            middle[left], middle[right] = upper
        current = []
        for k in range(count // 2):  # isometries: two sites into one
            upper = next(symbols)
            terms.append(upper + middle[2 * k] + middle[2 * k + 1])
            isometry = np.linalg.qr(rng.normal(size=(bond * bond, bond)))[0]
            arrays.append(isometry.T.reshape(bond, bond, bond))
            current.append(upper)
    top = rng.normal(size=(bond, bond))
    terms.append("".join(current))
    arrays.append(top / np.linalg.norm(top))
    return ",".join(terms) + "->" + output, arrays


def random_regular(tensors: int, bond: int = 2, seed: int = 0, degree: int = 3) -> tuple[str, list[np.ndarray]]:
    """A closed network on a random ``degree``-regular graph as ``(equation, arrays)``: hard to order."""
    graph = nx.random_regular_graph(degree, tensors, seed=seed)
    rng = np.random.default_rng(seed)
    symbol = {frozenset(edge): opt_einsum.get_symbol(k) for k, edge in enumerate(graph.edges())}
    subscripts = ["".join(symbol[frozenset((node, other))] for other in sorted(graph[node])) for node in graph]
    arrays = [rng.normal(size=(bond,) * degree) / np.sqrt(bond) for _ in graph]
    return ",".join(subscripts) + "->", arrays


def _from_quimb_chain(network: Any, qtn: Any, output: Any) -> Diagram | None:
    """A quimb MPS or MPO (open boundaries, one bond between neighbours) as :func:`mps`'s ket or :func:`mpo`'s
    operator (quimb's upper ``k`` indices out, lower ``b`` in, as its ``to_dense`` reads them); else None."""
    kinds = {"MatrixProductState": "lpr", "MatrixProductOperator": "lroi"}
    order = next((kinds[c.__name__] for c in type(network).__mro__ if c.__name__ in kinds), None)
    if order is None or output is not None or getattr(network, "cyclic", False) or network.L < 2:
        return None
    arrays = []
    for site in range(network.L):
        box = network[site]
        left = list(qtn.bonds(network[site - 1], box)) if site > 0 else []
        right = list(qtn.bonds(box, network[site + 1])) if site < network.L - 1 else []
        if order == "lpr":
            axes = [*left, network.site_ind(site), *right]
        else:
            axes = [*left, *right, network.upper_ind(site), network.lower_ind(site)]
        if len(left) > 1 or len(right) > 1 or sorted(axes) != sorted(box.inds):
            return None
        arrays.append(box.transpose(*axes).data)
    tags = sorted(set(network[0].tags) - {network.site_tag(0)})
    name = tags[0] if tags else ("A" if order == "lpr" else "W")
    return (mps if order == "lpr" else mpo)(arrays, name=name, order=order)


QUIMB_READERS.append(_from_quimb_chain)
