"""The reviewer workflow commands: add, review, fmt, new-source; and the pre-commit hooks."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import yaml
from typer.testing import CliRunner

from ledger.cli import edit as cli_edit
from ledger.cli.commands import app
from ledger.write.edit import propose_claim_id
from ledger.read.yaml_reader import read_yaml

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


def test_edits_keep_crlf_and_the_byte_order_mark(commented):
    commented.write_bytes(b"\xef\xbb\xbf" + COMMENTED.replace("\n", "\r\n").encode("utf-8"))
    before = commented.read_bytes()
    result = run("add", "-l", commented, "--source", "one", "--kind", "score", "--quote", "Model C scores 90.1",
                 "--model", "model-c", "--benchmark", "bench-x", "--value", "90.1")
    assert result.exit_code == 0, result.output
    after = commented.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\n" not in after.replace(b"\r\n", b"")
    assert b"\r\n  - id: one-bench-x-model-c\r\n" in after
    added = after.split(b"\r\n\r\n  - id: one-bench-x-model-c")[1].split(b"\r\n  # end of claims")[0]
    assert after.replace(b"\r\n\r\n  - id: one-bench-x-model-c" + added, b"") == before


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


# ------------------------------------------------------------------ add


def test_add_appends_only_the_new_lines(commented):
    before = commented.read_text(encoding="utf-8")
    result = run("add", "-l", commented, "--source", "one", "--kind", "score", "--quote", "Model C scores 90.1",
                 "--model", "Model C", "--benchmark", "bench-x", "--value", "90.1")
    assert result.exit_code == 0, result.output
    assert "added claim one-bench-x-model-c (score)" in result.output
    assert "note: --model 'Model C' is model-c" in result.output
    assert "sources/one.txt:3:" in result.output and "causes no new conflict" in result.output
    after = commented.read_text(encoding="utf-8")
    new_lines = ["", "  - id: one-bench-x-model-c", "    kind: score", "    source: one", "    topic: benchmark",
                 "    quote: Model C scores 90.1", "    model: model-c", "    benchmark: bench-x", "    value: 90.1"]
    at = after.splitlines().index("  - id: one-bench-x-model-c")
    assert after.splitlines()[at - 1:at + 8] == new_lines
    assert only_added(before, after, at, len(new_lines))
    # after the comments that belong to the last claim, before the one that closes the section
    assert after.splitlines()[at - 2] == '    # unit: "%"'
    assert after.splitlines()[at + 8] == "  # end of claims (new claims go above this line)"
    assert run("fmt", "--check", "-l", commented).exit_code == 0
    assert run("check", "-l", commented).exit_code == 0


@pytest.mark.parametrize("args, expected_id", [
    (["--kind", "comparison", "--quote", "Model A scores **88.6**, outperforming Model B", "--subjects", "model-a",
      "--relation", "higher", "--objects", "Model B", "--benchmark", "bench-x", "--words", "outperforming"],
     "one-bench-x-model-a-higher-model-b"),
    (["--kind", "ranking", "--quote", "Model C scores **90.1**", "--subjects", "model-c", "--rank", "first",
      "--category", "general"], "one-general-model-c-first"),
    (["--kind", "tally", "--quote", "Model A scores **88.6**, outperforming Model B", "--subject", "model-a",
      "--relation", "higher", "--benchmarks", "bench-x", "--count", "1", "--total", "1"],
     None),
    (["--kind", "quantity", "--topic", "infrastructure", "--quote", "trained on 16,000 GPUs", "--subject", "model-a",
      "--quantity", "training-gpus", "--value", "16,000", "--unit", "GPUs"], "one-training-gpus-model-a"),
    (["--kind", "statement", "--topic", "licensing", "--quote", "Model A is open source", "--occurrence", "2",
      "--subject", "model-a", "--predicate", "open-source"], "one-open-source-model-a"),
])
def test_add_every_kind(commented, args, expected_id):
    result = run("add", "-l", commented, "--source", "one", *args)
    if expected_id is None:  # "1" is not in that quote: a tally needs its numbers quoted
        assert result.exit_code == 1 and "--count: A003" in result.output, result.output
        return
    assert result.exit_code == 0, result.output
    assert f"added claim {expected_id} " in result.output
    assert run("fmt", "--check", "-l", commented).exit_code == 0
    record = next(r for r in json.loads(run("claims", "-l", commented, "-f", "json").output) if r["id"] == expected_id)
    assert record["source"] == "one" and record["line"] is not None


def test_add_quantity_keeps_the_figure_as_written(commented):
    result = run("add", "-l", commented, "--source", "two", "--kind", "quantity", "--topic", "infrastructure",
                 "--quote", "Model A used over 16,000 GPUs", "--subject", "model-a", "--quantity", "training-gpus",
                 "--value", "16,000", "--unit", "GPUs", "--qualifier", "over")
    assert result.exit_code == 0, result.output
    text = commented.read_text(encoding="utf-8")
    assert '    value: "16,000"\n    unit: GPUs\n    qualifier: over\n' in text
    result = run("add", "-l", commented, "--source", "two", "--kind", "score", "--quote", "Model A scores 88.60",
                 "--model", "model-a", "--benchmark", "bench-x", "--value", "88.60")
    assert result.exit_code == 0, result.output
    assert "    value: 88.60\n" in commented.read_text(encoding="utf-8")


def test_add_refuses_without_writing(commented):
    before = commented.read_bytes()
    cases = [
        (["--quote", "Model C scores 91.1", "--value", "91.1"], 1, "--quote: A001 quote not found"),
        (["--quote", "Model C scores 90.1", "--value", "90.2"], 1, "--value: A003 value 90.2 does not appear"),
        (["--quote", "Model C scores 90.1", "--value", "90.1", "--model", "model-d"], 1,
         "--model: S003 unknown entity 'model-d'"),
        (["--quote", "Model C scores 90.1", "--value", "90.1", "--id", "y-a"], 1, "--id: a claim 'y-a' exists"),
        (["--quote", "Model C scores 90.1", "--value", "90.1", "--id", "Bad Id"], 1, "--id: String should match"),
        (["--quote", "Model C scores 90.1", "--value", "ninety"], 1, "--value: 'ninety' is not a number"),
        (["--quote", "Model C scores 90.1", "--value", "90.1", "--predicate", "x"], 2, "--predicate do(es) not apply"),
    ]
    for extra, code, message in cases:
        args = ["add", "-l", commented, "--source", "one", "--kind", "score", "--benchmark", "bench-x"]
        if "--model" not in extra:
            args += ["--model", "model-c"]
        result = run(*args, *extra)
        assert result.exit_code == code, (extra, result.output)
        assert message in result.output, (extra, result.output)
        assert commented.read_bytes() == before
    assert not list(commented.parent.glob(".claims.yaml.*"))


def test_add_missing_fields_without_a_terminal_is_a_usage_error(commented):
    result = run("add", "-l", commented, "--source", "one", "--kind", "score", "--quote", "Model C scores 90.1")
    assert result.exit_code == 2
    assert "a score claim needs --model, --benchmark, --value" in result.output
    assert "stdin is not a terminal" in result.output
    assert run("add", "-l", commented, "--kind", "score").exit_code == 2


def test_add_asks_for_missing_fields_on_a_terminal(commented, monkeypatch):
    monkeypatch.setattr(cli_edit, "interactive", lambda: True)
    answers = "one\nscore\nModel C scores 90.1\nmodel-x\nModel C\nbench-x\n90.1\n"
    result = run("add", "-l", commented, input=answers)
    assert result.exit_code == 0, result.output
    assert "models: family-a, model-a, model-b, model-c" in result.output  # the vocabulary offered
    assert "unknown model/model-family 'model-x'" in result.output  # asked again
    assert "added claim one-bench-x-model-c (score)" in result.output


def test_add_dry_run_and_proposed_ids(commented):
    before = commented.read_bytes()
    result = run("add", "-l", commented, "--source", "two", "--kind", "score", "--quote",
                 "Model B scores 85.4 on Bench X (5-shot)", "--model", "model-b", "--benchmark", "bench-x",
                 "--value", "85.4", "--shots", "5", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would add claim two-bench-x-model-b" in result.output and "nothing written" in result.output
    assert "    setting: {shots: 5}" in result.output
    assert commented.read_bytes() == before
    assert propose_claim_id({"kind": "score", "source": "one", "benchmark": "bench-y", "model": "model-a"},
                            {"one-bench-y-model-a", "one-bench-y-model-a-2"}) == "one-bench-y-model-a-3"


def test_add_reports_new_conflicts(commented):
    result = run("add", "-l", commented, "--source", "one", "--kind", "comparison", "--quote",
                 "so Model A is “on par” with Model B", "--subjects", "model-a", "--relation", "on-par",
                 "--objects", "model-b", "--benchmark", "bench-y")
    assert result.exit_code == 0, result.output
    assert "causes 1 new conflict(s):" in result.output and "C002-" in result.output


# ------------------------------------------------------------------ review


def _conflict_ids(path):
    return [c["id"] for c in json.loads(run("conflicts", "-l", path, "-f", "json").output)]


def test_review_records_replaces_and_refuses(commented):
    run("add", "-l", commented, "--source", "one", "--kind", "comparison", "--quote",
        "so Model A is “on par” with Model B", "--subjects", "model-a", "--relation", "on-par",
        "--objects", "model-b", "--benchmark", "bench-y")
    [conflict] = _conflict_ids(commented)
    before = commented.read_text(encoding="utf-8")

    missing = run("review", conflict[:-1] + "0", "--verdict", "confirmed", "-l", commented)
    assert missing.exit_code == 1 and f"did you mean {conflict}" in missing.output
    no_note = run("review", conflict, "--verdict", "dismissed", "-l", commented)
    assert no_note.exit_code == 1 and "--note" in no_note.output
    assert run("review", conflict, "-l", commented).exit_code == 2  # --verdict is required
    assert commented.read_text(encoding="utf-8") == before

    recorded = run("review", conflict, "--verdict", "confirmed", "--note", "5.5 points apart", "--reviewer", "jdoe",
                   "-l", commented)
    assert recorded.exit_code == 0, recorded.output
    after = commented.read_text(encoding="utf-8")
    assert after.endswith(f"""\
  # end of claims (new claims go above this line)

reviews:
  - conflict: {conflict}
    verdict: confirmed
    note: "5.5 points apart"
    reviewer: jdoe

# verdicts, once there are conflicts, go below
""")
    assert run("fmt", "--check", "-l", commented).exit_code == 0
    second = run("review", conflict, "--verdict", "dismissed", "--note", "no", "-l", commented)
    assert second.exit_code == 1 and "already has a verdict: confirmed" in second.output
    replaced = run("review", conflict, "--verdict", "resolved", "--note", "the paper says 75.5",
                   "--evidence", "Table 2", "--replace", "-l", commented)
    assert replaced.exit_code == 0, replaced.output
    final = commented.read_text(encoding="utf-8")
    assert "verdict: resolved" in final and "verdict: confirmed" not in final and final.count("conflict: C") == 1
    assert json.loads(run("conflicts", "-l", commented, "-f", "json").output)[0]["review"]["evidence"] == "Table 2"
    assert run("check", "-l", commented).exit_code == 0


def test_review_reads_the_reviewer_from_the_environment(commented, monkeypatch):
    run("add", "-l", commented, "--source", "one", "--kind", "comparison", "--quote",
        "so Model A is “on par” with Model B", "--subjects", "model-a", "--relation", "on-par",
        "--objects", "model-b", "--benchmark", "bench-y")
    [conflict] = _conflict_ids(commented)
    monkeypatch.setenv("LEDGER_REVIEWER", "rroe")
    assert run("review", conflict, "--verdict", "confirmed", "-l", commented).exit_code == 0
    assert "    reviewer: rroe\n" in commented.read_text(encoding="utf-8")


def test_a_changed_file_is_not_overwritten(commented, monkeypatch):
    from ledger.write import files as safe_write

    monkeypatch.setattr(safe_write, "_current", lambda path: b"edited meanwhile\n")
    result = run("add", "-l", commented, "--source", "one", "--kind", "score", "--quote", "Model C scores 90.1",
                 "--model", "model-c", "--benchmark", "bench-x", "--value", "90.1")
    assert result.exit_code == 1 and "changed on disk since it was read" in result.output
    assert commented.read_text(encoding="utf-8") == COMMENTED


# ------------------------------------------------------------------ text edits


# ------------------------------------------------------------------ new-source


def test_new_source_registers_a_write_up(commented, tmp_path):
    incoming = tmp_path / "elsewhere" / "three.md"
    incoming.parent.mkdir()
    incoming.write_text("# Model A, again\n\nBy Jane Roe and John Doe\nJuly 23, 2024\n\n"
                        "Model A scores 91.0 on Bench X. Model B is not open source.\n", encoding="utf-8")
    before = commented.read_text(encoding="utf-8")
    result = run("new-source", incoming, "--kind", "article", "-l", commented)
    assert result.exit_code == 0, result.output
    assert "registered source roe (article): " in result.output
    assert "not covered: Model A scores 91.0 on Bench X." in result.output
    assert "figures covered" in result.output  # the coverage table
    assert (commented.parent / "sources" / "three.md").read_bytes() == incoming.read_bytes()
    after = commented.read_text(encoding="utf-8")
    entry = f"""
  - id: roe
    file: sources/three.md
    title: "Model A, again"
    authors: [Jane Roe, John Doe]
    publisher: null
    published: "2024-07-23"
    url: null
    kind: article
    sha256: "{sha(incoming.read_text(encoding='utf-8'))}"
    skips: []
"""
    assert entry in after
    assert after.replace(entry, "", 1) == before
    assert run("fmt", "--check", "-l", commented).exit_code == 0
    assert run("check", "-l", commented).exit_code == 0

    again = run("new-source", incoming, "-l", commented)
    assert again.exit_code == 1 and "registered already" in again.output
    renamed = run("new-source", tmp_path / "elsewhere" / "three.md", "--id", "other", "-l", commented)
    assert renamed.exit_code == 1 and "registered already" in renamed.output
    (commented.parent / "sources" / "stray.md").write_text("Not registered, not this text.\n", encoding="utf-8")
    other = tmp_path / "elsewhere2" / "stray.md"
    other.parent.mkdir()
    other.write_text("A different text.\n", encoding="utf-8")
    clash = run("new-source", other, "-l", commented)
    assert clash.exit_code == 1 and "holds a different text" in clash.output
    assert (commented.parent / "sources" / "stray.md").read_text(encoding="utf-8") == "Not registered, not this text.\n"
    assert commented.read_text(encoding="utf-8") == after
    assert run("new-source", tmp_path / "nope.md", "-l", commented).exit_code == 2


def test_new_source_undoes_the_copy_when_the_ledger_refuses(commented, tmp_path):
    incoming = tmp_path / "four.md"
    incoming.write_text("Some text.\n", encoding="utf-8")
    result = run("new-source", incoming, "--id", "Not-Kebab", "-l", commented)
    assert result.exit_code == 1 and "--id" in result.output
    assert not (commented.parent / "sources" / "four.md").exists()
    assert commented.read_text(encoding="utf-8") == COMMENTED


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


def test_workflow_commands_have_help():
    for name in ("schema", "add", "review", "fmt", "new-source"):
        result = run(name, "--help")
        assert result.exit_code == 0 and "--ledger" in result.output and "Exit" in result.output, name


