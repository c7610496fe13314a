"""The cross-checker: run every conflict rule over a loaded ledger.

Conflicts are computed from the typed claims only. Each rule lives in its own
module under ``ledger.rules``; this module holds what they share: the index of
claims by key, the numeric reading of figures and relation words, and the
conflict type with its stable id.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ledger.core.diagnostics import Diagnostic, Severity
from ledger.core.ledger import Ledger
from ledger.core.model import LATER_DEFAULTS, LATER_FIELDS, Review
from ledger.check.index import Index
from ledger.perf.process import no_cycle_collection


@dataclass(frozen=True)
class Conflict:
    id: str
    rule: str
    name: str
    severity: Severity
    message: str
    claims: tuple[str, ...]  # the claims involved, the one that asserts most first
    within_source: bool
    review: Review | None = None


# ------------------------------------------------------------------ the engine

def claim_fingerprint(claim) -> str:
    data = claim.model_dump(mode="json")
    for name in LATER_FIELDS:  # unset, a field added later leaves every earlier id as it was
        if data.get(name, 0) is None:
            del data[name]
    for name, unset in LATER_DEFAULTS.get(claim.kind, {}).items():
        if name in data and data[name] == unset:
            del data[name]
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def conflict_id(code: str, claims) -> str:
    parts = sorted(f"{c.id}:{claim_fingerprint(c)}" for c in claims)
    digest = hashlib.sha256((code + "|" + "|".join(parts)).encode("utf-8")).hexdigest()
    return f"{code}-{digest[:10]}"


@no_cycle_collection()
def find_conflicts(ledger: Ledger) -> list[Conflict]:
    from ledger.check.rules import RULES

    index = Index.build(ledger)
    reviews = {review.conflict: review for review in ledger.reviews}
    conflicts: dict[str, Conflict] = {}
    for rule in RULES.values():
        for finding in rule.check(index):
            claims = [ledger.claims[c] for c in finding.claims]
            identifier = conflict_id(rule.CODE, claims)
            if identifier in conflicts:
                continue
            conflicts[identifier] = Conflict(
                id=identifier,
                rule=rule.CODE,
                name=rule.NAME,
                severity=finding.severity or rule.SEVERITY,
                message=finding.message,
                claims=tuple(finding.claims),
                within_source=len({c.source for c in claims}) == 1,
                review=reviews.get(identifier),
            )
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(conflicts.values(),
                  key=lambda c: (order[c.severity], c.rule, index.order[c.claims[0]], c.id))


def stale_reviews(ledger: Ledger, conflicts: list[Conflict]) -> list[Diagnostic]:
    found = {c.id for c in conflicts}
    stale = []
    for review in ledger.reviews:
        if review.conflict not in found:
            stale.append(Diagnostic(
                ledger.location_of("reviews", review.conflict), "R001",
                f"review of {review.conflict}: no such conflict any more",
                "the claims changed or the conflict was fixed: remove the review, or move its verdict to "
                "the conflict's new id (`ledger conflicts --unreviewed`)",
            ))
    return stale
