"""Issue 8: rules group claims by key instead of comparing every pair; many sources that agree
with each other and disagree with others make one conflict per key and disagreement."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.check.index import relation_holds, relation_holds_for_all
from ledger.core.model import Relation, Tolerances

from .conftest import build_ledger
from .test_rules import conflicts_of, statement

SOURCES = {
    "one": "Model A is open source. Model A is open source. Model A is open source.\n",
    "two": "Model A is not open source. Family A is open source.\n",
    "three": "Model A is open source. Model A is not open source under the OSI definition.\n",
}


def test_c005_many_sources_asserting_one_statement_make_one_conflict(tmp_path):
    claims = (statement("yes-1", "one", "Model A is open source.", "model-a", "true", occurrence=1)
              + statement("yes-2", "one", "Model A is open source.", "model-a", "true", occurrence=2)
              + statement("yes-3", "three", "Model A is open source.", "model-a", "true")
              + statement("no-1", "two", "Model A is not open source.", "model-a", "false"))
    path = build_ledger(tmp_path, claims, sources=SOURCES)
    [conflict] = conflicts_of(path, "C005")
    assert set(conflict.claims) == {"yes-1", "yes-2", "yes-3", "no-1"}
    assert conflict.claims[-1] == "no-1"  # the asserting bucket first, then the denying one
    assert conflict.severity.value == "error"
    assert conflict.message.startswith("Between one, three and two: one and three (3 claims) say Model A is "
                                       "open-source; two says Model A is not.")


def test_c005_buckets_keep_subjects_and_qualifiers_apart(tmp_path):
    claims = (statement("yes-a", "one", "Model A is open source.", "model-a", "true", occurrence=1)
              + statement("yes-family", "two", "Family A is open source.", "family-a", "true")
              + statement("no-a", "two", "Model A is not open source.", "model-a", "false")
              + statement("no-osi", "three", "Model A is not open source under the OSI definition", "model-a",
                          "false", "[osi-definition]"))
    path = build_ledger(tmp_path, claims, sources=SOURCES)
    found = {frozenset(c.claims): c.severity.value for c in conflicts_of(path, "C005")}
    assert found == {
        frozenset({"yes-a", "no-a"}): "error",
        frozenset({"yes-family", "no-a"}): "error",  # a family's statement reaches its members
        frozenset({"yes-a", "no-osi"}): "warning",  # qualifiers differ
        frozenset({"yes-family", "no-osi"}): "warning",
    }


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


def test_c004_rankings_with_the_same_winner_are_grouped(tmp_path):
    text = ("Model A scores the highest on Bench X. Model A is the best on Bench X. "
            "Model B takes the lead on Bench X.\n")
    claims = """
- {id: a-top, kind: ranking, source: one, topic: benchmark, quote: "Model A scores the highest on Bench X", subjects: [model-a], rank: first, benchmark: bench-x, among: [model-a, model-b]}
- {id: a-top-2, kind: ranking, source: one, topic: benchmark, quote: "Model A is the best on Bench X", subjects: [model-a], rank: first, benchmark: bench-x, among: [model-a, model-b]}
- {id: b-top, kind: ranking, source: one, topic: benchmark, quote: "Model B takes the lead on Bench X", subjects: [model-b], rank: first, benchmark: bench-x, among: [model-a, model-b]}
"""
    path = build_ledger(tmp_path, claims, sources={"one": text})
    [conflict] = conflicts_of(path, "C004")
    assert set(conflict.claims) == {"a-top", "a-top-2", "b-top"}
    assert "one (2 claims) ranks Model A first, one ranks Model B first" in conflict.message


def test_c006_names_every_score_under_another_setting(tmp_path):
    text = "Bench X (0-shot): Model A scores 88.6. Bench X (5-shot): Model A scores 87.3. Model A scores 88.0 on Bench X.\n"
    claims = """
- {id: zero, kind: score, source: one, topic: benchmark, quote: "Bench X (0-shot): Model A scores 88.6", model: model-a, benchmark: bench-x, setting: {shots: 0}, value: 88.6}
- {id: five, kind: score, source: one, topic: benchmark, quote: "Bench X (5-shot): Model A scores 87.3", model: model-a, benchmark: bench-x, setting: {shots: 5}, value: 87.3}
- {id: plain, kind: score, source: one, topic: benchmark, quote: "Model A scores 88.0 on Bench X", model: model-a, benchmark: bench-x, value: 88.0}
"""
    path = build_ledger(tmp_path, claims, sources={"one": text})
    [note] = conflicts_of(path, "C006")
    assert note.claims == ("zero", "five")  # the unstated setting clashes with neither


@settings(max_examples=300, deadline=None)
@given(relation=st.sampled_from(list(Relation)),
       subjects=st.lists(st.decimals(-100, 100, places=1), min_size=1, max_size=5),
       objects=st.lists(st.decimals(-100, 100, places=1), min_size=1, max_size=5))
def test_a_relation_holding_for_the_extreme_gaps_holds_for_every_pair(relation, subjects, objects):
    """C004's tallies check the two extreme gaps only: the same answer as every pair."""
    tolerances = Tolerances()
    every_pair = all(relation_holds(relation, s - o, tolerances) for s in subjects for o in objects)
    assert relation_holds_for_all(relation, subjects, objects, tolerances) == every_pair
