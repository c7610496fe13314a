"""Diagnostics (ledger/core/diagnostics.py): how one is rendered, and the catalogue of codes."""

from __future__ import annotations

from ledger.core.diagnostics import CODES
from tests.conftest import GOOD_SCORE, build_ledger, only, position_of


def test_rendering_is_path_line_col_code_message(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: modle-a"))
    line, column = position_of(path, "modle-a")
    assert only(path, "S003").render().splitlines()[0] == f"{path}:{line}:{column}: S003 unknown entity 'modle-a'"


def test_every_code_has_a_name_summary_and_example():
    for code, info in CODES.items():
        assert info.code == code and info.name and info.summary and info.example
