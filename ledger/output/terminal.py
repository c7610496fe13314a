"""The ledger on a terminal: what the ``ledger`` commands print, as rich renderables.

Each function gives a list of things to print, one ``console.print`` each: rich objects
(tables, styled text) and plain strings (printed with the console's markup, as the
commands always have). The caller picks the console and says what it can show
(``plain``: no colour to mark a quote with; ``side_by_side``: room for columns).
The other formats of the same data are in ``reporters`` (conflicts), ``records``
(claims, sources) and ``matrix``.
"""

from __future__ import annotations

import re

from rich.console import NewLine, RenderableType
from rich.table import Table
from rich.text import Text

from ledger.core.diagnostics import CODES, Severity
from ledger.core.ledger import Ledger
from ledger.output.describe import describe
from ledger.output.records import claim_record

_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


# ------------------------------------------------------------------ diagnostics

def diagnostic_lines(diagnostics) -> list[RenderableType]:
    """Each diagnostic as path:line:col: CODE message (with its hint and related places),
    then a count of errors and warnings (when there is one)."""
    lines: list[RenderableType] = []
    for diagnostic in diagnostics:
        text = Text(str(diagnostic.location) + ": ", style="bold")
        text.append(diagnostic.code, style=_SEVERITY_STYLE[diagnostic.severity.value])
        text.append(" " + diagnostic.message)
        lines.append(text)
        if diagnostic.hint:
            lines.append(Text("    hint: " + diagnostic.hint, style="dim"))
        for other in diagnostic.related:
            lines.append(Text(f"    see: {other}", style="dim"))
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if errors or warnings:
        lines.append(f"{errors} error(s), {warnings} warning(s)")
    return lines


# ------------------------------------------------------------------ claims and sources

def claims_listing(ledger: Ledger, claims, records: list[dict]) -> list[RenderableType]:
    """A table of the claims (id, kind, where, what it says), then their count."""
    table = Table(show_lines=False, box=None, pad_edge=False)
    for column in ("id", "kind", "where", "claim"):
        table.add_column(column, overflow="fold")
    for claim, record in zip(claims, records):
        where = f"{record['file']}:{record['line']}:{record['column']}"
        table.add_row(claim.id, claim.kind, where, describe(ledger, claim))
    return [table, f"{len(records)} claim(s)"]


def claim_view(ledger: Ledger, claim, shown_path, context: int, plain: bool) -> list[RenderableType]:
    """One claim: what it says, where it is defined, its fields, and its passage."""
    line, column = ledger.positions[("claims", claim.id)]
    lines: list[RenderableType] = [
        Text(" ").join([Text(claim.id, style="bold"), Text(f"({claim.kind}, {claim.topic.value})")]),
        describe(ledger, claim),
        f"defined at {shown_path}:{line}:{column}",
    ]
    for key, value in claim_record(ledger, claim).items():
        if key in ("id", "kind", "quote", "topic") or value in (None, [], {}):
            continue
        lines.append(f"  {key}: {value}")
    lines += [NewLine(), passage(ledger, claim.id, context, plain=plain)]
    return lines


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


def sources_table(rows: list[dict]) -> Table:
    """The sources (as ``records.source_records`` gives them), one row each."""
    table = Table(box=None, pad_edge=False)
    for column in ("id", "file", "kind", "published", "authors", "claims", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["id"], row["file"], row["kind"], row["published"] or "unknown",
                      ", ".join(row["authors"]) or "unknown", str(row["claims"]), row["title"])
    return table


# ------------------------------------------------------------------ conflicts

def _highlight_numbers(quote: str) -> Text:
    text = Text(quote)
    for match in re.finditer(r"\d+(?:[.,]\d+)*%?", quote):
        text.stylize("bold yellow", match.start(), match.end())
    return text


def conflicts_listing(lg: Ledger, selected, total: int, side_by_side: bool) -> list[RenderableType]:
    """Each conflict with its claims' passages (in up to three columns with ``side_by_side``,
    else one under the other), then a count by severity."""
    lines: list[RenderableType] = []
    for conflict in selected:
        lines += _conflict_lines(lg, conflict, side_by_side)
    errors = sum(c.severity is Severity.ERROR for c in selected)
    warnings = sum(c.severity is Severity.WARNING for c in selected)
    infos = sum(c.severity is Severity.INFO for c in selected)
    unreviewed = sum(c.review is None for c in selected)
    shown = f"{len(selected)} of {total}" if len(selected) != total else f"{total}"
    lines.append(f"{shown} conflict(s): {errors} error, {warnings} warning, {infos} info; {unreviewed} unreviewed")
    return lines


def _conflict_lines(lg: Ledger, conflict, side_by_side: bool) -> list[RenderableType]:
    style = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}[conflict.severity.value]
    header = Text(conflict.id, style="bold")
    header.append(f" {conflict.severity.value}", style=style)
    header.append(f" {conflict.name}")
    verdict = conflict.review.verdict.value if conflict.review else "unreviewed"
    header.append(f" [{verdict}]", style="green" if conflict.review else "dim")
    lines: list[RenderableType] = [header, conflict.message]
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
        lines.append(table)
    else:
        for panel in panels:
            for n, line in enumerate(panel.split("\n")):
                lines.append(Text("  | " if n else "  - ") + line)
    if conflict.review and conflict.review.note:
        lines.append(Text(f"  verdict: {conflict.review.verdict.value}: {conflict.review.note}", style="green"))
    lines.append(NewLine())
    return lines


def new_conflicts(caused, gone, dry_run: bool) -> list[RenderableType]:
    """What adding a claim does to the conflicts: those it causes, and those it joins (which
    get new ids)."""
    verb = "would cause" if dry_run else "causes"
    if not caused:
        lines: list[RenderableType] = [f"  {verb} no new conflict"]
    else:
        lines = [f"  {verb} {len(caused)} new conflict(s):"]
        for conflict in caused:
            lines.append(Text(f"    {conflict.id} {conflict.severity.value} {conflict.name}: {conflict.message}"))
        lines.append("  record a verdict with `ledger review CONFLICT_ID --verdict confirmed|dismissed|resolved "
                     "--note ...`")
    if gone:
        # the new claim joined these conflicts, which now have new ids (listed above)
        lines.append(f"  {'would replace' if dry_run else 'replaces'} {len(gone)} conflict(s) that now involve "
                     "the new claim too:")
        for conflict in gone:
            stale = f" (its verdict '{conflict.review.verdict.value}' {'would go' if dry_run else 'is now'} stale: " \
                    "move it to the new id)" if conflict.review else ""
            lines.append(Text(f"    {conflict.id} {conflict.name}{stale}"))
    return lines


# ------------------------------------------------------------------ coverage and the matrix

def _percent(counts: dict) -> str:
    return f"{100 * counts['covered'] / counts['present']:.0f}%" if counts["present"] else "100%"


def coverage_listing(lg: Ledger, reports) -> list[RenderableType]:
    """Every sentence no claim covers (with the figures left out), then a table of the
    figures and sentences covered per source."""
    lines: list[RenderableType] = []
    table = Table(box=None, pad_edge=False)
    for column in ("source", "file", "figures covered", "sentences covered", "skipped lines"):
        table.add_column(column)
    for report in reports:
        data = report.to_json()
        for sentence in report.uncovered:
            missing = f"  [figures not covered: {', '.join(f for _, f in sentence.missing_figures)}]" if sentence.missing_figures else ""
            lines.append(f"{lg.display_path(report.file)}:{sentence.line}:{sentence.column}: "
                         f"{'not covered' if not sentence.covered else 'partly covered'}: {sentence.text[:200]}{missing}")
        skipped = sum(s.lines[1] - s.lines[0] + 1 for s in lg.sources[report.source].skips if s.lines)
        figures, sentences = data["figures"], data["sentences"]
        table.add_row(report.source, report.file,
                      f"{figures['covered']}/{figures['present']} ({_percent(figures)})",
                      f"{sentences['covered']}/{sentences['present']} ({_percent(sentences)})", str(skipped))
    lines.append(table)
    return lines


def matrix_listing(found, header: list[str], rows: list[list[str]]) -> list[RenderableType]:
    """The model x benchmark matrix (``matrix.matrix_rows``) as a table, conflicting cells in
    red, then its size and the legend."""
    from ledger.output.matrix import LEGEND

    table = Table(box=None, pad_edge=False)
    table.add_column(header[0], overflow="fold")
    for name in header[1:]:
        table.add_column(name, justify="right", overflow="fold")
    for benchmark, row in zip(found.benchmarks, rows):
        cells = [Text(row[0])]
        for model, value in zip(found.models, row[1:]):
            cell = found.cell(model, benchmark)
            if cell is None:
                cells.append(Text("-", style="dim"))
            elif cell.conflicting:
                cells.append(Text(value, style="bold red"))
            else:
                cells.append(Text(value))
        table.add_row(*cells)
    conflicting = sum(cell.conflicting for cell in found.cells.values())
    return [table,
            Text(f"{len(found.benchmarks)} benchmarks x {len(found.models)} models, {len(found.cells)} cells "
                 f"with scores, {conflicting} conflicting"),
            Text("legend: " + LEGEND, style="dim")]


# ------------------------------------------------------------------ codes

def known_codes() -> list[str]:
    """Every diagnostic code, then every conflict-rule code."""
    from ledger.check.rules import RULES

    return sorted(CODES) + sorted(RULES)


def explanation(code: str) -> list[RenderableType] | None:
    """What a diagnostic or conflict-rule code (upper case) means; None for no such code."""
    info = CODES.get(code)
    if info is not None:
        return [Text(f"{info.code} {info.name} ({info.severity.value})", style="bold"), info.summary,
                NewLine(), "Example:", info.example]
    from ledger.check.rules import RULES

    rule = RULES.get(code)
    if rule is None:
        return None
    return [(rule.__doc__ or "").strip(), NewLine(),
            f"Default severity: {rule.SEVERITY.value}. Verdicts go under `reviews:` in the ledger."]
