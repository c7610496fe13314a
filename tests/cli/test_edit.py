"""`ledger add` and `ledger review` (ledger/cli/edit.py): a claim or a verdict appended,
keeping every other line of the ledger, or refused without writing."""

from __future__ import annotations

import json

import pytest

from ledger.cli import edit as cli_edit
from ledger.write.edit import propose_claim_id
from tests.conftest import COMMENTED, run


def only_added(before: str, after: str, first_line: int, count: int) -> bool:
    """``after`` is ``before`` with ``count`` lines inserted at line ``first_line``."""
    lines = after.splitlines(keepends=True)
    return "".join(lines[:first_line - 1] + lines[first_line - 1 + count:]) == before


# ------------------------------------------------------------------ add

def test_add_appends_only_the_new_lines(commented):
    before = commented.read_text(encoding="utf-8")
    result = run("add", "-l", commented, "--source", "one", "--kind", "score", "--quote", "Model C scores 90.1",
                 "--model", "Model C", "--benchmark", "bench-x", "--value", "90.1")
    assert result.exit_code == 0, result.output
    assert "added claim one-bench-x-model-c (score)" in result.output
    assert "note: --model 'Model C' is model-c" in result.output
    assert "sources/one.txt:3:" in result.output and "causes no new conflict" in result.output
    after = commented.read_text(encoding="utf-8")
    new_lines = ["", "  - id: one-bench-x-model-c", "    kind: score", "    source: one", "    topic: benchmark",
                 "    quote: Model C scores 90.1", "    model: model-c", "    benchmark: bench-x", "    value: 90.1"]
    at = after.splitlines().index("  - id: one-bench-x-model-c")
    assert after.splitlines()[at - 1:at + 8] == new_lines
    assert only_added(before, after, at, len(new_lines))
    # after the comments that belong to the last claim, before the one that closes the section
    assert after.splitlines()[at - 2] == '    # unit: "%"'
    assert after.splitlines()[at + 8] == "  # end of claims (new claims go above this line)"
    assert run("fmt", "--check", "-l", commented).exit_code == 0
    assert run("check", "-l", commented).exit_code == 0


@pytest.mark.parametrize("args, expected_id", [
    (["--kind", "comparison", "--quote", "Model A scores **88.6**, outperforming Model B", "--subjects", "model-a",
      "--relation", "higher", "--objects", "Model B", "--benchmark", "bench-x", "--words", "outperforming"],
     "one-bench-x-model-a-higher-model-b"),
    (["--kind", "ranking", "--quote", "Model C scores **90.1**", "--subjects", "model-c", "--rank", "first",
      "--category", "general"], "one-general-model-c-first"),
    (["--kind", "tally", "--quote", "Model A scores **88.6**, outperforming Model B", "--subject", "model-a",
      "--relation", "higher", "--benchmarks", "bench-x", "--count", "1", "--total", "1"],
     None),
    (["--kind", "quantity", "--topic", "infrastructure", "--quote", "trained on 16,000 GPUs", "--subject", "model-a",
      "--quantity", "training-gpus", "--value", "16,000", "--unit", "GPUs"], "one-training-gpus-model-a"),
    (["--kind", "statement", "--topic", "licensing", "--quote", "Model A is open source", "--occurrence", "2",
      "--subject", "model-a", "--predicate", "open-source"], "one-open-source-model-a"),
])
def test_add_every_kind(commented, args, expected_id):
    result = run("add", "-l", commented, "--source", "one", *args)
    if expected_id is None:  # "1" is not in that quote: a tally needs its numbers quoted
        assert result.exit_code == 1 and "--count: A003" in result.output, result.output
        return
    assert result.exit_code == 0, result.output
    assert f"added claim {expected_id} " in result.output
    assert run("fmt", "--check", "-l", commented).exit_code == 0
    record = next(r for r in json.loads(run("claims", "-l", commented, "-f", "json").output) if r["id"] == expected_id)
    assert record["source"] == "one" and record["line"] is not None


def test_add_quantity_keeps_the_figure_as_written(commented):
    result = run("add", "-l", commented, "--source", "two", "--kind", "quantity", "--topic", "infrastructure",
                 "--quote", "Model A used over 16,000 GPUs", "--subject", "model-a", "--quantity", "training-gpus",
                 "--value", "16,000", "--unit", "GPUs", "--qualifier", "over")
    assert result.exit_code == 0, result.output
    text = commented.read_text(encoding="utf-8")
    assert '    value: "16,000"\n    unit: GPUs\n    qualifier: over\n' in text
    result = run("add", "-l", commented, "--source", "two", "--kind", "score", "--quote", "Model A scores 88.60",
                 "--model", "model-a", "--benchmark", "bench-x", "--value", "88.60")
    assert result.exit_code == 0, result.output
    assert "    value: 88.60\n" in commented.read_text(encoding="utf-8")


def test_add_refuses_without_writing(commented):
    before = commented.read_bytes()
    cases = [
        (["--quote", "Model C scores 91.1", "--value", "91.1"], 1, "--quote: A001 quote not found"),
        (["--quote", "Model C scores 90.1", "--value", "90.2"], 1, "--value: A003 value 90.2 does not appear"),
        (["--quote", "Model C scores 90.1", "--value", "90.1", "--model", "model-d"], 1,
         "--model: S003 unknown entity 'model-d'"),
        (["--quote", "Model C scores 90.1", "--value", "90.1", "--id", "y-a"], 1, "--id: a claim 'y-a' exists"),
        (["--quote", "Model C scores 90.1", "--value", "90.1", "--id", "Bad Id"], 1, "--id: String should match"),
        (["--quote", "Model C scores 90.1", "--value", "ninety"], 1, "--value: 'ninety' is not a number"),
        (["--quote", "Model C scores 90.1", "--value", "90.1", "--predicate", "x"], 2, "--predicate do(es) not apply"),
    ]
    for extra, code, message in cases:
        args = ["add", "-l", commented, "--source", "one", "--kind", "score", "--benchmark", "bench-x"]
        if "--model" not in extra:
            args += ["--model", "model-c"]
        result = run(*args, *extra)
        assert result.exit_code == code, (extra, result.output)
        assert message in result.output, (extra, result.output)
        assert commented.read_bytes() == before
    assert not list(commented.parent.glob(".claims.yaml.*.tmp"))  # no temporary file left (the lock stays)


def test_add_missing_fields_without_a_terminal_is_a_usage_error(commented):
    result = run("add", "-l", commented, "--source", "one", "--kind", "score", "--quote", "Model C scores 90.1")
    assert result.exit_code == 2
    assert "a score claim needs --model, --benchmark, --value" in result.output
    assert "stdin is not a terminal" in result.output
    assert run("add", "-l", commented, "--kind", "score").exit_code == 2


def test_add_asks_for_missing_fields_on_a_terminal(commented, monkeypatch):
    monkeypatch.setattr(cli_edit, "interactive", lambda: True)
    answers = "one\nscore\nModel C scores 90.1\nmodel-x\nModel C\nbench-x\n90.1\n"
    result = run("add", "-l", commented, input=answers)
    assert result.exit_code == 0, result.output
    assert "models: family-a, model-a, model-b, model-c" in result.output  # the vocabulary offered
    assert "unknown model/model-family 'model-x'" in result.output  # asked again
    assert "added claim one-bench-x-model-c (score)" in result.output


def test_add_dry_run_and_proposed_ids(commented):
    before = commented.read_bytes()
    result = run("add", "-l", commented, "--source", "two", "--kind", "score", "--quote",
                 "Model B scores 85.4 on Bench X (5-shot)", "--model", "model-b", "--benchmark", "bench-x",
                 "--value", "85.4", "--shots", "5", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would add claim two-bench-x-model-b" in result.output and "nothing written" in result.output
    assert "    setting: {shots: 5}" in result.output
    assert commented.read_bytes() == before
    assert propose_claim_id({"kind": "score", "source": "one", "benchmark": "bench-y", "model": "model-a"},
                            {"one-bench-y-model-a", "one-bench-y-model-a-2"}) == "one-bench-y-model-a-3"


def test_add_reports_new_conflicts(commented):
    result = run("add", "-l", commented, "--source", "one", "--kind", "comparison", "--quote",
                 "so Model A is “on par” with Model B", "--subjects", "model-a", "--relation", "on-par",
                 "--objects", "model-b", "--benchmark", "bench-y")
    assert result.exit_code == 0, result.output
    assert "causes 1 new conflict(s):" in result.output and "C002-" in result.output


def test_edits_keep_crlf_and_the_byte_order_mark(commented):
    commented.write_bytes(b"\xef\xbb\xbf" + COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    before = commented.read_bytes()
    result = run("add", "-l", commented, "--source", "one", "--kind", "score", "--quote", "Model C scores 90.1",
                 "--model", "model-c", "--benchmark", "bench-x", "--value", "90.1")
    assert result.exit_code == 0, result.output
    after = commented.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\n" not in after.replace(b"\r\n", b"")
    assert b"\r\n  - id: one-bench-x-model-c\r\n" in after
    added = after.split(b"\r\n\r\n  - id: one-bench-x-model-c")[1].split(b"\r\n  # end of claims")[0]
    assert after.replace(b"\r\n\r\n  - id: one-bench-x-model-c" + added, b"") == before


# ------------------------------------------------------------------ review

def _conflict_ids(path):
    return [c["id"] for c in json.loads(run("conflicts", "-l", path, "-f", "json").output)]


def test_review_records_replaces_and_refuses(commented):
    run("add", "-l", commented, "--source", "one", "--kind", "comparison", "--quote",
        "so Model A is “on par” with Model B", "--subjects", "model-a", "--relation", "on-par",
        "--objects", "model-b", "--benchmark", "bench-y")
    [conflict] = _conflict_ids(commented)
    before = commented.read_text(encoding="utf-8")

    missing = run("review", conflict[:-1] + "0", "--verdict", "confirmed", "-l", commented)
    assert missing.exit_code == 1 and f"did you mean {conflict}" in missing.output
    no_note = run("review", conflict, "--verdict", "dismissed", "-l", commented)
    assert no_note.exit_code == 1 and "--note" in no_note.output
    assert run("review", conflict, "-l", commented).exit_code == 2  # --verdict is required
    assert commented.read_text(encoding="utf-8") == before

    recorded = run("review", conflict, "--verdict", "confirmed", "--note", "5.5 points apart", "--reviewer", "jdoe",
                   "-l", commented)
    assert recorded.exit_code == 0, recorded.output
    after = commented.read_text(encoding="utf-8")
    assert after.endswith(f"""\
  # end of claims (new claims go above this line)

reviews:
  - conflict: {conflict}
    verdict: confirmed
    note: "5.5 points apart"
    reviewer: jdoe

# verdicts, once there are conflicts, go below
""")
    assert run("fmt", "--check", "-l", commented).exit_code == 0
    second = run("review", conflict, "--verdict", "dismissed", "--note", "no", "-l", commented)
    assert second.exit_code == 1 and "already has a verdict: confirmed" in second.output
    replaced = run("review", conflict, "--verdict", "resolved", "--note", "the paper says 75.5",
                   "--evidence", "Table 2", "--replace", "-l", commented)
    assert replaced.exit_code == 0, replaced.output
    final = commented.read_text(encoding="utf-8")
    assert "verdict: resolved" in final and "verdict: confirmed" not in final and final.count("conflict: C") == 1
    assert json.loads(run("conflicts", "-l", commented, "-f", "json").output)[0]["review"]["evidence"] == "Table 2"
    assert run("check", "-l", commented).exit_code == 0


def test_review_reads_the_reviewer_from_the_environment(commented, monkeypatch):
    run("add", "-l", commented, "--source", "one", "--kind", "comparison", "--quote",
        "so Model A is “on par” with Model B", "--subjects", "model-a", "--relation", "on-par",
        "--objects", "model-b", "--benchmark", "bench-y")
    [conflict] = _conflict_ids(commented)
    monkeypatch.setenv("LEDGER_REVIEWER", "rroe")
    assert run("review", conflict, "--verdict", "confirmed", "-l", commented).exit_code == 0
    assert "    reviewer: rroe\n" in commented.read_text(encoding="utf-8")


# ------------------------------------------------------------------ add and the vocabulary (issue 17)

@pytest.fixture
def with_vocabulary(commented):
    """The commented ledger with VOCABULARY and one statement using open-source."""
    from tests.conftest import VOCABULARY

    text = commented.read_text(encoding="utf-8").replace("claims:\n", VOCABULARY + "\nclaims:\n", 1)
    text = text.replace("  # end of claims", "\n  - {id: a-open, kind: statement, source: one, topic: licensing, "
                        "quote: \"Model A is open source.\", occurrence: 1, subject: model-a, predicate: open-source}\n"
                        "  # end of claims", 1)
    commented.write_text(text, encoding="utf-8")
    assert run("check", "-l", commented).exit_code == 0
    return commented


STATEMENT = ["--source", "one", "--kind", "statement", "--topic", "licensing", "--quote", "Model A is open source",
             "--occurrence", "2", "--subject", "model-a"]


def test_add_accepts_an_alias_writes_the_id_and_names_the_claims_sharing_it(with_vocabulary):
    result = run("add", "-l", with_vocabulary, *STATEMENT, "--predicate", "open-sourced", "--qualifiers", "osi")
    assert result.exit_code == 0, result.output
    assert "note: --predicate 'open-sourced' is open-source" in result.output
    assert "note: --qualifiers 'osi' is osi-definition" in result.output
    assert "note: 1 claim already uses open-source: a-open" in result.output
    text = with_vocabulary.read_text(encoding="utf-8")
    assert "    predicate: open-source\n    polarity: true\n    qualifiers: [osi-definition]\n" in text
    assert "open-sourced\n" not in text.split("claims:")[1]


def test_add_refuses_an_unknown_term_with_did_you_mean(with_vocabulary):
    before = with_vocabulary.read_bytes()
    result = run("add", "-l", with_vocabulary, *STATEMENT, "--predicate", "open-sorce")
    assert result.exit_code == 1
    assert "error: --predicate: unknown predicate 'open-sorce'" in result.output
    assert "hint: did you mean 'open-source'?" in result.output and "nothing was written" in result.output
    assert with_vocabulary.read_bytes() == before
    result = run("add", "-l", with_vocabulary, "--source", "two", "--kind", "quantity", "--topic", "infrastructure",
                 "--quote", "used over 16,000 GPUs", "--subject", "model-a", "--quantity", "training-gpu",
                 "--value", "16,000", "--unit", "H100 GPU", "--qualifier", "over")
    assert result.exit_code == 1
    assert "error: --quantity: unknown quantity 'training-gpu'" in result.output
    assert "error: --unit: unknown unit 'H100 GPU'" in result.output and "'H100 GPUs'" in result.output
    assert with_vocabulary.read_bytes() == before


def test_add_names_no_sharing_claim_for_a_new_term(with_vocabulary):
    result = run("add", "-l", with_vocabulary, "--source", "two", "--kind", "quantity", "--topic", "infrastructure",
                 "--quote", "used over 16,000 GPUs", "--subject", "model-a", "--quantity", "training-gpus",
                 "--value", "16,000", "--unit", "H100 GPUs", "--qualifier", "over")
    assert result.exit_code == 0, result.output
    assert "note: no claim uses quantity training-gpus yet" in result.output
    assert "    unit: gpu\n" in with_vocabulary.read_text(encoding="utf-8")


def test_add_offers_the_declared_terms_and_asks_again_for_an_unknown_one(with_vocabulary, monkeypatch):
    monkeypatch.setattr(cli_edit, "interactive", lambda: True)
    result = run("add", "-l", with_vocabulary, *STATEMENT, input="open-sorce\nOpen-Sourced\n")
    assert result.exit_code == 0, result.output
    assert ("predicates: open-source (open source), proprietary, trained-on (trained on), released-on (released on)"
            in result.output)
    assert "unknown predicate 'open-sorce'. did you mean 'open-source'" in result.output  # asked again
    assert "    predicate: open-source\n" in with_vocabulary.read_text(encoding="utf-8").split("a-open")[1]


def test_add_offers_the_terms_used_so_far_where_none_are_declared(commented, monkeypatch):
    monkeypatch.setattr(cli_edit, "interactive", lambda: True)
    result = run("add", "-l", commented, "--source", "two", "--kind", "quantity", "--topic", "infrastructure",
                 "--quote", "used over 16,000 GPUs", "--subject", "model-a", "--value", "16,000", "--qualifier", "over",
                 "--dry-run", input="training-gpus\nGPUs\n")
    assert result.exit_code == 0, result.output
    assert "used so far" not in result.output  # the commented ledger has no quantity claim yet
    assert "    quantity: training-gpus\n" in result.output and "    unit: GPUs\n" in result.output


def test_add_overall_and_within(commented):
    result = run("add", "-l", commented, "--source", "one", "--kind", "ranking", "--quote", "Model C scores **90.1**",
                 "--subjects", "model-c", "--rank", "first", "--overall", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would add claim one-overall-model-c-first" in result.output and "    overall: true" in result.output
    result = run("add", "-l", commented, "--source", "one", "--kind", "ranking", "--quote", "Model A scores **88.6**",
                 "--subjects", "model-a", "--rank", "first", "--overall", "--within", "Family A", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "note: --within 'Family A' is family-a" in result.output and "    within: family-a" in result.output
    result = run("add", "-l", commented, "--source", "one", "--kind", "comparison", "--quote", "Model C scores **90.1**",
                 "--subjects", "model-c", "--relation", "higher", "--objects", "model-a", "--within", "family-a")
    assert result.exit_code == 2 and "--within do(es) not apply to a comparison claim" in result.output


def test_add_asks_for_the_target_benchmark_category_or_overall(commented, monkeypatch):
    monkeypatch.setattr(cli_edit, "interactive", lambda: True)
    result = run("add", "-l", commented, "--source", "one", "--kind", "ranking", "--quote", "Model C scores **90.1**",
                 "--subjects", "model-c", "--rank", "first", "--dry-run", input="\n\ny\n")
    assert result.exit_code == 0, result.output
    assert "overall (every benchmark)?" in result.output and "    overall: true" in result.output


def test_add_a_denied_comparison_over_a_capability_with_a_hedge(with_vocabulary):
    text = with_vocabulary.read_text(encoding="utf-8").replace("  units:\n", """\
  capabilities:
    - {id: coding, label: coding, definition: Writing programs., categories: [general], aliases: [code generation]}

  units:
""", 1)
    with_vocabulary.write_text(text, encoding="utf-8")
    assert run("check", "-l", with_vocabulary).exit_code == 0
    result = run("add", "-l", with_vocabulary, "--source", "one", "--kind", "comparison",
                 "--quote", "Model A scores **88.6**, outperforming Model B", "--subjects", "model-a",
                 "--relation", "higher", "--objects", "model-b", "--capability", "code generation", "--negated",
                 "--qualifiers", "osi", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "note: --capability 'code generation' is coding" in result.output
    assert "would add claim one-coding-model-a-not-higher-model-b" in result.output
    assert "    polarity: false\n    capability: coding\n" in result.output
    assert "    qualifiers: [osi-definition]\n" in result.output
    result = run("add", "-l", with_vocabulary, "--source", "one", "--kind", "ranking", "--quote", "Model C scores **90.1**",
                 "--subjects", "model-c", "--rank", "first", "--capability", "codng", "--dry-run")
    assert result.exit_code == 1
    assert "error: --capability: unknown capability 'codng'" in result.output and "'coding'" in result.output


# ------------------------------------------------------------------ add: a claim on a table cell

@pytest.fixture
def table_ledger(tmp_path):
    """The pipe table of tests/data/tables (source 'paper', footnotes declared), one cell claimed."""
    from tests.anchor.test_cells import build, score

    return build(tmp_path, score("{row: Bench X (5-shot), column: Model B}"))


CELL_SCORE = ["--source", "paper", "--kind", "score", "--model", "model-a", "--benchmark", "bench-x"]


def test_add_a_claim_on_a_cell(table_ledger):
    from tests.anchor.test_cells import SCORES, source_position

    before = table_ledger.read_text(encoding="utf-8")
    result = run("add", "-l", table_ledger, *CELL_SCORE, "--value", "88.6", "--cell-table", "Table 2",
                 "--cell-row", "Bench X (5-shot)", "--cell-column", "Model A")
    assert result.exit_code == 0, result.output
    assert "added claim paper-bench-x-model-a (score)" in result.output
    line, column = source_position(SCORES, "88.6")
    assert f"sources/paper.md:{line}:{column}-{line}:{column + 4}\n" in result.output
    after = table_ledger.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    assert "    cell: {table: Table 2, row: Bench X (5-shot), column: Model A}\n" in after
    assert "quote:" not in after[len(before):]  # the cell's text is the quote
    [record] = [r for r in json.loads(run("claims", "-l", table_ledger, "-f", "json", ok=True).output)
                if r["id"] == "paper-bench-x-model-a"]
    assert record["quote"] == "88.6" and record["cell"]["table"] == "Table 2"
    assert run("check", "-l", table_ledger).exit_code == 0


def test_add_on_a_cell_qualified_by_repeating_the_option_and_a_table_by_number(table_ledger):
    result = run("add", "-l", table_ledger, "--source", "paper", "--kind", "score", "--model", "model-b",
                 "--benchmark", "bench-y", "--value", "61.2", "--cell-table", "1", "--cell-row", "Math",
                 "--cell-row", "Bench Y (0-shot, CoT)", "--cell-column", "Model B", "--dry-run")
    assert result.exit_code == 0, result.output
    assert '    cell: {table: 1, row: [Math, "Bench Y (0-shot, CoT)"], column: Model B}\n' in result.output


def test_add_on_a_cell_refuses_a_miss_with_did_you_mean(table_ledger):
    before = table_ledger.read_bytes()
    result = run("add", "-l", table_ledger, *CELL_SCORE, "--value", "88.6", "--cell-row", "Bench X (5 shot)",
                 "--cell-column", "Model A")
    assert result.exit_code == 1, result.output
    assert "error: --cell-row: A008 no row 'Bench X (5 shot)'" in result.output
    assert "did you mean 'Bench X (5-shot)'" in result.output
    result = run("add", "-l", table_ledger, *CELL_SCORE, "--value", "88.6", "--cell-row", "Bench X (5-shot)",
                 "--cell-column", "Model Q")
    assert result.exit_code == 1 and "error: --cell-column: A008 no column 'Model Q'" in result.output
    result = run("add", "-l", table_ledger, *CELL_SCORE, "--value", "88.7", "--cell-row", "Bench X (5-shot)",
                 "--cell-column", "Model A")
    assert result.exit_code == 1 and "--value: A003 value 88.7 is not in the cell" in result.output
    result = run("add", "-l", table_ledger, *CELL_SCORE, "--value", "88.6", "--cell-table", "Table 9",
                 "--cell-row", "Bench X (5-shot)", "--cell-column", "Model A")
    assert result.exit_code == 1 and "error: --cell-table: A007" in result.output
    assert table_ledger.read_bytes() == before


def test_add_cell_options_go_together(table_ledger):
    result = run("add", "-l", table_ledger, *CELL_SCORE, "--value", "88.6", "--cell-column", "Model A")
    assert result.exit_code == 2 and "--cell-column needs --cell-row" in result.output
    result = run("add", "-l", table_ledger, *CELL_SCORE, "--value", "88.6", "--cell-table", "1")
    assert result.exit_code == 2 and "--cell-table needs --cell-row and --cell-column" in result.output
    result = run("add", "-l", table_ledger, *CELL_SCORE, "--value", "88.6")
    assert result.exit_code == 2 and "missing --quote (or --cell-row and --cell-column)" in result.output


def test_add_a_score_the_source_does_not_report(tmp_path):
    """--unreported claims a dash: `reported: false` written after the benchmark, no value; a
    cell holding a figure is refused (A012); a score with neither --value nor --unreported asks
    for one of them; --unreported with --value is refused."""
    from tests.anchor.test_cells import DASHES, build, score

    path = build(tmp_path, score("{row: Bench X, column: Model A}", model="model-a", value="88.6"),
                 sources={"paper": DASHES}, footnotes="")
    dash = ["--source", "paper", "--kind", "score", "--model", "model-b", "--benchmark", "bench-x",
            "--cell-row", "Bench X", "--cell-column", "Model B"]
    result = run("add", "-l", path, *dash, "--unreported")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after.endswith("    model: model-b\n    benchmark: bench-x\n    reported: false\n")
    assert run("check", "-l", path).exit_code == 0
    before = path.read_bytes()
    result = run("add", "-l", path, *dash[:-4], "--cell-row", "Bench X", "--cell-column", "Model C", "--unreported",
                 "--id", "wrong")
    assert result.exit_code == 1 and "A012" in result.output and path.read_bytes() == before
    result = run("add", "-l", path, *dash, "--id", "no-value")
    assert result.exit_code == 2 and "--value" in result.output and "--unreported" in result.output
    result = run("add", "-l", path, *dash, "--id", "both", "--unreported", "--value", "85.0")
    assert result.exit_code == 1 and "--value" in result.output and path.read_bytes() == before
