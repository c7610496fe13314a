"""C008 denial (ledger/check/rules/denials.py): a denied comparison or ranking against the same
claim asserted, and against scores that make the claim true."""

from __future__ import annotations

from tests.conftest import build_suite, claim, conflicts_of

TWO = ("Model A does not consistently outperform Model B on long-context tasks. "
       "Model A is not yet the leader in long context. Model A is not the leader on Bench N. "
       "Model A does not outperform Model C on Suite.\n")
THREE = "Model A outperforms Model B in long-context tasks. Model A leads in long-context tasks.\n"


def denied_comparison(objects=("model-b",), **target):
    target = target or {"category": "long-context"}
    return claim("two-not-consistently", "two", "Model A does not consistently outperform Model B on long-context tasks",
                 "comparison", subjects=["model-a"], relation="higher", objects=list(objects), polarity=False,
                 words="does not consistently outperform", **target)


def asserted_comparison(scope="all"):
    return claim("three-outperforms", "three", "Model A outperforms Model B in long-context tasks", "comparison",
                 subjects=["model-a"], relation="higher", objects=["model-b"], capability="long-ctx", scope=scope,
                 words="outperforms")


def test_c008_a_denial_against_the_same_comparison_asserted(tmp_path):
    """The category and the capability of its benchmarks are one set; scope all denied, all asserted."""
    path = build_suite(tmp_path, denied_comparison() + asserted_comparison(), two=TWO, three=THREE)
    [conflict] = conflicts_of(path, "C008")
    assert conflict.claims == ("two-not-consistently", "three-outperforms")
    assert conflict.message == (
        'Between three and two: two ("Model A does not consistently outperform Model B on long-context tasks") '
        "denies that Model A is higher than Model B on long-context benchmarks (all of them), while three "
        '("Model A outperforms Model B in long-context tasks") asserts it on long context benchmarks (all of them).')


def test_c008_denying_all_is_no_contradiction_of_asserting_most(tmp_path):
    path = build_suite(tmp_path, denied_comparison() + asserted_comparison(scope="most"), two=TWO, three=THREE)
    assert conflicts_of(path, "C008") == []


def test_c008_a_denial_the_scores_make_false(tmp_path):
    """Model A scores above Model C on both parts of Suite: "does not outperform" is contradicted."""
    denial = denied_comparison(objects=("model-c",), benchmark="suite").replace(
        "Model A does not consistently outperform Model B on long-context tasks", "Model A does not outperform Model C on Suite")
    [conflict] = conflicts_of(build_suite(tmp_path, denial, two=TWO), "C008")
    assert conflict.claims == ("two-not-consistently", "task-one-model-a", "task-one-model-c", "task-two-model-a",
                               "task-two-model-c")
    assert conflict.message == (
        'Between one and two: two ("Model A does not outperform Model C on Suite") denies that Model A is higher '
        "than Model C on Suite (all of its parts), but the scores make it true: Suite/One: Model A 80.0 (one) vs "
        "Model C 60.0 (one); Suite/Two: Model A 60.0 (one) vs Model C 50.0 (one).")


def test_c008_a_denial_some_scores_bear_out_is_silent(tmp_path):
    # Model A is below Model B on Suite/Two: it does not outperform it on all of Suite
    assert conflicts_of(build_suite(tmp_path, denied_comparison(benchmark="suite"), two=TWO), "C008") == []
    # Model C has no score on Bench N: nothing proves Model A above it on every long-context benchmark
    assert conflicts_of(build_suite(tmp_path, denied_comparison(objects=("model-c",)), two=TWO), "C008") == []


def test_c008_a_denied_rank_the_scores_make_true(tmp_path):
    denial = claim("two-not-leader", "two", "Model A is not the leader on Bench N", "ranking", subjects=["model-a"],
                   rank="first", benchmark="bench-n", polarity=False)
    [conflict] = conflicts_of(build_suite(tmp_path, denial, two=TWO), "C008")
    assert conflict.message == (
        'Between one and two: two ("Model A is not the leader on Bench N") denies that Model A ranks first on '
        "Bench N, but the scores make it true: Bench N: Model A 90.0 (one), above Model B 85.0 (one).")
    # not first on Suite/Two: the denial over the whole category holds
    category = denial.replace("benchmark: bench-n", "category: long-context")
    assert conflicts_of(build_suite(tmp_path, category, two=TWO), "C008") == []


def test_c008_a_denied_rank_against_the_rank_asserted_with_a_hedge(tmp_path):
    denial = claim("two-not-yet-leader", "two", "Model A is not yet the leader in long context", "ranking",
                   subjects=["model-a"], rank="first", capability="long-ctx", polarity=False, qualifiers=["not-yet"])
    leads = claim("three-leads", "three", "Model A leads in long-context tasks", "ranking", subjects=["model-a"],
                  rank="first", category="long-context", words="leads")
    [conflict] = conflicts_of(build_suite(tmp_path, denial + leads, two=TWO, three=THREE), "C008")
    assert conflict.claims == ("two-not-yet-leader", "three-leads")
    assert "denies (not yet) that Model A ranks first on long context benchmarks" in conflict.message
    # the same source, another ranking among fewer models: still the claim it denies
    fewer = leads.replace('words: leads', 'words: leads, among: [model-a, model-b, model-c]')
    assert len(conflicts_of(build_suite(tmp_path, denial + fewer, two=TWO, three=THREE), "C008")) == 1
    among = denial.replace("qualifiers: [not-yet]", "qualifiers: [not-yet], among: [model-a, model-b]")
    assert len(conflicts_of(build_suite(tmp_path, among + leads, two=TWO, three=THREE), "C008")) == 1
    # a denial among models the assertion does not rank among is another claim
    assert conflicts_of(build_suite(tmp_path, among + fewer.replace("model-b, model-c", "model-c"), two=TWO,
                                    three=THREE), "C008") == []


def test_c008_a_denial_ids_are_stable(tmp_path):
    path = build_suite(tmp_path, denied_comparison() + asserted_comparison(), two=TWO, three=THREE)
    first = conflicts_of(path, "C008")[0].id
    assert conflicts_of(path, "C008")[0].id == first and first.startswith("C008-")
