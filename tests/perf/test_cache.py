"""The content-hash cache (ledger/perf/cache.py): a hit prints exactly what a cold run prints,
every input invalidates it, and a corrupt, foreign or unwritable cache never changes the output."""

from __future__ import annotations

import json
import os
import pickle

import pytest

from ledger import load as loader
from ledger.load import load_ledger
from ledger.perf import cache
from ledger.read import fast_reader as fastread
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits
from tests.conftest import BROKEN_CLAIMS, SIX_CLAIMS, build_ledger, copy_shipped, load_outcome, run


@pytest.fixture(autouse=True)
def private_key_folder(tmp_path, monkeypatch):
    """Each test signs with its own key, kept outside the ledger's folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("LEDGER_NO_CACHE", raising=False)
    cache._program = None


def outcome(*args):
    """The exit code and standard output of ``ledger *args``: what a hit must give again."""
    result = run(*args)
    return result.exit_code, result.stdout


def entry_file(path):
    return cache.cache_file(path)


def is_hit(path, limits: Limits = DEFAULT_LIMITS) -> bool:
    return cache.load(path, limits)[2].hit


def no_loading(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the ledger was loaded: the cache was not used")

    monkeypatch.setattr(cache, "load_ledger", refuse)


@pytest.mark.parametrize("args", [("conflicts", "-f", "json"), ("conflicts", "-f", "sarif"),
                                  ("conflicts", "-f", "markdown"), ("conflicts",), ("check", "-f", "json"),
                                  ("check",)])
def test_a_rerun_is_served_from_the_cache_and_prints_the_same(tmp_path, monkeypatch, args):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    cold = outcome(*args, "--ledger", path)
    assert entry_file(path).is_file()
    assert (entry_file(path).parent / ".gitignore").read_text().strip().endswith("*")
    with monkeypatch.context() as patched:
        no_loading(patched)
        assert outcome(*args, "--ledger", path) == cold
    monkeypatch.setenv("LEDGER_NO_CACHE", "1")
    assert outcome(*args, "--ledger", path) == cold


def test_the_shipped_ledger_is_cached_its_skipped_passages_included(tmp_path, monkeypatch):
    """Its sources skip passages by quote: their anchors travel in the entry too (an anchor
    that marshal cannot write would silently leave the ledger uncached)."""
    path = copy_shipped(tmp_path)
    fresh = load_ledger(path).ledger
    assert fresh.skipped  # what this test is about
    cold = outcome("conflicts", "-f", "json", "--ledger", path)
    assert entry_file(path).is_file()
    with monkeypatch.context() as patched:
        no_loading(patched)
        assert outcome("conflicts", "-f", "json", "--ledger", path) == cold
        assert cache.load(path, DEFAULT_LIMITS)[0].ledger.skipped == fresh.skipped


def test_check_and_conflicts_share_one_entry(tmp_path, monkeypatch):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    check = outcome("check", "--ledger", path)
    cold = outcome("conflicts", "-f", "json", "--ledger", path)  # served by check's entry
    no_loading(monkeypatch)
    assert outcome("check", "--ledger", path) == check
    assert outcome("conflicts", "-f", "json", "--ledger", path) == cold
    assert json.loads(cold[1])  # there are conflicts to compare


def test_diagnostics_are_identical_with_and_without_the_cache(tmp_path, monkeypatch):
    path = build_ledger(tmp_path, BROKEN_CLAIMS)
    cold = outcome("check", "-f", "json", "--ledger", path)
    assert cold[0] == 1 and {d["code"] for d in json.loads(cold[1])} >= {"A001", "A003"}
    assert entry_file(path).is_file()
    with monkeypatch.context() as patched:
        no_loading(patched)
        assert outcome("check", "-f", "json", "--ledger", path) == cold
        assert outcome("check", "--ledger", path) == outcome("check", "--ledger", path)
        failed = run("conflicts", "--ledger", path)
        assert failed.exit_code == 1
    monkeypatch.setenv("LEDGER_NO_CACHE", "1")
    assert outcome("check", "-f", "json", "--ledger", path) == cold
    assert run("conflicts", "--ledger", path).output == failed.output


def test_a_yaml_error_is_cached_too(tmp_path, monkeypatch):
    path = tmp_path / "claims.yaml"
    path.write_text("version: 1\nclaims: [\n", encoding="utf-8")
    cold = outcome("check", "--ledger", path)
    assert cold[0] == 1 and "Y001" in cold[1]
    no_loading(monkeypatch)
    assert outcome("check", "--ledger", path) == cold


# ---------------------------------------------------------------- invalidation

def test_every_input_invalidates_the_entry(tmp_path, monkeypatch):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    baseline = outcome("conflicts", "-f", "json", "--ledger", path)
    assert is_hit(path)

    # the ledger's bytes
    original = path.read_bytes()
    path.write_bytes(original + b"# a comment\n")
    assert not is_hit(path)
    assert outcome("conflicts", "-f", "json", "--ledger", path) == baseline
    assert is_hit(path)
    path.write_bytes(original)
    outcome("conflicts", "-f", "json", "--ledger", path)

    # a source's bytes: the change shows (A004), it is not served from the cache
    source = tmp_path / "sources" / "one.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "One more line.\n", encoding="utf-8")
    assert not is_hit(path)
    code, output = outcome("check", "--ledger", path)
    assert code == 1 and "A004" in output
    source.write_text(text, encoding="utf-8")
    assert not is_hit(path)  # the entry now holds the changed source's result
    assert outcome("conflicts", "-f", "json", "--ledger", path) == baseline

    # a source that disappears
    source.rename(tmp_path / "moved.txt")
    assert not is_hit(path)
    code, output = outcome("check", "--ledger", path)
    assert code == 1 and "A005" in output
    (tmp_path / "moved.txt").rename(source)
    assert outcome("conflicts", "-f", "json", "--ledger", path) == baseline

    # the limits
    assert is_hit(path, DEFAULT_LIMITS)
    assert not is_hit(path, Limits(max_nodes=DEFAULT_LIMITS.max_nodes - 1))
    code, output = outcome("--max-nodes", "10", "check", "--ledger", path)
    assert code == 1 and "Y004" in output

    # the program (its version or any of its files)
    outcome("conflicts", "-f", "json", "--ledger", path)
    assert is_hit(path)
    monkeypatch.setattr(cache, "_program", "another build of ledger")
    assert not is_hit(path)

    # the path the ledger is named by (it is in every message)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cache, "_program", None)
    assert is_hit(path)
    assert not is_hit(path.relative_to(tmp_path))


def test_the_program_stamp_covers_every_file_of_the_package(tmp_path):
    stamp = cache.program_stamp()
    assert len(stamp) == 64 and stamp == cache.program_stamp()
    # the whole package, not the folder of the cache's own module: a new rule is a new program
    assert cache.PACKAGE.name == "ledger" and (cache.PACKAGE / "check" / "rules" / "__init__.py").is_file()


# ---------------------------------------------------------------- untrusted entries

def test_a_corrupt_or_truncated_entry_is_ignored_and_rebuilt(tmp_path):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    baseline = outcome("conflicts", "-f", "json", "--ledger", path)
    target = entry_file(path)
    good = target.read_bytes()
    for damaged in (good[: len(good) // 2], good[:-1], b"", good[:40] + bytes([good[40] ^ 1]) + good[41:],
                    good.replace(b"par", b"pas")):
        target.write_bytes(damaged)
        assert not is_hit(path)
        assert outcome("conflicts", "-f", "json", "--ledger", path) == baseline
        assert target.read_bytes() != damaged and is_hit(path)  # rebuilt


def test_an_entry_larger_than_the_bound_is_not_read(tmp_path, monkeypatch):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    outcome("conflicts", "-f", "json", "--ledger", path)
    assert is_hit(path)
    size = entry_file(path).stat().st_size
    monkeypatch.setattr(cache, "max_entry_bytes", lambda raw: size - 1)  # what st_size says is not trusted
    assert not is_hit(path)


def test_a_key_folder_others_may_write_to_means_no_cache(tmp_path):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    outcome("check", "--ledger", path)
    assert is_hit(path)
    (tmp_path / "xdg" / "ledger").chmod(0o777)  # anyone could have put a key of their own there
    assert not is_hit(path)
    (tmp_path / "xdg" / "ledger").chmod(0o700)
    assert is_hit(path)


def test_an_entry_signed_elsewhere_is_not_trusted(tmp_path, monkeypatch):
    """A cache committed into a repository (or copied from another machine) has a valid
    format and key but another signature: it is ignored, whatever it says."""
    path = build_ledger(tmp_path, SIX_CLAIMS)
    baseline = outcome("conflicts", "-f", "json", "--ledger", path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-machine"))
    assert not is_hit(path)
    assert outcome("conflicts", "-f", "json", "--ledger", path) == baseline


def test_a_hostile_entry_runs_no_code(tmp_path, monkeypatch):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    baseline = outcome("conflicts", "-f", "json", "--ledger", path)
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps(Exploit())
    target = entry_file(path)
    for hostile in (payload, cache.FORMAT + payload, cache.FORMAT + b"\0" * 8 + payload + b"\0" * 32):
        target.write_bytes(hostile)
        assert outcome("conflicts", "-f", "json", "--ledger", path) == baseline
        assert not marker.exists()


def test_a_forged_entry_with_the_right_key_but_no_signature_is_ignored(tmp_path):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    baseline = outcome("conflicts", "-f", "json", "--ledger", path)
    target = entry_file(path)
    good = target.read_bytes()
    # same header and body, an attacker's "conflicts": but the MAC cannot be recomputed
    forged = good[:-32].replace(b"on par", b"NO par") + b"\0" * 32
    target.write_bytes(forged)
    assert outcome("conflicts", "-f", "json", "--ledger", path) == baseline


# ---------------------------------------------------------------- writing

def test_an_unwritable_cache_folder_does_not_fail_the_command(tmp_path, monkeypatch):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    (tmp_path / cache.CACHE_DIR).write_text("not a folder")  # mkdir fails, as in a read-only folder
    baseline = outcome("conflicts", "-f", "json", "--ledger", path)
    assert baseline[0] == 0 and json.loads(baseline[1])
    assert outcome("check", "--ledger", path)[0] == 0
    (tmp_path / cache.CACHE_DIR).unlink()

    import ledger.write.files

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ledger.write.files.os, "replace", refuse)
    assert outcome("conflicts", "-f", "json", "--ledger", path) == baseline
    assert not entry_file(path).exists()
    assert not [p for p in entry_file(path).parent.iterdir() if p.name.endswith((".tmp", ".part"))]  # none left


def test_no_key_means_no_cache(tmp_path, monkeypatch):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    blocker = tmp_path / "xdg-file"
    blocker.write_text("a file where the key folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    baseline = outcome("conflicts", "-f", "json", "--ledger", path)
    assert baseline[0] == 0
    assert not entry_file(path).exists()


def test_the_key_is_private(tmp_path):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    outcome("check", "--ledger", path)
    key = tmp_path / "xdg" / "ledger" / "cache-key"
    assert key.stat().st_size == 32 and key.stat().st_mode & 0o077 == 0


# ---------------------------------------------------------------- the cache of a ledger read in chunks, anchored by a child

def test_the_entry_of_a_ledger_read_in_chunks_serves_the_rerun(tmp_path, children, monkeypatch):
    monkeypatch.setattr(fastread, "CHUNK_ITEMS", 2)  # the six claims in three chunks
    path = build_ledger(tmp_path, SIX_CLAIMS)
    cold = run("conflicts", "-f", "json", "--ledger", path)
    assert cold.exit_code == 0 and len(children) == 1  # the anchoring child
    assert cache.cache_file(path).is_file()
    assert len(load_ledger(path).ledger.document.read.starts) == 7  # cut: six claims, then the end
    expected = load_outcome(path)
    no_loading(monkeypatch)
    assert run("conflicts", "-f", "json", "--ledger", path).stdout == cold.stdout
    hit, conflicts, _ = cache.load(path, loader.DEFAULT_LIMITS)  # each claim read again from its text
    assert conflicts is not None
    assert ([d.render() for d in hit.diagnostics], dict(hit.ledger.anchors),
            {i: c.model_dump() for i, c in hit.ledger.claims.items()}) == expected


def test_a_ledger_with_errors_is_cached_too(tmp_path, children, monkeypatch):
    path = build_ledger(tmp_path, BROKEN_CLAIMS)
    cold = run("check", "-f", "json", "--ledger", path)
    assert cold.exit_code == 1 and cache.cache_file(path).is_file()
    no_loading(monkeypatch)
    assert run("check", "-f", "json", "--ledger", path).stdout == cold.stdout
