"""How the ledger uses its vocabulary: ``ledger vocab`` (a table, or JSON, a public contract
pinned by ``tests/output/test_vocab.py``: keys are only ever added).

For each term type (predicates, qualifiers, quantities, units): whether the ledger declares
it, each term with how many claims use it in all and in each source, the declared terms no
claim uses; and the predicates used by one claim only. A type the ledger does not declare
lists the terms its claims use, as written, so that a vocabulary can be drafted from them.
These are notes for reviewers, not problems.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ledger.core.ledger import Ledger
from ledger.core.vocabulary import TERM_FIELDS, TERM_TYPES

FORMAT_VERSION = 1


def usage(ledger: Ledger) -> dict:
    """The usage report (see the module's docstring), as plain data."""
    terms = ledger.terms
    used: dict = {kind: defaultdict(Counter) for kind in TERM_TYPES}  # type -> term -> source -> claims
    first_claim: dict = {}  # predicate -> the first claim using it
    statements, predicate_sources = 0, defaultdict(set)
    for claim in ledger.claims.values():
        for name, kind, many in TERM_FIELDS.get(claim.kind, ()):
            value = getattr(claim, name)
            for term in dict.fromkeys(value) if many else [value] if value is not None else []:
                used[kind][term][claim.source] += 1  # a claim counts once per term
        if claim.kind == "statement":
            statements += 1
            predicate_sources[claim.predicate].add(claim.source)
            first_claim.setdefault(claim.predicate, claim)
    order = {source: n for n, source in enumerate(ledger.sources)}
    report: dict = {"version": FORMAT_VERSION}
    for kind in TERM_TYPES:
        declared = terms.by_id[kind] if terms.declared(kind) else {}
        rows = [_row(term_id, term.label, True, used[kind].get(term_id, Counter()), order)
                for term_id, term in declared.items()]
        rest = sorted((t for t in used[kind] if t not in declared), key=lambda t: (-sum(used[kind][t].values()), t))
        rows += [_row(term_id, None, False, used[kind][term_id], order) for term_id in rest]
        report[kind] = {
            "declared": terms.declared(kind),
            "terms": rows,
            "unused": [row["id"] for row in rows if row["declared"] and row["claims"] == 0],
        }
    report["single_use_predicates"] = [
        {"predicate": row["id"], "claim": first_claim[row["id"]].id, "source": first_claim[row["id"]].source,
         "declared": row["declared"]}
        for row in report["predicates"]["terms"] if row["claims"] == 1]
    several = sum(sum(used["predicates"][predicate].values())
                  for predicate, sources in predicate_sources.items() if len(sources) > 1)
    report["statements"] = {"total": statements, "predicate_in_several_sources": several}
    report["capabilities"] = report.pop("capabilities")  # added after the rest: the contract only adds keys
    return report


def _row(term_id: str, label: str | None, declared: bool, by_source: Counter, order: dict) -> dict:
    return {
        "id": term_id,
        "label": label,
        "declared": declared,
        "claims": sum(by_source.values()),
        "sources": {source: by_source[source] for source in sorted(by_source, key=lambda s: order.get(s, len(order)))},
    }


def usage_listing(report: dict) -> list:
    """The report as rich renderables for the terminal (plain text when piped)."""
    parts: list = []
    for kind in TERM_TYPES:
        section = report[kind]
        rows = section["terms"]
        state = "declared" if section["declared"] else "not declared (free terms, as used)"
        parts.append(Text(f"{kind}: {state}", style="bold"))
        if not rows:
            parts.append(Text("  none", style="dim"))
            continue
        table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
        for column in ("id", "label", "claims", "by source"):
            table.add_column(column, justify="right" if column == "claims" else "left")
        for row in rows:
            table.add_row(row["id"], row["label"] or "", str(row["claims"]),
                          ", ".join(f"{source} {count}" for source, count in row["sources"].items()))
        parts.append(table)
        if section["unused"]:
            parts.append(Text(f"  declared, never used: {', '.join(section['unused'])}", style="yellow"))
    single = report["single_use_predicates"]
    if single:
        parts.append(Text(f"predicates used by one claim only ({len(single)}):", style="bold"))
        parts += [Text(f"  {item['predicate']}: {item['claim']} ({item['source']})") for item in single]
    statements = report["statements"]
    if statements["total"]:
        share = 100 * statements["predicate_in_several_sources"] / statements["total"]
        parts.append(Text(f"{statements['predicate_in_several_sources']} of {statements['total']} statements "
                          f"({share:.0f}%) use a predicate found in more than one source"))
    return [Group(*parts)] if parts else []
