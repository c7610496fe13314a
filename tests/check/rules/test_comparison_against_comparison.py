"""C003 comparison-against-comparison (ledger/check/rules/comparison_against_comparison.py):
claims that order the same pair oppositely, grouped by side."""

from __future__ import annotations

from tests.conftest import build_ledger, conflicts_of


def test_c003_claims_on_one_side_are_grouped(tmp_path):
    text = "Model A beats Model B on Bench X. Model A leads Model B on Bench X. Model B beats Model A on Bench X.\n"
    claims = """
- {id: a-1, kind: comparison, source: one, topic: benchmark, quote: "Model A beats Model B on Bench X", subjects: [model-a], relation: higher, objects: [model-b], benchmark: bench-x}
- {id: a-2, kind: comparison, source: one, topic: benchmark, quote: "Model A leads Model B on Bench X", subjects: [model-a], relation: higher, objects: [model-b], benchmark: bench-x}
- {id: b-1, kind: comparison, source: one, topic: benchmark, quote: "Model B beats Model A on Bench X", subjects: [model-b], relation: higher, objects: [model-a], benchmark: bench-x}
"""
    path = build_ledger(tmp_path, claims, sources={"one": text})
    [conflict] = conflicts_of(path, "C003")
    assert set(conflict.claims) == {"a-1", "a-2", "b-1"}
    assert "one (a-1) and one (a-2) put Model A above Model B" in conflict.message
    assert "one (b-1) puts Model B above Model A" in conflict.message
