"""Work in forked children (ledger/perf/forking.py): a child returns what its work returns,
and whatever it does, or fails to do, the parent goes on."""

from __future__ import annotations

import os

import pytest

from ledger.perf import forking


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
