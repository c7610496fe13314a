"""`ledger matrix`: the model x benchmark matrix of score claims, conflicting cells marked."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from ledger.cli.commands import app

from .reporting_fixtures import build_small, copy_shipped, loaded

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def small(tmp_path):
    return build_small(tmp_path)


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
    assert data["rules"] == ["C001", "C002", "C004"]


def test_matrix_of_the_shipped_ledger(tmp_path):
    ledger_path = copy_shipped(tmp_path)
    lg, conflicts = loaded(ledger_path)
    data = json.loads(run("matrix", "-l", ledger_path, "-f", "json").output)
    scores = [c for c in lg.claims.values() if c.kind == "score"]
    assert sum(len(cell["claims"]) for cell in data["cells"]) == len(scores)
    needle = next(c for c in data["cells"] if (c["model"], c["benchmark"]) == ("llama-3.1-405b", "nih-multi-needle"))
    assert 98.1 in needle["values"] and needle["conflicting"]
    marked = {c.id for c in conflicts if c.rule in ("C001", "C002", "C004")
              and any(lg.claims[i].kind == "score" for i in c.claims)}
    assert {cid for cell in data["cells"] for cid in cell["conflicts"]} == marked
    table = run("matrix", "-l", ledger_path).output
    assert "98.1 !" in table


def test_matrix_on_a_broken_ledger_is_exit_1(small):
    small.write_text(small.read_text().replace("model: model-a", "model: modle-a", 1))
    result = run("matrix", "-l", small)
    assert result.exit_code == 1 and "S003" in result.output
