"""The ``ledger`` command line: a thin layer over the library.

Exit status:

    0    ok
    1    the ledger has problems (or --strict found unreviewed errors, or a command
         refused to do what it was asked); also a reader that went away before the
         output was all written (``ledger claims | head -1``), which is not reported
    2    usage error (an unknown option, command or code)
    3    the output cannot be written (a full disk, an I/O error): "ledger: cannot
         write the output: <reason>" on stderr
    130  interrupted (Ctrl-C)

Output is plain text when not on a terminal, and colour follows NO_COLOR. Whatever the
consoles print goes through ``ledger.output.terminal.shown``: never read as rich markup, its
control characters shown (``\x1b``), never obeyed.

This module holds what every command shares: the typer app and its global options,
the option types, loading the ledger, the consoles, ``fail``, and ``main``. The
commands are in their own modules (``claims``, ``check``, ``sources``, ``reports``,
``formatting``, ``edit``, ``vocab``), which import from here; ``ledger.cli.commands`` registers
them on ``app`` by name (``register``), and is the only module that names them.

Start-up is most of what a short command costs, so this module imports only typer: a
command's module is imported when it runs, the library when a command loads a ledger, rich
when something is printed through it (``out``, ``err``); plain lines go out as they are (``say``).
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from collections.abc import MutableMapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from ledger.cli import progress
from ledger.core.limits import DEFAULT_LIMITS, Limits
from ledger.core.version import __version__
from ledger.perf.process import exit_now, settle, start_command

if TYPE_CHECKING:
    from rich.console import Console

    from ledger.core.ledger import LoadResult


# ------------------------------------------------------------------ the commands

@dataclass(frozen=True)
class Command:
    """A command of the program: its name, where its function is (``ledger.cli.<module>``),
    and its summary, the first paragraph of the function's docstring, which ``ledger --help``
    lists without importing the module."""

    name: str
    module: str
    attribute: str
    summary: str

    def function(self):
        return getattr(importlib.import_module(f"ledger.cli.{self.module}"), self.attribute)

    def build(self, group: TyperGroup) -> typer.core.TyperCommand:
        """The click command, as typer builds it for a command registered on the app."""
        one = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                          rich_markup_mode=group.rich_markup_mode)
        one.command(self.name)(self.function())
        return typer.main.get_command(one)


_COMMANDS: dict[str, Command] = {}


def register(commands) -> None:
    """Add ``commands`` to the program, in the order ``ledger --help`` lists them."""
    _COMMANDS.update((command.name, command) for command in commands)


class _Registered(MutableMapping):
    """name -> click command, of every registered command: each built (its module imported)
    when first looked up, to run or to show its help, never to be listed or suggested."""

    def __init__(self, group: TyperGroup, built: dict) -> None:
        self._group, self._built = group, dict(built)

    def built(self, name: str):
        return self._built.get(name)

    def __getitem__(self, name: str):
        command = self._built.get(name)
        if command is None:
            if name not in _COMMANDS:
                raise KeyError(name)
            command = self._built[name] = _COMMANDS[name].build(self._group)
        return command

    def __setitem__(self, name: str, command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self):
        return iter(dict.fromkeys([*_COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*_COMMANDS, *self._built]))


class _Commands(TyperGroup):
    """The program's command group, its commands built when used (``_Registered``)."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.commands = _Registered(self, self.commands)

    def list_commands(self, ctx) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx, formatter) -> None:
        # as click lists them, each short help cut from the command's summary when it is not built
        names = list(self.commands)
        if not names:
            return
        limit = formatter.width - 6 - max(map(len, names))
        rows = [(name, (self.commands.built(name) or TyperCommand(name=name, help=_COMMANDS[name].summary))
                 .get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="ledger",
    help="A claims ledger for research-report write-ups: typed claims anchored to the exact passages "
    "of their sources, checked for contradictions.\n\nStart with `ledger check`, then `ledger conflicts`.",
    cls=_Commands,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DEFAULT_LEDGER = Path("claims.yaml")
LedgerOption = Annotated[
    Path,
    typer.Option("--ledger", "-l", help="The ledger file; sources resolve relative to its folder.",
                 dir_okay=False, show_default=True),
]


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class TextFormat(str, Enum):
    text = "text"
    json = "json"


class SheetFormat(str, Enum):
    """A report read on a terminal, parsed by tools, or posted as markdown (audit, diff)."""
    text = "text"
    json = "json"
    markdown = "markdown"


# ------------------------------------------------------------------ the global options

@dataclass(frozen=True)
class Options:
    """What the global options say; the app's callback puts it on the typer context
    (``ctx.obj``), where every command that needs it reads it (``options(ctx)``)."""

    limits: Limits = DEFAULT_LIMITS


def options(ctx: typer.Context) -> Options:
    return ctx.obj if isinstance(ctx.obj, Options) else Options()


def _print_version(value: bool) -> None:
    """``--version``: eager, so that it answers before typer asks for a command."""
    if value:
        typer.echo(f"ledger {__version__}")
        raise typer.Exit(0)


@app.callback()
def global_options(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True)] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse ledgers larger than this many bytes.", min=1)] = DEFAULT_LIMITS.max_bytes,
    max_depth: Annotated[int, typer.Option(help="Refuse YAML nested deeper than this.", min=1, max=10_000)] = DEFAULT_LIMITS.max_depth,
    max_nodes: Annotated[int, typer.Option(help="Refuse YAML with more nodes than this.", min=1)] = DEFAULT_LIMITS.max_nodes,
    max_scalar_chars: Annotated[int, typer.Option(help="Refuse single values longer than this.", min=1)] = DEFAULT_LIMITS.max_scalar_chars,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display on stderr (shown on a terminal when a command takes over a second).")] = False,
) -> None:
    # --version has answered already, in its callback
    progress.start(quiet)
    ctx.obj = Options(Limits(max_bytes, max_depth, max_nodes, max_scalar_chars))


# ------------------------------------------------------------------ output

_console_class = None


def _console(stderr: bool) -> Console:
    global _console_class
    progress.stop()  # something is about to be printed
    if _console_class is None:
        from rich.console import Console

        from ledger.output.terminal import shown

        class _Console(Console):
            """A console that reads no markup and no emoji codes in what it prints, and shows
            the control characters of the strings and texts it is given (``shown``)."""

            def print(self, *objects, **options) -> None:
                super().print(*map(shown, objects), **options)

        _console_class = _Console
    console = _console_class(stderr=stderr, highlight=False, soft_wrap=True, markup=False, emoji=False)
    if not console.is_terminal:  # piped: never fold table cells, so lines stay greppable
        console = _console_class(stderr=stderr, highlight=False, soft_wrap=True, markup=False, emoji=False,
                                 width=100_000)
    return console


def say(line: str) -> None:
    """Print a plain line on stdout, its control characters shown (as ``out().print`` would
    print it, without starting rich)."""
    from ledger.output.visible import visible

    progress.stop()
    sys.stdout.write(visible(line) + "\n")


def out() -> Console:
    return _console(False)


def err() -> Console:
    return _console(True)


def print_all(console: Console, renderables) -> None:
    """Print each of ``renderables`` (``ledger.output.terminal`` makes them) on ``console``."""
    for renderable in renderables:
        console.print(renderable)


def print_diagnostics(diagnostics, console: Console) -> None:
    from ledger.output.terminal import diagnostic_lines

    print_all(console, diagnostic_lines(diagnostics))


def fail(message: str, code: int = 1, hint: str = "") -> NoReturn:
    """Print ``error: message`` (and the hint) on stderr and end the command with ``code``."""
    from rich.text import Text

    err().print(Text(f"error: {message}"))
    if hint:
        err().print(Text(f"    hint: {hint}", style="dim"))
    raise typer.Exit(code)


# ------------------------------------------------------------------ input

def interactive() -> bool:
    """Whether missing values may be asked for (stdin is a terminal)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def choice(values):
    """A prompt's check that the answer is one of ``values`` (it asks again otherwise)."""
    from ledger.core.words import did_you_mean

    values = list(values)

    def check(answer):
        answer = str(answer).strip()
        if answer in values:
            return answer
        raise typer.BadParameter(f"{answer!r} is not one of: {', '.join(values)}. {did_you_mean(answer, values, n=3)}")

    return check


# ------------------------------------------------------------------ loading

def load(path: Path, limits: Limits, *, allow_errors: bool = False) -> LoadResult:
    """The loaded ledger; unless ``allow_errors``, a ledger with errors ends the command
    (exit 1) with its diagnostics on stderr."""
    from ledger.load import load_ledger

    result = settle(load_ledger(path, limits))
    if not allow_errors and (result.ledger is None or not result.ok):
        print_diagnostics(result.diagnostics, err())
        raise typer.Exit(1)
    return result


def load_cached(path: Path, limits: Limits, *, allow_errors: bool = False):
    """``load`` through the content-hash cache (``ledger.perf.cache``): the result, the cached
    conflicts (None: compute them) and the cache entry to ``save(conflicts)`` in."""
    from ledger.perf import cache

    result, conflicts, entry = settle(cache.load(path, limits))
    if not allow_errors and (result.ledger is None or not result.ok):
        entry.save(None)
        print_diagnostics(result.diagnostics, err())
        raise typer.Exit(1)
    return result, conflicts, entry


# ------------------------------------------------------------------ the program

OUTPUT_ERROR = 3  # the exit status when the output cannot be written


class OutputError(OSError):
    """Writing the command's output (stdout) failed, for another reason than a reader that
    went away (``BrokenPipeError``, left as it is: rich and typer end the command quietly)."""


class _Output:
    """``sys.stdout`` while the program runs: its write errors become ``OutputError``, so
    that ``main`` tells them from any other ``OSError`` (a bug). ``stream`` None: standard
    output was closed (``ledger check >&-``), and any write fails."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        progress.stop()  # erased before the output, never mixed into it
        if self._stream is None:
            raise OutputError(errno.EBADF, "standard output is closed")
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.errno, error.strerror or str(error)) from error

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.errno, error.strerror or str(error)) from error

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name):  # fileno, encoding, buffer, ...
        return getattr(self._stream, name)


def _output_failed(error: OSError, code):
    """The exit status once writing the output failed with ``error``: a reader that went
    away is not reported (1, as ever); anything else is, with status 3."""
    if error.errno == errno.EPIPE:
        return code or 1
    try:
        sys.stderr.write(f"ledger: cannot write the output: {error.strerror or error}\n")
    except (OSError, ValueError):
        pass
    return OUTPUT_ERROR


def main() -> None:
    """The ``ledger`` program: runs ``app`` with the commands ``ledger.cli.commands``
    registered on it (the entry point ``ledger.cli:main`` imports that first). Ends with
    the exit status of the table above."""
    start_command()  # the cycle collector is off until the ledger is loaded: see ``settle``
    sys.stdout = _Output(sys.stdout)
    failed: OSError | None = None
    try:
        app()
        code = 0
    except SystemExit as done:
        code = done.code
    except KeyboardInterrupt:
        progress.stop()
        sys.stderr.write("interrupted\n")
        code = 130
    except OutputError as error:
        code, failed = 1, error
    except Exception as error:  # a bug, not bad input: say so without a wall of traceback
        progress.stop()
        if os.environ.get("LEDGER_DEBUG"):
            raise
        sys.stderr.write(f"ledger: internal error: {type(error).__name__}: {error}\n"
                         "Please report it with the input that caused it (LEDGER_DEBUG=1 shows the traceback).\n")
        code = 1
    if failed is None:
        try:  # what is still buffered: a short output is written only now
            sys.stdout.flush()
        except OSError as error:
            failed = error
        except ValueError:  # closed
            pass
    progress.stop()
    if failed is not None:
        code = _output_failed(failed, code)
    exit_now(code)
