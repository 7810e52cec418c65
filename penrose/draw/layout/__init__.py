"""Where things go: each box's place, each leg's side, each line's route.

A network becomes a :class:`~penrose.draw.layout.geometry.Geometry` (boxes in pixels and
routed lines) through one of the engines registered in :mod:`~penrose.draw.layout.engines`.
Nothing here draws: :mod:`penrose.draw.render` reads the geometry.
"""
