"""``ledger lsp`` end to end: a real LSP client (pytest-lsp) talks to the server over stdio.

One server for the module (starting one costs most of a test's time); each test opens its own
copy of the small ledger (tests/lsp/ledgers.py), edits it only in the editor's memory, and
closes it. Positions are LSP's: 0-based lines, columns in UTF-16 code units (VS Code's
capabilities offer no other encoding)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.ledgers import build, build_split

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "ledger", "lsp"]),
                    scope="module")
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


# ------------------------------------------------------------------ helpers

def position(text: str, marker: str, occurrence: int = 1, plus: int = 0) -> types.Position:
    """The LSP position of the n-th ``marker`` in ``text`` (``plus`` characters into it)."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(marker, offset + 1)
    return _position_of(text, offset + plus)


def _position_of(text: str, offset: int) -> types.Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return types.Position(text.count("\n", 0, offset), len(text[line_start:offset].encode("utf-16-le")) // 2)


def span(text: str, marker: str, occurrence: int = 1) -> types.Range:
    """The range of the n-th ``marker`` (on one line)."""
    start = position(text, marker, occurrence)
    return types.Range(start, types.Position(start.line, start.character + len(marker.encode("utf-16-le")) // 2))


async def diagnostics_until(client: LanguageClient, uri: str, wanted, timeout: float = 20.0):
    """The diagnostics published for ``uri`` once ``wanted(diagnostics)`` holds."""
    async def wait():
        while not (uri in client.diagnostics and wanted(client.diagnostics[uri])):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]
    return await asyncio.wait_for(wait(), timeout)


def codes(diagnostics) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


class Opened:
    """A copy of the small ledger, opened in the client; ``edit`` changes it in memory."""

    def __init__(self, client: LanguageClient, folder: Path, path: Path | None = None) -> None:
        """``path``: a file already written (one of a split ledger); else the small ledger, built."""
        self.client = client
        self.path = path if path is not None else build(folder)
        self.uri = self.path.as_uri()
        self.text = self.path.read_text(encoding="utf-8")
        self.version = 1
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=self.uri, language_id="yaml", version=self.version, text=self.text)))

    def edit(self, old: str, new: str, occurrence: int = 1) -> None:
        """Replace the n-th ``old`` by ``new``, sent as an incremental change."""
        offset = -1
        for _ in range(occurrence):
            offset = self.text.index(old, offset + 1)
        where = types.Range(_position_of(self.text, offset), _position_of(self.text, offset + len(old)))
        self.text = self.text[:offset] + new + self.text[offset + len(old):]
        self.version += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            [types.TextDocumentContentChangePartial(range=where, text=new)]))

    def apply(self, edit: types.WorkspaceEdit) -> None:
        """Apply a code action's edits (one document, edits from the last to the first)."""
        for change in sorted(edit.changes[self.uri], key=lambda e: (e.range.start.line, e.range.start.character),
                             reverse=True):
            lines = self.text.split("\n")
            start = _offset(lines, change.range.start)
            end = _offset(lines, change.range.end)
            self.text = self.text[:start] + change.new_text + self.text[end:]
        self.version += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            [types.TextDocumentContentChangeWholeDocument(text=self.text)]))

    def close(self) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(self.uri)))

    def at(self, marker: str, occurrence: int = 1, plus: int = 0) -> dict:
        """A request's text document and position: the n-th ``marker`` (``plus`` characters in)."""
        return {"text_document": types.TextDocumentIdentifier(self.uri),
                "position": position(self.text, marker, occurrence, plus)}


def _offset(lines: list[str], where: types.Position) -> int:
    before = sum(len(line) + 1 for line in lines[:where.line])
    line = lines[where.line] if where.line < len(lines) else ""
    units, index = 0, 0
    while units < where.character and index < len(line):
        units += 2 if ord(line[index]) > 0xFFFF else 1
        index += 1
    return before + index


@pytest.fixture
def opened(client: LanguageClient, tmp_path):
    document = Opened(client, tmp_path)
    yield document
    document.close()


# ------------------------------------------------------------------ diagnostics

async def test_open_publishes_every_check_diagnostic_with_its_range_in_utf16(client, opened):
    found = await diagnostics_until(client, opened.uri, lambda ds: "A002" in codes(ds))
    by_code = {str(d.code): d for d in found}
    ambiguous = by_code["A002"]
    assert ambiguous.severity == types.DiagnosticSeverity.Error
    assert ambiguous.source == "ledger"
    assert ambiguous.range == span(opened.text, '"Model A is open source"')
    assert "occurs 2 times" in ambiguous.message and "prefix" in ambiguous.message  # the hint is part of it
    assert ambiguous.related_information[0].location.uri == (opened.path.parent / "sources" / "one.txt").as_uri()
    unknown = by_code["S003"]
    # two astral characters before it on its line: two UTF-16 units each
    assert unknown.range == span(opened.text, "model-zz")
    assert unknown.range.start.character == opened.text.split("\n")[unknown.range.start.line].index("model-zz") + 2


async def test_a_conflict_is_information_on_each_claim_with_the_other_passage_related(client, opened):
    found = await diagnostics_until(client, opened.uri, lambda ds: "C003" in codes(ds))
    conflicts = [d for d in found if str(d.code) == "C003"]
    assert len(conflicts) == 2  # one on each claim it involves
    assert all(d.severity == types.DiagnosticSeverity.Information for d in conflicts)
    on_one = next(d for d in conflicts if d.range.start.line == position(opened.text, "id: one-a-beats-b").line)
    assert "puts Model B above Model A" in on_one.message
    passage = [r for r in on_one.related_information if r.location.uri.endswith("sources/two.txt")]
    assert passage and "Model B outperforms Model A on Bench X" in passage[0].message
    source_two = (opened.path.parent / "sources" / "two.txt").read_text(encoding="utf-8")
    assert passage[0].location.range == span(source_two, "Model B outperforms Model A on Bench X")


async def test_an_edit_is_checked_as_you_type_and_fixing_it_clears_the_diagnostic(client, opened):
    await diagnostics_until(client, opened.uri, lambda ds: "A002" in codes(ds))
    opened.edit("value: 88.6", "value: 88.7")
    found = await diagnostics_until(client, opened.uri, lambda ds: "A003" in codes(ds))
    wrong = next(d for d in found if str(d.code) == "A003")
    assert wrong.range == span(opened.text, "88.7")
    assert "value 88.7 does not appear in the quote" in wrong.message
    opened.edit("value: 88.7", "value: 88.6")
    await diagnostics_until(client, opened.uri, lambda ds: "A003" not in codes(ds) and "A002" in codes(ds))
    # a new claim, typed below the others: its quote is not in the source
    opened.edit("  - id: one-a-open\n", "  - id: new-claim\n    kind: score\n    source: one\n    topic: benchmark\n"
                "    quote: \"Model C scores 91.0\"\n    model: model-c\n    benchmark: bench-x\n    value: 91.0\n"
                "  - id: one-a-open\n")
    found = await diagnostics_until(client, opened.uri, lambda ds: "A001" in codes(ds))
    missing = next(d for d in found if str(d.code) == "A001")
    assert missing.range == span(opened.text, '"Model C scores 91.0"')


async def test_the_conflicts_an_edit_makes_or_ends_follow_it_and_a_burst_of_keys_is_checked_as_its_last_text(
        client, opened):
    found = await diagnostics_until(client, opened.uri, lambda ds: "C003" in codes(ds))
    conflicts = [code for code in codes(found) if code.startswith("C")]
    rest = "\n    objects: [model-a]"
    opened.edit("relation: higher" + rest, "relation: lower" + rest)  # B below A: what the other source says
    await diagnostics_until(client, opened.uri, lambda ds: "C003" not in codes(ds) and "A002" in codes(ds))
    typed = "lower"
    for keys in range(1, len("higher") + 1):  # typed back key by key, without a pause
        opened.edit(typed + rest, "higher"[:keys] + rest)
        typed = "higher"[:keys]
    found = await diagnostics_until(client, opened.uri, lambda ds: "C003" in codes(ds))
    assert [code for code in codes(found) if code.startswith("C")] == conflicts


# ------------------------------------------------------------------ hover, definition, references

async def test_hover_on_a_claim_shows_its_passage_in_context_and_its_conflicts(client, opened):
    await diagnostics_until(client, opened.uri, lambda ds: "C003" in codes(ds))
    hover = await client.text_document_hover_async(types.HoverParams(**opened.at("relation: higher", 1)))
    text = hover.contents.value
    assert "one-a-beats-b" in text
    assert "[[Model A scores **88.6**, outperforming Model B (85.4)]]" in text  # the passage, its quote marked
    assert "sources/one.txt:3:" in text
    assert "C003-" in text and "puts Model B above Model A" in text


async def test_definition_goes_from_a_claim_to_its_passage_and_from_an_id_to_its_entry(client, opened):
    await diagnostics_until(client, opened.uri, lambda ds: "A002" in codes(ds))
    source_one = (opened.path.parent / "sources" / "one.txt")
    found = await client.text_document_definition_async(types.DefinitionParams(**opened.at("Bench X (0-shot)")))
    assert found[0].uri == source_one.as_uri()
    assert found[0].range == span(source_one.read_text(encoding="utf-8"), "Bench X (0-shot):** Model A scores **88.6")
    found = await client.text_document_definition_async(types.DefinitionParams(**opened.at("model: model-a", plus=9)))
    assert found[0].uri == opened.uri and found[0].range.start.line == position(opened.text, "{id: model-a,").line
    found = await client.text_document_definition_async(types.DefinitionParams(**opened.at("source: two", plus=9)))
    assert found[0].range.start.line == position(opened.text, "- id: two").line
    found = await client.text_document_definition_async(types.DefinitionParams(**opened.at("predicate: open-source", plus=12)))
    assert found[0].range.start.line == position(opened.text, "- id: open-source").line


async def test_references_from_an_entity_are_the_claims_that_name_it(client, opened):
    await diagnostics_until(client, opened.uri, lambda ds: "A002" in codes(ds))
    found = await client.text_document_references_async(types.ReferenceParams(
        **opened.at("{id: model-b,", plus=6), context=types.ReferenceContext(include_declaration=False)))
    assert sorted((r.range.start.line, r.range.start.character) for r in found) == sorted(
        (p.line, p.character) for p in (position(opened.text, "model-b]"), position(opened.text, "subjects: [model-b]", plus=11)))


# ------------------------------------------------------------------ completion

async def labels(client, opened, marker, plus=0):
    result = await client.text_document_completion_async(types.CompletionParams(**opened.at(marker, plus=plus)))
    items = result.items if isinstance(result, types.CompletionList) else result
    return [item.label for item in items]


async def test_completion_offers_the_ids_and_enum_values_a_field_takes(client, opened):
    await diagnostics_until(client, opened.uri, lambda ds: "A002" in codes(ds))
    models = await labels(client, opened, "model: model-a", plus=len("model: "))
    assert {"model-a", "model-b", "model-c", "family-a"} <= set(models) and "bench-x" not in models
    assert set(await labels(client, opened, "benchmark: bench-x", plus=len("benchmark: "))) == {"bench-x", "bench-y"}
    assert set(await labels(client, opened, "source: one", plus=len("source: "))) == {"one", "two"}
    assert "significantly-higher" in await labels(client, opened, "relation: higher", plus=len("relation: "))
    assert set(await labels(client, opened, "kind: statement", plus=len("kind: "))) == {
        "score", "comparison", "ranking", "tally", "quantity", "statement"}
    assert "licensing" in await labels(client, opened, "topic: licensing", plus=len("topic: "))
    assert {"open-source", "proprietary"} <= set(await labels(client, opened, "predicate: open-source", plus=len("predicate: ")))
    assert "model-family" in await labels(client, opened, "{id: family-a, kind: model-family", plus=len("{id: family-a, kind: "))


# ------------------------------------------------------------------ code actions

async def actions_at(client, opened, diagnostic):
    return await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(opened.uri), diagnostic.range, types.CodeActionContext([diagnostic])))


async def test_a_did_you_mean_is_a_quick_fix(client, opened):
    found = await diagnostics_until(client, opened.uri, lambda ds: "S003" in codes(ds))
    unknown = next(d for d in found if str(d.code) == "S003")
    actions = await actions_at(client, opened, unknown)
    assert [a.title for a in actions] == ["Replace with 'model-c'"]
    assert actions[0].kind == types.CodeActionKind.QuickFix
    opened.apply(actions[0].edit)
    assert "model: model-c, benchmark" in opened.text
    await diagnostics_until(client, opened.uri, lambda ds: "S003" not in codes(ds))


async def test_an_ambiguous_quote_gets_a_prefix_or_suffix_that_makes_it_unique(client, opened):
    found = await diagnostics_until(client, opened.uri, lambda ds: "A002" in codes(ds))
    ambiguous = next(d for d in found if str(d.code) == "A002")
    actions = await actions_at(client, opened, ambiguous)
    assert len(actions) == 2  # one per occurrence
    assert all(a.kind == types.CodeActionKind.QuickFix for a in actions)
    opened.apply(actions[1].edit)  # the second occurrence
    assert "prefix:" in opened.text or "suffix:" in opened.text
    found = await diagnostics_until(client, opened.uri, lambda ds: "A002" not in codes(ds))
    assert "A001" not in codes(found)


# ------------------------------------------------------------------ a split ledger

@pytest.fixture
def split(tmp_path) -> Path:
    return build_split(tmp_path)


def errors(diagnostics) -> list:
    return [d for d in diagnostics
            if d.severity in (types.DiagnosticSeverity.Error, types.DiagnosticSeverity.Warning)]


async def test_an_included_file_opened_alone_is_checked_as_part_of_its_root(client, split):
    one = Opened(client, split.parent, split.parent / "claims" / "one.yaml")
    try:
        found = await diagnostics_until(client, one.uri, lambda ds: "C003" in codes(ds))
        assert errors(found) == []  # read as a ledger of its own, its sources and entities were unknown
        one.edit("model: model-a", "model: model-q")
        found = await diagnostics_until(client, one.uri, lambda ds: "S003" in codes(ds))
        assert [str(d.code) for d in errors(found)] == ["S003"]
        assert errors(found)[0].range == span(one.text, "model-q")
        assert "S003" not in codes(client.diagnostics.get(split.as_uri(), []))
        one.edit("model: model-q", "model: model-a")
        found = await diagnostics_until(client, one.uri, lambda ds: "S003" not in codes(ds))
        assert errors(found) == []
    finally:
        one.close()


async def test_a_conflict_across_included_files_is_on_each_claim_in_its_own_file(client, split):
    one = Opened(client, split.parent, split.parent / "claims" / "one.yaml")
    try:
        found = await diagnostics_until(client, one.uri, lambda ds: "C003" in codes(ds))
        note = next(d for d in found if str(d.code) == "C003")
        assert note.range.start.line == position(one.text, "id: one-a-beats-b", plus=4).line
        two = (split.parent / "claims" / "two.yaml")
        others = await diagnostics_until(client, two.as_uri(), lambda ds: "C003" in codes(ds))
        assert others[0].range.start == position(two.read_text(encoding="utf-8"), "two-b-beats-a")
    finally:
        one.close()


async def test_definition_references_hover_and_completion_work_from_an_included_file(client, split):
    one = Opened(client, split.parent, split.parent / "claims" / "one.yaml")
    try:
        await diagnostics_until(client, one.uri, lambda ds: "C003" in codes(ds))
        root_text = split.read_text(encoding="utf-8")
        found = await client.text_document_definition_async(types.DefinitionParams(**one.at("model: model-a", plus=9)))
        assert [(f.uri, f.range.start.line) for f in found] == [(split.as_uri(), position(root_text, "{id: model-a,").line)]
        found = await client.text_document_definition_async(types.DefinitionParams(**one.at("source: one", plus=9)))
        assert [(f.uri, f.range.start.line) for f in found] == [(split.as_uri(), position(root_text, "- id: one").line)]
        source_one = split.parent / "sources" / "one.txt"
        found = await client.text_document_definition_async(types.DefinitionParams(**one.at("Bench X (0-shot)")))
        assert found[0].uri == source_one.as_uri()
        assert found[0].range == span(source_one.read_text(encoding="utf-8"), "Bench X (0-shot):** Model A scores **88.6")
        found = await client.text_document_references_async(types.ReferenceParams(
            **one.at("objects: [model-b]", plus=11), context=types.ReferenceContext(include_declaration=True)))
        two = split.parent / "claims" / "two.yaml"
        assert sorted((f.uri, f.range.start.line) for f in found) == sorted([
            (split.as_uri(), position(root_text, "{id: model-b,").line),
            (one.uri, position(one.text, "objects: [model-b]").line),
            (two.as_uri(), position(two.read_text(encoding="utf-8"), "subjects: [model-b]").line)])
        hover = await client.text_document_hover_async(types.HoverParams(**one.at("relation: higher")))
        assert "one-a-beats-b" in hover.contents.value and "C003-" in hover.contents.value
        assert {"model-a", "model-b", "model-c", "family-a"} <= set(
            await labels(client, one, "model: model-a", plus=len("model: ")))
        assert set(await labels(client, one, "source: one", plus=len("source: "))) == {"one", "two"}
    finally:
        one.close()


async def test_an_unsaved_edit_to_an_included_file_is_seen_when_the_root_is_checked(client, split):
    root = Opened(client, split.parent, split)
    one = Opened(client, split.parent, split.parent / "claims" / "one.yaml")
    try:
        await diagnostics_until(client, one.uri, lambda ds: "C003" in codes(ds))
        one.edit("model: model-a", "model: model-q")  # not saved: on disk it is still model-a
        await diagnostics_until(client, one.uri, lambda ds: "S003" in codes(ds))
        root.edit("  - {id: model-c,", "  - {id: model-q, kind: model, name: Model Q}\n  - {id: model-c,")
        found = await diagnostics_until(client, one.uri, lambda ds: "S003" not in codes(ds) and "C003" in codes(ds))
        assert errors(found) == []
        root.edit("  - {id: model-q, kind: model, name: Model Q}\n", "")  # the root's text, checked with one.yaml's
        found = await diagnostics_until(client, one.uri, lambda ds: "S003" in codes(ds))
        assert errors(found)[0].range == span(one.text, "model-q")
        assert errors(client.diagnostics.get(root.uri, [])) == []
    finally:
        one.close()
        root.close()
