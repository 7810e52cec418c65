"""Compiling a LaTeX document with pdflatex in a test's folder: the one place the latex-marked tests run it."""

from __future__ import annotations

import subprocess
from pathlib import Path


def compile_tex(folder: Path, document: str, name: str = "main") -> tuple[int, str]:
    """Write ``document`` to ``folder/name.tex``, run pdflatex on it (no shell escape, stop at the first error),
    and return its exit code and its log."""
    (folder / f"{name}.tex").write_text(document, encoding="utf-8")
    finished = subprocess.run(
        ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        cwd=folder,
        capture_output=True,
        timeout=120,
    )
    log = folder / f"{name}.log"
    return finished.returncode, log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
