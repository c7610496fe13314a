"""Checking a ledger as it is edited (``ledger.lsp.incremental``): after each edit, the
diagnostics and conflicts are exactly what ``ledger check`` finds in the edited text, while only
the claims that changed were read and checked again."""

from __future__ import annotations

import pytest

from ledger import find_conflicts, load_ledger
from ledger.check.engine import stale_reviews
from ledger.lsp.incremental import LedgerCheck
from tests.conftest import VOCABULARY, build_ledger
from tests.lsp.ledgers import build


def checked(path, text):
    """What ``ledger check`` says of ``text`` as the ledger at ``path``: diagnostics, conflict ids."""
    result = load_ledger(path, data=text.encode("utf-8"))
    diagnostics = list(result.diagnostics)
    conflicts = find_conflicts(result.ledger) if result.ledger is not None else []
    if result.ok and result.ledger is not None:
        diagnostics += stale_reviews(result.ledger, conflicts)
    return [d.render() for d in diagnostics], [c.id for c in conflicts]


def found_in(ledger, diagnostics, conflicts):
    """What an edit must leave as a fresh load does: the diagnostics, the conflicts' ids, and
    where each claim and its quote are."""
    places = {} if ledger is None else {
        claim_id: (ledger.positions[("claims", claim_id)],
                   ledger.anchors.get(claim_id).as_ints() if ledger.anchors.get(claim_id) is not None else None)
        for claim_id in ledger.claims}
    return [d.render() for d in diagnostics], [c.id for c in conflicts], places


def loaded(path, text):
    """``found_in`` a fresh load of ``text``."""
    result = load_ledger(path, data=text.encode("utf-8"))
    conflicts = find_conflicts(result.ledger) if result.ledger is not None else []
    diagnostics = list(result.diagnostics)
    if result.ok and result.ledger is not None:
        diagnostics += stale_reviews(result.ledger, conflicts)
    return found_in(result.ledger, diagnostics, conflicts)


def kept(snapshot):
    return found_in(snapshot.ledger, snapshot.diagnostics, snapshot.conflicts)


REVIEWS = """\
reviews:
  - conflict: C003-0000000000
    verdict: confirmed
"""

# (what to replace, by what): each edit applied to the text the previous ones left
CLAIM_EDITS = [
    ("value: 88.6", "value: 88.7"),  # A003
    ("value: 88.7", "value: 88.6"),
    ("model: model-a\n", "model: model-q\n"),  # S003, its did-you-mean
    ("kind: comparison", "kind: comparisn"),  # S001
    ("id: two-b-beats-a", "id: one-x-a"),  # S002, the first one named
    ("id: one-x-a\n    kind: comparison", "id: two-b-beats-a\n    kind: comparison"),
    ("kind: comparisn", "kind: comparison"),
    ('quote: "Model A is open source"', 'quote: "Model A is closed source"'),  # A001 and its closest passage
    ('quote: "Model A is closed source"', 'quote: "Model A is open source"\n    suffix: ". Model A"'),
    ("  - id: one-a-open\n", "  - id: added\n    kind: score\n    source: two\n    topic: benchmark\n"
     "    quote: \"Model B scores 85.4 on Bench X (5-shot)\"\n    model: model-b\n    benchmark: bench-x\n"
     "    setting: {shots: 5}\n    value: 85.4\n  - id: one-a-open\n"),  # a claim added: a conflict changes
    ("  - id: one-x-a\n", "  - id: zero\n    kind: score\n  - id: one-x-a\n"),  # missing fields, lines move
    ("  - id: zero\n    kind: score\n", ""),  # a claim removed
    ("model: model-q\n", "model: model-a\n"),
    ("model: model-zz", "model: model-b"),  # no error left: the reviews are checked against the conflicts
    ("conflict: C003-0000000000", "conflict: C003-1111111111"),  # R001, in the reviews below the claims
]


@pytest.fixture
def ledger_path(tmp_path):
    path = build(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + REVIEWS, encoding="utf-8")
    return path


def test_each_claim_edit_gives_what_ledger_check_gives_and_is_checked_alone(ledger_path):
    text = ledger_path.read_text(encoding="utf-8")
    check = LedgerCheck(ledger_path)
    snapshot = check.update(text)
    assert not snapshot.incremental
    assert ([d.render() for d in snapshot.diagnostics], [c.id for c in snapshot.conflicts]) == checked(ledger_path, text)
    for old, new in CLAIM_EDITS:
        assert old in text, old
        text = text.replace(old, new, 1)
        snapshot = check.update(text)
        assert snapshot.incremental, (old, new)
        assert snapshot.rechecked <= 2, (old, new)  # the claims edited, not the others
        assert kept(snapshot) == loaded(ledger_path, text), (old, new)


def test_an_edit_outside_the_claims_reloads_the_whole_ledger(ledger_path):
    text = ledger_path.read_text(encoding="utf-8")
    check = LedgerCheck(ledger_path)
    check.update(text)
    text = text.replace("{id: model-b, kind: model, name: Model B", "{id: model-bee, kind: model, name: Model B")
    snapshot = check.update(text)
    assert not snapshot.incremental
    assert [d.render() for d in snapshot.diagnostics] == checked(ledger_path, text)[0]
    assert any(d.code == "S003" and "model-b" in d.message for d in snapshot.diagnostics)
    text = text.replace("value: 88.6", "value: 88.7")
    assert check.update(text).incremental  # and claims are checked one by one again


def test_a_claim_that_does_not_parse_is_reported_where_it_is_and_the_others_are_still_checked(ledger_path):
    text = ledger_path.read_text(encoding="utf-8")
    check = LedgerCheck(ledger_path)
    check.update(text)
    text = text.replace("value: 88.6", "value: 88.7").replace("subjects: [model-b]", "subjects: [model-b", 1)
    snapshot = check.update(text)
    assert snapshot.incremental
    broken = [d for d in snapshot.diagnostics if d.code.startswith("Y")]
    first = text[:text.index("- id: two-b-beats-a")].count("\n") + 1
    last = text[:text.index("- id: one-a-open")].count("\n")
    assert broken and all(first <= d.location.line <= last for d in broken), [d.render() for d in broken]
    assert "A003" in [d.code for d in snapshot.diagnostics]  # the claim above it is still checked


def test_a_ledger_whose_claims_cannot_be_cut_is_checked_whole(tmp_path):
    path = build_ledger(tmp_path, "", vocabulary=VOCABULARY, extra="claims: []\n")
    text = path.read_text(encoding="utf-8")
    snapshot = LedgerCheck(path).update(text)
    assert not snapshot.incremental and [d.render() for d in snapshot.diagnostics] == checked(path, text)[0]


def test_a_ledger_that_does_not_parse_is_reported_and_recovers(ledger_path):
    text = ledger_path.read_text(encoding="utf-8")
    check = LedgerCheck(ledger_path)
    broken = text.replace("version: 1", "version: [1", 1)
    snapshot = check.update(broken)
    assert [d.code for d in snapshot.diagnostics] == ["Y001"] and snapshot.ledger is None
    snapshot = check.update(text)
    assert snapshot.ledger is not None and "A002" in [d.code for d in snapshot.diagnostics]
    assert check.update(text.replace("value: 88.6", "value: 88.7")).incremental


def _pasted(text: str) -> str:
    """50 claims pasted after the first one: copies of a score, each with its own id and figure."""
    first = text.index("  - id: one-a-beats-b")
    copies = "".join(f"  - id: pasted-{n}\n    kind: score\n    source: one\n    topic: benchmark\n"
                     f"    quote: \"Bench X (0-shot): Model A scores 88.6\"\n    model: model-a\n"
                     f"    benchmark: bench-x\n    setting: {{shots: 0}}\n    value: {88.6 if n % 7 else 87.1}\n"
                     for n in range(50))
    return text[:first] + copies + text[first:]


# each a whole new text made from the last one: the edits an editor sends, in order
STEPS = [
    ("a quote cut to a shorter passage, still unique", lambda t: t.replace(
        'quote: "Bench X (0-shot): Model A scores 88.6"', 'quote: "(0-shot): Model A scores 88.6"', 1)),
    ("a letter typed in the middle of a quote", lambda t: t.replace("outperforming Model B", "outperformming Model B")),
    ("and deleted again", lambda t: t.replace("outperformming Model B", "outperforming Model B")),
    ("a claim split in two", lambda t: t.replace("    topic: benchmark\n    quote: \"Model B outperforms",
                                                 "    topic: benchmark\n  - id: split-off\n    quote: \"Model B outperforms")),
    ("the split joined again", lambda t: t.replace("  - id: split-off\n", "")),
    ("50 claims pasted", _pasted),
    ("a pasted claim's figure made wrong", lambda t: t.replace("value: 87.1", "value: 87.9", 1)),
    ("a claim's first line edited", lambda t: t.replace("  - id: one-a-open", "  - id: one-a-opened")),
    ("the last claim edited", lambda t: t.replace("value: 85.4}", "value: 85.5}")),
    ("a claim typed at the end", lambda t: t.rstrip("\n").rsplit("\nreviews:", 1)[0] + "\n  - id: typed\n    kind: sc\nreviews:"
     + t.rsplit("\nreviews:", 1)[1]),
]


def test_edits_cut_again_where_they_are_give_what_ledger_check_gives_and_undo_is_free(ledger_path):
    text = ledger_path.read_text(encoding="utf-8")
    check = LedgerCheck(ledger_path)
    check.update(text)
    texts = [text]
    for name, step in STEPS:
        text = step(text)
        assert text != texts[-1], name
        texts.append(text)
        snapshot = check.update(text)
        assert snapshot.incremental, name
        assert kept(snapshot) == loaded(ledger_path, text), name
        assert snapshot.rechecked <= (50 if name == "50 claims pasted" else 2), name
    for text in reversed(texts[:-1]):  # undo, step by step: every text was seen, no claim is checked again
        snapshot = check.update(text)
        assert snapshot.incremental and snapshot.rechecked == 0
        assert kept(snapshot) == loaded(ledger_path, text)


def test_random_edits_of_fields_and_items_give_what_ledger_check_gives(ledger_path):
    """Values swapped between claims (ids too: duplicates come and go), figures changed, claims
    copied and deleted, one after the other: after each, exactly what a fresh load finds."""
    import random
    import re

    chance = random.Random(5)
    text = ledger_path.read_text(encoding="utf-8")
    check = LedgerCheck(ledger_path)
    check.update(text)
    field = re.compile(r"^    (id|kind|source|quote|model|benchmark|value|relation|subject|words): (.+)$", re.M)
    for _ in range(60):
        claims_start, claims_end = text.index("\nclaims:"), text.index("\nreviews:")
        fields = list(field.finditer(text, claims_start, claims_end))
        kind = chance.random()
        if kind < 0.7 and fields:
            target = chance.choice(fields)
            others = [m.group(2) for m in fields if m.group(1) == target.group(1)] + ["88.7", "model-q"]
            text = text[:target.start(2)] + chance.choice(others) + text[target.end(2):]
        else:
            items = [m.start() + 1 for m in re.finditer(r"\n  - ", text) if claims_start < m.start() < claims_end]
            at = chance.randrange(len(items))
            end = items[at + 1] if at + 1 < len(items) else claims_end + 1
            item = text[items[at]:end]
            text = text[:items[at]] + (item + item if kind < 0.85 or len(items) < 3 else "") + text[end:]
        snapshot = check.update(text)
        assert kept(snapshot) == loaded(ledger_path, text), text
