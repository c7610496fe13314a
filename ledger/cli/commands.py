"""The ``ledger`` program's commands, registered on ``ledger.cli.app.app`` in the order
``ledger --help`` lists them.

This is the one place that names the command modules; they import ``ledger.cli.app``
(and ``ledger.cli.saving``) and never this module. A command's module is imported only when
the command runs or its own help is asked for: ``ledger --help`` lists each command by its
summary here, the first paragraph of its docstring (tests/cli/test_startup.py keeps the two
the same, and the help the same text as if every command were built at start).
"""

from __future__ import annotations

from ledger.cli.app import Command, app, main, register

COMMANDS = (
    Command("check", "check", "check",
            "Load, validate and anchor the ledger; print every problem as path:line:col: CODE message."),
    Command("claims", "claims", "claims",
            "List claims, filtered; as a table, JSON (a stable contract, see README) or CSV."),
    Command("show", "claims", "show",
            "One claim: its fields, and its passage in the source with the quote highlighted."),
    Command("sources", "sources", "sources", "The sources with their metadata and claim counts."),
    Command("conflicts", "check", "conflicts",
            "List the claims that contradict each other, computed by the rules (`ledger explain C001` .. C010)."),
    Command("audit", "check", "audit",
            "Fact-check a write-up against the primary sources, claim by claim, with totals."),
    Command("coverage", "sources", "coverage", "What each source asserts that no claim covers and no skip explains."),
    Command("vocab", "vocab", "vocab", "The vocabulary's terms and how many claims use each, in all and per source."),
    Command("explain", "check", "explain", "What a diagnostic or conflict-rule code means, with an example."),
    Command("report", "reports", "report",
            "Write a static HTML report of the ledger into DIR; open DIR/index.html in a browser."),
    Command("matrix", "reports", "matrix",
            "The model x benchmark matrix rebuilt from every score claim, conflicting cells marked."),
    Command("export", "reports", "export", "Export the ledger for other tools."),
    Command("schema", "formatting", "schema",
            "Print the JSON Schema (draft 2020-12) of the ledger file, derived from the pydantic models."),
    Command("add", "edit", "add", "Add a claim from a passage of a source: checked, anchored, appended to claims.yaml."),
    Command("review", "edit", "review",
            "Record a reviewer's verdict on a conflict in the reviews: section of claims.yaml."),
    Command("fmt", "formatting", "fmt", "Rewrite claims.yaml in the one canonical layout, keeping every comment."),
    Command("new-source", "sources", "new_source",
            "Register a new write-up: copy it under sources/, record it in claims.yaml, show what to claim."),
    Command("split", "teams", "split", "Split the ledger into a root and one file per source, or (--undo) join it back."),
    Command("diff", "teams", "diff", 
            "What changed since REV: claims added, removed or changed, and conflicts that came or went."),
    Command("lsp", "editor", "lsp",
            "A language server for editors (LSP over stdin and stdout): the ledger's problems as you type."),
)
register(COMMANDS)

__all__ = ["COMMANDS", "app", "main"]
