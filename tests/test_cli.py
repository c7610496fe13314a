"""The CLI through typer's CliRunner, and once as a real subprocess."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from ledger.cli.commands import app

from .conftest import build_ledger

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


# ------------------------------------------------------------------ the program's shape

COMMANDS = ["check", "claims", "show", "sources", "conflicts", "coverage", "explain", "report", "matrix",
            "export", "schema", "add", "review", "fmt", "new-source"]
COMMAND_MODULES = ["ledger.cli.check", "ledger.cli.claims", "ledger.cli.edit", "ledger.cli.formatting",
                   "ledger.cli.reports", "ledger.cli.sources"]


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
