"""What the language server answers, from a checked text (``ledger.lsp.incremental.Snapshot``):
diagnostics, hover, definition, references, completion and code actions, as LSP's types.

Positions come in and go out as LSP's (0-based, in the agreed encoding's units) and are turned
into the ledger's (1-based, in characters) at once (``ledger.lsp.text``). Where the cursor is in
the YAML (which section, which field, which claim kind) is read from the text around it, so that
completion works while the line being typed does not parse yet.
"""

from __future__ import annotations

import json
import re
import typing
from enum import Enum
from pathlib import Path

from lsprotocol import types

from ledger.anchor.fold import fold_quote
from ledger.anchor.quotes import SourceText, anchor_quote
from ledger.core.diagnostics import Diagnostic, Severity
from ledger.core.model import CLAIM_KINDS, REFERENCE_KINDS, TERM_CLASSES, Entity, EntityKind, Review, Setting, Skip, Source
from ledger.core.passages import Anchor
from ledger.core.vocabulary import TERM_TYPES
from ledger.lsp.incremental import Snapshot
from ledger.lsp.text import UTF16, Lines, value_end, word_at
from ledger.output.describe import describe
from ledger.output.terminal import passage
from ledger.output.visible import visible

SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
              Severity.INFO: types.DiagnosticSeverity.Information}
DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
# the fields of a claim (and of a vocabulary term) that name a term of the vocabulary
TERM_FIELDS = {"predicate": "predicates", "qualifiers": "qualifiers", "quantity": "quantities", "unit": "units",
               "opposite": "predicates"}


class View:
    """A snapshot as the editor sees it: its text's lines, the ledger's URI, the agreed encoding."""

    def __init__(self, snapshot: Snapshot, uri: str, encoding: str = UTF16, conflicts: list | None = None,
                 lines: Lines | None = None, converted: dict | None = None,
                 files: dict[str, tuple[str, Lines]] | None = None) -> None:
        """``conflicts``: those to show while the snapshot's own are not found yet (the last
        text's, placed on this one's claims). ``lines``: the text's lines, if known (the server
        keeps them as it applies each edit). ``converted``: the LSP diagnostics an earlier view
        of the same sources made, by what each was made from (``diagnostics``). ``files``: for
        a ledger written in several files, each of them (as diagnostics name it) -> (its URI,
        its lines), the snapshot's own among them."""
        self.snapshot = snapshot
        self.conflicts = snapshot.conflicts if snapshot.conflicts is not None else \
            [c for c in conflicts or () if snapshot.ledger is not None and all(i in snapshot.ledger.claims for i in c.claims)]
        self._uris: dict[str, str] = {}
        self.ledger = snapshot.ledger
        self.uri = uri
        self.encoding = encoding
        self.lines = lines if lines is not None and lines.text is snapshot.text else Lines(snapshot.text)
        self._source_lines: dict[str, Lines] = {}
        self.converted = converted if converted is not None else {}
        self.own = str(snapshot.path)
        self.files = dict(files or {})
        self.files[self.own] = (uri, self.lines)

    # -------------------------------------------------------------- positions

    def range_at(self, line: int, column: int) -> types.Range:
        """The range of the YAML value or key that starts at 1-based (line, column) of the ledger."""
        start_line, start_character, end_line, end_character = self.span_at(line, column)
        return types.Range(types.Position(start_line, start_character), types.Position(end_line, end_character))

    def span_at(self, line: int, column: int, lines: Lines | None = None) -> tuple[int, int, int, int]:
        """``range_at`` as plain numbers: (line, character) of its start and of its end, as LSP
        counts them; in ``lines`` (another file of the ledger) if given."""
        lines = lines if lines is not None else self.lines
        start = lines.offset(line, column)
        end = value_end(lines.text, start)
        if end <= start:  # nothing starts there (a missing value): the rest of the line
            end = start + len(lines.line(line)) - (column - 1)
        end_line, end_column = lines.position(max(end, start))
        return (*lines.to_lsp(line, column, self.encoding), *lines.to_lsp(end_line, end_column, self.encoding))

    def span_in(self, path: str, line: int, column: int) -> tuple[int, int, int, int] | None:
        """``span_at`` in the ledger's file ``path``; None for a file that is not one of the ledger's."""
        known = self.files.get(path)
        return None if known is None else self.span_at(line, column, known[1])

    def _position(self, lines: Lines, line: int, column: int) -> types.Position:
        return types.Position(*lines.to_lsp(line, column, self.encoding))

    def cursor(self, position: types.Position) -> tuple[int, int]:
        """LSP position -> 1-based (line, column) in the ledger."""
        return self.lines.from_lsp(position.line, position.character, self.encoding)

    def uri_of(self, path: str) -> str:
        known = self.files.get(path)
        if known is not None:
            return known[0]
        if path not in self._uris:
            self._uris[path] = Path(path).resolve().as_uri()
        return self._uris[path]

    def location(self, path: str, line: int, column: int) -> types.Location:
        span = self.span_in(path, line, column)
        if span is not None:
            return types.Location(self.uri_of(path), _range(span))
        point = self._position(self._lines_of(path), line, column)
        return types.Location(self.uri_of(path), types.Range(point, point))

    def _lines_of(self, path: str) -> Lines:
        """A source file's lines, from the text the ledger read."""
        if path not in self._source_lines:
            found = Lines("")
            if self.ledger is not None:
                for source_id, source in self.ledger.sources.items():
                    if self.ledger.display_path(source.file) == path and source_id in self.ledger.texts:
                        text = self.ledger.texts[source_id]
                        found = Lines(text.text, text.lines.starts)  # counted as the anchors count them
            self._source_lines[path] = found
        return self._source_lines[path]

    def passage_location(self, claim_id: str) -> types.Location | None:
        """Where a claim's quote is in its source file."""
        ledger = self.ledger
        anchor = ledger.anchors.get(claim_id) if ledger is not None else None
        if anchor is None:
            return None
        path = ledger.display_path(ledger.sources[ledger.claims[claim_id].source].file)
        lines = self._lines_of(path)
        return types.Location(self.uri_of(path), types.Range(self._position(lines, anchor.line, anchor.column),
                                                             self._position(lines, anchor.end_line, anchor.end_column)))

    def claim_place(self, claim_id: str, path: tuple = ()) -> tuple[str, int, int] | None:
        """(file, line, column) of a claim's field at ``path`` (its item: ``()``)."""
        ledger = self.ledger
        if ledger is not None and ledger.files is not None and ledger.document is not None:
            node = ledger.nodes.get(("claims", claim_id))
            if node is None:
                return None
            full = node + tuple(path)
            return (ledger.document.file_of(full) or self.own, *ledger.document.locate(full))
        found = self.snapshot.claim_position(claim_id, path)
        return None if found is None else (self.own, *found)

    def claim_location(self, claim_id: str, path: tuple = ()) -> types.Location | None:
        found = self.claim_place(claim_id, path)
        return None if found is None else self.location(*found)

    # -------------------------------------------------------------- diagnostics

    def diagnostics(self) -> dict[str, list[types.Diagnostic]]:
        """Every diagnostic of the text, and each conflict on each claim it involves, by URI.

        Each is converted once: kept in ``converted`` by what it is made from (the diagnostic or
        the conflict, and where in the ledger its places are now, as LSP counts them), it is
        made again only when one of these changed. Places in the sources are taken as they are:
        the sources are kept with the ledger's frame, and a new frame gets a new view's cache."""
        published: dict[str, list[types.Diagnostic]] = {uri: [] for uri, _ in self.files.values()}
        kept, converted = self.converted, {}
        for diagnostic in self.snapshot.diagnostics:
            key = (diagnostic,) + tuple(self.span_in(place.path, place.line, place.column)
                                        for place in (diagnostic.location, *diagnostic.related))
            made = kept.get(key) or converted.get(key) or self._diagnostic(diagnostic)
            converted[key] = made
            published.setdefault(self.uri_of(diagnostic.location.path), []).append(made)
        for conflict in self.conflicts:
            places, files = {}, {}
            for claim_id in conflict.claims:
                found = self.claim_place(claim_id, ("id",))
                places[claim_id] = self.span_in(*found) if found is not None else None
                files[claim_id] = found[0] if found is not None else None
            about = (conflict.id, conflict.rule, conflict.name, conflict.severity, conflict.message,
                     conflict.review.verdict if conflict.review is not None else None)
            for claim_id in conflict.claims:
                if places[claim_id] is None:
                    continue
                # where the claims are, counted from this one's line: moved up or down together
                # (lines added above them), the note is the one made before, moved
                base, file = places[claim_id][0], files[claim_id]
                key = (about, claim_id, file, tuple(
                    (other, files[other], _moved(places[other], -base if files[other] == file else 0),
                     self._passage_key(other)) for other in conflict.claims))
                made, made_at = kept.get(key) or converted.get(key) or (None, base)
                if made is None:
                    start_line, start_character, end_line, end_character = places[claim_id]
                    made = self._conflict(conflict, claim_id, types.Range(
                        types.Position(start_line, start_character), types.Position(end_line, end_character)))
                elif made_at != base:
                    made, made_at = _moved_note(made, base - made_at, self.uri_of(file)), base
                converted[key] = (made, made_at)
                published.setdefault(self.uri_of(file), []).append(made)
        self.converted = converted
        return published

    def _passage_key(self, claim_id: str) -> tuple:
        """What a conflict's note says of a claim besides where it is: its source, its quote and
        where the quote is in the source."""
        claim = self.ledger.claims[claim_id]
        anchor = self.ledger.anchors.get(claim_id)
        return claim.source, claim.quote, anchor.as_ints() if anchor is not None else None

    def _diagnostic(self, diagnostic: Diagnostic) -> types.Diagnostic:
        location = diagnostic.location
        where = self.location(location.path, location.line, location.column)
        message = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
        related = [types.DiagnosticRelatedInformation(self.location(r.path, r.line, r.column), "see here")
                   for r in diagnostic.related]
        suggestion = DID_YOU_MEAN.search(diagnostic.hint)
        return types.Diagnostic(where.range, message, severity=SEVERITIES[diagnostic.severity], code=diagnostic.code,
                                source="ledger", related_information=related or None,
                                data={"replace": suggestion.group(1)} if suggestion else None)

    def _conflict(self, conflict, claim_id: str, where: types.Range) -> types.Diagnostic:
        ledger = self.ledger
        related = []
        for other in conflict.claims:
            if other == claim_id:
                continue
            claim = ledger.claims[other]
            place = self.passage_location(other)
            if place is not None:
                related.append(types.DiagnosticRelatedInformation(place, f"{other} ({claim.source}): {claim.quote}"))
            defined = self.claim_location(other, ("id",))
            if defined is not None:
                related.append(types.DiagnosticRelatedInformation(defined, f"{other} in the ledger"))
        verdict = f", {conflict.review.verdict.value}" if conflict.review is not None else ""
        return types.Diagnostic(where, f"{conflict.id} {conflict.name} ({conflict.severity.value}{verdict}): "
                                f"{conflict.message}", severity=types.DiagnosticSeverity.Information,
                                code=conflict.rule, source="ledger", related_information=related or None)

    # -------------------------------------------------------------- hover

    def hover(self, position: types.Position) -> types.Hover | None:
        line, _ = self.cursor(position)
        claim_id = self._claim_at(line)
        if claim_id is None:
            return None
        ledger = self.ledger
        claim = ledger.claims[claim_id]
        parts = [f"**{claim_id}** ({claim.kind}, {claim.topic.value}): {visible(describe(ledger, claim))}"]
        if claim_id in ledger.anchors:
            shown = passage(ledger, claim_id, context=2, plain=True).plain.rstrip("\n")
            fence = "```"
            while fence in shown:  # a fence the passage does not hold, so that it cannot end the block
                fence += "`"
            parts.append(f"{fence}text\n{shown}\n{fence}")
        else:
            parts.append(f"_its quote is not placed in {visible(ledger.display_path(ledger.sources[claim.source].file))}_")
        involved = [c for c in self.conflicts if claim_id in c.claims]
        if involved:
            parts.append("**Conflicts**\n\n" + "\n".join(
                f"- `{c.id}` {c.name} ({c.severity.value}"
                f"{', ' + c.review.verdict.value if c.review is not None else ''}): {visible(c.message)}"
                for c in involved))
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n".join(parts)))

    def _claim_at(self, line: int) -> str | None:
        found = self.snapshot.item_at(line)
        if found is None or found[2] is None or self.ledger is None or found[2] not in self.ledger.claims:
            return None
        return found[2]

    # -------------------------------------------------------------- definition and references

    def _word(self, position: types.Position) -> tuple[str, Field]:
        line, column = self.cursor(position)
        text = self.lines.line(line)
        start, end = word_at(text, column - 1)
        return text[start:end], field_at(self.lines, line, column)

    def definition(self, position: types.Position) -> list[types.Location]:
        if self.ledger is None:
            return []
        word, where = self._word(position)
        ledger = self.ledger
        key = where.key
        if where.section == "sources" and key == "file" and word:
            source = next((s for s in ledger.sources.values() if s.file.endswith(word)), None)
            if source is not None:
                point = types.Position(0, 0)
                return [types.Location(self.uri_of(ledger.display_path(source.file)), types.Range(point, point))]
        entry = self.entry(word, key)
        if entry is not None:
            return [entry]
        if where.section == "claims":
            claim_id = self._claim_at(self.cursor(position)[0])
            place = self.passage_location(claim_id) if claim_id is not None else None
            return [place] if place is not None else []
        return []

    def entry(self, word: str, key: str | None) -> types.Location | None:
        """Where the source, entity or term ``word`` (in the field ``key``) is defined."""
        ledger = self.ledger
        if key in TERM_FIELDS:
            found = self._term_entry(TERM_FIELDS[key], word)
            if found is not None:
                return found
        for section, known in (("sources", ledger.sources), ("entities", ledger.entities)):
            if word in known and (section == "sources") == (key == "source" or word not in ledger.entities):
                where = ledger.location_of(section, word)
                return self.location(where.path, where.line, where.column)
        return None

    def _term_entry(self, kind: str, word: str) -> types.Location | None:
        term = self.ledger.terms.term(kind, word) if self.ledger.terms.declared(kind) else None
        document = self.snapshot.frame_document
        if term is None or document is None or not isinstance(document.data, dict):
            return None
        items = (document.data.get("vocabulary") or {}).get(kind) or []
        for index, raw in enumerate(items):
            if isinstance(raw, dict) and raw.get("id") == term.id:
                node = ("vocabulary", kind, index)
                return self.location(document.file_of(node) or self.own, *document.locate(node))
        return None

    def references(self, position: types.Position, declaration: bool) -> list[types.Location]:
        """The claims' fields that name the entity, source or term at ``position``."""
        if self.ledger is None:
            return []
        word, where = self._word(position)
        ledger = self.ledger
        found: list[types.Location] = []
        uses: list[tuple[str, tuple]] = []
        term_kind = TERM_FIELDS.get(where.key) or ("predicates" if where.section == "vocabulary" else None)
        for claim_id, claim in ledger.claims.items():
            if word in ledger.entities:
                uses += [(claim_id, path) for path, entity, _ in claim.entity_refs() if entity == word]
            elif word in ledger.sources and claim.source == word:
                uses.append((claim_id, ("source",)))
            elif term_kind is not None or where.section == "vocabulary":
                uses += [(claim_id, path) for path in _term_uses(claim, word)]
        for claim_id, path in uses:
            place = self.claim_location(claim_id, path)
            if place is not None:
                found.append(place)
        if declaration:
            entry = self.entry(word, where.key)
            if entry is not None:
                found.insert(0, entry)
        return found

    # -------------------------------------------------------------- completion

    def completion(self, position: types.Position) -> list[types.CompletionItem]:
        line, column = self.cursor(position)
        where = field_at(self.lines, line, column)
        if where.key is None:
            return []
        text = self.lines.line(line)
        start, end = word_at(text, column - 1)
        replace = types.Range(self._position(self.lines, line, start + 1), self._position(self.lines, line, end + 1))
        return [types.CompletionItem(label, kind=kind, detail=detail, text_edit=types.TextEdit(replace, label))
                for label, kind, detail in self._candidates(where, line)]

    def _candidates(self, where: Field, line: int) -> list[tuple[str, types.CompletionItemKind, str | None]]:
        ledger = self.ledger
        key, section = where.key, where.section
        found: list[tuple[str, types.CompletionItemKind, str | None]] = []
        value = types.CompletionItemKind.EnumMember
        reference = types.CompletionItemKind.Reference
        if section == "claims":
            kind = self._claim_kind(line)
            if key == "kind" and not where.parents:
                return [(name, value, None) for name in CLAIM_KINDS]
            if key == "source" and ledger is not None:
                return [(s.id, reference, s.title) for s in ledger.sources.values()]
            kinds = _referred(kind, key)
            if kinds is not None and ledger is not None and not where.parents:
                return [(e.id, reference, f"{e.kind.value}: {e.name}") for e in ledger.entities.values()
                        if not kinds or e.kind.value in kinds]
            if key in TERM_FIELDS and ledger is not None and ledger.terms.declared(TERM_FIELDS[key]):
                return [(t.id, reference, t.label) for t in ledger.terms.by_id[TERM_FIELDS[key]].values()]
            models = [Setting] if where.parents[-1:] == ["setting"] else \
                [CLAIM_KINDS[kind]] if kind in CLAIM_KINDS else list(CLAIM_KINDS.values())
        elif section == "entities":
            if key == "family" and ledger is not None:
                return [(e.id, reference, e.name) for e in ledger.entities.values()
                        if e.kind.value in ("model", "model-family")]
            models = [Entity]
        elif section == "sources":
            models = [Skip] if "skips" in where.parents else [Source]
        elif section == "reviews":
            if key == "conflict":
                return [(c.id, reference, c.message) for c in self.conflicts]
            models = [Review]
        elif section == "vocabulary":
            kind = next((p for p in where.parents if p in TERM_TYPES), None)
            if key in TERM_FIELDS and ledger is not None and ledger.terms.declared(TERM_FIELDS[key]):
                return [(t.id, reference, t.label) for t in ledger.terms.by_id[TERM_FIELDS[key]].values()]
            if key in ("subject", "object") and kind == "predicates":
                return [(k.value, value, None) for k in EntityKind]
            models = [TERM_CLASSES[kind]] if kind in TERM_CLASSES else []
        else:
            return []
        for model in models:
            info = model.model_fields.get(key)
            if info is None:
                continue
            for name in _values(info.annotation):
                if name not in [f[0] for f in found]:
                    found.append((name, value, None))
        return found

    def _claim_kind(self, line: int) -> str | None:
        found = self.snapshot.item_at(line)
        text = found[1].text if found is not None and found[1] is not None else _block_around(self.lines, line)
        match = re.search(r"(?:^|[\s{,])kind:[ \t]*([a-z-]+)", text)
        return match.group(1) if match else None

    # -------------------------------------------------------------- code actions

    def code_actions(self, diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
        actions = []
        for diagnostic in diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            if data.get("replace"):
                replacement = data["replace"]
                actions.append(types.CodeAction(
                    f"Replace with '{replacement}'", kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={self.uri: [types.TextEdit(diagnostic.range, replacement)]})))
            if diagnostic.code == "A002":
                actions += self._unique_quote(diagnostic)
        return actions

    def _unique_quote(self, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        claim_id = self._claim_at(diagnostic.range.start.line + 1)
        if claim_id is None or self.ledger is None:
            return []
        claim = self.ledger.claims[claim_id]
        source = self.ledger.texts.get(claim.source)
        if source is None or claim.occurrence is not None:
            return []
        actions = []
        for line, name, written in disambiguations(source, claim):
            edit = self._insert_after_quote(claim_id, name, written)
            if edit is None:
                continue
            actions.append(types.CodeAction(
                f"Pick the occurrence on line {line} of the source: {name} {json.dumps(written, ensure_ascii=False)}",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={self.uri: [edit]})))
        return actions

    def _insert_after_quote(self, claim_id: str, name: str, written: str) -> types.TextEdit | None:
        """``name: "written"`` as the field after the claim's quote (where ``ledger fmt`` puts it)."""
        key = self.snapshot.claim_position(claim_id, ("quote",), key=True)
        value = self.snapshot.claim_position(claim_id, ("quote",))
        if key is None or value is None:
            return None
        text = self.snapshot.text
        field_text = f"{name}: {json.dumps(written, ensure_ascii=False)}"
        end = value_end(text, self.lines.offset(*value))
        end_line, _ = self.lines.position(end)
        line_text = self.lines.line(key[0])
        before_key = line_text[:key[1] - 1].rstrip()
        if before_key.endswith(("{", ",")):  # a flow mapping: right after the value
            line, column = self.lines.position(end)
            at = self._position(self.lines, line, column)
            return types.TextEdit(types.Range(at, at), f", {field_text}")
        if text[self.lines.offset(*value)] not in "\"'":  # a plain scalar may go on over the lines indented below it
            while end_line < len(self.lines.starts):
                following = self.lines.line(end_line + 1)
                if not following.strip() or len(following) - len(following.lstrip(" ")) < key[1]:
                    break
                end_line += 1
        last = self.lines.line(end_line)
        at = self._position(self.lines, end_line, len(last) + 1)
        return types.TextEdit(types.Range(at, at), "\n" + " " * (key[1] - 1) + field_text)


def _range(span: tuple[int, int, int, int]) -> types.Range:
    return types.Range(types.Position(span[0], span[1]), types.Position(span[2], span[3]))


def _moved(span: tuple[int, int, int, int] | None, lines: int) -> tuple[int, int, int, int] | None:
    return None if span is None else (span[0] + lines, span[1], span[2] + lines, span[3])


def _moved_range(where: types.Range, lines: int) -> types.Range:
    return types.Range(types.Position(where.start.line + lines, where.start.character),
                       types.Position(where.end.line + lines, where.end.character))


def _moved_note(note: types.Diagnostic, lines: int, uri: str) -> types.Diagnostic:
    """A conflict's note ``lines`` lines further down the ledger ``uri`` (the places in it that
    it names too; those in the sources stay)."""
    related = [types.DiagnosticRelatedInformation(types.Location(uri, _moved_range(r.location.range, lines)), r.message)
               if r.location.uri == uri else r for r in note.related_information or ()]
    return types.Diagnostic(_moved_range(note.range, lines), note.message, severity=note.severity, code=note.code,
                            source=note.source, related_information=related or None, data=note.data)


# ------------------------------------------------------------------ where the cursor is

class Field(typing.NamedTuple):
    section: str | None  # the top-level key the cursor is under
    parents: list[str]  # the keys between the section and the field, outermost first
    key: str | None  # the key whose value the cursor is in


_KEY = re.compile(r"([A-Za-z_][\w-]*):(?=[ \t]|$)")
_TOP = re.compile(r"^([A-Za-z_][\w-]*):")


def field_at(lines: Lines, line: int, column: int) -> Field:
    """Which field's value the 1-based (line, column) is in, read from the text (which need not
    parse): the last key before it on its line (quoted text left out), or, on a "- " line of a
    block list, the key that opens the list; and the keys it is nested in."""
    text = lines.line(line)
    prefix = _unquoted(text[:column - 1])
    keys = list(_KEY.finditer(prefix))
    parents: list[str] = []
    key = None
    if keys:
        key = keys[-1].group(1)
        opened = [m.group(1) for m in keys[:-1] if prefix.count("{", m.end(), keys[-1].start()) > 0]
        parents = opened[-1:]
        indent = len(text) - len(text.lstrip(" -"))
    else:
        indent = len(text) - len(text.lstrip(" "))
        if text.lstrip().startswith("-"):  # an item of a block list: the key above that opens it
            for number in range(line - 1, 0, -1):
                above = lines.line(number)
                if not above.strip() or above.lstrip().startswith("#"):
                    continue
                depth = len(above) - len(above.lstrip(" -"))
                match = _KEY.search(above)
                if depth <= indent and match and not above[match.end():].strip():
                    key, indent = match.group(1), depth
                    break
                if depth < indent:
                    break
    outer = []
    for number in range(line - 1 if keys or key else line, 0, -1):
        above = lines.line(number)
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        depth = len(above) - len(above.lstrip(" -"))
        if depth < indent:
            match = _KEY.search(above)
            if match and match.start() == depth:
                outer.append(match.group(1))
            indent = depth
        if depth == 0:
            break
    top = _TOP.match(text)
    if top and not outer:
        return Field(top.group(1), [], key if key != top.group(1) else None)
    outer.reverse()
    section = outer[0] if outer else None
    return Field(section, outer[1:] + parents, key)


def _unquoted(text: str) -> str:
    """``text`` with the inside of its quoted strings blanked (their keys are not keys)."""
    out, quote = [], None
    for char in text:
        if quote:
            out.append(" ")
            if char == quote:
                quote = None
        else:
            out.append(char)
            if char in "\"'":
                quote = char
    return "".join(out)


def _block_around(lines: Lines, line: int) -> str:
    """The item of a block list the line is in (for a text whose items were not cut)."""
    start = line
    while start > 1 and not lines.line(start).lstrip().startswith("- "):
        start -= 1
    end = line
    while end < len(lines.starts) and not lines.line(end + 1).lstrip().startswith("- "):
        end += 1
    return "\n".join(lines.line(number) for number in range(start, end + 1))


def _referred(kind: str | None, key: str) -> tuple[str, ...] | None:
    """The entity kinds a claim field names (empty: any); None when it names no entity."""
    if kind in CLAIM_KINDS:
        return REFERENCE_KINDS.get((kind, key))
    found = [kinds for (_, name), kinds in REFERENCE_KINDS.items() if name == key]
    return tuple(sorted({k for kinds in found for k in kinds})) if found else None


def _values(annotation) -> list[str]:
    """The values a field's type allows, where they are few: an enum's, a literal's, a boolean's."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [member.value for member in annotation]
    if annotation is bool:
        return ["true", "false"]
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return [json.dumps(arg) if isinstance(arg, bool) else str(arg) for arg in typing.get_args(annotation)]
    found: list[str] = []
    for arg in typing.get_args(annotation):
        for value in _values(arg):
            if value not in found:
                found.append(value)
    return found


def _term_uses(claim, word: str) -> list[tuple]:
    paths = []
    for name in ("predicate", "quantity", "unit"):
        if getattr(claim, name, None) == word:
            paths.append((name,))
    for index, qualifier in enumerate(getattr(claim, "qualifiers", None) or ()):
        if qualifier == word:
            paths.append(("qualifiers", index))
    return paths


# ------------------------------------------------------------------ an ambiguous quote

MAX_WORDS = 12  # of a prefix or suffix offered: past this, a longer quote says it better


def disambiguations(source: SourceText, claim) -> list[tuple[int, str, str]]:
    """For each place the claim's quote occurs in its source: (its line, "prefix" or "suffix",
    the shortest text right before or after it that picks it alone), checked by anchoring the
    quote with it. The claim's own prefix or suffix is kept, and the other one offered."""
    needle = fold_quote(claim.quote)
    hay = source.folded.text
    hits, at = [], hay.find(needle) if needle else -1
    while at >= 0 and len(hits) < 50:
        hits.append(at)
        at = hay.find(needle, at + 1)
    found = []
    for hit in hits:
        start, end = source.folded.span_in_original(hit, hit + len(needle))
        best = None
        for name in ("prefix", "suffix"):
            if getattr(claim, name):
                continue
            for written in _around(source.text, start, end, name):
                selectors = {"prefix": claim.prefix, "suffix": claim.suffix, name: written}
                placed = anchor_quote(source, claim.quote, selectors["prefix"], selectors["suffix"], None,
                                      search_closest=False)
                if isinstance(placed, Anchor) and placed.start == start:
                    if best is None or len(written) < len(best[2]):
                        best = (source.lines.position(start)[0], name, written)
                    break
        if best is not None:
            found.append(best)
    return found


def _around(text: str, start: int, end: int, name: str):
    """Ever longer runs of the words right before ``start`` (a prefix) or after ``end`` (a suffix)."""
    if name == "prefix":
        words = re.findall(r"\S+", text[max(0, start - 600):start])
        for count in range(1, min(MAX_WORDS, len(words)) + 1):
            yield " ".join(words[-count:])
    else:
        words = re.findall(r"\S+", text[end:end + 600])
        for count in range(1, min(MAX_WORDS, len(words)) + 1):
            yield " ".join(words[:count])
