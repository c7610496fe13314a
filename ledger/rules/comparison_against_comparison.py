"""C003 comparison-against-comparison: two claims that order the same pair oppositely.

Comparisons and rankings both order models: "A outperforms B" puts A above B,
"B and C lead" puts B and C above every other model compared. Two claims that
put the same pair in opposite order on the same benchmark or category (one
says A above B, the other B above A), or where one says they are equal
("matches") and the other puts one strictly above, contradict each other,
whatever the scores say. A category claim of scope `all` also speaks of each
benchmark in that category.

Example:

    spheron:  "ARC Challenge: ... GPT-4 Omni and Claude 3.5 Sonnet lead with 96.7 each"
    hiselius: "such as the ARC Challenge, the 405B model ... even outperforms GPT-4o and Claude 3.5 Sonnet"
    -> C003 error: Between hiselius and spheron: on ARC Challenge, hiselius puts Llama 3.1 405B above
       GPT-4o, spheron puts GPT-4o above Llama 3.1 405B.
"""

from collections import defaultdict

from ..conflicts import Finding, Index, where
from ..diagnostics import Severity
from ..model import Rank, Relation, Scope

CODE = "C003"
NAME = "comparison-against-comparison"
SEVERITY = Severity.ERROR

_ABOVE = {Relation.HIGHER, Relation.SLIGHTLY_HIGHER, Relation.SIGNIFICANTLY_HIGHER}
_BELOW = {Relation.LOWER, Relation.SLIGHTLY_LOWER, Relation.SIGNIFICANTLY_LOWER}


def order_facts(index: Index):
    """(target, upper, lower, claim) for every strict order a claim asserts, and
    (target, a, b, claim) equalities; targets are ("benchmark", id) or ("category", name)."""
    above, equal = [], []
    for claim in index.by_kind["comparison"]:
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
    for claim in index.by_kind["ranking"]:
        if claim.rank not in (Rank.FIRST, Rank.LAST):
            continue
        for target in _targets(index, claim):
            others = claim.among if claim.among is not None else _models_named_on(index, target)
            for s in claim.subjects:
                for o in others:
                    if o in claim.subjects:
                        continue
                    above.append((target, s, o, claim) if claim.rank is Rank.FIRST else (target, o, s, claim))
    return above, equal


def _targets(index: Index, claim):
    if claim.benchmark:
        return [("benchmark", claim.benchmark)]
    targets = [("category", claim.category.value)]
    if claim.scope is Scope.ALL:
        targets += [("benchmark", b) for b in index.benchmarks_in.get(claim.category.value, [])]
    return targets


def _models_named_on(index: Index, target):
    kind, name = target
    benchmarks = [name] if kind == "benchmark" else index.benchmarks_in.get(name, [])
    return list(dict.fromkeys(m for b in benchmarks for m in index.models_on.get(b, [])))


def check(index: Index):
    above, equal = order_facts(index)
    by_pair = defaultdict(lambda: ([], [], []))  # (target, a, b) with a < b -> (a above b, b above a, equal)
    for target, upper, lower, claim in above:
        a, b = sorted((upper, lower))
        by_pair[(target, a, b)][0 if upper == a else 1].append(claim)
    for target, x, y, claim in equal:
        a, b = sorted((x, y))
        by_pair[(target, a, b)][2].append(claim)
    reported = set()
    for (target, a, b), (a_up, b_up, same) in by_pair.items():
        for first, second, how in ((a_up, b_up, "opposite"), (a_up + b_up, same, "equal")):
            for one in first:
                for other in second:
                    if one.id == other.id or (one.id, other.id) in reported or (other.id, one.id) in reported:
                        continue
                    if one.kind == other.kind == "ranking":
                        continue  # two rankings against each other are C004's
                    reported.add((one.id, other.id))
                    target_name = index.name(target[1]) if target[0] == "benchmark" else f"{target[1]} benchmarks"
                    yield Finding((one.id, other.id), _message(index, target_name, a, b, one, other, how))


def _message(index, target_name, a, b, one, other, how):
    def says(claim):
        above = claim in _above_claims(index, a, b, claim)
        upper, lower = (a, b) if above else (b, a)
        return f"{claim.source} ({claim.id}) puts {index.name(upper)} above {index.name(lower)}"

    if how == "equal":
        return (f"{where(index, [one.id, other.id])}: on {target_name}, {says(one)}, while {other.source} "
                f"({other.id}) says {index.name(a)} and {index.name(b)} are equal.")
    return f"{where(index, [one.id, other.id])}: on {target_name}, {says(one)}, while {says(other)}."


def _above_claims(index, a, b, claim):
    """[claim] when the claim puts a above b, else []."""
    if claim.kind == "comparison":
        if a in claim.subjects and b in claim.objects:
            return [claim] if claim.relation in _ABOVE else []
        return [claim] if claim.relation in _BELOW else []
    a_is_subject = a in claim.subjects
    return [claim] if a_is_subject == (claim.rank is Rank.FIRST) else []
