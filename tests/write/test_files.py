"""Safe writes (ledger/write/files.py): temporary file in the same folder, fsync, atomic rename,
never over a changed file."""

from __future__ import annotations

import os
import stat

import pytest

from ledger.write import files as sw
from ledger.write.files import FileChangedError, WriteError, read_snapshot, safe_write, write_new


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_replaces_and_keeps_permissions(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    snapshot = read_snapshot(target)
    safe_write(snapshot, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_refuses_a_file_changed_since_it_was_read(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_bytes(b"old\n")
    snapshot = read_snapshot(target)
    target.write_bytes(b"someone else's edit\n")
    with pytest.raises(FileChangedError, match="changed on disk since it was read"):
        safe_write(snapshot, b"new\n")
    assert target.read_bytes() == b"someone else's edit\n"
    assert leftovers(tmp_path) == []


def test_a_failing_validation_or_rename_leaves_the_original(tmp_path, monkeypatch):
    target = tmp_path / "claims.yaml"
    target.write_bytes(b"old\n")
    seen = []

    def validate(temporary):
        seen.append((temporary.parent, temporary.read_bytes()))
        raise ValueError("no")

    with pytest.raises(ValueError):
        safe_write(read_snapshot(target), b"new\n", validate=validate)
    assert seen == [(tmp_path, b"new\n")]  # validated in the same folder, with the new bytes
    assert target.read_bytes() == b"old\n" and leftovers(tmp_path) == []

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sw.os, "replace", broken_replace)
    with pytest.raises(WriteError, match="No space left"):
        safe_write(read_snapshot(target), b"new\n")
    assert target.read_bytes() == b"old\n" and leftovers(tmp_path) == []


def test_a_failing_write_leaves_the_original(tmp_path, monkeypatch):
    target = tmp_path / "claims.yaml"
    target.write_bytes(b"old\n")

    def broken_fsync(descriptor):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(sw.os, "fsync", broken_fsync)
    with pytest.raises(WriteError, match="Input/output error"):
        safe_write(read_snapshot(target), b"new\n")
    assert target.read_bytes() == b"old\n" and leftovers(tmp_path) == []


def test_dry_run_writes_nothing(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_bytes(b"old\n")
    safe_write(read_snapshot(target), b"new\n", validate=lambda p: None, dry_run=True)
    assert target.read_bytes() == b"old\n" and leftovers(tmp_path) == []


def test_new_files_never_overwrite(tmp_path):
    target = tmp_path / "new.txt"
    write_new(target, b"one\n")
    assert target.read_bytes() == b"one\n"
    with pytest.raises(FileChangedError, match="appeared"):
        write_new(target, b"two\n")
    assert target.read_bytes() == b"one\n" and leftovers(tmp_path) == []


def test_a_symlinked_file_stays_a_link(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old\n")
    link = tmp_path / "claims.yaml"
    os.symlink(real, link)
    safe_write(read_snapshot(link), b"new\n")
    assert link.is_symlink() and real.read_bytes() == b"new\n"
