"""The text front end: Dirac notation read from text (:mod:`~penrose.frontend.dirac`) and the ``penrose`` command.

Builds on every other wing; nothing imports it but the command line's entry point.
"""
