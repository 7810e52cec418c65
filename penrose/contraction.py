"""What a contraction shows on the way: its path, its steps, its slices, and the cache of paths.

``d.path()`` gives a :class:`ContractionPath`, ``d.steps()`` the :class:`Steps`,
``d.sliced(memory_limit)`` a :class:`SlicedContraction`.
"""

from __future__ import annotations

from .core.contract import ContractionPath, ContractionStep, SlicedContraction, Steps, clear_path_cache

__all__ = ["ContractionPath", "ContractionStep", "SlicedContraction", "Steps", "clear_path_cache"]
