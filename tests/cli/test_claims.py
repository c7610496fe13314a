"""`ledger claims` and `ledger show` (ledger/cli/claims.py)."""

from __future__ import annotations

import json

from tests.conftest import run


def test_claims_json_contract(ledger_file):
    result = run("claims", "--ledger", ledger_file, "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [r["id"] for r in records] == ["y-a", "y-b", "par", "gpus"]
    first = records[0]
    assert list(first)[:11] == ["id", "kind", "source", "file", "line", "column", "end_line", "end_column",
                                "quote", "topic", "note"]
    assert first["file"] == "sources/one.txt"
    assert (first["line"], first["column"]) == (4, 12)
    assert first["value"] == 70.0 and first["model"] == "model-a" and first["benchmark"] == "bench-y"
    assert records[3]["value"] == 16000 and records[3]["qualifier"] == "over"


def test_claims_filters(ledger_file):
    ids = lambda *args: [r["id"] for r in json.loads(run("claims", "-l", ledger_file, "-f", "json", *args).output)]
    assert ids("--kind", "score") == ["y-a", "y-b"]
    assert ids("--source", "two") == ["gpus"]
    assert ids("--model", "model-b") == ["y-b", "par"]
    assert ids("--benchmark", "bench-y", "--kind", "comparison") == ["par"]
    assert ids("--topic", "infrastructure") == ["gpus"]


def test_claims_csv_and_table(ledger_file):
    result = run("claims", "-l", ledger_file, "-f", "csv")
    lines = result.output.splitlines()
    assert lines[0].startswith("id,kind,source,file,line,column")
    assert lines[1].startswith("y-a,score,one,sources/one.txt,4,12")
    table = run("claims", "-l", ledger_file)
    assert "Model A scores 70.0% on Bench Y" in table.output and "4 claim(s)" in table.output


def test_show_highlights_the_quote_in_context(ledger_file):
    result = run("show", "y-b", "-l", ledger_file)
    assert result.exit_code == 0
    assert "[[Model B scores 75.5]]" in result.output
    assert "sources/one.txt:4:" in result.output
    missing = run("show", "y-c", "-l", ledger_file)
    assert missing.exit_code == 1 and "did you mean" in missing.output.lower()


def test_usage_error_is_exit_2(ledger_file):
    assert run("claims", "--bogus").exit_code == 2
    assert run("claims", "--format", "xml", "-l", ledger_file).exit_code == 2


def test_show_says_the_cell_and_the_setting_in_words(tmp_path):
    """Issue 18: a cell claim's table, row and column, and a setting, as words, never dict reprs."""
    from tests.anchor.test_cells import build, score

    claims = score("{table: Table 2, row: Bench X (5-shot), column: Model B}", extra="\n  setting: {shots: 5}")
    claims += score('{row: [General, "Bench Y (0-shot, CoT)"], column: Model B}', cid="c2", value="75.5",
                    benchmark="bench-y")
    path = build(tmp_path, claims)
    result = run("show", "c1", "-l", path)
    assert result.exit_code == 0, result.output
    assert "  cell: table 'Table 2', row 'Bench X (5-shot)', column 'Model B'\n" in result.output
    assert "  setting: 5-shot\n" in result.output
    assert "{" not in result.output.split("\n\n")[0]
    result = run("show", "c2", "-l", path)  # the footnote's "5-shot prompting (no CoT)" on 75.5△
    assert "  cell: row 'General' / 'Bench Y (0-shot, CoT)', column 'Model B'\n" in result.output
    assert "  setting: 5-shot, no CoT\n" in result.output
