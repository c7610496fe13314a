"""``ledger lsp``: a Language Server Protocol server over stdio, on pygls.

Each open ledger document has its text (with its lines' offsets, kept up to date edit by edit),
its :class:`~ledger.lsp.incremental.LedgerCheck`, keyed by the document's URI, and the latest
checked text of it (a ``Snapshot``). An edit is checked once the typing pauses for ``DEBOUNCE``
seconds; a request (hover, definition ...) about a text not yet checked checks it first, so
that every answer is about the text the editor shows. Diagnostics are published per file: the
ledger's own, and (for a ledger that grows included files) any other file its diagnostics are
located in, each file's list replaced when it changed.

A file of a ledger written in several files (a root that includes others, or a file one
includes: ``ledger.lsp.sets``) is checked as part of its set: the set is loaded whole from its
root with every open file's text in place of the disk's, each open file of it gets its view,
and each file of the set its diagnostics.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from ledger.core.version import __version__
from ledger.lsp.features import View
from ledger.lsp.incremental import LedgerCheck, Snapshot, conflicts_found
from ledger.lsp.sets import SetCheck, includes, lines_of, relative_to, root_of
from ledger.lsp.text import UTF16, Lines
from ledger.perf import forking
from ledger.perf.process import keep_as_loaded, long_lived

# seconds of quiet after an edit before it is checked: longer than the pause between two keys
# of a word typed (a burst is checked once), short enough to leave most of the 0.3 s goal
DEBOUNCE = 0.1


class LedgerProtocol(LanguageServerProtocol):
    """pygls's own handling of open, change and close keeps a copy of each text, and applies an
    edit by splitting the whole text into lines and writing it out again: 25 ms or more a
    keystroke on a 3 MB ledger, debounced or not. The server keeps the texts itself
    (``LedgerServer.texts``); these hand the notifications straight to its handlers."""

    def _handler(self, method: str, params):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        yield from self._handler(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        yield from self._handler(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        yield from self._handler(types.TEXT_DOCUMENT_DID_CLOSE, params)


class LedgerServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("ledger", __version__, protocol_cls=LedgerProtocol)
        self.texts: dict[str, tuple[int | None, Lines]] = {}  # document URI -> (version, its text's lines)
        self.checks: dict[str, LedgerCheck] = {}  # document URI -> its ledger, checked
        self.views: dict[str, tuple[int | None, View]] = {}  # document URI -> (version, its latest view)
        self.published: dict[str, dict[str, list]] = {}  # document URI -> what went to each URI
        self.converted: dict[str, dict] = {}  # document URI -> its LSP diagnostics, by what they were made from
        self.waiting: dict[str, asyncio.TimerHandle] = {}
        self.settling: dict[str, forking.Forked] = {}  # document URI -> the child finding its conflicts
        # a ledger in several files: document URI -> its set's root; root -> the set, checked
        self.roots: dict[str, str] = {}
        self.sets: dict[str, SetCheck] = {}
        self.set_lines: dict[str, Lines] = {}  # a set's file not open -> its lines (read from disk)

    def opened(self, document: types.TextDocumentItem) -> None:
        self.texts[document.uri] = (document.version, Lines(document.text))

    def changed(self, params: types.DidChangeTextDocumentParams) -> None:
        """Apply the edits to the document's text, in order."""
        uri = params.text_document.uri
        lines = self.texts[uri][1]
        for change in params.content_changes:
            where = getattr(change, "range", None)
            lines = lines.changed(where, change.text, self.encoding) if where is not None else Lines(change.text)
        self.texts[uri] = (params.text_document.version, lines)

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return getattr(encoding, "value", encoding) or UTF16

    def view(self, uri: str) -> View | None:
        """The document's latest view, checked now if its text changed since."""
        if uri not in self.texts:
            return None
        known = self.views.get(uri)
        if known is None or known[0] != self.texts[uri][0]:
            self.check(uri)
            known = self.views.get(uri)
        if known is not None and known[1].snapshot.conflicts is None:  # an answer is about this text's conflicts
            child = self.settling.pop(uri, None)
            if child is not None:  # already being found: wait for them
                asyncio.get_running_loop().remove_reader(child.results)
            self.settle(uri, known[0], known[1], child.result() if child is not None else None)
            known = self.views.get(uri)
        return known[1] if known is not None else None

    @staticmethod
    def path_of(uri: str) -> str:
        return os.path.normpath(os.path.abspath(to_fs_path(uri) or uri))

    def root_for(self, uri: str) -> str | None:
        """The root of the set the document is a file of (itself, for a root); None: a ledger
        in one file."""
        path = self.path_of(uri)
        texts = {self.path_of(other): lines.text for other, (_, lines) in self.texts.items()}
        root = root_of(Path(path), texts, {key: kept.files for key, kept in self.sets.items()})
        if root is not None:
            return str(root)
        return path if includes(self.texts[uri][1].text) else None

    def check(self, uri: str) -> None:
        """Check the document's text as it is now and publish what was found (a file of a set:
        the set, ``check_set``)."""
        root, old = self.root_for(uri), self.roots.get(uri)
        if root is not None:
            if uri in self.checks:  # it was a ledger of its own until now
                self.forget_alone(uri)
            self.roots[uri] = root
            if old is not None and old != root:
                self.recheck_set(old)
            self.check_set(root)
            return
        if old is not None:
            del self.roots[uri]
            self.recheck_set(old)
        self.check_alone(uri)

    def check_alone(self, uri: str) -> None:
        """Check a ledger in one file as it is now and publish what was found: the diagnostics
        at once (with the last text's conflicts, placed on this one's claims), then, unless
        the text changed meanwhile, its own conflicts."""
        pending = self.waiting.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.stop_settling(uri)
        version, lines = self.texts[uri]
        if uri not in self.checks:
            self.checks[uri] = LedgerCheck(Path(to_fs_path(uri) or uri).absolute())
        snapshot: Snapshot = self.checks[uri].update(lines.text, settle=False)
        if not snapshot.incremental:
            self.converted.pop(uri, None)  # the sources may have changed with the frame
        known = self.views.get(uri)
        view = View(snapshot, uri, self.encoding, known[1].conflicts if known is not None else None, lines,
                    self.converted.get(uri))
        self.views[uri] = (version, view)
        self.publish(uri, version, view)
        loop = asyncio.get_running_loop()
        if snapshot.conflicts is None:
            self.settle_apart(uri, version, view)
        if not snapshot.incremental:
            loop.call_soon(keep_as_loaded)  # once published: a whole load is what lives on

    def members(self, root: str) -> list[str]:
        return [uri for uri, belongs in self.roots.items() if belongs == root and uri in self.texts]

    def check_set(self, root: str) -> None:
        """Load the set whole with the open files' texts, give each open file of it its view
        and publish each file's diagnostics."""
        members = self.members(root)
        for uri in members:
            pending = self.waiting.pop(uri, None)
            if pending is not None:
                pending.cancel()
        root_path = Path(root)
        checker = self.sets.get(root)
        if checker is None:
            checker = self.sets[root] = SetCheck(root_path)
        where = {uri: relative_to(root_path, Path(self.path_of(uri))) for uri in members}
        checked = checker.update({relative: self.texts[uri][1].text for uri, relative in where.items()
                                  if relative is not None})
        opened = {self.path_of(uri): uri for uri in members}
        kept = {shown: self.texts[opened[shown]][1] for shown in checked.texts if shown in opened}
        disk = lines_of({shown: text for shown, text in checked.texts.items() if shown not in opened},
                        self.set_lines)
        self.set_lines.update(disk)
        files = {shown: (opened.get(shown) or Path(shown).as_uri(), kept.get(shown) or disk[shown])
                 for shown in checked.texts}
        root_uri, root_lines = files[root]
        publisher = View(checked.snapshot_of(root), root_uri, self.encoding, lines=root_lines,
                         converted=self.converted.get(root), files=files)
        published = publisher.diagnostics()
        self.converted[root] = publisher.converted
        versions = {}
        for uri in members:
            shown = self.path_of(uri)
            version = self.texts[uri][0]
            versions[uri] = version
            if shown == root and uri == root_uri:
                view = publisher
            else:
                view = View(checked.snapshot_of(shown), uri, self.encoding, lines=self.texts[uri][1], files=files)
            self.views[uri] = (version, view)
        before = self.published.get(root, {})
        for stale in set(before) - set(published):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(stale, []))
        for target, diagnostics in published.items():
            if target not in versions and before.get(target) == diagnostics:
                continue
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                target, diagnostics, version=versions.get(target)))
        self.published[root] = published

    def recheck_set(self, root: str) -> None:
        """Check the set again once a file left it; with no file of it open, clear what it published."""
        if self.members(root):
            self.check_set(root)
            return
        for target in self.published.pop(root, {}):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(target, []))
        self.sets.pop(root, None)
        self.converted.pop(root, None)
        self.set_lines.clear()

    def settle_apart(self, uri: str, version: int | None, view: View) -> None:
        """Find the view's conflicts in a child process, so that the next edit is not kept
        waiting for them (100 ms and more on 10,000 claims): the child is stopped if that
        edit comes first. Where no child can be made, they are found here, after the publish."""
        loop = asyncio.get_running_loop()
        ledger = view.snapshot.ledger
        child = forking.start(lambda receive: conflicts_found(ledger), threads_apart=True)
        if child is None:
            loop.call_soon(self.settle, uri, version, view)
            return
        self.settling[uri] = child
        loop.add_reader(child.results, self.settled_apart, uri, version, view, child)

    def settled_apart(self, uri: str, version: int | None, view: View, child: forking.Forked) -> None:
        asyncio.get_running_loop().remove_reader(child.results)
        if self.settling.get(uri) is child:
            del self.settling[uri]
        self.settle(uri, version, view, child.result())  # None (the child failed): found here

    def stop_settling(self, uri: str) -> None:
        child = self.settling.pop(uri, None)
        if child is not None:
            asyncio.get_running_loop().remove_reader(child.results)
            child.cancel()

    def settle(self, uri: str, version: int | None, view: View, found: list | None = None) -> None:
        known = self.views.get(uri)
        if known is None or known[1] is not view:
            return  # the text changed since: its own check will do it
        view.snapshot.settle(found)
        settled = View(view.snapshot, uri, self.encoding, lines=view.lines, converted=view.converted)
        self.views[uri] = (version, settled)
        self.publish(uri, version, settled)

    def publish(self, uri: str, version: int | None, view: View) -> None:
        """Send each file's diagnostics: the ledger's every time (the editor learns the check of
        this version is done), another file's only when they changed."""
        published = view.diagnostics()
        self.converted[uri] = view.converted
        before = self.published.get(uri, {})
        for stale in set(before) - set(published):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(stale, []))
        for target, diagnostics in published.items():
            if target != uri and before.get(target) == diagnostics:
                continue
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                target, diagnostics, version=version if target == uri else None))
        self.published[uri] = published

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
        self.forget_alone(uri)
        self.texts.pop(uri, None)
        root = self.roots.pop(uri, None)
        if root is not None:
            self.recheck_set(root)  # the file as it is on disk, from now on

    def forget_alone(self, uri: str) -> None:
        """Drop what checking the document as a ledger of its own kept, and clear what it published."""
        self.stop_settling(uri)
        for target in self.published.pop(uri, {}):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(target, []))
        for kept in (self.checks, self.views, self.converted):
            kept.pop(uri, None)


server = LedgerServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LedgerServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.opened(params.text_document)
    ls.check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LedgerServer, params: types.DidChangeTextDocumentParams) -> None:
    # the last text's conflicts would be published only to be replaced; and stopped first, the
    # child no longer shares the pages the edit writes to (each would be copied)
    ls.stop_settling(params.text_document.uri)
    ls.changed(params)
    ls.later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LedgerServer, params: types.DidSaveTextDocumentParams) -> None:
    if params.text_document.uri in ls.texts:
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
