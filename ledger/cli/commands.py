"""The ``ledger`` program's commands, registered on ``ledger.cli.app.app`` in the order
``ledger --help`` lists them.

This is the one place that imports the command modules; they import ``ledger.cli.app``
(and ``ledger.cli.saving``) and never this module.
"""

from __future__ import annotations

from ledger.cli import check, claims, edit, formatting, reports, sources, teams, vocab
from ledger.cli.app import app, main

app.command()(check.check)
app.command()(claims.claims)
app.command()(claims.show)
app.command()(sources.sources)
app.command()(check.conflicts)
app.command()(sources.coverage)
app.command()(vocab.vocab)
app.command()(check.explain)
app.command()(reports.report)
app.command()(reports.matrix)
app.command()(reports.export)
app.command()(formatting.schema)
app.command()(edit.add)
app.command()(edit.review)
app.command()(formatting.fmt)
app.command("new-source")(sources.new_source)
app.command()(teams.split)
app.command()(teams.diff)

__all__ = ["app", "main"]
