"""Hostile reading (issue 16, items 7 and 9 to 12): what the loader reads and how.

- the ledger file: anything but a regular file is refused up front, and no more than
  ``--max-bytes`` plus one byte is ever read, whatever its size claims to be;
- one set of rules: the fast reader (large ledgers) accepts and refuses exactly what the
  reference reader does, with the same codes, positions and messages (a hypothesis
  differential test builds the documents);
- a large ledger with an error is not read again whole by the reference reader: only the
  items with a problem are, to say exactly where;
- a source path with a null byte, absurd exponents and figures of a thousand digits are
  located diagnostics, never "internal error".
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import generate
from ledger import load as loader
from ledger.load import load_ledger
from ledger.read import fast_reader as fastread
from ledger.read import yaml_reader
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits
from tests.conftest import (
    ENTITIES,
    GOOD_SCORE,
    OTHER_TEXT,
    REPO,
    SOURCE_TEXT,
    build_ledger,
    load_outcome,
    position_of,
    run,
)

NEVER = 10**15  # a FAST_PATH_MIN_CHARS no ledger reaches: the reference reader only


@contextlib.contextmanager
def reader(fast: bool, chunk: int | None = None):
    """Every ledger read by the fast path (``fast``; claims cut ``chunk`` items at a time), or
    by the reference reader only. A context manager, not a fixture: hypothesis runs many
    examples in one test."""
    saved = fastread.FAST_PATH_MIN_CHARS, fastread.CHUNK_ITEMS
    fastread.FAST_PATH_MIN_CHARS = 0 if fast else NEVER
    if chunk is not None:
        fastread.CHUNK_ITEMS = chunk
    try:
        yield
    finally:
        fastread.FAST_PATH_MIN_CHARS, fastread.CHUNK_ITEMS = saved


def rendered(path: Path, limits: Limits = DEFAULT_LIMITS, *, fast: bool, chunk: int | None = None) -> list[str]:
    with reader(fast, chunk):
        return [d.render() for d in load_ledger(path, limits).diagnostics]


def both(path: Path, limits: Limits = DEFAULT_LIMITS, chunk: int | None = None) -> list[str]:
    """The diagnostics of the reference reader, which the fast path must give too."""
    expected = rendered(path, limits, fast=False)
    assert rendered(path, limits, fast=True, chunk=chunk) == expected
    return expected


def cli(*args) -> tuple[int, str]:
    result = run(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    """The cache would give one reader's answer to the other: off."""
    monkeypatch.setenv("LEDGER_NO_CACHE", "1")


# ------------------------------------------------------------------ item 7: the ledger file

def _in_thread(work, fifo: Path, seconds: float = 20):
    """``work()`` in a thread; if it still runs after ``seconds`` (waiting on the FIFO), a
    writer opens and closes the FIFO so that it ends, and the test fails."""
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("value", work()), daemon=True)
    thread.start()
    thread.join(seconds)
    hung = thread.is_alive()
    if hung:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(seconds)
    assert not hung, "reading the ledger waited on a FIFO"
    return outcome["value"]


def test_a_fifo_as_the_ledger_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)
    result = _in_thread(lambda: load_ledger(fifo), fifo)
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "Y008" and "not a regular file" in diagnostic.message, diagnostic.render()
    code, output = _in_thread(lambda: cli("check", "--ledger", fifo), fifo)
    assert code == 1 and "Y008" in output and "not a regular file" in output


def _ledger_process(*args, cwd: Path, memory: int = 2 << 30, timeout: float = 60):
    """``ledger *args`` in a process of its own, its address space capped at ``memory``: an
    unbounded read fails there (or is killed) instead of taking the machine's memory."""
    import resource

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        return subprocess.run([sys.executable, "-m", "ledger", *map(str, args)], cwd=cwd, capture_output=True,
                              text=True, timeout=timeout, preexec_fn=cap,
                              env={**os.environ, "LEDGER_NO_CACHE": "", "PYTHONPATH": str(REPO)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"ledger {' '.join(map(str, args))} still ran after {timeout} s")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("command", [["check"], ["conflicts"], ["show", "x"]])
def test_a_ledger_linked_to_dev_zero_is_refused_without_reading_it(tmp_path, command):
    build_ledger(tmp_path, GOOD_SCORE)
    (tmp_path / "claims.yaml").unlink()
    (tmp_path / "claims.yaml").symlink_to("/dev/zero")  # st_size 0: passed --max-bytes
    done = _ledger_process(*command, "--ledger", "claims.yaml", cwd=tmp_path)
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    assert "Y008" in said and "is a character device, not a regular file" in said, said
    assert "internal error" not in said


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs /proc")
def test_a_regular_file_whose_size_says_zero_is_read_only_up_to_the_limit(tmp_path):
    # /proc/self/maps is a regular file of st_size 0 that holds kilobytes: the limit is
    # kept by what is read, not by what stat says
    (tmp_path / "claims.yaml").symlink_to("/proc/self/maps")
    assert stat.S_ISREG(os.stat(tmp_path / "claims.yaml").st_mode) and os.stat("/proc/self/maps").st_size == 0
    [diagnostic] = load_ledger(tmp_path / "claims.yaml", Limits(max_bytes=100)).diagnostics
    assert diagnostic.code == "Y004" and "more than 100 bytes" in diagnostic.message, diagnostic.render()


def test_a_directory_as_the_ledger_is_refused(tmp_path):
    (tmp_path / "claims.yaml").mkdir()
    [diagnostic] = load_ledger(tmp_path / "claims.yaml").diagnostics
    assert diagnostic.code == "Y008" and "directory" in diagnostic.message, diagnostic.render()


# ------------------------------------------------------------------ item 9: the fast path's limits

LIMITS = {
    "--max-nodes": ("max_nodes", 50),
    "--max-depth": ("max_depth", 2),
    "--max-scalar-chars": ("max_scalar_chars", 5),
}


@pytest.mark.parametrize("option", sorted(LIMITS))
def test_the_fast_path_keeps_each_limit(tmp_path, option):
    path = build_ledger(tmp_path, GOOD_SCORE)
    field, value = LIMITS[option]
    expected = both(path, Limits(**{field: value}))
    assert [line.split(": ")[1].split()[0] for line in expected] == ["Y004"], expected
    with reader(fast=True):
        code, output = cli(option, value, "check", "--ledger", path)
    assert code == 1 and "Y004" in output and "ok:" not in output


def test_a_note_of_200000_characters_is_refused_by_the_fast_path_too(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE + '  note: "' + "n" * 200_000 + '"\n')
    expected = both(path)
    assert len(expected) == 1 and " Y004 a value of 200,000 characters" in expected[0]


@pytest.mark.parametrize("chunk", [1, 2000])
def test_the_limits_hold_in_any_chunk_and_in_the_sections_around_the_claims(tmp_path, chunk):
    claims = "".join(GOOD_SCORE.replace("one-x-a", f"c{i}") for i in range(5))
    path = build_ledger(tmp_path, claims, extra="reviews:\n  - {conflict: C001-0123456789, verdict: confirmed, note: "
                                                 + "r" * 300 + "}\n")
    for limits in (Limits(max_scalar_chars=299), Limits(max_depth=3), Limits(max_nodes=150),
                   Limits(max_nodes=10_000), Limits(max_scalar_chars=300), Limits(max_depth=4)):
        both(path, limits, chunk=chunk)
    assert " Y004 " in rendered(path, Limits(max_scalar_chars=299), fast=True, chunk=chunk)[0]
    assert " Y004 " in rendered(path, Limits(max_depth=3), fast=True, chunk=chunk)[0]
    assert " Y004 " not in "".join(rendered(path, Limits(max_depth=4), fast=True, chunk=chunk))


@pytest.fixture(scope="module")
def generated_30k(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("g30k")
    generate.generate(30_000, folder, seed=1)
    return folder / "claims.yaml"


@pytest.mark.parametrize(("option", "value"), [("--max-nodes", 1000), ("--max-depth", 2), ("--max-scalar-chars", 5)])
def test_a_generated_30k_claim_ledger_keeps_the_limits(generated_30k, option, value):
    assert generated_30k.stat().st_size >= fastread.FAST_PATH_MIN_CHARS  # the fast path's own size
    code, output = cli(option, value, "check", "--ledger", generated_30k)
    assert code == 1 and "Y004" in output and "ok:" not in output, output


def one_wrong_number(text: str) -> str:
    """The ledger's text with the first figure of its claims changed to one not in its quote."""
    import re

    found = re.compile(r"\n    value: [0-9.]+\n").search(text, text.index("\nclaims:"))
    return text[:found.start()] + "\n    value: 12345.5\n" + text[found.end():]


def test_a_ledger_over_the_node_limit_is_refused_alike_clean_or_not(tmp_path):
    # At 240,000 claims the fast path passed a clean ledger of more than 5,000,000 nodes, and
    # one with an error was read again and refused with Y004 alone: the same rule for both.
    generate.generate(100, tmp_path, seed=5)
    path = tmp_path / "claims.yaml"
    limits = Limits(max_nodes=1500)
    clean = both(path, limits, chunk=7)
    assert [line.split(": ")[1].split()[0] for line in clean] == ["Y004"]
    path.write_text(one_wrong_number(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert both(path, limits, chunk=7) == clean
    assert [line.split(": ")[1].split()[0] for line in both(path, Limits(max_nodes=10_000), chunk=7)] == ["A003"]


# ------------------------------------------------------------------ item 10: one reader's rules

# each in a claim's note, raw: the reference refuses the control characters (Y005) and reads
# NEL and the line and paragraph separators as line breaks of YAML 1.1 (Y001 in a plain note)
HOSTILE_NOTES = {
    "ESC": 'note: "a\x1b[8mhidden"',
    "BEL": 'note: "a\x07b"',
    "DEL": 'note: "a\x7fb"',
    "CSI (0x9B)": 'note: "a\x9bb"',
    "another C1": "note: a\x80b",
    "NUL": 'note: "a\x00b"',
    "U+FFFE": 'note: "a\ufffeb"',
    "NEL, plain": "note: a\x85b",
    "U+2028, plain": "note: a\u2028b",
    "U+2029, plain": "note: a\u2029b",
    "NEL, quoted": 'note: "a\x85b"',
    "U+2028, quoted": 'note: "a\u2028b"',
    "U+2028, single-quoted": "note: 'a\u2028b'",
    "U+2028, block": "note: |\n    a\u2028b",
    "BOM inside": "note: a\ufeffb",
    "tab inside": "note: a\tb",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_NOTES))
def test_a_hostile_character_gets_the_same_answer_from_both_readers(tmp_path, name):
    path = build_ledger(tmp_path, GOOD_SCORE + "  " + HOSTILE_NOTES[name] + "\n")
    expected = both(path)
    if name in ("ESC", "BEL", "DEL", "CSI (0x9B)", "another C1", "NUL", "U+FFFE"):
        assert len(expected) == 1 and " Y005 " in expected[0]
    elif "plain" in name:
        assert len(expected) == 1 and " Y001 " in expected[0]


@pytest.mark.parametrize("tolerance", ["0.10", "1e999999999", "1e-999999999", "-1", "1" + "0" * 50, ".inf"])
def test_settings_are_read_alike_by_both_readers(tmp_path, tolerance):
    # yaml-rs reads 1e-999999999 as 0.0 and 1e999999999 as infinity: the fast path takes the
    # number as written, as the reference reader does
    path = build_ledger(tmp_path, GOOD_SCORE, extra=f"settings: {{tolerances: {{about: {tolerance}}}}}\n")
    both(path)


def _source_files(folder: Path) -> None:
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "one.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (folder / "sources" / "two.txt").write_text(OTHER_TEXT, encoding="utf-8")


HOSTILE = ["\x1b", "\x07", "\x7f", "\x9b", "\x80", "\x00", "\x85", "\u2028", "\u2029", "\ufffe", "\uffff",
           "\ufeff", "\t", "\r", "\xa0", "é", "“", "\U0001f600", "#", ":", " ", "'", '"', "\\", "-", "?",
           "&", "*", "!", "|", ">", "%", "@", "`", "{", "[", "]", "}", ",", "\n"]
ODD_SCALARS = ["yes", "012", "0o12", "0x1f", "1e5", "1.", ".5", ".inf", "-.inf", ".nan", "~", "null", "Null",
               "''", '""', "True", "1_000", "+12", "-0", "2024-01-01", "1:20", "88.60", "88.6%", "1e999",
               "1e999999999", "1e-999999999", "1" + "0" * 5000, "0" * 40 + "1", "[]", "{}", "[a, b]",
               "{a: 1}", "'x'", '"\\e[8m"', '"\\x85 \\u2028"', "|\n    block", ">-\n    folded\n\n    more",
               "&a x", "*a", "!!str x", "- a", "a: b", "[[[[1]]]]", "{a: {b: {c: [d]}}}", "\"a\n    b\"",
               "plain\n    continued", "x #comment", "'it''s'", "\"\\/\\N\\_\\L\\P\""]
CLAIM_FIELDS = ["id", "kind", "source", "topic", "quote", "model", "benchmark", "setting", "value", "note"]


def _scalar(text: str, style: str) -> str:
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "literal":
        return "|\n" + "".join("    " + line + "\n" for line in text.split("\n")).rstrip("\n")
    return text  # plain: whatever it turns out to be


@st.composite
def ledger_documents(draw):
    """A ledger: the shared entities and two sources, then claims, each a good score with
    some of: a note of hostile characters in some style, an odd scalar for a field, a long
    value, deep nesting, a field dropped or repeated; sometimes reviews, junk top-level keys."""
    claims = []
    for index in range(draw(st.integers(1, 6), label="claims")):
        lines = GOOD_SCORE.replace("one-x-a", f"c{index}").splitlines()
        for _ in range(draw(st.integers(0, 3), label="changes")):
            change = draw(st.sampled_from(["note", "odd", "long", "deep", "drop", "repeat", "flow"]))
            if change == "note":
                text = draw(st.text(st.sampled_from(HOSTILE) | st.characters(codec="utf-8"), max_size=12))
                style = draw(st.sampled_from(["plain", "double", "single", "literal"]))
                lines.append("  note: " + _scalar(text, style))
            elif change == "odd":
                field = draw(st.sampled_from(CLAIM_FIELDS))
                lines = [line for line in lines if not line.startswith(f"  {field}:")] \
                    + [f"  {field}: {draw(st.sampled_from(ODD_SCALARS))}"]
            elif change == "long":
                size = draw(st.sampled_from([4, 5, 6, 99, 100, 101, 4300, 4301]))
                quote = draw(st.sampled_from(["", '"', "'"]))
                lines.append("  note: " + quote + "x" * size + quote)
            elif change == "deep":
                depth = draw(st.integers(1, 8))
                if draw(st.booleans()):
                    lines.append("  setting: " + "[" * depth + "1" + "]" * depth)
                else:
                    lines.append("  setting:" + "".join("\n" + "  " * (i + 2) + "a:" for i in range(depth)) + " 1")
            elif change == "drop" and len(lines) > 1:
                del lines[draw(st.integers(1, len(lines) - 1))]
            elif change == "repeat":
                lines.append(draw(st.sampled_from(lines[1:] or lines)))
            elif change == "flow":
                lines = ["- {" + ", ".join(line.strip().lstrip("- ") for line in lines if ": " in line) + "}"]
        claims.append("\n".join(lines) + "\n")
    body = "".join("  " + line + "\n" for claim in claims for line in claim.splitlines())
    extra = draw(st.sampled_from(["", "reviews:\n  - {conflict: C001-x, verdict: confirmed}\n",
                                  "reviews:\n  - {conflict: C001-x, verdict: confirmed}\n  - {conflict: C001-x, "
                                  "verdict: rejected}\n", "bogus: 1\n", "settings: {tolerances: {about: 0.5}}\n",
                                  "settings: {tolerances: {about: 1e999999999}}\n"]))
    sources = []
    for source_id, text in (("one", SOURCE_TEXT), ("two", OTHER_TEXT)):
        import hashlib

        sources.append(f"  - id: {source_id}\n    file: sources/{source_id}.txt\n    title: Source {source_id}\n"
                       f"    kind: blog-post\n    sha256: {hashlib.sha256(text.encode()).hexdigest()}\n")
    order = draw(st.sampled_from(["entities-first", "claims-first"]))
    head = "version: 1\nsources:\n" + "".join(sources)
    document = head + (ENTITIES + "claims:\n" + body if order == "entities-first" else "claims:\n" + body + ENTITIES)
    lines = (document + extra).splitlines(keepends=True)
    for _ in range(draw(st.integers(0, 2), label="line changes")):
        at = draw(st.integers(0, len(lines)), label="line")
        change = draw(st.sampled_from(["insert", "delete", "indent", "dedent"]))
        if change == "insert":
            lines.insert(at, draw(st.sampled_from(ODD_LINES)) + "\n")
        elif at < len(lines) and change == "delete":
            del lines[at]
        elif at < len(lines) and change == "indent":
            lines[at] = "  " + lines[at]
        elif at < len(lines) and lines[at].startswith("  "):
            lines[at] = lines[at][2:]
    document = "".join(lines)
    ending = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "none"]))
    if ending == "none":
        document = document.rstrip("\n")
    elif ending != "\n":
        document = document.replace("\n", ending)
    return draw(st.sampled_from(["", "", "\ufeff"])) + document


ODD_LINES = ["# a comment", "  # an indented comment", "", "   ", "claims:", "  - ", "---", "...", "- x",
             "reviews: []", "  - id: extra", "    note: |", "    note: >-", "      folded text", "  quote: \"open",
             "  more\"", "entities: []", "\tkey: tab", "%YAML 1.2", "key: [unclosed", "key: {a: 1", "  - {}",
             "  - []", "  - plain item", "  ? complex", "  : value", "version: 2", "  note: 'it''s'"]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("differential")
    _source_files(folder)
    return folder


# deterministic in the suite; LEDGER_DIFFERENTIAL_EXAMPLES=5000 explores anew (random examples)
EXAMPLES = int(os.environ.get("LEDGER_DIFFERENTIAL_EXAMPLES", "150"))


@settings(max_examples=EXAMPLES, deadline=None, derandomize="LEDGER_DIFFERENTIAL_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(document=ledger_documents(), chunk=st.sampled_from([1, 2, 1000]),
       limits=st.sampled_from([DEFAULT_LIMITS, Limits(max_nodes=120), Limits(max_nodes=400), Limits(max_depth=3),
                               Limits(max_depth=4), Limits(max_scalar_chars=100), Limits(max_scalar_chars=6),
                               Limits(max_scalar_chars=4300)]))
def test_both_readers_accept_and_refuse_the_same_documents_alike(workdir, document, chunk, limits):
    path = workdir / "claims.yaml"
    path.write_text(document, encoding="utf-8", newline="")
    expected = rendered(path, limits, fast=False)
    assert rendered(path, limits, fast=True, chunk=chunk) == expected
    # and below the load: what the fast path reads is what the reference reader builds
    text = document.removeprefix("\ufeff")  # as the loader decodes it
    reference, problems = yaml_reader.read_yaml(text, "x", limits)
    with reader(fast=True, chunk=chunk):
        read = fastread.fast_read(text, limits, shown="x")
        if read is not None:
            try:
                data = dict(read.data)
                if read.starts is not None:
                    data["claims"] = [item for items in read.chunks() for item in items]
            except fastread.NotFast:
                data = None
            except fastread.Refused as refused:  # what the reference reader says, found where it is
                assert problems == [refused.diagnostic]
                data = None
            if data is not None:
                assert not problems, (problems, text)
                assert typed(data) == typed(reference.data)


def typed(value):
    """``value`` with the type of each part kept: 12 == Decimal(12) == 12.0, but a reader that
    gives one where the other gives another does not read alike."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, hex(value) if isinstance(value, int) and value.bit_length() > 1000 else value)


# ------------------------------------------------------------------ item 11: an error in a large ledger

@pytest.fixture
def spied(monkeypatch):
    """The length of every text the reference reader is given."""
    lengths = []
    real = yaml_reader.read_yaml

    def spy(text, *args, **kwargs):
        lengths.append(len(text))
        return real(text, *args, **kwargs)

    for module in (yaml_reader, loader, fastread):
        if hasattr(module, "read_yaml"):
            monkeypatch.setattr(module, "read_yaml", spy)
    return lengths


ERRORS = {
    "a changed figure (A003)": ("value: 36.8\n", "value: 12345.5\n"),
    "an unknown entity (S003)": ("model: kite-0-mini\n", "model: kite-0-mnii\n"),
    "a bad field type (S001)": ("setting: {shots: 5}\n", "setting: {shots: five}\n"),
    "an unknown field (S001)": ("topic: benchmark\n", "topic: benchmark\n    topik: benchmark\n"),
    "a quote not in its source (A001)": ("posts a score of 36.8.\"", "posts a score of 36.8 today.\""),
    "a duplicate entity (S002)": ("\nentities:\n  - ", "\nentities:\n  - {id: kite-0-mini, kind: model, name: K}\n  - "),
    "an unknown top-level key (S001)": ("\nentities:\n", "\nentitys: []\nentities:\n"),
    "a second review (R002)": ("reviews: []\n", "reviews:\n  - {conflict: C001-0123456789, verdict: confirmed}\n"
                                                "  - {conflict: C001-0123456789, verdict: rejected}\n"),
    "bad settings (S001)": ("    about: 0.1\n", "    about: -1\n"),
    "a missing source file (A005)": ("file: sources/0001_", "file: sources/x0001_"),
}


@pytest.fixture(scope="module")
def generated_200(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("g200")
    generate.generate(200, folder, seed=1)
    return folder


def _broken(generated: Path, tmp_path: Path, old, new, occurrence: int = 1) -> Path:
    shutil.copytree(generated / "sources", tmp_path / "sources")
    text = (generated / "claims.yaml").read_text(encoding="utf-8")
    at = -1
    for _ in range(occurrence):
        at = text.index(old, at + 1)
    text = text[:at] + new + text[at + len(old):]
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("chunk", [3, 2000])
@pytest.mark.parametrize("error", sorted(ERRORS))
def test_an_error_is_located_without_reading_the_whole_ledger_again(generated_200, tmp_path, error, chunk, spied):
    path = _broken(generated_200, tmp_path, *ERRORS[error])
    size = len(path.read_text(encoding="utf-8"))
    expected = rendered(path, fast=False)
    assert expected and spied == [size]
    spied.clear()
    assert rendered(path, fast=True, chunk=chunk) == expected
    assert spied and max(spied) < size / 2, "the reference reader read the whole ledger again"


@pytest.mark.parametrize("error", ["a changed figure (A003)", "a quote not in its source (A001)",
                                   "an unknown entity (S003)"])
def test_an_error_found_while_a_child_anchors_the_quotes_is_reported_alike(generated_200, tmp_path, error,
                                                                            children, monkeypatch):
    # a large ledger's quotes are anchored by a forked child: its anchors now stand in a
    # ledger with problems too, where the reference reader's pass used to redo them
    path = _broken(generated_200, tmp_path, *ERRORS[error])
    monkeypatch.setattr(fastread, "CHUNK_ITEMS", 7)
    fast = load_outcome(path)
    assert children, "no child was started"
    with reader(fast=False):
        assert load_outcome(path) == fast


def test_a_duplicate_claim_id_points_at_both_items(generated_200, tmp_path, spied):
    text = (generated_200 / "claims.yaml").read_text(encoding="utf-8")
    first = text.index("  - id: ", text.index("\nclaims:\n"))
    second = text.index("  - id: ", text.index("  - id: ", text.index("\nclaims:\n") + 10 ** 4) + 1)
    first_id = text[first + 8:text.index("\n", first)]
    second_id = text[second + 8:text.index("\n", second)]
    shutil.copytree(generated_200 / "sources", tmp_path / "sources")
    path = tmp_path / "claims.yaml"
    path.write_text(text.replace("id: " + second_id + "\n", "id: " + first_id + "\n", 1), encoding="utf-8")
    expected = rendered(path, fast=False)
    assert any(" S002 duplicate claim id" in line and "first at line" in line for line in expected)
    spied.clear()
    assert rendered(path, fast=True, chunk=5) == expected
    assert max(spied) < len(text) / 2


def _nodes(text: str) -> int:
    import yaml

    kinds = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
    return sum(isinstance(event, kinds) for event in yaml.parse(text, Loader=yaml.CBaseLoader))


def _past_a_limit(text: str, where: str) -> tuple[str, Limits]:
    """The generated ledger's text, and limits it passes at ``where``."""
    middle = text.index("\n  - id: ", len(text) // 2)
    if where == "nodes, in the claims":
        return text, Limits(max_nodes=_nodes(text) // 2)
    if where == "nodes, after the claims":
        reviews = "".join(f"  - {{conflict: C001-{i:010x}, verdict: confirmed}}\n" for i in range(60))
        text = text.replace("reviews: []\n", "reviews:\n" + reviews)
        return text, Limits(max_nodes=_nodes(text) - 100)
    if where == "depth":
        at = text.index("setting: {shots: ", middle)
        return text[:at] + "setting: {deep: [[[[5]]]], " + text[at + len("setting: {"):], Limits(max_depth=6)
    if where == "a long note":
        start = middle + len("\n  - id: ")
        return text[:middle] + "\n  - note: " + "n" * 300 + "\n    id: " + text[start:], Limits(max_scalar_chars=200)
    raise ValueError(where)


@pytest.mark.parametrize("chunk", [3, 2000])
@pytest.mark.parametrize("where", ["nodes, in the claims", "nodes, after the claims", "depth", "a long note"])
def test_a_limit_passed_is_located_without_reading_the_whole_ledger_again(generated_200, tmp_path, where, chunk,
                                                                           spied):
    path = _broken(generated_200, tmp_path, "", "")
    text, limits = _past_a_limit(path.read_text(encoding="utf-8"), where)
    path.write_text(text, encoding="utf-8")
    expected = rendered(path, limits, fast=False)
    assert len(expected) == 1 and " Y004 " in expected[0] and text.index("\nclaims:") < 10 ** 4, expected
    spied.clear()
    assert rendered(path, limits, fast=True, chunk=chunk) == expected
    assert max(spied) < len(text) / 2, "the reference reader read the whole ledger again"


def test_many_errors_stop_at_the_same_thousand(tmp_path):
    generate.generate(1200, tmp_path, seed=2)
    path = tmp_path / "claims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\n    topic: ", "\n    x: 1\n    topic: "),
                    encoding="utf-8")
    expected = both(path, chunk=100)
    assert len(expected) == 1001 and sum(" Y009 200 more problem" in line for line in expected) == 1


# ------------------------------------------------------------------ item 12: never "internal error"

def test_a_null_byte_in_a_source_path_is_a_located_diagnostic(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    path.write_text(path.read_text().replace("file: sources/one.txt", 'file: "sources/a\\0b.txt"'))
    for command in ("check", "conflicts"):
        code, output = cli(command, "--ledger", path)
        assert code == 1 and "internal error" not in output
    [diagnostic] = [d for d in load_ledger(path).diagnostics if d.code == "A005"]
    assert (diagnostic.location.line, diagnostic.location.column) == \
        position_of(path, '"sources/a\\0b.txt"'), diagnostic.render()
    assert "null" in diagnostic.message and "\x00" not in diagnostic.render()


@pytest.mark.parametrize("value", ["1e999", "1e999999999", "1e-999999999", '"1e999999999"', "1e-999",
                                   "1" + "0" * 1000, '"1' + "0" * 5000 + '"', '"' + "1" * 60 + '"', "1.5e101"])
def test_an_absurd_figure_is_s001_at_the_value(tmp_path, value):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", f"value: {value}"))
    code, output = cli("check", "--ledger", path)
    assert code == 1 and "internal error" not in output
    expected = both(path)
    assert len(expected) == 1, expected
    line, column = position_of(path, f"value: {value}")
    assert expected[0].startswith(f"{path}:{line}:{column + len('value: ')}: S001 "), expected[0]
    assert len(expected[0]) < 600  # no thousand-digit number quoted back


@pytest.mark.parametrize("value", ["1e100", "6.02e23", "3.8e25", "1e-30", "405 billion", "0.000001"])
def test_sane_figures_in_scientific_notation_still_read(tmp_path, value):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", f"value: {value}"))
    codes = [line.split(": ")[1].split()[0] for line in both(path)]
    assert codes == ["A003"]  # a number, read; only not in the quote


@pytest.mark.parametrize("setting", ["{shots: 1" + "0" * 4000 + "}", "{shots: 1e999999999}"])
def test_an_absurd_integer_is_s001_not_a_crash(tmp_path, setting):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("{shots: 0}", setting))
    code, output = cli("check", "--ledger", path)
    assert code == 1 and "internal error" not in output
    assert [line.split(": ")[1].split()[0] for line in both(path)] == ["S001"]


BIG = "1" + "0" * 5000  # more digits than Python writes out (4,300)


@pytest.mark.parametrize("where", ["kind", "version", "key", "top-level key", "model", "occurrence"])
def test_a_5000_digit_number_anywhere_is_a_located_diagnostic(tmp_path, where):
    # Python writes out no integer of more than 4,300 digits: any message quoting it would fail
    claim, extra = GOOD_SCORE, ""
    if where in ("kind", "model"):
        claim = GOOD_SCORE.replace(f"{where}: ", f"{where}: {BIG}\n  x{where}: ", 1)
    elif where == "key":
        claim = GOOD_SCORE + f"  {BIG}: 1\n"
    elif where == "occurrence":
        claim = GOOD_SCORE + f"  occurrence: {BIG}\n"
    elif where == "top-level key":
        extra = f"{BIG}: 1\n"
    path = build_ledger(tmp_path, claim, extra=extra)
    if where == "version":
        path.write_text(path.read_text().replace("version: 1", f"version: {BIG}"))
    code, output = cli("check", "--ledger", path)
    assert code == 1 and "internal error" not in output
    found = both(path)
    assert len(found) == 1, found
    if "key" in where:  # a key of more than 1,024 characters is a syntax error to YAML
        assert " Y001 " in found[0]
    else:
        line, column = position_of(path, BIG)
        assert found[0].startswith(f"{path}:{line}:{column}: Y004 a number of 5,001 digits (limit 4,300)")


@pytest.mark.parametrize("entity", ["{id: [], kind: model, name: X}", "{id: {a: 1}, kind: model, name: X}",
                                    "{id: x, name: X, source: one, kind: []}"])
def test_a_list_or_mapping_where_an_id_or_kind_is_meant_is_s001_not_a_crash(tmp_path, entity):
    # found by the differential test: both readers' ledgers went on to look the value up in a dict
    path = build_ledger(tmp_path, GOOD_SCORE, entities=ENTITIES + f"  - {entity}\n")
    code, output = cli("check", "--ledger", path)
    assert code == 1 and "internal error" not in output
    assert [line.split(": ")[1].split()[0] for line in both(path)] and all(" S001 " in line for line in both(path))


@pytest.mark.parametrize("tolerance", ["1e999999999", "1e-999999999", "1" + "0" * 4000])
def test_an_absurd_tolerance_is_s001_not_a_crash(tmp_path, tolerance):
    path = build_ledger(tmp_path, GOOD_SCORE, extra=f"settings: {{tolerances: {{about: {tolerance}}}}}\n")
    for command in ("check", "conflicts"):
        code, output = cli(command, "--ledger", path)
        assert code == 1 and "internal error" not in output, output
    assert [line.split(": ")[1].split()[0] for line in rendered(path, fast=False)] == ["S001"]
