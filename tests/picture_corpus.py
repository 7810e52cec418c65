"""The corpus of the field's networks the picture tests build, gathered in one place by name (builders, not yet
built): the geometry and document tests run over it, and ``benchmarks/pictures.py`` counts its crossings and bends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import test_capped as capped
import test_circuit_reading as reading
import test_field_shapes as field
import test_pendants as pendants
import test_pictures as pictures
import test_stacks as stacks

import penrose as pn


def corpus() -> dict[str, Callable[[], Any]]:
    """Every network of the picture test modules, by name."""
    found: dict[str, Callable[[], Any]] = dict(pictures.CORPUS)
    found.update({f"circuit: {name}": build for name, build in field.CIRCUITS.items()})
    for children in (2, 3, 4):
        found[f"declared tree, {children} children"] = lambda children=children: field._declared_tree(children)
    found["TEBD on an MPS"] = lambda: field.tebd()[0]
    found["DMRG energy"] = lambda: field.dmrg_energy()[0]
    found["two-site operator in a sandwich"] = lambda: field.two_site_sandwich()[0]
    found["MPS norm by einsum"] = lambda: field._norm_by_einsum(5)
    found["MPS norm from quimb"] = lambda: field._norm_by_quimb(5)
    found.update({name: lambda build=build: build()[0] for name, build in stacks.BUILDS.items()})
    found.update({name: lambda build=build: build()[0] for name, build in stacks.DOUBLED.items()})
    found["ring closed by pn.trace, Z layer"] = lambda: field.traced_ring_correlator()[0]
    found["TEBD by einsum"] = field.tebd_by_einsum
    found["DMRG energy by einsum"] = field.dmrg_energy_by_einsum
    found["MERA norm from quimb"] = field.mera_norm_by_quimb
    found["TEBD on a periodic MPS, by einsum"] = field.periodic_tebd
    for name, (equation, arrays, _, _) in capped.NETWORKS.items():
        found[f"capped: {name}"] = lambda equation=equation, arrays=arrays: pn.einsum(equation, *arrays)
    arrays = (capped.LEFT3, capped.A, capped.MPO, capped.A.conj())
    found["capped: environment update"] = lambda: pn.einsum("axc,aib,xijy,cjd->byd", *arrays)
    found["capped: operator between, declared"] = capped._declared_transfer
    found["capped: operator between, from quimb"] = capped._by_quimb
    zero, gates = reading.ZERO, (reading.HADAMARD, reading.CNOT, reading.CNOT)
    found["GHZ circuit by einsum"] = lambda: pn.einsum("a,b,c,Aa,BDAb,EFDc->BEF", zero, zero, zero, *gates)
    found["MPS amplitude by einsum"] = lambda: pn.einsum("pa,aqb,brc,cs,p,q,r,s->", *pendants.SITES, *pendants.BRAS)
    ended = (*pendants.ENDED, *pendants.BRAS, *pendants.ENDS)
    found["MPS amplitude, dimension-1 end bonds"] = lambda: pn.einsum("xpa,aqb,brc,csy,p,q,r,s,x,y->", *ended)
    found["circuit from quimb, gates split"] = lambda: pn.from_quimb(reading.split_circuit().psi)
    found["TEBD on an open MPS from quimb"] = lambda: pn.from_quimb(field.open_tebd_by_quimb())
    found["TEBD on an open MPS, by einsum"] = lambda: _by_einsum(pn.from_quimb(field.open_tebd_by_quimb()))
    return found


def _by_einsum(diagram: Any) -> Any:
    """The same network written as one ``pn.einsum``: no sides, no names."""
    equation, arrays = diagram.to_einsum()
    return pn.einsum(equation, *arrays)
