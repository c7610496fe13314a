"""`ledger check`, `ledger conflicts` and `ledger explain` (ledger/cli/check.py)."""

from __future__ import annotations

import json

from tests.conftest import position_of, run


def test_check_clean_ledger(ledger_file):
    result = run("check", "--ledger", ledger_file)
    assert result.exit_code == 0, result.output
    assert "ok: 2 sources, 6 entities, 4 claims" in result.output


def test_check_reports_problems_with_exit_1(ledger_file):
    ledger_file.write_text(ledger_file.read_text().replace("model: model-a", "model: modle-a"))
    result = run("check", "--ledger", ledger_file)
    assert result.exit_code == 1
    line, column = position_of(ledger_file, "modle-a")
    assert f"{ledger_file}:{line}:{column}: S003 unknown entity 'modle-a'" in result.output
    assert "did you mean 'model-a'?" in result.output


def test_check_json(ledger_file):
    ledger_file.write_text(ledger_file.read_text().replace("value: 75.5", "value: 75.6"))
    result = run("check", "--ledger", ledger_file, "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.output)
    assert diagnostic["code"] == "A003" and diagnostic["severity"] == "error"
    assert (diagnostic["line"], diagnostic["column"]) == position_of(ledger_file, "75.6")


def test_conflicts_json_contract_and_strict(ledger_file):
    result = run("conflicts", "-l", ledger_file, "-f", "json")
    assert result.exit_code == 0, result.output
    [conflict] = json.loads(result.output)
    assert set(conflict) >= {"id", "rule", "severity", "message", "claims", "review"}
    assert conflict["rule"] == "C002" and conflict["review"] is None and conflict["within_source"] is True
    assert [c["id"] for c in conflict["claims"]] == ["par", "y-a", "y-b"]
    assert {"file", "line", "column", "quote"} <= set(conflict["claims"][0])
    assert run("conflicts", "-l", ledger_file, "--strict").exit_code == 1
    ledger_file.write_text(ledger_file.read_text() + f"reviews:\n  - {{conflict: {conflict['id']}, verdict: confirmed}}\n")
    assert run("conflicts", "-l", ledger_file, "--strict").exit_code == 0
    assert json.loads(run("conflicts", "-l", ledger_file, "-f", "json").output)[0]["review"]["verdict"] == "confirmed"
    assert json.loads(run("conflicts", "-l", ledger_file, "-f", "json", "--unreviewed").output) == []


def test_conflicts_filters(ledger_file):
    count = lambda *args: len(json.loads(run("conflicts", "-l", ledger_file, "-f", "json", *args).output))
    assert count("--rule", "C002") == 1
    assert count("--rule", "words-against-figures") == 1
    assert count("--rule", "C001") == 0
    assert count("--severity", "warning") == 0
    assert count("--source", "two") == 0
    assert count("--model", "model-b") == 1
    assert count("--benchmark", "bench-x") == 0


def test_conflicts_text_markdown_github(ledger_file):
    text = run("conflicts", "-l", ledger_file).output
    assert "words-against-figures" in text and "1 conflict(s): 1 error" in text
    markdown = run("conflicts", "-l", ledger_file, "-f", "markdown").output
    assert markdown.startswith("### Ledger conflicts") and "| `C002-" in markdown
    github = run("conflicts", "-l", ledger_file, "-f", "github").output.splitlines()
    assert github[0].startswith("::error file=") and ",line=4," in github[0]
    assert any(f"file={ledger_file}".replace(":", "%3A") in line for line in github)


def test_explain_codes_and_rules():
    assert "duplicate-key" in run("explain", "Y002").output
    assert "words-against-figures" in run("explain", "c002").output
    assert run("explain", "Z999").exit_code == 2


def test_explain_the_vocabulary_codes():
    """S006 and S007 (issue 17) have their name, summary and example; S003 and S004 say they
    cover declared terms too; C005 explains opposites and C004 'within'."""
    s006 = run("explain", "S006").output
    assert "bad-vocabulary" in s006 and "opposite 'propietary'" in s006 and "factor: 0" in s006
    s007 = run("explain", "S007").output
    assert "wrong-unit-dimension" in s007 and "unit: GPU hours" in s007
    assert "unknown quantity 'training-gpu'" in run("explain", "S003").output
    assert "predicate 'open-source' takes a model" in run("explain", "S004").output
    assert "are opposites" in run("explain", "C005").output
    assert "within" in run("explain", "C004").output and "overall" in run("explain", "C002").output


def test_check_counts_the_declared_terms_only_where_there_are_some(tmp_path):
    from tests.conftest import VOCABULARY, build_ledger

    path = build_ledger(tmp_path, vocabulary=VOCABULARY)
    assert run("check", "-l", path).output.strip() == f"{path}: ok: 2 sources, 6 entities, 12 terms, 0 claims, 0 reviews"
    path = build_ledger(tmp_path)
    assert run("check", "-l", path).output.strip() == f"{path}: ok: 2 sources, 6 entities, 0 claims, 0 reviews"


def test_explain_c010():
    text = run("explain", "C010").output
    assert "figure-not-reported" in text and "reported: false" in text and "Example" in text
