"""One-line summaries of claims (ledger/output/describe.py)."""

from __future__ import annotations

from ledger import load_ledger
from ledger.output.describe import describe
from tests.conftest import REPO


def test_an_overall_verdict_says_its_scope_and_a_category_ranking_does_not():
    ledger = load_ledger(REPO / "claims.yaml").ledger
    said = {claim_id: describe(ledger, ledger.claims[claim_id]) for claim_id in (
        "spheron-overall-llama-at-least-on-par-gpt-4", "spheron-405b-most-powerful-in-family")}
    assert said["spheron-overall-llama-at-least-on-par-gpt-4"] == \
        "Llama 3.1 405B at least on par with GPT-4 on most benchmarks"
    assert said["spheron-405b-most-powerful-in-family"] == \
        "Llama 3.1 405B ranks first within Llama 3.1 on most benchmarks"
    rankings = [c for c in ledger.claims.values() if c.kind == "ranking" and c.category is not None]
    assert rankings and all(describe(ledger, c).endswith(f"on {c.category.value} benchmarks") for c in rankings)
