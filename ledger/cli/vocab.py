"""``ledger vocab``: the ledger's vocabulary and how its claims use it."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ledger.cli.app import DEFAULT_LEDGER, LedgerOption, TextFormat, load, options, out, print_all
from ledger.output.vocab import usage, usage_listing


def vocab(
    ctx: typer.Context,
    ledger: LedgerOption = DEFAULT_LEDGER,
    format: Annotated[TextFormat, typer.Option("--format", "-f", help="text (a table per term type) or json (a stable contract, see README).")] = TextFormat.text,
) -> None:
    """The vocabulary's terms and how many claims use each, in all and per source.

    Claims cross-check only when they name the same thing the same way. The ledger's
    `vocabulary:` section declares the terms claims may use: predicates and qualifiers of
    statements, quantities and units of quantity claims, each with an id, a label, a one-line
    definition and aliases. Each term type is checked only once the ledger declares it: an
    undeclared predicate, qualifier, quantity or unit is then an error (S003, with did-you-mean
    over ids and aliases), an alias is accepted and `ledger fmt` writes its id.

    Lists, per term type, each term with its claims (total and per source), the declared terms no
    claim uses, then the predicates used by one claim only (a statement no other source can be
    checked against) and the share of statements whose predicate is used in more than one
    source. A term type the ledger does not declare lists the terms as its claims write them:
    a start for declaring them.

    To add a term: write it under `vocabulary:` in claims.yaml (README, "The vocabulary"), run
    `ledger fmt` and `ledger check`, then `ledger schema --for-ledger -o ledger.schema.json` so
    editors complete it.

    These are notes, not problems: the exit status is 0 (1 only when the ledger has errors).
    """
    report = usage(load(ledger, options(ctx).limits).ledger)
    if format is TextFormat.json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return
    print_all(out(), usage_listing(report))
