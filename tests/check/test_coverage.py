"""Coverage (ledger/check/coverage.py): the sentences and figures of a source left to claim."""

from __future__ import annotations

from ledger import load_ledger
from ledger.check.coverage import coverage
from tests.conftest import COVERAGE_CLAIM, COVERAGE_TEXT, build_ledger


def report(path):
    result = load_ledger(path)
    assert result.ok, [d.render() for d in result.diagnostics]
    return coverage(result.ledger)[0].to_json()


def test_uncovered_sentences_and_figures_are_listed(tmp_path):
    data = report(build_ledger(tmp_path, COVERAGE_CLAIM, sources={"one": COVERAGE_TEXT}))
    assert data["figures"] == {"covered": 1, "present": 4}
    uncovered = [(u["line"], u["text"]) for u in data["uncovered"]]
    assert (2, "Model B scores 75.5 there.") in uncovered
    assert (3, "Model A was trained on 16,000 GPUs.") in uncovered
    assert not any("What does it mean" in text for _, text in uncovered)  # a question asserts nothing
    assert not any(text == "# Heading" for _, text in uncovered)


def test_skips_by_lines_and_by_quote_leave_parts_out_on_purpose(tmp_path):
    path = build_ledger(tmp_path, COVERAGE_CLAIM, sources={"one": COVERAGE_TEXT})
    text = path.read_text().replace(
        "    kind: blog-post\n",
        "    kind: blog-post\n    skips:\n      - {lines: [4, 4], reason: page chrome}\n"
        "      - {quote: \"But that is a story for another day.\", reason: aside}\n", 1)
    path.write_text(text)
    data = report(path)
    assert data["figures"]["present"] == 3
    assert not any("story" in u["text"] or "Navigation" in u["text"] for u in data["uncovered"])


def test_table_cells_with_figures_are_counted(tmp_path):
    from tests.anchor.test_cells import SCORES, build, score
    from tests.conftest import run, run_json

    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}"), sources={"paper": SCORES})
    result = load_ledger(path)
    assert result.ok, [d.render() for d in result.diagnostics]
    data = coverage(result.ledger)[0].to_json()
    assert data["cells"] == {"covered": 1, "present": 9}  # three rows of three models; labels not counted
    assert run_json("coverage", "-l", path, "-f", "json")[0]["cells"] == {"covered": 1, "present": 9}
    assert "table cells covered" in run("coverage", "-l", path).stdout and "1/9 (11%)" in run("coverage", "-l", path).stdout


def test_no_table_no_cells_column(tmp_path):
    from tests.conftest import run

    path = build_ledger(tmp_path, COVERAGE_CLAIM, sources={"one": COVERAGE_TEXT})
    assert report(path)["cells"] == {"covered": 0, "present": 0}
    assert "table cells" not in run("coverage", "-l", path).stdout


def test_a_dash_cell_counts_and_is_covered_by_a_score_not_reported(tmp_path):
    """A table's "no result" (a dash, "n/a") is something it says: counted, covered when claimed."""
    from tests.anchor.test_cells import DASHES, build, unreported

    path = build(tmp_path, unreported("{row: Bench X, column: Model B}"), sources={"paper": DASHES}, footnotes="")
    result = load_ledger(path)
    assert result.ok, [d.render() for d in result.diagnostics]
    cells = coverage(result.ledger)[0]
    assert cells.to_json()["cells"] == {"covered": 1, "present": 6}  # 4 figures, "–" and "n/a"
    assert [text for _, _, text in cells.cells_missing] == ["88.6", "85.0", "70.0", "75.5", "n/a"]
