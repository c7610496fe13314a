"""C010 figure-not-reported (ledger/check/rules/figure_not_reported.py): a figure for a model on a
benchmark that another source says it reports no score for (``reported: false``: a dash in its
table, or its words). The fixture tests/data/dashes: a paper whose table has a dash for Model B
on Bench X and "n/a" for Model C on Bench Y, and a blog that gives both a figure anyway (Model
B's 85.0 is Model C's cell in the paper's row)."""

from __future__ import annotations

from ledger.core.diagnostics import Severity
from tests.conftest import REPO, build_ledger, conflicts_of, position_of

DATA = REPO / "tests" / "data" / "dashes"
PAPER = (DATA / "paper.md").read_bytes().decode("utf-8")
BLOG = (DATA / "blog.txt").read_bytes().decode("utf-8")

NONE = """
- {id: paper-x-b-none, kind: score, source: paper, topic: benchmark, cell: {row: Bench X, column: Model B}, model: model-b, benchmark: bench-x, reported: false}
- {id: paper-y-c-none, kind: score, source: paper, topic: benchmark, cell: {row: Bench Y (0-shot), column: Model C}, model: model-c, benchmark: bench-y, setting: {shots: 0}, reported: false}
"""
PAPER_SCORES = """
- {id: paper-x-a, kind: score, source: paper, topic: benchmark, cell: {row: Bench X, column: Model A}, model: model-a, benchmark: bench-x, value: 88.6}
- {id: paper-x-c, kind: score, source: paper, topic: benchmark, cell: {row: Bench X, column: Model C}, model: model-c, benchmark: bench-x, value: "85.0"}
"""
BLOG_SCORES = """
- {id: blog-x-b, kind: score, source: blog, topic: benchmark, quote: "Model B scores 85.0", model: model-b, benchmark: bench-x, value: "85.0"}
- {id: blog-y-c, kind: score, source: blog, topic: benchmark, quote: "On Bench Y (0-shot), Model C scores 71.0", model: model-c, benchmark: bench-y, setting: {shots: 0}, value: "71.0"}
- {id: blog-y-b-5, kind: score, source: blog, topic: benchmark, quote: "on Bench Y (5-shot), Model B scores 60.1", model: model-b, benchmark: bench-y, setting: {shots: 5}, value: 60.1}
"""


def build(tmp_path, claims=NONE + PAPER_SCORES + BLOG_SCORES, roles=None):
    return build_ledger(tmp_path, claims, sources={"paper": PAPER, "blog": BLOG}, roles=roles)


def test_c010_a_figure_where_the_other_source_reports_none_is_a_warning(tmp_path):
    found = conflicts_of(build(tmp_path), "C010")
    assert sorted(c.claims for c in found) == [("blog-x-b", "paper-x-b-none"), ("blog-y-c", "paper-y-c-none")]
    x = next(c for c in found if "blog-x-b" in c.claims)
    assert x.severity is Severity.WARNING
    assert x.message.startswith('Between blog and paper: blog gives Model B 85.0 on Bench X, where paper ("–") '
                                "reports no score.")
    assert (x.settled_by, x.misreports) == ((), ())  # no primary: nothing settles it


def test_c010_when_the_primary_reports_none_it_is_an_error_settled_by_it(tmp_path):
    found = {c.claims: c for c in conflicts_of(build(tmp_path, roles={"paper": "primary"}), "C010")}
    x = found[("blog-x-b", "paper-x-b-none")]
    assert x.severity is Severity.ERROR
    assert (x.settled_by, x.misreports) == (("paper-x-b-none",), ("blog-x-b",))
    line, column = position_of(tmp_path / "sources" / "paper.txt", "–")
    assert (f'blog misreports paper: the primary reports no score for Model B on Bench X ("–", sources/paper.txt:'
            f"{line}:{column}); 85.0 is Model C's score in the same row.") in x.message
    y = found[("blog-y-c", "paper-y-c-none")]
    assert y.settled_by == ("paper-y-c-none",) and "in the same row" not in y.message  # 71.0 is nobody's


def test_c010_other_settings_models_and_agreeing_silences(tmp_path):
    """Model B's 5-shot figure on Bench Y is not the 0-shot result the paper lacks (and the paper
    has Model B there anyway); a source that reports none does not meet one that reports none."""
    claims = NONE + """
- {id: blog-y-b-5, kind: score, source: blog, topic: benchmark, quote: "on Bench Y (5-shot), Model B scores 60.1", model: model-b, benchmark: bench-y, setting: {shots: 5}, value: 60.1}
- {id: blog-y-c-5, kind: score, source: blog, topic: benchmark, quote: "on Bench Y (5-shot)", model: model-c, benchmark: bench-y, setting: {shots: 5}, reported: false}
- {id: blog-x-b-none, kind: score, source: blog, topic: benchmark, quote: "On Bench X, Model A scores 88.6", model: model-b, benchmark: bench-x, reported: false}
"""
    assert conflicts_of(build(tmp_path, claims, roles={"paper": "primary"})) == []


def test_a_quote_anchored_no_score_counts_too(tmp_path):
    claims = BLOG_SCORES + """
- {id: paper-y-c-words, kind: score, source: paper, topic: benchmark, quote: "Model C was not evaluated on Bench Y", model: model-c, benchmark: bench-y, reported: false}
"""
    [c] = conflicts_of(build(tmp_path, claims), "C010")
    assert c.claims == ("blog-y-c", "paper-y-c-words")


def test_no_other_rule_reads_a_figure_from_a_missing_score(tmp_path):
    """The dash is not a figure: C001 has nothing to compare it with, a comparison nothing to test."""
    claims = NONE + PAPER_SCORES + BLOG_SCORES + """
- {id: blog-b-beats-a, kind: comparison, source: blog, topic: benchmark, quote: "Model B scores 85.0", subjects: [model-b], relation: higher, objects: [model-a], benchmark: bench-x}
"""
    rules = {c.rule for c in conflicts_of(build(tmp_path, claims, roles={"paper": "primary"}))}
    assert rules == {"C002", "C010"}
