"""The JSON contracts of `ledger claims` and `ledger conflicts` (ledger/output/records.py,
ledger/output/reporters.py): keys, order and types.

Other tools parse these. Keys may be added, never renamed or removed; a change
here is a breaking change and needs a version bump and a note in the README.
"""

from __future__ import annotations

from tests.conftest import REPO, build_ledger, run_json


COMMON = ["id", "kind", "source", "file", "line", "column", "end_line", "end_column", "quote", "topic", "note"]

FIELDS = {
    "score": ["model", "benchmark", "setting", "metric", "value", "unit"],
    "comparison": ["benchmark", "category", "subjects", "relation", "objects", "scope", "words", "overall",
                   "capability", "polarity", "qualifiers"],
    "ranking": ["benchmark", "category", "subjects", "rank", "among", "scope", "words", "overall", "within",
                "capability", "polarity", "qualifiers"],
    "tally": ["subject", "relation", "among", "category", "benchmarks", "count", "total", "words", "capability"],
    "quantity": ["subject", "quantity", "value", "unit", "qualifier", "against"],
    "statement": ["subject", "predicate", "object", "polarity", "qualifiers"],
}

TEXT = ("Model A scores 70.0 on Bench Y. Model B scores 75.5. Model A is on par with Model B. "
        "Model B scores the highest. On one of one benchmarks Model A is higher than all. "
        "Model A used 16,000 GPUs. Model A is open source.\n")

CLAIMS = """
- {id: s, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, setting: {shots: null, cot: null}, value: "70.0"}
- {id: s2, kind: score, source: one, topic: benchmark, quote: "Model B scores 75.5", model: model-b, benchmark: bench-y, value: 75.5}
- {id: c, kind: comparison, source: one, topic: benchmark, quote: "Model A is on par with Model B", subjects: [model-a], relation: on-par, objects: [model-b], benchmark: bench-y}
- {id: r, kind: ranking, source: one, topic: benchmark, quote: "Model B scores the highest", subjects: [model-b], rank: first, benchmark: bench-y}
- {id: t, kind: tally, source: one, topic: benchmark, quote: "On one of one benchmarks Model A is higher than all", subject: model-a, relation: higher, benchmarks: [bench-y], count: 1, total: 1}
- {id: q, kind: quantity, source: one, topic: infrastructure, quote: "Model A used 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs}
- {id: st, kind: statement, source: one, topic: licensing, quote: "Model A is open source", subject: model-a, predicate: open-source, note: a note}
"""


def test_claims_json_keys_and_order_per_kind(tmp_path):
    path = build_ledger(tmp_path, CLAIMS, sources={"one": TEXT})
    records = {r["id"]: r for r in run_json("claims", "-l", path, "-f", "json")}
    for claim_id, kind in {"s": "score", "c": "comparison", "r": "ranking", "t": "tally", "q": "quantity",
                           "st": "statement"}.items():
        assert list(records[claim_id]) == COMMON + FIELDS[kind] + ["cell"] + (["reported"] if kind == "score" else []), kind
    score = records["s"]
    assert score == {
        "id": "s", "kind": "score", "source": "one", "file": "sources/one.txt", "line": 1, "column": 1,
        "end_line": 1, "end_column": 20, "quote": "Model A scores 70.0", "topic": "benchmark", "note": None,
        "model": "model-a", "benchmark": "bench-y", "setting": {"shots": None, "cot": None}, "metric": None,
        "value": 70.0, "unit": None, "cell": None, "reported": True,
    }
    assert records["q"]["value"] == 16000 and isinstance(records["q"]["value"], int)
    assert records["st"]["polarity"] is True and records["st"]["qualifiers"] == [] and records["st"]["note"] == "a note"
    assert records["t"]["count"] == 1 and records["t"]["benchmarks"] == ["bench-y"]


def test_conflicts_json_keys(tmp_path):
    path = build_ledger(tmp_path, CLAIMS, sources={"one": TEXT})
    conflicts = run_json("conflicts", "-l", path, "-f", "json")
    assert conflicts, "the fixture holds contradictions"
    for conflict in conflicts:
        assert list(conflict) == ["id", "rule", "name", "severity", "message", "within_source", "sources",
                                  "claims", "review", "settled_by", "misreports", "between_primaries"]
        assert conflict["severity"] in ("error", "warning", "info")
        assert conflict["review"] is None
        assert (conflict["settled_by"], conflict["misreports"], conflict["between_primaries"]) == ([], [], False)
        for claim in conflict["claims"]:
            assert list(claim)[:11] == COMMON
    by_rule = {c["rule"]: c for c in conflicts}
    assert set(by_rule) == {"C002", "C004"}
    assert [c["id"] for c in by_rule["C002"]["claims"]] == ["c", "s", "s2"]


def test_overall_and_within_are_keys_added_at_the_end(tmp_path):
    """Issue 17's new targets: JSON keys added after the existing ones (null when unset),
    CSV columns added after the existing ones."""
    from tests.conftest import FAMILY_ENTITIES, FAMILY_TEXT, family_scores

    claims = family_scores() + """
- {id: r, kind: ranking, source: one, topic: benchmark, quote: "Model A is the most powerful of the Family A models", subjects: [model-a], rank: first, overall: true, within: family-a}
- {id: c, kind: comparison, source: one, topic: benchmark, quote: "Model A is higher than Model B overall", subjects: [model-a], relation: higher, objects: [model-b], overall: true, scope: most}
"""
    path = build_ledger(tmp_path, claims, sources={"one": FAMILY_TEXT}, entities=FAMILY_ENTITIES)
    records = {r["id"]: r for r in run_json("claims", "-l", path, "-f", "json")}
    assert list(records["r"]) == COMMON + FIELDS["ranking"] + ["cell"]
    assert (records["r"]["benchmark"], records["r"]["category"], records["r"]["overall"], records["r"]["within"]) == (
        None, None, True, "family-a")
    assert records["c"]["overall"] is True and records["c"]["scope"] == "most"
    from tests.conftest import run

    header, *rows = run("claims", "-l", path, "-f", "csv", ok=True).output.splitlines()
    assert header.endswith(",words,overall,within,capability,cell,reported")  # issues 18 and 19 added the last three
    assert [row for row in rows if row.startswith("r,")][0].endswith(",true,family-a,,,")


def test_conflicts_json_says_who_settles_each(tmp_path):
    """Issue 18: settled_by (the primary claims that decide a conflict) and misreports (the claims
    they contradict), [] when none; between_primaries (bool). Keys added after the existing ones."""
    import shutil

    shutil.copytree(REPO / "tests" / "data" / "primaries", tmp_path / "fixture")
    conflicts = run_json("conflicts", "-l", tmp_path / "fixture" / "claims.yaml", "-f", "json")
    by_claims = {tuple(c["id"] for c in conflict["claims"]): conflict for conflict in conflicts}
    settled = by_claims[("paper-x-a", "blog-x-a")]
    assert (settled["settled_by"], settled["misreports"], settled["between_primaries"]) == (
        ["paper-x-a"], ["blog-x-a"], False)
    primaries = by_claims[("paper-dpo", "card-no-dpo")]
    assert (primaries["settled_by"], primaries["misreports"], primaries["between_primaries"]) == ([], [], True)
    unsettled = by_claims[("blog-w-b", "news-w-b")]
    assert (unsettled["settled_by"], unsettled["misreports"]) == ([], [])


def test_polarity_qualifiers_and_capability_are_keys_added_at_the_end(tmp_path):
    """Issue 19: a comparison or ranking says whether it is denied and its hedges; comparisons,
    rankings and tallies name their capability (null when they have none)."""
    text = "Model A does not outperform Model B in coding. Model A is not yet first in coding.\n"
    vocabulary = """\
vocabulary:
  qualifiers:
    - {id: not-yet, label: not yet, definition: Not so far.}
  capabilities:
    - {id: coding, label: coding, definition: Writing programs., categories: [code]}
"""
    claims = """
- {id: c, kind: comparison, source: one, topic: benchmark, quote: "Model A does not outperform Model B", subjects: [model-a], relation: higher, objects: [model-b], capability: coding, polarity: false}
- {id: r, kind: ranking, source: one, topic: benchmark, quote: "Model A is not yet first", subjects: [model-a], rank: first, capability: coding, polarity: false, qualifiers: [not-yet]}
"""
    path = build_ledger(tmp_path, claims, sources={"one": text}, vocabulary=vocabulary)
    records = {r["id"]: r for r in run_json("claims", "-l", path, "-f", "json")}
    assert list(records["c"]) == COMMON + FIELDS["comparison"] + ["cell"]
    assert (records["c"]["capability"], records["c"]["polarity"], records["c"]["qualifiers"]) == ("coding", False, [])
    assert (records["r"]["capability"], records["r"]["polarity"], records["r"]["qualifiers"]) == (
        "coding", False, ["not-yet"])
    asserted = {r["id"]: r for r in run_json("claims", "-l", REPO / "claims.yaml", "-f", "json")}
    assert asserted["spheron-nih-llama-outperforms"]["polarity"] is True
    assert asserted["spheron-nih-llama-outperforms"]["capability"] is None
    assert asserted["hiselius-long-context-two-of-three"]["capability"] is None



def test_a_score_not_reported_is_value_null_reported_false_last(tmp_path):
    """A source's word that it reports no score: the score's keys, value null, and ``reported``
    last (after ``cell``); the CSV's last column says false; a reported score says true."""
    from tests.conftest import run

    claims = CLAIMS + """
- {id: none, kind: score, source: one, topic: benchmark, quote: "Model B scores 75.5", model: model-c, benchmark: bench-y, reported: false}
"""
    path = build_ledger(tmp_path, claims, sources={"one": TEXT})
    records = {r["id"]: r for r in run_json("claims", "-l", path, "-f", "json")}
    assert list(records["none"]) == COMMON + FIELDS["score"] + ["cell", "reported"]
    assert (records["none"]["value"], records["none"]["reported"], records["s"]["reported"]) == (None, False, True)
    header, *rows = run("claims", "-l", path, "-f", "csv", ok=True).output.splitlines()
    assert header.endswith(",cell,reported")
    assert [row for row in rows if row.startswith("none,")][0].endswith(",,false")
    assert [row for row in rows if row.startswith("s,")][0].endswith(",,true")
    said = run("claims", "-l", path, "--source", "one", "--kind", "score", ok=True).output
    assert "reports no score for Model C on Bench Y" in said
