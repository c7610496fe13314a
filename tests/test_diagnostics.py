"""One broken ledger per diagnostic code, pinning code, line and column."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger import load_ledger
from ledger.core.diagnostics import CODES

from .conftest import OTHER_TEXT, build_ledger, position_of, sha

GOOD_SCORE = """\
- id: one-x-a
  kind: score
  source: one
  topic: benchmark
  quote: "Bench X (0-shot): Model A scores 88.6"
  model: model-a
  benchmark: bench-x
  setting: {shots: 0}
  value: 88.6
"""


def diagnostics(path: Path):
    return load_ledger(path).diagnostics


def only(path: Path, code: str):
    found = [d for d in diagnostics(path) if d.code == code]
    assert found, [d.render() for d in diagnostics(path)]
    return found[0]


def at(diagnostic, path: Path, marker: str, occurrence: int = 1):
    line, column = position_of(path, marker, occurrence)
    assert (diagnostic.location.line, diagnostic.location.column) == (line, column), diagnostic.render()


def test_the_good_ledger_is_clean(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    assert diagnostics(path) == []


def test_y001_syntax_error_at_the_parsers_position(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("  topic: benchmark", "   topic: benchmark"))
    d = only(path, "Y001")
    assert d.location.line == position_of(path, "   topic")[0]


def test_y002_duplicate_key_points_at_the_second_and_names_the_first(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE + "  value: 88.7\n")
    d = only(path, "Y002")
    at(d, path, "value: 88.7")
    assert d.related[0].line == position_of(path, "value: 88.6")[0]


def test_y003_aliases_are_refused(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("topic: benchmark", "topic: &t benchmark"))
    at(only(path, "Y003"), path, "&t")


def test_y004_nesting_limit(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("claims: " + "[" * 100 + "]" * 100 + "\n")
    d = only(path, "Y004")
    assert d.location.line == 1


def test_y005_invalid_utf8_gets_line_and_column(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"version: 1\nclaims:\n  - id: caf\xe9\n")
    d = only(path, "Y005")
    assert (d.location.line, d.location.column) == (3, 12)


def test_y006_top_level_list(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("- a\n- b\n")
    at(only(path, "Y006"), path, "- a")


def test_y007_tags_are_refused(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", "value: !!python/object:os.system x"))
    at(only(path, "Y007"), path, "!!python")


def test_y008_missing_ledger(tmp_path):
    assert only(tmp_path / "nope.yaml", "Y008").location.line == 1


def test_s001_unknown_field_with_did_you_mean(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", "vaule: 88.6"))
    unknown = [d for d in diagnostics(path) if "unknown field" in d.message][0]
    at(unknown, path, "vaule")
    assert "value" in unknown.hint
    missing = [d for d in diagnostics(path) if "missing field 'value'" in d.message][0]
    at(missing, path, "id: one-x-a")  # the claim's mapping starts at its first key


def test_s001_wrong_type_points_at_the_value(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("setting: {shots: 0}", "setting: {shots: 0, cot: yes}"))
    d = only(path, "S001")
    at(d, path, "yes}")
    assert "true or false" in d.hint


def test_s001_unknown_kind(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("kind: score", "kind: scroe"))
    d = only(path, "S001")
    at(d, path, "scroe")
    assert "score" in d.hint


def test_s001_not_a_number(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", "value: .nan"))
    at(only(path, "S001"), path, ".nan")


def test_s002_duplicate_id(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE + GOOD_SCORE)
    d = only(path, "S002")
    at(d, path, "one-x-a", 2)
    assert d.related[0].line == position_of(path, "- id: one-x-a")[0]


def test_s003_unknown_entity_with_did_you_mean_by_alias(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: model a"))
    assert any(d.code == "S001" for d in diagnostics(path))  # not an id at all
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: modle-a"))
    d = only(path, "S003")
    at(d, path, "modle-a")
    assert "model-a" in d.hint


def test_s003_unknown_source(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("source: one", "source: onee"))
    at(only(path, "S003"), path, "onee")


def test_s004_wrong_entity_kind(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: bench-y"))
    at(only(path, "S004"), path, "bench-y", 2)


def test_s005_skip_outside_the_file(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    text = path.read_text().replace("    kind: blog-post\n", "    kind: blog-post\n    skips: [{lines: [3, 900], reason: x}]\n", 1)
    path.write_text(text)
    at(only(path, "S005"), path, "[3, 900]")


def test_a001_quote_not_found_with_closest_passage(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("Model A scores 88.6", "Model A scores 88.7").replace("value: 88.6", "value: 88.7"))
    d = only(path, "A001")
    at(d, path, '"Bench X')
    assert "closest passage (line 3" in d.hint
    assert d.related[0].path.endswith("one.txt") and d.related[0].line == 3


def test_a002_ambiguous_quote(tmp_path):
    claim = GOOD_SCORE.replace('"Bench X (0-shot): Model A scores 88.6"', '"Model A is open source."')
    claim = claim.replace("kind: score", "kind: statement").split("  model:")[0] + "  subject: model-a\n  predicate: open-source\n"
    path = build_ledger(tmp_path, claim)
    d = only(path, "A002")
    at(d, path, '"Model A is open')
    path = build_ledger(tmp_path, claim + "  occurrence: 2\n")
    assert diagnostics(path) == []


def test_a003_number_not_in_quote(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", "value: 88.7"))
    d = only(path, "A003")
    at(d, path, "88.7")
    path = build_ledger(tmp_path, GOOD_SCORE.replace("shots: 0", "shots: 5"))
    at(only(path, "A003"), path, "5}")


def test_a004_changed_source(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    with open(tmp_path / "sources" / "two.txt", "a", encoding="utf-8") as handle:
        handle.write("An added line.\n")
    d = only(path, "A004")
    at(d, path, sha(OTHER_TEXT))


def test_a005_missing_source_file(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    (tmp_path / "sources" / "two.txt").unlink()
    at(only(path, "A005"), path, "sources/two.txt")


@pytest.mark.parametrize("bad_path", ["../outside.txt", "/etc/passwd"])
def test_a006_paths_that_leave_the_ledger(tmp_path, bad_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    path.write_text(path.read_text().replace("file: sources/two.txt", f"file: {bad_path}"))
    at(only(path, "A006"), path, bad_path)


def test_a006_symlink_pointing_outside(tmp_path):
    inner = tmp_path / "ledger"
    inner.mkdir()
    path = build_ledger(inner, GOOD_SCORE)
    (tmp_path / "secret.txt").write_text("secret")
    os.remove(inner / "sources" / "two.txt")
    os.symlink(tmp_path / "secret.txt", inner / "sources" / "two.txt")
    d = only(path, "A006")
    at(d, path, "sources/two.txt")
    assert "secret" not in d.render()


def test_r002_two_reviews_of_one_conflict(tmp_path):
    review = "reviews:\n  - {conflict: C001-0123456789, verdict: confirmed}\n  - {conflict: C001-0123456789, verdict: confirmed}\n"
    path = build_ledger(tmp_path, GOOD_SCORE, extra=review)
    at(only(path, "R002"), path, "C001-0123456789", 2)


def test_diagnostics_are_sorted_by_position(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: modle-a").replace("value: 88.6", "value: 88.7"))
    found = diagnostics(path)
    assert [d.code for d in found] == ["S003", "A003"]
    assert found == sorted(found, key=lambda d: d.location)


def test_rendering_is_path_line_col_code_message(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: modle-a"))
    line, column = position_of(path, "modle-a")
    assert only(path, "S003").render().splitlines()[0] == f"{path}:{line}:{column}: S003 unknown entity 'modle-a'"


def test_every_code_has_a_name_summary_and_example():
    for code, info in CODES.items():
        assert info.code == code and info.name and info.summary and info.example
