"""A corpus of einsum cases for measuring ``pn.einsum`` against ``numpy.einsum``: numpy's and opt_einsum's test
equations, each with several dtypes, empty (size-0) axes, size-1 broadcasting and numpy's interleaved form.

``cases()`` gives ``(label, arguments)``: ``numpy.einsum(*arguments)`` and ``pn.einsum(*arguments)`` are compared.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import numpy as np
from test_einsum_parity import EQUATIONS, _arrays

#: The equations of opt_einsum's own contraction tests (test_contract.py), written out here.
OPT_EINSUM_EQUATIONS = [
    "a,ab,abc->abc",
    "a,b,ab->ab",
    "ea,fb,gc,hd,abcd->efgh",
    "ea,fb,abcd,gc,hd->efgh",
    "abhe,hidj,jgba,hiab,gab",
    "bdhe,acad,hiab,agac,hibd",
    "ab,ab,c->",
    "ab,ab,c->c",
    "ab,ab,cd,cd->",
    "ab,ab,cd,cd->ac",
    "ab,ab,cd,cd->cd",
    "ab,ab,cd,cd,ef,ef->",
    "ab,cd,ef->abcdef",
    "ab,cd,ef->acdf",
    "ab,cd,de->abcde",
    "ab,cd,de->be",
    "ab,bcd,cd->abcd",
    "ab,bcd,cd->abd",
    "eb,cb,fb->cef",
    "dd,fb,be,cdb->cef",
    "bca,cdb,dbf,afc->",
    "dcc,fce,ea,dbf->ab",
    "fdf,cdd,ccd,afe->ae",
    "abcd,ad",
    "ed,fcd,ff,bcf->be",
    "baa,dcf,af,cde->be",
    "bd,db,eac->ace",
    "fff,fae,bef,def->abd",
    "efc,dbc,acf,fd->abe",
    "ab,ab",
    "ab,ba",
    "abc,abc",
    "abc,bac",
    "abc,cba",
    "ab,bc",
    "ab,cb",
    "ba,bc",
    "ba,cb",
    "abcd,cd",
    "abcd,ab",
    "abcd,cdef",
    "abcd,cdef->feba",
    "abcd,efdc",
    "aab,bc->ac",
    "ab,bcc->ac",
    "aab,bcc->ac",
    "baa,bcc->ac",
    "aab,ccb->ac",
    "aab,fa,df,ecc->bde",
    "ecb,fef,bad,ed->ac",
    "bcf,bbb,fbf,fc->",
    "bb,ff,be->e",
    "bcb,bb,fc,fff->",
    "fbb,dfd,fc,fc->",
    "afd,ba,cc,dc->bf",
    "adb,bc,fa,cfc->d",
    "bbd,bda,fc,db->acf",
    "dba,ead,cad->bce",
    "aef,fbc,dca->bde",
]

DTYPES = ("float64", "complex128", "int64", "bool", "float32")


def _seed(text: str) -> int:
    return zlib.crc32(text.encode())


def _random(shape: tuple[int, ...], dtype: str, rng: np.random.Generator) -> np.ndarray:
    if dtype == "bool":
        return rng.random(shape) > 0.4
    if dtype == "int64":
        return rng.integers(-4, 5, size=shape)
    if dtype == "complex128":
        return rng.normal(size=shape) + 1j * rng.normal(size=shape)
    return rng.normal(size=shape).astype(dtype)


def _sized(equation: str, sizes: dict[str, int], dtype: str, rng: np.random.Generator) -> list[np.ndarray]:
    return [_random(tuple(sizes[i] for i in term), dtype, rng) for term in equation.split("->")[0].split(",")]


def _index_sizes(equation: str, rng: np.random.Generator) -> dict[str, int]:
    return {i: int(rng.integers(2, 4)) for i in sorted(set(equation) - set(",->."))}


def cases() -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Every case of the corpus, in a fixed order (each seeded by its label)."""
    for equation in EQUATIONS:  # numpy's forms: each dtype
        for dtype in DTYPES:
            rng = np.random.default_rng(_seed(equation + dtype))
            arrays = [np.asarray(_random(np.shape(a), dtype, rng)) for a in _arrays(equation, rng)]
            yield f"{equation} [{dtype}]", (equation, *arrays)
    for equation in OPT_EINSUM_EQUATIONS:  # opt_einsum's: float and complex, random sizes
        for dtype in ("float64", "complex128", "int64"):
            rng = np.random.default_rng(_seed(equation + dtype))
            yield f"{equation} [{dtype}]", (equation, *_sized(equation, _index_sizes(equation, rng), dtype, rng))
    for equation in [e for e in EQUATIONS + OPT_EINSUM_EQUATIONS if "..." not in e and e.split("->")[0]]:
        rng = np.random.default_rng(_seed("empty" + equation))
        sizes = _index_sizes(equation, rng)
        if not sizes:
            continue
        empty = sorted(sizes)[int(rng.integers(len(sizes)))]
        sizes[empty] = 0  # an empty axis: sums of nothing, or an empty value
        yield f"{equation} [{empty}=0]", (equation, *_sized(equation, sizes, "float64", rng))
        terms = equation.split("->")[0].split(",")
        shared = [i for i in sizes if sum(i in term for term in terms) >= 2]
        if shared:  # size-1 broadcasting of a named index: 1 in the first operand that has it
            index = shared[0]
            sizes = _index_sizes(equation, rng)
            arrays = _sized(equation, sizes, "float64", rng)
            first = next(k for k, term in enumerate(terms) if index in term)
            shape = [1 if i == index else sizes[i] for i in terms[first]]
            arrays[first] = rng.normal(size=shape)
            yield f"{equation} [{index}=1 in operand {first}]", (equation, *arrays)
        if any(term.count(i) > 1 for term in terms for i in term) or not all(terms):
            continue
        arrays = _sized(equation, _index_sizes(equation, rng), "float64", rng)
        numbers = {i: k for k, i in enumerate(sorted(sizes))}
        interleaved: list[Any] = []
        for term, array in zip(terms, arrays):
            interleaved += [array, [numbers[i] for i in term]]
        if "->" in equation:
            interleaved.append([numbers[i] for i in equation.split("->")[1]])
        yield f"{equation} [interleaved]", tuple(interleaved)
