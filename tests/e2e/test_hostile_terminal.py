"""What reaches the terminal, and what an eye ignores (issue 16, items 13 to 16): the whole program.

* 13: stdout on a full disk is "cannot write the output" with an exit status of its own (3);
  a reader that went away (``ledger claims | head -1``) is not reported.
* 14: text from the ledger or a source never reaches the terminal raw: control characters,
  C1 controls, DEL and bidi overrides are shown escaped (``\\x1b``) by every text format, and
  escaped as JSON escapes them by the JSON ones; ledger text is never read as rich markup.
* 15: quotes match after Unicode NFC normalization, zero-width characters ignored on both sides,
  positions still in the original file.
* 16: every command numbers a source's lines the same way ("\\r\\n", "\\r" and "\\n" each end one).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata

import pytest

from tests.conftest import CLI_CLAIMS, OTHER_TEXT, REPO, SOURCE_TEXT, build_ledger, run

# ------------------------------------------------------------------ 13: the output cannot be written


def _ledger(*args, stdout, cwd=None, close_stdout=False):
    env = {**os.environ, "LEDGER_NO_CACHE": "1", "PYTHONPATH": str(REPO)}
    env.pop("LEDGER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "ledger", *map(str, args)], stdout=stdout, stderr=subprocess.PIPE,
                          cwd=cwd, env=env, timeout=120, preexec_fn=(lambda: os.close(1)) if close_stdout else None)


FULL_DISK_COMMANDS = [
    ("check",),  # a short text, written when the program flushes at its end
    ("claims",),  # a rich table
    ("claims", "-f", "json"),
    ("show", "y-a"),
    ("conflicts",),
    ("explain", "A001"),  # no ledger at all
    ("schema",),  # a long text (tens of kilobytes), written while the command runs
]


@pytest.mark.parametrize("command", FULL_DISK_COMMANDS, ids=" ".join)
def test_a_full_disk_is_cannot_write_the_output_with_an_exit_status_of_its_own(tmp_path, command):
    path = build_ledger(tmp_path, CLI_CLAIMS)
    args = [*command, "--ledger", path] if command[0] not in ("explain", "schema") else command
    with open("/dev/full", "w") as full:
        done = _ledger(*args, stdout=full, cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 3, stderr
    assert stderr == "ledger: cannot write the output: No space left on device\n"


def test_a_closed_standard_output_is_cannot_write_the_output(tmp_path):
    """``ledger check >&-``: was a traceback (AttributeError at the exit's flush)."""
    path = build_ledger(tmp_path, CLI_CLAIMS)
    done = _ledger("check", "--ledger", path, stdout=None, cwd=tmp_path, close_stdout=True)
    assert (done.returncode, done.stderr.decode()) == (3, "ledger: cannot write the output: standard output is closed\n")


@pytest.mark.parametrize("command", [("claims",), ("claims", "-f", "json"), ("schema",)], ids=" ".join)
def test_a_reader_that_went_away_is_not_reported(tmp_path, command):
    """``ledger claims | head -1``: the pipe is closed before the first write, deterministically."""
    path = build_ledger(tmp_path, CLI_CLAIMS)
    args = [*command, "--ledger", path] if command[0] != "schema" else command
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = _ledger(*args, stdout=write_end, cwd=tmp_path)
    finally:
        os.close(write_end)
    assert done.stderr.decode() == ""
    assert done.returncode == 1  # as before: not 0 (the output is incomplete), not 3 (nothing to report)


# ------------------------------------------------------------------ 14: control characters made visible

# Every character a terminal may obey: C0 but tab and newline, DEL, C1, bidi embeddings,
# overrides and isolates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

EVIL_LINES = (
    "Intro \x1b]0;pwned\x07 line, a title set by the text.\n"
    "Model B got 75.5 on Bench Y \u202egnp.exe\u202c today.\n"
    "A sentence with the figure 42 \x9b31m and a DEL \x7f that no claim covers at all.\n"
)
EVIL_SOURCE = SOURCE_TEXT + EVIL_LINES  # lines 7 to 9

EVIL_NOTE = r"\e[8mhidden\e[0m \e]0;title\a \x9b \x7f \u202e"  # legal YAML escapes
EVIL_NOTE_TEXT = "\x1b[8mhidden\x1b[0m \x1b]0;title\x07 \x9b \x7f \u202e"

EVIL_CLAIMS = f"""
- {{id: y-a, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, value: "70.0", note: "{EVIL_NOTE}"}}
- {{id: y-b, kind: score, source: one, topic: benchmark, quote: "Model B got 75.5 on Bench Y \\u202egnp.exe", model: model-b, benchmark: bench-y, value: 75.5}}
- {{id: par, kind: comparison, source: one, topic: benchmark, quote: "so Model A is “on par” with Model B", subjects: [model-a], relation: on-par, objects: [model-b], benchmark: bench-y, words: on par}}
"""


def _evil(tmp_path, *, review=True, bad_quote=False):
    claims = EVIL_CLAIMS
    if bad_quote:  # A001, its hint quoting the closest passage: the source's raw text
        claims += ('- {id: lost, kind: statement, source: one, topic: model, quote: "Intro pwned line, a title",'
                   ' subject: model-a, predicate: p}\n')
    path = build_ledger(tmp_path, claims, sources={"one": EVIL_SOURCE, "two": OTHER_TEXT},
                        entities=ENTITIES_EVIL)
    text = path.read_text(encoding="utf-8").replace("title: Source one", 'title: "Source \\e[2Jone \\x85"')
    path.write_text(text, encoding="utf-8")
    if review:
        [conflict] = json.loads(run("conflicts", "-l", path, "-f", "json", ok=True).output)
        path.write_text(text + f'reviews:\n  - {{conflict: {conflict["id"]}, verdict: confirmed, '
                        f'note: "looked \\e[31mred\\e[0m"}}\n', encoding="utf-8")
    return path


ENTITIES_EVIL = """\
entities:
  - {id: family-a, kind: model-family, name: Family A}
  - {id: model-a, kind: model, name: Model A, family: family-a, aliases: [Model A]}
  - {id: model-b, kind: model, name: "Model B\\e[2J\\u2066", aliases: [Model B]}
  - {id: model-c, kind: model, name: Model C, aliases: [Model C]}
  - {id: bench-x, kind: benchmark, name: Bench X, category: general, metric: accuracy, unit: "%"}
  - {id: bench-y, kind: benchmark, name: Bench Y, category: general, metric: accuracy, unit: "%"}
"""


def _assert_visible(text):
    raw = sorted({f"U+{ord(c):04X}" for c in RAW.findall(text)})
    assert not raw, f"raw control characters reach the terminal: {raw}\n{text}"


TEXT_COMMANDS = [
    ("show", "y-a"),
    ("show", "y-b", "--context", "3"),
    ("claims",),
    ("claims", "-f", "csv"),
    ("conflicts",),
    ("conflicts", "-f", "markdown"),
    ("conflicts", "-f", "github"),
    ("sources",),
    ("coverage",),
    ("matrix",),
    ("check",),
    ("export", "--to", "model-index", "-o", "-"),  # YAML: the same text once read
    ("export", "--to", "csv", "-o", "-"),
]


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=" ".join)
def test_text_formats_show_control_characters_escaped(tmp_path, command):
    path = _evil(tmp_path)
    result = run(*command, "--ledger", path)
    assert result.exit_code == 0, result.output
    _assert_visible(result.output)


def test_show_prints_the_note_and_the_passage_escaped(tmp_path):
    path = _evil(tmp_path)
    shown = run("show", "y-a", "--ledger", path, ok=True).output
    assert r"note: \x1b[8mhidden\x1b[0m \x1b]0;title\x07 \x9b \x7f \u202e" in shown
    passage = run("show", "y-b", "--ledger", path, "--context", "1", ok=True).output
    assert "    7 | Intro \\x1b]0;pwned\\x07 line, a title set by the text.\n" in passage
    assert "    8 | [[Model B got 75.5 on Bench Y \\u202egnp.exe]]\\u202c today.\n" in passage
    assert "Model B\\x1b[2J" in run("claims", "--ledger", path, ok=True).output
    assert "Source \\x1b[2Jone" in run("sources", "--ledger", path, ok=True).output
    conflicts = run("conflicts", "--ledger", path, ok=True).output
    assert "verdict: confirmed: looked \\x1b[31mred\\x1b[0m" in conflicts
    coverage = run("coverage", "--ledger", path, ok=True).output
    assert "42 \\x9b31m and a DEL \\x7f that" in coverage


def test_on_a_terminal_too(tmp_path, monkeypatch):
    """With colour (a terminal), the styles are the only escape sequences."""
    path = _evil(tmp_path)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    for command in (("show", "y-b", "--context", "3"), ("conflicts",), ("claims",), ("coverage",)):
        shown = run(*command, "--ledger", path, ok=True).output
        assert "\x1b[" in shown  # rich's own styles: this is the terminal case
        for raw in ("\x1b[8m", "\x1b]", "\x1b[2J", "\x07", "\x9b", "\x7f", "\u202e", "\u202c"):
            assert raw not in shown, (command, raw)


def test_check_diagnostics_are_escaped(tmp_path):
    path = _evil(tmp_path, review=False, bad_quote=True)
    result = run("check", "--ledger", path)
    assert result.exit_code == 1
    assert "A001" in result.output and "Intro \\x1b0;pwned\\x07 line" in result.output  # folded: no "]"
    _assert_visible(result.output)
    loaded = run("show", "y-a", "--ledger", path)  # the diagnostics go to stderr
    _assert_visible(loaded.output)


JSON_COMMANDS = [
    ("claims", "-f", "json"),
    ("conflicts", "-f", "json"),
    ("conflicts", "-f", "sarif"),
    ("sources", "-f", "json"),
    ("coverage", "-f", "json"),
    ("matrix", "-f", "json"),
    ("export", "--to", "json", "-o", "-"),
    ("export", "--to", "annotations", "-o", "-"),
    ("check", "-f", "json"),
]


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=" ".join)
def test_json_formats_escape_control_characters_as_json_does(tmp_path, command):
    path = _evil(tmp_path)
    result = run(*command, "--ledger", path)
    assert result.exit_code == 0, result.output
    _assert_visible(result.output)
    json.loads(result.stdout)  # and it is still JSON, with the exact text in it:
    if command[0] == "claims":
        assert json.loads(result.output)[0]["note"] == EVIL_NOTE_TEXT


def test_json_diagnostics_keep_the_exact_text(tmp_path):
    path = _evil(tmp_path, review=False, bad_quote=True)
    result = run("check", "--ledger", path, "-f", "json")
    _assert_visible(result.output)
    [a001] = [d for d in json.loads(result.output) if d["code"] == "A001"]
    assert "Intro \x1b0;pwned\x07 line" in a001["hint"]


def test_ledger_text_is_never_rich_markup(tmp_path):
    """Brackets in a source or a claim are text: "[figures not covered: 42]", a markdown link
    and a statement's [qualifiers] were swallowed as rich markup."""
    source = ("Model A scores 70.0 on Bench Y.\n"
              "See [the table](http://x.example/t) for the 42 other results we measured there.\n"
              "The [bold]ratio[/bold] went up by 7 points across every benchmark we ran.\n")
    claims = ('- {id: y-a, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a,'
              ' benchmark: bench-y, value: "70.0"}\n'
              '- {id: st, kind: statement, source: one, topic: model, quote: "Model A scores 70.0 on Bench Y",'
              ' subject: model-a, predicate: scores, qualifiers: [text-quality, red]}\n')
    path = build_ledger(tmp_path, claims, sources={"one": source})
    coverage = run("coverage", "--ledger", path, ok=True).output
    assert "See [the table](http://x.example/t) for the 42 other results we measured there.  " \
           "[figures not covered: 42]" in coverage
    assert "The [bold]ratio[/bold] went up by 7 points" in coverage
    claims_table = run("claims", "--ledger", path, ok=True).output
    assert "Model A: scores [text-quality, red]" in claims_table
    assert "Model A: scores [text-quality, red]" in run("show", "st", "--ledger", path, ok=True).output


# ------------------------------------------------------------------ 15: NFC and zero-width characters

def _one_claim(tmp_path, source_text, quote, value="70.0"):
    claim = (f'- {{id: q, kind: score, source: one, topic: benchmark, quote: "{quote}", model: model-a,'
             f' benchmark: bench-y, value: "{value}"}}\n')
    return build_ledger(tmp_path, claim, sources={"one": source_text})


NFC_CAFE = unicodedata.normalize("NFC", "café")
NFD_CAFE = unicodedata.normalize("NFD", "café")


@pytest.mark.parametrize("source_word, quote_word", [(NFC_CAFE, NFD_CAFE), (NFD_CAFE, NFC_CAFE)],
                         ids=["NFD quote, NFC source", "NFC quote, NFD source"])
def test_a_quote_in_another_normalization_form_anchors(tmp_path, source_word, quote_word):
    before = f"First line.\nAt the {source_word} "
    source = before + f"{source_word}: Model A scores 70.0 at the {source_word}.\n"
    path = _one_claim(tmp_path, source, f"the {quote_word} {quote_word}: Model A scores 70.0 at the {quote_word}")
    result = run("check", "--ledger", path)
    assert result.exit_code == 0, result.output
    [record] = json.loads(run("claims", "-f", "json", "--ledger", path, ok=True).output)
    start = source.index("the ")
    end = len(source) - 2  # the quote ends with the source's last word, accents and all
    assert (record["line"], record["column"]) == (2, start - len("First line.\n") + 1)
    assert (record["end_line"], record["end_column"]) == (2, end - len("First line.\n") + 1)
    shown = run("show", "q", "--ledger", path, ok=True).output
    assert f"    2 | At [[the {source_word} {source_word}: Model A scores 70.0 at the {source_word}]].\n" in shown


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"],
                         ids=["ZWSP", "ZWNJ", "ZWJ", "WJ", "SHY", "BOM"])
def test_zero_width_characters_are_ignored_on_both_sides(tmp_path, invisible):
    source = f"Intro.\nModel A sco{invisible}res 70.0 on{invisible} Bench Y.\n"
    path = _one_claim(tmp_path, source, "Model A scores 70.0 on Bench Y")
    assert run("check", "--ledger", path).exit_code == 0
    [record] = json.loads(run("claims", "-f", "json", "--ledger", path, ok=True).output)
    assert (record["line"], record["column"], record["end_line"], record["end_column"]) == \
        (2, 1, 2, len("Model A scores 70.0 on Bench Y") + 2 + 1)
    path = _one_claim(tmp_path, "Intro.\nModel A scores 70.0 on Bench Y.\n",
                      f"Model{invisible} A scores 70.0 on Bench{invisible} Y")
    assert run("check", "--ledger", path).exit_code == 0


# ------------------------------------------------------------------ 16: one way to number lines

@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"], ids=["CR", "CRLF", "LF"])
def test_show_numbers_lines_as_the_anchor_does(tmp_path, newline):
    lines = ["one", "two", "three", "four", "Model A scores 70.0 here.", "six", "seven", "eight"]
    path = _one_claim(tmp_path, newline.join(lines) + newline, "Model A scores 70.0")
    [record] = json.loads(run("claims", "-f", "json", "--ledger", path, ok=True).output)
    assert (record["line"], record["column"]) == (5, 1)
    shown = run("show", "q", "--ledger", path, ok=True).output
    assert "sources/one.txt:5:1\n" \
           "    3 | three\n    4 | four\n    5 | [[Model A scores 70.0]] here.\n    6 | six\n    7 | seven\n" in shown


@pytest.mark.parametrize("separator", ["\x0c", "\x0b", "\x1c", "\x85", "\u2028", "\u2029"],
                         ids=["FF", "VT", "FS", "NEL", "LS", "PS"])
def test_characters_that_end_no_line_end_no_line_in_show(tmp_path, separator):
    """str.splitlines ends a line at each of these; the anchor (and the report) does not."""
    source = f"one\ntwo {separator} still two\nModel A scores 70.0 here.\nfour\n"
    path = _one_claim(tmp_path, source, "Model A scores 70.0")
    [record] = json.loads(run("claims", "-f", "json", "--ledger", path, ok=True).output)
    assert record["line"] == 3
    shown = run("show", "q", "--ledger", path, ok=True).output
    assert "    3 | [[Model A scores 70.0]] here.\n" in shown


def test_coverage_numbers_lines_as_the_anchor_does(tmp_path):
    source = "one\rtwo \x0c still two\rModel A scores 70.0 here.\rModel B scores 75.5 on Bench Y, uncovered.\r"
    path = _one_claim(tmp_path, source, "Model A scores 70.0")
    [report] = json.loads(run("coverage", "-f", "json", "--ledger", path, ok=True).output)
    assert [s["line"] for s in report["uncovered"]] == [4]
