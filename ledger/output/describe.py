"""One-line, plain-words summaries of claims, for tables and messages."""

from __future__ import annotations

from ledger.check.index import RELATION_WORDS
from ledger.core.ledger import Ledger
from ledger.core.words import join_words


def figure_text(figure, unit: str | None) -> str:
    if unit in (None, "", "%"):
        return f"{figure}{unit or ''}"
    return f"{figure} {unit}"


def describe(ledger: Ledger, claim) -> str:
    name = ledger.name
    kind = claim.kind
    if kind == "score":
        benchmark = ledger.entities.get(claim.benchmark)
        unit = claim.unit or (benchmark.unit if benchmark else None)
        setting = claim.setting.describe()
        setting = "" if setting == "setting unstated" else f" ({setting})"
        return f"{name(claim.model)} scores {figure_text(claim.value, unit)} on {name(claim.benchmark)}{setting}"
    if kind == "comparison":
        target = name(claim.benchmark) if claim.benchmark else _targets(claim)
        return (f"{_names(ledger, claim.subjects)} {RELATION_WORDS[claim.relation]} "
                f"{_names(ledger, claim.objects)} on {target}")
    if kind == "ranking":
        target = name(claim.benchmark) if claim.benchmark else _targets(claim, scoped=False)
        within = f" within {name(claim.within)}" if claim.within else ""
        return f"{_names(ledger, claim.subjects)} ranks {claim.rank.value}{within} on {target}"
    if kind == "tally":
        target = claim.category.value + " benchmarks" if claim.category else _names(ledger, claim.benchmarks)
        among = _names(ledger, claim.among) if claim.among else "all competitors"
        return (f"{name(claim.subject)} {RELATION_WORDS[claim.relation]} {among} on "
                f"{claim.count} of {claim.total} {target}")
    if kind == "quantity":
        against = f" (against {name(claim.against)})" if claim.against else ""
        qualifier = "" if claim.qualifier.value == "exact" else claim.qualifier.value + " "
        return f"{name(claim.subject)}: {claim.quantity} = {qualifier}{figure_text(claim.value, claim.unit)}{against}"
    if kind == "statement":
        negation = "" if claim.polarity else "NOT "
        obj = f" {name(claim.object) if claim.object in ledger.entities else claim.object}" if claim.object else ""
        qualifiers = f" [{', '.join(claim.qualifiers)}]" if claim.qualifiers else ""
        return f"{name(claim.subject)}: {negation}{claim.predicate}{obj}{qualifiers}"
    return kind


def _targets(claim, scoped: bool = True) -> str:
    """Where a comparison or ranking over several benchmarks holds: "most benchmarks" (overall:
    the scope is the whole target), "code benchmarks (some)" (a category; a ranking's without)."""
    if claim.overall:
        return f"{claim.scope.value} benchmarks"
    return f"{claim.category.value} benchmarks" + (f" ({claim.scope.value})" if scoped else "")


def _names(ledger: Ledger, ids) -> str:
    return join_words(ledger.name(i) for i in ids or [])
