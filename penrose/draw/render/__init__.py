"""How things look: a laid-out picture as a :class:`~penrose.draw.render.scene.Scene`, written as SVG, TikZ, PNG or PDF.

Reads the geometry :mod:`penrose.draw.layout` computed; never places or routes anything itself.
"""
