"""Safe writes (ledger/write/files.py): temporary file in the same folder, fsync, atomic rename,
never over a changed file, never through a link; outputs that refuse what they must not
replace; the ledger's lock; new files made exclusively."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from ledger.write import files as sw
from ledger.write.files import (
    FileChangedError,
    Snapshot,
    WriteError,
    check_output,
    ledger_lock,
    read_regular,
    read_snapshot,
    remove_created,
    safe_write,
    write_atomic,
    write_new,
)


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".part"))]


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


def test_a_symlinked_file_is_never_written_through(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old\n")
    link = tmp_path / "claims.yaml"
    os.symlink(real, link)
    with pytest.raises(WriteError, match="symbolic link"):
        read_snapshot(link)
    with pytest.raises(WriteError, match="symbolic link"):
        safe_write(Snapshot(link, b"old\n"), b"new\n")
    assert link.is_symlink() and real.read_bytes() == b"old\n" and leftovers(tmp_path) == []


def test_a_read_only_file_is_not_replaced(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o444)  # as root, os.access would say writable: the mode bits decide
    with pytest.raises(WriteError, match="read-only"):
        safe_write(read_snapshot(target), b"new\n")
    assert target.read_bytes() == b"old\n" and stat.S_IMODE(target.stat().st_mode) == 0o444


# ------------------------------------------------------------------ reading a bounded regular file


def test_read_regular_reads_at_most_the_limit_and_never_blocks_on_a_pipe(tmp_path):
    big = tmp_path / "big"
    big.write_bytes(b"x" * 100)
    assert read_regular(big, 100) == b"x" * 100
    with pytest.raises(OSError) as raised:
        read_regular(big, 99)
    assert raised.value.errno == errno.EFBIG
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(OSError, match="named pipe"):
        read_regular(tmp_path / "pipe", 10)  # refused at once: no writer is ever waited for
    (tmp_path / "zero").symlink_to("/dev/zero")
    with pytest.raises(OSError):
        read_regular(tmp_path / "zero", 10)  # a link is not followed
    with pytest.raises(OSError, match="device"):
        read_regular(tmp_path / "zero", 10, follow=True)  # followed, it leads to a device


# ------------------------------------------------------------------ outputs


def test_outputs_refuse_links_pipes_read_only_files_and_what_is_protected(tmp_path):
    ledger = tmp_path / "claims.yaml"
    ledger.write_text("version: 1\n")
    protected = {ledger: "the ledger itself"}
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to(tmp_path / "missing")
    (tmp_path / "locked").write_text("x")
    (tmp_path / "locked").chmod(0o444)
    os.link(ledger, tmp_path / "same-inode")
    for name, message in [("pipe", "named pipe"), ("link", "symbolic link"), ("locked", "read-only"),
                          ("same-inode", "the ledger itself"), ("claims.yaml", "the ledger itself")]:
        with pytest.raises(WriteError, match=message):
            write_atomic(tmp_path / name, "new", protected=protected)
    assert not (tmp_path / "missing").exists() and ledger.read_text() == "version: 1\n"
    assert check_output(tmp_path / "new.txt", protected) == tmp_path
    write_atomic(tmp_path / "out.txt", "one")
    write_atomic(tmp_path / "out.txt", "two")  # a regular file: replaced
    assert (tmp_path / "out.txt").read_text() == "two" and leftovers(tmp_path) == []


# ------------------------------------------------------------------ new files


def test_new_files_are_made_exclusively_even_without_hard_links(tmp_path, monkeypatch):
    def no_hard_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(sw.os, "link", no_hard_links)
    (tmp_path / "there.txt").write_bytes(b"theirs\n")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "outside.txt")
    for name in ("there.txt", "dangling.txt"):
        with pytest.raises(FileChangedError, match="appeared"):
            write_new(tmp_path / name, b"ours\n")
    assert (tmp_path / "there.txt").read_bytes() == b"theirs\n" and not (tmp_path / "outside.txt").exists()
    write_new(tmp_path / "new.txt", b"ours\n")
    assert (tmp_path / "new.txt").read_bytes() == b"ours\n" and leftovers(tmp_path) == []


def test_only_the_file_made_is_removed(tmp_path):
    made = write_new(tmp_path / "w.md", b"ours\n")
    (tmp_path / "theirs").write_bytes(b"someone else's\n")
    os.replace(tmp_path / "theirs", tmp_path / "w.md")  # another file in its place
    assert not remove_created(tmp_path / "w.md", made)
    assert (tmp_path / "w.md").read_bytes() == b"someone else's\n"
    again = write_new(tmp_path / "x.md", b"ours\n")
    assert remove_created(tmp_path / "x.md", again) and not (tmp_path / "x.md").exists()


# ------------------------------------------------------------------ the lock


def test_the_lock_is_exclusive_bounded_and_reentrant(tmp_path, monkeypatch):
    from filelock import FileLock

    ledger = tmp_path / "claims.yaml"
    ledger.write_bytes(b"old\n")
    monkeypatch.setenv("LEDGER_LOCK_WAIT", "0")
    with FileLock(tmp_path / ".claims.yaml.lock"):
        with pytest.raises(WriteError, match="being written by another ledger command") as raised:
            safe_write(read_snapshot(ledger), b"new\n")
        assert "LEDGER_LOCK_WAIT" in raised.value.hint
    assert ledger.read_bytes() == b"old\n"
    with ledger_lock(ledger):  # a command holds it, then the safe_write it calls
        safe_write(read_snapshot(ledger), b"new\n")
    assert ledger.read_bytes() == b"new\n"


def test_the_lock_holder_removes_only_the_orphans_of_killed_writers(tmp_path):
    ledger = tmp_path / "claims.yaml"
    ledger.write_bytes(b"old\n")
    orphan = tmp_path / ".claims.yaml.ab_12cde.tmp"
    orphan.write_bytes(b"half")
    others = [tmp_path / ".claims.yaml.short.tmp", tmp_path / ".claims.yaml.ab_12cde.part",
              tmp_path / ".other.yaml.ab_12cde.tmp"]
    for other in others:
        other.write_bytes(b"keep")
    (tmp_path / ".claims.yaml.linkedxx.tmp").symlink_to(tmp_path / "claims.yaml")
    with ledger_lock(ledger):
        pass
    assert not orphan.exists() and all(o.read_bytes() == b"keep" for o in others)
    assert (tmp_path / ".claims.yaml.linkedxx.tmp").is_symlink()
