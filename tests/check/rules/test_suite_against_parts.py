"""C007 suite-against-parts (ledger/check/rules/suite_against_parts.py): a claim about a
benchmark suite checked against the scores of its parts, as its scope says; a part's score
never stands for the suite's."""

from __future__ import annotations

from tests.conftest import build_suite, claim, conflicts_of

TWO = "Model A significantly outperformed its rivals on Suite. Model A leads on Suite. On one of two Suite tasks Model A is higher than all.\n"


def outperformed(objects, scope="all", relation="higher", polarity=True):
    return claim("two-outperformed", "two", "Model A significantly outperformed its rivals on Suite", "comparison",
                 subjects=["model-a"], relation=relation, objects=objects, benchmark="suite", scope=scope,
                 polarity=polarity, words="significantly outperformed")


def test_c007_a_comparison_about_a_suite_broken_by_a_part(tmp_path):
    path = build_suite(tmp_path, outperformed(["model-b", "model-c"]), two=TWO)
    [conflict] = conflicts_of(path, "C007")
    assert conflict.claims == ("two-outperformed", "task-two-model-a", "task-two-model-b")
    assert conflict.message == (
        'Between one and two: two ("Model A significantly outperformed its rivals on Suite") says Model A is '
        "higher than Model B and Model C on Suite (all of its parts), but the scores of its parts say otherwise: "
        "Suite/Two: Model A 60.0 (one) vs Model B 65.0 (one), a gap of -5.")
    assert conflicts_of(path, "C002") == []  # the suite has no score of its own: a part's is not its


def test_c007_the_scope_counts_the_parts(tmp_path):
    """Model A leads Model B on one part of two: not on all, not on most, on some."""
    for scope, found in (("all", 1), ("most", 1), ("some", 0)):
        path = build_suite(tmp_path, outperformed(["model-b"], scope=scope), two=TWO)
        assert len(conflicts_of(path, "C007")) == found, scope


def test_c007_a_comparison_the_parts_bear_out_is_silent(tmp_path):
    assert conflicts_of(build_suite(tmp_path, outperformed(["model-c"]), two=TWO), "C007") == []
    # "significantly": gaps of 20.0 and 10.0 against Model C, at least 3.0 each
    path = build_suite(tmp_path, outperformed(["model-c"], relation="significantly-higher"), two=TWO)
    assert conflicts_of(path, "C007") == []


def test_c007_leaves_a_denial_to_c008(tmp_path):
    assert conflicts_of(build_suite(tmp_path, outperformed(["model-b"], polarity=False), two=TWO), "C007") == []


def test_c007_a_ranking_about_a_suite(tmp_path):
    leads = claim("two-leads", "two", "Model A leads on Suite", "ranking", subjects=["model-a"], rank="first",
                  benchmark="suite", words="leads")
    [conflict] = conflicts_of(build_suite(tmp_path, leads, two=TWO), "C007")
    assert conflict.message == (
        'Between one and two: two ("Model A leads on Suite") ranks Model A first on Suite (all of its parts), '
        "but on Suite/Two Model B scores 65.0 (one), above Model A 60.0 (one).")
    some = leads.replace("words: leads", "words: leads, scope: some")
    assert conflicts_of(build_suite(tmp_path, some, two=TWO), "C007") == []


def test_c007_a_tally_over_a_suite_counts_its_parts(tmp_path):
    def tally(count):
        return claim("two-tally", "two", "On one of two Suite tasks Model A is higher than all", "tally",
                     subject="model-a", relation="higher", benchmarks=["suite"], count=count, total=2)

    assert conflicts_of(build_suite(tmp_path, tally(1), two=TWO), "C007") == []
    wrong = tally(1).replace("On one of two", "On two of two").replace("count: 1", "count: 2")
    [conflict] = conflicts_of(build_suite(tmp_path, wrong, two=TWO.replace("On one of two", "On two of two")), "C007")
    assert conflict.message.startswith(
        'Between one and two: two ("On two of two Suite tasks Model A is higher than all") says Model A is higher '
        "than all competitors on 2 of the 2 parts of Suite, but the scores give 1 of 2: Suite/One yes")


def test_c007_a_ranking_about_a_suite_judged_under_its_own_setting(tmp_path):
    """Two ranks Model A first on Suite from its own 0-shot figures; three's 5-shot figures
    put Model B above it on Suite/Two, another measurement."""
    from tests.conftest import SUITE_ENTITIES, build_ledger, score
    two = ("Suite/One: Model A (0-shot) 80.0, Model B (0-shot) 70.0. Suite/Two: Model A (0-shot) 60.0, "
           "Model B (0-shot) 50.0. Model A leads on Suite.\n")
    three = "Suite/Two: Model A (5-shot) 55.0, Model B (5-shot) 65.0.\n"
    claims = "".join(score(f"{src}-{task}-{model}", src, f"Model {model.upper()} ({shots}-shot) {value}",
                           f"model-{model}", value, task, setting=f"{{shots: {shots}}}")
                     for src, shots, task, model, value in (
                         ("two", 0, "task-one", "a", "80.0"), ("two", 0, "task-one", "b", "70.0"),
                         ("two", 0, "task-two", "a", "60.0"), ("two", 0, "task-two", "b", "50.0"),
                         ("three", 5, "task-two", "a", "55.0"), ("three", 5, "task-two", "b", "65.0")))
    claims += claim("two-leads", "two", "Model A leads on Suite", "ranking", subjects=["model-a"], rank="first",
                    benchmark="suite", words="leads")
    path = build_ledger(tmp_path, claims, sources={"two": two, "three": three}, entities=SUITE_ENTITIES)
    assert conflicts_of(path, "C007") == []
    path.write_text(path.read_text().replace("setting: {shots: 5}", "setting: {shots: 0}")
                    .replace("(5-shot)", "(0-shot)"))
    (tmp_path / "sources" / "three.txt").write_text(three.replace("5-shot", "0-shot"))
    from tests.conftest import sha
    path.write_text(path.read_text().replace(sha(three), sha(three.replace("5-shot", "0-shot"))))
    [conflict] = conflicts_of(path, "C007")
    assert "on Suite/Two Model B scores 65.0 (three), above Model A 60.0 (two)" in conflict.message
