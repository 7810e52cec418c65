"""``python -m penrose``: the same as the ``penrose`` command."""

import sys

from .frontend.cli import main

sys.exit(main())
