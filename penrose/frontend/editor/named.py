"""Entries a box may take by name in the editor: the Pauli matrices, H, S, T, CNOT, CZ, SWAP and rotations.

A name stands for a matrix written rows out, columns in (as ``pn.op`` reads one); a
rotation takes its angle, read by penrose's number reader: ``Rz(pi/4)``. Anything else
typed as entries is read by :func:`penrose.frontend.dirac.parse_value`, never by ``eval``.

>>> entries("CNOT").tolist()[3]
[0, 0, 1, 0]
>>> entries("[[1, 2], [-1, 4]]").shape
(2, 2)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

from ..numbers import DiracError, parse_value

__all__ = ["FIXED", "ROTATIONS", "entries"]

#: Matrices known by name, exact where they can be.
FIXED: dict[str, np.ndarray] = {
    "I": np.eye(2, dtype=np.int64),
    "X": np.array([[0, 1], [1, 0]]),
    "Y": np.array([[0, -1j], [1j, 0]]),
    "Z": np.array([[1, 0], [0, -1]]),
    "H": np.array([[1, 1], [1, -1]]) / np.sqrt(2),
    "S": np.array([[1, 0], [0, 1j]]),
    "T": np.array([[1, 0], [0, np.exp(1j * np.pi / 4)]]),
    "CNOT": np.eye(4, dtype=np.int64)[[0, 1, 3, 2]],
    "CZ": np.diag([1, 1, 1, -1]),
    "SWAP": np.eye(4, dtype=np.int64)[[0, 2, 1, 3]],
}


def _rx(angle: float) -> np.ndarray:
    c, s = np.cos(angle / 2), np.sin(angle / 2)
    return np.array([[c, -1j * s], [-1j * s, c]])


def _ry(angle: float) -> np.ndarray:
    c, s = np.cos(angle / 2), np.sin(angle / 2)
    return np.array([[c, -s], [s, c]])


def _rz(angle: float) -> np.ndarray:
    return np.diag([np.exp(-0.5j * angle), np.exp(0.5j * angle)])


#: Rotations by an angle: ``Rx(θ) = exp(−iθX/2)`` and alike.
ROTATIONS: dict[str, Callable[[float], np.ndarray]] = {"Rx": _rx, "Ry": _ry, "Rz": _rz}
_ROTATION = re.compile(r"^\s*(R[xyz])\s*\((.*)\)\s*$")


def entries(text: str) -> Any:
    """The numbers ``text`` stands for: a known name, a rotation ``Rz(angle)``, or numbers and lists.

    Raises :class:`~penrose.frontend.dirac.DiracError` (a DiagramError) for text it cannot read.
    """
    key = text.strip()
    if key in FIXED:
        return FIXED[key].copy()
    rotation = _ROTATION.match(key)
    if rotation:
        angle = parse_value(rotation.group(2))
        if isinstance(angle, (np.ndarray, complex)):
            raise DiracError(f"{rotation.group(1)}({rotation.group(2)}): the angle is one real number")
        return ROTATIONS[rotation.group(1)](float(angle))
    try:
        return parse_value(key)
    except DiracError as error:
        names = ", ".join([*FIXED, *(f"{name}(angle)" for name in ROTATIONS)])
        raise DiracError(f"{error.message}; or name a matrix: {names}") from None
