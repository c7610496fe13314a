"""The reference YAML reader (ledger/read/yaml_reader.py): each YAML problem of a ledger is
a Y diagnostic at its line and column."""

from __future__ import annotations

from tests.conftest import GOOD_SCORE, at, build_ledger, only, position_of


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


def test_an_integer_of_more_digits_than_python_writes_out_is_y004_not_a_crash():
    from ledger.read.yaml_reader import read_yaml

    document, problems = read_yaml("a: 1" + "0" * 4299 + "\n", "x")
    assert problems == [] and document.data["a"] == 10**4299
    document, problems = read_yaml("a:\n  - -1" + "0" * 4300 + "\n", "x")
    assert document is None and [(p.code, p.location.line, p.location.column) for p in problems] == [("Y004", 2, 5)]
    assert problems[0].message == "a number of 4,301 digits (limit 4,300)"
