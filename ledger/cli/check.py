"""``ledger check``, ``ledger conflicts`` and ``ledger explain``: the ledger's problems, the
contradictions between its claims, and what each code means."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from ledger.cli.app import (
    DEFAULT_LEDGER,
    LedgerOption,
    SheetFormat,
    TextFormat,
    err,
    fail,
    load_cached,
    options,
    out,
    print_all,
    print_diagnostics,
    say,
)
from ledger.core.diagnostics import Severity


def check(
    ctx: typer.Context,
    ledger: LedgerOption = DEFAULT_LEDGER,
    format: Annotated[TextFormat, typer.Option("--format", "-f", help="text, or json (a list of diagnostics).")] = TextFormat.text,
) -> None:
    """Load, validate and anchor the ledger; print every problem as path:line:col: CODE message.

    Exit 0 when there is no error, 1 otherwise. `ledger explain CODE` tells what a code means.
    """
    result, found, entry = load_cached(ledger, options(ctx).limits, allow_errors=True)
    if result.ok and result.ledger is not None:
        from ledger.check.engine import find_conflicts, review_evidence, stale_reviews

        if found is None:
            found = find_conflicts(result.ledger)
        result.diagnostics.extend(stale_reviews(result.ledger, found))
        result.diagnostics.extend(review_evidence(result.ledger, found))
    if format is TextFormat.json:
        sys.stdout.write(json.dumps([d.to_json() for d in result.diagnostics], indent=2) + "\n")
    else:
        if result.diagnostics:
            print_diagnostics(result.diagnostics, out())
        if result.ok and result.ledger is not None:
            lg = result.ledger
            declared = f"{lg.term_count} terms, " if lg.term_count is not None else ""
            say(f"{ledger}: ok: {len(lg.sources)} sources, {len(lg.entities)} entities, {declared}"
                f"{len(lg.claims)} claims, {len(lg.reviews)} reviews")
    entry.save(found)  # after the output, which is what the user waits for
    raise typer.Exit(0 if result.ok else 1)


class ConflictFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"


def conflicts(
    ctx: typer.Context,
    ledger: LedgerOption = DEFAULT_LEDGER,
    format: Annotated[ConflictFormat, typer.Option("--format", "-f", help="text (passages side by side), json (the documented contract), markdown (a pull-request comment), github (workflow annotations) or sarif (SARIF 2.1.0).")] = ConflictFormat.text,
    source: Annotated[Optional[list[str]], typer.Option(metavar="SOURCE", help="Only conflicts involving this source id (repeatable).")] = None,
    rule: Annotated[Optional[list[str]], typer.Option(metavar="RULE", help="Only this rule, by code or name: C002 or words-against-figures (repeatable).")] = None,
    severity: Annotated[Optional[list[str]], typer.Option(metavar="SEVERITY", help="Only this severity: error, warning, info (repeatable).")] = None,
    model: Annotated[Optional[list[str]], typer.Option("--model", "--subject", metavar="ENTITY", help="Only conflicts whose claims name this entity id (repeatable).")] = None,
    benchmark: Annotated[Optional[list[str]], typer.Option(metavar="BENCHMARK", help="Only conflicts whose claims are on this benchmark id (repeatable).")] = None,
    unreviewed: Annotated[bool, typer.Option("--unreviewed", help="Only conflicts without a reviewer's verdict.")] = False,
    unsettled: Annotated[bool, typer.Option("--unsettled", help="Only conflicts that no primary source settles.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 while an error-severity conflict has no verdict (for CI).")] = False,
) -> None:
    """List the claims that contradict each other, computed by the rules (`ledger explain C001` .. C010).

    Without --strict, conflicts are findings, not failures: the exit status is 0. Record a verdict on a
    conflict under `reviews:` in the ledger (confirmed, dismissed or resolved).
    """
    from ledger.check.engine import find_conflicts, review_evidence, stale_reviews
    from ledger.output.filters import select_conflicts
    from ledger.output.reporters import REPORTERS
    from ledger.output.terminal import conflicts_listing

    result, found, entry = load_cached(ledger, options(ctx).limits)
    lg = result.ledger
    if found is None:
        found = find_conflicts(lg)
    for diagnostic in stale_reviews(lg, found) + review_evidence(lg, found):
        err().print(f"{diagnostic.location}: {diagnostic.code} {diagnostic.message}")
    selected = select_conflicts(lg, found, source=source, rule=rule, severity=severity, model=model,
                                benchmark=benchmark, unreviewed=unreviewed, unsettled=unsettled)
    if format is ConflictFormat.text:
        console = out()
        print_all(console, conflicts_listing(lg, selected, len(found), side_by_side=console.is_terminal))
    else:
        sys.stdout.write(REPORTERS[format.value](lg, selected))
    entry.save(found)  # after the output, which is what the user waits for
    if strict and any(c.severity is Severity.ERROR and c.review is None for c in found):
        raise typer.Exit(1)


def audit(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="A secondary source's id.")],
    ledger: LedgerOption = DEFAULT_LEDGER,
    format: Annotated[SheetFormat, typer.Option("--format", "-f", help="text, json (the documented contract) or markdown (a sheet to publish).")] = SheetFormat.text,
) -> None:
    """Fact-check a write-up against the primary sources, claim by claim, with totals.

    Each claim of SOURCE agrees, contradicts, partly agrees (the figure is right, what it is
    attached to is not) or is unverified (no primary says), shown with the primary's passage.

    Exit 0; 1 for an unknown source or a primary one (the primaries are what is checked against).
    """
    from ledger.check.primaries import AuditError, audit as fact_check
    from ledger.output.audit import audit_json, audit_markdown, audit_text

    result, _, _ = load_cached(ledger, options(ctx).limits)
    lg = result.ledger
    try:
        sheet = fact_check(lg, source)
    except AuditError as error:
        fail(str(error), hint=error.hint)
    if format is SheetFormat.json:
        sys.stdout.write(audit_json(sheet))
    elif format is SheetFormat.markdown:
        sys.stdout.write(audit_markdown(lg, sheet))
    else:
        sys.stdout.write(audit_text(lg, sheet))


def explain(
    code: Annotated[str, typer.Argument(help="A diagnostic code (S003) or conflict rule code (C002).")],
) -> None:
    """What a diagnostic or conflict-rule code means, with an example."""
    from ledger.output.terminal import explanation, known_codes

    code = code.upper()
    lines = explanation(code)
    if lines is None:
        err().print(f"error: unknown code {code!r}. Known codes: {', '.join(known_codes())}")
        raise typer.Exit(2)
    print_all(out(), lines)
