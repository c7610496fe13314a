"""C004 rankings-and-tallies (ledger/check/rules/rankings_and_tallies.py): superlatives and
counted claims checked against the scores, and rankings against each other."""

from __future__ import annotations

from tests.conftest import build_family, build_ledger, conflicts_of, score


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
    from tests.conftest import sha
    text = path.read_text()
    import re
    path.write_text(re.sub(r"sha256: [0-9a-f]{64}", f"sha256: {sha(TALLY_TEXT.replace('75.0', '65.0'))}", text))
    assert conflicts_of(path, "C004") == []


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


# ---------------------------------------------------------------- overall and within (issue 17)

def ranking(cid, subject, quote, *, within=None, scope="all"):
    family = f", within: {within}" if within else ""
    return (f'\n- {{id: {cid}, kind: ranking, source: one, topic: benchmark, quote: "{quote}", '
            f'subjects: [{subject}], rank: first, overall: true, scope: {scope}{family}}}\n')


MOST_POWERFUL = ("a-first-in-family", "model-a", "Model A is the most powerful of the Family A models")
BEST_SMALL = ("small-first-in-family", "model-a-small", "Model A Small is the best of Family A")
FIRST_OVERALL = ("a-first", "model-a", "Model A ranks first overall")


def test_c004_a_ranking_within_a_family_ranks_among_its_members_only(tmp_path):
    """"The most powerful of the Family A models" holds: Model A leads Model A Small wherever both
    are scored; Model B, above it on Bench Y, is no member. Ranked among everyone, it breaks."""
    assert conflicts_of(build_family(tmp_path, ranking(*MOST_POWERFUL, within="family-a")), "C004") == []
    [conflict] = conflicts_of(build_family(tmp_path, ranking(*FIRST_OVERALL)), "C004")
    assert conflict.message == ("Within one: the ranking ranks Model A first on all benchmarks, but on Bench Y "
                                "Model B scores 75.0 (one), above Model A 70.0 (one).")


def test_c004_a_ranking_within_a_family_broken_by_a_member(tmp_path):
    [conflict] = conflicts_of(build_family(tmp_path, ranking(*BEST_SMALL, within="family-a")), "C004")
    assert conflict.message.startswith("Within one: the ranking ranks Model A Small first within Family A on all "
                                       "benchmarks, but on Bench X Model A scores 90.0 (one), above Model A Small")
    assert "Model B" not in conflict.message


def test_c004_overall_ranking_with_scope(tmp_path):
    """Model A is first on Bench X and Bench Z, not on Bench Y: first on most benchmarks and on
    some, not on all."""
    assert len(conflicts_of(build_family(tmp_path, ranking(*FIRST_OVERALL)), "C004")) == 1
    assert conflicts_of(build_family(tmp_path, ranking(*FIRST_OVERALL, scope="most")), "C004") == []
    assert conflicts_of(build_family(tmp_path, ranking(*FIRST_OVERALL, scope="some")), "C004") == []
    last = ranking(*FIRST_OVERALL, scope="most").replace("rank: first", "rank: last")
    [conflict] = conflicts_of(build_family(tmp_path, last), "C004")
    assert "(most of them)" in conflict.message


def test_c004_rankings_within_one_family_with_different_winners(tmp_path):
    claims = ranking(*MOST_POWERFUL, within="family-a") + ranking(*BEST_SMALL, within="family-a")
    found = [c for c in conflicts_of(build_family(tmp_path, claims), "C004")
             if set(c.claims) == {"a-first-in-family", "small-first-in-family"}]
    assert found and "one ranks Model A first, one ranks Model A Small first" in found[0].message


def test_c004_a_family_ranking_and_an_overall_winner_outside_it_agree(tmp_path):
    """The Family A ranking's winner is no competitor of a ranking among everyone whose winner
    is no member: no conflict between the two rankings."""
    b_first = ranking("b-first", "model-b", "Model B 75.0")
    claims = ranking(*MOST_POWERFUL, within="family-a") + b_first
    assert not [c for c in conflicts_of(build_family(tmp_path, claims), "C004")
                if set(c.claims) >= {"a-first-in-family", "b-first"}]



def test_c004_a_tally_names_every_competitor_tied_for_best(tmp_path):
    # which of two tied competitors is "the best" must not depend on the order the claims are read in
    text = ("On Bench X Model A scores 90.0, Model B 95.0 and Model C 95.0. On Bench Y Model A scores 70.0 "
            "and Model B 65.0. On two out of two benchmarks Model A is higher than all competitors.\n")
    claims = score("xa", "one", "On Bench X Model A scores 90.0", "model-a", "90.0") + \
        score("xb", "one", "Model B 95.0", "model-b", "95.0") + \
        score("xc", "one", "Model C 95.0", "model-c", "95.0") + \
        score("ya", "one", "On Bench Y Model A scores 70.0", "model-a", "70.0", "bench-y") + \
        score("yb", "one", "and Model B 65.0", "model-b", "65.0", "bench-y") + """
- {id: tally, kind: tally, source: one, topic: benchmark, quote: "On two out of two benchmarks Model A is higher than all competitors", subject: model-a, relation: higher, category: general, count: 2, total: 2}
"""
    [conflict] = conflicts_of(build_ledger(tmp_path, claims, sources={"one": text}), "C004")
    assert "Bench X no (90.0 vs best competitors Model B and Model C 95.0)" in conflict.message
