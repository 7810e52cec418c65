"""pytest configuration shared by the test suite and the doctests in penrose/."""

collect_ignore = ["penrose/__main__.py"]
