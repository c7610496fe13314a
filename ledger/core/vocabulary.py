"""The declared vocabulary, looked up: each term type's ids and aliases, predicates' opposites,
units' dimensions and factors, and a claim with its terms written as ids.

A term type the ledger does not declare (its list left out) is free: :meth:`Terms.declared`
says so, and nothing of that type is looked up or rewritten. Ids match exactly or in any
case; aliases in any case, with surrounding blanks ignored ("H100 GPUs", "h100 gpus").
"""

from __future__ import annotations

from decimal import Decimal

from ledger.core.model import Figure, Vocabulary
from ledger.core.numbers import parse_figure

TERM_TYPES = ("predicates", "qualifiers", "quantities", "units", "capabilities")
# term type -> the word for one term, in messages ("unknown predicate 'x'")
TERM_WORDS = {"predicates": "predicate", "qualifiers": "qualifier", "quantities": "quantity", "units": "unit",
              "capabilities": "capability"}
# claim kind -> (field, term type, holds a list) of the fields that name terms
TERM_FIELDS = {
    "statement": (("predicate", "predicates", False), ("qualifiers", "qualifiers", True)),
    "quantity": (("quantity", "quantities", False), ("unit", "units", False)),
    "comparison": (("capability", "capabilities", False), ("qualifiers", "qualifiers", True)),
    "ranking": (("capability", "capabilities", False), ("qualifiers", "qualifiers", True)),
    "tally": (("capability", "capabilities", False),),
}
# term types a claim may name only once declared: a capability means the benchmarks of the
# categories its declaration lists, so an undeclared one means nothing (S003 even when the
# ledger declares no vocabulary at all)
ALWAYS_CHECKED = ("capabilities",)


def key(name: str) -> str:
    """How a name is matched against ids and aliases: blanks around it and case ignored."""
    return name.strip().lower()


class Terms:
    """The ledger's vocabulary, indexed. Built from what passed validation: where two terms
    share an id or an alias (reported as S006), the first one keeps it."""

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        self.types = {kind: getattr(self.vocabulary, kind) for kind in TERM_TYPES}
        self.any_declared = any(terms is not None for terms in self.types.values())
        self.by_id: dict[str, dict] = {}
        self.names: dict[str, dict[str, str]] = {}  # term type -> key of an id or alias -> id
        self.clashes: dict[str, set[str]] = {}  # term type -> keys two terms claim (S006)
        for kind, terms in self.types.items():
            ids: dict = {}
            names: dict[str, str] = {}
            clashes: set[str] = set()
            for term in terms or ():
                ids.setdefault(term.id, term)
            for term_id in ids:
                names.setdefault(key(term_id), term_id)
            for term in ids.values():
                for alias in term.aliases:
                    if names.setdefault(key(alias), term.id) != term.id:
                        clashes.add(key(alias))
            self.by_id[kind], self.names[kind], self.clashes[kind] = ids, names, clashes
        self.opposites: dict[str, set[str]] = {}  # predicate -> its opposites (declared on either side)
        for term in self.by_id["predicates"].values():
            other = self.canonical("predicates", term.opposite) if term.opposite else None
            if other is not None and other != term.id:
                self.opposites.setdefault(term.id, set()).add(other)
                self.opposites.setdefault(other, set()).add(term.id)

    def declared(self, kind: str) -> bool:
        return self.types[kind] is not None

    def canonical(self, kind: str, name) -> str | None:
        """The id of the term of this type that ``name`` is (its id or an alias), or None."""
        if not isinstance(name, str):
            return None
        if name in self.by_id[kind]:
            return name
        return self.names[kind].get(key(name))

    def unambiguous(self, kind: str, name) -> str | None:
        """``canonical``, but None for an alias two terms claim (the ledger says S006; nothing
        should be rewritten on a guess)."""
        if not isinstance(name, str) or key(name) in self.clashes[kind]:
            return None
        return self.canonical(kind, name)

    def term(self, kind: str, name):
        term_id = self.canonical(kind, name)
        return None if term_id is None else self.by_id[kind][term_id]

    def choices(self, kind: str) -> list[str]:
        """Every id and alias of the type, for a did-you-mean."""
        return list(self.by_id[kind]) + [alias for term in self.by_id[kind].values() for alias in term.aliases]

    # -- units
    def dimension(self, unit: str) -> str | None:
        term = self.term("units", unit)
        return term.dimension if term is not None else None

    def factor(self, unit: str) -> Decimal:
        term = self.term("units", unit)
        return term.factor if term is not None and term.factor > 0 else Decimal(1)

    # -- capabilities
    def categories_of(self, capability: str) -> list[str]:
        """The benchmark categories a declared capability is measured by ([] when unknown)."""
        term = self.term("capabilities", capability)
        return list(term.categories) if term is not None else []

    def label(self, kind: str, name: str) -> str:
        term = self.term(kind, name)
        return term.label if term is not None else name

    # -- claims
    def canonical_claim(self, claim):
        """The claim with each term it names by an alias named by its id (the claim itself when
        none is); and a number-typed statement object written as text ("16,000") as a figure."""
        fields = TERM_FIELDS.get(claim.kind)
        if not fields or not self.any_declared:
            return claim
        update = {}
        for name, kind, many in fields:
            if not self.declared(kind):
                continue
            value = getattr(claim, name)
            if many:
                ids = [self.canonical(kind, item) or item for item in value]
                if ids != value:
                    update[name] = ids
            elif value is not None:
                term_id = self.canonical(kind, value)
                if term_id is not None and term_id != value:
                    update[name] = term_id
        if claim.kind == "statement" and isinstance(claim.object, str):
            predicate = self.term("predicates", update.get("predicate", claim.predicate))
            if predicate is not None and predicate.object == "number" and parse_figure(claim.object) is not None:
                update["object"] = Figure(claim.object)
        return claim.model_copy(update=update) if update else claim
