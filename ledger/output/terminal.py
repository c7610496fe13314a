"""The ledger on a terminal: what the ``ledger`` commands print, as rich renderables.

Each function gives a list of things to print, one ``console.print`` each: rich objects
(tables, ``Text``), never a string that rich would read as markup, so that brackets in a
ledger ("[figures not covered: 42]", a markdown link) stay text. Every piece of text that comes
from the ledger or a source goes through ``visible`` (``ledger.output.visible``): a control
character in it is shown, never obeyed. The caller picks the console and says what it can
show (``plain``: no colour to mark a quote with; ``side_by_side``: room for columns).
The other formats of the same data are in ``reporters`` (conflicts), ``records``
(claims, sources) and ``matrix``.
"""

from __future__ import annotations

import re

from rich.console import NewLine, RenderableType
from rich.table import Table
from rich.text import Text

from ledger.core.diagnostics import CODES, Location, Severity
from ledger.core.ledger import Ledger
from ledger.core.lines import line_ranges
from ledger.core.model import Setting
from ledger.check.primaries import settlement_line
from ledger.output.describe import describe
from ledger.output.records import claim_record
from ledger.output.visible import UNSEEN, visible

_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


# ------------------------------------------------------------------ what a console prints

def shown(renderable):
    """What a console prints for ``renderable``: a string as literal text (never rich markup),
    a string or ``Text`` with its control characters made visible (styles kept); anything
    else (a table: its renderer made its cells visible) as it is."""
    if isinstance(renderable, str):
        return Text(visible(renderable))
    if isinstance(renderable, Text):
        return visible_text(renderable)
    return renderable


def visible_text(text: Text) -> Text:
    """``text`` with ``visible``'s escapes, each styled as the character it stands for."""
    plain = text.plain
    cuts = sorted({cut for match in UNSEEN.finditer(plain) for cut in match.span()})
    if not cuts:
        return text
    result = text.blank_copy()
    for piece in text.divide(cuts):
        piece.style = ""  # the whole text's style: ``result`` has it
        if len(piece) == 1 and UNSEEN.match(piece.plain):
            escaped = Text(visible(piece.plain))
            for span in piece.spans:
                escaped.stylize(span.style)
            piece = escaped
        result.append_text(piece)
    return result


# ------------------------------------------------------------------ diagnostics

def diagnostic_lines(diagnostics) -> list[RenderableType]:
    """Each diagnostic as path:line:col: CODE message (with its hint and related places),
    then a count of errors and warnings (when there is one)."""
    lines: list[RenderableType] = []
    for diagnostic in diagnostics:
        text = Text(visible(str(diagnostic.location)) + ": ", style="bold")
        text.append(diagnostic.code, style=_SEVERITY_STYLE[diagnostic.severity.value])
        text.append(" " + visible(diagnostic.message))
        lines.append(text)
        if diagnostic.hint:
            lines.append(Text("    hint: " + visible(diagnostic.hint), style="dim"))
        for other in diagnostic.related:
            lines.append(Text(f"    see: {visible(str(other))}", style="dim"))
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if errors or warnings:
        lines.append(Text(f"{errors} error(s), {warnings} warning(s)"))
    return lines


# ------------------------------------------------------------------ claims and sources

def claims_listing(ledger: Ledger, claims, records: list[dict]) -> list[RenderableType]:
    """A table of the claims (id, kind, where, what it says), then their count."""
    table = Table(show_lines=False, box=None, pad_edge=False)
    for column in ("id", "kind", "where", "claim"):
        table.add_column(column, overflow="fold")
    for claim, record in zip(claims, records):
        where = f"{record['file']}:{record['line']}:{record['column']}"
        table.add_row(*_cells(claim.id, claim.kind, where, describe(ledger, claim)))
    return [table, Text(f"{len(records)} claim(s)")]


def _cells(*values: str) -> list[Text]:
    """Table cells: a cell given as a string would be read as rich markup."""
    return [Text(visible(value)) for value in values]


def claim_view(ledger: Ledger, claim, shown_path, context: int, plain: bool) -> list[RenderableType]:
    """One claim: what it says, where it is defined, its fields, and its passage."""
    where = ledger.location_of("claims", claim.id)
    if ledger.files is None:  # the path as the command was given it
        where = Location(str(shown_path), where.line, where.column)
    lines: list[RenderableType] = [
        Text(" ").join([Text(visible(claim.id), style="bold"), Text(f"({claim.kind}, {claim.topic.value})")]),
        Text(visible(describe(ledger, claim))),
        Text(visible(f"defined at {where}")),
    ]
    for key, value in claim_record(ledger, claim).items():
        if key in ("id", "kind", "quote", "topic") or value in (None, [], {}):
            continue
        if key == "cell":
            value = claim.cell.describe()
        elif key == "setting":
            value = "unstated" if claim.setting == Setting() else claim.setting.describe()
        lines.append(Text(visible(f"  {key}: {value}")))
    lines += [NewLine(), passage(ledger, claim.id, context, plain=plain)]
    return lines


def passage(lg: Ledger, claim_id: str, context: int = 2, plain: bool = False) -> Text:
    """The claim's source lines, numbered as the anchor numbers them ("\\r\\n", "\\r" and
    "\\n" each end a line: ``ledger.core.lines``), with the quote highlighted (or [[marked]]
    in plain text). Empty lines at the end of the context are left out."""
    claim = lg.claims[claim_id]
    anchor = lg.anchors.get(claim_id)
    source = lg.sources[claim.source]
    text = lg.texts[claim.source].text
    lines = line_ranges(text)
    if len(lines) > 1 and lines[-1][0] == len(text):
        lines.pop()  # the text's last line break ends its last line; no line follows it
    first = max(anchor.line - context, 1)
    last = min(anchor.end_line + context, len(lines))
    while last > anchor.end_line and lines[last - 1][0] == lines[last - 1][1]:
        last -= 1
    rendered = Text(f"{visible(lg.display_path(source.file))}:{anchor.line}:{anchor.column}\n", style="dim")
    for number in range(first, last + 1):
        start, end = lines[number - 1]
        s = min(max(anchor.start, start), end)  # the quote's part of the line: [s, e)
        e = max(min(anchor.end, end), s)
        before, quoted, after = visible(text[start:s]), visible(text[s:e]), visible(text[e:end])
        rendered.append(f"{number:>5} | ", style="dim")
        if plain:
            rendered.append(before + (f"[[{quoted}]]" if quoted else "") + after + "\n")
        else:
            line_start = len(rendered.plain)
            rendered.append(before + quoted + after + "\n")
            if quoted:
                rendered.stylize("bold reverse", line_start + len(before), line_start + len(before) + len(quoted))
    return rendered


def sources_table(rows: list[dict]) -> Table:
    """The sources (as ``records.source_records`` gives them), one row each."""
    table = Table(box=None, pad_edge=False)
    for column in ("id", "file", "kind", "role", "published", "authors", "claims", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*_cells(row["id"], row["file"], row["kind"], row["role"], row["published"] or "unknown",
                              ", ".join(row["authors"]) or "unknown", str(row["claims"]), row["title"]))
    return table


# ------------------------------------------------------------------ conflicts

def _highlight_numbers(quote: str) -> Text:
    quote = visible(quote)
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
    lines.append(Text(f"{shown} conflict(s): {errors} error, {warnings} warning, {infos} info; {unreviewed} unreviewed"))
    return lines


def _conflict_lines(lg: Ledger, conflict, side_by_side: bool) -> list[RenderableType]:
    style = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}[conflict.severity.value]
    header = Text(conflict.id, style="bold")
    header.append(f" {conflict.severity.value}", style=style)
    header.append(f" {conflict.name}")
    verdict = conflict.review.verdict.value if conflict.review else "unreviewed"
    header.append(f" [{verdict}]", style="green" if conflict.review else "dim")
    lines: list[RenderableType] = [header, Text(visible(conflict.message))]
    settled = settlement_line(lg, conflict)
    if settled:
        lines.append(Text(visible(settled), style="green" if conflict.settled_by else "yellow"))
    panels = []
    for claim_id in conflict.claims:
        claim = lg.claims[claim_id]
        record = claim_record(lg, claim)
        title = Text(visible(f"{claim_id} ({claim.source})") + "\n", style="bold")
        title.append(visible(f"{lg.display_path(record['file'])}:{record['line']}:{record['column']}") + "\n",
                     style="dim")
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
        lines.append(Text(f"  verdict: {conflict.review.verdict.value}: {visible(conflict.review.note)}", style="green"))
    lines.append(NewLine())
    return lines


def new_conflicts(caused, gone, dry_run: bool) -> list[RenderableType]:
    """What adding a claim does to the conflicts: those it causes, and those it joins (which
    get new ids)."""
    verb = "would cause" if dry_run else "causes"
    if not caused:
        lines: list[RenderableType] = [Text(f"  {verb} no new conflict")]
    else:
        lines = [Text(f"  {verb} {len(caused)} new conflict(s):")]
        for conflict in caused:
            lines.append(Text(f"    {conflict.id} {conflict.severity.value} {conflict.name}: {visible(conflict.message)}"))
        lines.append(Text("  record a verdict with `ledger review CONFLICT_ID --verdict confirmed|dismissed|resolved "
                          "--note ...`"))
    if gone:
        # the new claim joined these conflicts, which now have new ids (listed above)
        lines.append(Text(f"  {'would replace' if dry_run else 'replaces'} {len(gone)} conflict(s) that now involve "
                          "the new claim too:"))
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
    with_cells = any(report.cells_present for report in reports)  # a column only where there are tables
    for column in ("source", "file", "figures covered", "sentences covered",
                   *(("table cells covered",) if with_cells else ()), "skipped lines"):
        table.add_column(column)
    for report in reports:
        data = report.to_json()
        for sentence in report.uncovered:
            missing = f"  [figures not covered: {', '.join(f for _, f in sentence.missing_figures)}]" if sentence.missing_figures else ""
            lines.append(Text(visible(
                f"{lg.display_path(report.file)}:{sentence.line}:{sentence.column}: "
                f"{'not covered' if not sentence.covered else 'partly covered'}: {sentence.text[:200]}{missing}")))
        skipped = sum(s.lines[1] - s.lines[0] + 1 for s in lg.sources[report.source].skips if s.lines)
        figures, sentences, cells = data["figures"], data["sentences"], data["cells"]
        table.add_row(*_cells(report.source, report.file,
                              f"{figures['covered']}/{figures['present']} ({_percent(figures)})",
                              f"{sentences['covered']}/{sentences['present']} ({_percent(sentences)})",
                              *((f"{cells['covered']}/{cells['present']} ({_percent(cells)})" if cells["present"]
                                 else "-",) if with_cells else ()),  # a source without tables has no cells to cover
                              str(skipped)))
    lines.append(table)
    return lines


def matrix_listing(found, header: list[str], rows: list[list[str]]) -> list[RenderableType]:
    """The model x benchmark matrix (``matrix.matrix_rows``) as a table, conflicting cells in
    red, then its size and the legend."""
    from ledger.output.matrix import LEGEND

    table = Table(box=None, pad_edge=False)
    table.add_column(Text(visible(header[0])), overflow="fold")
    for name in header[1:]:
        table.add_column(Text(visible(name)), justify="right", overflow="fold")
    for benchmark, row in zip(found.benchmarks, rows):
        cells = [Text(visible(row[0]))]
        for model, value in zip(found.models, row[1:]):
            cell = found.cell(model, benchmark)
            if cell is None:
                cells.append(Text("-", style="dim"))
            elif cell.conflicting:
                cells.append(Text(visible(value), style="bold red"))
            else:
                cells.append(Text(visible(value)))
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
        return [Text(f"{info.code} {info.name} ({info.severity.value})", style="bold"), Text(info.summary),
                NewLine(), Text("Example:"), Text(info.example)]
    from ledger.check.rules import RULES

    rule = RULES.get(code)
    if rule is None:
        return None
    return [Text((rule.__doc__ or "").strip()), NewLine(),
            Text(f"Default severity: {rule.SEVERITY.value}. Verdicts go under `reviews:` in the ledger.")]
