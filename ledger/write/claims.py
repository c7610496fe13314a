"""A new claim from values given one by one (``ledger add``): what its kind still needs,
entity names and aliases resolved to ids, terms of the vocabulary too (and which are unknown,
and which claims share one), the claim as the ledger stores it.

What each kind takes (its fields, the required ones, the lists, the entity kinds of each
reference) comes from the models: ``ledger.core.model`` derives it once. ``given`` is a
dict of field name -> value or None (not given); a list field may be given as text,
comma-separated; a score's setting as ``shots`` and ``cot``.
"""

from __future__ import annotations

from ledger.core.ledger import Ledger
from ledger.core.model import CLAIM_KINDS, LIST_FIELDS, REFERENCE_KINDS, REQUIRED_FIELDS, REQUIRED_UNLESS, Setting
from ledger.core.vocabulary import TERM_FIELDS
from ledger.core.words import did_you_mean
from ledger.write.edit import figure
from ledger.write.emit import CLAIM_KEY_ORDER

BASICS = ("source", "kind", "quote")  # what every claim needs before its kind's fields
BENCHMARKS = ("benchmark",)  # the entity kinds of a reference to a benchmark
DEFAULT_TOPIC = "benchmark"
# the fields taken from ``given`` as they are (or with their own defaults below)
_OWN = ("id", "kind", "source", "topic", "quote", "setting")


def _empty(value) -> bool:
    return value in (None, "")


def takes(kind: str) -> set[str]:
    """The names a claim of this kind may be given: its fields, with the setting's parts."""
    fields = set(CLAIM_KINDS[kind].model_fields)
    if "setting" in fields:
        fields |= set(Setting.model_fields)
    return fields


def foreign_fields(kind: str, given: dict) -> list[str]:
    """The given names a claim of this kind does not take."""
    fields = takes(kind)
    return [name for name, value in given.items() if value is not None and name not in fields]


def has_default_topic(kind: str) -> bool:
    """Whether a claim of this kind is about topic benchmark unless told otherwise: it names
    a benchmark."""
    return any(kinds == BENCHMARKS for (k, _), kinds in REFERENCE_KINDS.items() if k == kind)


def missing_fields(kind: str, given: dict) -> list[tuple[str, ...]]:
    """What a claim of this kind still needs, each a field or the fields of which one is
    to be given (``REQUIRED_FIELDS``), and the topic where there is no default."""
    missing = [names for names in REQUIRED_FIELDS[kind] if all(_empty(given[name]) for name in names)
               and not any(given.get(other) == value for other, value in
                           (REQUIRED_UNLESS.get((kind, name), (None, object())) for name in names))]
    if not has_default_topic(kind) and given["topic"] is None:
        missing.append(("topic",))
    return missing


# ------------------------------------------------------------------ entities

def candidates(ledger: Ledger, kinds) -> list:
    """The ledger's entities of these kinds (none given: all)."""
    return [e for e in ledger.entities.values() if not kinds or e.kind.value in kinds]


def resolve_entity(ledger: Ledger, kinds, text: str) -> str | None:
    """The id of the one entity of these kinds that ``text`` names by id, or by name or alias
    (case-insensitive); None when no entity or several do."""
    text = text.strip()
    entities = candidates(ledger, kinds)
    if any(e.id == text for e in entities):
        return text
    lowered = text.lower()
    matches = {e.id for e in entities
               if e.id == lowered or any(name.lower() == lowered for name in e.names())}
    return matches.pop() if len(matches) == 1 else None


def _resolve(ledger: Ledger, kind: str, name: str, raw, renamed: list):
    """Entity names and aliases to ids (exact, case-insensitive); unknown ones are left for the
    loader to report with its did-you-mean."""
    kinds = REFERENCE_KINDS.get((kind, name))
    if kinds is None:
        return raw
    values = raw if isinstance(raw, list) else [raw]
    resolved = []
    for item in values:
        found = resolve_entity(ledger, kinds, str(item)) if isinstance(item, str) else None
        if found is not None and found != item:
            renamed.append((name, item, found))
        resolved.append(found or item)
    return resolved if isinstance(raw, list) else resolved[0]


# ------------------------------------------------------------------ terms of the vocabulary

def term_kind(ledger: Ledger, kind: str, name: str) -> str | None:
    """The term type a claim field names (``predicates`` for a statement's predicate), where the
    ledger declares that type; None otherwise (the field is free)."""
    for field, term_type, _ in TERM_FIELDS.get(kind, ()):
        if field == name:
            return term_type if ledger.terms.declared(term_type) else None
    return None


def used_terms(ledger: Ledger, kind: str, name: str) -> list[str]:
    """The values the ledger's claims of this kind give the field, most used first (to offer
    where the term type is not declared)."""
    counts: dict = {}
    for claim in ledger.claims.values():
        if claim.kind != kind:
            continue
        value = getattr(claim, name, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                counts[item] = counts.get(item, 0) + 1
    return sorted(counts, key=lambda item: (-counts[item], item))


def sharing(ledger: Ledger, kind: str, name: str, value) -> list[str]:
    """The ids of the claims of this kind whose field ``name`` is (or holds) ``value``."""
    return [claim.id for claim in ledger.claims.values() if claim.kind == kind
            and (value in getattr(claim, name) if isinstance(getattr(claim, name, None), list)
                 else getattr(claim, name, None) == value)]


def unknown_terms(ledger: Ledger, claim: dict) -> list[tuple[str, str, str]]:
    """(field, value, hint) for each term the claim names that its declared type does not know."""
    terms, found = ledger.terms, []
    for field, term_type, many in TERM_FIELDS.get(claim.get("kind"), ()):
        value = claim.get(field)
        if value is None or not terms.declared(term_type):
            continue
        for item in value if many else [value]:
            if terms.canonical(term_type, item) is None:
                hint = did_you_mean(str(item), terms.choices(term_type))
                found.append((field, item, hint or "`ledger vocab` lists the declared ones"))
    return found


def _resolve_terms(ledger: Ledger, kind: str, name: str, raw, renamed: list):
    """Term aliases to ids, where the ledger declares the term type; unknown ones are left
    (``unknown_terms`` says which)."""
    term_type = term_kind(ledger, kind, name)
    if term_type is None:
        return raw
    values = raw if isinstance(raw, list) else [raw]
    resolved = []
    for item in values:
        found = ledger.terms.canonical(term_type, item) if isinstance(item, str) else None
        if found is not None and found != item:
            renamed.append((name, item, found))
        resolved.append(found or item)
    return resolved if isinstance(raw, list) else resolved[0]


# ------------------------------------------------------------------ the claim

def build_claim(ledger: Ledger, kind: str, given: dict) -> tuple[dict, list[tuple[str, str, str]]]:
    """The claim (without its id) as the ledger will hold it, and the entities and terms given by
    name or alias as (field, as given, id)."""
    claim: dict = {"kind": kind, "source": given["source"]}
    claim["topic"] = given["topic"] or DEFAULT_TOPIC
    if given["quote"] is not None or given.get("cell") is None:  # a cell's text is its quote
        claim["quote"] = given["quote"]
    fields = CLAIM_KINDS[kind].model_fields
    renamed: list[tuple[str, str, str]] = []
    for name in CLAIM_KEY_ORDER:
        raw = given.get(name)
        if name in _OWN or raw is None or name not in fields:
            continue
        if name in LIST_FIELDS[kind] and isinstance(raw, str):
            raw = [part.strip() for part in raw.split(",") if part.strip()]
        if name == "value":
            raw = figure(str(raw))
        claim[name] = _resolve_terms(ledger, kind, name, _resolve(ledger, kind, name, raw, renamed), renamed)
    if "setting" in fields:
        setting = {k: given[k] for k in Setting.model_fields if given.get(k) is not None}
        if setting:
            claim["setting"] = setting
    if kind == "statement":  # written out on statements; on comparisons and rankings only when given
        claim["polarity"] = True if given["polarity"] is None else given["polarity"]
    if kind == "quantity":
        claim.setdefault("qualifier", "exact")
    return claim, renamed
