"""The ``penrose`` command line: draw and evaluate Dirac expressions, and build the gallery.

penrose eval "<1,2,4,3|5,1,-3,2>"
penrose draw "<psi|H|psi>" --let psi=[1,-2] --let H=[[1,2],[-1,4]] -o energy.svg
penrose gallery -o gallery/_build
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from ..core.errors import DiagramError
from ..draw.blocks import as_numpy
from ..draw.layouts import LAYOUTS
from ..draw.themes import THEMES
from .dirac import DiracError, parse, parse_value

EXAMPLES = """examples:
  penrose eval "<1,2,4,3|5,1,-3,2>"                       the inner product: 1
  penrose eval "H|psi>" --let H=[[1,2],[-1,4]] --let psi=[1,-2]
  penrose draw "<psi|H|psi>" --let psi=[1,-2] --let H=[[1,2],[-1,4]] -o energy.svg
  penrose draw "(|1,0> + |0,1>)/sqrt(2)" -o plus.png --theme paper
  penrose gallery -o gallery/_build                      every seminar example in index.html

notation: kets |1,2,4,3> or |psi>, bras <1,2,4,3| or <psi|, brackets <a|b>, <psi|H|phi>,
products <psi|A B|phi>, sums and numbers (2|a> - |b>)/sqrt(2); ⟨ψ| and |ψ⟩ work too.
X, Y, Z and I are the Pauli matrices unless --let binds them. Values may use numbers,
lists, + - * / **, sqrt(...), pi and complex 1j."""


class UsageError(Exception):
    """A mistake in the command line itself (exit code 2, one line)."""


def _bindings(lets: Sequence[str]) -> dict[str, Any]:
    bound: dict[str, Any] = {}
    for item in lets:
        name, equals, text = item.partition("=")
        name = name.strip()
        if not equals or not name.isidentifier():
            raise UsageError(f"--let {item!r}: write NAME=VALUE, e.g. --let psi=[1,-2]")
        try:
            bound[name] = parse_value(text)
        except DiracError as error:
            raise UsageError(f"--let {name}=...: {error.message}") from None
    return bound


def _format(value: Any) -> str:
    if hasattr(value, "detach") or hasattr(value, "compute"):
        value = as_numpy(value)
    if isinstance(value, np.ndarray):
        return np.array2string(value, separator=", ", precision=10, suppress_small=True)
    return str(value)


def _evaluate(arguments: argparse.Namespace) -> tuple[Any, Any]:
    diagram = parse(arguments.expression, _bindings(arguments.let))
    return diagram, (None if diagram.symbolic else diagram.value())


def _command_eval(arguments: argparse.Namespace) -> int:
    _, value = _evaluate(arguments)
    print(_format(value))
    return 0


def _command_draw(arguments: argparse.Namespace) -> int:
    diagram, value = _evaluate(arguments)
    figure = diagram.draw(value=not arguments.no_value, theme=arguments.theme, layout=arguments.layout)
    path = figure.save(arguments.output)
    if value is not None:
        print(f"{arguments.expression} = {_format(value)}")
    print(f"wrote {path}")
    return 0


def _command_gallery(arguments: argparse.Namespace) -> int:
    from ..gallery import build

    directory = Path(arguments.output)
    results = build(directory)
    failed = [r for r in results if r.error is not None]
    print(f"wrote {directory / 'index.html'}: {len(results) - len(failed)} of {len(results)} examples built")
    for result in failed:
        print(f"failed: {result.example.name}: {result.error}", file=sys.stderr)
        if arguments.debug:
            print(result.traceback, file=sys.stderr)
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="penrose",
        description="Draw and evaluate tensor-network diagrams in Penrose's box-and-line notation.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"penrose {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def expression_command(name: str, help_text: str) -> argparse.ArgumentParser:
        command = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=EXAMPLES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_argument("expression", metavar="EXPR", help='a Dirac expression, e.g. "<psi|H|psi>"')
        command.add_argument(
            "--let",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="bind a name to a number, vector or matrix (repeatable)",
        )
        command.add_argument("--debug", action="store_true", help="show the full traceback on errors")
        return command

    expression_command("eval", "print the value of a Dirac expression")
    draw = expression_command("draw", "draw a Dirac expression with its value and print the value")
    draw.add_argument(
        "-o",
        "--output",
        default="figure.svg",
        metavar="FILE",
        help="where to write the figure: .svg, .png, .pdf or .tex (default: figure.svg)",
    )
    draw.add_argument("--theme", choices=sorted(THEMES), default="slide", help="look of the figure")
    draw.add_argument(
        "--layout",
        choices=list(LAYOUTS),
        default="auto",
        help="how boxes are placed: " + "; ".join(f"{name}: {what}" for name, what in LAYOUTS.items()),
    )
    draw.add_argument("--no-value", action="store_true", help="draw the diagram without its value")
    gallery = commands.add_parser("gallery", help="render every gallery example into DIR/index.html")
    gallery.add_argument(
        "-o", "--output", default="gallery/_build", metavar="DIR", help="output folder (default: gallery/_build)"
    )
    gallery.add_argument("--debug", action="store_true", help="show the traceback of each failing example")
    return parser


def _report(error: Exception, arguments: argparse.Namespace) -> None:
    expression = getattr(arguments, "expression", None)
    if isinstance(error, DiracError) and error.position is not None and expression is not None:
        message = error.message
        prefix = f"{expression}: "
        if message.startswith(prefix):
            message = message[len(prefix) :]
        print(f"penrose: {expression}: {message}", file=sys.stderr)
        print(f"  {expression}\n  {' ' * min(error.position, len(expression))}^", file=sys.stderr)
    else:
        print(f"penrose: {error}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``penrose`` and ``python -m penrose``; returns the exit code."""
    arguments = _parser().parse_args(argv)
    handlers = {"eval": _command_eval, "draw": _command_draw, "gallery": _command_gallery}
    try:
        return handlers[arguments.command](arguments)
    except (DiagramError, UsageError) as error:
        if getattr(arguments, "debug", False):
            raise
        _report(error, arguments)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
