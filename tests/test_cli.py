"""The CLI through typer's CliRunner, and once as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from ledger.cli.commands import app

from .conftest import build_ledger, position_of

runner = CliRunner()

CLAIMS = """
- {id: y-a, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, value: "70.0"}
- {id: y-b, kind: score, source: one, topic: benchmark, quote: "Model B scores 75.5", model: model-b, benchmark: bench-y, value: 75.5}
- {id: par, kind: comparison, source: one, topic: benchmark, quote: "so Model A is “on par” with Model B", subjects: [model-a], relation: on-par, objects: [model-b], benchmark: bench-y, words: on par}
- {id: gpus, kind: quantity, source: two, topic: infrastructure, quote: "used over 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs, qualifier: over}
"""


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def ledger_file(tmp_path):
    return build_ledger(tmp_path, CLAIMS)


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


def test_sources_lists_claim_counts(ledger_file):
    result = run("sources", "-l", ledger_file, "-f", "json")
    counts = {s["id"]: s["claims"] for s in json.loads(result.output)}
    assert counts == {"one": 3, "two": 1}


def test_explain_codes_and_rules():
    assert "duplicate-key" in run("explain", "Y002").output
    assert "words-against-figures" in run("explain", "c002").output
    assert run("explain", "Z999").exit_code == 2


def test_usage_error_is_exit_2(ledger_file):
    assert run("claims", "--bogus").exit_code == 2
    assert run("claims", "--format", "xml", "-l", ledger_file).exit_code == 2


def test_every_command_has_help():
    for name, command in app.registered_commands and [(c.name or c.callback.__name__, c) for c in app.registered_commands]:
        result = run(name, "--help")
        assert result.exit_code == 0 and "--ledger" in result.output or name == "explain", name
        assert command.callback.__doc__, name


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


def test_ledger_with_errors_blocks_other_commands(ledger_file):
    ledger_file.write_text(ledger_file.read_text().replace("kind: score", "kind: scroe", 1))
    result = run("conflicts", "-l", ledger_file)
    assert result.exit_code == 1 and "S001" in result.output


def test_real_subprocess_with_no_traceback(tmp_path):
    bad = tmp_path / "claims.yaml"
    bad.write_text("claims: [\n")
    proc = subprocess.run([sys.executable, "-m", "ledger", "check", "--ledger", str(bad)],
                          capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": ""}, timeout=60)
    assert proc.returncode == 1
    assert "Y001" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr
    assert "\x1b[" not in proc.stdout


# ------------------------------------------------------------------ the program's shape

COMMANDS = ["check", "claims", "show", "sources", "conflicts", "coverage", "explain", "report", "matrix",
            "export", "schema", "add", "review", "fmt", "new-source"]
COMMAND_MODULES = ["ledger.cli.check", "ledger.cli.claims", "ledger.cli.edit", "ledger.cli.formatting",
                   "ledger.cli.reports", "ledger.cli.sources"]


def test_version_prints_and_exits_0():
    from ledger import __version__

    result = run("--version")
    assert result.exit_code == 0, result.output
    assert result.output == f"ledger {__version__}\n"
    assert run("--version", "check", "--bogus").output == f"ledger {__version__}\n"  # eager: before the command
    proc = subprocess.run([sys.executable, "-m", "ledger", "--version"], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"ledger {__version__}\n", "")


def test_help_lists_every_command_in_order():
    output = run("--help").output
    listed = output[output.index("Commands:"):].split("\n")[1:]
    assert [line.split()[0] for line in listed if line.strip()] == COMMANDS
    assert [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands] == COMMANDS


@pytest.mark.parametrize("module", COMMAND_MODULES + ["ledger.cli.app", "ledger.cli.saving"])
def test_command_modules_do_not_import_the_registry(module):
    """Commands are registered in one place (ledger.cli.commands), which imports the command
    modules; no command module imports it back (nor does what they share)."""
    code = (f"import sys, {module}; "
            "assert 'ledger.cli.commands' not in sys.modules, 'imports the registry'; "
            f"assert not [m for m in {COMMAND_MODULES!r} if m in sys.modules and m != {module!r}], "
            "'imports another command module'")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_the_library_does_not_import_the_cli_or_typer():
    """The CLI is the top layer: no module outside ledger/cli imports it, or typer (but
    ``python -m ledger``, which runs it)."""
    import ast
    from pathlib import Path

    import ledger

    package = Path(ledger.__file__).parent
    for file in package.rglob("*.py"):
        if "cli" in file.relative_to(package).parts or file.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not [n for n in names if n.startswith(("ledger.cli", "typer"))], (file, names)
