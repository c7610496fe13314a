"""The package's layering, as declared in pyproject.toml ([tool.importlinter]), holds; and the
declaration has teeth: one import against the grain breaks it. And, each in a fresh
interpreter or read from the source, the import rules of the command line and the library."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter over the package found under ``root``, with root's pyproject.toml."""
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "--no-logo"],
        cwd=root, env=environment, capture_output=True, text=True, timeout=120)


def test_every_import_contract_is_kept():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_against_the_layers_breaks_the_contract(tmp_path):
    shutil.copytree(REPO / "ledger", tmp_path / "ledger", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    with open(tmp_path / "ledger" / "core" / "words.py", "a", encoding="utf-8") as module:
        module.write("\nfrom ledger.check import engine  # the domain reaching up into the checker\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ledger.core is not allowed to import ledger.check" in result.stdout
    assert "ledger.core.words -> ledger.check.engine" in result.stdout


def test_a_rule_importing_another_rule_breaks_the_contract(tmp_path):
    shutil.copytree(REPO / "ledger", tmp_path / "ledger", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    with open(tmp_path / "ledger" / "check" / "rules" / "not_comparable.py", "a", encoding="utf-8") as module:
        module.write("\nfrom ledger.check.rules import figures_disagree  # noqa: E402\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Each conflict rule stands alone BROKEN" in result.stdout


# ------------------------------------------------------------------ the command line and the library

COMMAND_MODULES = ["ledger.cli.check", "ledger.cli.claims", "ledger.cli.edit", "ledger.cli.formatting",
                   "ledger.cli.reports", "ledger.cli.sources", "ledger.cli.vocab"]


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


def test_the_library_imports_neither_typer_nor_rich():
    code = ("import sys, ledger, ledger.output.export, ledger.output.matrix, ledger.output.report, ledger.write.files, ledger.perf.cache; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stderr
