"""Nodes: the boxes of a diagram, each with its legs and (unless symbolic) its numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np

from .errors import DiagramError
from .legs import Leg

__all__ = ["Node", "as_numeric_array", "is_foreign_array", "kind_of", "make_node"]

# Array libraries whose arrays are kept as they are (on their device), not copied to numpy.
_FOREIGN_ARRAY_MODULES = frozenset({"torch", "jax", "jaxlib", "cupy", "dask", "tensorflow"})


def kind_of(sides: Sequence[str]) -> str:
    """Read a diagram's kind off the sides of its open legs (the notation's own rule).

    Only W legs: a ket; only E: a bra; W and E: an operator; none: a scalar;
    anything with an N or S leg: a general tensor.
    """
    present = set(sides)
    if not present:
        return "scalar"
    if present == {"W"}:
        return "ket"
    if present == {"E"}:
        return "bra"
    if present == {"W", "E"}:
        return "operator"
    return "tensor"


def is_foreign_array(data: object) -> bool:
    """True for torch, jax, cupy, dask or tensorflow arrays, which penrose leaves on their device."""
    module = type(data).__module__.partition(".")[0]
    return module in _FOREIGN_ARRAY_MODULES and hasattr(data, "shape")


def as_numeric_array(data: Any, owner: str) -> Any:
    """Check that ``data`` is a finite numeric array and return a read-only copy of it.

    ``owner`` names the node in messages (``"ket 'ψ'"``). Arrays of other libraries
    (torch, jax, cupy, dask) are returned unchanged, after a check of their shape,
    so that contraction happens on their device.
    """
    if is_foreign_array(data):
        try:
            tuple(int(size) for size in data.shape)
        except (TypeError, ValueError):
            raise DiagramError(
                f"{owner}: the array's shape {data.shape} is not known; compute its chunk sizes first"
            ) from None
        return data
    try:
        array = np.array(data, copy=True)
    except (ValueError, TypeError) as error:
        if "inhomogeneous" in str(error) or "sequence" in str(error):
            raise DiagramError(
                f"{owner}: data is ragged (its rows have different lengths); "
                "every row of a matrix, and every entry of a vector, must have the same length"
            ) from None
        raise DiagramError(f"{owner}: data cannot be read as an array of numbers ({error})") from None
    if array.dtype.kind == "b":
        array = array.astype(np.int64)
    if array.dtype.kind not in "iufc":
        bad = _first_non_number(array)
        raise DiagramError(f"{owner}: data must be numbers (int, float or complex), but it holds {bad}")
    finite = np.isfinite(array)
    if not finite.all():
        where = tuple(int(i) for i in np.argwhere(~finite)[0])
        value = array[where] if where else array[()]
        raise DiagramError(
            f"{owner}: data holds {value} at position {where if where else '()'} "
            f"({int((~finite).sum())} non-finite entr{'y' if (~finite).sum() == 1 else 'ies'}); "
            "NaN and infinity have no place in a diagram's value"
        )
    array.flags.writeable = False
    return array


def _first_non_number(array: np.ndarray) -> str:
    for entry in array.flat:
        if isinstance(entry, np.generic):
            entry = entry.item()
        if isinstance(entry, int) and not isinstance(entry, bool):
            if abs(entry) >= 2**63:
                return f"the integer {entry}, too large for 64-bit arithmetic (write it as a float, {float(entry):.3g})"
            continue
        if not isinstance(entry, (float, complex)):
            return f"{entry!r} ({type(entry).__name__})"
    return f"entries of type {array.dtype}"


@dataclass(frozen=True, eq=False)
class Node:
    """A box: a label, its legs and its numbers (``data``), or no numbers if symbolic.

    Nodes are immutable; a diagram may hold the same node object twice (``ψ`` in
    ``⟨ψ|H|ψ⟩``), each occurrence being a separate box. ``kind`` is what the box was
    made as (``ket``, ``bra``, ``operator``, ``scalar``, ``tensor``): pictures decorate
    labels by it, so an einsum tensor whose legs all point right is not drawn as a bra.
    ``daggered`` records that the box was mirrored by ``.dag`` (its label gets a dagger),
    ``conjugated`` that it was mirrored by ``.conj()`` (a star); ``color`` overrides the
    renderer's fill colour for this box.
    """

    name: str | None
    legs: tuple[Leg, ...]
    data: Any = None
    daggered: bool = False
    color: str | None = None
    conjugated: bool = False
    kind: str = "tensor"

    @property
    def symbolic(self) -> bool:
        """True when the node carries no numbers (it can be drawn, not evaluated)."""
        return self.data is None

    @property
    def shape(self) -> tuple[int | None, ...]:
        return tuple(leg.dim for leg in self.legs)

    @cached_property
    def sides(self) -> dict[str, str]:
        """Each leg's side by leg name: ``{"i": "W", "j": "E"}``."""
        return {leg.name: leg.side for leg in self.legs}

    def describe(self) -> str:
        """A short phrase for messages: ``ket 'ψ'``, ``operator 'H'``."""
        if self.name is None:
            shape = "×".join("?" if d is None else str(d) for d in self.shape)
            return f"unnamed {self.kind}" + (f" ({shape})" if shape else "")
        return f"{self.kind} {self.name + ('†' if self.daggered else '')!r}"

    def dagger(self) -> Node:
        """The adjoint box: mirrored left to right (W↔E), numbers conjugated, a ket becoming a bra."""
        swap = {"W": "E", "E": "W", "N": "N", "S": "S"}
        kind = {"ket": "bra", "bra": "ket"}.get(self.kind, self.kind)
        return replace(
            self, legs=self._swapped(swap), data=self._conjugate_data(), daggered=not self.daggered, kind=kind
        )

    def conjugate(self) -> Node:
        """The complex-conjugate box: mirrored top to bottom (N↔S), numbers conjugated."""
        swap = {"W": "W", "E": "E", "N": "S", "S": "N"}
        return replace(self, legs=self._swapped(swap), data=self._conjugate_data(), conjugated=not self.conjugated)

    def _swapped(self, swap: dict[str, str]) -> tuple[Leg, ...]:
        return tuple(replace(leg, side=swap[leg.side]) for leg in self.legs)

    def _conjugate_data(self) -> Any:
        data = self.data
        if data is not None and _is_complex(data):
            data = data.conj()
            if isinstance(data, np.ndarray):
                data.flags.writeable = False
        return data


def _is_complex(data: Any) -> bool:
    dtype = getattr(data, "dtype", None)
    if dtype is None:
        return False
    try:
        return np.dtype(dtype).kind == "c"
    except TypeError:  # a foreign dtype (torch.complex64, ...)
        return "complex" in str(dtype)


_KINDS = {"ket": "ket", "bra": "bra", "op": "operator", "scalar": "scalar", "tensor": "tensor"}


def make_node(
    name: str | None,
    leg_specs: Sequence[tuple[str, str, int | None]],
    data: Any,
    owner_kind: str,
    color: str | None = None,
) -> Node:
    """Validate and build a node from ``(leg name, side, dim)`` triples and optional data.

    ``owner_kind`` is the constructor's word for messages (``"ket"``, ``"tensor"``).
    With data, each leg's dimension comes from the data's shape; a given dim must agree.
    """
    if name is not None and not isinstance(name, str):
        name = str(name)
    owner = f"{owner_kind} {name!r}" if name is not None else f"{owner_kind}"
    seen: set[str] = set()
    for leg_name, _, _ in leg_specs:
        if leg_name in seen:
            raise DiagramError(
                f"{owner}: the leg name {leg_name!r} is used twice; each leg of a box needs its own name"
            )
        seen.add(leg_name)
    if data is None:
        legs = tuple(Leg(leg_name, dim, side) for leg_name, side, dim in leg_specs)
        for leg in legs:
            if leg.dim is not None and (not isinstance(leg.dim, (int, np.integer)) or leg.dim < 1):
                raise DiagramError(f"{owner}: {leg.describe()} must have a positive whole dimension")
        return Node(name, legs, None, color=color, kind=_KINDS.get(owner_kind, "tensor"))
    array = as_numeric_array(data, owner)
    shape = tuple(int(size) for size in array.shape)
    if len(shape) != len(leg_specs):
        raise DiagramError(
            f"{owner}: data has {len(shape)} ax{'i' if len(shape) == 1 else 'e'}s (shape {shape}) "
            f"but {len(leg_specs)} leg{'s' if len(leg_specs) != 1 else ''} "
            f"{[leg_name for leg_name, _, _ in leg_specs]}; give one leg per axis"
        )
    legs = []
    for (leg_name, side, dim), size in zip(leg_specs, shape):
        if dim is not None and dim != size:
            raise DiagramError(f"{owner}: leg {leg_name!r} is declared with dim {dim} but the data has {size} along it")
        if size == 0:
            raise DiagramError(f"{owner}: leg {leg_name!r} has dimension 0; an empty axis has no value")
        legs.append(Leg(leg_name, size, side))
    return Node(name, tuple(legs), array, color=color, kind=_KINDS.get(owner_kind, "tensor"))
