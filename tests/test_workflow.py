"""The reviewer workflow commands: add, review, fmt, new-source; and the pre-commit hooks."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from ledger.cli.commands import app

from .conftest import OTHER_TEXT, REPO, SOURCE_TEXT, sha

COMMENTED = f"""\
# yaml-language-server: $schema=ledger.schema.json
# A small ledger, with comments in every kind of place.

version: 1

settings:
  tolerances:
    on_par: 1.0          # "on par": |a - b| <= 1.0
    slightly: 2.0
    significantly: 3.0
    about: 0.1

sources:
  # the first write-up
  - id: one
    file: sources/one.txt
    title: Source one
    authors: []
    kind: blog-post  # as it calls itself
    sha256: "{sha(SOURCE_TEXT)}"

  - id: two
    file: sources/two.txt
    title: Source two
    kind: article
    sha256: "{sha(OTHER_TEXT)}"

entities:
  - {{id: family-a, kind: model-family, name: Family A}}
  - {{id: model-a, kind: model, name: Model A, family: family-a, aliases: [Model A]}}
  # the competitors
  - {{id: model-b, kind: model, name: Model B, aliases: [Model B]}}
  - {{id: model-c, kind: model, name: Model C, aliases: [Model C]}}
  - {{id: bench-x, kind: benchmark, name: Bench X, category: general, metric: accuracy, unit: "%"}}
  - {{id: bench-y, kind: benchmark, name: Bench Y, category: general, metric: accuracy, unit: "%"}}

claims:
  - id: y-a
    kind: score
    source: one
    topic: benchmark
    quote: Model A scores 70.0
    model: model-a
    benchmark: bench-y
    value: 70.0
    # note: check the setting

  - id: y-b
    kind: score
    source: one
    topic: benchmark
    quote: Model B scores 75.5
    model: model-b
    benchmark: bench-y
    value: 75.5  # as printed
    # unit: "%"
  # end of claims (new claims go above this line)

# verdicts, once there are conflicts, go below
"""


def run(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def commented(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "one.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (tmp_path / "sources" / "two.txt").write_text(OTHER_TEXT, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def only_added(before: str, after: str, first_line: int, count: int) -> bool:
    """``after`` is ``before`` with ``count`` lines inserted at line ``first_line``."""
    lines = after.splitlines(keepends=True)
    return "".join(lines[:first_line - 1] + lines[first_line - 1 + count:]) == before


# ------------------------------------------------------------------ fmt


def test_shipped_ledger_is_canonical():
    """`ledger fmt --check` on the shipped claims.yaml. If this fails, run `ledger fmt` on it."""
    result = run("fmt", "--check", "-l", REPO / "claims.yaml")
    assert result.exit_code == 0, result.output[:3000]


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


# ------------------------------------------------------------------ add


# ------------------------------------------------------------------ review


def _conflict_ids(path):
    return [c["id"] for c in json.loads(run("conflicts", "-l", path, "-f", "json").output)]


# ------------------------------------------------------------------ text edits


# ------------------------------------------------------------------ new-source


# ------------------------------------------------------------------ pre-commit


def test_pre_commit_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"ledger-check", "ledger-fmt"}
    assert hooks["ledger-check"]["entry"] == "ledger check"
    assert hooks["ledger-fmt"]["entry"] == "ledger fmt --check"
    import re

    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert re.search(hook["files"], "claims.yaml")
    assert re.search(hooks["ledger-check"]["files"], "sources/001_a5afa484fc0162a3.txt")
    assert not re.search(hooks["ledger-fmt"]["files"], "sources/001_a5afa484fc0162a3.txt")


