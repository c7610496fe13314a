"""``ledger report``, ``ledger matrix`` and ``ledger export``: the ledger for readers and other tools."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from ledger.cli.app import DEFAULT_LEDGER, LedgerOption, TableFormat, err, fail, load, options, out, print_all
from ledger.output.visible import to_json


def _conflicts(lg):
    from ledger.check.engine import find_conflicts

    return find_conflicts(lg)


def report(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="The folder to write the report into (created; replaced when it holds a previous report).")],
    ledger: LedgerOption = DEFAULT_LEDGER,
    force: Annotated[bool, typer.Option("--force", help="Replace DIR even when it exists and is not a previous ledger report. Its contents are deleted.")] = False,
) -> None:
    """Write a static HTML report of the ledger into DIR; open DIR/index.html in a browser.

    The pages: index.html (sources, claims by kind and topic, conflicts by severity and verdict);
    conflicts.html (each conflict's passages side by side, numbers marked; #CONFLICT-ID links to one);
    source-ID.html (the source's full text, every claim's quote highlighted in place: hover, click
    or Tab to a quote to see its claim; #claim-CLAIM-ID links to one); matrix.html (model x benchmark
    scores, conflicting cells marked).

    The report is self-contained (inline CSS and script, nothing loaded from the network), so it can
    be zipped, attached or published as it is. It is built next to DIR and swapped in at once: never
    a half-written report. DIR must be new, empty, or a previous report (it holds a .ledger-report
    marker); anything else needs --force. A link, the ledger's folder, or a folder holding the
    ledger or a source is refused, --force or not.

    Exit 0 when written, 1 when the ledger has errors or DIR cannot be written, 2 on usage errors.

    Example: ledger report -o htmlreport, then open htmlreport/index.html.
    """
    from ledger.output.report import write_report
    from ledger.write.files import WriteError

    lg = load(ledger, options(ctx).limits).ledger
    try:
        files = write_report(lg, _conflicts(lg), output, force=force)
    except WriteError as error:
        fail(str(error), hint=error.hint)
    pages = sum(name.endswith(".html") for name in files)
    out().print(Text(f"wrote {output}{'/' if not str(output).endswith('/') else ''}index.html "
                     f"({pages} pages: overview, conflicts, matrix, {len(lg.sources)} sources)"))


def matrix(
    ctx: typer.Context,
    ledger: LedgerOption = DEFAULT_LEDGER,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table (with a legend), json (models, benchmarks and every cell with its claims and conflicts) or csv (the table's cells, marks included).")] = TableFormat.table,
) -> None:
    """The model x benchmark matrix rebuilt from every score claim, conflicting cells marked.

    Rows are benchmarks, columns models. A cell shows the values the sources give ("a / b" when
    several do, or for several settings) and ends in "!" when a conflict of rule C001
    (figures disagree), C002 (words against figures) or C004 (rankings and tallies) involves one of
    its scores: `ledger conflicts --model M --benchmark B` lists them. The same matrix, each value
    linked to its passage, is in `ledger report`'s matrix.html.
    """
    from ledger.output.matrix import build_matrix, matrix_csv, matrix_record, matrix_rows
    from ledger.output.terminal import matrix_listing

    lg = load(ledger, options(ctx).limits).ledger
    found = build_matrix(lg, _conflicts(lg))
    if format is TableFormat.json:
        sys.stdout.write(to_json(matrix_record(lg, found)))
        return
    header, rows = matrix_rows(lg, found)
    if format is TableFormat.csv:
        sys.stdout.write(matrix_csv(header, rows))
        return
    print_all(out(), matrix_listing(found, header, rows))


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    sqlite = "sqlite"
    annotations = "annotations"
    model_index = "model-index"


def export(
    ctx: typer.Context,
    to: Annotated[ExportFormat, typer.Option("--to", "-t", help="json, csv, sqlite, annotations (W3C Web Annotation JSON-LD) or model-index (Hugging Face model card YAML).", case_sensitive=False)],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="PATH", help="The file to write: new, or a regular file to replace (never the ledger, a source, a link, a pipe or a device); '-' writes to standard output (not for sqlite).")],
    ledger: LedgerOption = DEFAULT_LEDGER,
) -> None:
    """Export the ledger for other tools.

    \b
    json         {"sources", "entities", "claims", "conflicts"}; claims and conflicts shaped exactly
                 like `ledger claims -f json` and `ledger conflicts -f json` (the JSON contracts).
    csv          one row per claim, the columns of `ledger claims -f csv`.
    sqlite       tables sources, entities, claims, claim_entities, conflicts, conflict_claims,
                 verdicts and a view scores, with primary and foreign keys; lists are JSON text.
                 Browse it with: datasette PATH
    annotations  a W3C Web Annotation collection (JSON-LD): one "describing" annotation per claim,
                 targeting its passage by TextQuoteSelector and TextPositionSelector, then one
                 "assessing" annotation per conflict, targeting all its passages.
    model-index  Hugging Face model-index YAML: one entry per model, one result per score claim,
                 with its benchmark, setting and source.

    The file is written to a temporary file in the same folder and renamed into place: a failed
    export leaves no partial file. PATH is refused (nothing written) when it is the ledger, one of
    its sources, a symbolic link, a pipe or a device. Exit 0 when written, 1 when the ledger has
    errors or PATH cannot be written, 2 on usage errors.

    Example: ledger export --to sqlite -o ledger.db && datasette ledger.db
    """
    from ledger.output.export import export as write, render
    from ledger.write.files import WriteError

    lg = load(ledger, options(ctx).limits).ledger
    conflicts = _conflicts(lg)
    fmt = to.value
    if str(output) == "-":
        if fmt == "sqlite":
            err().print("error: sqlite needs a file: pass -o PATH (e.g. -o ledger.db)")
            raise typer.Exit(2)
        sys.stdout.write(render(fmt, lg, conflicts))
        return
    try:
        write(fmt, lg, conflicts, output)
    except WriteError as error:
        fail(str(error), hint=error.hint)
    counts = f"{len(lg.claims)} claims, {len(conflicts)} conflicts"
    if fmt == "model-index":
        counts = f"{sum(c.kind == 'score' and c.reported for c in lg.claims.values())} score claims"
    hint = f"; browse it with: datasette {output}" if fmt == "sqlite" else ""
    out().print(Text(f"wrote {output} ({fmt}: {counts}){hint}"))
