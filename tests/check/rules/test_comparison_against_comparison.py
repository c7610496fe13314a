"""C003 comparison-against-comparison (ledger/check/rules/comparison_against_comparison.py):
claims that order the same pair oppositely, grouped by side."""

from __future__ import annotations

from tests.conftest import build_family, build_ledger, conflicts_of


def test_c003_claims_on_one_side_are_grouped(tmp_path):
    text = "Model A beats Model B on Bench X. Model A leads Model B on Bench X. Model B beats Model A on Bench X.\n"
    claims = """
- {id: a-1, kind: comparison, source: one, topic: benchmark, quote: "Model A beats Model B on Bench X", subjects: [model-a], relation: higher, objects: [model-b], benchmark: bench-x}
- {id: a-2, kind: comparison, source: one, topic: benchmark, quote: "Model A leads Model B on Bench X", subjects: [model-a], relation: higher, objects: [model-b], benchmark: bench-x}
- {id: b-1, kind: comparison, source: one, topic: benchmark, quote: "Model B beats Model A on Bench X", subjects: [model-b], relation: higher, objects: [model-a], benchmark: bench-x}
"""
    path = build_ledger(tmp_path, claims, sources={"one": text})
    [conflict] = conflicts_of(path, "C003")
    assert set(conflict.claims) == {"a-1", "a-2", "b-1"}
    assert "one (a-1) and one (a-2) put Model A above Model B" in conflict.message
    assert "one (b-1) puts Model B above Model A" in conflict.message


# ---------------------------------------------------------------- overall and within (issue 17)

OVERALL_A = ('\n- {id: a-over-b, kind: comparison, source: one, topic: benchmark, quote: "Model A is higher than '
             'Model B overall", subjects: [model-a], relation: higher, objects: [model-b], overall: true}\n')
OVERALL_B = ('\n- {id: b-over-a, kind: comparison, source: one, topic: benchmark, quote: "Model B is higher than '
             'Model A overall", subjects: [model-b], relation: higher, objects: [model-a], overall: true}\n')
SMALL_ON_X = ('\n- {id: small-over-a, kind: comparison, source: one, topic: benchmark, quote: "Model A Small is '
              'higher than Model A on Bench X", subjects: [model-a-small], relation: higher, objects: [model-a], '
              'benchmark: bench-x}\n')


def within(cid="a-first-in-family", subject="model-a", quote="Model A is the most powerful of the Family A models"):
    return (f'\n- {{id: {cid}, kind: ranking, source: one, topic: benchmark, quote: "{quote}", '
            f'subjects: [{subject}], rank: first, overall: true, within: family-a}}\n')


def test_c003_two_overall_claims_in_opposite_orders(tmp_path):
    [conflict] = conflicts_of(build_family(tmp_path, OVERALL_A + OVERALL_B), "C003")
    assert conflict.message == ("Within one: on all benchmarks, one (a-over-b) puts Model A above Model B, while "
                                "one (b-over-a) puts Model B above Model A.")


def test_c003_an_overall_claim_speaks_of_each_benchmark(tmp_path):
    b_on_y = OVERALL_B.replace("overall: true", "benchmark: bench-y").replace("b-over-a", "b-over-a-on-y")
    b_on_y = b_on_y.replace("Model B is higher than Model A overall", "Model B is higher than Model A")
    [conflict] = conflicts_of(build_family(tmp_path, OVERALL_A + b_on_y), "C003")
    assert conflict.message.startswith("Within one: on Bench Y,")
    scoped = OVERALL_A.replace("overall: true", "overall: true, scope: most")
    assert conflicts_of(build_family(tmp_path, scoped + b_on_y), "C003") == []  # "most": not each one


def test_c003_a_ranking_within_a_family_orders_its_members(tmp_path):
    [conflict] = conflicts_of(build_family(tmp_path, within() + SMALL_ON_X), "C003")
    assert set(conflict.claims) == {"a-first-in-family", "small-over-a"}
    assert "puts Model A above Model A Small" in conflict.message
    outsider = SMALL_ON_X.replace("[model-a-small]", "[model-b]").replace("Model A Small is", "Model B is")
    path = build_family(tmp_path, within() + outsider.replace('"Model B is higher than Model A on Bench X"',
                                                              '"Model B 85.0"'))
    assert conflicts_of(path, "C003") == []  # Model B is no member: the ranking says nothing of it
