"""``ledger claims`` and ``ledger show``: the claims, listed and filtered, or one in its passage."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from ledger.cli.app import DEFAULT_LEDGER, LedgerOption, TableFormat, err, load, options, out, print_all
from ledger.output.filters import select_claims
from ledger.output.records import claim_record, claims_csv
from ledger.output.terminal import claim_view, claims_listing
from ledger.output.visible import to_json


def claims(
    ctx: typer.Context,
    ledger: LedgerOption = DEFAULT_LEDGER,
    kind: Annotated[Optional[list[str]], typer.Option(metavar="KIND", help="Only claims of this kind (repeatable): score, comparison, ranking, tally, quantity, statement.")] = None,
    source: Annotated[Optional[list[str]], typer.Option(metavar="SOURCE", help="Only claims from this source id (repeatable).")] = None,
    model: Annotated[Optional[list[str]], typer.Option("--model", "--subject", metavar="ENTITY", help="Only claims naming this entity id as model, subject or object (repeatable).")] = None,
    benchmark: Annotated[Optional[list[str]], typer.Option(metavar="BENCHMARK", help="Only claims on this benchmark id (repeatable).")] = None,
    topic: Annotated[Optional[list[str]], typer.Option(metavar="TOPIC", help="Only claims with this topic (repeatable).")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="table, json (the documented contract) or csv.")] = TableFormat.table,
) -> None:
    """List claims, filtered; as a table, JSON (a stable contract, see README) or CSV."""
    lg = load(ledger, options(ctx).limits).ledger
    selected = select_claims(lg, kind=kind, source=source, model=model, benchmark=benchmark, topic=topic)
    records = [claim_record(lg, c) for c in selected]
    if format is TableFormat.json:
        sys.stdout.write(to_json(records))
    elif format is TableFormat.csv:
        sys.stdout.write(claims_csv(records))
    else:
        print_all(out(), claims_listing(lg, selected, records))


def show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="A claim id (see `ledger claims`).")],
    ledger: LedgerOption = DEFAULT_LEDGER,
    context: Annotated[int, typer.Option(help="Lines of source to show around the passage.", min=0, max=50)] = 2,
) -> None:
    """One claim: its fields, and its passage in the source with the quote highlighted."""
    lg = load(ledger, options(ctx).limits).ledger
    claim = lg.claims.get(claim_id)
    if claim is None:
        import difflib

        close = difflib.get_close_matches(claim_id, list(lg.claims), n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        err().print(f"error: no claim {claim_id!r} in {ledger}.{hint}")
        raise typer.Exit(1)
    console = out()
    print_all(console, claim_view(lg, claim, ledger, context, plain=not console.is_terminal or console.no_color))
