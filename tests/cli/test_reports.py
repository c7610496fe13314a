"""`ledger report`, `ledger matrix` and `ledger export` (ledger/cli/reports.py): their formats,
where they write, and their refusals."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from ledger.output import report as report_module
from ledger.output.report import MARKER
from tests.conftest import build_small, copy_shipped, loaded, run


# ------------------------------------------------------------------ report

def test_writing_over_folders(tmp_path, monkeypatch):
    ledger_path = build_small(tmp_path)
    target = tmp_path / "report"
    assert run("report", "-l", ledger_path, "-o", target).exit_code == 0
    (target / "stale.html").write_text("old")
    assert run("report", "-l", ledger_path, "-o", target).exit_code == 0  # a previous report: replaced whole
    assert not (target / "stale.html").exists() and (target / "index.html").exists()

    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("precious")
    refused = run("report", "-l", ledger_path, "-o", other)
    assert refused.exit_code == 1 and "--force" in refused.output and "Traceback" not in refused.output
    assert (other / "notes.txt").read_text() == "precious"
    forced = run("report", "-l", ledger_path, "-o", other, "--force")
    assert forced.exit_code == 0 and not (other / "notes.txt").exists() and (other / MARKER).exists()

    a_file = tmp_path / "file.html"
    a_file.write_text("x")
    assert run("report", "-l", ledger_path, "-o", a_file).exit_code == 1
    assert run("report", "-l", ledger_path, "-o", tmp_path / "missing" / "report").exit_code == 1
    assert run("report", "-l", ledger_path, "-o", tmp_path, "--force").exit_code == 1  # the ledger's own folder
    assert (tmp_path / "claims.yaml").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("report", "-l", ledger_path, "-o", empty).exit_code == 0
    monkeypatch.chdir(empty)
    assert run("report", "-o", tmp_path / "elsewhere").exit_code == 1  # no ./claims.yaml here: Y008
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_report_cli_help_and_usage(tmp_path):
    result = run("report", "--help")
    assert result.exit_code == 0 and "--ledger" in result.output and "--force" in result.output
    assert run("report").exit_code == 2  # -o is required
    assert os.path.exists(Path(report_module.__file__))


# ------------------------------------------------------------------ matrix

def test_matrix_cli_formats(small):
    table = run("matrix", "-l", small)
    assert table.exit_code == 0, table.output
    assert "70.0 !" in table.output and "88.6 / 88.60" in table.output
    assert "legend:" in table.output and "\x1b[" not in table.output  # plain when not a terminal
    assert "2 benchmarks x 3 models, 5 cells with scores, 2 conflicting" in table.output

    rows = list(csv.reader(io.StringIO(run("matrix", "-l", small, "-f", "csv").output)))
    assert rows[0] == ["benchmark", "Model A", "Model B", "Model C"]
    assert rows[2] == ["Bench Y", "70.0 !", "75.5 !", ""]

    data = json.loads(run("matrix", "-l", small, "-f", "json").output)
    assert [m["id"] for m in data["models"]] == ["model-a", "model-b", "model-c"]
    assert data["benchmarks"][0] == {"id": "bench-x", "name": "Bench X", "category": "general",
                                     "metric": "accuracy", "unit": "%"}
    cell = next(c for c in data["cells"] if (c["model"], c["benchmark"]) == ("model-a", "bench-x"))
    assert cell["values"] == [88.6, 88.6] and cell["text"] == "88.6 / 88.60" and not cell["conflicting"]
    assert [c["id"] for c in cell["claims"]] == ["x-a", "x-a2"]
    conflicted = next(c for c in data["cells"] if (c["model"], c["benchmark"]) == ("model-a", "bench-y"))
    assert conflicted["conflicting"] and conflicted["conflicts"][0].startswith("C002-")
    assert data["rules"] == ["C001", "C002", "C004", "C010"]


def test_matrix_of_the_shipped_ledger(tmp_path):
    ledger_path = copy_shipped(tmp_path)
    lg, conflicts = loaded(ledger_path)
    data = json.loads(run("matrix", "-l", ledger_path, "-f", "json").output)
    scores = [c for c in lg.claims.values() if c.kind == "score" and c.reported]  # "no score" is no figure
    assert sum(len(cell["claims"]) for cell in data["cells"]) == len(scores)
    needle = next(c for c in data["cells"] if (c["model"], c["benchmark"]) == ("llama-3.1-405b", "nih-multi-needle"))
    assert 98.1 in needle["values"] and needle["conflicting"]
    marked = {c.id for c in conflicts if c.rule in ("C001", "C002", "C004", "C010")
              and any(lg.claims[i].kind == "score" for i in c.claims)}
    assert {cid for cell in data["cells"] for cid in cell["conflicts"]} == marked
    table = run("matrix", "-l", ledger_path).output
    assert "98.1 (spheron ±0) !" in table  # the paper's figure, 001's deviation from it, in a conflict


def test_matrix_on_a_broken_ledger_is_exit_1(small):
    small.write_text(small.read_text().replace("model: model-a", "model: modle-a", 1))
    result = run("matrix", "-l", small)
    assert result.exit_code == 1 and "S003" in result.output


# ------------------------------------------------------------------ export

def test_dash_writes_to_stdout(small):
    result = run("export", "-l", small, "--to", "json", "-o", "-")
    assert result.exit_code == 0
    assert len(json.loads(result.output)["claims"]) == 12


def test_bad_output_paths_are_exit_1_with_a_message(small, tmp_path):
    for fmt in ("json", "sqlite"):
        result = run("export", "-l", small, "--to", fmt, "-o", tmp_path / "missing" / "out")
        assert result.exit_code == 1
        assert "does not exist" in result.output and "Traceback" not in result.output
    result = run("export", "-l", small, "--to", "csv", "-o", tmp_path)
    assert result.exit_code == 1 and "is a folder" in result.output
    assert run("export", "-l", small, "--to", "sqlite", "-o", "-").exit_code == 2
    assert run("export", "-l", small, "--to", "xml", "-o", tmp_path / "x").exit_code == 2
    assert run("export", "-l", small, "-o", tmp_path / "x").exit_code == 2
