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

    def failing_second(items_text, exact_numbers=True, shape=None):
        calls.append(1)
        return None if len(calls) == 2 else real(items_text, exact_numbers, shape)

    monkeypatch.setattr(fastread, "CHUNK_ITEMS", 7)
    monkeypatch.setattr(fastread, "read_items", failing_second)
    monkeypatch.setenv("LEDGER_NO_FORK", "1")
    result = load_ledger(path)
    assert len(calls) >= 2 and type(result.ledger.document).__name__ != "FastDocument"
    assert result.diagnostics == expected.diagnostics
    assert result.ledger.claims == expected.ledger.claims
    assert result.ledger.anchors == expected.ledger.anchors


def test_the_ledger_file_is_read_at_most_to_the_limit_plus_one_byte(tmp_path, monkeypatch):
    import os

    from ledger.load import read_ledger_bytes
    from ledger.read.yaml_reader import Limits

    path = tmp_path / "claims.yaml"
    path.write_bytes(b"# " + b"x" * 5000 + b"\n")
    asked = []  # the bytes each read gave
    real = os.read

    def counting(descriptor, size):
        asked.append(len(part := real(descriptor, size)))
        return part

    monkeypatch.setattr(os, "read", counting)
    raw, problem = read_ledger_bytes(path, Limits(max_bytes=10_000))
    assert problem is None and len(raw) == 5003 and sum(asked) <= 10_001
    asked.clear()
    monkeypatch.setattr(os, "fstat", lambda descriptor, real=os.fstat: _zero_size(real(descriptor)))
    raw, problem = read_ledger_bytes(path, Limits(max_bytes=100))  # the size it says is 0: read anyway, and stop
    assert problem.code == "Y004" and "more than 100 bytes" in problem.message and sum(asked) <= 101


def _zero_size(info):
    import os

    fields = list(info)
    fields[6] = 0  # st_size
    return os.stat_result(fields)


def test_only_a_regular_file_is_read(tmp_path):
    import os

    from ledger.load import read_ledger_bytes

    os.mkfifo(tmp_path / "fifo")
    for path, kind in ((tmp_path / "fifo", "a FIFO"), (tmp_path, "a directory")):
        raw, problem = read_ledger_bytes(path)
        assert raw == b"" and problem.code == "Y008" and f"is {kind}, not a regular file" in problem.message
