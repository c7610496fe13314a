"""The ``ledger`` command line: a thin layer over the library.

Exit status: 0 ok, 1 the ledger has problems (or --strict found unreviewed
errors), 2 usage error. Output is plain text when not on a terminal, and colour
follows NO_COLOR.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from ledger.core.version import __version__
from ledger.core.diagnostics import Severity
from ledger.core.ledger import LoadResult
from ledger.load import load_ledger
from ledger.perf.process import exit_now, settle, start_command
from ledger.output.filters import select_claims, select_conflicts
from ledger.output.records import claim_record, claims_csv, source_records
from ledger.output.terminal import (
    claim_view,
    claims_listing,
    conflicts_listing,
    coverage_listing,
    diagnostic_lines,
    explanation,
    known_codes,
    sources_table,
)
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits

app = typer.Typer(
    name="ledger",
    help="A claims ledger for research-report write-ups: typed claims anchored to the exact passages "
    "of their sources, checked for contradictions.\n\nStart with `ledger check`, then `ledger conflicts`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

LedgerOption = Annotated[
    Path,
    typer.Option("--ledger", "-l", help="The ledger file; sources resolve relative to its folder.",
                 dir_okay=False, show_default=True),
]
_limits = DEFAULT_LIMITS


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class TextFormat(str, Enum):
    text = "text"
    json = "json"


def _console(stderr: bool) -> Console:
    console = Console(stderr=stderr, highlight=False, soft_wrap=True)
    if not console.is_terminal:  # piped: never fold table cells, so lines stay greppable
        console = Console(stderr=stderr, highlight=False, soft_wrap=True, width=100_000)
    return console


def out() -> Console:
    return _console(False)


def err() -> Console:
    return _console(True)


@app.callback()
def _global(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse ledgers larger than this many bytes.", min=1)] = DEFAULT_LIMITS.max_bytes,
    max_depth: Annotated[int, typer.Option(help="Refuse YAML nested deeper than this.", min=1, max=10_000)] = DEFAULT_LIMITS.max_depth,
    max_nodes: Annotated[int, typer.Option(help="Refuse YAML with more nodes than this.", min=1)] = DEFAULT_LIMITS.max_nodes,
    max_scalar_chars: Annotated[int, typer.Option(help="Refuse single values longer than this.", min=1)] = DEFAULT_LIMITS.max_scalar_chars,
) -> None:
    global _limits
    if version:
        typer.echo(f"ledger {__version__}")
        raise typer.Exit(0)
    _limits = Limits(max_bytes, max_depth, max_nodes, max_scalar_chars)


def _load(path: Path, *, allow_errors: bool = False) -> LoadResult:
    result = settle(load_ledger(path, _limits))
    if not allow_errors and (result.ledger is None or not result.ok):
        _print_diagnostics(result, err())
        raise typer.Exit(1)
    return result


def _load_cached(path: Path, *, allow_errors: bool = False):
    """``_load`` through the content-hash cache (``ledger.cache``): the result, the cached
    conflicts (None: compute them) and the cache entry to ``save(conflicts)`` in."""
    from ledger.perf import cache

    result, conflicts, entry = settle(cache.load(path, _limits))
    if not allow_errors and (result.ledger is None or not result.ok):
        entry.save(None)
        _print_diagnostics(result, err())
        raise typer.Exit(1)
    return result, conflicts, entry


def _print_diagnostics(result: LoadResult, console: Console) -> None:
    print_all(console, diagnostic_lines(result.diagnostics))


def print_all(console: Console, renderables) -> None:
    """Print each of ``renderables`` (``ledger.output.terminal`` makes them) on ``console``."""
    for renderable in renderables:
        console.print(renderable)


# ------------------------------------------------------------------ check

@app.command()
def check(
    ledger: LedgerOption = Path("claims.yaml"),
    format: Annotated[TextFormat, typer.Option("--format", "-f", help="text, or json (a list of diagnostics).")] = TextFormat.text,
) -> None:
    """Load, validate and anchor the ledger; print every problem as path:line:col: CODE message.

    Exit 0 when there is no error, 1 otherwise. `ledger explain CODE` tells what a code means.
    """
    result, found, entry = _load_cached(ledger, allow_errors=True)
    if result.ok and result.ledger is not None:
        from ledger.check.engine import find_conflicts, stale_reviews

        if found is None:
            found = find_conflicts(result.ledger)
        result.diagnostics.extend(stale_reviews(result.ledger, found))
    if format is TextFormat.json:
        sys.stdout.write(json.dumps([d.to_json() for d in result.diagnostics], indent=2) + "\n")
    else:
        _print_diagnostics(result, out())
        if result.ok and result.ledger is not None:
            lg = result.ledger
            out().print(f"{ledger}: ok: {len(lg.sources)} sources, {len(lg.entities)} entities, "
                        f"{len(lg.claims)} claims, {len(lg.reviews)} reviews")
    entry.save(found)  # after the output, which is what the user waits for
    raise typer.Exit(0 if result.ok else 1)


# ------------------------------------------------------------------ claims

@app.command()
def claims(
    ledger: LedgerOption = Path("claims.yaml"),
    kind: Annotated[Optional[list[str]], typer.Option(metavar="KIND", help="Only claims of this kind (repeatable): score, comparison, ranking, tally, quantity, statement.")] = None,
    source: Annotated[Optional[list[str]], typer.Option(metavar="SOURCE", help="Only claims from this source id (repeatable).")] = None,
    model: Annotated[Optional[list[str]], typer.Option("--model", "--subject", metavar="ENTITY", help="Only claims naming this entity id as model, subject or object (repeatable).")] = None,
    benchmark: Annotated[Optional[list[str]], typer.Option(metavar="BENCHMARK", help="Only claims on this benchmark id (repeatable).")] = None,
    topic: Annotated[Optional[list[str]], typer.Option(metavar="TOPIC", help="Only claims with this topic (repeatable).")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json (the documented contract) or csv.")] = TableFormat.table,
) -> None:
    """List claims, filtered; as a table, JSON (a stable contract, see README) or CSV."""
    lg = _load(ledger).ledger
    selected = select_claims(lg, kind=kind, source=source, model=model, benchmark=benchmark, topic=topic)
    records = [claim_record(lg, c) for c in selected]
    if format is TableFormat.json:
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    elif format is TableFormat.csv:
        sys.stdout.write(claims_csv(records))
    else:
        print_all(out(), claims_listing(lg, selected, records))


# ------------------------------------------------------------------ show

@app.command()
def show(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id (see `ledger claims`).")],
    ledger: LedgerOption = Path("claims.yaml"),
    context: Annotated[int, typer.Option(help="Lines of source to show around the passage.", min=0, max=50)] = 2,
) -> None:
    """One claim: its fields, and its passage in the source with the quote highlighted."""
    lg = _load(ledger).ledger
    claim = lg.claims.get(claim_id)
    if claim is None:
        import difflib

        close = difflib.get_close_matches(claim_id, list(lg.claims), n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        err().print(f"error: no claim {claim_id!r} in {ledger}.{hint}")
        raise typer.Exit(1)
    console = out()
    print_all(console, claim_view(lg, claim, ledger, context, plain=not console.is_terminal or console.no_color))


# ------------------------------------------------------------------ sources

@app.command()
def sources(
    ledger: LedgerOption = Path("claims.yaml"),
    format: Annotated[TextFormat, typer.Option("--format", "-f", help="text or json.")] = TextFormat.text,
) -> None:
    """The sources with their metadata and claim counts."""
    rows = source_records(_load(ledger).ledger)
    if format is TextFormat.json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    out().print(sources_table(rows))


# ------------------------------------------------------------------ conflicts

class ConflictFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"


@app.command()
def conflicts(
    ledger: LedgerOption = Path("claims.yaml"),
    format: Annotated[ConflictFormat, typer.Option("--format", "-f", help="text (passages side by side), json (the documented contract), markdown (a pull-request comment), github (workflow annotations) or sarif (SARIF 2.1.0).")] = ConflictFormat.text,
    source: Annotated[Optional[list[str]], typer.Option(metavar="SOURCE", help="Only conflicts involving this source id (repeatable).")] = None,
    rule: Annotated[Optional[list[str]], typer.Option(metavar="RULE", help="Only this rule, by code or name: C002 or words-against-figures (repeatable).")] = None,
    severity: Annotated[Optional[list[str]], typer.Option(metavar="SEVERITY", help="Only this severity: error, warning, info (repeatable).")] = None,
    model: Annotated[Optional[list[str]], typer.Option("--model", "--subject", metavar="ENTITY", help="Only conflicts whose claims name this entity id (repeatable).")] = None,
    benchmark: Annotated[Optional[list[str]], typer.Option(metavar="BENCHMARK", help="Only conflicts whose claims are on this benchmark id (repeatable).")] = None,
    unreviewed: Annotated[bool, typer.Option("--unreviewed", help="Only conflicts without a reviewer's verdict.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 while an error-severity conflict has no verdict (for CI).")] = False,
) -> None:
    """List the claims that contradict each other, computed by the rules (`ledger explain C001` .. C006).

    Without --strict, conflicts are findings, not failures: the exit status is 0. Record a verdict on a
    conflict under `reviews:` in the ledger (confirmed, dismissed or resolved).
    """
    from ledger.check.engine import find_conflicts, stale_reviews
    from ledger.output.reporters import REPORTERS

    result, found, entry = _load_cached(ledger)
    lg = result.ledger
    if found is None:
        found = find_conflicts(lg)
    for diagnostic in stale_reviews(lg, found):
        err().print(f"{diagnostic.location}: {diagnostic.code} {diagnostic.message}")
    selected = select_conflicts(lg, found, source=source, rule=rule, severity=severity, model=model,
                                benchmark=benchmark, unreviewed=unreviewed)
    if format is ConflictFormat.text:
        console = out()
        print_all(console, conflicts_listing(lg, selected, len(found), side_by_side=console.is_terminal))
    else:
        sys.stdout.write(REPORTERS[format.value](lg, selected))
    entry.save(found)  # after the output, which is what the user waits for
    if strict and any(c.severity is Severity.ERROR and c.review is None for c in found):
        raise typer.Exit(1)


# ------------------------------------------------------------------ coverage

@app.command()
def coverage(
    source: Annotated[Optional[list[str]], typer.Argument(metavar="[SOURCE]...", help="Source ids (default: all).")] = None,
    ledger: LedgerOption = Path("claims.yaml"),
    format: Annotated[TextFormat, typer.Option("--format", "-f", help="text or json.")] = TextFormat.text,
) -> None:
    """What each source asserts that no claim covers and no skip explains.

    Lists, per source, the sentences holding a figure or an assertion that no claim's quote covers
    (with their line numbers and the figures left out), then a summary line: figures covered / present,
    sentences covered / present. Lines listed under a source's `skips` are left out on purpose.
    """
    from ledger.check.coverage import coverage as compute

    lg = _load(ledger).ledger
    unknown = [s for s in source or [] if s not in lg.sources]
    if unknown:
        err().print(f"error: unknown source {unknown[0]!r}; the sources are: {', '.join(lg.sources)}")
        raise typer.Exit(1)
    reports = compute(lg, source)
    if format is TextFormat.json:
        sys.stdout.write(json.dumps([r.to_json() for r in reports], indent=2, ensure_ascii=False) + "\n")
        return
    print_all(out(), coverage_listing(lg, reports))


# ------------------------------------------------------------------ explain

@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A diagnostic code (S003) or conflict rule code (C002).")],
) -> None:
    """What a diagnostic or conflict-rule code means, with an example."""
    code = code.upper()
    lines = explanation(code)
    if lines is None:
        err().print(f"error: unknown code {code!r}. Known codes: {', '.join(known_codes())}")
        raise typer.Exit(2)
    print_all(out(), lines)


# Commands kept in their own modules register themselves on `app` when imported.
from ledger.cli import reports as cli_reports, workflow as cli_workflow  # noqa: E402,F401


def main() -> None:
    """The ``ledger`` program."""
    start_command()  # the cycle collector is off until the ledger is loaded: see ``settle``
    try:
        app()
        code = 0
    except SystemExit as done:
        code = done.code
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        code = 130
    except Exception as error:  # a bug, not bad input: say so without a wall of traceback
        if os.environ.get("LEDGER_DEBUG"):
            raise
        sys.stderr.write(f"ledger: internal error: {type(error).__name__}: {error}\n"
                         "Please report it with the input that caused it (LEDGER_DEBUG=1 shows the traceback).\n")
        code = 1
    exit_now(code)
