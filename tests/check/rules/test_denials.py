"""C008 denial (ledger/check/rules/denials.py): a denied comparison or ranking against the same
claim asserted, and against scores that make the claim true."""

from __future__ import annotations

from tests.conftest import SUITE_ENTITIES, SUITE_TEXT, SUITE_VOCABULARY, build_ledger, build_suite, claim, \
    conflicts_of, suite_scores

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


# ------------------------------------------------------------------ a denial against an assertion of the other kind
#
# "Not the leader" (a denied first rank) against "higher than all of them" (an asserted comparison,
# scope all): higher than every competitor on every benchmark is first on every one. "Is not at
# least on par with" (a denied comparison) against "ranks first": a first rank puts the subject at
# or above each competitor. A first rank allows ties, so it does not imply "higher".

DENIES = ("Model A is not yet the leader in long context. Model A is not the leader in long context. "
          "Model A is not at least on par with Model B on long-context tasks. "
          "Model A does not outperform Model B on long-context tasks.\n")
ASSERTS = ("Model A outperforms Model B and Model C in long-context tasks. Model A outperforms Model B in "
           "long-context tasks. Model A is at least on par with Model B and Model C in long-context tasks. "
           "Model A leads in long-context tasks.\n")


def not_leader(hedged=True, **fields):
    if hedged:
        return claim("two-not-yet-leader", "two", "Model A is not yet the leader in long context", "ranking",
                     subjects=["model-a"], rank="first", capability="long-ctx", scope="all", polarity=False,
                     qualifiers=["not-yet"], **fields)
    return claim("two-not-leader", "two", "Model A is not the leader in long context", "ranking",
                 subjects=["model-a"], rank="first", capability="long-ctx", scope="all", polarity=False, **fields)


def outperforms(objects=("model-b", "model-c"), relation="higher", scope="all", source="three",
                quote="Model A outperforms Model B and Model C in long-context tasks"):
    return claim(f"{source}-outperforms", source, quote, "comparison", subjects=["model-a"], relation=relation,
                 objects=list(objects), category="long-context", scope=scope)


def test_c008_a_denied_first_rank_against_higher_than_every_competitor(tmp_path):
    """Source three scores nothing there: the competitors are every model the ledger scores there."""
    path = build_suite(tmp_path, not_leader(hedged=False) + outperforms(), two=DENIES, three=ASSERTS)
    [conflict] = conflicts_of(path, "C008")
    assert conflict.claims == ("two-not-leader", "three-outperforms")
    assert conflict.severity is None or conflict.severity.value == "error"
    assert conflict.message == (
        'Between three and two: two ("Model A is not the leader in long context") denies that Model A ranks first '
        'on long context benchmarks (all of them), while three ("Model A outperforms Model B and Model C in '
        'long-context tasks") says Model A is higher than Model B and Model C on every one of the long-context '
        "benchmarks, above all its competitors there (Model B and Model C, every model the ledger scores there): "
        "first on each.")
    # hedged ("not yet"): the same conflict, a warning
    [hedged] = conflicts_of(build_suite(tmp_path, not_leader() + outperforms(), two=DENIES, three=ASSERTS), "C008")
    assert hedged.severity.value == "warning" and "denies (not yet) that" in hedged.message
    assert hedged.message.endswith("The qualifiers differ.")


def test_c008_not_when_a_competitor_is_left_out_or_the_claim_is_weaker(tmp_path):
    quote = "Model A outperforms Model B in long-context tasks"
    # Model C is scored there and may lead
    assert conflicts_of(build_suite(tmp_path, not_leader() + outperforms(("model-b",), quote=quote),
                                    two=DENIES, three=ASSERTS), "C008") == []
    # higher on most benchmarks only, or at least on par (a tie leaves "not the leader" true)
    assert conflicts_of(build_suite(tmp_path, not_leader() + outperforms(scope="most"), two=DENIES, three=ASSERTS),
                        "C008") == []
    at_least = outperforms(relation="at-least",
                           quote="Model A is at least on par with Model B and Model C in long-context tasks")
    assert conflicts_of(build_suite(tmp_path, not_leader() + at_least, two=DENIES, three=ASSERTS), "C008") == []
    # but a denial among Model A and Model B only is met by "higher than Model B"
    among = not_leader(among=["model-a", "model-b"])
    [conflict] = conflicts_of(build_suite(tmp_path, among + outperforms(("model-b",), quote=quote),
                                          two=DENIES, three=ASSERTS), "C008")
    assert "above all its competitors there (Model B, as two names them)" in conflict.message


def test_c008_the_competitors_taken_are_those_the_asserting_source_scores(tmp_path):
    """Source four scores a Model D on Bench N. Source one, which asserts the lead, scores Model B and
    Model C there: its lead over them is a first rank in its own table, whoever else another source
    scores. An assertion from a source with no table there must cover every model scored there."""
    entities = SUITE_ENTITIES + "  - {id: model-d, kind: model, name: Model D}\n"
    four = "Bench N: Model D 40.0.\n"
    d_score = claim("bench-n-model-d", "four", "Model D 40.0", "score", model="model-d", benchmark="bench-n",
                    value='"40.0"')

    def conflicts(claims, **texts):
        sources = {"one": SUITE_TEXT + ASSERTS, "four": four, **texts}
        return conflicts_of(build_ledger(tmp_path, suite_scores() + d_score + claims, sources=sources,
                                         entities=entities, vocabulary=SUITE_VOCABULARY), "C008")

    [conflict] = conflicts(not_leader() + outperforms(source="one"), two=DENIES)
    assert conflict.claims == ("two-not-yet-leader", "one-outperforms")
    assert "(Model B and Model C, every model one scores there)" in conflict.message
    assert conflicts(not_leader() + outperforms(), two=DENIES, three=ASSERTS) == []


def test_c008_a_denied_comparison_against_a_first_rank_asserted(tmp_path):
    leads = claim("three-leads", "three", "Model A leads in long-context tasks", "ranking", subjects=["model-a"],
                  rank="first", category="long-context", scope="all")
    not_on_par = claim("two-not-on-par", "two", "Model A is not at least on par with Model B on long-context tasks",
                       "comparison", subjects=["model-a"], relation="at-least", objects=["model-b"],
                       category="long-context", scope="all", polarity=False)
    [conflict] = conflicts_of(build_suite(tmp_path, not_on_par + leads, two=DENIES, three=ASSERTS), "C008")
    assert conflict.claims == ("two-not-on-par", "three-leads")
    assert conflict.message == (
        'Between three and two: two ("Model A is not at least on par with Model B on long-context tasks") denies '
        "that Model A is at least on par with Model B on long-context benchmarks (all of them), while three "
        '("Model A leads in long-context tasks") says Model A ranks first on long-context benchmarks (all of them), '
        "among competitors that include Model B: at or above it on each.")
    # "does not outperform": a first rank allows a tie, which leaves it true
    not_higher = claim("two-not-higher", "two", "Model A does not outperform Model B on long-context tasks",
                       "comparison", subjects=["model-a"], relation="higher", objects=["model-b"],
                       category="long-context", scope="all", polarity=False)
    assert conflicts_of(build_suite(tmp_path, not_higher + leads, two=DENIES, three=ASSERTS), "C008") == []


def test_c008_a_cross_kind_denial_id_is_stable(tmp_path):
    path = build_suite(tmp_path, not_leader() + outperforms(), two=DENIES, three=ASSERTS)
    first = conflicts_of(path, "C008")[0].id
    assert conflicts_of(path, "C008")[0].id == first and first.startswith("C008-")


def test_c008_a_denied_rank_the_scores_make_true_under_each_setting(tmp_path):
    """Model A leads Bench N under 0-shot (one) and under 5-shot (three): the 5-shot 95.0 of
    Model B is no measure to set against the 0-shot 90.0 of Model A."""
    from tests.conftest import SUITE_ENTITIES, build_ledger, score
    one = "Bench N: Model A (0-shot) 90.0, Model B (0-shot) 85.0.\n"
    three = "Bench N: Model A (5-shot) 99.0, Model B (5-shot) 95.0.\n"
    claims = "".join(score(f"{src}-{model}", src, f"Model {model.upper()} ({shots}-shot) {value}", f"model-{model}",
                           value, "bench-n", setting=f"{{shots: {shots}}}")
                     for src, shots, model, value in (("one", 0, "a", "90.0"), ("one", 0, "b", "85.0"),
                                                      ("three", 5, "a", "99.0"), ("three", 5, "b", "95.0")))
    claims += claim("two-not-leader", "two", "Model A is not the leader on Bench N", "ranking", subjects=["model-a"],
                    rank="first", benchmark="bench-n", polarity=False)
    path = build_ledger(tmp_path, claims, sources={"one": one, "two": "Model A is not the leader on Bench N.\n",
                                                   "three": three}, entities=SUITE_ENTITIES)
    [conflict] = conflicts_of(path, "C008")
    assert conflict.message.endswith(
        "but the scores make it true: Bench N (0-shot): Model A 90.0 (one), above Model B 85.0 (one); "
        "Bench N (5-shot): Model A 99.0 (three), above Model B 95.0 (three).")
