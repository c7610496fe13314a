"""``load_ledger`` (ledger/load.py): a clean ledger, a missing one, the order of the
diagnostics, and the reference reader taking over when the fast path fails."""

from __future__ import annotations

from bench import generate
from ledger.load import load_ledger
from ledger.read import fast_reader as fastread
from tests.conftest import GOOD_SCORE, build_ledger, diagnostics, only


def test_the_good_ledger_is_clean(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    assert diagnostics(path) == []


def test_y008_missing_ledger(tmp_path):
    assert only(tmp_path / "nope.yaml", "Y008").location.line == 1


def test_diagnostics_are_sorted_by_position(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: modle-a").replace("value: 88.6", "value: 88.7"))
    found = diagnostics(path)
    assert [d.code for d in found] == ["S003", "A003"]
    assert found == sorted(found, key=lambda d: d.location)


def test_a_ledger_whose_chunk_fails_loads_as_by_the_reference_reader(tmp_path, any_size, monkeypatch):
    generate.generate(40, tmp_path, seed=3)
    path = tmp_path / "claims.yaml"
    expected = load_ledger(path)
    real = fastread.read_items
    calls = []

    def failing_second(items_text, exact_numbers=True):
        calls.append(1)
        return None if len(calls) == 2 else real(items_text, exact_numbers)

    monkeypatch.setattr(fastread, "CHUNK_ITEMS", 7)
    monkeypatch.setattr(fastread, "read_items", failing_second)
    monkeypatch.setenv("LEDGER_NO_FORK", "1")
    result = load_ledger(path)
    assert len(calls) >= 2 and type(result.ledger.document).__name__ != "FastDocument"
    assert result.diagnostics == expected.diagnostics
    assert result.ledger.claims == expected.ledger.claims
    assert result.ledger.anchors == expected.ledger.anchors
