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
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ledger.load import load_ledger
from ledger.read import fast_reader as fastread
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits
from tests.conftest import GOOD_SCORE, REPO, build_ledger, position_of, run

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
                                   "1" + "0" * 1000, "1" + "0" * 5000, '"' + "1" * 60 + '"', "1.5e101"])
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


@pytest.mark.parametrize("setting", ["{shots: 1" + "0" * 5000 + "}", "{shots: 1e999999999}"])
def test_an_absurd_integer_is_s001_not_a_crash(tmp_path, setting):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("{shots: 0}", setting))
    code, output = cli("check", "--ledger", path)
    assert code == 1 and "internal error" not in output
    assert [line.split(": ")[1].split()[0] for line in both(path)] == ["S001"]


@pytest.mark.parametrize("tolerance", ["1e999999999", "1e-999999999", "1" + "0" * 5000])
def test_an_absurd_tolerance_is_s001_not_a_crash(tmp_path, tolerance):
    path = build_ledger(tmp_path, GOOD_SCORE, extra=f"settings: {{tolerances: {{about: {tolerance}}}}}\n")
    for command in ("check", "conflicts"):
        code, output = cli(command, "--ledger", path)
        assert code == 1 and "internal error" not in output, output
    assert [line.split(": ")[1].split()[0] for line in rendered(path, fast=False)] == ["S001"]
