"""The engine (ledger/check/engine.py): conflict ids, and the reviews attached to conflicts."""

from __future__ import annotations

from ledger import load_ledger
from ledger.check.engine import find_conflicts, stale_reviews
from tests.conftest import ON_PAR, build_ledger, conflicts_of, score


def test_conflict_ids_are_stable_and_change_when_a_claim_changes(tmp_path):
    claims = score("y-a", "one", "Model A scores 70.0", "model-a", "70.0", "bench-y") + \
        score("y-b", "one", "Model B scores 75.5", "model-b", 75.5, "bench-y") + ON_PAR
    path = build_ledger(tmp_path, claims)
    first = [c.id for c in conflicts_of(path)]
    assert first == [c.id for c in conflicts_of(path)]
    assert first[0].startswith("C002-")
    path.write_text(path.read_text().replace("words: on par", "words: on par\n    note: edited"))
    assert [c.id for c in conflicts_of(path)] != first


def test_reviews_attach_to_conflicts_and_stale_ones_are_reported(tmp_path):
    claims = score("y-a", "one", "Model A scores 70.0", "model-a", "70.0", "bench-y") + \
        score("y-b", "one", "Model B scores 75.5", "model-b", 75.5, "bench-y") + ON_PAR
    path = build_ledger(tmp_path, claims)
    [conflict] = conflicts_of(path)
    path.write_text(path.read_text() + f"reviews:\n  - {{conflict: {conflict.id}, verdict: confirmed}}\n"
                    "  - {conflict: C001-0123456789, verdict: dismissed, note: old}\n")
    result = load_ledger(path)
    [reviewed] = find_conflicts(result.ledger)
    assert reviewed.review.verdict.value == "confirmed"
    [stale] = stale_reviews(result.ledger, [reviewed])
    assert stale.code == "R001" and "C001-0123456789" in stale.message
