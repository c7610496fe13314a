"""Which claims and conflicts a listing shows: the filters of ``ledger claims`` and
``ledger conflicts`` (each option repeatable; a claim or conflict passes when it matches
one value of every option given)."""

from __future__ import annotations

from ledger.core.ledger import Ledger
from ledger.output.records import claim_subjects


def select_claims(ledger: Ledger, *, kind=None, source=None, model=None, benchmark=None, topic=None) -> list:
    """The claims of these kinds, from these sources, naming one of these entities (as model,
    subject or object), on these benchmarks, with these topics."""
    return [claim for claim in ledger.claims.values() if _claim_matches(claim, kind, source, model, benchmark, topic)]


def _claim_matches(claim, kind, source, model, benchmark, topic) -> bool:
    if kind and claim.kind not in kind:
        return False
    if source and claim.source not in source:
        return False
    if topic and claim.topic.value not in topic:
        return False
    if model:
        refs = set(claim_subjects(claim))
        if claim.kind == "statement" and claim.object:
            refs.add(claim.object)
        if not any(m in refs for m in model):
            return False
    if benchmark and getattr(claim, "benchmark", None) not in benchmark:
        if not (claim.kind == "tally" and set(claim.benchmarks or []) & set(benchmark)):
            return False
    return True


def select_conflicts(ledger: Ledger, conflicts, *, source=None, rule=None, severity=None, model=None,
                     benchmark=None, unreviewed: bool = False, unsettled: bool = False) -> list:
    """The conflicts involving these sources, of these rules (by code or name), of these
    severities, whose claims name these entities or benchmarks; only those without a
    verdict with ``unreviewed``; only those no primary source settles with ``unsettled``."""
    return [conflict for conflict in conflicts
            if _conflict_matches(ledger, conflict, source, rule, severity, model, benchmark, unreviewed)
            and not (unsettled and conflict.settled_by)]


def _conflict_matches(lg, conflict, source, rule, severity, model, benchmark, unreviewed) -> bool:
    claims = [lg.claims[c] for c in conflict.claims]
    if unreviewed and conflict.review is not None:
        return False
    if source and not any(c.source in source for c in claims):
        return False
    if rule and conflict.rule not in {r.upper() for r in rule} and conflict.name not in rule:
        return False
    if severity and conflict.severity.value not in severity:
        return False
    if model and not any(set(model) & set(claim_subjects(c)) for c in claims):
        return False
    if benchmark and not any(getattr(c, "benchmark", None) in benchmark for c in claims):
        return False
    return True
