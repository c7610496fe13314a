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


# ---------------------------------------------------------------- settings: comparable groups only
#
# Source one gives Bench X under 8-shot, source two under 0-shot; source three gives no figures.

SETTINGS_TEXTS = {
    "one": "Bench X: Model C (8-shot) 98.0, Model A (8-shot) 96.8, Model B (8-shot) 96.4. Bench Y: Model A 70.0, Model B 65.0. "
           "Model A takes the lead on Bench X. Model A is second on Bench X. Model C is second on Bench X. "
           "On two out of two benchmarks Model A is higher than all competitors.\n",
    "two": "Bench X: Model B (0-shot) 99.0, Model C (0-shot) 97.0, Model A (0-shot) 90.0. Model A takes the lead on Bench X. "
           "Model A is second on Bench X.\n",
    "three": "Model A takes the lead on Bench X. Model A is second on Bench X. "
             "On 0 of 2 benchmarks Model A is higher than all competitors. "
             "On 1 of 2 benchmarks Model A is higher than all competitors.\n",
}


def settings_scores(c8="98.0", b8="96.4", b0="99.0", b0_setting="{shots: 0}") -> str:
    def one(cid, quote, model, value, benchmark="bench-x", setting="{shots: 8}"):
        return score(cid, "one", quote, model, value, benchmark, setting=setting)
    return (one("c8", f"Model C (8-shot) {c8}", "model-c", c8) + one("a8", "Model A (8-shot) 96.8", "model-a", "96.8")
            + one("b8", f"Model B (8-shot) {b8}", "model-b", b8)
            + score("ya", "one", "Model A 70.0", "model-a", "70.0", "bench-y")
            + score("yb", "one", "Model B 65.0", "model-b", "65.0", "bench-y")
            + score("b0", "two", f"Model B (0-shot) {b0}", "model-b", b0, setting=b0_setting)
            + score("c0", "two", "Model C (0-shot) 97.0", "model-c", "97.0", setting="{shots: 0}")
            + score("a0", "two", "Model A (0-shot) 90.0", "model-a", "90.0", setting="{shots: 0}"))


def rank_claim(cid, source, quote, rank, among=None):
    """A ranking on Bench X; its subject is the model its id names (``one-a-leads``: Model A)."""
    among = f", among: [{', '.join(among)}]" if among else ""
    return (f'\n- {{id: {cid}, kind: ranking, source: {source}, topic: benchmark, quote: "{quote}", '
            f'subjects: [model-{cid.split("-")[1]}], rank: {rank}, benchmark: bench-x{among}}}\n')


def build_settings(tmp_path, claims, **scores):
    texts = dict(SETTINGS_TEXTS)
    for name, value in scores.items():  # a figure changed in its source's text too
        if name not in ("c8", "b8", "b0"):
            continue
        old = {"c8": "Model C (8-shot) 98.0", "b8": "Model B (8-shot) 96.4", "b0": "Model B (0-shot) 99.0"}[name]
        source = "two" if name == "b0" else "one"
        texts[source] = texts[source].replace(old, f"{old.rsplit(' ', 1)[0]} {value}")
    return build_ledger(tmp_path, settings_scores(**scores) + claims, sources=texts)


def test_c004_a_first_rank_is_judged_among_its_own_setting_only(tmp_path):
    """Model A leads one's 8-shot figures; Model B's 0-shot 99.0 (two) measures something else."""
    leads = rank_claim("one-a-leads", "one", "Model A takes the lead on Bench X", "first", among=["model-a", "model-b"])
    assert conflicts_of(build_settings(tmp_path, leads), "C004") == []
    # under the same setting, Model B's figure breaks it
    [conflict] = conflicts_of(build_settings(tmp_path, leads, b8="97.5"), "C004")
    assert conflict.claims == ("one-a-leads", "a8", "b8")
    assert conflict.message == ("Within one: the ranking ranks Model A first on Bench X, but on Bench X (8-shot) "
                                "Model B scores 97.5 (one), above Model A 96.8 (one).")  # as `ledger explain C004` shows


def test_c004_a_figure_of_unstated_setting_meets_every_setting(tmp_path):
    leads = rank_claim("one-a-leads", "one", "Model A takes the lead on Bench X", "first", among=["model-a", "model-b"])
    [conflict] = conflicts_of(build_settings(tmp_path, leads, b0_setting="{}"), "C004")
    assert "Model B scores 99.0 (two), above Model A 96.8 (one)" in conflict.message


def test_c004_a_ranking_from_a_source_without_figures_breaks_only_under_every_setting(tmp_path):
    """Source three gives no figures: its "Model A leads" may be the 8-shot table's (true there),
    so only failing under every setting that scores Model A breaks it. Source two ranks from its
    own 0-shot figures: judged there."""
    three = rank_claim("three-a-leads", "three", "Model A takes the lead on Bench X", "first",
                       among=["model-a", "model-b"])
    two = rank_claim("two-a-leads", "two", "Model A takes the lead on Bench X", "first", among=["model-a", "model-b"])
    found = conflicts_of(build_settings(tmp_path, three + two), "C004")
    assert [c.claims[0] for c in found] == ["two-a-leads"]
    assert found[0].claims == ("two-a-leads", "b0", "a0")
    [conflict] = conflicts_of(build_settings(tmp_path, three, b8="97.5"), "C004")
    assert "on Bench X (8-shot) Model B scores 97.5 (one)" in conflict.message
    assert "on Bench X (0-shot) Model B scores 99.0 (two)" in conflict.message


def test_c004_a_second_place_counts_the_models_above_under_one_setting(tmp_path):
    """8-shot: C, A, B; 0-shot: B, C, A. Model A is second in one's table: Model B above it
    in two's table is no second model above it. Model C, first in one's table, is not second there,
    though it is in two's."""
    one_a = rank_claim("one-a-second", "one", "Model A is second on Bench X", "second")
    assert conflicts_of(build_settings(tmp_path, one_a), "C004") == []
    one_c = rank_claim("one-c-second", "one", "Model C is second on Bench X", "second")
    [conflict] = conflicts_of(build_settings(tmp_path, one_c), "C004")
    assert "on Bench X (8-shot) Model C 98.0 (one) has 0 model(s) above it" in conflict.message
    two_a = rank_claim("two-a-second", "two", "Model A is second on Bench X", "second")
    [conflict] = conflicts_of(build_settings(tmp_path, two_a), "C004")
    assert "on Bench X (0-shot) Model A 90.0 (two) has 2 model(s) above it" in conflict.message
    three_a = rank_claim("three-a-second", "three", "Model A is second on Bench X", "second")
    assert conflicts_of(build_settings(tmp_path, three_a), "C004") == []


TALLY_ONE = ('\n- {id: one-tally, kind: tally, source: one, topic: benchmark, quote: "On two out of two benchmarks '
             'Model A is higher than all competitors", subject: model-a, relation: higher, category: general, '
             'count: 2, total: 2}\n')
TALLY_THREE = ('\n- {id: three-tally, kind: tally, source: three, topic: benchmark, quote: "On 0 of 2 benchmarks '
               'Model A is higher than all competitors", subject: model-a, relation: higher, category: general, '
               'count: 0, total: 2, among: [model-b]}\n')


def test_c004_a_tally_is_recounted_under_comparable_settings(tmp_path):
    """One's 8-shot Bench X has Model A above Model B, two's 0-shot has it below: one counts
    its own table (2 of 2, true); three, with no figures, may count either (1 or 2 of 2), so its
    0 of 2 is false under every reading."""
    among_b = TALLY_ONE.replace("count: 2, total: 2}", "count: 2, total: 2, among: [model-b]}")
    assert conflicts_of(build_settings(tmp_path, among_b), "C004") == []
    [conflict] = conflicts_of(build_settings(tmp_path, TALLY_THREE), "C004")
    assert "the scores give 1 to 2 of 2" in conflict.message
    assert "Bench X (8-shot) yes" in conflict.message and "Bench X (0-shot) no" in conflict.message
    assert conflicts_of(build_settings(tmp_path, TALLY_THREE.replace("count: 0", "count: 1").replace("On 0 of", "On 1 of")), "C004") == []
