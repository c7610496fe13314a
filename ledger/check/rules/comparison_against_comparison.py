"""C003 comparison-against-comparison: two claims that order the same pair oppositely.

Comparisons and rankings both order models: "A outperforms B" puts A above B,
"B and C lead" puts B and C above every other model compared. Two claims that
put the same pair in opposite order on the same benchmark or category (one
says A above B, the other B above A), or where one says they are equal
("matches") and the other puts one strictly above, contradict each other,
whatever the scores say. A category claim of scope `all` also speaks of each
benchmark in that category, and an `overall` claim of scope `all` of every
benchmark with a score (besides "all benchmarks" itself, where two overall
claims meet). A ranking `within` a model family orders its subjects above the
family's other members (as `among` does with the models it lists).

One conflict per pair of models, target and kind of disagreement: every claim
that puts the pair one way is in it with every claim that puts it the other
way (or calls them equal), so repeated claims do not multiply the conflicts.

Example:

    spheron:  "ARC Challenge: ... GPT-4 Omni and Claude 3.5 Sonnet lead with 96.7 each"
    hiselius: "such as the ARC Challenge, the 405B model ... even outperforms GPT-4o and Claude 3.5 Sonnet"
    -> C003 error: Between hiselius and spheron: on ARC Challenge, hiselius puts Llama 3.1 405B above
       GPT-4o, spheron puts GPT-4o above Llama 3.1 405B.
"""

from collections import defaultdict

from ledger.check.index import Finding, Index, where
from ledger.core.diagnostics import Severity
from ledger.core.model import Rank, Relation, Scope
from ledger.core.words import join_words

CODE = "C003"
NAME = "comparison-against-comparison"
SEVERITY = Severity.ERROR

_ABOVE = {Relation.HIGHER, Relation.SLIGHTLY_HIGHER, Relation.SIGNIFICANTLY_HIGHER}
_BELOW = {Relation.LOWER, Relation.SLIGHTLY_LOWER, Relation.SIGNIFICANTLY_LOWER}


def order_facts(index: Index):
    """(target, upper, lower, claim) for every strict order a claim asserts, and
    (target, a, b, claim) equalities; targets are ("benchmark", id), ("category", name) or
    ("overall", "all")."""
    above, equal = [], []
    for claim in index.by_kind["comparison"]:
        if not claim.polarity:
            continue  # a denial orders nothing (against its assertion: C008)
        targets = _targets(index, claim)
        for s in claim.subjects:
            for o in claim.objects:
                if s == o:
                    continue
                for target in targets:
                    if claim.relation in _ABOVE:
                        above.append((target, s, o, claim))
                    elif claim.relation in _BELOW:
                        above.append((target, o, s, claim))
                    elif claim.relation is Relation.EQUAL:
                        equal.append((target, s, o, claim))
    named_on = {}  # target -> the models with a score on it, computed once per target
    for claim in index.by_kind["ranking"]:
        if claim.rank not in (Rank.FIRST, Rank.LAST) or not claim.polarity:
            continue
        for target in _targets(index, claim):
            if claim.among is not None:
                others = claim.among
            elif claim.within is not None:
                others = index.members(claim.within)
            else:
                others = named_on.get(target)
                if others is None:
                    others = named_on[target] = _models_named_on(index, target)
            for s in claim.subjects:
                for o in others:
                    if o in claim.subjects:
                        continue
                    above.append((target, s, o, claim) if claim.rank is Rank.FIRST else (target, o, s, claim))
    return above, equal


def _targets(index: Index, claim):
    if claim.benchmark:
        return [("benchmark", claim.benchmark)]
    targets = ([("overall", "all")] if claim.overall else [("capability", claim.capability)] if claim.capability
               else [("category", claim.category.value)])
    if claim.scope is Scope.ALL:
        targets += [("benchmark", b) for b in index.benchmarks_of(claim)]
    return targets


def _models_named_on(index: Index, target):
    kind, name = target
    benchmarks = ([name] if kind == "benchmark" else index.scored_benchmarks() if kind == "overall"
                  else index.capability_benchmarks(name) if kind == "capability"
                  else index.benchmarks_in.get(name, []))
    return list(dict.fromkeys(m for b in benchmarks for m in index.models_on.get(b, [])))


def check(index: Index):
    """One finding per ordered pair of models on a target and kind of disagreement
    (opposite orders, or an order against an equality), holding every claim on both
    sides: claims are grouped by key, never compared pair by pair."""
    above, equal = order_facts(index)
    # (target, a, b) with a < b -> the sides said: 1 a above b, 2 b above a, 4 equal. Most
    # pairs are said one way only; only those said two ways are grouped claim by claim.
    sides: dict = {}
    for target, upper, lower, _ in above:
        key, side = ((target, upper, lower), 1) if upper <= lower else ((target, lower, upper), 2)
        sides[key] = sides.get(key, 0) | side
    for target, x, y, _ in equal:
        key = (target, x, y) if x <= y else (target, y, x)
        sides[key] = sides.get(key, 0) | 4
    contested = {key for key, said in sides.items() if said & 3 and said != 1 and said != 2}
    del sides
    by_pair = defaultdict(lambda: ({}, {}, {}))  # (target, a, b) with a < b -> (a above b, b above a, equal)
    for target, upper, lower, claim in above:
        key, side = ((target, upper, lower), 0) if upper <= lower else ((target, lower, upper), 1)
        if key in contested:
            by_pair[key][side][claim.id] = claim
    for target, x, y, claim in equal:
        key = (target, x, y) if x <= y else (target, y, x)
        if key in contested:
            by_pair[key][2][claim.id] = claim
    reported = defaultdict(list)  # (a, b, how) -> [(ids of one side, ids of the other)] already reported
    for (target, a, b), (a_up, b_up, same) in by_pair.items():
        a_up, b_up, same = list(a_up.values()), list(b_up.values()), list(same.values())
        for first, second, how in ((a_up, b_up, "opposite"), (a_up + b_up, same, "equal")):
            if not first or not second:
                continue
            one, other = _taking_part(first, second), _taking_part(second, first)
            if not one or not other:
                continue
            one_ids, other_ids = {c.id for c in one}, {c.id for c in other}
            if any(one_ids <= x and other_ids <= y for x, y in reported[(a, b, how)]):
                continue  # already said on another target (a category and its benchmarks)
            reported[(a, b, how)].append((one_ids, other_ids))
            target_name = (index.name(target[1]) if target[0] == "benchmark" else
                           f"{index.ledger.terms.label('capabilities', target[1])} benchmarks"
                           if target[0] == "capability" else f"{target[1]} benchmarks")
            yield Finding(tuple(c.id for c in one + other),
                          _message(index, target_name, a, b, one, other, how))


def _taking_part(side: list, against: list) -> list:
    """The claims of ``side`` that disagree with some other claim of ``against``: any but
    itself, and two rankings never (two rankings against each other are C004's)."""
    comparisons = {c.id for c in against if c.kind != "ranking"}
    rankings = {c.id for c in against if c.kind == "ranking"}
    return [c for c in side
            if comparisons - {c.id} or (c.kind != "ranking" and rankings - {c.id})]


def _message(index, target_name, a, b, one, other, how):
    def says(claims):
        """Who puts which model above which, one clause per direction."""
        ups = [c for c in claims if _above_claims(index, a, b, c)]
        downs = [c for c in claims if not _above_claims(index, a, b, c)]
        clauses = []
        for group, upper, lower in ((ups, a, b), (downs, b, a)):
            if group:
                verb = "puts" if len(group) == 1 else "put"
                clauses.append(f"{who_sources(group)} {verb} {index.name(upper)} above {index.name(lower)}")
        return " and ".join(clauses)

    ids = [c.id for c in one + other]
    if how == "equal":
        verb = "says" if len(other) == 1 else "say"
        return (f"{where(index, ids)}: on {target_name}, {says(one)}, while {who_sources(other)} "
                f"{verb} {index.name(a)} and {index.name(b)} are equal.")
    return f"{where(index, ids)}: on {target_name}, {says(one)}, while {says(other)}."


def who_sources(claims) -> str:
    """"hiselius (c1)", or "datacamp (c2) and hiselius (c1)"."""
    return join_words(f"{c.source} ({c.id})" for c in claims)


def _above_claims(index, a, b, claim):
    """[claim] when the claim puts a above b, else []."""
    if claim.kind == "comparison":
        if a in claim.subjects and b in claim.objects:
            return [claim] if claim.relation in _ABOVE else []
        return [claim] if claim.relation in _BELOW else []
    a_is_subject = a in claim.subjects
    return [claim] if a_is_subject == (claim.rank is Rank.FIRST) else []
