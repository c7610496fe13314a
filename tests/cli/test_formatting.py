"""`ledger schema` and `ledger fmt` (ledger/cli/formatting.py)."""

from __future__ import annotations

from decimal import Decimal

from ledger.output.schema import schema_text
from ledger.read.yaml_reader import read_yaml
from tests.conftest import build_ledger, run


def test_schema_output_and_check(tmp_path):
    target = tmp_path / "ledger.schema.json"
    assert run("schema", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    assert run("schema", "--check", "-o", target).exit_code == 0
    target.write_text("{}\n", encoding="utf-8")
    stale = run("schema", "--check", "-o", target)
    assert stale.exit_code == 1 and "out of date" in stale.output and "+++ ledger schema" in stale.output
    path = build_ledger(tmp_path, "")
    assert run("schema", "--check", "-l", path).exit_code == 1  # default: ledger.schema.json next to the ledger


MESSY = """\
---
# header comment
claims:   # all the claims
# col-1 comment before the first claim
- kind: score   # the kind
  id: a-score
  value: 88.60
  source: one
  quote: 'Model A scores 88.6'
  topic: benchmark
  setting: {cot: true,
     # inside a flow mapping
     shots: 0}
  model: model-a
  benchmark: bench-x
  # note: a commented-out field at the end of claim a
-   id: b-stmt
    kind: statement
    source: one
    topic: licensing
    quote: >-
      Model A is
      open source.
    subject: model-a    # aligned
    predicate: open-source  # aligned too
    qualifiers: [a,  # first
      b]  # last
  # a commented-out claim, indented inside the last one
settings:
    tolerances: {about: 0.1, on_par: 1.0}
version: 1
entities:
  - id: model-a
    kind: model
    name: Model A
    aliases: ["Model A"]   # trailing on aliases
  -   {id: bench-x, name: Bench X, kind: benchmark, category: general}
sources: [{id: one, file: sources/one.txt, title: "Source one", kind: blog-post, sha256: "abc"}]
reviews:
# end of file
"""

MESSY_FORMATTED = """\
# header comment

version: 1

settings:
  tolerances:
    on_par: 1.0
    about: 0.1

sources:
  - id: one
    file: sources/one.txt
    title: Source one
    kind: blog-post
    sha256: abc

entities:
  - {id: model-a, kind: model, name: Model A, aliases: [Model A]}  # trailing on aliases
  - {id: bench-x, kind: benchmark, name: Bench X, category: general}

claims:   # all the claims
  # col-1 comment before the first claim
  - id: a-score
    kind: score  # the kind
    source: one
    topic: benchmark
    quote: Model A scores 88.6
    model: model-a
    benchmark: bench-x
    # inside a flow mapping
    setting: {shots: 0, cot: true}
    value: 88.60
    # note: a commented-out field at the end of claim a

  - id: b-stmt
    kind: statement
    source: one
    topic: licensing
    quote: Model A is open source.
    subject: model-a    # aligned
    predicate: open-source  # aligned too
    # first
    qualifiers: [a, b]  # last
    # a commented-out claim, indented inside the last one

reviews: []

# end of file
"""


def test_fmt_messy_fixture(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(MESSY, encoding="utf-8")
    check = run("fmt", "--check", "-l", path)
    assert check.exit_code == 1
    assert "--- " in check.output and "+++ " in check.output and "+  - id: a-score" in check.output
    assert path.read_text(encoding="utf-8") == MESSY  # --check writes nothing
    result = run("fmt", "-l", path)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == MESSY_FORMATTED
    assert run("fmt", "--check", "-l", path).exit_code == 0
    assert run("fmt", "-l", path).exit_code == 0 and path.read_text(encoding="utf-8") == MESSY_FORMATTED
    before, after = read_yaml(MESSY, "a")[0].data, read_yaml(MESSY_FORMATTED, "b")[0].data
    assert after["claims"][0]["value"] == Decimal("88.60") and str(after["claims"][0]["value"]) == "88.60"
    assert before["claims"] == after["claims"] and before["entities"] == after["entities"]


def test_fmt_refuses_broken_yaml(tmp_path):
    path = tmp_path / "claims.yaml"
    broken = "version: 1\nclaims:\n  - id: a\n   kind: score\n"
    path.write_text(broken, encoding="utf-8")
    result = run("fmt", "-l", path)
    assert result.exit_code == 1 and "Y001" in result.output and f"{path}:4:" in result.output
    assert path.read_text(encoding="utf-8") == broken
    path.write_text("a: &x 1\nb: *x\n", encoding="utf-8")
    assert run("fmt", "-l", path).exit_code == 1
    assert run("fmt", "-l", tmp_path / "missing.yaml").exit_code == 1


def test_fmt_crlf_and_bom_are_not_canonical(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"\xef\xbb\xbfversion: 1\r\n")
    result = run("fmt", "--check", "-l", path)
    assert result.exit_code == 1 and "line endings or byte-order mark" in result.output
    assert run("fmt", "-l", path).exit_code == 0 and path.read_bytes() == b"version: 1\n"
