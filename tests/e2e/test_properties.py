"""Property-based tests: random mutations of the shipped ledger never crash the loader.

Whatever a mutation does (fields dropped, renamed, retyped; values swapped; lists
shuffled; unicode injected; lines deleted), loading and cross-checking end in
diagnostics, never an exception; the CLI exits 0 or 1; every diagnostic's line
and column lie inside the file. The shipped ledger is split by source: it is mutated joined
into one file, and one of its included files is mutated under its root.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import load_ledger
from ledger.check.engine import find_conflicts
from tests.conftest import REPO, copy_shipped, run, shipped_joined



@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mutated")
    shutil.copytree(REPO / "sources", folder / "sources")
    return folder


def mutate(data, text: str) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        action = data.draw(st.sampled_from(
            ["delete", "duplicate", "swap", "retype", "rename", "unicode", "drop-value", "indent", "truncate"]))
        line = lines[i]
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, line)
        elif action == "swap":
            j = data.draw(st.integers(0, len(lines) - 1), label="other")
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "retype" and ": " in line:
            key = line.split(": ", 1)[0]
            value = data.draw(st.sampled_from(
                ["yes", "null", "[]", "{}", "-1", "1e999", ".nan", "'x'", "2024-01-01", "[a, b]", "~", '"\\u0000"']))
            lines[i] = f"{key}: {value}\n"
        elif action == "rename" and ": " in line:
            key, rest = line.split(": ", 1)
            lines[i] = key + data.draw(st.sampled_from(["x", "_", "s", "ö"])) + ": " + rest
        elif action == "unicode":
            position = data.draw(st.integers(0, len(line)))
            junk = data.draw(st.text(min_size=1, max_size=3))
            lines[i] = line[:position] + junk + line[position:]
        elif action == "drop-value" and ": " in line:
            lines[i] = line.split(": ", 1)[0] + ":\n"
        elif action == "indent":
            lines[i] = " " + line
        elif action == "truncate":
            lines = lines[:i]
    return "".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_ledger_never_crashes(workdir, data):
    text = mutate(data, shipped_joined())
    path = workdir / "claims.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = load_ledger(path)
    _located_in_and_checked(result, path, text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_ledger_cli_exits_0_or_1(workdir, data):
    path = workdir / "claims.yaml"
    path.write_text(mutate(data, shipped_joined()), encoding="utf-8", errors="surrogatepass")
    for command in (["check"], ["conflicts", "--format", "json"]):
        result = run(*command, "--ledger", path)
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def _located_in_and_checked(result, path: Path, text: str) -> None:
    """Every diagnostic in ``path`` points inside its ``text``; a ledger that loaded is checked."""
    line_count = text.count("\n") + 1
    for diagnostic in result.diagnostics:
        if diagnostic.location.path == str(path):
            assert 1 <= diagnostic.location.line <= line_count, diagnostic.render()
            assert diagnostic.location.column >= 1
    if result.ledger is not None and result.ok:
        find_conflicts(result.ledger)


@pytest.fixture(scope="module")
def split_copy(tmp_path_factory) -> Path:
    return copy_shipped(tmp_path_factory.mktemp("split")).parent


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mutated_included_file_never_crashes(split_copy, data):
    included = sorted((split_copy / "claims").glob("*.yaml"))
    path = data.draw(st.sampled_from(included), label="file")
    original = path.read_text(encoding="utf-8")
    text = mutate(data, original)
    try:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = load_ledger(split_copy / "claims.yaml")
    finally:
        path.write_text(original, encoding="utf-8")
    _located_in_and_checked(result, path, text)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("bytes") / "claims.yaml"
    path.write_bytes(blob)
    result = load_ledger(path)
    assert result.diagnostics or result.ok
