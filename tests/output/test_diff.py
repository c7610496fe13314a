"""``ledger diff``'s comparison (ledger/output/diff.py): a conflict is the same conflict when its
id is (the id names its claims and what they say); the order its evidence is listed in follows
the ledger's order of claims, and is no change."""

from __future__ import annotations

from ledger import load_ledger
from ledger.check.engine import find_conflicts
from ledger.output.diff import ledger_diff, same_message
from tests.conftest import REPO, copy_shipped


def _reordered_copy(folder, rename=None):
    """A copy of the shipped ledger (split by source) that reads its files in their names' order
    (so its claims come in another order); ``rename``: (old, new) text replaced in the root."""
    root = copy_shipped(folder)
    text = root.read_text(encoding="utf-8")
    start = text.index("include:\n")
    end = text.index("\n\n", start) + 1
    text = text[:start] + "include: [claims/*.yaml]\n" + text[end:]
    if rename:
        text = text.replace(*rename)
    root.write_text(text, encoding="utf-8")
    return load_ledger(root).ledger


def test_claims_in_another_order_change_no_conflict(tmp_path):
    old = load_ledger(REPO / "claims.yaml").ledger
    new = _reordered_copy(tmp_path / "copy")
    before, after = find_conflicts(old), find_conflicts(new)
    assert [c.id for c in before] != [c.id for c in after] or \
        [c.message for c in before] != [c.message for c in after]  # the order does show
    found = ledger_diff(old, before, new, after)
    assert found["claims"] == {"added": [], "removed": [], "changed": []}
    assert found["conflicts"] == {"appeared": [], "disappeared": [], "changed": []}


def test_a_message_that_says_something_else_is_a_change(tmp_path):
    old = load_ledger(REPO / "claims.yaml").ledger
    new = _reordered_copy(tmp_path / "copy", rename=("name: Claude 3.5 Sonnet,", "name: Anthropic Claude 3.5 Sonnet,"))
    found = ledger_diff(old, find_conflicts(old), new, find_conflicts(new))
    changed = found["conflicts"]["changed"]
    assert changed and all(c["id"] == c["old_id"] and list(c["fields"]) == ["message"] for c in changed)
    assert all("Anthropic Claude 3.5 Sonnet" in c["fields"]["message"]["new"] for c in changed)


def test_same_message():
    assert same_message("A 1 (x) vs B 2 (y); A 1 (z) vs B 2 (y).", "A 1 (z) vs B 2 (y); A 1 (x) vs B 2 (y).")
    assert not same_message("A 1 (x) vs B 2 (y).", "A 1 (x) vs B 3 (y).")
    assert not same_message("Between a and b: x.", "Between a and b: x. Settled by c.")
