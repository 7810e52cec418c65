"""The ``penrose`` command line: draw and evaluate Dirac expressions, and build the gallery.

penrose eval "<1,2,4,3|5,1,-3,2>"
penrose draw "<psi|H|psi>" --let psi=[1,-2] --let H=[[1,2],[-1,4]] -o energy.svg
penrose gallery -o gallery/_build
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from .. import __version__
from ..core.arrays import as_numpy
from ..core.errors import DiagramError, ExternalError
from ..core.typography import digit_count, format_number, long_number
from ..core.values import snapped, value_rounding
from ..draw.layout.control import FLOWS
from ..draw.layout.engines import LAYOUTS
from ..draw.render.export import check_dpi, target_of
from ..draw.themes import THEMES
from ..gallery import LANGUAGES
from .dirac import DiracError, parse, parse_value

EXAMPLES = """examples:
  penrose eval "<1,2,4,3|5,1,-3,2>"                       the inner product: 1
  penrose eval "H|psi>" --let H=[[1,2],[-1,4]] --let psi=[1,-2]
  penrose draw "<psi|H|psi>" --let psi=[1,-2] --let H=[[1,2],[-1,4]] -o energy.svg
  penrose draw "(|1,0> + |0,1>)/sqrt(2)" -o plus.png --theme paper
  penrose gallery -o gallery/_build                      every seminar example in index.html
  penrose gallery --lang ja -o gallery/ja                 the same page in the seminar's Japanese
  penrose edit energy.json                               draw a diagram by hand in the browser

notation: kets |1,2,4,3> or |psi>, bras <1,2,4,3| or <psi|, brackets <a|b>, <psi|H|phi>,
products <psi|A B|phi>, sums and numbers (2|a> - |b>)/sqrt(2); ⟨ψ| and |ψ⟩ work too.
|0>, |1>, |01>, |+>, |-> are the qubit basis kets; ⊗ (or &) puts diagrams side by side:
penrose eval "<01|(X ⊗ X)|10>". X, Y, Z and I are the Pauli matrices unless --let binds them.
Values may use numbers, lists, + - * / ** (on lists entry by entry: [1,1]/sqrt(2)),
sqrt, exp, cos, sin, pi and complex 1j."""


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


def _exact(value: Any) -> str:
    """An exact number in full; past what Python prints (4300 digits) in scientific form, its exactness said."""
    numerator, denominator = (value.numerator, value.denominator) if isinstance(value, (int, Fraction)) else (0, 1)
    longest = max(digit_count(numerator), digit_count(denominator))
    if longest > PRINTED_DIGITS:
        return f"{long_number(numerator, denominator, 12)} (exact: {longest} digits, too many to print)"
    return str(value)


#: Exact numbers of more digits than this are printed in scientific form (Python's own limit is 4300).
PRINTED_DIGITS = 4000


def _format(value: Any) -> str:
    if hasattr(value, "detach") or hasattr(value, "compute"):
        value = as_numpy(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "O":  # exact numbers: 4/9, not Fraction(4, 9)
            return np.array2string(value, separator=", ", formatter={"object": _exact})
        return np.array2string(value, separator=", ", precision=10, suppress_small=True)
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        return _exact(value)
    return str(value) + _as_pictured(value)


def _as_pictured(value: Any) -> str:
    """`` (1/√2)`` when the picture writes a floating-point number in an exact form the digits do not show."""
    if not isinstance(value, (float, complex, np.floating, np.complexfloating)):
        return ""
    pictured = format_number(value)
    return f" ({pictured})" if any(mark in pictured for mark in "√/π") else ""


def _evaluate(arguments: argparse.Namespace, wanted: bool = True) -> tuple[Any, Any]:
    """The diagram, and its value unless not ``wanted`` (or symbolic); the memory limit is checked first."""
    diagram = parse(arguments.expression, _bindings(arguments.let))
    if not wanted or diagram.symbolic:
        return diagram, None
    limit = arguments.memory_limit.strip()
    with np.errstate(all="ignore"):  # an overflow is reported once, as an error, by value() itself
        value = diagram.value(memory_limit=int(limit) if limit.isdigit() else limit)
    if np.asarray(value).dtype.kind in "fc":  # rounding is not value: printed as 0, as the picture writes it
        rounding = value_rounding(diagram)
        if rounding > 0:
            value = snapped(np.asarray(value), rounding)
            value = value.item() if value.ndim == 0 else value
    return diagram, value


def _command_eval(arguments: argparse.Namespace) -> int:
    diagram, value = _evaluate(arguments)
    if arguments.work:  # the additions and multiplications behind the value, then the value
        print(diagram.work())
    print(_format(value))
    return 0


def _command_draw(arguments: argparse.Namespace) -> int:
    output = Path(arguments.output)
    existed = target_of(output).is_file()  # (a name too long, a FIFO: refused before any work)
    if arguments.dpi is not None:
        check_dpi(arguments.dpi)
    diagram, value = _evaluate(arguments, wanted=not arguments.no_value)
    options = {"theme": arguments.theme, "layout": arguments.layout, "flow": arguments.flow}
    figure = diagram.draw(value=value is not None, **options)  # (reusing the value just printed)
    path = figure.save(output, dpi=arguments.dpi)
    if value is not None:
        print(f"{_display(arguments.expression)} = {_format(value)}")
    print(f"{'replaced' if existed else 'wrote'} {path}")
    return 0


def _command_gallery(arguments: argparse.Namespace) -> int:
    from ..gallery import MARKER, build

    directory = Path(arguments.output)
    if directory.exists() and not directory.is_dir():
        raise ExternalError(f"cannot write the gallery into {directory}: it is a file, not a folder")
    marked = (directory / MARKER).exists()
    replaced: list[Path] = []
    results = build(directory, lang=arguments.lang, force=arguments.force, replaced=replaced)
    failed = [r for r in results if r.error is not None]
    if not marked:  # a folder of the user's own (--force): every file penrose replaced in it, by name
        for path in replaced:
            print(f"replaced {path}")
    page = directory / "index.html"
    verb = "replaced" if page in replaced else "wrote"
    print(f"{verb} {page}: {len(results) - len(failed)} of {len(results)} examples built", end="")
    print(f" ({len(replaced)} files replaced)" if replaced else "")
    for result in failed:
        print(f"failed: {result.example.name}: {result.error}", file=sys.stderr)
        if arguments.debug:
            print(result.traceback, file=sys.stderr)
    return 1 if failed else 0


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on standard error and exit code 2, like every other mistake.

    It also records its options, and whether each takes a value, for :func:`_expressions_may_start_with_minus`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.options: dict[str, bool] = {}  # every option string -> whether a value follows it
        self.commands: dict[str, _Parser] = {}
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:  # type: ignore[override]
        action = super().add_argument(*args, **kwargs)
        for name in action.option_strings:
            self.options[name] = action.nargs != 0
        return action

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"penrose: {message} (penrose --help explains every command)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="penrose",
        description="Draw and evaluate tensor-network diagrams in Penrose's box-and-line notation.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"penrose {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    def expression_command(name: str, help_text: str) -> _Parser:
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
        command.add_argument(
            "--memory-limit",
            default=DEFAULT_MEMORY_LIMIT,
            metavar="SIZE",
            help="refuse, before allocating, a contraction whose largest tensor needs more than SIZE "
            f"(bytes like 500MB or 2GiB, or a number of elements; default {DEFAULT_MEMORY_LIMIT})",
        )
        parser.commands[name] = command
        return command

    evaluate = expression_command("eval", "print the value of a Dirac expression")
    evaluate.add_argument(
        "--work", action="store_true", help="first write the value out as sums of products (small diagrams)"
    )
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
        "--dpi", type=float, default=None, metavar="N", help="a PNG's resolution in dots per inch (default 192)"
    )
    draw.add_argument(
        "--layout",
        choices=list(LAYOUTS),
        default="auto",
        help="how boxes are placed: " + "; ".join(f"{name}: {what}" for name, what in LAYOUTS.items()),
    )
    draw.add_argument(
        "--flow",
        choices=list(FLOWS),
        default="right",
        help="which way the picture reads: " + "; ".join(f"{name}: {what}" for name, what in FLOWS.items()),
    )
    draw.add_argument("--no-value", action="store_true", help="draw the diagram without its value (never evaluates)")
    gallery = commands.add_parser("gallery", help="render every gallery example into DIR/index.html")
    gallery.add_argument(
        "-o", "--output", default="gallery/_build", metavar="DIR", help="output folder (default: gallery/_build)"
    )
    gallery.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="the page's language: en (default) or ja, the seminar's own wording (same pictures and numbers)",
    )
    gallery.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty and was not made by penrose gallery (its files of the same "
        "names are replaced, each said by name)",
    )
    gallery.add_argument("--debug", action="store_true", help="show the traceback of each failing example")
    edit = commands.add_parser(
        "edit",
        help="draw a diagram by hand in the browser: its value, cost, code and figure update as you draw",
        description="Start the editor on this machine (127.0.0.1 only, a random token in the address) and open "
        "it in the browser. FILE.json is opened if it exists and saved there (Ctrl+S); nothing else is written. "
        "Stops on Ctrl-C or when the page is closed.",
    )
    edit.add_argument("file", nargs="?", metavar="FILE.json", help="the document to open and save (optional)")
    edit.add_argument("--no-browser", action="store_true", help="only print the page's address")
    edit.add_argument("--port", type=int, default=0, help="the port to listen on (default: a free one)")
    edit.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    return parser


def _command_edit(arguments: argparse.Namespace) -> int:
    from .editor.server import serve  # (the server's modules load only for this command)

    if arguments.file is not None and not arguments.file.lower().endswith(".json"):
        raise UsageError(f"{arguments.file}: the editor opens and saves .json documents")
    if not 0 <= arguments.port < 65536:
        raise UsageError(f"--port {arguments.port}: a port is a number from 0 (any free one) to 65535")
    try:
        serve(arguments.file, open_browser=not arguments.no_browser, port=arguments.port)
    except OSError as error:
        raise ExternalError(f"cannot start the editor: {error.strerror or error}") from None
    return 0


def _display(expression: str) -> str:
    """The expression on one line: line breaks and tabs as spaces, so a caret lines up under it."""
    return "".join(" " if character in "\n\r\t\v\f" else character for character in expression)


def _report(error: Exception, arguments: argparse.Namespace) -> None:
    """One line on standard error (two with a caret for a mistake in the expression)."""
    expression = getattr(arguments, "expression", None)
    message = " ".join(str(error).split())  # one line, whatever the message held
    if expression is None:
        print(f"penrose: {message}", file=sys.stderr)
        return
    shown = _display(expression)
    for prefix in (f"{expression.strip()}: ", f"{shown.strip()}: "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    print(f"penrose: {shown}: {message}", file=sys.stderr)
    if isinstance(error, DiracError) and error.position is not None:
        print(f"  {shown}\n  {' ' * min(error.position, len(shown))}^", file=sys.stderr)


#: What the command line refuses to allocate for one contraction unless --memory-limit says otherwise.
DEFAULT_MEMORY_LIMIT = "1GB"


def _expressions_may_start_with_minus(argv: list[str], parser: _Parser) -> list[str]:
    """``penrose eval "-<a|b>"``: an argument that starts with ``-`` but is no option is the expression.

    argparse would read it as an unknown option; moved behind a ``--`` at the end, after the
    options, it is the positional it is. The options are the command's own, as its parser knows them.
    """
    if len(argv) < 2 or argv[0] not in parser.commands or "--" in argv:
        return argv
    options = parser.commands[argv[0]].options
    for k, argument in enumerate(argv[1:], start=1):
        option = argument.split("=", 1)[0]
        if argument.startswith("-") and len(argument) > 1 and option not in options and argument[1] != "-":
            if options.get(argv[k - 1], False):
                continue  # the value of the option before it
            return [*argv[:k], *argv[k + 1 :], "--", argument]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``penrose`` and ``python -m penrose``; returns the exit code.

    0: done; 2: bad input (the expression, a value, an option), with one line saying what;
    1: the environment failed (a full disk, a read-only folder, a missing program, no memory).
    """
    parser = _parser()
    words = _expressions_may_start_with_minus(list(sys.argv[1:] if argv is None else argv), parser)
    arguments = parser.parse_args(words)
    handlers = {"eval": _command_eval, "draw": _command_draw, "gallery": _command_gallery, "edit": _command_edit}
    debug = getattr(arguments, "debug", False)
    try:
        return handlers[arguments.command](arguments)
    except ExternalError as error:
        if debug:
            raise
        _report(error, arguments)
        return 1
    except (DiagramError, UsageError) as error:
        if debug:
            raise
        _report(error, arguments)
        return 2
    except MemoryError:
        if debug:
            raise
        _report(MemoryError("out of memory; lower --memory-limit, or evaluate a smaller diagram"), arguments)
        return 1
    except KeyboardInterrupt:
        print("penrose: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug in penrose: still one line, and a way to see more
        if debug:
            raise
        _report(RuntimeError(f"internal error ({type(error).__name__}: {error}); --debug shows where"), arguments)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
