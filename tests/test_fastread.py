"""The yaml-rs fast path (ledger/fastread.py) gives exactly the reference reader's data, and its
gate refuses only what yaml-rs would read differently (a false alarm costs the slow path)."""

from __future__ import annotations

import sys

import pytest

from ledger import fastread
from ledger.fastread import _gated, fast_read
from ledger.loader import load_ledger
from ledger.yamlread import read_yaml

from .conftest import REPO

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import generate  # noqa: E402


@pytest.fixture
def any_size(monkeypatch):
    monkeypatch.setattr(fastread, "FAST_PATH_MIN_CHARS", 0)


def reference(text: str):
    document, problems = read_yaml(text, "x.yaml")
    assert not problems, problems
    return document.data


HEADER = "version: 1\nclaims:\n"


# text that looked like a radix number or a sigil to the old gate, but is text to both readers
FALSE_ALARMS = [
    'sources:\n  - id: s\n    sha256: "0b145a7976b0cd051e81c65f1d8d0e3bc8c5b0e2b7c8f7e7f6f7a9b0c1d2e3f4"\n',
    "sources:\n  - id: s\n    sha256: '0x45a7976b0cd051e81c65f1d8d0e3bc8c5b0e2b7c8f7e7f6f7a9b0c1d2e3f4'\n",
    'claims:\n  - {id: c, quote: "Bench X (0-shot): Model A scores **88.7** on it", value: 88.7}\n',
    'claims:\n  - quote: "**88.7** is the *best* score & more! here"\n    value: 88.7\n',
    "claims:\n  - quote: it scores **88.7** on Bench X & wins!\n",
    "sources:\n  - file: sources/0002_9e1b14420bca46d6.txt\n    title: version 1_000 of 0x1f\n",
    "entities:\n  - {id: a-0b1, name: model_1_x}\n",
]

# what yaml-rs types differently from the reference reader (or cannot read as it does)
TRUE_POSITIVES = [
    "claims:\n  - {id: c, count: 0x1f}\n",
    "claims:\n  - id: c\n    count: 0o17\n",
    "claims:\n  - id: c\n    count: 0B1\n",
    "claims:\n  - id: c\n    count: -0x1f\n",
    "claims:\n  - id: c\n    count: 1_000\n",
    "claims:\n  - id: c\n    count: 1_\n",
    "claims:\n  - id: c\n    lines: [0x1, 2]\n",
    "claims:\n  - id: c\n    lines: [1,0x2]\n",
    'claims:\n  - {"count":0x1f}\n',
    "claims:\n  - 0b1\n",
    "claims:\n  - id: c\n    count:\n      0x1f\n",
    "claims:\n  - &a {id: c}\n  - *a\n",
    "claims:\n  - !!str 12\n",
    "claims:\n  - ! 12\n",
    "claims:\n  - id: c\n    <<: {kind: score}\n",
    "---\nclaims: []\n",
]


@pytest.mark.parametrize("text", FALSE_ALARMS)
def test_quoted_hashes_and_emphasis_are_not_false_alarms(text, any_size):
    assert not _gated(text)
    assert fast_read(text) == reference(text)


@pytest.mark.parametrize("text", TRUE_POSITIVES)
def test_what_yaml_rs_reads_differently_is_refused(text):
    assert _gated(text)


def test_refused_values_really_differ_between_the_readers():
    import yaml_rs

    for text in ("count: 0x1f\n", "count: 1_000\n", "count: 0o17\n", "count: -0x1f\n"):
        assert yaml_rs.loads(text) != reference(text)


def test_the_shipped_ledger_reads_the_same_both_ways(any_size):
    text = (REPO / "claims.yaml").read_text(encoding="utf-8")
    assert fast_read(text) == reference(text)


def test_a_generated_ledger_takes_the_fast_path_and_reads_the_same(tmp_path, any_size):
    generate.generate(400, tmp_path, seed=2)
    text = (tmp_path / "claims.yaml").read_text(encoding="utf-8")
    assert not _gated(text)  # its sha256s start with 0b... and its quotes hold **bold** figures
    data = fast_read(text)
    assert data is not None and data == reference(text)
    fast = load_ledger(tmp_path / "claims.yaml")
    assert type(fast.ledger.document).__name__ == "FastDocument"
    fastread.FAST_PATH_MIN_CHARS = 10**12
    try:
        slow = load_ledger(tmp_path / "claims.yaml")
    finally:
        fastread.FAST_PATH_MIN_CHARS = 0
    assert type(slow.ledger.document).__name__ != "FastDocument"
    assert fast.diagnostics == slow.diagnostics == []
    assert fast.ledger.claims == slow.ledger.claims
    assert fast.ledger.anchors == slow.ledger.anchors
    assert fast.ledger.positions == slow.ledger.positions
