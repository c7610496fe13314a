"""The JSON Schema of the ledger file, derived from the pydantic models.

``ledger_schema()`` is generic: it describes the format and never mentions a
source, entity or claim of any ledger. ``ledger_specific_schema(ledger)`` adds the
ids a given ledger defines as ``enum``s of its reference fields, so an editor
completes and checks them; the shipped ``ledger.schema.json`` (next to
``claims.yaml``, named by its ``# yaml-language-server: $schema=`` line) is that
one, regenerated when entities or sources change (a test says when).

The loader remains the authority (it also anchors quotes and checks numbers);
the schema lets an editor catch typos and wrong types while typing. Where the ledger declares
a term type in its vocabulary, the fields that name such terms (a statement's predicate and
qualifiers, a quantity claim's quantity and unit, a predicate's opposite, a quantity's
unit) list its ids and aliases.
"""

from __future__ import annotations

import copy
import difflib
import json
import re

from ledger.core.model import CLAIM_KINDS, Entity, LedgerFile, referred_kinds

DIALECT = "https://json-schema.org/draft/2020-12/schema"  # pydantic emits $defs, as 2020-12 has them

# claim model -> its reference fields and the entity kinds they may name (empty: any kind),
# as the models' ``Refers`` marks say
REFERENCE_FIELDS = {cls.__name__: {name: kinds for name, kinds, _ in cls.ENTITY_FIELDS}
                    for cls in CLAIM_KINDS.values()}


def ledger_schema() -> dict:
    """The generic JSON Schema of a ledger file."""
    schema = LedgerFile.model_json_schema()
    return {"$schema": DIALECT, **schema}


def schema_text(schema: dict | None = None) -> str:
    """The schema as the shipped ``ledger.schema.json`` holds it (2-space JSON, final newline)."""
    return json.dumps(ledger_schema() if schema is None else schema, indent=2, ensure_ascii=False) + "\n"


def _string_part(node: dict) -> dict | None:
    """The part of a field's schema that describes an id string (inside anyOf / items)."""
    if node.get("type") == "string":
        return node
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return _string_part(node["items"])
    for option in node.get("anyOf", ()):
        found = _string_part(option)
        if found is not None:
            return found
    return None


def ledger_specific_schema(ledger) -> dict:
    """The schema with this ledger's ids as enums of its reference fields (for completion)."""
    schema = copy.deepcopy(ledger_schema())
    defs = schema["$defs"]

    def ids(kinds) -> list[str]:
        return sorted(e.id for e in ledger.entities.values() if not kinds or e.kind.value in kinds)

    for name, fields in REFERENCE_FIELDS.items():
        properties = defs[name]["properties"]
        part = _string_part(properties["source"])
        if part is not None:
            part["enum"] = sorted(ledger.sources)
        for field_name, kinds in fields.items():
            part = _string_part(properties[field_name])
            if part is not None:
                part["enum"] = ids(kinds)
    for name in ("family", "part_of"):
        part = _string_part(defs["Entity"]["properties"][name])
        if part is not None:
            part["enum"] = ids(referred_kinds(Entity.model_fields[name]))
    _term_enums(defs, ledger.terms)
    schema["title"] = f"Ledger ({ledger.path.name}: its own ids)"
    return schema


# (model, field) that name a term of the vocabulary -> its term type
TERM_REFERENCES = {
    ("Statement", "predicate"): "predicates", ("Statement", "qualifiers"): "qualifiers",
    ("Quantity", "quantity"): "quantities", ("Quantity", "unit"): "units",
    ("PredicateTerm", "opposite"): "predicates", ("QuantityTerm", "unit"): "units",
    ("Comparison", "capability"): "capabilities", ("Comparison", "qualifiers"): "qualifiers",
    ("Ranking", "capability"): "capabilities", ("Ranking", "qualifiers"): "qualifiers",
    ("Tally", "capability"): "capabilities",
}


def _term_enums(defs: dict, terms) -> None:
    """The declared terms (ids, then the aliases a field can hold) as enums of the fields that
    name them, for each term type the ledger declares."""
    for (model, field), kind in TERM_REFERENCES.items():
        part = _string_part(defs[model]["properties"][field]) if model in defs else None
        if part is None or not terms.declared(kind):
            continue
        pattern = re.compile(part["pattern"]) if "pattern" in part else None
        names = list(terms.by_id[kind]) + [alias for term in terms.by_id[kind].values() for alias in term.aliases]
        part["enum"] = list(dict.fromkeys(n for n in names if pattern is None or pattern.search(n)))


def schema_diff(current: str, text: str, target) -> str:
    """A unified diff from the schema file's text ``current`` to the schema ``text``."""
    return "".join(difflib.unified_diff(current.splitlines(True), text.splitlines(True), f"{target}", "ledger schema"))
