"""`ledger export`: each format read back by the tool that would consume it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ledger.cli.commands import app

from .reporting_fixtures import build_small, copy_shipped

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    return copy_shipped(tmp_path_factory.mktemp("shipped"))


@pytest.fixture
def small(tmp_path):
    return build_small(tmp_path)


def cli_json(*args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def export_to(ledger_path, fmt, target):
    result = run("export", "--ledger", ledger_path, "--to", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output
    return target


# ------------------------------------------------------------------ json


def test_dash_writes_to_stdout(small):
    result = run("export", "-l", small, "--to", "json", "-o", "-")
    assert result.exit_code == 0
    assert len(json.loads(result.output)["claims"]) == 12


# ------------------------------------------------------------------ csv


# ------------------------------------------------------------------ sqlite


# ------------------------------------------------------------------ W3C Web Annotations

def _occurrences(text: str, needle: str) -> int:
    count, start = 0, text.find(needle)
    while start >= 0:
        count += 1
        start = text.find(needle, start + 1)
    return count


# ------------------------------------------------------------------ model-index


# ------------------------------------------------------------------ writing safely

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


