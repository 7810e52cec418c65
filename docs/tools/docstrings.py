"""A griffe extension for the API reference: penrose's docstrings as readers should see them.

The docstrings are plain reStructuredText-flavoured text tested by ``--doctest-modules``:
``>>>`` examples and Sphinx roles (``:func:`eig```). Read as Markdown, an example became
a triple-nested blockquote and a role stayed literal. This extension fences every run of
``>>>`` lines (with the output after them) as a ``pycon`` code block, and turns a role into
inline code, before mkdocstrings renders the docstring. It changes the docs only, never the
package.
"""

from __future__ import annotations

import re
from typing import Any

try:  # (installed with the docs extras; the functions below are tested without it)
    import griffe
except ImportError:  # pragma: no cover
    griffe = None

_ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|exc|obj):`~?([^`]+)`")


def fenced(text: str) -> str:
    """``text`` with each doctest example (``>>>`` lines and their output, up to a blank line) fenced as pycon."""
    out: list[str] = []
    lines = text.splitlines()
    k = 0
    while k < len(lines):
        line = lines[k]
        if line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while k < len(lines) and lines[k].strip():
                block.append(lines[k][len(indent) :] if lines[k].startswith(indent) else lines[k].lstrip())
                k += 1
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        out.append(line)
        k += 1
    return "\n".join(out)


def readable(text: str) -> str:
    """A docstring as the API page shows it: examples fenced, roles as inline code."""
    return _ROLE.sub(r"`\1`", fenced(text))


if griffe is not None:

    class DoctestBlocks(griffe.Extension):
        """Fence doctest examples and unwrap Sphinx roles in every docstring mkdocstrings renders."""

        def on_instance(self, *, obj: Any, **kwargs: Any) -> None:
            if obj.docstring is not None:
                obj.docstring.value = readable(obj.docstring.value)
