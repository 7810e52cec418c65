"""A many-leg ket's (or bra's) value written as the field writes it: ``(|000⟩ + |111⟩)/√2``, not a column of 8.

Each non-zero entry is a basis state labelled by its legs' indices (first leg first, as
``numpy.kron`` orders them). Entries of one size share it as a factor in front (or ``/√k``
behind); otherwise each term carries its own coefficient. Exact values stay exact (``4/9``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..labels import entry_text

__all__ = ["DIRAC_LIMIT", "DIRAC_TERMS", "dirac_text", "reads_well", "written_in_dirac_form"]

#: States of at most this many entries (and legs of at most 10 values) are written in Dirac form.
DIRAC_LIMIT = 16


#: ... and with at most this many non-zero terms, unless they all have one size (a GHZ or W state, a uniform sum).
DIRAC_TERMS = 4


def written_in_dirac_form(kind: str, dims: Sequence[int | None]) -> bool:
    """True for a ket or bra of several legs, each of at most 10 values, with at most :data:`DIRAC_LIMIT` entries."""
    if kind not in ("ket", "bra") or len(dims) < 2 or any(d is None or d > 10 for d in dims):
        return False
    return math.prod(dims) <= DIRAC_LIMIT  # type: ignore[arg-type]


def reads_well(vector: Any) -> bool:
    """True when the Dirac form is short: at most :data:`DIRAC_TERMS` terms, or terms all of one size."""
    try:
        sizes = [abs(complex(value)) for value in np.asarray(vector, dtype=object).ravel() if value != 0]
    except (TypeError, ValueError):  # a symbolic entry: no size to compare, the column says it plainly
        return False
    return len(sizes) <= DIRAC_TERMS or all(math.isclose(size, sizes[0], rel_tol=1e-12) for size in sizes)


def dirac_text(vector: Any, dims: Sequence[int], bra: bool = False) -> str:
    """``vector`` (one entry per basis state) as a sum of labelled basis states.

    >>> dirac_text(np.array([1, 0, 0, 1]) / np.sqrt(2), [2, 2])
    '(|00⟩ + |11⟩)/√2'
    >>> dirac_text(np.array([1, 0, 0, -2]), [2, 2], bra=True)
    '⟨00| − 2⟨11|'
    """
    entries = list(np.asarray(vector, dtype=object).ravel())
    terms = [(index, value) for index, value in enumerate(entries) if value != 0]
    if not terms:
        return "0"
    states = {index: _state(index, dims, bra) for index, _ in terms}
    sizes = [abs(complex(value)) for _, value in terms]
    common = sizes[0]
    if len(terms) > 1 and all(math.isclose(size, common, rel_tol=1e-12) for size in sizes):
        units = [(index, _unit(value, common)) for index, value in terms]
        if all(unit is not None for _, unit in units):
            inner = _joined([(unit, states[index]) for index, unit in units])
            factor = abs(terms[0][1]) if _exact(terms[0][1]) else common  # exact stays exact: 1/3, not 0.3333
            return _scaled(inner, factor)
    return _joined([(value, states[index]) for index, value in terms])


def _state(index: int, dims: Sequence[int], bra: bool) -> str:
    digits = "".join(str(int(d)) for d in np.unravel_index(index, tuple(dims)))
    return f"⟨{digits}|" if bra else f"|{digits}⟩"


def _unit(value: Any, size: float) -> str | None:
    """The phase of ``value`` (of size ``size``) as a sign: ``+``, ``−``, ``+i``, ``−i``; None for another phase."""
    phase = complex(value) / size
    for text, unit in (("+", 1), ("−", -1), ("+i", 1j), ("−i", -1j)):
        if abs(phase - unit) < 1e-9:
            return text
    return None


def _joined(terms: list[tuple[Any, str]]) -> str:
    """``a|x⟩ + b|y⟩ − …``: coefficients written as pictures write numbers, signs between terms."""
    parts = []
    for k, (coefficient, state) in enumerate(terms):
        if isinstance(coefficient, str):  # a phase sign from _unit
            sign, rest = coefficient[0], coefficient[1:]
        else:
            text = entry_text(coefficient)
            if "+" in text[1:] or "−" in text[1:]:  # a complex coefficient: in brackets
                sign, rest = "+", f"({text})"
            else:
                sign, rest = ("−", text[1:]) if text.startswith("−") else ("+", text)
                rest = f"({rest})" if "/" in rest else rest  # (1/3)|00⟩, not 1/3|00⟩
            rest = "" if rest == "1" else rest
        lead = ("−" if sign == "−" else "") if k == 0 else f" {sign} "
        parts.append(f"{lead}{rest}{state}")
    return "".join(parts)


def _scaled(inner: str, factor: Any) -> str:
    """``inner`` times ``factor``: ``(…)/√2`` for 1/√k, ``inner`` itself for 1, else ``factor·(…)``."""
    text = entry_text(factor)
    if text == "1":
        return inner
    if text.startswith("1/"):
        return f"({inner})/{text[2:]}"
    return f"{text}·({inner})"


def _exact(value: Any) -> bool:
    return not isinstance(value, (float, complex, np.floating, np.complexfloating))
