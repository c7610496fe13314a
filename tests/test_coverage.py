import json

from typer.testing import CliRunner

from ledger import load_ledger
from ledger.cli.commands import app
from ledger.check.coverage import coverage

from .conftest import build_ledger

TEXT = """\
# Heading
Model A scores 70.0 on Bench Y. Model B scores 75.5 there. What does it mean?
Model A was trained on 16,000 GPUs. But that is a story for another day.
Navigation: Home | About | Courses 2024
"""

CLAIM = """
- {id: y-a, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, value: "70.0"}
"""


def report(path):
    result = load_ledger(path)
    assert result.ok, [d.render() for d in result.diagnostics]
    return coverage(result.ledger)[0].to_json()


def test_cli_coverage_json_and_unknown_source(tmp_path):
    path = build_ledger(tmp_path, CLAIM, sources={"one": TEXT})
    result = CliRunner().invoke(app, ["coverage", "one", "--ledger", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)[0]["source"] == "one"
    text = CliRunner().invoke(app, ["coverage", "--ledger", str(path)])
    assert "1/4 (25%)" in text.output and ":2:33: not covered: Model B scores 75.5 there." in text.output
    assert CliRunner().invoke(app, ["coverage", "nope", "--ledger", str(path)]).exit_code == 1
