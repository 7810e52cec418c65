"""What a diagram is made of: its boxes (:class:`Node`), their legs (:class:`Leg`), and the lines between them
(:class:`Network`). ``d.nodes`` gives the boxes of a diagram, ``d.legs`` its open legs, ``d.network`` its single
term."""

from __future__ import annotations

from .core.legs import Leg
from .core.network import Network
from .core.nodes import Node

__all__ = ["Leg", "Network", "Node"]
