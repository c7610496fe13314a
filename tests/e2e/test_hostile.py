"""Hostile and surprising ledgers: a located diagnostic and exit 1, fast, never a traceback."""

from __future__ import annotations

import time

import pytest

from ledger import load_ledger
from tests.conftest import GOOD_SCORE, build_ledger, position_of, run


def codes(path):
    return [d.code for d in load_ledger(path).diagnostics]


def timed_codes(path, budget=2.0):
    start = time.perf_counter()
    found = codes(path)
    # not a benchmark: a generous ceiling that only a runaway (quadratic, expansion) would cross
    assert time.perf_counter() - start < budget * 10
    return found


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
claims: *i
"""


def test_alias_bomb_is_refused_at_the_first_anchor(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text(BILLION_LAUGHS)
    result = load_ledger(path)
    assert [d.code for d in result.diagnostics] == ["Y003"]
    assert result.diagnostics[0].location.line == 1


def test_very_deep_nesting_is_refused_not_crashed(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("claims: " + "[" * 100_000 + "]" * 100_000 + "\n")  # the C composer would segfault
    assert timed_codes(path) == ["Y004"]


def test_deep_block_nesting(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("".join(" " * i + "a:\n" for i in range(500)))
    assert timed_codes(path) == ["Y004"]


def test_huge_scalar_is_refused(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n  - id: x\n    quote: \"" + "a" * 2_000_000 + "\"\n")
    assert timed_codes(path) == ["Y004"]


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "claims.yaml"
    with open(path, "w") as handle:
        handle.write("# " + "x" * 1000 + "\n")
        handle.truncate(65 * 1024 * 1024)
    result = load_ledger(path)
    assert [d.code for d in result.diagnostics] == ["Y004"]
    assert "bytes" in result.diagnostics[0].message


def test_limits_can_be_raised_from_the_cli(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    tight = run("--max-bytes", "100", "check", "--ledger", path)
    assert tight.exit_code == 1 and "Y004" in tight.output and "--max-bytes" in tight.output
    assert run("--max-bytes", "100000000", "check", "--ledger", path).exit_code == 0


def test_hundreds_of_thousands_of_keys(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE + "".join(f"  k{i}: 1\n" for i in range(200_000)))
    found = timed_codes(path, budget=5)
    assert found.count("S001") == 1000 and "Y009" in found


def test_many_claims_with_missing_quotes_stay_fast(tmp_path):
    claims = "".join(GOOD_SCORE.replace("one-x-a", f"c{i}").replace("scores 88.6", f"scores 88.6 zz{i}") for i in range(2000))
    found = timed_codes(build_ledger(tmp_path, claims), budget=5)
    assert found.count("A001") == 1000 - 0 or found[-1] == "Y009"


def test_quote_crafted_against_matching_stays_linear(tmp_path):
    text = "a" * 1_000_000 + "\n"
    quote = "a" * 4_999 + "b"
    claim = GOOD_SCORE.replace('"Bench X (0-shot): Model A scores 88.6"', f'"{quote}"').replace("value: 88.6", "value: 1") \
        .replace("kind: score", "kind: statement").split("  model:")[0] + "  subject: model-a\n  predicate: p\n"
    path = build_ledger(tmp_path, claim, sources={"one": text})
    assert timed_codes(path) == ["A001"]


@pytest.mark.parametrize(("yaml_text", "marker", "hint"), [
    ("value: yes", "yes", ""),
    ("value: on", "on", ""),
    ("value: .inf", ".inf", "infinity"),
    ("value: .nan", ".nan", "not-a-number"),
    ("value: 1e999", "1e999", ""),
    ("value: 2024-01-01", "2024-01-01", ""),
    ("value: 1:20", "1:20", ""),
])
def test_yaml_11_surprises_in_values(tmp_path, yaml_text, marker, hint):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", yaml_text))
    result = load_ledger(path)
    assert result.diagnostics, yaml_text
    first = result.diagnostics[0]
    assert first.code in ("S001", "A003"), first.render()
    assert first.location.line == position_of(path, yaml_text)[0]
    assert first.location.column == position_of(path, yaml_text)[1] + len("value: ")
    assert hint in first.hint


def test_percent_sign_in_a_value_is_read_as_the_number(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", "value: 88.6%"))
    result = load_ledger(path)
    assert result.diagnostics == []
    assert str(result.ledger.claims["one-x-a"].value.value) == "88.6"


def test_octal_looking_number_is_decimal_and_then_checked_against_the_quote(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("shots: 0", "shots: 00"))
    assert codes(path) == []  # 00 is zero, as in the quote
    path = build_ledger(tmp_path, GOOD_SCORE.replace("shots: 0", "shots: 012"))
    assert codes(path) == ["A003"]  # 12, not octal 10: and not in the quote


def test_tabs_bom_crlf_and_empty(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    text = path.read_text()
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert codes(path) == []
    path.write_text(text.replace("value: 88.6", "value: 88.7").replace("\n", "\r\n"), newline="")
    [d] = load_ledger(path).diagnostics
    assert d.code == "A003" and d.location.line == text.count("\n", 0, text.index("value: 88.6")) + 1
    path.write_text(text.replace("  topic: benchmark", "\ttopic: benchmark"))
    assert codes(path) == ["Y001"]
    path.write_text("")
    assert codes(path) == ["Y006"]
    path.write_text("# only a comment\n")
    assert codes(path) == ["Y006"]


@pytest.mark.parametrize("top", ["- a\n- b\n", "just a scalar\n", "42\n", "---\na: 1\n---\nb: 2\n"])
def test_top_level_not_a_mapping(tmp_path, top):
    path = tmp_path / "claims.yaml"
    path.write_text(top)
    assert codes(path) == ["Y006"]


def test_invalid_utf8_in_a_source(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    raw = b"Model A \xff\xfe scores 88.6\n"
    (tmp_path / "sources" / "two.txt").write_bytes(raw)
    import hashlib
    text = path.read_text()
    import re
    bad_sha = hashlib.sha256(raw).hexdigest()
    shas = re.findall(r"sha256: ([0-9a-f]{64})", text)
    path.write_text(text.replace(shas[1], bad_sha))
    assert codes(path) == ["A005"]


def test_source_that_is_a_directory(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    (tmp_path / "sources" / "two.txt").unlink()
    (tmp_path / "sources" / "two.txt").mkdir()
    assert codes(path) == ["A005"]


def test_nothing_outside_the_ledger_folder_is_printed(tmp_path):
    inner = tmp_path / "ledger"
    inner.mkdir()
    path = build_ledger(inner, GOOD_SCORE)
    (tmp_path / "secret.txt").write_text("TOP SECRET 88.6\n")
    path.write_text(path.read_text().replace("file: sources/one.txt", "file: ../secret.txt"))
    result = run("check", "--ledger", path)
    assert result.exit_code == 1 and "A006" in result.output
    assert "TOP SECRET" not in result.output
