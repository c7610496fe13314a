"""C002 words-against-figures (ledger/check/rules/words_against_figures.py): a comparison
that the compared models' scores contradict.

A test whose docstring names a mutation kills one the rest of the suite lets survive: it was
checked by applying the mutation to ``ledger/`` by hand, seeing the test fail, and reverting it."""

from __future__ import annotations

from tests.conftest import ON_PAR, build_family, build_ledger, conflicts_of, score


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


# ---------------------------------------------------------------- scope "most" at exactly half

FOUR_CODE_BENCHES = """\
entities:
  - {id: model-a, kind: model, name: Model A, aliases: [Model A]}
  - {id: model-b, kind: model, name: Model B, aliases: [Model B]}
  - {id: b1, kind: benchmark, name: B1, category: code, metric: accuracy, unit: "%"}
  - {id: b2, kind: benchmark, name: B2, category: code, metric: accuracy, unit: "%"}
  - {id: b3, kind: benchmark, name: B3, category: code, metric: accuracy, unit: "%"}
  - {id: b4, kind: benchmark, name: B4, category: code, metric: accuracy, unit: "%"}
"""


def _most_ledger(tmp_path, wins: int, unscored: int | None = None):
    """Model A higher than Model B on the first ``wins`` of the four code benchmarks, lower on
    the rest, and a claim that Model A is higher on most of them. Model B has no score on
    benchmark ``unscored``, which is then not tested."""
    sentences, claims = [], ""
    for n in range(1, 5):
        a, b = ("60.0", "50.0") if n <= wins else ("50.0", "60.0")
        sentences.append(f"Model A scores {a} on B{n}.")
        claims += score(f"a{n}", "one", f"Model A scores {a} on B{n}", "model-a", a, f"b{n}")
        if n != unscored:
            sentences.append(f"Model B scores {b} on B{n}.")
            claims += score(f"b{n}", "one", f"Model B scores {b} on B{n}", "model-b", b, f"b{n}")
    sentences.append("Model A beats Model B on most coding benchmarks.")
    claims += ('\n- {id: most, kind: comparison, source: one, topic: benchmark, '
               'quote: "Model A beats Model B on most coding benchmarks", subjects: [model-a], '
               'relation: higher, objects: [model-b], category: code, scope: most}\n')
    return build_ledger(tmp_path, claims, sources={"one": " ".join(sentences) + "\n"},
                        entities=FOUR_CODE_BENCHES)


def test_c002_most_is_broken_when_it_holds_on_exactly_half(tmp_path):
    """"most" of 4 needs 3: holding on exactly 2 is a conflict (the rule reports when it holds
    on at most half). Guards against ``held >= tested / 2`` (or ``held > tested // 2 - 1`` and
    the like), which would accept exactly half."""
    [conflict] = conflicts_of(_most_ledger(tmp_path, wins=2), "C002")
    assert conflict.claims[0] == "most"
    assert "(most of them)" in conflict.message
    assert "B3" in conflict.message and "B4" in conflict.message


def test_c002_most_holds_on_half_plus_one(tmp_path):
    """Holding on 3 of 4 is "most": silent, though one benchmark breaks the relation. Guards
    against ``held > tested / 2 + 1`` / ``held >= tested`` (treating most as all) and the like."""
    assert conflicts_of(_most_ledger(tmp_path, wins=3), "C002") == []


def test_c002_most_counts_only_the_benchmarks_tested(tmp_path):
    """Only benchmarks with scores for both sides count: 2 wins of 3 tested (Model B has no
    score on B4) is most (2 > 1.5); 1 win of 3 tested is not."""
    assert conflicts_of(_most_ledger(tmp_path, wins=2, unscored=4), "C002") == []
    assert len(conflicts_of(_most_ledger(tmp_path, wins=1, unscored=4), "C002")) == 1


# ---------------------------------------------------------------- overall (issue 17)

def _overall(scope="all", relation="higher", target="overall: true"):
    return ('\n- {id: a-over-b, kind: comparison, source: one, topic: benchmark, quote: "Model A is higher than '
            f'Model B overall", subjects: [model-a], relation: {relation}, objects: [model-b], {target}, '
            f'scope: {scope}}}\n')


def test_c002_overall_reaches_every_benchmark_with_scores(tmp_path):
    """A category comparison on code holds (Bench Z only); overall, Bench Y breaks it."""
    assert conflicts_of(build_family(tmp_path, _overall(target="category: code")), "C002") == []
    [conflict] = conflicts_of(build_family(tmp_path, _overall()), "C002")
    assert conflict.message == (
        "Within one: the comparison says Model A is higher than Model B on all benchmarks (all of them), but the "
        "scores say otherwise: Bench Y: Model A 70.0 (one) vs Model B 75.0 (one), a gap of -5.")
    assert conflict.claims == ("a-over-b", "bench-y-model-a", "bench-y-model-b")


def test_c002_overall_with_scope_most_or_some(tmp_path):
    """Overall, Model A is higher on two benchmarks of three: true of most and of some; lower
    on one of three: false of most, true of some."""
    assert conflicts_of(build_family(tmp_path, _overall("most")), "C002") == []
    assert conflicts_of(build_family(tmp_path, _overall("some")), "C002") == []
    assert len(conflicts_of(build_family(tmp_path, _overall("most", "lower")), "C002")) == 1
    assert conflicts_of(build_family(tmp_path, _overall("some", "lower")), "C002") == []


def test_c002_compares_only_scores_under_comparable_settings(tmp_path):
    # a paper gives Model A 5-shot and 0-shot, CoT figures; a write-up's 0-shot, CoT comparison is
    # checked against the 0-shot, CoT figures only (a 5-shot against a CoT figure is C006's note)
    text = ("Bench X (5-shot): Model A 60.0. Bench X (0-shot, CoT): Model A 90.0, Model B 80.0 (0-shot, CoT). "
            "On Bench X (0-shot, CoT) Model A outperforms Model B.\n")
    claims = score("a5", "one", "Bench X (5-shot): Model A 60.0", "model-a", "60.0", setting="{shots: 5}") + \
        score("a0", "one", "Bench X (0-shot, CoT): Model A 90.0", "model-a", "90.0", setting="{shots: 0, cot: true}") + \
        score("b0", "one", "Model B 80.0 (0-shot, CoT)", "model-b", "80.0", setting="{shots: 0, cot: true}") + """
- {id: outp, kind: comparison, source: one, topic: benchmark, quote: "Model A outperforms Model B", subjects: [model-a], relation: higher, objects: [model-b], benchmark: bench-x}
"""
    path = build_ledger(tmp_path, claims, sources={"one": text})
    assert conflicts_of(path, "C002") == []
    # without settings the 5-shot 60.0 breaks "outperforms"
    path.write_text(path.read_text().replace("setting: {shots: 5}", "setting: {}"))
    [conflict] = conflicts_of(path, "C002")
    assert "60.0" in conflict.message and "90.0" not in conflict.message
