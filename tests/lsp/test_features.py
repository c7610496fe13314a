"""What the server publishes (``ledger.lsp.features.View.diagnostics``): each diagnostic and
conflict note is converted to LSP once and kept; what is published after an edit, from what was
kept, is what a view converting everything again publishes."""

from __future__ import annotations

from ledger.lsp.features import View
from ledger.lsp.incremental import LedgerCheck
from ledger.lsp.text import Lines
from tests.lsp.test_incremental import REVIEWS, STEPS, ledger_path  # noqa: F401 - a fixture


def test_what_is_published_from_the_kept_conversions_is_what_converting_again_gives(ledger_path):  # noqa: F811
    text = ledger_path.read_text(encoding="utf-8")
    assert text.endswith(REVIEWS)
    check = LedgerCheck(ledger_path)
    uri = ledger_path.as_uri()
    view = View(check.update(text), uri)
    view.diagnostics()
    kept, moved = view.converted, 0
    edits = [("claims added above the conflicts", lambda t: t.replace(
        "  - id: one-x-a\n", "  - id: zero\n    kind: score\n  - id: one-x-a\n", 1))] + STEPS
    for name, step in edits:
        text = step(text)
        snapshot = check.update(text, settle=False)
        lines = Lines(text)
        first = View(snapshot, uri, conflicts=view.conflicts, lines=lines, converted=view.converted)
        assert first.diagnostics() == View(snapshot, uri, conflicts=view.conflicts).diagnostics(), name
        snapshot.settle()
        view = View(snapshot, uri, lines=lines, converted=first.converted)
        published = view.diagnostics()
        assert published == View(snapshot, uri).diagnostics(), name
        moved += sum(1 for key, value in first.converted.items()
                     if isinstance(value, tuple) and key in kept and kept[key][1] != value[1])
        kept = view.converted
    assert moved  # some notes were kept and moved with their claims, not made again
