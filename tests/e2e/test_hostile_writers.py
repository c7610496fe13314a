"""Hostile and careless writes (issue 16, items 1-6 and 8, and the cache file of item 7): every
command that writes keeps the ledger, its sources and whatever it did not create; writers of
the ledger hold its lock for the whole read-check-write; nothing is written or read through a
link out of the ledger's folder; the cache never hangs on, nor trusts, what it did not write.

The tests that need two commands at once run the first one in a helper process that stops at a
chosen point and says so on stderr (``PAUSED``), and goes on when the test writes a line to its
stdin: the order of events is fixed by those pipes, never by sleeping."""

from __future__ import annotations

import difflib
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ledger import load_ledger
from ledger.perf import cache
from ledger.read.yaml_reader import DEFAULT_LIMITS
from tests.conftest import COMMENTED, REPO, SIX_CLAIMS, build_ledger, build_small, run


@pytest.fixture(autouse=True)
def no_hang():
    """A command that blocks (on a named pipe, say) fails the test instead of stopping the suite;
    a guard, not a measure: nothing here takes more than a few seconds."""
    def hung(signum, frame):
        raise TimeoutError("the command hung (more than 120 s)")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """The cache key of each test in its own folder; the lock's wait short unless a test says."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("LEDGER_NO_CACHE", raising=False)
    monkeypatch.setenv("LEDGER_LOCK_WAIT", "0")
    cache._program = None


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder``: its kind and (for a regular file) its bytes, (for a link) its
    target; but the ledger's lock file, which writers make and leave (empty) for the next one."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.name == ".claims.yaml.lock":
            assert path.read_bytes() == b""
            continue
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            found[str(path.relative_to(folder))] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            found[str(path.relative_to(folder))] = ("file", path.read_bytes())
        else:
            found[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode),)
    return found


def add_args(ledger, quote="Model C scores 90.1", model="model-c", value="90.1"):
    return ["add", "-l", str(ledger), "--source", "one", "--kind", "score", "--quote", quote,
            "--model", model, "--benchmark", "bench-x", "--value", value]


# ------------------------------------------------------------------ 1. outputs never clobber


@pytest.mark.parametrize("fmt,target", [
    ("csv", "claims.yaml"),
    ("sqlite", "sources/one.txt"),
    ("json", "alias/two.txt"),        # a folder linked to sources/: the same file by another path
    ("annotations", "hardlink.yaml"),  # the ledger's own inode under another name
])
def test_export_never_replaces_the_ledger_or_a_source(tmp_path, fmt, target):
    ledger = build_small(tmp_path)
    (tmp_path / "alias").symlink_to(tmp_path / "sources", target_is_directory=True)
    os.link(ledger, tmp_path / "hardlink.yaml")
    before = snapshot(tmp_path)
    result = run("export", "-l", ledger, "--to", fmt, "-o", tmp_path / target)
    assert result.exit_code == 1, result.output
    assert "refusing to write" in result.output and "hint:" in result.output
    assert "ledger" in result.output or "source" in result.output
    assert snapshot(tmp_path) == before


def test_schema_and_report_never_replace_the_ledger_or_a_source(tmp_path):
    ledger = build_small(tmp_path)
    before = snapshot(tmp_path)
    for args in (["schema", "-o", ledger], ["schema", "--for-ledger", "-o", tmp_path / "sources" / "one.txt"],
                 ["schema", "-o", tmp_path / "sources" / "two.txt"],
                 ["report", "-o", ledger, "--force"], ["report", "-o", tmp_path / "sources", "--force"],
                 ["report", "-o", tmp_path / "sources" / "one.txt", "--force"]):
        result = run(args[0], "-l", ledger, *args[1:])
        assert result.exit_code == 1, (args, result.output)
        assert "refusing to write" in result.output, (args, result.output)
        assert snapshot(tmp_path) == before, args


def special_targets(folder: Path) -> dict[str, Path]:
    """A named pipe, a link to a file, a dangling link, and (where the system lets us) a device."""
    made = {}
    os.mkfifo(folder / "pipe")
    made["a named pipe"] = folder / "pipe"
    (folder / "real.txt").write_text("keep me\n")
    (folder / "link").symlink_to(folder / "real.txt")
    made["a symbolic link"] = folder / "link"
    (folder / "dangling").symlink_to(folder / "created-through-the-link")
    made["a dangling symbolic link"] = folder / "dangling"
    try:
        os.mknod(folder / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        made["a device"] = folder / "null"
    except (PermissionError, OSError):
        pass
    return made


@pytest.mark.parametrize("command", [["export", "--to", "csv"], ["export", "--to", "sqlite"], ["schema"],
                                     ["report", "--force"]])
def test_outputs_refuse_what_is_not_a_regular_file(tmp_path, command):
    (tmp_path / "ledger").mkdir()
    ledger = build_small(tmp_path / "ledger")
    targets = special_targets(tmp_path)
    before = snapshot(tmp_path)
    for what, target in targets.items():
        result = run(command[0], "-l", ledger, *command[1:], "-o", target)
        assert result.exit_code == 1, (what, result.output)
        assert "refusing to write" in result.output or "symbolic link" in result.output, (what, result.output)
        assert snapshot(tmp_path) == before, what
    assert not (tmp_path / "created-through-the-link").exists()


def test_dash_still_prints_and_a_new_path_is_written(tmp_path):
    ledger = build_small(tmp_path)
    assert run("export", "-l", ledger, "--to", "csv", "-o", "-", ok=True).output.startswith("id,")
    run("export", "-l", ledger, "--to", "csv", "-o", tmp_path / "out.csv", ok=True)
    run("export", "-l", ledger, "--to", "csv", "-o", tmp_path / "out.csv", ok=True)  # its own previous output
    assert (tmp_path / "out.csv").read_text().startswith("id,")


# ------------------------------------------------------------------ 2. one writer at a time

PAUSED_WRITER = textwrap.dedent("""\
    import sys
    from ledger.write import files, sources

    where, argv = sys.argv[1], sys.argv[2:]

    def pause():
        sys.stderr.write("PAUSED\\n")
        sys.stderr.flush()
        sys.stdin.readline()

    def after(module, name):
        real = getattr(module, name)

        def hooked(*args, **kwargs):
            result = real(*args, **kwargs)
            pause()
            return result

        setattr(module, name, hooked)

    def before(module, name):
        real = getattr(module, name)

        def hooked(*args, **kwargs):
            pause()
            return real(*args, **kwargs)

        setattr(module, name, hooked)

    if where == "read":      # the ledger's bytes read, nothing checked yet
        after(files, "read_snapshot")
    elif where == "rename":  # checked, compared with the disk again, about to be renamed into place
        before(files, "_put_in_place")
    elif where == "copy":    # new-source: the write-up copied into sources/, the ledger not saved yet
        after(sources, "copy_source")
    sys.argv = ["ledger", *argv]
    from ledger.cli import main

    main()
""")


def writer_env(wait: str = "0") -> dict:
    return {**os.environ, "LEDGER_NO_CACHE": "1", "LEDGER_LOCK_WAIT": wait, "NO_COLOR": "1",
            "PYTHONPATH": str(REPO)}


class Paused:
    """A ledger command in a helper process, stopped at ``where`` until ``go``."""

    def __init__(self, where: str, args: list[str]) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", PAUSED_WRITER, where, *map(str, args)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, env=writer_env())
        line = self.process.stderr.readline()
        assert line == "PAUSED\n", line + self.process.stderr.read()

    def go(self) -> tuple[int, str]:
        out, errors = self.process.communicate("\n", timeout=120)
        return self.process.returncode, out + errors

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def ledger_command(args: list, wait: str = "0") -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "ledger", *map(str, args)], capture_output=True, text=True,
                          env=writer_env(wait), timeout=120)
    return done.returncode, done.stdout + done.stderr


def claim_ids(ledger: Path) -> set[str]:
    result = load_ledger(ledger)
    assert result.ok, [d.render() for d in result.diagnostics]
    return set(result.ledger.claims)


def test_a_held_lock_makes_every_writer_fail_cleanly(commented):
    from filelock import FileLock

    (commented.parent / "incoming.md").write_text("Model B scores 12.0 on Bench Y.\n")
    writers = [
        add_args(commented),
        ["review", "-l", commented, "C002-0000000000", "--verdict", "confirmed"],
        ["fmt", "-l", commented],
        ["new-source", commented.parent / "incoming.md", "-l", commented, "--kind", "other"],
        ["schema", "--for-ledger", "-l", commented, "-o", commented.parent / "ledger.schema.json"],
    ]
    with FileLock(commented.parent / ".claims.yaml.lock"):
        before = snapshot(commented.parent)
        for args in writers:
            result = run(*args)
            assert result.exit_code == 1, (args, result.output)
            assert "claims.yaml is being written by another ledger command" in result.output, (args, result.output)
            assert ".claims.yaml.lock" in result.output and "try again" in result.output
            assert snapshot(commented.parent) == before, args
    run(*add_args(commented), ok=True)  # released: the same command goes through


def test_no_lost_update_when_two_writers_meet_at_the_rename(commented):
    first = Paused("rename", add_args(commented))
    try:
        second = ledger_command(add_args(commented, "Model B (85.4)", "model-b", "85.4"))
        done = first.go()
    finally:
        first.kill()
    ids = claim_ids(commented)
    for code, output, claim in (done + ("one-bench-x-model-c",), second + ("one-bench-x-model-b",)):
        if "added claim" in output:
            assert code == 0 and claim in ids, output  # every "added claim" is in the file
        else:
            assert code == 1 and "being written by another ledger command" in output, output
    assert done[0] == 0 and "one-bench-x-model-c" in ids


def test_a_writer_waiting_for_the_lock_sees_the_first_writers_change(commented):
    first = Paused("read", add_args(commented))
    second = subprocess.Popen([sys.executable, "-m", "ledger",
                               *map(str, add_args(commented, "Model B (85.4)", "model-b", "85.4"))],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=writer_env("120"))
    try:
        note = second.stderr.readline()  # the second writer says it waits (or, without a lock, ends)
        assert "waiting" in note and "claims.yaml" in note, note + second.stderr.read()
        assert first.go()[0] == 0
        out, errors = second.communicate(timeout=120)
        assert second.returncode == 0, out + errors
    finally:
        first.kill()
        if second.poll() is None:
            second.kill()
            second.communicate()
    assert {"one-bench-x-model-c", "one-bench-x-model-b"} <= claim_ids(commented)


# ------------------------------------------------------------------ 3. new-source removes only what it created


def test_new_source_never_deletes_a_copy_another_run_registered(commented, tmp_path):
    incoming = tmp_path / "incoming" / "w.md"
    incoming.parent.mkdir()
    incoming.write_text("# W\n\nModel A scores 91.0 on Bench X.\n")
    args = ["new-source", incoming, "-l", commented, "--kind", "blog-post"]
    first = Paused("copy", args)
    try:
        second = ledger_command(args)
        done = first.go()
    finally:
        first.kill()
    assert (commented.parent / "sources" / "w.md").read_bytes() == incoming.read_bytes()
    assert run("check", "-l", commented).exit_code == 0
    assert sum("registered source" in output for _, output in (done, second)) == 1, (done, second)


# ------------------------------------------------------------------ 4. orphans of killed writers


def test_the_next_writer_removes_the_temporary_files_of_killed_writers(commented):
    folder = commented.parent
    orphans = [folder / ".claims.yaml.k1ll3d_a.tmp", folder / ".claims.yaml.abcdefgh.tmp"]
    for orphan in orphans:
        orphan.write_bytes(b"half a ledger" * 1000)
    kept = [folder / ".claims.yaml.mine.tmp", folder / "claims.yaml.abcdefgh.tmp", folder / ".other.yaml.abcdefgh.tmp"]
    for other in kept:
        other.write_text("not ours")
    (folder / ".claims.yaml.zzzzzzzz.tmp").mkdir()  # a folder: never made by a writer, kept
    run(*add_args(commented), ok=True)
    assert not [o for o in orphans if os.path.lexists(o)]
    assert all(o.read_text() == "not ours" for o in kept) and (folder / ".claims.yaml.zzzzzzzz.tmp").is_dir()


# ------------------------------------------------------------------ 5. read-only ledgers, CR line endings


@pytest.mark.parametrize("command", [add_args, lambda ledger: ["fmt", "-l", ledger]])
def test_a_read_only_ledger_is_refused(commented, command):
    commented.write_text(COMMENTED.replace("version: 1\n", "version:   1\n"))  # not canonical: fmt would write
    commented.chmod(0o444)
    before = snapshot(commented.parent)
    result = run(*command(commented))
    assert result.exit_code == 1, result.output
    assert "claims.yaml is read-only" in result.output
    assert snapshot(commented.parent) == before
    assert stat.S_IMODE(commented.stat().st_mode) == 0o444


def test_cr_line_endings_are_kept_by_add_and_review(commented):
    commented.write_bytes(COMMENTED.replace("\n", "\r").encode())
    run("add", "-l", commented, "--source", "one", "--kind", "comparison", "--quote",
        "so Model A is “on par” with Model B", "--subjects", "model-a", "--relation", "on-par",
        "--objects", "model-b", "--benchmark", "bench-y", "--words", "on par", ok=True)
    data = commented.read_bytes()
    assert b"\n" not in data
    old, new = COMMENTED.split("\n"), data.decode().split("\r")
    changes = {tag for tag, *_ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()}
    assert changes == {"equal", "insert"}  # lines added, none changed
    [conflict] = json.loads(run("conflicts", "-l", commented, "-f", "json", ok=True).output)
    run("review", "-l", commented, conflict["id"], "--verdict", "confirmed", ok=True)
    assert b"\n" not in commented.read_bytes() and b"verdict: confirmed\r" in commented.read_bytes()


# ------------------------------------------------------------------ 6. no write through a link


def test_new_source_never_writes_through_a_dangling_link(commented, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    link = commented.parent / "sources" / "w1.md"
    link.symlink_to(outside / "w1.md")
    incoming = tmp_path / "incoming" / "w1.md"
    incoming.parent.mkdir()
    incoming.write_text("# W1\n\nModel A scores 91.0 on Bench X.\n")
    before = snapshot(commented.parent)
    result = run("new-source", incoming, "-l", commented, "--kind", "blog-post")
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.output
    assert list(outside.iterdir()) == []
    assert snapshot(commented.parent) == before


def test_new_source_never_copies_into_a_sources_folder_outside(tmp_path, monkeypatch):
    from ledger.write import sources

    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "ledger"
    folder.mkdir()
    (folder / "claims.yaml").write_text("version: 1\n")
    (folder / "sources").symlink_to(outside, target_is_directory=True)
    incoming = tmp_path / "w2.md"
    incoming.write_text("# W2\n\nModel A scores 91.0 on Bench X.\n")
    seen_outside = []
    real_copy = sources.copy_source

    def copy_and_look(new):  # what is outside right after the copy (it is taken back later)
        real_copy(new)
        seen_outside.extend(outside.iterdir())

    monkeypatch.setattr(sources, "copy_source", copy_and_look)
    result = run("new-source", incoming, "-l", folder / "claims.yaml", "--kind", "blog-post")
    assert result.exit_code == 1, result.output
    assert "outside the ledger's folder" in result.output
    assert seen_outside == [] and list(outside.iterdir()) == []
    assert (folder / "claims.yaml").read_text() == "version: 1\n"


def test_a_ledger_that_is_a_link_is_not_written_through(commented, tmp_path):
    real = tmp_path / "elsewhere.yaml"
    real.write_text(COMMENTED)
    link = commented.parent / "linked.yaml"
    link.symlink_to(real)
    result = run(*add_args(link))
    assert result.exit_code == 1 and "symbolic link" in result.output, result.output
    assert real.read_text() == COMMENTED and link.is_symlink()


def test_the_cache_is_neither_written_nor_read_through_a_linked_folder(tmp_path):
    folder = tmp_path / "ledger"
    folder.mkdir()
    ledger = build_ledger(folder, SIX_CLAIMS)
    baseline = run("conflicts", "-f", "json", "-l", ledger, ok=True).output
    assert cache.cache_file(ledger).is_file()  # a real folder: cached
    elsewhere = tmp_path / "elsewhere"
    (folder / cache.CACHE_DIR).rename(elsewhere)  # a valid entry, signed with our key
    (folder / cache.CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(elsewhere)
    assert not cache.load(ledger, DEFAULT_LIMITS)[2].hit  # not read from there
    assert run("conflicts", "-f", "json", "-l", ledger, ok=True).output == baseline
    assert snapshot(elsewhere) == before  # not written there


# ------------------------------------------------------------------ 7. the cache file: no hang, no unbounded read


# The command runs under a wrapper whose only child it is, which reports the child's peak memory:
# an unbounded read of /dev/zero would fill the 3 GiB allowed (and the MemoryError be swallowed
# with the rest of a bad entry), a bounded one stays near the program's own size.
PEAK_OF_CHILD = textwrap.dedent("""\
    import resource, subprocess, sys

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60, preexec_fn=limited)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    sys.stderr.write(f"\\npeak-kib {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
    sys.exit(done.returncode)
""")


@pytest.mark.parametrize("plant", ["fifo", "dev-zero", "device"])
def test_a_cache_file_that_is_not_a_regular_file_is_ignored(tmp_path, plant):
    ledger = build_ledger(tmp_path, SIX_CLAIMS)
    baseline = run("check", "-l", ledger, ok=True).output
    entry = cache.cache_file(ledger)
    entry.unlink()
    if plant == "fifo":
        os.mkfifo(entry)
    elif plant == "dev-zero":
        entry.symlink_to("/dev/zero")
    else:
        try:
            os.mknod(entry, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # /dev/zero's numbers
        except (PermissionError, OSError):
            pytest.skip("cannot make a device node here")
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", PEAK_OF_CHILD, sys.executable, "-m", "ledger", "check",
                           "-l", str(ledger)], capture_output=True, text=True, env=env, timeout=90)
    assert (done.returncode, done.stdout) == (0, baseline), done.stderr
    peak_kib = int(done.stderr.rsplit("peak-kib ", 1)[1])
    assert peak_kib < 1 << 20, done.stderr  # under 1 GiB: nothing read without bound


# ------------------------------------------------------------------ 8. the cache key: private or unused


@pytest.mark.parametrize("spoil", ["group-writable", "world-writable", "another-owner", "a-link"])
def test_a_key_others_could_write_is_not_used(tmp_path, spoil):
    ledger = build_ledger(tmp_path, SIX_CLAIMS)
    baseline = run("conflicts", "-f", "json", "-l", ledger, ok=True).output
    key = tmp_path / "xdg" / "ledger" / "cache-key"
    assert key.is_file() and cache.cache_file(ledger).is_file()
    cache.cache_file(ledger).unlink()
    if spoil == "group-writable":
        key.chmod(0o620)
    elif spoil == "world-writable":
        key.chmod(0o602)
    elif spoil == "another-owner":
        if os.geteuid() != 0:
            pytest.skip("only root can give a file to another user")
        os.chown(key, 4321, 4321)
    else:
        real = tmp_path / "key-elsewhere"
        key.rename(real)
        key.symlink_to(real)
    assert run("conflicts", "-f", "json", "-l", ledger, ok=True).output == baseline
    assert not cache.cache_file(ledger).exists()  # no cache: never an error
