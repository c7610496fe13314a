"""Each conflict rule on small ledgers: what it must find, and agreeing claims it must leave alone."""

from __future__ import annotations

from ledger import load_ledger
from ledger.check.engine import find_conflicts, stale_reviews

from .conftest import build_ledger


def score(cid, source, quote, model, value, benchmark="bench-x", setting=""):
    setting_line = f"\n  setting: {setting}" if setting else ""
    return f"""
- id: {cid}
  kind: score
  source: {source}
  topic: benchmark
  quote: "{quote}"
  model: {model}
  benchmark: {benchmark}{setting_line}
  value: {value}
"""


def conflicts_of(path, rule=None):
    result = load_ledger(path)
    assert result.ok, [d.render() for d in result.diagnostics]
    found = find_conflicts(result.ledger)
    return [c for c in found if rule is None or c.rule == rule]


def two_sources(tmp_path, one: str, two: str, claims: str, **kwargs):
    return build_ledger(tmp_path, claims, sources={"one": one, "two": two}, **kwargs)


# ---------------------------------------------------------------- C001 figures disagree

def test_c001_different_scores_for_the_same_thing(tmp_path):
    path = two_sources(tmp_path, "Model A scores 96.9 on Bench X.\n", "Model A reaches 96.7 on Bench X.\n",
                       score("a1", "one", "Model A scores 96.9", "model-a", 96.9)
                       + score("a2", "two", "Model A reaches 96.7", "model-a", 96.7))
    [conflict] = conflicts_of(path, "C001")
    assert set(conflict.claims) == {"a1", "a2"}
    assert "96.9 (one)" in conflict.message and "96.7 (two)" in conflict.message
    assert conflict.message.startswith("Between one and two")
    assert not conflict.within_source


def test_c001_agreeing_figures_are_silent(tmp_path):
    claims = score("a1", "one", "Bench X (0-shot): Model A scores 88.6", "model-a", 88.6, setting="{shots: 0}") + \
        score("a2", "two", "Model A scores 88.60 on Bench X", "model-a", "88.60") + """
- {id: g1, kind: quantity, source: one, topic: infrastructure, quote: "trained on 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs}
- {id: g2, kind: quantity, source: two, topic: infrastructure, quote: "used over 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs, qualifier: over}
- {id: k1, kind: quantity, source: one, topic: model, quote: "a context of 128k tokens", subject: model-a, quantity: context-length, value: 128k, unit: tokens}
- {id: k2, kind: quantity, source: two, topic: model, quote: "128,000 tokens of context", subject: model-a, quantity: context-length, value: "128,000", unit: tokens}
"""
    path = build_ledger(tmp_path, claims)
    assert conflicts_of(path, "C001") == []


def test_c001_quantities_that_cannot_both_be_true(tmp_path):
    claims = """
- {id: g1, kind: quantity, source: one, topic: infrastructure, quote: "trained on 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs}
- {id: g2, kind: quantity, source: two, topic: infrastructure, quote: "fewer than 10,000 GPUs", subject: model-a, quantity: training-gpus, value: "10,000", unit: gpus, qualifier: under}
"""
    path = two_sources(tmp_path, "Model A was trained on 16,000 GPUs.\n", "Model A used fewer than 10,000 GPUs.\n", claims)
    [conflict] = conflicts_of(path, "C001")
    assert "training-gpus" in conflict.message


# ---------------------------------------------------------------- C006 not comparable

def test_c006_different_settings_are_a_note_not_a_conflict(tmp_path):
    claims = score("b1", "one", "Bench X (0-shot): Model A scores 88.6, outperforming Model B (85.4)", "model-b", 85.4,
                   setting="{shots: 0}") + score("b2", "two", "Model B scores 85.4 on Bench X (5-shot)", "model-b", 85.4,
                                                 setting="{shots: 5}")
    path = build_ledger(tmp_path, claims)
    found = conflicts_of(path)
    assert [c.rule for c in found] == ["C006"]
    assert found[0].severity.value == "info"
    assert "0-shot" in found[0].message and "5-shot" in found[0].message


# ---------------------------------------------------------------- C002 words against figures

ON_PAR = """
- id: par
  kind: comparison
  source: one
  topic: benchmark
  quote: "so Model A is “on par” with Model B"
  subjects: [model-a]
  relation: on-par
  objects: [model-b]
  benchmark: bench-y
  words: on par
"""


def test_c002_on_par_broken_by_the_sources_own_numbers(tmp_path):
    claims = score("y-a", "one", "Model A scores 70.0", "model-a", "70.0", "bench-y") + \
        score("y-b", "one", "Model B scores 75.5", "model-b", 75.5, "bench-y") + ON_PAR
    path = build_ledger(tmp_path, claims)
    [conflict] = conflicts_of(path, "C002")
    assert conflict.claims == ("par", "y-a", "y-b")
    assert conflict.within_source
    assert conflict.message.startswith("Within one")
    assert "70.0" in conflict.message and "75.5" in conflict.message and "gap of -5.5" in conflict.message


def test_c002_tolerance_comes_from_the_ledger_settings(tmp_path):
    claims = score("y-a", "one", "Model A scores 70.0", "model-a", "70.0", "bench-y") + \
        score("y-b", "one", "Model B scores 75.5", "model-b", 75.5, "bench-y") + ON_PAR
    path = build_ledger(tmp_path, claims, extra="settings:\n  tolerances: {on_par: 6}\n")
    assert conflicts_of(path, "C002") == []


def test_c002_true_comparison_is_silent_and_scores_from_another_source_count(tmp_path):
    outperforming = """
- {id: outp, kind: comparison, source: one, topic: benchmark, quote: "Model A scores 88.6, outperforming Model B (85.4)", subjects: [model-a], relation: higher, objects: [model-b], benchmark: bench-x}
- {id: b-wins, kind: comparison, source: two, topic: benchmark, quote: "Model B outperforms Model A on Bench X", subjects: [model-b], relation: higher, objects: [model-a], benchmark: bench-x}
"""
    claims = score("x-a", "one", "Model A scores 88.6", "model-a", 88.6) + \
        score("x-b", "one", "outperforming Model B (85.4)", "model-b", 85.4) + outperforming
    path = build_ledger(tmp_path, claims)
    words = conflicts_of(path, "C002")
    assert [c.claims[0] for c in words] == ["b-wins"]
    assert words[0].message.startswith("Between one and two")
    # ... and the two comparisons order the pair oppositely
    [opposite] = conflicts_of(path, "C003")
    assert set(opposite.claims) == {"outp", "b-wins"}
    assert "puts Model A above Model B" in opposite.message and "puts Model B above Model A" in opposite.message


def test_c002_category_comparison_checks_every_benchmark_in_it(tmp_path):
    text = "Model A scores 80.0 on Bench X and 60.0 on Bench Y, Model B 70.0 and 65.0. Model A beats Model B in general.\n"
    claims = score("xa", "one", "Model A scores 80.0 on Bench X", "model-a", "80.0") + \
        score("ya", "one", "and 60.0 on Bench Y", "model-a", "60.0", "bench-y") + \
        score("xb", "one", "Model B 70.0", "model-b", "70.0") + \
        score("yb", "one", "and 65.0.", "model-b", "65.0", "bench-y") + """
- {id: cat, kind: comparison, source: one, topic: benchmark, quote: "Model A beats Model B in general", subjects: [model-a], relation: higher, objects: [model-b], category: general}
"""
    path = build_ledger(tmp_path, claims, sources={"one": text})
    [conflict] = conflicts_of(path, "C002")
    assert "Bench Y" in conflict.message and "Bench X" not in conflict.message.split("say otherwise")[1]
    path.write_text(path.read_text().replace("category: general}", "category: general, scope: some}"))
    assert conflicts_of(path, "C002") == []


# ---------------------------------------------------------------- C004 rankings and tallies

RANK_TEXT = "Model A scores 85.0. Model C scores 82.0. Model B scores the highest at 80.0.\n"


def test_c004_ranking_contradicted_by_scores(tmp_path):
    claims = score("a", "one", "Model A scores 85.0", "model-a", "85.0") + \
        score("c", "one", "Model C scores 82.0", "model-c", "82.0") + \
        score("b", "one", "Model B scores the highest at 80.0", "model-b", "80.0") + """
- {id: top, kind: ranking, source: one, topic: benchmark, quote: "Model B scores the highest", subjects: [model-b], rank: first, benchmark: bench-x, words: scores the highest}
"""
    path = build_ledger(tmp_path, claims, sources={"one": RANK_TEXT})
    [conflict] = conflicts_of(path, "C004")
    assert conflict.claims[0] == "top"
    assert "Model A scores 85.0 (one), above Model B 80.0 (one)" in conflict.message
    path.write_text(path.read_text().replace("among: null", "").replace("rank: first,", "rank: first, among: [model-b],"))
    assert conflicts_of(path, "C004") == []


def test_c004_true_ranking_is_silent(tmp_path):
    text = "Model A scores 85.0. Model B scores 80.0. Model A scores the highest.\n"
    claims = score("a", "one", "Model A scores 85.0", "model-a", "85.0") + \
        score("b", "one", "Model B scores 80.0", "model-b", "80.0") + """
- {id: top, kind: ranking, source: one, topic: benchmark, quote: "Model A scores the highest", subjects: [model-a], rank: first, benchmark: bench-x}
"""
    assert conflicts_of(build_ledger(tmp_path, claims, sources={"one": text}), "C004") == []


TALLY_TEXT = ("On Bench X Model A scores 90.0 and Model B 80.0. On Bench Y Model A scores 70.0 and Model B 75.0. "
              "On two out of two benchmarks Model A is higher than all competitors.\n")


def test_c004_tally_recounted_from_scores(tmp_path):
    claims = score("xa", "one", "On Bench X Model A scores 90.0", "model-a", "90.0") + \
        score("xb", "one", "and Model B 80.0", "model-b", "80.0") + \
        score("ya", "one", "On Bench Y Model A scores 70.0", "model-a", "70.0", "bench-y") + \
        score("yb", "one", "and Model B 75.0", "model-b", "75.0", "bench-y") + """
- {id: tally, kind: tally, source: one, topic: benchmark, quote: "On two out of two benchmarks Model A is higher than all competitors", subject: model-a, relation: higher, category: general, count: 2, total: 2}
"""
    path = build_ledger(tmp_path, claims, sources={"one": TALLY_TEXT})
    [conflict] = conflicts_of(path, "C004")
    assert "give 1 of 2" in conflict.message
    path.write_text(path.read_text().replace("and Model B 75.0", "and Model B 65.0").replace("value: 75.0", "value: 65.0")
                    .replace("Model B 75.0", "Model B 65.0"))
    path.parent.joinpath("sources/one.txt").write_text(TALLY_TEXT.replace("75.0", "65.0"))
    from .conftest import sha
    text = path.read_text()
    import re
    path.write_text(re.sub(r"sha256: [0-9a-f]{64}", f"sha256: {sha(TALLY_TEXT.replace('75.0', '65.0'))}", text))
    assert conflicts_of(path, "C004") == []


# ---------------------------------------------------------------- C005 statements

def statement(cid, source, quote, subject, polarity, qualifiers="[]", occurrence=""):
    extra = f", occurrence: {occurrence}" if occurrence else ""
    return (f"\n- {{id: {cid}, kind: statement, source: {source}, topic: licensing, quote: \"{quote}\", "
            f"subject: {subject}, predicate: open-source, polarity: {polarity}, qualifiers: {qualifiers}{extra}}}\n")


def test_c005_opposite_statements_with_different_qualifiers_are_a_warning(tmp_path):
    claims = statement("yes", "one", "Model A is open source.", "model-a", "true", occurrence=1) + \
        statement("no", "two", "Model A is not open source under the OSI definition", "model-a", "false", "[osi-definition]")
    [conflict] = conflicts_of(build_ledger(tmp_path, claims), "C005")
    assert conflict.severity.value == "warning"
    assert "qualifiers differ" in conflict.message and "osi-definition" in conflict.message


def test_c005_same_qualifiers_is_an_error_and_family_statements_reach_members(tmp_path):
    claims = statement("yes", "one", "Model A is open source.", "family-a", "true", "[osi-definition]", occurrence=1) + \
        statement("no", "two", "Model A is not open source under the OSI definition", "model-a", "false", "[osi-definition]")
    [conflict] = conflicts_of(build_ledger(tmp_path, claims), "C005")
    assert conflict.severity.value == "error"


def test_c005_agreeing_statements_and_unrelated_subjects_are_silent(tmp_path):
    claims = statement("yes1", "one", "Model A is open source.", "model-a", "true", occurrence=1) + \
        statement("yes2", "one", "Model A is open source.", "model-a", "true", occurrence=2) + \
        statement("no-b", "two", "Model A is not open source under the OSI definition", "model-b", "false")
    assert conflicts_of(build_ledger(tmp_path, claims), "C005") == []


# ---------------------------------------------------------------- ids and reviews

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


def test_c004_two_rankings_with_different_winners(tmp_path):
    text = "Model A scores the highest on Bench X. Model B takes the lead on Bench X.\n"
    claims = """
- {id: a-top, kind: ranking, source: one, topic: benchmark, quote: "Model A scores the highest on Bench X", subjects: [model-a], rank: first, benchmark: bench-x, among: [model-a, model-b]}
- {id: b-top, kind: ranking, source: one, topic: benchmark, quote: "Model B takes the lead on Bench X", subjects: [model-b], rank: first, benchmark: bench-x, among: [model-a, model-b, model-c]}
"""
    path = build_ledger(tmp_path, claims, sources={"one": text})
    [conflict] = conflicts_of(path, "C004")
    assert set(conflict.claims) == {"a-top", "b-top"}
    # a winner among a different set of competitors is no contradiction
    path.write_text(path.read_text().replace("among: [model-a, model-b]}", "among: [model-a, model-c]}"))
    assert conflicts_of(path, "C004") == []
