"""``ledger lsp``: a Language Server Protocol server over stdio, on pygls.

Each open ledger document has its :class:`~ledger.lsp.incremental.LedgerCheck`, keyed by the
document's URI, and the latest checked text of it (a ``Snapshot``). An edit is checked once the
typing pauses for ``DEBOUNCE`` seconds; a request (hover, definition ...) about a text not yet
checked checks it first, so that every answer is about the text the editor shows. Diagnostics
are published per file: the ledger's own, and (for a ledger that grows included files) any
other file its diagnostics are located in, each file's list replaced on every check.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ledger.core.version import __version__
from ledger.lsp.features import View
from ledger.lsp.incremental import LedgerCheck, Snapshot
from ledger.lsp.text import UTF16
from ledger.perf.process import long_lived

DEBOUNCE = 0.15  # seconds of quiet after an edit before it is checked


class LedgerServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("ledger", __version__)
        self.checks: dict[str, LedgerCheck] = {}  # document URI -> its ledger, checked
        self.views: dict[str, tuple[int | None, View]] = {}  # document URI -> (version, its latest view)
        self.published: dict[str, set[str]] = {}  # document URI -> the URIs its diagnostics went to
        self.waiting: dict[str, asyncio.TimerHandle] = {}

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return getattr(encoding, "value", encoding) or UTF16

    def view(self, uri: str) -> View | None:
        """The document's latest view, checked now if its text changed since."""
        document = self.workspace.get_text_document(uri)
        known = self.views.get(uri)
        if known is None or known[0] != document.version:
            self.check(uri)
            known = self.views.get(uri)
        if known is not None and known[1].snapshot.conflicts is None:
            self.settle(uri, known[0], known[1])  # an answer is about this text's conflicts
            known = self.views.get(uri)
        return known[1] if known is not None else None

    def check(self, uri: str) -> None:
        """Check the document's text as it is now and publish what was found: the diagnostics
        at once (with the last text's conflicts, placed on this one's claims), then, unless
        the text changed meanwhile, its own conflicts."""
        pending = self.waiting.pop(uri, None)
        if pending is not None:
            pending.cancel()
        document = self.workspace.get_text_document(uri)
        if uri not in self.checks:
            path = to_fs_path(uri) or document.path
            self.checks[uri] = LedgerCheck(Path(path).absolute())
        snapshot: Snapshot = self.checks[uri].update(document.source, settle=False)
        known = self.views.get(uri)
        view = View(snapshot, uri, self.encoding, known[1].conflicts if known is not None else None)
        self.views[uri] = (document.version, view)
        self.publish(uri, document.version, view)
        if snapshot.conflicts is None:
            asyncio.get_running_loop().call_soon(self.settle, uri, document.version, view)

    def settle(self, uri: str, version: int | None, view: View) -> None:
        known = self.views.get(uri)
        if known is None or known[1] is not view:
            return  # the text changed since: its own check will do it
        view.snapshot.settle()
        settled = View(view.snapshot, uri, self.encoding)
        self.views[uri] = (version, settled)
        self.publish(uri, version, settled)

    def publish(self, uri: str, version: int | None, view: View) -> None:
        published = view.diagnostics()
        for stale in self.published.get(uri, set()) - set(published):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(stale, []))
        for target, diagnostics in published.items():
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                target, diagnostics, version=version if target == uri else None))
        self.published[uri] = set(published)

    def later(self, uri: str) -> None:
        """Check the document once the typing pauses."""
        pending = self.waiting.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.waiting[uri] = asyncio.get_running_loop().call_later(DEBOUNCE, self.check, uri)

    def forget(self, uri: str) -> None:
        pending = self.waiting.pop(uri, None)
        if pending is not None:
            pending.cancel()
        for target in self.published.pop(uri, set()):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(target, []))
        self.checks.pop(uri, None)
        self.views.pop(uri, None)


server = LedgerServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LedgerServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LedgerServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LedgerServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.check(params.text_document.uri)  # a source file may have changed with it


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LedgerServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: LedgerServer, params: types.HoverParams) -> types.Hover | None:
    view = ls.view(params.text_document.uri)
    return view.hover(params.position) if view is not None else None


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: LedgerServer, params: types.DefinitionParams) -> list[types.Location]:
    view = ls.view(params.text_document.uri)
    return view.definition(params.position) if view is not None else []


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: LedgerServer, params: types.ReferenceParams) -> list[types.Location]:
    view = ls.view(params.text_document.uri)
    return view.references(params.position, params.context.include_declaration) if view is not None else []


@server.feature(types.TEXT_DOCUMENT_COMPLETION,
                types.CompletionOptions(trigger_characters=[" ", "[", ",", "-"]))
def completion(ls: LedgerServer, params: types.CompletionParams) -> types.CompletionList:
    view = ls.view(params.text_document.uri)
    return types.CompletionList(is_incomplete=False, items=view.completion(params.position) if view is not None else [])


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: LedgerServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    view = ls.view(params.text_document.uri)
    return view.code_actions(list(params.context.diagnostics)) if view is not None else []


def serve() -> None:
    """Serve on stdin and stdout until the client says exit."""
    long_lived()
    server.start_io()
