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


def test_a_denial_reads_does_not_and_a_capability_reads_as_its_label(tmp_path):
    from tests.conftest import build_ledger

    text = ("Model A does not consistently outperform Model B in code generation. Model A is not yet the leader. "
            "It is higher on one of two.\n")
    vocabulary = """\
vocabulary:
  qualifiers:
    - {id: not-yet, label: not yet, definition: Not so far.}
  capabilities:
    - {id: coding, label: code generation, definition: Writing programs., categories: [code]}
"""
    claims = """
- {id: c, kind: comparison, source: one, topic: benchmark, quote: "Model A does not consistently outperform Model B", subjects: [model-a], relation: higher, objects: [model-b], capability: coding, polarity: false}
- {id: r, kind: ranking, source: one, topic: benchmark, quote: "Model A is not yet the leader", subjects: [model-a], rank: first, capability: coding, polarity: false, qualifiers: [not-yet]}
- {id: t, kind: tally, source: one, topic: benchmark, quote: "It is higher on one of two", subject: model-a, relation: higher, capability: coding, count: 1, total: 2}
"""
    ledger = load_ledger(build_ledger(tmp_path, claims, sources={"one": text}, vocabulary=vocabulary)).ledger
    assert load_ledger(tmp_path / "claims.yaml").diagnostics == []
    said = {cid: describe(ledger, ledger.claims[cid]) for cid in ("c", "r", "t")}
    assert said["c"] == "Model A does not score higher than Model B on code generation benchmarks (all)"
    assert said["r"] == "Model A does not rank first on code generation benchmarks [not-yet]"
    assert said["t"] == "Model A higher than all competitors on 1 of 2 code generation benchmarks"
    asserted = ledger.claims["c"].model_copy(update={"polarity": True})
    assert describe(ledger, asserted) == "Model A higher than Model B on code generation benchmarks (all)"


def test_a_score_not_reported_reads_reports_no_score():
    ledger = load_ledger(REPO / "claims.yaml").ledger
    assert describe(ledger, ledger.claims["herd-t2-mgsm-nemotron-4-none"]) == \
        "reports no score for Nemotron-4 340B Instruct on MGSM (0-shot, CoT)"
