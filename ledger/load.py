"""``load_ledger(path)``: read, validate and anchor a ledger; collect every problem.

It never raises on bad data: every problem becomes a :class:`Diagnostic` with a
position, and whatever is valid is still returned so later checks can run.
"""

from __future__ import annotations

import functools
import os
from array import array
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from ledger.perf import forking
from ledger.core.passages import NO_ANCHOR, Anchor, AnchorTable
from ledger.anchor.quotes import AnchorProblem, SourceText, anchor_quote, numbers_missing_from_quote
from ledger.core.diagnostics import Diagnostic, Location
from ledger.core.model import (
    CLAIM_KINDS,
    RECURRING_FIELDS,
    TOP_LEVEL_KEYS,
    Claim,
    Entity,
    Review,
    Settings,
    Source,
)
from ledger.read.fast_reader import FastRead, ItemPositions, NotFast, claim_chunks, fast_read
from ledger.core.ledger import Ledger, LoadResult, Memoized
from ledger.perf.process import no_cycle_collection
from ledger.core.lines import line_count
from ledger.read.sources import read_source
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits, YamlDocument, decode, read_yaml
from ledger.core.words import did_you_mean
from ledger.core.numbers import format_number

MAX_DIAGNOSTICS = 1_000  # a broken file can hold millions of problems; nobody reads past the first thousand
MAX_CLOSEST_SEARCHES = 200  # fuzzy "closest passage" hints cost a scan of the source each
PARALLEL_MIN_CHARS = 6_000_000  # about 20,000 claims: below this, a child process saves less than it costs
_CLAIM_ADAPTER: TypeAdapter = TypeAdapter(Claim)


class FastDocument(YamlDocument):
    """A document read by the fast path: item positions come from a line scan, on demand;
    where the claims were cut into chunks, ``data`` holds no claim items (``read.chunks()``)."""

    def __init__(self, read: FastRead, items: ItemPositions) -> None:
        super().__init__(data=read.data)
        self.read = read
        self._items = items

    def position(self, path: tuple) -> tuple[int, int]:
        return self._items.position(tuple(path))


@no_cycle_collection()
def load_ledger(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS, *, data: bytes | None = None) -> LoadResult:
    """Read (or take ``data`` as the file's bytes, already read), validate and anchor."""
    path = Path(path)
    shown = str(path)
    diagnostics: list[Diagnostic] = []
    try:
        size = path.stat().st_size if data is None else len(data)
        if size > limits.max_bytes:
            return LoadResult(None, [Diagnostic(
                Location(shown), "Y004",
                f"the ledger is {size:,} bytes (limit {limits.max_bytes:,})",
                "split it, or raise the limit with --max-bytes")])
        raw = path.read_bytes() if data is None else data
    except OSError as error:
        return LoadResult(None, [Diagnostic(Location(shown), "Y008",
                                            f"cannot read the ledger: {error.strerror or error}",
                                            "pass the ledger's path with --ledger PATH")])
    text, problem = decode(raw, shown)
    if problem:
        return LoadResult(None, [problem])
    # A large ledger's quotes are anchored by a child process while this one validates. It is
    # made now, while this process is small: forked later, every page of the parsed ledger
    # would be shared, and copied (by the kernel, one fault per page) as soon as either
    # process touched an object on it.
    helper = forking.start(lambda receive: _anchoring_worker(text, receive)) \
        if len(text) >= PARALLEL_MIN_CHARS else None
    try:
        read = fast_read(text) if len(raw) <= limits.max_bytes else None
        if read is not None:
            document = FastDocument(read, ItemPositions(text))
            try:
                ledger = _Validation(document, Ledger(path, document=document), diagnostics, helper).run()
            except NotFast:
                ledger = None
            if ledger is not None and not diagnostics:
                return LoadResult(ledger, diagnostics)
            diagnostics.clear()  # something is wrong: read again, keeping every position, to say where
    finally:
        if helper is not None:
            helper.cancel()
    document, problems = read_yaml(text, shown, limits)
    if document is None:
        return LoadResult(None, problems)
    ledger = _Validation(document, Ledger(path, document=document), diagnostics).run()
    diagnostics.sort(key=Diagnostic.sort_key)
    return LoadResult(ledger, diagnostics)


class _Validation:
    def __init__(self, document: YamlDocument, ledger: Ledger, diagnostics: list[Diagnostic],
                 helper: forking.Forked | None = None) -> None:
        self.doc = document
        # where the fast path cut the claims into chunks (None: one list, as read)
        self.cut = document.read.starts if isinstance(document, FastDocument) else None
        self.helper = helper  # a child waiting to anchor the quotes (``_anchoring_worker``)
        self.ledger = ledger
        self.diagnostics = diagnostics
        self.path = str(ledger.path)
        self.dropped = 0
        self.closest_searches = 0
        self.decoded: dict[str, str] = {}  # source id -> its text, folded when first used
        decoded = self.decoded
        ledger.texts = Memoized(decoded, lambda source_id: SourceText.of(decoded[source_id]))

    # -- reporting
    def at(self, node_path: tuple, code: str, message: str, hint: str = "", related=()) -> None:
        if len(self.diagnostics) >= MAX_DIAGNOSTICS:
            self.dropped += 1
            return
        line, column = self.doc.position(node_path)
        self.diagnostics.append(Diagnostic(Location(self.path, line, column), code, message, hint, tuple(related)))

    def at_key(self, node_path: tuple, code: str, message: str, hint: str = "") -> None:
        if len(self.diagnostics) >= MAX_DIAGNOSTICS:
            self.dropped += 1
            return
        line, column = self.doc.key_positions.get(tuple(node_path), self.doc.position(node_path))
        self.diagnostics.append(Diagnostic(Location(self.path, line, column), code, message, hint))

    # -- the pass
    def run(self) -> Ledger | None:
        """Validate everything; the ledger of what passed, or None when there is no ledger at all."""
        data = self.doc.data
        if data is None:
            self.at((), "Y006", "the ledger is empty",
                    "start from the example in README.md: version, sources, entities, claims")
            return None
        if not isinstance(data, dict):
            self.at((), "Y006", f"the top level is a {_kind_of(data)}, not a mapping",
                    "a ledger is a mapping with the keys " + ", ".join(TOP_LEVEL_KEYS))
            return None
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.at_key((key,), "S001", f"unknown top-level key {key!r}", did_you_mean(str(key), TOP_LEVEL_KEYS))
        version = data.get("version", 1)
        if version != 1:
            self.at(("version",), "S001", f"unsupported ledger version {version!r}",
                    "this program reads version 1")
        if "settings" in data:
            settings = self.validate(TypeAdapter(Settings), data["settings"], ("settings",))
            if settings is not None:
                self.ledger.settings = settings
        self.sources(self.section(data, "sources"))
        self.entities(self.section(data, "entities"))
        self.claims(self.claim_chunks(data))
        self.reviews(self.section(data, "reviews"))
        if self.dropped:
            self.diagnostics.append(Diagnostic(
                Location(self.path, *self.doc.position(())), "Y009",
                f"{self.dropped:,} more problem(s) not shown", "fix the ones shown first"))
        return self.ledger

    def section(self, data: dict, name: str) -> list:
        value = data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.at((name,), "S001", f"'{name}' must be a list, not a {_kind_of(value)}",
                    f"write each of the {name} as a '- ' item")
            return []
        return value

    def validate(self, adapter: TypeAdapter, raw, node_path: tuple):
        try:
            return adapter.validate_python(raw)
        except ValidationError as error:
            tagged = adapter is _CLAIM_ADAPTER
            for item in error.errors(include_url=False):
                self.schema_error(item, raw, node_path, tagged)
            return None
        except RecursionError:
            self.at(node_path, "Y004", "value nested too deeply to validate", "flatten it")
            return None

    def schema_error(self, item: dict, raw, node_path: tuple, tagged: bool = False) -> None:
        if len(self.diagnostics) >= MAX_DIAGNOSTICS:
            self.dropped += 1  # counted, not composed: a did-you-mean per hidden error would cost minutes
            return
        loc = tuple(item["loc"])
        if tagged and loc and isinstance(raw, dict) and loc[0] == raw.get("kind"):
            loc = loc[1:]  # pydantic prefixes a discriminated union's errors with the tag
        loc = _data_path(raw, loc)
        full = node_path + loc
        kind, message = item["type"], item["msg"]
        where = ".".join(str(part) for part in loc) or "this item"
        if kind == "missing" and loc:
            self.at(node_path + loc[:-1], "S001", f"missing field '{loc[-1]}'",
                    f"add '{loc[-1]}: ...' (see README.md, 'The ledger format')")
        elif kind == "extra_forbidden":
            known = _known_fields(raw, loc[:-1])
            self.at_key(full, "S001", f"unknown field '{loc[-1]}'",
                        did_you_mean(str(loc[-1]), known) or ("known fields: " + ", ".join(known) if known else ""))
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            kinds = ", ".join(CLAIM_KINDS)
            got = raw.get("kind") if isinstance(raw, dict) else None
            if got is None:
                self.at(node_path, "S001", "missing field 'kind'", f"add 'kind:' with one of: {kinds}")
            else:
                self.at(node_path + ("kind",), "S001", f"unknown claim kind {got!r}",
                        did_you_mean(str(got), list(CLAIM_KINDS)) or f"use one of: {kinds}")
        else:
            value = item.get("input")
            self.at(full, "S001", f"{where}: {_plain(message)}", _hint_for(kind, value, item))

    def claim_chunks(self, data: dict):
        """The claims' raw items in lists: one list, or the fast path's chunks."""
        if self.cut is not None:
            return self.doc.read.chunks()
        return [self.section(data, "claims")]

    # -- sections
    def sources(self, items: list) -> None:
        adapter = TypeAdapter(Source)
        for index, raw in enumerate(items):
            node = ("sources", index)
            source = self.validate(adapter, raw, node)
            if source is None or not self.unique("sources", source.id, node, self.ledger.sources):
                continue
            self.ledger.sources[source.id] = source
            self.ledger.nodes[("sources", source.id)] = node
            self.read_source(source, node)

    def read_source(self, source: Source, node: tuple) -> None:
        """Read one source (``read_source``, as the cache does); what it gave is noted in
        ``ledger.source_reads``."""
        found = read_source(self.ledger.root, source.file, source.sha256)
        self.ledger.source_reads[source.file] = found.status
        for problem in found.problems:
            self.at(node + (problem.field,), problem.code, problem.message, problem.hint)
        if found.text is None:
            return
        text = found.text
        self.decoded[source.id] = text
        last_line = line_count(text) if source.skips else 0
        for index, skip in enumerate(source.skips):
            if skip.quote is not None:
                found = anchor_quote(self.ledger.texts[source.id], skip.quote)
                if isinstance(found, AnchorProblem):
                    self.at(node + ("skips", index, "quote"), found.code, f"skip: {found.message}", found.hint)
                else:
                    self.ledger.skipped.setdefault(source.id, []).append(found)
                continue
            first, last = skip.lines
            if first > last or last > last_line:
                self.at(node + ("skips", index, "lines"), "S005",
                        f"skip lines [{first}, {last}] do not fit the file ({last_line} lines)",
                        "give [first, last] with first <= last <= the file's line count")

    def entities(self, items: list) -> None:
        adapter = TypeAdapter(Entity)
        for index, raw in enumerate(items):
            node = ("entities", index)
            entity = self.validate(adapter, raw, node)
            if entity is None or not self.unique("entities", entity.id, node, self.ledger.entities):
                continue
            self.ledger.entities[entity.id] = entity
            self.ledger.nodes[("entities", entity.id)] = node
        for index, raw in enumerate(items):
            entity = self.ledger.entities.get(raw.get("id") if isinstance(raw, dict) else None)
            if entity and entity.family and entity.family not in self.ledger.entities:
                self.unknown(("entities", index, "family"), "entity", entity.family)

    def claims(self, chunks) -> None:
        """Validate the claims, chunk by chunk (the raw items of one are dropped before the next
        is read), then anchor the quotes of the valid ones: all the quotes of a source are
        searched for in one pass, here or, for a large ledger, by the child process started in
        ``_load_ledger``, which reads the claims' quotes from the ledger's text itself."""
        ledger = self.ledger
        helper, self.helper = self.helper, None
        if helper is not None:
            helper.send((self.decoded, self.cut))
        selectors: list = []
        valid = []
        count = 0
        shared: dict = {}  # one copy of each recurring part (``_share_parts``)
        for items in chunks:
            if helper is None:
                selectors.extend(_selectors(items))
            for index, raw in enumerate(items, count):
                node = ("claims", index)
                claim = self.validate(_CLAIM_ADAPTER, raw, node)
                if claim is None or not self.unique("claims", claim.id, node, ledger.claims):
                    continue
                _share_parts(claim, shared)
                ledger.claims[claim.id] = claim
                ledger.nodes[("claims", claim.id)] = node
                self.references(claim, node)
                if claim.source in ledger.texts:  # else the source's own problem is reported, once
                    self.numbers_in_quote(claim, node)
                    valid.append((index, claim, node))
            count += len(items)
        if helper is not None:
            self.take_anchors(helper.result(), valid, count)
        else:
            _find_quotes(ledger.texts, selectors)
            for _, claim, node in valid:
                self.place_quote(claim, node)

    def take_anchors(self, found: bytes | None, valid: list, items: int) -> None:
        """Anchors the child found (``_anchoring_worker``: six integers per item) for the claims that
        passed validation; a claim it could not anchor cleanly, or all of them if it failed,
        is anchored here, which also says what is wrong with its quote."""
        flat = array("q")
        if isinstance(found, bytes) and len(found) == items * 6 * flat.itemsize:
            flat.frombytes(found)
            if len(valid) == items:  # every item a valid claim, in order: the usual case
                slots = dict(zip(self.ledger.claims, range(items)))
            else:
                slots = {claim.id: index for index, claim, _ in valid}
            self.ledger.anchors = AnchorTable(slots, flat)
            if NO_ANCHOR not in flat[::6]:
                return
        for index, claim, node in valid:
            if not flat or flat[index * 6] == NO_ANCHOR:
                self.place_quote(claim, node)

    def references(self, claim, node: tuple) -> None:
        if claim.source not in self.ledger.sources:
            self.unknown(node + ("source",), "source", claim.source)
        for field_path, entity_id, kinds in claim.entity_refs():
            entity = self.ledger.entities.get(entity_id)
            if entity is None:
                self.unknown(node + field_path, "entity", entity_id)
            elif kinds and entity.kind not in kinds:  # a str enum: equal to its value
                self.at(node + field_path, "S004",
                        f"'{entity_id}' is a {entity.kind.value}, not a {' or '.join(kinds)}",
                        f"name a {' or '.join(kinds)} here")

    def place_quote(self, claim, node: tuple) -> None:
        text = self.ledger.texts[claim.source]
        found = anchor_quote(text, claim.quote, claim.prefix, claim.suffix, claim.occurrence,
                             search_closest=self.closest_searches < MAX_CLOSEST_SEARCHES)
        if isinstance(found, AnchorProblem) and found.code == "A001":
            self.closest_searches += 1
        if isinstance(found, AnchorProblem):
            source = self.ledger.sources[claim.source]
            related = [Location(self.ledger.display_path(source.file), found.line, 1)] if found.line else []
            self.at(node + ("quote",), found.code, f"{found.message} ({source.file})", found.hint, related)
        else:
            self.ledger.anchors[claim.id] = found

    def numbers_in_quote(self, claim, node: tuple) -> None:
        for field_name, value in numbers_missing_from_quote(claim.numbers(), claim.quote):
            self.at(node + tuple(field_name.split(".")), "A003",
                    f"{field_name} {format_number(value)} does not appear in the quote",
                    "quote the passage that states this number, or correct the number")

    def reviews(self, items: list) -> None:
        adapter = TypeAdapter(Review)
        seen: dict[str, tuple] = {}
        for index, raw in enumerate(items):
            node = ("reviews", index)
            review = self.validate(adapter, raw, node)
            if review is None:
                continue
            if review.conflict in seen:
                first = self.doc.position(seen[review.conflict])
                self.at(node + ("conflict",), "R002", f"a second review of {review.conflict}",
                        "keep one verdict per conflict", [Location(self.path, *first)])
                continue
            seen[review.conflict] = node
            self.ledger.reviews.append(review)
            self.ledger.nodes[("reviews", review.conflict)] = node

    # -- shared checks
    def unique(self, section: str, item_id: str, node: tuple, known: dict) -> bool:
        if item_id in known:
            first = self.doc.position(self.ledger.nodes[(section, item_id)])
            self.at(node + ("id",), "S002", f"duplicate {section[:-1]} id {item_id!r} (first at line {first[0]})",
                    "give each one its own id", [Location(self.path, *first)])
            return False
        return True

    def unknown(self, node_path: tuple, what: str, name: str) -> None:
        if what == "source":
            candidates = list(self.ledger.sources)
            hint = did_you_mean(name, candidates)
        else:
            hint = did_you_mean(name, list(self.ledger.entities))
            for entity in self.ledger.entities.values():
                if any(alias.lower() == name.lower() for alias in entity.aliases) or entity.name.lower() == name.lower():
                    hint = f"did you mean '{entity.id}'? ('{name}' is one of its aliases)"
                    break
        self.at(node_path, "S003", f"unknown {what} {name!r}", hint or f"define the {what} first")


# ------------------------------------------------------------------ helpers

def _share_parts(model: BaseModel, shared: dict) -> None:
    """Keep one copy of the parts that recur from claim to claim. pydantic makes every part
    anew: each model its own set of the fields it was given (about 700 bytes for a claim),
    each string and setting its own object, though a million claims name a few thousand
    entities (figures are shared as they are made: ``model._known_figure``). The models are
    frozen, so no part is changed after validation (``model_copy`` copies the set first):
    equal parts can be one. One dict holds them all: its keys (frozen sets, strings, tuples
    that start with a type) are never equal across kinds."""
    fields = model.__pydantic_fields_set__
    object.__setattr__(model, "__pydantic_fields_set__", shared.setdefault(frozenset(fields), fields))
    values = model.__dict__
    for name in _recurring_fields(type(model)):
        value = values[name]
        kind = type(value)
        if kind is str:
            values[name] = shared.setdefault(value, value)
        elif kind is list:
            value[:] = [shared.setdefault(item, item) for item in value]
        elif value is not None:  # a model (a score's setting)
            _share_parts(value, shared)
            try:
                values[name] = shared.setdefault((kind, *value.__dict__.values(), id(value.__pydantic_fields_set__)), value)
            except TypeError:  # a part that holds a list: kept as it is
                pass


@functools.cache
def _recurring_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name in model.model_fields if name in RECURRING_FIELDS)


def _selectors(items: list) -> list[tuple | None]:
    """Each raw claim's (source, quote, prefix, suffix, occurrence) where these are plainly
    well-formed, else None: what anchoring reads, as plain data."""
    selectors = []
    for raw in items:
        selector = None
        if isinstance(raw, dict):
            source, quote = raw.get("source"), raw.get("quote")
            prefix, suffix, occurrence = raw.get("prefix"), raw.get("suffix"), raw.get("occurrence")
            if type(source) is str and type(quote) is str and type(prefix) in (str, type(None)) \
                    and type(suffix) in (str, type(None)) \
                    and (occurrence is None or (type(occurrence) is int and occurrence >= 1)):
                selector = (source, quote, prefix, suffix, occurrence)
        selectors.append(selector)
    return selectors


def _find_quotes(texts: Mapping[str, SourceText], selectors: list) -> None:
    """Search each source once for all the quotes said to come from it, before the claims
    are anchored one by one (what is not valid here is simply searched later)."""
    quotes: dict[str, set[str]] = {}
    for selector in selectors:
        if selector is not None and selector[0] in texts:
            quotes.setdefault(selector[0], set()).add(selector[1])
    for source, wanted in quotes.items():
        texts[source].find_all(wanted)


def _anchoring_worker(text: str, receive) -> bytes | None:
    """A child process's side (started by ``_load_ledger``, before the parse): wait for the
    sources' texts and where the fast path cut the claims, read the claims' quotes from the
    ledger's ``text``, and return each claim's anchor as six integers (see ``Anchor``), or six
    NO_ANCHOR where the quote is not plainly well-formed or not found exactly once: the
    parent anchors those itself, and says what is wrong."""
    message = receive()
    if message is None:
        return None  # the parent went another way (the reference reader)
    decoded, cut = message
    selectors = []
    for items in claim_chunks(text, cut, exact_numbers=False):
        selectors.extend(_selectors(items))
    texts = Memoized(decoded, lambda source: SourceText.of(decoded[source]))
    _find_quotes(texts, selectors)
    flat = array("q")
    unknown = (NO_ANCHOR,) * 6
    for selector in selectors:
        source = texts.get(selector[0]) if selector is not None else None
        found = anchor_quote(source, *selector[1:], search_closest=False) if source is not None else None
        if isinstance(found, Anchor):
            flat.extend(found.as_ints())
        else:
            flat.extend(unknown)
    return flat.tobytes()


def _kind_of(value) -> str:
    return {dict: "mapping", list: "list", str: "string"}.get(type(value), type(value).__name__)


def _data_path(raw, loc: tuple) -> tuple:
    """Pydantic's error location as a path into the data: list indexes stay ints."""
    path, node = [], raw
    for part in loc:
        if isinstance(node, list) and isinstance(part, str) and part.isdigit():
            part = int(part)
        path.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(path)


def _known_fields(raw, loc: tuple) -> list[str]:
    from ledger.core import model

    node = raw
    for part in loc:
        node = node[part] if isinstance(node, (dict, list)) else None
    if isinstance(raw, dict) and not loc and raw.get("kind") in CLAIM_KINDS:
        return list(CLAIM_KINDS[raw["kind"]].model_fields)
    if loc and loc[-1] == "setting":
        return list(model.Setting.model_fields)
    if isinstance(raw, dict) and not loc:
        for cls in (model.Source, model.Entity, model.Review, model.Settings):
            if set(raw) & set(cls.model_fields) and "id" in raw or cls is model.Review and "conflict" in raw:
                return list(cls.model_fields)
    return []


def _plain(message: str) -> str:
    return message[0].lower() + message[1:] if message else message


_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}


def _hint_for(kind: str, value, item: dict) -> str:
    if kind.startswith("bool") and isinstance(value, str) and value in _YAML11_BOOLEANS:
        return f"'{value}' is text here, not a boolean (YAML 1.2): write true or false"
    if kind in ("int_type", "int_from_float", "int_parsing") :
        return "write a whole number, without quotes"
    if kind in ("string_type",):
        return "write text; quote it if it looks like a number, date or boolean"
    if kind == "string_pattern_mismatch":
        pattern = (item.get("ctx") or {}).get("pattern", "")
        if "a-z0-9" in pattern:
            return "ids are lowercase kebab-case: letters, digits, '.', '+', '-'"
        return f"the value must match {pattern}"
    if kind in ("enum", "literal_error"):
        expected = (item.get("ctx") or {}).get("expected", "")
        close = did_you_mean(str(value), [e.strip(" '") for e in expected.replace(" or ", ",").split(",")])
        return close or f"expected {expected}"
    if kind == "value_error" and isinstance(value, str) and value.lower() in (".nan", ".inf", "-.inf", "nan", "inf"):
        return "not-a-number and infinity are not figures"
    if kind in ("list_type", "tuple_type"):
        return "write a list: [a, b] or '- ' items"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "write a mapping of 'field: value' lines"
    return ""

