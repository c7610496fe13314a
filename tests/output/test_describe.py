"""One-line summaries of claims (ledger/output/describe.py)."""

from __future__ import annotations

from ledger import load_ledger
from ledger.core.model import Category
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
    ranking = ledger.claims["spheron-405b-most-powerful-in-family"]
    on_code = ranking.model_copy(update={"overall": None, "within": None, "category": Category.CODE})
    assert describe(ledger, on_code) == "Llama 3.1 405B ranks first on code benchmarks"
    comparison = ledger.claims["spheron-overall-llama-at-least-on-par-gpt-4"]
    on_code = comparison.model_copy(update={"overall": None, "category": Category.CODE})
    assert describe(ledger, on_code) == "Llama 3.1 405B at least on par with GPT-4 on code benchmarks (most)"
