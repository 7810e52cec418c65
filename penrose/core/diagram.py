"""The user's object: a diagram, composed like the algebra and evaluated exactly.

A :class:`Diagram` is a linear combination of networks, ``Σ cₖ · networkₖ``; most
diagrams have one term with coefficient 1. A product (``@`` or ``&``) of which one side is
a sum keeps its two factors, so that ``(A + B) @ (C + D)`` is drawn as written; it is
multiplied out only when its terms are needed (to evaluate it, or by :meth:`Diagram.expand`).
Diagrams are values: every operation returns a new one and never changes its operands.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from . import network as net
from .coefficients import as_coefficient, conjugate_number, describe_object
from .contract import contraction_paths, diagram_steps, diagram_work, einsum_call, evaluate, sliced
from .errors import DiagramError, PictureSizeError
from .leg_finder import LegFinder, LegSpec
from .legs import Leg
from .network import Network
from .nodes import Node, make_node
from .products import chain, chained, leaves
from .quimb_export import to_quimb
from .rendering import renderer
from .reshape import fuse_legs, split_leg
from .sums import check_addable, combine_terms, open_legs_agree
from .values import flow_legs, value_shape

if TYPE_CHECKING:
    from ..draw.figure import Figure
    from .contract import ContractionPath, SlicedContraction, Steps

__all__ = ["Diagram", "combine_terms", "open_legs_agree", "require_diagram"]  # (sums re-exported)

Term = tuple[Any, Network]
Factors = tuple[str, "Diagram", "Diagram"]  # ("@" or "&", left, right)
JOINERS = net.JOINERS
#: The most terms a product is ever multiplied out to (to join its legs, find paths, or by ``expand()``).
EXPAND_LIMIT = 100_000


class Diagram:
    """A Penrose diagram: boxes joined by lines, possibly a sum of such pictures.

    Build one with :func:`penrose.ket`, :func:`penrose.bra`, :func:`penrose.op`,
    :func:`penrose.scalar`, :func:`penrose.tensor` or :func:`penrose.einsum`, then
    compose: ``a @ b`` joins ``a``'s E legs to ``b``'s W legs (or, with none, N to S), ``a & b`` stacks,
    ``a + b`` and ``3 * a`` combine, ``a.dag`` mirrors.

    >>> import penrose as pn
    >>> (pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])).value()
    1
    """

    __slots__ = (
        "_contraction",  # what penrose.core.contract keeps between evaluations (its Compiled)
        "_count",
        "_expanded",
        "_factors",
        "_fast",
        "_first",
        "_graph",
        "_kind",
        "_legs",
    )
    __array_ufunc__ = None  # let numpy defer to Diagram's own operators (3 * d, not an array of diagrams)

    def __init__(self, terms: Sequence[Term] = (), factors: Factors | None = None) -> None:
        if not terms and factors is None:
            raise DiagramError("a diagram needs at least one term")
        self._expanded: tuple[Term, ...] | None = tuple(terms) if terms else None
        self._factors = factors
        if factors is not None:  # joining the first terms checks the legs now, before anything is multiplied out
            operator, left, right = factors
            self._first: Network = JOINERS[operator](left._first, right._first)
            self._count: int = left.term_count * right.term_count
        else:
            self._first = self._terms[0][1]
            self._count = len(self._terms)
        self._contraction: Any = None
        self._fast: Any = None  # set by penrose.core.contract.evaluate once a small diagram has been evaluated
        self._graph: nx.MultiGraph | None = None
        self._kind: str = self._first.kind
        self._legs: tuple[Leg, ...] | None = None

    @classmethod
    def from_network(cls, network: Network) -> Diagram:
        return cls(((1, network),))

    @property
    def _terms(self) -> tuple[Term, ...]:
        """Every term, a product's multiplied out on first use."""
        if self._expanded is None:
            assert self._factors is not None
            if self._count > EXPAND_LIMIT:
                raise DiagramError(
                    f"{self.describe()} would multiply out to {self._count} terms, more than {EXPAND_LIMIT}; "
                    "draw it, or take its value() (factor by factor when the factors are small), or multiply "
                    "fewer sums at once"
                )
            operator, left, right = self._factors
            joiner = JOINERS[operator]
            self._expanded = combine_terms(
                (ca * cb, joiner(na, nb)) for ca, na in left._terms for cb, nb in right._terms
            )
        return self._expanded

    @property
    def term_count(self) -> int:
        """How many terms the diagram has, a product's counted multiplied out (without multiplying it out)."""
        return self._count

    @property
    def factors(self) -> Factors | None:
        """``("@", a, b)`` or ``("&", a, b)`` when this diagram is a product kept as written (a side is a sum).

        >>> import penrose as pn
        >>> product = (pn.pauli.X + pn.pauli.Z) @ pn.ket([1, 0])
        >>> product.factors[0], product.term_count
        ('@', 2)
        """
        return self._factors

    def expand(self) -> Diagram:
        """The same diagram multiplied out: one term per product of terms (a product is drawn that way then).

        >>> import penrose as pn
        >>> len(((pn.pauli.X + pn.pauli.Z) @ pn.ket([1, 0])).expand().terms)
        2
        """
        return Diagram(self._terms)

    # ----------------------------------------------------------------- reading
    @property
    def kind(self) -> str:
        """``"ket"``, ``"bra"``, ``"operator"``, ``"scalar"`` or ``"tensor"``, read off the open legs."""
        return self._kind

    @property
    def legs(self) -> tuple[Leg, ...]:
        """The open legs in order: W top to bottom, then E, N, S."""
        if self._legs is None:
            self._legs = self._first.open_legs
        return self._legs

    def leg(self, name: str | int | Leg) -> Leg:
        """The open leg ``name`` names: a leg name (``"p"``, if only one open leg has it), ``"box.leg"``
        (``"A_3.p"``: leg ``p`` of the box named ``A_3``), a position in :attr:`legs`, or a :class:`Leg`.

        Names survive composition (``connect``, ``join``, ``@``, ``&`` keep box and leg names, while
        ``Leg.node`` positions shift), so ``"box.leg"`` is the stable way to find a leg.
        """
        return self.legs[LegFinder(self._single("leg"), self.describe).index(name)]

    @property
    def dims(self) -> tuple[int | None, ...]:
        """The dimensions of the open legs, one per leg in the order of :attr:`legs` (None where unknown)."""
        return tuple(leg.dim for leg in self.legs)

    @property
    def shape(self) -> tuple[int | None, ...]:
        """The shape of :meth:`value` (and of ``np.asarray(d)``): ``()`` for a number, ``(n,)`` for a ket or bra,
        ``(rows, columns)`` for an operator, :attr:`dims` for any other tensor (None where a dimension is unknown).

        >>> import penrose as pn
        >>> psi = pn.ket([1, 0, 0, 1], dims=[2, 2])
        >>> psi.shape, psi.dims
        ((4,), (2, 2))
        """
        if self.kind == "tensor" or all(dim is not None for dim in self.dims):
            return value_shape(self.kind, self.legs) if self.kind != "tensor" else self.dims
        if self.kind in ("ket", "bra"):
            return (None,)
        rows = [leg.dim for leg in flow_legs(self.legs)[0]]
        columns = [leg.dim for leg in flow_legs(self.legs)[1]]
        return tuple(None if None in group else math.prod(group) for group in (rows, columns))  # type: ignore[misc]

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        """``np.asarray(d)``: the value as an array (evaluated; a symbolic diagram refuses)."""
        return np.asarray(self.value(), dtype=dtype)

    def __float__(self) -> float:
        return float(self._number("float"))

    def __complex__(self) -> complex:
        return complex(self._number("complex"))

    def _number(self, what: str) -> Any:
        if self.kind != "scalar":
            raise DiagramError(
                f"{what}() needs a closed diagram (a number), but {self.describe()} has {self.describe_legs()}; "
                "take d.value() for its array"
            )
        return self.value()

    @property
    def terms(self) -> tuple[tuple[Any, Diagram], ...]:
        """The diagram as ``((coefficient, single-term diagram), ...)``."""
        return tuple((c, Diagram.from_network(n)) for c, n in self._terms)

    @property
    def nodes(self) -> tuple[Node, ...]:
        """The boxes of a single-term diagram, in order (a sum has one list per term)."""
        return self._single("nodes").nodes

    @property
    def network(self) -> Network:
        """The single term's :class:`~penrose.model.Network` (for layout and inspection)."""
        return self._single("network")

    @property
    def coefficient(self) -> Any:
        """The coefficient of a single-term diagram (1 unless scaled)."""
        self._single("coefficient")
        return self._terms[0][0]

    @property
    def symbolic(self) -> bool:
        """True when some box has no numbers: the diagram draws but does not evaluate."""
        if self._factors is not None:  # (every leaf of the product's tree, without recursing: it may be deep)
            return any(leaf.symbolic for leaf in leaves(self))
        return any(node.data is None for _, n in self._terms for node in n.nodes)

    @property
    def graph(self) -> nx.MultiGraph:
        """The boxes and lines as a ``networkx.MultiGraph`` (see :meth:`Network.graph`)."""
        if self._graph is None:
            self._graph = self._single("graph").graph()
        return self._graph

    def _single(self, what: str) -> Network:
        if self.term_count != 1:
            raise DiagramError(
                f"{self.describe()} is a sum of {self.term_count} terms, so it has no single "
                f"{what}; look at each term with d.terms"
            )
        return self._terms[0][1]

    def describe(self) -> str:
        """A short phrase naming the diagram, as used in error messages."""
        if self.term_count == 1:
            return self._first.describe()
        if self._factors is not None:
            return f"{self.kind} (a product of sums, {self.term_count} terms multiplied out)"
        return f"{self.kind} (a sum of {self.term_count} terms)"

    def describe_legs(self) -> str:
        """The open legs side by side, e.g. ``W: i[4]; E: j[2]``, or ``no open legs``."""
        return self._first.describe_legs()

    def __repr__(self) -> str:
        return f"<Diagram {self.describe()}; {self.describe_legs()}>"

    # ---------------------------------------------------------------- algebra
    def __matmul__(self, other: Diagram) -> Diagram:
        return _product("@", self, require_diagram(other, "@", self))

    def __and__(self, other: Diagram) -> Diagram:
        return _product("&", self, require_diagram(other, "&", self))

    def __mul__(self, other: Any) -> Diagram:
        if isinstance(other, Diagram):
            if "scalar" in (self.kind, other.kind):
                return self & other
            raise DiagramError(
                f"cannot multiply {self.describe()} by {other.describe()} with *: join lines with @ "
                "(a @ b) or take the tensor product with & (a & b); * is for numbers"
            )
        factor = as_coefficient(other, "multiply", self)
        if self._factors is not None:  # c·(A B) = (c·A) B: the product stays as written
            operator, leaves = chain(self)
            return chained(operator, [leaves[0] * factor, *leaves[1:]])
        return Diagram(combine_terms((factor * c, n) for c, n in self._terms))

    def __rmul__(self, other: Any) -> Diagram:
        return self.__mul__(other)

    def __truediv__(self, other: Any) -> Diagram:
        divisor = as_coefficient(other, "divide", self)
        if divisor == 0:
            raise DiagramError(f"cannot divide {self.describe()} by zero")
        if self._factors is not None:
            operator, leaves = chain(self)
            return chained(operator, [leaves[0] / divisor, *leaves[1:]])
        return Diagram(tuple((c / divisor, n) for c, n in self._terms))

    def __neg__(self) -> Diagram:
        return self * -1

    def __pos__(self) -> Diagram:
        return self

    def __add__(self, other: Any) -> Diagram:
        if not isinstance(other, Diagram):
            if isinstance(other, numbers.Number) and other == 0:
                return self  # so that sum([...]) starts from 0
            if self.kind == "scalar" and isinstance(other, numbers.Number):
                number = make_node(None, (), as_coefficient(other, "add", self), "scalar")
                other = Diagram.from_network(net.single(number))
            else:
                raise DiagramError(
                    f"cannot add {other!r} to {self.describe()}: only diagrams with the same "
                    "open legs can be added (a number only to a scalar diagram)"
                )
        check_addable(self, other)
        return Diagram(combine_terms(self._terms + other._terms))

    def __radd__(self, other: Any) -> Diagram:
        return self.__add__(other)

    def __sub__(self, other: Any) -> Diagram:
        if isinstance(other, Diagram):
            return self + (-other)
        return self + (-as_coefficient(other, "subtract", self))

    def __rsub__(self, other: Any) -> Diagram:
        return (-self) + other

    @property
    def dag(self) -> Diagram:
        """The adjoint: mirrored left to right, numbers conjugated (``ket.dag`` is a bra)."""
        if self._factors is not None:  # (A B)† = B† A†, (A ⊗ B)† = A† ⊗ B†
            operator, leaves = chain(self)
            daggered = [leaf.dag for leaf in leaves]
            return chained(operator, daggered[::-1] if operator == "@" else daggered)
        return Diagram(tuple((conjugate_number(c), net.dagger(n)) for c, n in self._terms))

    def conj(self) -> Diagram:
        """The complex conjugate, drawn mirrored top to bottom (N↔S legs swapped; W and E stay).

        It is the bra layer of an MPS norm: ``pn.connect(mps, s_legs, mps.conj(), n_legs)`` is a ladder.
        """
        if self._factors is not None:
            operator, leaves = chain(self)
            return chained(operator, [leaf.conj() for leaf in leaves])
        return Diagram(tuple((conjugate_number(c), net.conjugate(n)) for c, n in self._terms))

    def join(self, first: LegSpec | Sequence[tuple[LegSpec, LegSpec]], second: LegSpec | None = None) -> Diagram:
        """Join open legs of this diagram with lines: ``d.join(a, b)``, or several at once, ``d.join([(a, b), …])``.

        Legs are named by their name (when unambiguous), their position in :attr:`legs`,
        or a :class:`Leg` taken from :attr:`legs` (which stays valid while other legs are
        joined). Joining many pairs in one call takes one pass over the diagram: build a
        big network's lines that way.

        >>> import numpy as np, penrose as pn
        >>> loop = pn.op(np.eye(3)) & pn.op(np.eye(3))
        >>> loop.join([(1, 2), (3, 0)]).value()
        3.0
        """
        usage = "join needs two legs, d.join(a, b), or a list of pairs, d.join([(a, b), ...])"
        if second is None:
            if isinstance(first, (str, int, np.integer, Leg)):
                raise DiagramError(usage)
            try:
                pairs = [tuple(pair) for pair in first]  # type: ignore[union-attr]
            except TypeError:
                raise DiagramError(f"{usage}; got {first!r}") from None
        else:
            pairs = [(first, second)]
        finder = LegFinder(self._first, self.describe)
        indices = []
        for pair in pairs:
            if len(pair) != 2:
                raise DiagramError(f"join takes pairs of legs; got {pair!r}")
            indices.append((finder.index(pair[0]), finder.index(pair[1])))
        return Diagram(
            tuple(
                (c, net.join_all(n, [(n.open_ports[i], n.open_ports[j]) for i, j in indices])) for c, n in self._terms
            )
        )

    # ------------------------------------------------------------- evaluation
    def to_einsum(self) -> tuple[str, list[Any]]:
        """``(equation, arrays)`` for ``opt_einsum.contract(equation, *arrays)``.

        Output indices follow :attr:`legs`. A coefficient other than 1 becomes a 0-d operand.
        """
        return einsum_call(self)

    def fuse(self, legs: Sequence[LegSpec], name: str = "f") -> Diagram:
        """These open legs (of one side) fused into one leg ``name``, the first slowest (``numpy.kron``'s order).

        On one box with numbers its array is reshaped; legs of several boxes meet at a box ``⊗``.
        """
        finder = LegFinder(self._single("leg"), self.describe)
        positions = [finder.index(leg) for leg in legs]
        return Diagram(tuple((c, fuse_legs(n, positions, name)) for c, n in self._terms))

    def split(self, leg: LegSpec, dims: Sequence[int], names: Sequence[str] | None = None) -> Diagram:
        """This open leg split into legs of dimensions ``dims`` (first slowest), named ``names`` or ``<leg>1, …``."""
        position = LegFinder(self._single("leg"), self.describe).index(leg)
        base = self.legs[position].name
        names = [f"{base}{k + 1}" for k in range(len(dims))] if names is None else list(names)
        return Diagram(tuple((c, split_leg(n, position, dims, names)) for c, n in self._terms))

    def work(self, limit: int = 64) -> Any:
        """The value written out as sums of products, exactly (``str()`` it): see :mod:`penrose.core.contract.work`.

        >>> import penrose as pn
        >>> print((pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])).work())
        1·5 + 2·1 + 4·(−3) + 3·2 = 5 + 2 − 12 + 6 = 1
        """
        return diagram_work(self, limit)

    def to_quimb(self) -> Any:
        """This diagram as a quimb ``TensorNetwork`` (see :func:`penrose.core.quimb_export.to_quimb`; needs quimb)."""
        return to_quimb(self)

    def value(
        self,
        optimize: Any = "auto",
        backend: str | None = None,
        memory_limit: int | str | None = None,
        *,
        grouped: bool = True,
    ) -> Any:
        """Contract the diagram with ``opt_einsum`` and return its value.

        A scalar comes back as a number, a ket or bra as a 1-d array, an operator as a
        matrix (rows: its W legs, columns: its E legs; drawn top to bottom as an MPO, rows its
        S legs and columns its N legs), anything else with one axis per
        open leg in :attr:`legs` order (``grouped=False`` gives that for every kind).
        ``optimize`` and ``backend`` go to opt_einsum; the path is found once per
        structure and reused (a network of at most ``ONE_SHOT_FLOPS`` naive multiply-adds
        is one einsum call under ``"auto"``: faster than any path at that size).
        ``memory_limit`` (elements, or bytes as ``"2GB"``) refuses a path whose largest
        intermediate is bigger, before allocating.

        >>> import penrose as pn
        >>> (pn.op([[1, 2], [-1, 4]]) @ pn.ket([1, -2])).value()
        array([-3, -9])
        """
        fast = self._fast  # (a small diagram evaluated before, with the defaults: one einsum call, nothing else)
        if fast is not None and optimize == "auto" and backend is None and memory_limit is None and grouped:
            return fast()
        return evaluate(self, optimize, backend, memory_limit, grouped)

    def draw(
        self,
        value: bool = True,
        theme: Any = "slide",
        layout: str = "auto",
        leg_labels: bool = False,
        width: float | str | None = None,
        identities: bool | None = None,
        work: bool = False,
        positions: Any = None,
        flow: str = "right",
        root: Any = None,
    ) -> Figure:
        """The picture of this diagram, with ``= value`` beside it when it can be evaluated.

        ``theme``: ``"slide"``, ``"paper"``, ``"dark"``; ``layout``: a name in :data:`penrose.pictures.LAYOUTS`;
        ``leg_labels`` names open legs; ``width``: pixels or ``"10cm"``; ``identities``: identity boxes as boxes
        (True) or wire (False; circuits' default); ``work`` adds the worked sum; ``positions`` pins boxes
        ``{name: (column, row)}`` (:attr:`Figure.positions` is a figure's own); ``flow``: ``"right"`` as written,
        ``"left"`` mirrored (time left to right in a circuit), ``"down"``/``"up"`` turned; ``root`` hangs a tree
        from the box of that name.
        """
        options = {"value": value, "theme": theme, "layout": layout, "leg_labels": leg_labels}
        placement = {"positions": positions, "flow": flow, "root": root}
        figure = renderer().draw_diagram(self, **options, identities=identities, work=work, **placement)
        return figure if width is None else figure.fit(width)

    def _repr_svg_(self) -> str | None:
        """The picture Jupyter shows; None (the text form instead) for a network too big to draw."""
        try:
            return self.draw().to_svg()
        except PictureSizeError:
            return None

    def steps(self, optimize: Any = "auto") -> Steps:
        """The pairwise contractions of the chosen path, as smaller diagrams you can watch collapse.

        Returns :class:`~penrose.contraction.Steps`, a list of :class:`~penrose.contraction.ContractionStep`
        (``merged``, ``flops``, ``diagram``); each step's diagram carries the intermediate tensors, so it
        evaluates to the same value as this one. ``.draw()`` on the list shows them as a strip.
        """
        return diagram_steps(self, optimize)

    def sliced(self, memory_limit: int | str, optimize: Any = "auto") -> SlicedContraction:
        """The contraction cut into independent slices whose intermediates each fit ``memory_limit`` (entries,
        or bytes as ``"2GB"``), for a network too big for one machine.

        Returns a :class:`~penrose.contraction.SlicedContraction` (``legs`` sliced, ``count``, ``flops``,
        ``overhead``); its ``value(client=None)`` sums the slices here or as tasks on a
        ``dask.distributed`` client. Needs cotengra (``penrose-diagrams[cotengra]``).
        """
        return sliced(self, memory_limit, optimize)

    def path(
        self, optimize: Any = "auto", memory_limit: int | str | None = None, thorough: bool = False
    ) -> ContractionPath | list[ContractionPath]:
        """The contraction path the next :meth:`value` follows, with its FLOPs and largest intermediate.

        Returns a :class:`~penrose.contraction.ContractionPath`; a sum gives a list, one per term.
        A small network under ``optimize="auto"`` is one einsum call, a path of one step
        (:meth:`steps` still shows it pairwise). Under ``"auto"`` a structure evaluated many times
        earns one deeper search, run when its evaluations have cost about as much;
        ``thorough=True`` runs every search now, for a loop whose first evaluations should be fast too.
        """
        return contraction_paths(self, optimize, memory_limit, thorough)


def _product(operator: str, left: Diagram, right: Diagram) -> Diagram:
    """``left @ right`` or ``left & right``: multiplied out when both are single terms, else kept as two factors."""
    if left.term_count == 1 and right.term_count == 1:
        joiner = JOINERS[operator]
        return Diagram(((left.coefficient * right.coefficient, joiner(left._first, right._first)),))
    return Diagram(factors=(operator, left, right))


def require_diagram(other: Any, operator: str, left: Diagram) -> Diagram:
    if isinstance(other, Diagram):
        return other
    hint = " to multiply by a number use *" if operator == "@" else " wrap numbers with pn.ket/pn.op/pn.tensor first"
    raise DiagramError(
        f"cannot use {operator} between {left.describe()} and {describe_object(other)}: "
        f"both sides must be penrose diagrams;{hint}"
    )
