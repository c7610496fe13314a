"""The source files of a ledger (ledger/read/sources.py): changed, missing, or outside the
ledger's folder, each an A diagnostic at the source's entry."""

from __future__ import annotations

import os

import pytest

from tests.conftest import GOOD_SCORE, OTHER_TEXT, at, build_ledger, only, sha


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


def test_a_null_character_in_a_source_path_is_a005_not_a_crash(tmp_path):
    from ledger.read.sources import read_source

    found = read_source(tmp_path, "sources/a\0b.txt")
    assert found.text is None and [p.code for p in found.problems] == ["A005"]
    assert "null character" in found.problems[0].message and "\0" not in found.problems[0].message
