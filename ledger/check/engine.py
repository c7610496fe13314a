"""The cross-checker: run every conflict rule over a loaded ledger.

Conflicts are computed from the typed claims only. Each rule lives in its own
module under ``ledger.rules``; this module holds what they share: the index of
claims by key, the numeric reading of figures and relation words, and the
conflict type with its stable id.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ledger.core.diagnostics import Diagnostic, Severity
from ledger.core.ids import ID_PATTERN
from ledger.core.ledger import Ledger, keys_of
from ledger.core.progress import stage
from ledger.core.words import did_you_mean
from ledger.perf.process import no_cycle_collection

if TYPE_CHECKING:  # a conflict restored from the cache is made without the model (``stale_reviews``)
    from ledger.core.model import Review


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
    # who is right (``ledger.check.primaries``): the primary claims that decide the conflict, the
    # claims they contradict, and whether the conflict is between primaries (none decides it)
    settled_by: tuple[str, ...] = ()
    misreports: tuple[str, ...] = ()
    between_primaries: bool = False


# ------------------------------------------------------------------ the engine

def claim_fingerprint(claim) -> str:
    from ledger.core.model import LATER_DEFAULTS, LATER_FIELDS

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
    from ledger.check.index import Index
    from ledger.check.primaries import Arbiter, primary_sources
    from ledger.check.rules import RULES

    stage("checking")
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
    if primary_sources(ledger):
        arbiter = Arbiter(index)
        for identifier, conflict in conflicts.items():
            settled = arbiter.settle(conflict.rule, conflict.claims)
            if settled.message:
                conflicts[identifier] = replace(
                    conflict, message=f"{conflict.message} {settled.message}", settled_by=settled.settled_by,
                    misreports=settled.misreports, between_primaries=settled.between_primaries)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(conflicts.values(),
                  key=lambda c: (order[c.severity], c.rule, index.order[c.claims[0]], c.id))


def stale_reviews(ledger: Ledger, conflicts: list[Conflict]) -> list[Diagnostic]:
    found = set(keys_of(conflicts, "id"))
    stale = []
    for conflict in ledger.reviewed:
        if conflict not in found:
            stale.append(Diagnostic(
                ledger.location_of("reviews", conflict), "R001",
                f"review of {conflict}: no such conflict any more",
                "the claims changed or the conflict was fixed: remove the review, or move its verdict to "
                "the conflict's new id (`ledger conflicts --unreviewed`)",
            ))
    return stale


def evidence_problem(ledger: Ledger, conflict_claims, evidence: str | None) -> tuple[str, str] | None:
    """Why a review's evidence cannot settle a conflict with these claims, as (message, hint),
    or None. Only evidence written as a bare claim id is a claim: a sentence is not checked."""
    from ledger.check.primaries import primary_sources

    if not evidence or not re.match(ID_PATTERN, evidence.strip()):
        return None
    cited = evidence.strip()
    claim = ledger.claims.get(cited)
    if claim is None:
        close = did_you_mean(cited, list(ledger.claims))
        return (f"evidence {cited!r} names no claim",
                close or "cite a primary source's claim by its id, or write the evidence as a sentence")
    primaries = primary_sources(ledger)
    if claim.source not in primaries:
        return (f"evidence {cited!r} is a claim of {claim.source}, not of a primary source",
                "cite a claim of a primary source (role: primary): "
                + (", ".join(sorted(primaries)) if primaries else "the ledger has none"))
    if cited in conflict_claims:
        return (f"evidence {cited!r} is a side of the conflict it is meant to settle: a primary claimed against itself",
                "cite another primary claim on the same thing, or record the verdict without evidence")
    return None


def review_evidence(ledger: Ledger, conflicts: list[Conflict]) -> list[Diagnostic]:
    """R003 for each review whose evidence names a claim that cannot settle its conflict."""
    cited = [(conflict, evidence) for conflict, evidence
             in zip(keys_of(ledger.reviews, "conflict"), keys_of(ledger.reviews, "evidence"))
             if evidence and re.match(ID_PATTERN, evidence.strip())]
    if not cited:
        return []  # no review cites a claim: the conflicts need not be made (a warm run stays light)
    claims_of = {c.id: c.claims for c in conflicts}
    found = []
    for conflict, evidence in cited:
        if conflict not in claims_of:
            continue  # stale: R001 says so
        problem = evidence_problem(ledger, claims_of[conflict], evidence)
        if problem:
            found.append(Diagnostic(ledger.location_of("reviews", conflict), "R003", *problem))
    return found
