"""How the cells each placement gives are read: one record per placement, instead of tests on its name.

A placement names itself (``"tree"``, ``"torus"``, ``"dot"`` …) with the cells it chose; what happens
next (declared sides kept or re-read as tracks, open legs below, lines round a torus's outside) is
looked up here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PLACEMENTS", "Reading", "reading_of"]


@dataclass(frozen=True)
class Reading:
    """What a placement's cells mean for the lines.

    ``general``: a general layout (Graphviz, layered, spring), blind to the legs' declared sides: a network with
    declared sides is first tried on tracks, and legs along a side keep the order of their partners. ``layered``:
    boxes in layers (a tree, a MERA): open legs below, lines between rows run up and down. ``tracks``: the sides the
    cells give are read as tracks (boxes spanning their lines: a tree's parent over its children, an environment
    beside the rows it joins); ``spread``: a side's legs may spread over the tracks their partners take, not only
    consecutive ones (an environment's lines to the top and bottom rows with an operator's row between; not a tree's
    parent, which would grow as wide as all its descendants). ``periodic``: lines wrap round (torus, cylinder);
    ``wrap_rows``: the rows' lines wrap too (a torus). ``plane``: a lattice whose boxes may have a leg out of the
    plane (a PEPS's physical legs). ``ring``: layers round a ring (a periodic MERA): the lines that close each ring
    go round the outside, over the top (under the bottom in a mirror image's lower half), nested so that they cross
    nothing; no tracks. ``oblique``: stacked layers (a PEPS norm): the lines between layers, joining a box to the
    one a step down and aside, are drawn straight and oblique, as the field draws them; ``span``: a box whose
    side's lines go to partners aside of each other (a CTM edge's to A and to A*) stretches to meet each straight.
    ``outward``: open legs point away from the middle of the picture (an environment's new open bonds continue
    its rows).
    """

    general: bool = False
    layered: bool = False
    tracks: bool = False
    spread: bool = False
    outward: bool = False
    periodic: bool = False
    wrap_rows: bool = False
    plane: bool = False
    ring: bool = False
    oblique: bool = False
    span: bool = False


#: Every placement by the name it gives itself; one not listed (``grid``, ``rows``, ``chain``) is read
#: plainly: lines face their partners.
PLACEMENTS: dict[str, Reading] = {
    "dot": Reading(general=True),
    "layered": Reading(general=True),
    "spring": Reading(general=True),
    "tree": Reading(layered=True, tracks=True),
    "layers": Reading(layered=True, tracks=True),
    "capped": Reading(tracks=True, spread=True, outward=True),
    "ring layers": Reading(layered=True, ring=True),
    "stack": Reading(oblique=True),
    "doubled": Reading(oblique=True, span=True),
    "lattice": Reading(plane=True),
    "cylinder": Reading(periodic=True, plane=True),
    "torus": Reading(periodic=True, wrap_rows=True, plane=True),
}
PLAIN = Reading()


def reading_of(placement: str) -> Reading:
    """How the cells of ``placement`` are read (plainly when it is not in :data:`PLACEMENTS`)."""
    return PLACEMENTS.get(placement, PLAIN)
