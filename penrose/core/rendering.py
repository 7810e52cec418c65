"""The one door from the model to the pictures: the renderer registers itself here.

The model never imports the renderer (``penrose.draw`` builds on the model, not the
reverse). ``Diagram.draw()`` and ``Steps.draw()`` stay convenient all the same: they ask
:func:`renderer` for whatever :mod:`penrose.draw` registered when ``penrose`` was imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..draw.figure import Figure

__all__ = ["Renderer", "register_renderer", "renderer"]


class Renderer(Protocol):
    """What the model asks of the pictures: a diagram's figure, and a contraction's steps as a strip or frames."""

    def draw_diagram(
        self,
        diagram: Any,
        *,
        value: bool,
        theme: Any,
        layout: str,
        leg_labels: bool,
        identities: bool | None,
        work: bool,
    ) -> Figure: ...  # pragma: no cover - interface

    def draw_strip(
        self, steps: Any, *, theme: Any, layout: str, column: bool
    ) -> Figure: ...  # pragma: no cover - interface

    def draw_frames(self, steps: Any, theme: Any, layout: str) -> list[Figure]: ...  # pragma: no cover - interface


_registered: list[Renderer] = []


def register_renderer(chosen: Renderer) -> None:
    """Make ``chosen`` the renderer of every diagram (``penrose.draw`` does this on import)."""
    _registered[:] = [chosen]


def renderer() -> Renderer:
    """The registered renderer."""
    if not _registered:  # pragma: no cover - importing penrose registers it
        raise RuntimeError("no renderer is registered: import penrose (not only penrose.core) to draw")
    return _registered[0]
