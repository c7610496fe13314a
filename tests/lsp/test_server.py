"""The server's handling of edits (``ledger.lsp.server``), without a client: the keys of a word
typed in a burst are checked once, after the typing pauses; the text is kept edit by edit."""

from __future__ import annotations

import asyncio

from lsprotocol import types

from ledger.lsp import server as served
from ledger.lsp.server import DEBOUNCE, LedgerServer


def test_a_burst_of_keys_is_checked_once_after_the_typing_pauses(monkeypatch):
    checked = []
    ledger_server = LedgerServer()
    monkeypatch.setattr(ledger_server, "check", lambda uri: checked.append((asyncio.get_running_loop().time(), uri)))

    async def typing():
        loop = asyncio.get_running_loop()
        for _ in range(6):  # keys 20 ms apart: a fast typist's
            ledger_server.later("file:///l.yaml")
            await asyncio.sleep(0.02)
        last = loop.time() - 0.02
        assert checked == []
        await asyncio.sleep(DEBOUNCE * 3)
        return last

    last = asyncio.run(typing())
    assert [uri for _, uri in checked] == ["file:///l.yaml"]
    assert checked[0][0] - last >= DEBOUNCE * 0.9


def test_the_debounce_leaves_most_of_the_goal_to_the_check():
    assert 0.075 <= DEBOUNCE <= 0.1


def test_each_change_is_applied_to_the_servers_text_in_order(monkeypatch):
    ledger_server = LedgerServer()
    monkeypatch.setattr(served.LedgerServer, "encoding", property(lambda self: "utf-16"))
    ledger_server.opened(types.TextDocumentItem("file:///l.yaml", "yaml", 1, "claims:\n  - id: a\n"))
    point = types.Position
    ledger_server.changed(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(version=3, uri="file:///l.yaml"),
        [types.TextDocumentContentChangePartial(range=types.Range(point(1, 8), point(1, 9)), text="b\n  - id: c"),
         types.TextDocumentContentChangePartial(range=types.Range(point(0, 0), point(0, 0)), text="version: 1\n")]))
    version, lines = ledger_server.texts["file:///l.yaml"]
    assert version == 3 and lines.text == "version: 1\nclaims:\n  - id: b\n  - id: c\n"
    assert lines.starts == [0, 11, 19, 29, 39]
    ledger_server.changed(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(version=4, uri="file:///l.yaml"),
        [types.TextDocumentContentChangeWholeDocument(text="all new\n")]))
    assert ledger_server.texts["file:///l.yaml"][1].text == "all new\n"


def _unsettled(tmp_path):
    from ledger.lsp.features import View
    from ledger.lsp.incremental import LedgerCheck
    from tests.lsp.ledgers import build

    path = build(tmp_path)
    check = LedgerCheck(path)
    text = path.read_text(encoding="utf-8")
    check.update(text)
    snapshot = check.update(text.replace("value: 88.6", "value: 88.7"), settle=False)
    assert snapshot.conflicts is None
    return View(snapshot, path.as_uri())


def _settled_by(ledger_server: LedgerServer, view, monkeypatch) -> list:
    published = []
    monkeypatch.setattr(served.LedgerServer, "encoding", property(lambda self: "utf-16"))  # as if initialized
    monkeypatch.setattr(ledger_server, "publish", lambda uri, version, settled: published.append(settled))

    async def settling():
        ledger_server.views[view.uri] = (2, view)
        ledger_server.settle_apart(view.uri, 2, view)
        for _ in range(500):
            if published:
                return
            await asyncio.sleep(0.01)

    asyncio.run(settling())
    return published


def test_the_conflicts_are_found_in_a_child_and_are_those_found_here(tmp_path, monkeypatch):
    from ledger.check.engine import find_conflicts

    view = _unsettled(tmp_path)
    expected = find_conflicts(view.snapshot.ledger)
    ledger_server = LedgerServer()
    children = []
    started = served.forking.start
    monkeypatch.setattr(served.forking, "start", lambda *a, **k: children.append(started(*a, **k)) or children[-1])
    [settled] = _settled_by(ledger_server, view, monkeypatch)
    assert children and children[0] is not None  # found apart, on Linux
    assert settled.conflicts == expected and expected and not ledger_server.settling


def test_without_a_child_the_conflicts_are_found_here_after_the_publish(tmp_path, monkeypatch):
    from ledger.check.engine import find_conflicts

    view = _unsettled(tmp_path)
    monkeypatch.setenv("LEDGER_NO_FORK", "1")
    [settled] = _settled_by(LedgerServer(), view, monkeypatch)
    assert settled.conflicts == find_conflicts(view.snapshot.ledger)
