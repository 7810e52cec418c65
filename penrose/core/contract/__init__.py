"""The contraction of a diagram: its einsum, the path through it, the evaluation, and what it shows on the way.

The model (:mod:`penrose.core`'s legs, boxes and networks) is below this room, the
:class:`~penrose.Diagram` above it: ``Diagram.value()``, ``.path()``, ``.steps()``,
``.work()`` and ``.sliced()`` are each a one-line door to the function of the same job here.

- :mod:`.subscripts` writes a network as one einsum; :mod:`.paths`, :mod:`.refine` and
  :mod:`.pathinfo` find and cost the path; :mod:`.plans` keeps plans by structure (one cache);
- :mod:`.evaluate` is the entry point ``value()`` calls, with :mod:`.exact` (the precision a term
  needs), :mod:`.execute` (the pairwise products), :mod:`.threads` and :mod:`.memory`;
- :mod:`.steps` and :mod:`.work` show a contraction pairwise and as written-out sums;
  :mod:`.slicing` cuts one too big for a machine; :mod:`.progress` reports on long ones.
"""

from __future__ import annotations

from .evaluate import beyond_memory, contraction_paths, evaluate
from .paths import ContractionPath
from .plans import clear_path_cache
from .slicing import SlicedContraction, sliced
from .steps import ContractionStep, Steps, diagram_steps
from .subscripts import einsum_call
from .work import diagram_work

__all__ = [
    "ContractionPath",
    "ContractionStep",
    "SlicedContraction",
    "Steps",
    "beyond_memory",
    "clear_path_cache",
    "contraction_paths",
    "diagram_steps",
    "diagram_work",
    "einsum_call",
    "evaluate",
    "sliced",
]
