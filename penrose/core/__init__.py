"""The model and its contraction: legs, boxes, networks, diagrams, and their values through opt_einsum.

Nothing here draws: the pictures (:mod:`penrose.draw`) build on this wing, never the
reverse. ``Diagram.draw()`` reaches the renderer through :mod:`penrose.core.rendering`.
"""
