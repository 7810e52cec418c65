"""The physics on the model: eigenspaces, measurement, symmetry, equations, and the networks physicists draw.

Builds on :mod:`penrose.core` (diagrams) and :mod:`penrose.draw` (pictures of equations and reports).
"""
