"""Validating the vocabulary and the claims' use of it.

``read_vocabulary`` validates the ``vocabulary:`` section term by term (S001 for a malformed
term, which is left out) and checks that the terms fit together (S006, located at the field
at fault); with no ``problems`` to report to, it only rebuilds what validation kept (the
cache does, from the section's data). ``ClaimTerms`` checks each claim against the
declared terms (S003 unknown term, S004 subject or object of the wrong kind, S001 an object
that is not one value of the declared type, S007 a unit of another dimension than its
quantity's) and gives the claim with its terms as ids.

A term type is checked only where the ledger declares it: a ledger without a vocabulary,
or with only predicates declared, keeps every other term free.
"""

from __future__ import annotations

import re

from pydantic import TypeAdapter, ValidationError

from ledger.core.model import TERM_CLASSES, Category, Figure, Vocabulary
from ledger.core.numbers import parse_figure
from ledger.core.vocabulary import ALWAYS_CHECKED, TERM_FIELDS, TERM_TYPES, TERM_WORDS, Terms, key
from ledger.core.words import a, did_you_mean, join_words

_ADAPTERS = {kind: TypeAdapter(cls) for kind, cls in TERM_CLASSES.items()}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# what separates several values packed into one object ("smartphones, laptops")
_SEVERAL = re.compile(r"[,;]")


def read_vocabulary(raw, problems=None) -> Vocabulary:
    """The section's valid terms (the first of each id); with ``problems``, every problem of it
    reported there."""
    node = ("vocabulary",)
    if raw is None:
        return Vocabulary()
    if not isinstance(raw, dict):
        if problems is not None:
            problems.at(node, "S001", "'vocabulary' must be a mapping",
                        "give it the lists " + ", ".join(TERM_TYPES) + " (each optional)")
        return Vocabulary()
    lists: dict = {}
    for kind, items in raw.items():
        if kind not in TERM_TYPES:
            if problems is not None:
                problems.at_key(node + (kind,), "S001", f"unknown vocabulary list {kind!r}",
                                did_you_mean(str(kind), TERM_TYPES) or "the lists are: " + ", ".join(TERM_TYPES))
            continue
        if items is None:
            continue  # not declared: that term type stays free
        if not isinstance(items, list):
            if problems is not None:
                problems.at(node + (kind,), "S001", f"'{kind}' must be a list",
                            f"write each of the {kind} as a '- ' item")
            continue
        lists[kind] = _terms(kind, items, problems)
    vocabulary = Vocabulary(**{kind: [term for term, _ in terms] for kind, terms in lists.items()})
    if problems is not None:
        _consistency(Terms(vocabulary), lists, problems)
    return vocabulary


def _terms(kind: str, items: list, problems) -> list[tuple]:
    """(term, index in the list) of the valid items, the first of each id."""
    found, first = [], {}
    for index, item in enumerate(items):
        node = ("vocabulary", kind, index)
        try:
            term = _ADAPTERS[kind].validate_python(item)
        except ValidationError as error:
            if problems is not None:
                _schema_problems(problems, kind, item, node, error)
            continue
        except RecursionError:
            if problems is not None:
                problems.at(node, "Y004", "value nested too deeply to validate", "flatten it")
            continue
        if term.id in first:
            if problems is not None:
                earlier = problems.location(("vocabulary", kind) + (first[term.id], "id"))
                problems.at(node + ("id",), "S006", f"duplicate {TERM_WORDS[kind]} id {term.id!r} "
                            f"(first at line {earlier.line})", "give each term its own id, or merge the two "
                            "(the other spelling as an alias)", [earlier])
            continue
        first[term.id] = index
        found.append((term, index))
    return found


def _schema_problems(problems, kind: str, raw, node: tuple, error: ValidationError) -> None:
    from ledger.read.validate import _schema_error  # its helper: a pydantic error in the ledger's terms

    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        if item["type"] == "extra_forbidden" and len(loc) == 1:
            known = list(TERM_CLASSES[kind].model_fields)
            problems.at_key(node + loc, "S001", f"unknown field '{loc[0]}'",
                            did_you_mean(str(loc[0]), known) or "known fields: " + ", ".join(known))
        else:
            _schema_error(problems, item, raw, node, False)


def _consistency(terms: Terms, lists: dict, problems) -> None:
    """The S006 problems of terms that are each valid but do not fit together."""
    for kind, found in lists.items():
        _aliases(kind, found, problems)
    _opposites(terms, lists.get("predicates", []), problems)
    _capability_categories(lists.get("capabilities", []), problems)
    if terms.declared("units"):
        dimensions = {}
        for unit, index in lists.get("units", []):
            dimensions.setdefault(unit.dimension, []).append(unit.id)
            if not unit.factor > 0:
                problems.at(("vocabulary", "units", index, "factor"), "S006",
                            f"unit {unit.id!r}: factor {unit.factor} is not a positive number",
                            "the factor is how many of the dimension's base one unit is: 1000 for "
                            "thousand-gpu-hours when gpu-hour has 1")
        for quantity, index in lists.get("quantities", []):
            node = ("vocabulary", "quantities", index)
            if quantity.dimension not in dimensions:
                problems.at(node + ("dimension",), "S006",
                            f"quantity {quantity.id!r}: no unit has dimension {quantity.dimension!r}",
                            did_you_mean(quantity.dimension, dimensions) or "declare a unit of that dimension")
            if quantity.unit is None:
                continue
            unit = terms.term("units", quantity.unit)
            if unit is None:
                problems.at(node + ("unit",), "S006", f"quantity {quantity.id!r}: unknown unit {quantity.unit!r}",
                            did_you_mean(quantity.unit, terms.choices("units")) or "declare the unit first")
            elif unit.dimension != quantity.dimension:
                problems.at(node + ("unit",), "S006",
                            f"quantity {quantity.id!r} measures {quantity.dimension}, but its unit {unit.id!r} "
                            f"measures {unit.dimension}",
                            "use a unit of dimension " + quantity.dimension + _of(dimensions.get(quantity.dimension)))


_CATEGORIES = [category.value for category in Category]


def _capability_categories(found: list[tuple], problems) -> None:
    """A capability is measured by benchmark categories: each it names must be one."""
    for term, index in found:
        for n, category in enumerate(term.categories):
            if category not in _CATEGORIES:
                problems.at(("vocabulary", "capabilities", index, "categories", n), "S006",
                            f"capability {term.id!r}: unknown category {category!r}",
                            did_you_mean(category, _CATEGORIES) or "the categories are: " + ", ".join(_CATEGORIES))


def _of(ids) -> str:
    return f": {join_words(ids)}" if ids else ""


def _aliases(kind: str, found: list[tuple], problems) -> None:
    """An alias must name one term: not another term's id, not another term's alias."""
    owner: dict[str, tuple] = {}  # key -> (term id, node path of the id or alias that took it)
    for term, index in found:
        owner.setdefault(key(term.id), (term.id, ("vocabulary", kind, index, "id")))
    for term, index in found:
        for n, alias in enumerate(term.aliases):
            node = ("vocabulary", kind, index, "aliases", n)
            taken = owner.setdefault(key(alias), (term.id, node))
            if taken[0] == term.id:
                continue
            what = "the id of" if taken[1][-1] == "id" else "an alias of"
            problems.at(node, "S006", f"alias {alias!r} of {TERM_WORDS[kind]} {term.id!r} is already "
                        f"{what} {taken[0]!r}", "an alias names one term: keep it on one of them",
                        [problems.location(taken[1])])


def _opposites(terms: Terms, found: list[tuple], problems) -> None:
    """Opposites come in pairs: each declared opposite is another declared predicate, whose own
    opposite (if it declares one) is this one, and no predicate is the opposite of two."""
    declared = {term.id: term for term, _ in found}
    claimed: dict[str, tuple] = {}  # predicate -> (the one that declared it its opposite, node)
    for term, index in found:
        if term.opposite is None:
            continue
        node = ("vocabulary", "predicates", index, "opposite")
        other = terms.canonical("predicates", term.opposite)
        if other is None:
            problems.at(node, "S006", f"opposite {term.opposite!r} of {term.id!r} is not a declared predicate",
                        did_you_mean(term.opposite, terms.choices("predicates")) or "declare it as a predicate")
            continue
        if other == term.id:
            problems.at(node, "S006", f"predicate {term.id!r} is declared its own opposite",
                        "an opposite is another predicate (proprietary for open-source)")
            continue
        back = declared[other].opposite
        back_id = terms.canonical("predicates", back) if back is not None else None
        if back_id is not None and back_id not in (term.id, other):
            problems.at(node, "S006", f"opposites of more than a pair: {term.id} -> {other} -> {back_id}",
                        f"opposites come in pairs: '{other}' already has the opposite '{back_id}'")
            continue
        pair = frozenset((term.id, other))
        for end in (other, term.id):
            first = claimed.get(end)
            if first is not None and first[0] != pair:
                problems.at(node, "S006",
                            f"conflicting opposites: {end!r} would be the opposite of both "
                            f"{join_words(sorted(set(first[0]) - {end}) + sorted(pair - {end}))}",
                            "a predicate has at most one opposite", [problems.location(first[1])])
                break
        else:
            claimed.setdefault(other, (pair, node))
            claimed.setdefault(term.id, (pair, node))


# ------------------------------------------------------------------ claims


class ClaimTerms:
    """Checks the terms each claim names (``check``), for one load."""

    def __init__(self, ledger, problems, unknown_entity) -> None:
        self.ledger = ledger
        self.terms: Terms = ledger.terms
        self.at = problems.at
        self.unknown_entity = unknown_entity  # (node path, id): S003 with the entities' did-you-mean

    def check(self, claim, node: tuple):
        """Report what the claim gets wrong about the declared terms; the claim with its terms as ids."""
        terms = self.terms
        if claim.kind not in TERM_FIELDS or not (terms.any_declared or getattr(claim, "capability", None)):
            return claim
        if claim.kind in ("comparison", "ranking", "tally"):
            if claim.capability is not None:
                self._term(node, "capability", "capabilities", claim.capability)
            if terms.declared("qualifiers"):
                for index, name in enumerate(getattr(claim, "qualifiers", ())):
                    self._term(node + ("qualifiers", index), None, "qualifiers", name)
        elif claim.kind == "statement":
            predicate = self._term(node, "predicate", "predicates", claim.predicate)
            if predicate is not None:
                self._subject(claim, node, predicate)
                self._object(claim, node, predicate)
            if terms.declared("qualifiers"):
                for index, name in enumerate(claim.qualifiers):
                    self._term(node + ("qualifiers", index), None, "qualifiers", name)
        else:
            quantity = self._term(node, "quantity", "quantities", claim.quantity)
            unit = self._term(node, "unit", "units", claim.unit)
            if quantity is not None and unit is not None and unit.dimension != quantity.dimension:
                same = [u.id for u in terms.by_id["units"].values() if u.dimension == quantity.dimension]
                self.at(node + ("unit",), "S007",
                        f"unit {unit.id!r} measures {unit.dimension}, but quantity {quantity.id!r} measures "
                        f"{quantity.dimension}", f"use a unit of dimension {quantity.dimension}{_of(same)}")
        return terms.canonical_claim(claim)

    def _term(self, node: tuple, field: str | None, kind: str, name):
        """The declared term ``name`` names (None, reported, when it names none; None, silent,
        when the type is not declared and may be free)."""
        if not self.terms.declared(kind) and kind not in ALWAYS_CHECKED:
            return None
        term = self.terms.term(kind, name)
        if term is None:
            where = node + (field,) if field else node
            self.at(where, "S003", f"unknown {TERM_WORDS[kind]} {name!r}",
                    did_you_mean(str(name), self.terms.choices(kind))
                    or f"declare it under vocabulary: {kind} (README, 'The vocabulary'), or use a declared one "
                       f"(`ledger vocab` lists them)")
        return term

    def _subject(self, claim, node: tuple, predicate) -> None:
        entity = self.ledger.entities.get(claim.subject)
        kinds = [kind.value for kind in predicate.subject]
        if entity is not None and kinds and entity.kind.value not in kinds:
            self.at(node + ("subject",), "S004",
                    f"'{claim.subject}' is {a(entity.kind.value)}; predicate '{predicate.id}' takes a "
                    f"subject that is {a(' or '.join(kinds))}",
                    f"name {a(' or '.join(kinds))}, or use another predicate")

    def _object(self, claim, node: tuple, predicate) -> None:
        spec, value, where = predicate.object, claim.object, node + ("object",)
        if spec is None:
            if value is not None:
                self.at(where, "S001", f"predicate '{predicate.id}' takes no object",
                        "leave 'object' out (a predicate with an object is another predicate)")
            return
        wanted = _wanted(spec)
        if value is None:
            if not predicate.object_optional:
                self.at(node, "S001", "missing field 'object'", f"predicate '{predicate.id}' takes {wanted}")
            return
        text = value.written if isinstance(value, Figure) else value
        several = "one value per claim: write several claims, one for each"
        if isinstance(spec, list):
            if isinstance(value, Figure) or _SEVERAL.search(text):
                self.at(where, "S001", f"object {text!r} is not one entity id; predicate '{predicate.id}' "
                        f"takes {wanted}", several if _SEVERAL.search(text) else "write the entity's id")
                return
            entity = self.ledger.entities.get(value)
            if entity is None:
                self.unknown_entity(where, value)
            elif spec and entity.kind not in spec:
                kinds = " or ".join(kind.value for kind in spec)
                self.at(where, "S004", f"'{value}' is {a(entity.kind.value)}; predicate '{predicate.id}' takes "
                        f"an object that is {a(kinds)}", f"name {a(kinds)}")
        elif spec == "number":
            if not isinstance(value, Figure) and parse_figure(value) is None:
                self.at(where, "S001", f"object {text!r} is not a number; predicate '{predicate.id}' takes {wanted}",
                        several if _SEVERAL.search(text) and parse_figure(text) is None else
                        "write the number as the source does: 88.6, \"16,000\", 128k")
        elif spec == "date":
            if not DATE.fullmatch(text.strip()):
                self.at(where, "S001", f"object {text!r} is not a date; predicate '{predicate.id}' takes {wanted}",
                        several if _SEVERAL.search(text) else "write YYYY, YYYY-MM or YYYY-MM-DD")
        elif isinstance(value, Figure):
            self.at(where, "S001", f"object {text} is a number; predicate '{predicate.id}' takes {wanted}",
                    f"quote it: \"{text}\"")
        elif _SEVERAL.search(text):
            self.at(where, "S001", f"object {text!r} is several values; predicate '{predicate.id}' takes {wanted}",
                    several)


def _wanted(spec) -> str:
    if isinstance(spec, list):
        return ("an entity id" if not spec else
                "the id of " + a(" or ".join(kind.value for kind in spec)))
    return {"text": "one value as text", "number": "one number", "date": "one date"}.get(spec, spec)

