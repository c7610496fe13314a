"""The JSON contract of `ledger vocab` (ledger/output/vocab.py): keys, order and types.

Other tools parse it. Keys may be added, never renamed or removed; a change here is a
breaking change and needs a version bump and a note in the README."""

from __future__ import annotations

from tests.conftest import VOCABULARY, build_ledger, run_json

TEXT = ("Model A is open source. Model B is open source. Model A is open source under the OSI definition. "
        "Model A used 16,000 GPUs. Model A used 16K H100 GPUs.\n")
CLAIMS = """
- {id: a-open, kind: statement, source: one, topic: licensing, quote: "Model A is open source.", occurrence: 1, subject: model-a, predicate: open-source}
- {id: b-open, kind: statement, source: two, topic: licensing, quote: "Model B is open source", subject: model-b, predicate: open-sourced}
- {id: a-osi, kind: statement, source: two, topic: licensing, quote: "Model A is open source under the OSI definition", subject: model-a, predicate: open-source, qualifiers: [osi, osi-definition]}
- {id: gpus, kind: quantity, source: one, topic: infrastructure, quote: "Model A used 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs}
- {id: gpus-2, kind: quantity, source: two, topic: infrastructure, quote: "Model A used 16K H100 GPUs", subject: model-a, quantity: training-gpus, value: 16K, unit: H100 GPUs}
"""
TERM_KEYS = ["id", "label", "declared", "claims", "sources"]


def test_vocab_json_shape(tmp_path):
    path = build_ledger(tmp_path, CLAIMS, sources={"one": TEXT, "two": TEXT}, vocabulary=VOCABULARY)
    report = run_json("vocab", "-l", path, "-f", "json")
    assert list(report) == ["version", "predicates", "qualifiers", "quantities", "units", "single_use_predicates",
                            "statements", "capabilities"]
    assert report["version"] == 1
    for kind in ("predicates", "qualifiers", "quantities", "units"):
        assert list(report[kind]) == ["declared", "terms", "unused"], kind
        assert report[kind]["declared"] is True
        for term in report[kind]["terms"]:
            assert list(term) == TERM_KEYS
    predicates = {t["id"]: t for t in report["predicates"]["terms"]}
    assert predicates["open-source"] == {"id": "open-source", "label": "open source", "declared": True, "claims": 3,
                                         "sources": {"one": 1, "two": 2}}  # the alias counts as the id
    assert report["predicates"]["unused"] == ["proprietary", "trained-on", "released-on"]
    qualifiers = {t["id"]: t for t in report["qualifiers"]["terms"]}
    assert qualifiers["osi-definition"]["claims"] == 1  # once per claim, though written twice (alias and id)
    units = {t["id"]: t for t in report["units"]["terms"]}
    assert units["gpu"]["claims"] == 2 and units["gpu"]["sources"] == {"one": 1, "two": 1}
    assert report["units"]["unused"] == ["token", "thousand-tokens", "token-per-second"]
    assert report["single_use_predicates"] == []
    assert report["statements"] == {"total": 3, "predicate_in_several_sources": 3}


def test_vocab_json_without_a_vocabulary_lists_the_free_terms_as_used(tmp_path):
    claims = CLAIMS.replace("predicate: open-sourced", "predicate: open-weights")
    path = build_ledger(tmp_path, claims, sources={"one": TEXT, "two": TEXT})
    report = run_json("vocab", "-l", path, "-f", "json")
    assert report["predicates"]["declared"] is False and report["predicates"]["unused"] == []
    assert report["predicates"]["terms"] == [
        {"id": "open-source", "label": None, "declared": False, "claims": 2, "sources": {"one": 1, "two": 1}},
        {"id": "open-weights", "label": None, "declared": False, "claims": 1, "sources": {"two": 1}},
    ]
    assert report["single_use_predicates"] == [
        {"predicate": "open-weights", "claim": "b-open", "source": "two", "declared": False}]
    assert report["statements"] == {"total": 3, "predicate_in_several_sources": 2}
    units = [t["id"] for t in report["units"]["terms"]]
    assert units == ["GPUs", "H100 GPUs"]  # as written: two spellings of one unit, which a vocabulary would merge
