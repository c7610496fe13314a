"""Validating a ledger's data: the schema of each section and the references between them.

:class:`Validation` checks the document's sections in order (settings, sources, entities,
vocabulary, claims, reviews) and fills a :class:`Ledger` with what passed; problems are the Y, S and R
codes, and the A codes of reading a source file. Quotes are not anchored here: ``sources``
hands over each skip quote, and ``claims`` each valid claim, to the anchoring stage
(``ledger.anchor.stage``), one at a time, so that the problems of both stages are found in
file order (past MAX_DIAGNOSTICS, that order decides which are shown).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from pydantic import BaseModel, TypeAdapter, ValidationError

from ledger.core.ledger import Ledger
from ledger.core.lines import line_count
from ledger.core.model import (
    CLAIM_KINDS,
    RECURRING_FIELDS,
    REQUIRED_UNLESS,
    REQUIRED_UNLESS_ERROR,
    TOP_LEVEL_KEYS,
    Claim,
    Entity,
    Review,
    Settings,
    Source,
)
from ledger.core.words import a, did_you_mean
from ledger.read.fast_reader import FastDocument
from ledger.read.includes import INCLUDE, SetDocument
from ledger.read.problems import Problems
from ledger.read.sources import read_source
from ledger.read.vocabulary import ClaimTerms, read_vocabulary
from ledger.read.yaml_reader import YamlDocument

CLAIM_ADAPTER: TypeAdapter = TypeAdapter(Claim)


class Validation:
    """One pass over a document's sections; the ledger holds what passed.

    Call ``document``, then ``sources``, ``entities``, ``vocabulary``, ``claims`` (consuming what the two
    generators hand over), ``reviews``, in that order."""

    def __init__(self, document: YamlDocument, ledger: Ledger, problems: Problems) -> None:
        self.doc = document
        self.ledger = ledger
        self.problems = problems
        self.at = problems.at
        self.decoded: dict[str, str] = {}  # source id -> its text, as read
        self.claim_items = 0  # claim items seen, valid or not (once ``claims`` is done)
        self.claim_terms = ClaimTerms(ledger, problems, None)  # the vocabulary's, once ``vocabulary`` is done
        # ids of sources and entities declared but not valid: their own problems say why; a
        # claim naming one is not also told it is unknown (one broken declaration, one report)
        self.broken: dict[str, set[str]] = {"source": set(), "entity": set()}

    def document(self) -> dict | None:
        """The top level and the settings; the document's data, or None when there is no
        ledger at all."""
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
            if key not in TOP_LEVEL_KEYS and key != INCLUDE:
                self.problems.at_key((key,), "S001", f"unknown top-level key {_quoted(key)}",
                                     did_you_mean(_text(key), TOP_LEVEL_KEYS + (INCLUDE,)))
        version = data.get("version", 1)
        if version != 1:
            self.at(("version",), "S001", f"unsupported ledger version {_quoted(version)}",
                    "this program reads version 1")
        if "settings" in data:
            settings = self.validate(TypeAdapter(Settings), data["settings"], ("settings",))
            if settings is not None:
                self.ledger.settings = settings
        return data

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
            tagged = adapter is CLAIM_ADAPTER
            errors = error.errors(include_url=False)
            for item in _required_unless(raw, errors) if tagged else errors:
                _schema_error(self.problems, item, raw, node_path, tagged)
            return None
        except RecursionError:
            self.at(node_path, "Y004", "value nested too deeply to validate", "flatten it")
            return None

    # -- sections
    def sources(self, data: dict) -> Iterator[tuple[str, tuple, str, bool]]:
        """Validate the sources and read their files; hand over each skip quote and footnote
        quote of a source that was read, as (source id, node path of the quote, quote, whether
        it is a skip), to be anchored."""
        adapter = TypeAdapter(Source)
        for index, raw in enumerate(self.section(data, "sources")):
            node = ("sources", index)
            source = self.validate(adapter, raw, node)
            if source is None:
                self._broken("source", raw)
            if source is None or not self.unique("sources", source.id, node, self.ledger.sources):
                continue
            self.ledger.sources[source.id] = source
            self.ledger.nodes[("sources", source.id)] = node
            if self.read(source, node):
                yield from self.skips(source, node)
                for index, footnote in enumerate(source.footnotes):
                    yield source.id, node + ("footnotes", index, "quote"), footnote.quote, False

    def read(self, source: Source, node: tuple) -> bool:
        """Read the source's file (what it gave is noted in ``ledger.source_reads``, for the
        cache); whether its text is there to anchor quotes in."""
        found = read_source(self.ledger.root, source.file, source.sha256)
        self.ledger.source_reads[source.file] = found.status
        for problem in found.problems:
            self.at(node + (problem.field,), problem.code, problem.message, problem.hint)
        if found.text is None:
            return False
        self.decoded[source.id] = found.text
        return True

    def skips(self, source: Source, node: tuple) -> Iterator[tuple[str, tuple, str, bool]]:
        last_line = line_count(self.decoded[source.id]) if source.skips else 0
        for index, skip in enumerate(source.skips):
            if skip.quote is not None:
                yield source.id, node + ("skips", index, "quote"), skip.quote, True
                continue
            first, last = skip.lines
            if first > last or last > last_line:
                self.at(node + ("skips", index, "lines"), "S005",
                        f"skip lines [{first}, {last}] do not fit the file ({last_line} lines)",
                        "give [first, last] with first <= last <= the file's line count")

    def entities(self, data: dict) -> Iterator[tuple[str, tuple, str, bool]]:
        """Validate the entities; hand over the quote of each alias scoped to a source that
        was read, as ``sources`` does, to be anchored in that source."""
        adapter = TypeAdapter(Entity)
        items = self.section(data, "entities")
        for index, raw in enumerate(items):
            node = ("entities", index)
            entity = self.validate(adapter, raw, node)
            if entity is None:
                self._broken("entity", raw)
            if entity is None or not self.unique("entities", entity.id, node, self.ledger.entities):
                continue
            self.ledger.entities[entity.id] = entity
            self.ledger.nodes[("entities", entity.id)] = node
            for number, alias in enumerate(entity.aliases):
                if isinstance(alias, str):
                    continue
                if alias.source not in self.ledger.sources:
                    self.unknown(node + ("aliases", number, "source"), "source", alias.source)
                elif alias.source in self.decoded:
                    yield alias.source, node + ("aliases", number, "quote"), alias.quote, False
        for index, raw in enumerate(items):
            item_id = raw.get("id") if isinstance(raw, dict) else None
            entity = self.ledger.entities.get(item_id) if isinstance(item_id, str) else None
            if entity and entity.family and entity.family not in self.ledger.entities:
                self.unknown(("entities", index, "family"), "entity", entity.family)
            if entity and entity.part_of:
                self.part_of(entity, ("entities", index, "part_of"))

    def part_of(self, entity: Entity, node: tuple) -> None:
        """A benchmark's suite is a known benchmark, and no benchmark is, through its suites, a
        part of itself (reported once per cycle, at the entity of the cycle that comes first)."""
        entities = self.ledger.entities
        suite = entities.get(entity.part_of)
        if suite is None:
            self.unknown(node, "entity", entity.part_of)
            return
        if suite.kind.value != "benchmark":
            self.at(node, "S004", f"'{entity.part_of}' is {a(suite.kind.value)}, not a benchmark",
                    "part_of names the benchmark suite this benchmark is a task or split of")
            return
        chain, current = [entity.id], suite
        while current is not None and current.id not in chain:
            chain.append(current.id)
            current = entities.get(current.part_of) if current.part_of else None
        if current is None or current.id != entity.id:
            return  # no cycle, or one this entity only leads into (reported at its own members)
        order = list(entities)
        if min(chain, key=order.index) == entity.id:
            self.at(node, "S008", "part_of makes a cycle: " + " -> ".join(chain + [entity.id]),
                    "a suite cannot be a part of itself, nor of one of its own parts: remove one part_of")

    def vocabulary(self, data: dict) -> None:
        """The declared terms (``ledger.read.vocabulary``), which the claims are then checked against."""
        self.declared(read_vocabulary(data.get("vocabulary"), self.problems))

    def declared(self, vocabulary) -> None:
        """Check the claims against ``vocabulary``, already read (the language server checks
        the claims it is given against a vocabulary it keeps)."""
        self.ledger.vocabulary = vocabulary
        self.claim_terms = ClaimTerms(self.ledger, self.problems, lambda node, name: self.unknown(node, "entity", name))

    def claim_chunks(self, data: dict) -> Iterable[list]:
        """The claims' raw items in lists: one list, or the chunks the fast path cut them
        into (``FastRead.chunks``, which raises ``NotFast`` where it cannot go on)."""
        if isinstance(self.doc, SetDocument):
            return self.doc.claim_chunks()
        if isinstance(self.doc, FastDocument) and self.doc.read.starts is not None:
            return self.doc.read.chunks()
        return [self.section(data, "claims")]

    def claims(self, chunks: Iterable[list]) -> Iterator[tuple[int, Claim, tuple]]:
        """Validate the claims, chunk by chunk (the raw items of one are dropped before the
        next is read); hand over each valid one, as (item index, claim, node path), once its
        references are checked."""
        claims, nodes = self.ledger.claims, self.ledger.nodes
        count = 0
        shared: dict = {}  # one copy of each recurring part (``_share_parts``)
        terms = self.claim_terms if self.claim_terms.terms.any_declared else None
        for items in chunks:
            for index, raw in enumerate(items, count):
                node = ("claims", index)
                claim = self.validate(CLAIM_ADAPTER, raw, node)
                if claim is None or not self.unique("claims", claim.id, node, claims):
                    continue
                if terms is not None or getattr(claim, "capability", None) is not None:
                    claim = self.claim_terms.check(claim, node)
                _share_parts(claim, shared)
                claims[claim.id] = claim
                nodes[("claims", claim.id)] = node
                self.references(claim, node)
                yield index, claim, node
            count += len(items)
        self.claim_items = count

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

    def reviews(self, data: dict) -> None:
        adapter = TypeAdapter(Review)
        seen: dict[str, tuple] = {}
        for index, raw in enumerate(self.section(data, "reviews")):
            node = ("reviews", index)
            review = self.validate(adapter, raw, node)
            if review is None:
                continue
            if review.conflict in seen:
                self.at(node + ("conflict",), "R002", f"a second review of {review.conflict}",
                        "keep one verdict per conflict", [self.problems.location(seen[review.conflict])])
                continue
            seen[review.conflict] = node
            self.ledger.reviews.append(review)
            self.ledger.nodes[("reviews", review.conflict)] = node

    # -- shared checks
    def unique(self, section: str, item_id: str, node: tuple, known: dict) -> bool:
        if item_id in known:
            first = self.problems.location(self.ledger.nodes[(section, item_id)])
            where = f"line {first.line}" if first.path == self.problems.file(node) else str(first)
            self.at(node + ("id",), "S002", f"duplicate {section[:-1]} id {item_id!r} (first at {where})",
                    "give each one its own id", [first])
            return False
        return True

    def _broken(self, what: str, raw) -> None:
        item_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(item_id, str):
            self.broken[what].add(item_id)

    def unknown(self, node_path: tuple, what: str, name: str) -> None:
        if name in self.broken[what]:
            return  # declared, but not valid: reported there
        if what == "source":
            hint = did_you_mean(name, list(self.ledger.sources))
        else:
            hint = did_you_mean(name, list(self.ledger.entities))
            for entity in self.ledger.entities.values():
                if any(known.lower() == name.lower() for known in entity.names()):
                    hint = f"did you mean '{entity.id}'? ('{name}' is one of its aliases)"
                    break
        self.at(node_path, "S003", f"unknown {what} {name!r}", hint or f"define the {what} first")


# ------------------------------------------------------------------ helpers

def _schema_error(problems: Problems, item: dict, raw, node_path: tuple, tagged: bool) -> None:
    """Say what pydantic found wrong with ``raw`` (at ``node_path``), in the ledger's terms."""
    if not problems.room():
        return  # counted, not composed: a did-you-mean per hidden error would cost minutes
    loc = tuple(item["loc"])
    if tagged and loc and isinstance(raw, dict) and loc[0] == raw.get("kind"):
        loc = loc[1:]  # pydantic prefixes a discriminated union's errors with the tag
    loc = _data_path(raw, loc)
    full = node_path + loc
    kind, message = item["type"], item["msg"]
    where = ".".join(map(_text, loc)) or "this item"
    if kind == "missing" and loc:
        unless = f" {item['unless']}" if "unless" in item else ""
        problems.at(node_path + loc[:-1], "S001", f"missing field '{loc[-1]}'",
                    f"add '{loc[-1]}: ...'{unless} (see README.md, 'The ledger format')")
    elif kind == "extra_forbidden":
        known = _known_fields(raw, loc[:-1])
        problems.at_key(full, "S001", f"unknown field '{_text(loc[-1])}'",
                        did_you_mean(_text(loc[-1]), known) or ("known fields: " + ", ".join(known) if known else ""))
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        kinds = ", ".join(CLAIM_KINDS)
        got = raw.get("kind") if isinstance(raw, dict) else None
        if got is None:
            problems.at(node_path, "S001", "missing field 'kind'", f"add 'kind:' with one of: {kinds}")
        else:
            problems.at(node_path + ("kind",), "S001", f"unknown claim kind {_quoted(got)}",
                        did_you_mean(_text(got), list(CLAIM_KINDS)) or f"use one of: {kinds}")
    else:
        value = item.get("input")
        problems.at(full, "S001", f"{where}: {_plain(message)}", _hint_for(kind, value, item))


def _required_unless(raw, errors: list) -> list:
    """A claim's errors, with each field required unless another holds a value (a score's value,
    unless ``reported: false``) that is left out said as missing: pydantic says so only when the
    rest of the claim is valid, and then of the whole claim."""
    errors = [e for e in errors if e["type"] != REQUIRED_UNLESS_ERROR]
    if not isinstance(raw, dict):
        return errors
    kind = raw.get("kind")
    for (of_kind, name), (other, exempt) in REQUIRED_UNLESS.items():
        if kind != of_kind:
            continue
        said = f"'{other}: {str(exempt).lower()}'"
        if raw.get(name) is None and raw.get(other, not exempt) != exempt:
            errors.append({"type": "missing", "loc": (kind, name), "msg": "Field required", "input": raw,
                           "unless": f"or {said}"})
        elif raw.get(name) is not None and raw.get(other, not exempt) == exempt:
            errors.append({"type": "value_error", "loc": (kind, name), "input": raw.get(name),
                           "msg": f"Value error, no '{name}' with {said}: leave it out, or {said} where the "
                           f"source gives it"})
    return errors


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


def _text(value) -> str:
    """``str(value)`` for a message; Python will not write out an integer of more than 4,300
    digits (and nobody reads one): such a number is said to be one."""
    if type(value) is int and value.bit_length() > 1000:
        return f"<a number of about {int(value.bit_length() * 0.30103):,} digits>"
    return str(value)


def _quoted(value) -> str:
    """``repr(value)`` for a message, as ``_text``."""
    return _text(value) if type(value) is int else repr(value)


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
    if isinstance(raw, dict) and not loc and isinstance(raw.get("kind"), str) and raw["kind"] in CLAIM_KINDS:
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
        close = did_you_mean(_text(value), [e.strip(" '") for e in expected.replace(" or ", ",").split(",")])
        return close or f"expected {expected}"
    if kind == "value_error" and isinstance(value, str) and value.lower() in (".nan", ".inf", "-.inf", "nan", "inf"):
        return "not-a-number and infinity are not figures"
    if kind == "value_error" and "(a figure" in str(item.get("msg")):
        return "write the figure as the source prints it (3.8e25, \"405 billion\"); no source prints this one"
    if kind in ("list_type", "tuple_type"):
        return "write a list: [a, b] or '- ' items"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "write a mapping of 'field: value' lines"
    return ""
