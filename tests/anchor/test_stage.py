"""The anchoring stage (ledger/anchor/stage.py): a claim's figures must be in its quote."""

from __future__ import annotations

from tests.conftest import GOOD_SCORE, at, build_ledger, only


def test_a003_number_not_in_quote(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", "value: 88.7"))
    d = only(path, "A003")
    at(d, path, "88.7")
    path = build_ledger(tmp_path, GOOD_SCORE.replace("shots: 0", "shots: 5"))
    at(only(path, "A003"), path, "5}")
