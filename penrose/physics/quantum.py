"""Quantum mechanics on diagrams: eigenspaces, measurement and the checks the seminar uses.

Every function takes Diagrams (of the right kind) or plain arrays and returns Diagrams
where the answer is a state, so that a result can be drawn. Tolerances are relative to
the size of the matrices involved and documented on each function.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.arrays import as_numpy
from ..core.combine import connect
from ..core.constructors import bra, ket, op
from ..core.diagram import Diagram
from ..core.errors import DiagramError
from ..core.nodes import as_numeric_array
from ..core.typography import format_number
from ..core.values import entry_count, flow_legs
from .eigenkets import independent as _independent
from .eigenkets import ket_maker as _ket_maker
from .lanczos import DENSE_LIMIT, lowest_eigenpairs
from .rational import exact_probability

__all__ = [
    "Eigenspace",
    "IncompleteLevelWarning",
    "NotAnEigenvalueWarning",
    "commutes",
    "eig",
    "expectation",
    "ground_states",
    "is_hermitian",
    "is_invariant",
    "is_unitary",
    "normalize",
    "probability",
]

#: Default relative tolerance of the numerical checks (Hermitian, unitary, commuting, same ray).
RTOL = 1e-9
#: Default absolute tolerance, added to the relative one.
ATOL = 1e-12
#: Eigenvalues closer than ``DEGENERACY_ULPS · ε · ‖H‖₂ · n`` are one (degenerate) eigenvalue: a
#: small multiple of what a backward-stable eigensolver can resolve (ε the machine epsilon, n the size).
DEGENERACY_ULPS = 64


class IncompleteLevelWarning(UserWarning):
    """``eig(k=…)`` with Lanczos stopped inside a degenerate level: its basis may lack vectors."""


class NotAnEigenvalueWarning(UserWarning):
    """``probability`` was asked for a value the observable never gives (the answer is 0)."""


def _numbers(data: Any, what: str) -> np.ndarray:
    """``data`` as a floating-point array for linear algebra: exact and boolean entries converted, all finite."""
    if isinstance(data, Diagram):
        data = data.value()
    if hasattr(data, "detach") or hasattr(data, "compute"):  # torch, dask: linear algebra here is numpy's
        data = as_numpy(data)
    try:
        array = as_numeric_array(data, what)
    except DiagramError as error:
        raise DiagramError(str(error)) from None
    if array.dtype.kind in "iuO":
        try:
            array = array.astype(complex if any(isinstance(v, complex) for v in array.flat) else float)
        except OverflowError:
            raise DiagramError(f"{what} holds an integer too large for floating-point linear algebra") from None
        except TypeError:  # sympy entries that are not numbers
            symbols = next((v for v in array.flat if getattr(v, "free_symbols", None)), "not numbers")
            raise DiagramError(
                f"{what} holds symbolic entries ({symbols}); this needs numbers: give the symbols values first "
                "(sympy's subs), or work with the diagram's symbolic value()"
            ) from None
    return array


def _numbers_as_given(data: Any) -> Any:
    """The numbers of a diagram or array-like, exact where they were given exactly (for :mod:`.rational`)."""
    if isinstance(data, Diagram):
        return data.value()
    try:
        return as_numeric_array(data, "data")
    except DiagramError:
        return None


def as_matrix(operator: Any, what: str = "the operator", *, square: bool = True) -> np.ndarray:
    """The matrix of an operator Diagram (evaluated) or of an array-like, checked to be finite and 2-d."""
    if isinstance(operator, Diagram) and operator.kind != "operator":
        raise DiagramError(
            f"{what} must be an operator: open legs on the left (out) and the right (in), or at the bottom (out) "
            f"and the top (in) as an MPO's; {operator.describe()} is a {operator.kind} with {operator.describe_legs()}"
        )
    matrix = _numbers(operator, what)
    if matrix.ndim != 2:
        raise DiagramError(f"{what} must be a matrix (2-d), got shape {matrix.shape}")
    if matrix.size == 0:
        raise DiagramError(f"{what} is {matrix.shape[0]}x{matrix.shape[1]}: a matrix needs at least one entry")
    if square and matrix.shape[0] != matrix.shape[1]:
        raise DiagramError(f"{what} must be square to have eigenvalues or act on one space, got shape {matrix.shape}")
    return matrix


def as_vector(state: Any, what: str = "the state") -> np.ndarray:
    """The numbers of a ket Diagram (a bra's ket: its numbers conjugated), or of a 1-d array-like, checked to be
    non-zero: ``⟨ψ|`` and ``|ψ⟩`` name the same state."""
    if isinstance(state, Diagram) and state.kind not in ("ket", "bra"):
        raise DiagramError(
            f"{what} must be a ket: open legs all on the left, or all at the bottom as an MPS's (a bra is read as "
            f"its ket); {state.describe()} is a {state.kind} with {state.describe_legs()}"
        )
    vector = _numbers(state, what)
    if isinstance(state, Diagram) and state.kind == "bra":
        vector = vector.conj()
    if vector.ndim != 1:
        raise DiagramError(f"{what} must be a vector of numbers (1-d), got shape {vector.shape}")
    if not np.any(vector):
        raise DiagramError(f"{what} is the zero vector, which is no physical state")
    return vector


def scaled(vector: np.ndarray) -> np.ndarray:
    """``vector`` divided by its largest entry's size: the same ray, and squares that neither overflow nor vanish."""
    return vector / np.abs(vector).max()


def _check_acts_on(matrix: np.ndarray, vector: np.ndarray, what: str, state: str) -> None:
    if matrix.shape[1] != vector.shape[0]:
        raise DiagramError(
            f"{what} is {matrix.shape[0]}x{matrix.shape[1]} but {state} has dimension {vector.shape[0]}; "
            "an operator acts only on states of its own dimension"
        )


def _close(difference: float, scale: float, rtol: float, atol: float) -> bool:
    return bool(difference <= atol + rtol * scale)


def is_hermitian(H: Any, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """True when ``H = H†`` within ``‖H − H†‖ ≤ atol + rtol·‖H‖`` (Frobenius norms).

    >>> import penrose as pn
    >>> pn.is_hermitian([[0, 1], [1, 0]]), pn.is_hermitian([[0, 1], [0, 0]])
    (True, False)
    """
    matrix = as_matrix(H, "H")
    return _close(np.linalg.norm(matrix - matrix.conj().T), np.linalg.norm(matrix), rtol, atol)


def is_unitary(U: Any, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """True when ``U†U = 1`` within ``‖U†U − 1‖ ≤ atol + rtol·n`` (it keeps lengths: S16).

    >>> import numpy as np, penrose as pn
    >>> pn.is_unitary(np.array([[1, -1], [1, 1]]) / np.sqrt(2))
    True
    """
    matrix = as_matrix(U, "U")
    identity = np.eye(matrix.shape[0])
    return _close(np.linalg.norm(matrix.conj().T @ matrix - identity), matrix.shape[0], rtol, atol)


def commutes(A: Any, B: Any, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """True when ``AB = BA`` within ``‖AB − BA‖ ≤ atol + rtol·‖A‖·‖B‖`` (a symmetry of a theory: S18).

    >>> import penrose as pn
    >>> pn.commutes(pn.pauli.Z, pn.pauli.Z), pn.commutes(pn.pauli.Z, pn.pauli.X)
    (True, False)
    """
    a, b = as_matrix(A, "A"), as_matrix(B, "B")
    if a.shape != b.shape:
        raise DiagramError(
            f"A is {a.shape[0]}x{a.shape[1]} but B is {b.shape[0]}x{b.shape[1]}; they must act on one space"
        )
    scale = np.linalg.norm(a) * np.linalg.norm(b)
    return _close(np.linalg.norm(a @ b - b @ a), scale, rtol, atol)


def is_invariant(psi: Any, U: Any, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """True when ``U|ψ⟩ ≡ |ψ⟩``: the same physical state, equal up to a phase and a length (S17).

    Checked as ``|⟨ψ|Uψ⟩|² ≥ ‖ψ‖²‖Uψ‖² (1 − rtol) − atol`` (Cauchy–Schwarz with equality).

    >>> import penrose as pn
    >>> pn.is_invariant(pn.ket([1, 1]), pn.pauli.X), pn.is_invariant(pn.ket([1, 0]), pn.pauli.X)
    (True, False)
    """
    vector, matrix = as_vector(psi, "ψ"), as_matrix(U, "U")
    _check_acts_on(matrix, vector, "U", "ψ")
    return same_ray(vector, matrix @ vector, rtol, atol)


def same_ray(vector: np.ndarray, image: np.ndarray, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """True when ``image`` is ``vector`` up to a phase and a length: ``|⟨v|w⟩|² ≥ ‖v‖²‖w‖² (1 − rtol) − atol``."""
    overlap = abs(np.vdot(vector, image)) ** 2
    lengths = np.vdot(vector, vector).real * np.vdot(image, image).real
    return bool(lengths > 0 and overlap >= lengths * (1 - rtol) - atol)


def normalize(psi: Any) -> Diagram:
    """The state scaled to length 1, as a new ket (or bra) with the same name.

    >>> import penrose as pn
    >>> pn.normalize(pn.ket([3, 4])).value()
    array([0.6, 0.8])
    """
    vector = scaled(as_vector(psi, "ψ"))
    name = None
    if isinstance(psi, Diagram) and len(psi.terms) == 1 and len(psi.nodes) == 1:
        name = psi.nodes[0].name
    unit = vector / np.linalg.norm(vector)
    if isinstance(psi, Diagram) and psi.kind == "bra":
        return bra(unit.conj(), name=name)  # (as_vector read the bra's ket)
    return ket(unit, name=name)


@dataclass(frozen=True)
class Eigenspace:
    """One eigenvalue of an operator with an orthonormal basis of its eigenvectors.

    ``basis`` holds kets (labelled ``|E=value;k⟩``), ``vectors`` the same numbers as the
    columns of a matrix, ``degeneracy`` their count, ``projector`` the matrix ``Σ|k⟩⟨k|``.
    """

    value: float | complex
    basis: tuple[Diagram, ...]
    vectors: np.ndarray
    multiplicity: int | None = None  # algebraic multiplicity (None: the same as the degeneracy)
    splitting: float | None = None  # the gap to the next level up (None for the highest)
    spread: float = 0.0  # how far apart the eigenvalues grouped into this level were
    tolerance: float = 0.0  # the gap below which levels were grouped

    @property
    def degeneracy(self) -> int:
        """The dimension of the eigenspace (the geometric multiplicity)."""
        return int(self.vectors.shape[1])

    @property
    def defective(self) -> bool:
        """True when the eigenvalue repeats more often than it has independent eigenvectors (a Jordan block)."""
        return self.multiplicity is not None and self.multiplicity > self.degeneracy

    def describe_splitting(self) -> str:
        """How this level stands against its tolerance: the levels grouped into it, and the gap to the next one."""
        parts = []
        count = self.multiplicity or self.degeneracy
        if count > 1:
            apart = f"{self.spread:.2g} apart" if self.spread > 0 else "equal"
            parts.append(f"{count} levels {apart}: degenerate within tol {self.tolerance:.2g}")
        if self.splitting is not None:
            parts.append(f"next level {self.splitting:.2g} above: split (tol {self.tolerance:.2g})")
        if self.defective:
            parts.append(f"defective: multiplicity {self.multiplicity}, {self.degeneracy} eigenvector(s)")
        return "; ".join(parts) or "a single level"

    @property
    def projector(self) -> np.ndarray:
        return self.vectors @ self.vectors.conj().T

    def __repr__(self) -> str:
        shown = ", ".join(np.array2string(np.round(v, 4), separator=", ") for v in self.vectors.T[:4])
        more = ", …" if self.degeneracy > 4 else ""
        extra = f", multiplicity={self.multiplicity}" if self.defective else ""
        gap = f", splitting={self.splitting:.3g}" if self.splitting is not None else ""
        return (
            f"Eigenspace(value={format_number(self.value)}, degeneracy={self.degeneracy}{extra}{gap}, "
            f"basis=[{shown}{more}])"
        )


def _orthonormal_basis(vectors: np.ndarray, tol: float) -> np.ndarray:
    """A canonical orthonormal basis of the span of ``vectors``' columns.

    The projector onto the span is applied to the standard basis vectors in order and
    the results are Gram–Schmidt orthonormalised, so the answer does not depend on
    LAPACK's arbitrary choice inside a degenerate eigenspace, and each vector's first
    non-zero entry is real and positive: S20's ground space comes out as |↑⟩, |↓⟩.
    """
    rank = vectors.shape[1]
    chosen: list[np.ndarray] = []
    rows = np.flatnonzero(np.linalg.norm(vectors, axis=1) > tol)  # the projector's non-zero columns, in order
    for k in rows:
        candidate = (vectors @ vectors[k].conj()).astype(complex)  # column k of the projector, never formed whole
        for previous in chosen:
            candidate = candidate - previous * np.vdot(previous, candidate)
        length = np.linalg.norm(candidate)
        if length > tol:
            candidate = candidate / length
            lead = candidate[np.flatnonzero(np.abs(candidate) > tol)[0]]
            chosen.append(candidate * (abs(lead) / lead))
        if len(chosen) == rank:
            break
    basis = np.array(chosen).T
    if np.abs(basis.imag).max(initial=0.0) <= tol:
        basis = basis.real
    return basis


def eig(
    H: Any, *, general: bool = False, tol: float | None = None, k: int | None = None, method: str = "auto"
) -> list[Eigenspace]:
    """The eigenspaces of ``H`` in ascending order of eigenvalue (S8, S9, S13).

    Hermitian ``H`` goes to ``numpy.linalg.eigh``; each eigenspace has an orthonormal,
    canonically chosen basis of kets. Eigenvalues closer than ``tol`` are grouped into one
    degenerate eigenvalue; by default ``tol`` is what the solver can resolve,
    ``DEGENERACY_ULPS · ε · max(1, ‖H‖₂) · n`` for dense diagonalisation (about 10⁻¹¹ for a
    256×256 ``H`` of norm 10) and ``DEGENERACY_ULPS · ε · max(1, ‖H‖₂)`` plus twice the largest
    residual ``‖H v − λ v‖`` for Lanczos (about 10⁻¹³ for twenty spins), so physically split
    levels stay split; each :class:`Eigenspace` reports its
    ``splitting`` to the next level and ``describe_splitting()``. A non-Hermitian ``H``
    is refused unless ``general=True``, which uses ``numpy.linalg.eig``, sorts by real then
    imaginary part, and gives an orthonormal basis of each eigenspace; a defective
    eigenvalue (a Jordan block) has ``multiplicity`` (algebraic) above its ``degeneracy``.
    Operator diagrams (``pn.kron(Z, Z)``, sums of terms) are evaluated first, unless
    ``method="lanczos"``: then scipy's Lanczos finds the ``k`` lowest eigenvalues (default 6)
    with penrose applying the diagram to vectors, never forming its matrix
    (:mod:`penrose.physics.lanczos`). ``method="auto"`` uses Lanczos for Hermitian operator
    diagrams of dimension above ``DENSE_LIMIT`` (1024), dense diagonalisation below; with
    Lanczos only the levels found are returned (the last one may be incomplete if it is
    degenerate beyond ``k``).

    >>> import penrose as pn
    >>> [(s.value, s.degeneracy) for s in pn.eig([[0, 1, 0], [1, 0, 0], [0, 0, 1]])]
    [(-1.0, 1), (1.0, 2)]
    """
    if tol is not None and (isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol < math.inf):
        raise DiagramError(f"eig: tol={tol!r} must be a non-negative number (the gap below which levels merge)")
    if method not in ("auto", "dense", "lanczos"):
        raise DiagramError(f"eig: method={method!r}; choose 'auto', 'dense' or 'lanczos'")
    if k is not None and (isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1):
        raise DiagramError(f"eig: k={k!r} must be a positive whole number (how many lowest eigenvalues)")
    make_ket = _ket_maker(H)  # the kets get the operator's legs, so that H @ ket composes
    if _use_lanczos(H, method, general):
        wanted = int(k or 6)
        size = _input_size(H)
        probe = wanted + 1 if wanted + 1 < size - 1 else wanted  # one more: does the last level go on beyond k?
        values, vectors, residuals = lowest_eigenpairs(H, probe)
        scale = max(1.0, float(np.abs(values).max(initial=0.0)))
        if tol is None:  # each Ritz value is within its residual of an eigenvalue: closer levels are not resolved
            tol = DEGENERACY_ULPS * np.finfo(float).eps * scale + 2 * float(residuals.max())
        spaces = _spaces(values, vectors, True, tol, make_ket)
        if probe > wanted and spaces[-1].degeneracy == 1:
            return spaces[:-1]  # the extra eigenvalue is a level of its own: the k asked for end on whole levels
        if probe > wanted or spaces[-1].degeneracy > 1:
            last = spaces[-1]
            warnings.warn(
                f"eig(k={wanted}): the highest level found, E = {format_number(last.value)}, is degenerate "
                f"({last.degeneracy} vectors found) and may go on beyond the {probe} eigenvalues computed, so its "
                "basis may be incomplete; ask for a larger k to see all of it",
                IncompleteLevelWarning,
                stacklevel=2,
            )
        return spaces
    matrix = as_matrix(H, "H")
    hermitian = is_hermitian(matrix)
    if not hermitian and not general:
        raise DiagramError(
            "H is not Hermitian (H ≠ H†), so its eigenvalues need not be real energies; "
            "pass general=True for a general eigendecomposition"
        )
    if hermitian:
        values, vectors = np.linalg.eigh(matrix)
        scale = max(1.0, float(np.abs(values).max(initial=0.0)))
    else:
        values, vectors = np.linalg.eig(matrix)
        order = np.lexsort((values.imag, values.real))
        values, vectors = values[order], vectors[:, order]
        scale = max(1.0, float(np.linalg.norm(matrix, 2)))
    if tol is None:  # what a dense eigensolver resolves
        tol = DEGENERACY_ULPS * np.finfo(float).eps * scale * len(values)
    spaces = _spaces(values, vectors, hermitian, tol, make_ket)
    if k is None:
        return spaces
    kept, count = [], 0
    for space in spaces:  # the levels holding the k lowest eigenvalues
        if count >= k:
            break
        kept.append(space)
        count += space.multiplicity or space.degeneracy
    return kept


def level_tolerance(space: Eigenspace) -> float:
    """How far a number may be from ``space.value`` and still name that level: the gap below which :func:`eig`
    grouped eigenvalues into it, widened by the spread of those it grouped (one rule for every helper)."""
    return space.tolerance + space.spread


def _as_network_expectation(psi: Any, O: Any) -> float | complex | None:
    """⟨ψ|O|ψ⟩/⟨ψ|ψ⟩ contracted as networks (ψ a ket, or a bra read as its ket), O's input legs joined to ψ's
    legs in order whichever way each is drawn (an MPS and a ``site_operator``); None for the dense path."""
    if not (isinstance(psi, Diagram) and isinstance(O, Diagram) and O.kind == "operator"):
        return None
    state = psi.dag if psi.kind == "bra" else psi
    if state.kind != "ket" or state.symbolic or O.symbolic:
        return None
    if _input_size(O) <= DENSE_LIMIT and not _holds_symbols(state, O):
        return None  # small: read as a vector and a matrix, scaled so that no square overflows
    outputs, inputs = flow_legs(O.legs)
    dims = [leg.dim for leg in state.legs]
    if [leg.dim for leg in inputs] != dims or [leg.dim for leg in outputs] != dims:
        return None  # legs that do not pair one to one (a one-leg ket, a many-leg operator): vector and matrix
    sites = list(range(len(dims)))
    applied = connect(O, list(inputs), state, sites)  # O|ψ⟩: its output legs are left open, in order
    denominator = (state.dag @ state).value()
    if denominator == 0:
        raise DiagramError(f"ψ ({state.describe()}) is the zero vector, which is no physical state")
    result = connect(state.dag, sites, applied, sites).value() / denominator
    if type(result).__module__.startswith("sympy"):
        return result.simplify()  # a symbolic answer
    if isinstance(result, complex) or np.iscomplexobj(result):
        result = complex(result)
        if abs(result.imag) <= 1e-12 * abs(result.real):  # rounding of a Hermitian O's real value
            return float(result.real)
        return result
    return result if isinstance(result, Fraction) else float(result)


def _holds_symbols(*diagrams: Diagram) -> bool:
    """True when a box holds sympy entries (the answer is then an expression, found by contracting the network)."""
    return any(
        isinstance(node.data, np.ndarray)
        and node.data.dtype.kind == "O"
        and any(type(v).__module__.startswith("sympy") for v in node.data.flat)
        for diagram in diagrams
        for _, term in diagram.terms
        for node in term.nodes
    )


def uses_lanczos(H: Any) -> bool:
    """True when :func:`eig` and :func:`ground_states` use Lanczos for ``H`` by default (a big operator diagram)."""
    return _use_lanczos(H, "auto", False)


def _use_lanczos(H: Any, method: str, general: bool) -> bool:
    if method == "dense" or general:
        return False
    if method == "lanczos":
        if not isinstance(H, Diagram):
            raise DiagramError("eig: method='lanczos' needs an operator diagram (penrose applies it to vectors)")
        return True
    if not isinstance(H, Diagram) or H.kind != "operator":
        return False
    return _input_size(H) > DENSE_LIMIT


def _input_size(H: Diagram) -> int:
    """The dimension of the space an operator diagram acts on: its input legs' dimensions multiplied."""
    return entry_count(flow_legs(H.legs)[1])


def _spaces(
    values: np.ndarray, vectors: np.ndarray, hermitian: bool, tol: float, make_ket: Callable[[np.ndarray, str], Diagram]
) -> list[Eigenspace]:
    """Eigenvalues grouped into levels (within ``tol``), each with a canonical basis of kets."""
    groups: list[list[int]] = []
    for k in range(len(values)):
        if groups and abs(values[k] - values[groups[-1][0]]) <= tol:
            groups[-1].append(k)
        else:
            groups.append([k])
    spaces = []
    for number, group in enumerate(groups):
        value = values[group].mean()
        if hermitian:
            value = float(np.real(value))
            basis_vectors = _orthonormal_basis(vectors[:, group], 1e-9)
        else:
            value = complex(value) if abs(np.imag(value)) > tol else float(np.real(value))
            basis_vectors = _orthonormal_basis(_independent(vectors[:, group]), 1e-9)
        label = format_number(value)
        kets = tuple(make_ket(v, f"E={label};{k + 1}") for k, v in enumerate(basis_vectors.T))
        following = groups[number + 1][0] if number + 1 < len(groups) else None
        splitting = None if following is None else float(abs(values[following] - values[group[-1]]))
        spread = float(abs(values[group[-1]] - values[group[0]]))
        spaces.append(Eigenspace(value, kets, basis_vectors, len(group), splitting, spread, float(tol)))
    return spaces


def ground_states(H: Any, method: str = "auto", *, tol: float | None = None) -> Eigenspace:
    """The lowest eigenspace of a Hermitian ``H``: its energy E₀ and ground-state kets (S19).

    ``tol`` groups levels closer than it into the ground level, as in :func:`eig`.

    >>> import penrose as pn
    >>> ground = pn.ground_states(pn.pauli.X)
    >>> ground.value, ground.vectors.ravel().round(4).tolist()
    (-1.0, [0.7071, -0.7071])
    """
    if not _use_lanczos(H, method, False):
        return eig(H, method=method, tol=tol)[0]
    k, size = 1, _input_size(H)  # (eig computes one level more than asked: two tell whether the lowest is alone)
    while True:  # Lanczos: as few levels as show the whole ground level (more when it is degenerate)
        with warnings.catch_warnings(record=True) as caught:  # an incomplete last level is why the loop asks again
            warnings.simplefilter("always", IncompleteLevelWarning)
            spaces = eig(H, method="lanczos", k=k, tol=tol)
        others = [w for w in caught if not issubclass(w.category, IncompleteLevelWarning)]
        for other in others:  # (said, not lost)
            warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)
        incomplete = len(others) < len(caught)
        if len(spaces) > 1 or not incomplete or k >= size - 2:
            return spaces[0]
        k = min(2 * k, size - 2)


def probability(psi: Any, O: Any, value: float, *, tol: float | None = None) -> float | Fraction:
    """The probability of measuring ``value`` for observable ``O`` in state ``ψ`` (S14).

    ``P = ⟨ψ|P_o|ψ⟩ / ⟨ψ|ψ⟩`` with ``P_o`` the projector onto the eigenspace of ``value``:
    the seminar's ``|⟨o|ψ⟩|² / (⟨ψ|ψ⟩⟨o|o⟩)``, summed over an orthonormal basis when the
    value is degenerate; ψ need not be normalised. A value that is not an eigenvalue
    of ``O`` (within the grouping tolerance of :func:`eig`) has probability 0 and a
    :class:`NotAnEigenvalueWarning` says so. When ψ, ``O`` and ``value`` are integers or fractions
    the answer is an exact :class:`~fractions.Fraction` (``4/9``; see :mod:`penrose.physics.rational`).

    >>> import penrose as pn
    >>> pn.probability(pn.ket([1, 0]), pn.pauli.X, 1)  # exact numbers in, an exact answer out
    Fraction(1, 2)
    >>> round(pn.probability(pn.ket([0.6, 0.8]), pn.pauli.Z, -1), 6)
    0.64
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating, Fraction)):
        raise DiagramError(f"probability: the measured value must be a real number, got {value!r}")
    vector, matrix = scaled(as_vector(psi, "ψ")), as_matrix(O, "O")
    _check_acts_on(matrix, vector, "O", "ψ")
    spaces = eig(matrix, tol=tol)
    nearest = min(spaces, key=lambda space: abs(space.value - value))
    if abs(nearest.value - value) <= level_tolerance(nearest):  # eig's own grouping rule, one for every helper
        exact = exact_probability(_numbers_as_given(psi), _numbers_as_given(O), value)
        if exact is not None:
            return exact
        weight = np.vdot(vector, nearest.projector @ vector).real
        return float(weight / np.vdot(vector, vector).real)
    values = ", ".join(format_number(s.value) for s in spaces)
    warnings.warn(
        f"{value} is not an eigenvalue of O (its eigenvalues are {values}), so it is never measured: probability 0",
        NotAnEigenvalueWarning,
        stacklevel=2,
    )
    return 0.0


def expectation(psi: Any, O: Any) -> float | complex:
    """``⟨ψ|O|ψ⟩ / ⟨ψ|ψ⟩``, evaluated as one closed diagram over another (S12, S15).

    Real for a Hermitian ``O``; equals ``Σ value × probability`` over its eigenvalues.
    A ket diagram and an operator diagram whose input legs face it (an MPS and an MPO, both
    drawn top to bottom; a many-leg ket and a ``site_operator``) are contracted as the
    networks ``ψ.dag @ O @ ψ`` and ``ψ.dag @ ψ``, never as a 2^N vector; otherwise both are
    read as a vector and a matrix.

    >>> import penrose as pn
    >>> pn.expectation(pn.ket([1, 0]), pn.pauli.Z)
    1.0
    """
    network = _as_network_expectation(psi, O)
    if network is not None:
        return network
    vector, matrix = scaled(as_vector(psi, "ψ")), as_matrix(O, "O")
    _check_acts_on(matrix, vector, "O", "ψ")
    state = ket(vector)  # scaled: ⟨ψ|O|ψ⟩ and ⟨ψ|ψ⟩ neither overflow nor vanish, their ratio is the same
    observable = O if isinstance(O, Diagram) and len(O.legs) == 2 else op(matrix, name="O")
    numerator = (state.dag @ observable @ state).value()
    denominator = (state.dag @ state).value()
    result = numerator / denominator
    if is_hermitian(matrix):
        return float(np.real(result))
    return complex(result)
