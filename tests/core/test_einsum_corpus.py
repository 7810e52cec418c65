"""pn.einsum against numpy.einsum on a corpus of more than 500 cases (see ``einsum_corpus``): every value agrees."""

from __future__ import annotations

import numpy as np
from einsum_corpus import cases

import penrose as pn

CASES = list(cases())


def differences() -> list[str]:
    """The cases where penrose's value differs from numpy's (shape, dtype kind or numbers), or penrose refuses."""
    found = []
    for label, arguments in CASES:
        expected = np.einsum(*arguments)
        try:
            got = np.asarray(pn.einsum(*arguments).value())
        except pn.DiagramError as error:
            found.append(f"{label}: refused: {error}")
            continue
        kinds = {expected.dtype.kind, got.dtype.kind}
        close = np.allclose(got, expected, rtol=1e-4 if expected.dtype == np.float32 else 1e-10, atol=1e-10)
        if got.shape != expected.shape or (len(kinds) > 1 and kinds != {"i", "u"}) or not close:
            found.append(f"{label}: {got.dtype}{got.shape} vs numpy's {expected.dtype}{expected.shape}")
    return found


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 500
    labels = " ".join(label for label, _ in CASES)
    for kind in ("=0]", "=1 in operand", "[interleaved]", "[bool]", "[complex128]", "[int64]", "[float32]"):
        assert kind in labels


def test_every_case_of_the_corpus_agrees_with_numpy():
    assert differences() == []
