"""Settling conflicts with primary sources (ledger/check/primaries.py), on the fixture ledger
tests/data/primaries: a paper and a model card (primaries), a blog and a news item. The blog
misreports the paper plainly (71.2), with another model's figure in the same row (88.3 is Model
B's), with the three models' total as one model's (39.3M GPU hours), in a comparison the paper's
scores contradict; its 0-shot figure against the paper's 5-shot one is a C006 note, never a
misreport; the paper and the card disagree (between primaries); the blog and the news item order
Model A and Model C oppositely (settled by the paper's scores); on Bench W no primary says."""

from __future__ import annotations

import pytest

from ledger.check.primaries import audit
from tests.conftest import REPO, conflicts_of

FIXTURE = REPO / "tests" / "data" / "primaries" / "claims.yaml"


@pytest.fixture(scope="module")
def conflicts():
    return conflicts_of(FIXTURE)


def one(conflicts, *claim_ids, rule=None):
    found = [c for c in conflicts if set(claim_ids) <= set(c.claims) and rule in (None, c.rule)]
    assert len(found) == 1, [(c.id, c.claims) for c in conflicts]
    return found[0]


def test_a_plain_misreport_is_settled_by_the_primary(conflicts):
    c = one(conflicts, "paper-y-a", "blog-y-a", rule="C001")
    assert (c.settled_by, c.misreports) == (("paper-y-a",), ("blog-y-a",))
    assert "blog misreports paper: the primary gives 70.0" in c.message
    assert '"Bench Y (5-shot): Model A 70.0"' in c.message and "sources/paper.txt:4:1" in c.message
    assert "in the same row" not in c.message


def test_another_models_figure_in_the_same_row_is_named(conflicts):
    c = one(conflicts, "paper-x-a", "blog-x-a", rule="C001")
    assert (c.settled_by, c.misreports) == (("paper-x-a",), ("blog-x-a",))
    assert "blog misreports paper: the primary gives 88.6" in c.message
    assert "88.3 is Model B's score in the same row" in c.message


def test_a_total_given_as_one_models_figure_is_named(conflicts):
    c = one(conflicts, "paper-a-hours", "blog-a-hours")
    assert (c.settled_by, c.misreports) == (("paper-a-hours",), ("blog-a-hours",))
    assert "the primary gives 30.8M" in c.message
    assert "39.3M is Family A's training-time in paper" in c.message


def test_a_comparison_the_primarys_scores_contradict_is_a_misreport(conflicts):
    c = one(conflicts, "blog-a-beats-b-y", "paper-y-a", "paper-y-b")
    assert c.rule == "C002"
    assert "blog-a-beats-b-y" in c.misreports and "blog-y-a" in c.misreports
    assert "blog-y-b-0-shot" not in c.misreports  # another setting: nothing to say
    assert set(c.settled_by) == {"paper-y-a", "paper-y-b"}
    assert "checked against the primary's scores" in c.message


def test_a_setting_difference_is_never_a_misreport(conflicts):
    c = one(conflicts, "paper-y-b", "blog-y-b-0-shot", rule="C006")
    assert c.rule == "C006"
    assert (c.settled_by, c.misreports, c.between_primaries) == ((), (), False)
    assert "misreports" not in c.message


def test_two_primaries_disagreeing_are_marked_and_unsettled(conflicts):
    c = one(conflicts, "paper-dpo", "card-no-dpo")
    assert c.between_primaries and (c.settled_by, c.misreports) == ((), ())
    assert "between primaries" in c.message


def test_two_secondaries_disagreeing_are_settled_by_the_primarys_scores(conflicts):
    c = one(conflicts, "blog-c-beats-a-x", "news-a-beats-c-x")
    assert c.rule == "C003" and not any(claim.startswith("paper") for claim in c.claims)
    assert c.misreports == ("blog-c-beats-a-x",)
    assert set(c.settled_by) == {"paper-x-a", "paper-x-c"}


def test_what_no_primary_says_stays_unsettled(conflicts):
    c = one(conflicts, "blog-w-b", "news-w-b")
    assert (c.settled_by, c.misreports, c.between_primaries) == ((), (), False)


def test_a_ledger_without_primaries_settles_nothing(tmp_path):
    from tests.conftest import CLI_CLAIMS, build_ledger

    for conflict in conflicts_of(build_ledger(tmp_path, CLI_CLAIMS)):
        assert (conflict.settled_by, conflict.misreports, conflict.between_primaries) == ((), (), False)


# ------------------------------------------------------------------ the audit


def test_the_audit_of_a_secondary_judges_each_claim():
    from ledger import load_ledger

    lg = load_ledger(FIXTURE).ledger
    sheet = audit(lg, "blog")
    status = {row.id: row.status for row in sheet.rows}
    assert status == {
        "blog-x-a": "partly", "blog-y-a": "contradicts", "blog-a-hours": "partly",
        "blog-a-beats-b-y": "contradicts", "blog-y-b-0-shot": "unverified", "blog-x-c": "agrees",
        "blog-c-beats-a-x": "contradicts", "blog-w-b": "unverified",
    }
    assert list(status) == [c for c in lg.claims if c.startswith("blog-")]  # in the ledger's order
    assert sheet.totals == {"agrees": 1, "contradicts": 3, "partly": 2, "unverified": 2}
    rows = {row.id: row for row in sheet.rows}
    assert rows["blog-x-c"].primary == ("paper-x-c",)
    assert rows["blog-x-a"].primary == ("paper-x-a", "paper-x-b")
    assert "88.3 is Model B's score in the same row" in rows["blog-x-a"].message
    assert rows["blog-w-b"].primary == () and "no primary" in rows["blog-w-b"].message
    assert "5-shot" in rows["blog-y-b-0-shot"].message
    news = audit(lg, "news")
    assert [(r.id, r.status) for r in news.rows] == [("news-a-beats-c-x", "agrees"), ("news-w-b", "unverified")]


def test_auditing_a_primary_or_an_unknown_source_is_refused():
    from ledger import load_ledger
    from ledger.check.primaries import AuditError

    lg = load_ledger(FIXTURE).ledger
    with pytest.raises(AuditError) as refused:
        audit(lg, "paper")
    assert "primary" in str(refused.value) and "blog" in refused.value.hint
    with pytest.raises(AuditError) as unknown:
        audit(lg, "blgo")
    assert "blog" in unknown.value.hint


# ------------------------------------------------------------------ primaries that differ, and the newer rules
# tests/data/readings: the paper gives Model A 51.1 on Bench X where the card gives 50.7, and
# denies the RLHF the card asserts; the blog and the news item speak of both, of a suite, a
# denial, a count, and of "Model G", which the paper scores only as Model G (0125) on Bench G1
# and G4 (Model G itself on G2; two of its members on G3).

READINGS = REPO / "tests" / "data" / "readings" / "claims.yaml"


@pytest.fixture(scope="module")
def readings():
    return conflicts_of(READINGS)


@pytest.fixture(scope="module")
def readings_sheets():
    from ledger import load_ledger

    lg = load_ledger(READINGS).ledger
    return {source: {row.id: row for row in audit(lg, source).rows} for source in ("blog", "news")}


def test_between_primaries_means_two_primaries_in_the_conflict_disagree(readings):
    figures = one(readings, "paper-x-a", "card-x-a", "blog-x-a", rule="C001")
    assert figures.between_primaries and (figures.settled_by, figures.misreports) == ((), ())
    statements = one(readings, "card-rlhf", "paper-no-rlhf", rule="C005")
    assert statements.between_primaries
    itself = one(readings, "paper-z-a", "paper-z-a-appendix", rule="C001")  # a primary against itself
    assert itself.between_primaries and "between primaries (paper)" in itself.message


def test_one_primary_in_the_conflict_while_another_says_otherwise_is_unsettled_not_between(readings):
    c = one(readings, "blog-rlhf", "paper-no-rlhf", rule="C005")
    assert (c.between_primaries, c.settled_by, c.misreports) == (False, (), ())
    assert "between primaries" not in c.message
    assert ('the primaries disagree: card says Model A trained-with-rlhf ("Model A was trained with RLHF", '
            'sources/card.txt:3:1), paper denies it ("Model A was not trained with RLHF", sources/paper.txt:12:1)'
            ) in c.message


def test_primaries_that_differ_but_give_the_same_verdict_settle_it(readings):
    c = one(readings, "blog-x-significantly", rule="C002")
    assert not c.between_primaries
    assert c.misreports == ("blog-x-significantly",)
    assert set(c.settled_by) == {"paper-x-a", "paper-x-b", "card-x-a"}
    assert "Model A 51.1 (paper) vs Model B 59.4 (paper), a gap of -8.3" in c.message
    assert "Model A 50.7 (card) vs Model B 59.4 (paper), a gap of -8.7" in c.message
    assert "on each primary's figures" in c.message


def test_primaries_whose_readings_give_different_verdicts_leave_it_unsettled(readings, readings_sheets):
    c = one(readings, "news-x-slightly", rule="C002")
    assert (c.between_primaries, c.settled_by, c.misreports) == (False, (), ())
    assert "the primaries disagree" in c.message
    assert "on paper's figures it holds" in c.message and "Model A 50.7 (card) vs Model C 51.0 (paper)" in c.message
    row = readings_sheets["news"]["news-x-slightly"]
    assert row.status == "unverified" and set(row.primary) >= {"paper-x-a", "card-x-a", "paper-x-c"}
    # a figure one primary gives and another does not: the primaries disagree on it
    assert readings_sheets["blog"]["blog-x-a"].status == "unverified"
    assert "the primaries disagree" in readings_sheets["blog"]["blog-x-a"].message


@pytest.mark.parametrize("claim, rule, evidence", [
    ("blog-suite", "C007", {"paper-s1-a", "paper-s1-b"}),
    ("news-d-denial", "C008", {"paper-d-a", "paper-d-b"}),
    ("blog-code-all", "C009", {"paper-w-a", "paper-w-b"}),
])
def test_the_newer_rules_are_settled_on_the_primarys_scores(readings, readings_sheets, claim, rule, evidence):
    c = one(readings, claim, rule=rule)
    assert c.misreports == (claim,) and set(c.settled_by) == evidence and not c.between_primaries
    assert "checked against the primary's scores" in c.message
    row = readings_sheets[c.claims[0].split("-")[0]][claim]
    assert row.status == "contradicts" and set(row.primary) == evidence


def test_a_tally_the_primarys_scores_bear_out_agrees(readings_sheets):
    row = readings_sheets["news"]["news-code-tally"]
    assert row.status == "agrees" and set(row.primary) == {"paper-v-a", "paper-v-b", "paper-w-a", "paper-w-b"}


def test_a_model_is_read_as_the_one_member_of_its_family_a_primary_scores(readings, readings_sheets):
    blog, news = readings_sheets["blog"], readings_sheets["news"]
    assert blog["blog-g1-g"].status == "agrees" and blog["blog-g1-g"].primary == ("paper-g1-g0125",)
    assert "read as Model G (0125), the Model G paper scores" in blog["blog-g1-g"].message
    assert news["news-g1-g"].status == "contradicts" and news["news-g1-g"].primary == ("paper-g1-g0125",)
    assert "the primary gives 41.4 for Model G on Bench G1, read as Model G (0125)" in news["news-g1-g"].message
    # the primary scores Model G itself: its own figure, never a member's
    assert blog["blog-g2-g"].status == "partly" and blog["blog-g2-g"].primary[0] == "paper-g2-g"
    # two members scored: which one would be a guess
    assert blog["blog-g3-g"].status == "unverified" and blog["blog-g3-g"].primary == ()
    # settling reads it the same way: two write-ups' Model G figures, the paper's member decides
    c = one(readings, "blog-g1-g", "news-g1-g", rule="C001")
    assert (c.settled_by, c.misreports) == (("paper-g1-g0125",), ("news-g1-g",))
    assert "read as Model G (0125), the Model G paper scores" in c.message
    # and comparisons too: Model A above Model G on Bench G4 holds on the paper's 60.0 vs Model G (0125)'s 40.0
    assert blog["blog-g4-beats"].status == "agrees" and "read as Model G (0125)" in blog["blog-g4-beats"].message
    within = one(readings, "blog-g4-beats", rule="C002")
    assert set(within.misreports) == {"blog-g4-a", "blog-g4-g"}
    assert set(within.settled_by) == {"paper-g4-a", "paper-g4-g0125"}


def test_what_a_primary_says_of_a_family_it_says_of_each_member(readings, readings_sheets):
    c = one(readings, "paper-family-licence", "news-b-no-licence", rule="C005")
    assert (c.settled_by, c.misreports) == (("paper-family-licence",), ("news-b-no-licence",))
    assert "news misreports paper: the primary says Family A a-licence" in c.message
    assert readings_sheets["news"]["news-b-no-licence"].status == "contradicts"


# ------------------------------------------------------------------ a primary that reports no score

def test_a_figure_where_the_primary_has_a_dash_is_judged_by_the_dash(tmp_path):
    """tests/data/dashes: the paper has "–" for Model B on Bench X, "n/a" for Model C on Bench Y.
    The blog's 85.0 for Model B is Model C's cell in the row (partly); its 71.0 for Model C is
    nobody's (contradicts); the blog's own "no score" agrees where the paper has none too, and is
    unverified where the paper gives a figure (leaving a figure out says nothing against it)."""
    from ledger import load_ledger
    from tests.check.rules.test_figure_not_reported import BLOG_SCORES, NONE, PAPER_SCORES, build

    claims = NONE + PAPER_SCORES + BLOG_SCORES + """
- {id: blog-x-b-none, kind: score, source: blog, topic: benchmark, quote: "Model B scores 85.0", model: model-b, benchmark: bench-x, reported: false}
- {id: blog-x-a-none, kind: score, source: blog, topic: benchmark, quote: "Model A scores 88.6", model: model-a, benchmark: bench-x, reported: false}
"""
    lg = load_ledger(build(tmp_path, claims, roles={"paper": "primary"})).ledger
    rows = {row.id: row for row in audit(lg, "blog").rows}
    assert {i: r.status for i, r in rows.items()} == {
        "blog-x-b": "partly", "blog-y-c": "contradicts", "blog-y-b-5": "unverified",
        "blog-x-b-none": "agrees", "blog-x-a-none": "unverified"}
    assert rows["blog-x-b"].primary == ("paper-x-b-none", "paper-x-c") and rows["blog-x-b"].whose == ("paper-x-c",)
    assert rows["blog-x-b"].message.startswith("blog misreports paper: the primary reports no score for Model B on Bench X")
    assert rows["blog-x-b"].message.endswith("85.0 is Model C's score in the same row")
    assert rows["blog-y-c"].primary == ("paper-y-c-none",) and '"n/a"' in rows["blog-y-c"].message
    assert rows["blog-x-a-none"].primary == ("paper-x-a",) and "says nothing against it" in rows["blog-x-a-none"].message
