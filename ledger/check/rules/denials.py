"""C008 denial: a denied comparison or ranking against the same claim asserted, or against
scores that make the claim true.

A comparison or ranking with `polarity: false` is a denial ("does not consistently
outperform the other models": a denied comparison, scope all; "not yet the clear leader
across reasoning": a denied first rank over the capability). Its hedges (`qualifiers`,
"not yet") are kept but change nothing of what it denies. It is in conflict with:

- **the claim asserted**, by any source: an asserted claim of the same kind that says at
  least what the denial denies. For a comparison: the denied subjects and objects are
  among the asserted ones, and the asserted relation implies the denied one (every gap
  it admits, the denied one admits: "significantly higher" implies "higher", "equal"
  implies "on par"). For a ranking: the same rank, the denied subjects among the asserted
  ones, and the models it is denied among (`among`, the members of `within`, or every
  model scored on its benchmarks) among those it is asserted among. The target is the same
  (one benchmark, a suite, a category, a capability, `overall`), or the same set of
  benchmarks (a category and a capability of that one category), with a scope at least as
  strong (all > most > some; denying "on all" is no contradiction of asserting "on most");
  or the asserted claim has scope all over a set that holds every benchmark of the
  denial's. All the assertions that a denial meets are one conflict. When the qualifiers
  of the two differ it is a warning, as C005 does for statements.
- **the scores**, of any source, when they make the denied claim true. The claim's
  benchmarks are read as C007 reads them (a suite as its parts; a category's or a
  capability's suites as their parts). A comparison holds on a benchmark when every pair
  of a subject's and an object's scores fits the relation (C002's reading, with the
  tolerances of `settings`); a first (last) rank when every subject is scored and every
  competitor's score is strictly below (above) each subject's: a tie leaves "not the
  leader" true. Only first and last ranks are read. The claim is true on one benchmark
  when it holds there, with scope all when it holds on every benchmark of the set, most
  on more than half of them, some on one: a benchmark without the scores to test it
  counts against the claim, so an incomplete table never contradicts a denial.

Example:

    aiexplained: "not yet the clear leader across reasoning, long-context tasks, and multimodal
                  capabilities" (a denied first rank on long context, qualifiers [not-yet])
    spheron:     "Llama 405B excels in long-context tasks ... It outperforms GPT-4, GPT-4o, and
                  Claude 3.5 Sonnet in tasks requiring extensive context analysis."
    -> C008 when spheron's claim is a first rank on long context: aiexplained denies (not yet)
       that Llama 3.1 405B ranks first on long context benchmarks, while spheron asserts it.
"""

from collections import defaultdict

from ledger.check.index import (
    RELATION_WORDS,
    Finding,
    Index,
    relation_implies,
    said,
    scope_holds,
    where,
)
from ledger.core.diagnostics import Severity
from ledger.core.model import Rank, Scope
from ledger.core.words import join_words

CODE = "C008"
NAME = "denial"
SEVERITY = Severity.ERROR

_STRENGTH = {Scope.ALL: 3, Scope.MOST: 2, Scope.SOME: 1}


def check(index: Index):
    for kind in ("comparison", "ranking"):
        denials = [c for c in index.by_kind[kind] if not c.polarity]
        if not denials:
            continue
        asserted_by_subject = defaultdict(list)
        for claim in index.by_kind[kind]:
            if claim.polarity:
                for subject in claim.subjects:
                    asserted_by_subject[subject].append(claim)
        for denial in denials:
            candidates = {c.id: c for s in denial.subjects[:1] for c in asserted_by_subject.get(s, [])}
            meeting = [c for c in candidates.values() if _entails(index, c, denial)]
            if meeting:
                yield _against_assertions(index, denial, meeting)
            found = _against_scores(index, denial)
            if found is not None:
                yield found


# ------------------------------------------------------------------ the claim asserted

def _scope(index: Index, claim) -> Scope:
    """The scope that counts: one benchmark that is no suite is all of itself."""
    return claim.scope if index.scope_counts(claim) else Scope.ALL


def _covers(index: Index, asserted, denial) -> bool:
    """Whether the asserted claim speaks of at least what the denial does, target and scope."""
    stronger = _STRENGTH[_scope(index, asserted)] >= _STRENGTH[_scope(index, denial)]
    if index.target_key(asserted) == index.target_key(denial):
        return stronger
    mine, theirs = set(index.benchmark_set(asserted)), set(index.benchmark_set(denial))
    if not mine or not theirs:
        return False
    if mine == theirs:
        return stronger
    return _scope(index, asserted) is Scope.ALL and theirs <= mine


def _competitors(index: Index, claim) -> set[str]:
    if claim.among is not None:
        found = set(claim.among)
    elif claim.within is not None:
        found = set(index.members(claim.within))
    else:
        found = {m for b in index.benchmark_set(claim) for m in index.models_on.get(b, [])}
    return found - set(claim.subjects)


def _entails(index: Index, asserted, denial) -> bool:
    if not set(denial.subjects) <= set(asserted.subjects) or not _covers(index, asserted, denial):
        return False
    if denial.kind == "comparison":
        return (set(denial.objects) <= set(asserted.objects)
                and relation_implies(asserted.relation, denial.relation, index.ledger.settings.tolerances))
    # a co-leader of the assertion ("A and B lead") is no model above the denied subject
    return (asserted.rank is denial.rank
            and _competitors(index, denial) <= _competitors(index, asserted) | set(asserted.subjects))


def _target(index: Index, claim) -> str:
    if not index.scope_counts(claim):
        return index.name(claim.benchmark)
    if claim.benchmark:
        return f"{index.name(claim.benchmark)} ({claim.scope.value} of its parts)"
    return f"{index.target_name(claim)} ({claim.scope.value} of them)"


def _what(index: Index, claim) -> str:
    """What the claim says, without its target: "Model A is higher than Model B"."""
    verb = "is" if len(claim.subjects) == 1 else "are"
    if claim.kind == "comparison":
        return f"{index.names(claim.subjects)} {verb} {RELATION_WORDS[claim.relation]} {index.names(claim.objects)}"
    within = f" within {index.name(claim.within)}" if claim.within else ""
    among = f" among {index.names(claim.among)}" if claim.among else ""
    rank = "rank" if len(claim.subjects) > 1 else "ranks"
    return f"{index.names(claim.subjects)} {rank} {claim.rank.value}{within}{among}"


def _hedges(index: Index, claim) -> str:
    labels = [index.ledger.terms.label("qualifiers", q) for q in claim.qualifiers]
    return f" ({join_words(labels)})" if labels else ""


def _against_assertions(index: Index, denial, asserted: list) -> Finding:
    asserted.sort(key=lambda c: index.order[c.id])
    ids = [denial.id] + [c.id for c in asserted]
    differ = any(set(c.qualifiers) != set(denial.qualifiers) for c in asserted)
    assertions = join_words(f"{said(c)} asserts it on {_target(index, c)}" for c in asserted)
    return Finding(
        tuple(ids),
        f"{where(index, ids)}: {said(denial)} denies{_hedges(index, denial)} that {_what(index, denial)} on "
        f"{_target(index, denial)}, while {assertions}." + (" The qualifiers differ." if differ else ""),
        Severity.WARNING if differ else None,
    )


# ------------------------------------------------------------------ the scores

def _comparison_holds(index: Index, denial, benchmark):
    """The score pairs that bear the claim out on the benchmark, or None where it does not hold."""
    broken, pairs = index.comparison_on(denial, benchmark)
    if not pairs or broken:
        return None
    return [(s, o) for subject in denial.subjects for obj in denial.objects if subject != obj
            for s in index.scores.get((subject, benchmark), []) for o in index.scores.get((obj, benchmark), [])]


def _rank_holds(index: Index, denial, benchmark):
    """The (subject's, competitor's) score pairs that put every subject strictly first (last),
    or None where they do not."""
    theirs = [o for m in index.competitors(denial, benchmark) if m not in denial.subjects
              for o in index.scores.get((m, benchmark), [])]
    mine = [index.scores.get((s, benchmark), []) for s in denial.subjects]
    if not theirs or not all(mine):
        return None
    pairs = [(own, o) for scores in mine for own in scores for o in theirs]
    strictly = (lambda a, b: a > b) if denial.rank is Rank.FIRST else (lambda a, b: a < b)
    return pairs if all(strictly(own.value.value, o.value.value) for own, o in pairs) else None


def _against_scores(index: Index, denial) -> Finding | None:
    if denial.kind == "ranking" and denial.rank not in (Rank.FIRST, Rank.LAST):
        return None
    holds = _comparison_holds if denial.kind == "comparison" else _rank_holds
    benchmarks = index.benchmark_set(denial)
    found = {}
    for benchmark in benchmarks:
        pairs = holds(index, denial, benchmark)
        if pairs:
            found[benchmark] = pairs
    if not scope_holds(_scope(index, denial), len(found), len(benchmarks)):
        return None
    lines, evidence = [], []
    for benchmark, pairs in found.items():
        evidence += [c for pair in pairs for c in pair]
        if denial.kind == "comparison":
            lines.append(f"{index.name(benchmark)}: " + ", ".join(
                f"{index.name(s.model)} {s.value} ({s.source}) vs {index.name(o.model)} {o.value} ({o.source})"
                for s, o in pairs))
        else:
            how = "above" if denial.rank is Rank.FIRST else "below"
            by_own = defaultdict(list)
            for own, o in pairs:
                by_own[own].append(o)
            lines += [f"{index.name(benchmark)}: {index.name(own.model)} {own.value} ({own.source}), {how} " +
                      join_words(f"{index.name(o.model)} {o.value} ({o.source})" for o in others)
                      for own, others in by_own.items()]
    ids = [denial.id] + sorted({c.id for c in evidence}, key=index.order.__getitem__)
    return Finding(
        tuple(ids),
        f"{where(index, ids)}: {said(denial)} denies{_hedges(index, denial)} that {_what(index, denial)} on "
        f"{_target(index, denial)}, but the scores make it true: " + "; ".join(lines) + ".",
    )
