"""C009 universal-against-counted (ledger/check/rules/universal_against_counted.py): a universal
comparison against a tally over the same set, two tallies whose counts cannot both hold, and a
tally whose total is not the number of the set's benchmarks its own source scores."""

from __future__ import annotations

from ledger.core.diagnostics import Severity
from tests.conftest import SUITE_ENTITIES, SUITE_TEXT, SUITE_VOCABULARY, build_ledger, build_suite, claim, \
    conflicts_of, suite_scores

TWO = "Model A outperforms Model B and Model C on long-context tasks.\n"
THREE = ("On two of three long-context benchmarks Model A is higher than all competitors. "
         "On one of three it is higher. On two of three it is lower. On one of three it is significantly higher.\n")


def universal(objects=("model-b", "model-c"), scope="all"):
    return claim("two-outperforms", "two", "Model A outperforms Model B and Model C on long-context tasks",
                 "comparison", subjects=["model-a"], relation="higher", objects=list(objects), category="long-context",
                 scope=scope, words="outperforms")


def tally(cid="three-two-of-three", quote="On two of three long-context benchmarks Model A is higher than all competitors",
          count=2, relation="higher", source="three", total=3, **target):
    target = target or {"capability": "long-ctx"}
    return claim(cid, source, quote, "tally", subject="model-a", relation=relation, count=count, total=total, **target)


def test_c009_a_universal_comparison_against_a_count_below_its_total(tmp_path):
    path = build_suite(tmp_path, universal() + tally(), two=TWO, three=THREE)
    [conflict] = conflicts_of(path, "C009")
    assert conflict.claims == ("two-outperforms", "three-two-of-three")
    assert conflict.message == (
        'Between three and two: two ("Model A outperforms Model B and Model C on long-context tasks") says Model A '
        "is higher than Model B and Model C on every one of the long-context benchmarks, while three (\"On two of "
        "three long-context benchmarks Model A is higher than all competitors\") counts 2 of 3 where it is higher "
        "than all competitors (Model B and Model C, every model scored there).")


def test_c009_not_when_the_count_may_fall_on_a_model_not_compared(tmp_path):
    """Model C is scored there: the benchmark where Model A is not first may be Model C's."""
    assert conflicts_of(build_suite(tmp_path, universal(objects=("model-b",)) + tally(), two=TWO, three=THREE),
                        "C009") == []


def test_c009_not_against_a_claim_about_most_or_a_full_count(tmp_path):
    assert conflicts_of(build_suite(tmp_path, universal(scope="most") + tally(), two=TWO, three=THREE), "C009") == []
    full = tally(quote="On two of three long-context benchmarks", count=3, total=3).replace(
        '"On two of three long-context benchmarks"', '"three long-context benchmarks Model A is higher than all"')
    assert conflicts_of(build_suite(tmp_path, universal() + full, two=TWO, three=THREE), "C009") == []


def test_c009_two_tallies_over_one_set_that_cannot_both_hold(tmp_path):
    one = tally("three-one-of-three", "On one of three it is higher", count=1)
    [conflict] = conflicts_of(build_suite(tmp_path, tally() + one, three=THREE), "C009")
    assert conflict.claims == ("three-two-of-three", "three-one-of-three")
    assert conflict.message.endswith("counts 2 of 3 where Model A is higher than all competitors, and three (\"On one "
                                     "of three it is higher\") counts 1 of 3: both cannot hold.")
    lower = tally("three-lower", "On two of three it is lower", count=2, relation="lower")
    [conflict] = conflicts_of(build_suite(tmp_path, tally() + lower, three=THREE), "C009")
    assert "higher on 2 and lower on 2 of the same 3" in conflict.message
    # "significantly higher" on one, "higher" on two: the one can be among the two
    significantly = tally("three-significantly", "On one of three it is significantly higher", count=1,
                          relation="significantly-higher")
    assert conflicts_of(build_suite(tmp_path, tally() + significantly, three=THREE), "C009") == []


def test_c009_a_total_that_is_not_the_number_of_benchmarks_the_source_scores(tmp_path):
    """Source one scores Model A on the three long-context benchmarks (Suite read as its parts)."""
    text = "On two of three long-context benchmarks Model A is higher. On two of four it is higher. On one of two.\n"
    three = tally("one-tally", "On two of three long-context benchmarks Model A is higher", source="one", total=3)

    def conflicts(claims):
        path = build_ledger(tmp_path, suite_scores() + claims, sources={"one": SUITE_TEXT + text},
                            entities=SUITE_ENTITIES, vocabulary=SUITE_VOCABULARY)
        return conflicts_of(path, "C009")

    assert conflicts(three) == []
    # fewer listed than counted: a warning, for the source may count benchmarks it does not list
    [fewer_listed] = conflicts(tally("one-tally", "On two of four it is higher", source="one", total=4))
    assert fewer_listed.severity is Severity.WARNING
    assert fewer_listed.claims == ("one-tally", "task-one-model-a", "task-two-model-a", "bench-n-model-a")
    assert fewer_listed.message == ('Within one: one ("On two of four it is higher") counts 2 of 4 long context '
                                    "benchmarks, but one scores Model A on only 3 of them: Suite/One, Suite/Two and "
                                    "Bench N (it may count benchmarks it does not list).")
    # a tally that names its benchmarks, as many as its total, is not short of a list: it is one
    named = tally("one-tally", "On two of four it is higher", source="one", total=4,
                  benchmarks=["task-one", "task-two", "bench-n", "bench-x"])
    assert conflicts(named) == []
    # named, but fewer than its total: the warning again
    [short] = conflicts(tally("one-tally", "On two of four it is higher", source="one", total=4,
                              benchmarks=["suite", "bench-n"]))
    assert short.severity is Severity.WARNING
    [more_listed] = conflicts(tally("one-tally", "On one of two", source="one", count=1, total=2))
    assert more_listed.severity is Severity.ERROR
    assert more_listed.claims == ("one-tally", "task-one-model-a", "task-two-model-a", "bench-n-model-a")
    assert more_listed.message == ('Within one: one ("On one of two") counts 1 of 2 long context benchmarks, '
                                   "but one scores Model A on 3 of them: Suite/One, Suite/Two and Bench N.")
    # a source that scores none of the set (its table is an image) says nothing against its total
    assert conflicts_of(build_suite(tmp_path, tally(), three=THREE), "C009") == []


def test_c009_an_implied_relation_counted_less_and_repeated_tallies_grouped(tmp_path):
    text = THREE + "On two of three it is significantly higher. Again, on one of three it is higher.\n"
    significantly = tally("three-significantly-two", "On two of three it is significantly higher", count=2,
                          relation="significantly-higher")
    one = tally("three-one-of-three", "On one of three it is higher", count=1)
    again = tally("three-again", "Again, on one of three it is higher", count=1)
    [conflict] = conflicts_of(build_suite(tmp_path, significantly + one + again, three=text), "C009")
    assert conflict.claims == ("three-significantly-two", "three-one-of-three", "three-again")
    assert "count only 1 of 3 where it is higher than all competitors, which the first implies" in conflict.message
