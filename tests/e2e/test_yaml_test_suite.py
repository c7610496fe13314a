"""Every case of the YAML Test Suite, used as claims.yaml, ends in a clean diagnostic.

None of these files is a valid ledger. Error cases must give Y001 (a syntax
error at the parser's position) unless PyYAML accepts them anyway; every case
must give exit 1 with at least one located diagnostic, and never a traceback.
"""

from __future__ import annotations

import csv
import shutil

import pytest

from ledger import load_ledger
from tests.conftest import REPO, run

SUITE = REPO / "tests" / "corpora" / "yaml-test-suite"
with open(SUITE / "index.tsv", encoding="utf-8") as handle:
    CASES = [(row["name"], row["is_error"] == "1") for row in csv.DictReader(handle, delimiter="\t")]


@pytest.mark.parametrize(("name", "is_error"), CASES, ids=[name for name, _ in CASES])
def test_case_is_refused_cleanly(tmp_path, name, is_error):
    path = tmp_path / "claims.yaml"
    shutil.copyfile(SUITE / f"{name}.yaml", path)
    result = load_ledger(path)
    assert result.diagnostics, "no diagnostic for a file that is not a ledger"
    assert not result.ok
    lines = path.read_bytes().count(b"\n") + 1
    for diagnostic in result.diagnostics:
        assert 1 <= diagnostic.location.line <= lines + 1, diagnostic.render()
        assert diagnostic.location.column >= 1


def test_cli_on_a_sample_of_cases_exits_1_without_traceback(tmp_path):
    for name, _ in CASES[::20]:
        path = tmp_path / "claims.yaml"
        shutil.copyfile(SUITE / f"{name}.yaml", path)
        result = run("check", "--ledger", path)
        assert result.exit_code == 1, (name, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (name, result.exception)


def test_error_cases_that_pyyaml_rejects_point_at_a_line(tmp_path):
    rejected = 0
    for name, is_error in CASES:
        if not is_error:
            continue
        path = tmp_path / "claims.yaml"
        shutil.copyfile(SUITE / f"{name}.yaml", path)
        codes = {d.code for d in load_ledger(path).diagnostics}
        rejected += bool(codes & {"Y001", "Y002", "Y003", "Y005", "Y007"})
    assert rejected >= 75  # PyYAML rejects 79 of the 94 error cases; we must not lose them
