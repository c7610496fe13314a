"""Work in forked children (ledger/forking.py): a large ledger's quotes are anchored by a child
while the parent validates. Whatever the child does, or fails to do, what the user gets is the
same."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledger.anchor import strategies
from ledger.perf import cache, forking
from ledger.read import fast_reader as fastread
from ledger import load as loader
from ledger.cli.commands import app
from ledger.load import load_ledger

from .test_cache import BROKEN, CLAIMS, build_ledger, no_loading, private_key_folder  # noqa: F401

SHIPPED = Path(__file__).resolve().parent.parent / "claims.yaml"
runner = CliRunner()


@pytest.fixture
def children(monkeypatch):
    """Every ledger counts as large (fast path, children), and the children started are counted."""
    monkeypatch.setattr(fastread, "FAST_PATH_MIN_CHARS", 0)
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)
    started = []
    real_start = forking.start

    def counting_start(work):
        child = real_start(work)
        started.append(child)
        return child

    monkeypatch.setattr(forking, "start", counting_start)
    return started


def loaded(path):
    result = load_ledger(path)
    ledger = result.ledger
    return ([d.render() for d in result.diagnostics], dict(ledger.anchors),
            {i: c.model_dump() for i, c in ledger.claims.items()})


# ------------------------------------------------------------------ the helper

def test_a_child_returns_what_its_work_returns_and_receives_what_is_sent():
    child = forking.start(lambda receive: {"got": receive(), "pid": os.getpid()})
    child.send(["a", 1, (2, 3)])
    answer = child.result()
    assert answer["got"] == ["a", 1, (2, 3)] and answer["pid"] != os.getpid()


def test_a_child_that_fails_gives_none_and_the_parent_goes_on():
    def broken(receive):
        raise RuntimeError("boom")

    assert forking.start(broken).result() is None
    assert forking.start(lambda receive: os._exit(3)).result() is None


def test_a_child_never_sent_anything_receives_none():
    assert forking.start(lambda receive: receive()).result() is None


def test_a_cancelled_child_is_stopped_and_reaped():
    child = forking.start(lambda receive: receive())  # would wait for a message forever
    child.cancel()
    assert child.result() is None
    with pytest.raises(ChildProcessError):  # already reaped: no zombie left behind
        os.waitpid(child._pid, os.WNOHANG)


def test_no_fork_when_turned_off(monkeypatch):
    monkeypatch.setenv("LEDGER_NO_FORK", "1")
    assert forking.start(lambda receive: 1) is None


def test_no_fork_while_another_thread_runs():
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert forking.start(lambda receive: 1) is None
    finally:
        release.set()
        other.join()
    assert forking.start(lambda receive: 1).result() == 1


# ------------------------------------------------------------------ anchoring in a child


def placing_counted(monkeypatch) -> list[str]:
    """The claims whose quotes are placed one by one in this process, in order."""
    placed = []
    real_place = strategies.OneByOne.place

    def counting_place(self, claim, node):
        placed.append(claim.id)
        return real_place(self, claim, node)

    monkeypatch.setattr(strategies.OneByOne, "place", counting_place)
    return placed


# ------------------------------------------------------------------ the cache of a ledger read in chunks

def test_the_entry_of_a_ledger_read_in_chunks_serves_the_rerun(tmp_path, children, monkeypatch):
    monkeypatch.setattr(fastread, "CHUNK_ITEMS", 2)  # the six claims in three chunks
    path = build_ledger(tmp_path, CLAIMS)
    cold = runner.invoke(app, ["conflicts", "-f", "json", "--ledger", str(path)])
    assert cold.exit_code == 0 and len(children) == 1  # the anchoring child
    assert cache.cache_file(path).is_file()
    assert len(load_ledger(path).ledger.document.read.starts) == 7  # cut: six claims, then the end
    expected = loaded(path)
    no_loading(monkeypatch)
    assert runner.invoke(app, ["conflicts", "-f", "json", "--ledger", str(path)]).stdout == cold.stdout
    hit, conflicts, _ = cache.load(path, loader.DEFAULT_LIMITS)  # each claim read again from its text
    assert conflicts is not None
    assert ([d.render() for d in hit.diagnostics], dict(hit.ledger.anchors),
            {i: c.model_dump() for i, c in hit.ledger.claims.items()}) == expected


def test_a_ledger_with_errors_is_cached_too(tmp_path, children, monkeypatch):
    path = build_ledger(tmp_path, BROKEN)
    cold = runner.invoke(app, ["check", "-f", "json", "--ledger", str(path)])
    assert cold.exit_code == 1 and cache.cache_file(path).is_file()
    no_loading(monkeypatch)
    assert runner.invoke(app, ["check", "-f", "json", "--ledger", str(path)]).stdout == cold.stdout
