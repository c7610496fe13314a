"""The ``ledger`` command line: a thin layer over the library.

Exit status: 0 ok, 1 the ledger has problems (or --strict found unreviewed
errors), 2 usage error. Output is plain text when not on a terminal, and colour
follows NO_COLOR.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ledger.core.version import __version__
from ledger.output.describe import describe
from ledger.core.diagnostics import CODES, Severity
from ledger.core.ledger import Ledger, LoadResult
from ledger.load import load_ledger
from ledger.perf.process import exit_now, settle, start_command
from ledger.output.records import CSV_COLUMNS, claim_record, claim_subjects, source_records
from ledger.output.records import csv_row as _csv_row
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
    for diagnostic in result.diagnostics:
        style = {"error": "red", "warning": "yellow", "info": "cyan"}[diagnostic.severity.value]
        text = Text(str(diagnostic.location) + ": ", style="bold")
        text.append(diagnostic.code, style=style)
        text.append(" " + diagnostic.message)
        console.print(text)
        if diagnostic.hint:
            console.print(Text("    hint: " + diagnostic.hint, style="dim"))
        for other in diagnostic.related:
            console.print(Text(f"    see: {other}", style="dim"))
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in result.diagnostics)
    if errors or warnings:
        console.print(f"{errors} error(s), {warnings} warning(s)")


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

def _matches(ledger: Ledger, claim, kind, source, model, benchmark, topic) -> bool:
    if kind and claim.kind not in kind:
        return False
    if source and claim.source not in source:
        return False
    if topic and claim.topic.value not in topic:
        return False
    if model:
        refs = set(claim_subjects(claim))
        if claim.kind == "statement" and claim.object:
            refs.add(claim.object)
        if not any(m in refs for m in model):
            return False
    if benchmark and getattr(claim, "benchmark", None) not in benchmark:
        if not (claim.kind == "tally" and set(claim.benchmarks or []) & set(benchmark)):
            return False
    return True


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
    selected = [c for c in lg.claims.values() if _matches(lg, c, kind, source, model, benchmark, topic)]
    records = [claim_record(lg, c) for c in selected]
    if format is TableFormat.json:
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    elif format is TableFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(_csv_row(record))
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(show_lines=False, box=None, pad_edge=False)
        for column in ("id", "kind", "where", "claim"):
            table.add_column(column, overflow="fold")
        for claim, record in zip(selected, records):
            where = f"{record['file']}:{record['line']}:{record['column']}"
            table.add_row(claim.id, claim.kind, where, describe(lg, claim))
        console = out()
        console.print(table)
        console.print(f"{len(records)} claim(s)")


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
    record = claim_record(lg, claim)
    console.print(Text(claim.id, style="bold"), Text(f"({claim.kind}, {claim.topic.value})"))
    console.print(describe(lg, claim))
    line, column = lg.positions[("claims", claim.id)]
    console.print(f"defined at {ledger}:{line}:{column}")
    for key, value in record.items():
        if key in ("id", "kind", "quote", "topic") or value in (None, [], {}):
            continue
        console.print(f"  {key}: {value}")
    console.print()
    console.print(passage(lg, claim.id, context, plain=not console.is_terminal or console.no_color))


def passage(lg: Ledger, claim_id: str, context: int = 2, plain: bool = False) -> Text:
    """The claim's source lines with the quote highlighted (or [[marked]] in plain text)."""
    claim = lg.claims[claim_id]
    anchor = lg.anchors.get(claim_id)
    source = lg.sources[claim.source]
    text = lg.texts[claim.source].text
    lines = text.splitlines(keepends=True)
    first = max(anchor.line - context, 1)
    last = min(anchor.end_line + context, len(lines))
    start_offset = sum(len(l) for l in lines[: first - 1])
    body = "".join(lines[first - 1 : last]).rstrip("\n")
    rendered = Text(f"{lg.display_path(source.file)}:{anchor.line}:{anchor.column}\n", style="dim")
    quote_start = anchor.start - start_offset
    quote_end = anchor.end - start_offset
    number = first
    for raw_line in body.split("\n"):
        rendered.append(f"{number:>5} | ", style="dim")
        line_start = len(rendered.plain)
        piece = raw_line
        if plain:
            rel_start = quote_start - (sum(len(l) for l in lines[first - 1 : number - 1]))
            rel_end = quote_end - (sum(len(l) for l in lines[first - 1 : number - 1]))
            s, e = max(rel_start, 0), min(rel_end, len(raw_line))
            if s < e:
                piece = raw_line[:s] + "[[" + raw_line[s:e] + "]]" + raw_line[e:]
            rendered.append(piece + "\n")
        else:
            rendered.append(piece + "\n")
            offset_in_body = sum(len(l) for l in lines[first - 1 : number - 1])
            s = max(quote_start - offset_in_body, 0)
            e = min(quote_end - offset_in_body, len(raw_line))
            if s < e:
                rendered.stylize("bold reverse", line_start + s, line_start + e)
        number += 1
    return rendered


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
    table = Table(box=None, pad_edge=False)
    for column in ("id", "file", "kind", "published", "authors", "claims", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["id"], row["file"], row["kind"], row["published"] or "unknown",
                      ", ".join(row["authors"]) or "unknown", str(row["claims"]), row["title"])
    out().print(table)


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
    selected = [c for c in found if _conflict_matches(lg, c, source, rule, severity, model, benchmark, unreviewed)]
    if format is ConflictFormat.text:
        _print_conflicts(lg, selected, len(found))
    else:
        sys.stdout.write(REPORTERS[format.value](lg, selected))
    entry.save(found)  # after the output, which is what the user waits for
    if strict and any(c.severity is Severity.ERROR and c.review is None for c in found):
        raise typer.Exit(1)


def _conflict_matches(lg, conflict, source, rule, severity, model, benchmark, unreviewed) -> bool:
    claims = [lg.claims[c] for c in conflict.claims]
    if unreviewed and conflict.review is not None:
        return False
    if source and not any(c.source in source for c in claims):
        return False
    if rule and conflict.rule not in {r.upper() for r in rule} and conflict.name not in rule:
        return False
    if severity and conflict.severity.value not in severity:
        return False
    if model and not any(set(model) & set(claim_subjects(c)) for c in claims):
        return False
    if benchmark and not any(getattr(c, "benchmark", None) in benchmark for c in claims):
        return False
    return True


def _highlight_numbers(quote: str) -> Text:
    import re

    text = Text(quote)
    for match in re.finditer(r"\d+(?:[.,]\d+)*%?", quote):
        text.stylize("bold yellow", match.start(), match.end())
    return text


def _print_conflicts(lg: Ledger, selected, total: int) -> None:
    console = out()
    side_by_side = console.is_terminal
    for conflict in selected:
        style = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}[conflict.severity.value]
        header = Text(conflict.id, style="bold")
        header.append(f" {conflict.severity.value}", style=style)
        header.append(f" {conflict.name}")
        verdict = conflict.review.verdict.value if conflict.review else "unreviewed"
        header.append(f" [{verdict}]", style="green" if conflict.review else "dim")
        console.print(header)
        console.print(conflict.message)
        panels = []
        for claim_id in conflict.claims:
            claim = lg.claims[claim_id]
            record = claim_record(lg, claim)
            title = Text(f"{claim_id} ({claim.source})\n", style="bold")
            title.append(f"{lg.display_path(record['file'])}:{record['line']}:{record['column']}\n", style="dim")
            title.append_text(_highlight_numbers(claim.quote))
            panels.append(title)
        if side_by_side:
            table = Table(show_header=False, box=None, expand=True, padding=(0, 2))
            for _ in panels[:3]:
                table.add_column(ratio=1, overflow="fold")
            for row_start in range(0, len(panels), 3):
                row = panels[row_start:row_start + 3]
                table.add_row(*(row + [Text("")] * (min(3, len(panels)) - len(row))))
            console.print(table)
        else:
            for panel in panels:
                for n, line in enumerate(panel.split("\n")):
                    console.print(Text("  | " if n else "  - ") + line)
        if conflict.review and conflict.review.note:
            console.print(Text(f"  verdict: {conflict.review.verdict.value}: {conflict.review.note}", style="green"))
        console.print()
    errors = sum(c.severity is Severity.ERROR for c in selected)
    warnings = sum(c.severity is Severity.WARNING for c in selected)
    infos = sum(c.severity is Severity.INFO for c in selected)
    unreviewed = sum(c.review is None for c in selected)
    shown = f"{len(selected)} of {total}" if len(selected) != total else f"{total}"
    console.print(f"{shown} conflict(s): {errors} error, {warnings} warning, {infos} info; {unreviewed} unreviewed")


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
    console = out()
    table = Table(box=None, pad_edge=False)
    for column in ("source", "file", "figures covered", "sentences covered", "skipped lines"):
        table.add_column(column)
    for report in reports:
        data = report.to_json()
        for sentence in report.uncovered:
            missing = f"  [figures not covered: {', '.join(f for _, f in sentence.missing_figures)}]" if sentence.missing_figures else ""
            console.print(f"{lg.display_path(report.file)}:{sentence.line}:{sentence.column}: "
                          f"{'not covered' if not sentence.covered else 'partly covered'}: {sentence.text[:200]}{missing}")
        skipped = sum(s.lines[1] - s.lines[0] + 1 for s in lg.sources[report.source].skips if s.lines)
        figures, sentences = data["figures"], data["sentences"]
        table.add_row(report.source, report.file,
                      f"{figures['covered']}/{figures['present']} ({_percent(figures)})",
                      f"{sentences['covered']}/{sentences['present']} ({_percent(sentences)})", str(skipped))
    console.print(table)


def _percent(counts: dict) -> str:
    return f"{100 * counts['covered'] / counts['present']:.0f}%" if counts["present"] else "100%"


# ------------------------------------------------------------------ explain

@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A diagnostic code (S003) or conflict rule code (C002).")],
) -> None:
    """What a diagnostic or conflict-rule code means, with an example."""
    code = code.upper()
    console = out()
    info = CODES.get(code)
    if info is not None:
        console.print(Text(f"{info.code} {info.name} ({info.severity.value})", style="bold"))
        console.print(info.summary)
        console.print()
        console.print("Example:")
        console.print(info.example)
        return
    from ledger.check.rules import RULES

    rule = RULES.get(code)
    if rule is None:
        known = ", ".join(sorted(CODES) + sorted(RULES))
        err().print(f"error: unknown code {code!r}. Known codes: {known}")
        raise typer.Exit(2)
    console.print((rule.__doc__ or "").strip())
    console.print()
    console.print(f"Default severity: {rule.SEVERITY.value}. Verdicts go under `reviews:` in the ledger.")


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
