"""Spontaneous symmetry breaking: a theory symmetric under U whose ground states are not (S16–S20)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.constructors import ket, op
from ..core.diagram import Diagram
from ..core.errors import DiagramError
from ..core.typography import format_number
from ..draw.figure import Figure, draw_column
from .equation import equation
from .lanczos import matvec_of
from .quantum import (
    RTOL,
    Eigenspace,
    as_matrix,
    commutes,
    ground_states,
    is_invariant,
    is_unitary,
    same_ray,
    uses_lanczos,
)

__all__ = ["SymmetryBreaking", "symmetry_breaking"]


@dataclass(frozen=True)
class SymmetryBreaking:
    """What :func:`symmetry_breaking` found about a theory ``H`` and a transformation ``U``.

    - ``symmetric``: ``HU = UH`` (the theory has the symmetry).
    - ``ground``: the ground space (:class:`~penrose.quantum.Eigenspace`).
    - ``action``: the matrix ``⟨gᵢ|U|gⱼ⟩`` of U on the ground basis (None if not symmetric).
    - ``broken_states``: the ground basis kets that U changes (not the same ray).
    - ``invariant_states``: combinations of ground states that U leaves alone (up to a phase).
    - ``broken``: the symmetry is spontaneously broken: the theory is symmetric but a
      ground state is not.
    """

    symmetric: bool
    ground: Eigenspace
    action: np.ndarray | None
    broken_states: tuple[Diagram, ...]
    invariant_states: tuple[Diagram, ...]
    commutator_norm: float
    theory: Diagram | None = None
    transformation: Diagram | None = None

    def draw(self, theme: Any = "slide", layout: str = "auto") -> Figure:
        """The story in pictures: ``ĤÛ = ÛĤ`` with ✓ or ✗, then ``Û|g⟩`` for each ground state.

        >>> import numpy as np, penrose as pn
        >>> U = [[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]]
        >>> pn.symmetry_breaking(np.diag([1, -1, 1, -1]), U).draw().to_svg().startswith("<svg")
        True
        """
        assert self.theory is not None and self.transformation is not None
        H, U = self.theory, self.transformation
        figures = [equation(H @ U, U @ H).draw(check=True, theme=theme, layout=layout)]
        figures += [(U @ state).draw(theme=theme, layout=layout) for state in self.ground.basis]
        return draw_column(figures, "symmetry breaking")

    def _repr_svg_(self) -> str:
        return self.draw().to_svg()

    @property
    def broken(self) -> bool:
        return self.symmetric and bool(self.broken_states)

    def __repr__(self) -> str:
        lines = []
        if not self.symmetric:
            lines.append(
                f"theory NOT symmetric under U: ‖HU − UH‖ = {self.commutator_norm:.3g}, "
                "so there is no symmetry to break"
            )
        else:
            lines.append("theory symmetric under U: HU = UH")
        ground = self.ground
        lines.append(f"ground energy E₀ = {format_number(ground.value)}, degeneracy {ground.degeneracy}")
        lines.append(f"  {ground.describe_splitting()}")
        for state, vector in zip(ground.basis, ground.vectors.T):
            lines.append(f"  {_ket_text(state)} = {_vector_text(vector)}")
        if self.symmetric:
            lines.append(f"U on the ground space:\n{_indent(np.array2string(_tidy(self.action), separator=', '))}")
            if self.broken:
                names = ", ".join(_ket_text(s) for s in self.broken_states)
                lines.append(f"spontaneously broken: U changes the ground state(s) {names}")
            else:
                lines.append("not broken: every ground state is invariant under U")
            for state in self.invariant_states:
                lines.append(f"  invariant combination {_ket_text(state)} = {_vector_text(state.value())}")
        return "SymmetryBreaking(\n" + "\n".join("  " + line for line in lines) + "\n)"


def _ket_text(state: Diagram) -> str:
    return f"|{state.nodes[0].name}⟩"


def _tidy(array: np.ndarray | None) -> np.ndarray:
    assert array is not None
    array = np.round(array, 6) + 0.0  # + 0.0 turns -0.0 into 0.0
    return array.real if np.abs(array.imag).max(initial=0) == 0 else array


def _vector_text(vector: np.ndarray) -> str:
    return np.array2string(
        _tidy(np.asarray(vector)), separator=", ", precision=4, suppress_small=True, max_line_width=10_000
    )


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def symmetry_breaking(H: Any, U: Any, *, tol: float | None = None) -> SymmetryBreaking:
    """Is the theory ``H`` symmetric under ``U``, and do its ground states break that symmetry?

    ``U`` must be unitary and of ``H``'s dimension; ``H`` Hermitian. ``tol`` groups levels
    closer than it into the ground level (:func:`eig`'s default otherwise: what the solver
    resolves). A big operator diagram (above 1024 states, e.g. twenty spins built from site
    operators) is handled without its matrix: the ground level by Lanczos, and ``HU = UH``,
    U's unitarity and U on the ground space by applying the diagrams to vectors (the
    commutator is then checked on random vectors). For the seminar's S20
    (``H = diag(1, −1, 1, −1)``, U swapping the two halves) it reports a symmetric theory
    with the twofold ground space {|↑⟩, |↓⟩}, which U swaps: spontaneously broken, with
    (|↑⟩ ± |↓⟩)/√2 as the invariant combinations.

    >>> import numpy as np, penrose as pn
    >>> U = np.array([[0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]])
    >>> report = pn.symmetry_breaking(np.diag([1, -1, 1, -1]), U)
    >>> report.symmetric, report.ground.degeneracy, report.broken
    (True, 2, True)
    """
    if uses_lanczos(H):
        return _without_matrices(H, U, tol)
    h, u = as_matrix(H, "H"), as_matrix(U, "U")
    if h.shape != u.shape:
        raise DiagramError(
            f"H is {h.shape[0]}x{h.shape[1]} but U is {u.shape[0]}x{u.shape[1]}; U must act on H's space"
        )
    if not is_unitary(u):
        raise DiagramError("U is not unitary (U†U ≠ 1): a transformation of states must keep their lengths (S16)")
    ground = ground_states(h, tol=tol)
    commutator_norm = float(np.linalg.norm(h @ u - u @ h))
    theory = H if isinstance(H, Diagram) and len(H.legs) == 2 else op(h, name="H")
    transformation = U if isinstance(U, Diagram) and len(U.legs) == 2 else op(u, name="U")
    if not commutes(h, u):
        return SymmetryBreaking(False, ground, None, (), (), commutator_norm, theory, transformation)
    moved = u @ ground.vectors
    broken_states = tuple(state for state, v in zip(ground.basis, ground.vectors.T) if not is_invariant(v, u))
    action, invariant = _on_ground_space(ground, moved, bool(broken_states), None)
    return SymmetryBreaking(True, ground, action, broken_states, invariant, commutator_norm, theory, transformation)


def _on_ground_space(
    ground: Eigenspace, moved: np.ndarray, broken: bool, dims: list[int] | None
) -> tuple[np.ndarray, tuple[Diagram, ...]]:
    """U's matrix on the ground space (``moved`` = U applied to the basis), and, when broken, its invariant rays."""
    basis = ground.vectors
    action = basis.conj().T @ moved
    invariant = []
    if broken:  # eigenvectors of U's action on the ground space are the invariant rays (U unitary: a normal matrix)
        phases, combinations = np.linalg.eig(action)
        order = np.argsort(np.angle(phases).round(9) % (2 * np.pi))
        for k, column in enumerate(combinations[:, order].T):
            vector = basis @ column
            vector = vector / np.linalg.norm(vector)
            lead = vector[np.flatnonzero(np.abs(vector) > 1e-9)[0]]
            vector = vector * (abs(lead) / lead)
            if np.abs(vector.imag).max() < 1e-12:
                vector = vector.real
            invariant.append(ket(vector, name=f"sym;{k + 1}", dims=dims))
    return action, tuple(invariant)


def _without_matrices(H: Diagram, U: Any, tol: float | None) -> SymmetryBreaking:
    """:func:`symmetry_breaking` for a big operator diagram: Lanczos, and both operators applied to vectors."""
    if not isinstance(U, Diagram) or U.kind != "operator":
        raise DiagramError(
            f"H is a big operator diagram ({H.describe()}), so U must be an operator diagram on the same legs "
            "(for example pn.site_operator({i: X for i in range(N)}, N)), not a matrix"
        )
    dims_h, apply_h, _ = matvec_of(H)
    dims_u, apply_u, _ = matvec_of(U)
    if dims_h != dims_u:
        raise DiagramError(f"H acts on legs of dimensions {dims_h} but U on {dims_u}; U must act on H's space")
    rng = np.random.default_rng(2)
    probes = [rng.normal(size=int(np.prod(dims_h))) for _ in range(3)]
    for x in probes:  # U keeps lengths (S16), and HU = UH, checked on random vectors
        if abs(np.linalg.norm(apply_u(x)) - np.linalg.norm(x)) > RTOL * np.linalg.norm(x) * 1e3:
            raise DiagramError("U is not unitary (‖Ux‖ ≠ ‖x‖): a transformation of states must keep their lengths")
    commutator_norm = max(
        float(np.linalg.norm(apply_h(apply_u(x)) - apply_u(apply_h(x))) / np.linalg.norm(x)) for x in probes
    )
    scale = max(1.0, max(float(np.linalg.norm(apply_h(x)) / np.linalg.norm(x)) for x in probes))
    ground = ground_states(H, tol=tol)
    if commutator_norm > RTOL * 1e3 * scale:
        return SymmetryBreaking(False, ground, None, (), (), commutator_norm, H, U)
    moved = np.stack([apply_u(v) for v in ground.vectors.T], axis=1)
    broken_states = tuple(  # (Lanczos's vectors are good to about 1e-13: a looser relative test than dense)
        state
        for state, v, w in zip(ground.basis, ground.vectors.T, moved.T)
        if not same_ray(v, w, rtol=1e3 * RTOL, atol=0.0)
    )
    dims = [int(d) for d in dims_h]
    action, invariant = _on_ground_space(ground, moved, bool(broken_states), dims)
    return SymmetryBreaking(True, ground, action, broken_states, invariant, commutator_norm, H, U)
