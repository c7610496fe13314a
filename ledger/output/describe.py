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
        if not claim.reported:
            return f"reports no score for {name(claim.model)} on {name(claim.benchmark)}{setting}"
        return f"{name(claim.model)} scores {figure_text(claim.value, unit)} on {name(claim.benchmark)}{setting}"
    if kind == "comparison":
        target = name(claim.benchmark) if claim.benchmark else _targets(ledger, claim)
        denied = f"{_do(claim.subjects)} not score " if not claim.polarity else ""
        return (f"{_names(ledger, claim.subjects)} {denied}{RELATION_WORDS[claim.relation]} "
                f"{_names(ledger, claim.objects)} on {target}{_hedges(claim)}")
    if kind == "ranking":
        target = name(claim.benchmark) if claim.benchmark else _targets(ledger, claim, scoped=False)
        within = f" within {name(claim.within)}" if claim.within else ""
        ranks = "ranks" if claim.polarity else f"{_do(claim.subjects)} not rank"
        return f"{_names(ledger, claim.subjects)} {ranks} {claim.rank.value}{within} on {target}{_hedges(claim)}"
    if kind == "tally":
        target = (claim.category.value + " benchmarks" if claim.category else
                  _capability(ledger, claim.capability) + " benchmarks" if claim.capability else
                  _names(ledger, claim.benchmarks))
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


def _targets(ledger: Ledger, claim, scoped: bool = True) -> str:
    """Where a comparison or ranking over several benchmarks holds: "most benchmarks" (overall:
    the scope is the whole target), "code benchmarks (some)" (a category, or a capability by its
    label: "text generation benchmarks (all)"; a ranking's without)."""
    if claim.overall:
        return f"{claim.scope.value} benchmarks"
    what = _capability(ledger, claim.capability) if claim.capability else claim.category.value
    return f"{what} benchmarks" + (f" ({claim.scope.value})" if scoped else "")


def _capability(ledger: Ledger, capability: str) -> str:
    return ledger.terms.label("capabilities", capability)


def _do(subjects) -> str:
    return "does" if len(subjects or ()) == 1 else "do"


def _hedges(claim) -> str:
    return f" [{', '.join(claim.qualifiers)}]" if claim.qualifiers else ""


def _names(ledger: Ledger, ids) -> str:
    return join_words(ledger.name(i) for i in ids or [])
