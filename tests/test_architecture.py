"""The package's layering, as declared in pyproject.toml ([tool.importlinter]), holds; and the
declaration has teeth: one import against the grain breaks it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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
