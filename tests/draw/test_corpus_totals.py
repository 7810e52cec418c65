"""The whole picture corpus (``tests/picture_corpus.py``, the networks ``benchmarks/pictures.py`` counts) drawn with
the default layout: every picture honest, and its crossings and bends, in total, no more than recorded.

When issue 23 was filed, the engine of the day (f56dcb0) drew these 74 networks with 206 crossings and 1216 bends."""

from __future__ import annotations

import pytest
from picture_corpus import corpus
from svgcheck import defects, honesty, parse

#: (crossings, bends) over the corpus when last measured; 85 of the 91 crossings are forced by the shapes (tori at
#: their crossing number, 2(L − 1)² per pair of stacked layers, 2 per doubled CTM site).
RECORDED = (91, 250)


def test_the_corpus_is_drawn_honestly_within_its_recorded_crossings_and_bends():
    crossings = bends = drawn = 0
    for name, build in corpus().items():
        try:
            diagram = build()
        except pytest.skip.Exception:  # (a quimb-built network without quimb)
            continue
        picture = parse(diagram.draw(value=False).to_svg())
        assert defects(picture) == {}, name
        counted = honesty(picture)
        crossings, bends, drawn = crossings + counted["crossings"], bends + counted["bends"], drawn + 1
    assert drawn >= 50
    assert crossings <= RECORDED[0] and bends <= RECORDED[1], (crossings, bends)
