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
- **an assertion of the other kind that implies it**, on the same terms of target and scope:
  - a denied first (last) rank against an asserted comparison of scope all whose relation
    implies "higher" ("lower") and whose objects are every competitor of the denied rank:
    higher than each of them on every benchmark is first on each. The competitors are the
    denial's `among`, or the members of its `within`; when it names none, the models the
    asserting source scores on the denial's benchmarks (the field its own table shows),
    and only when it scores none there, every model any source scores there. A model only
    another source scores (a primary's small models) neither makes nor unmakes a write-up's
    claim to lead its own table. The message says which competitors were taken.
  - a denied comparison against an asserted first (last) rank over competitors that
    include the denied objects (its `among`, its `within`, else chosen as above), when the
    denied relation admits every gap of "at or above" ("at or below"): "is not at least on
    par with" meets "ranks first". A first rank allows a tie, so it implies no "higher":
    "does not outperform X" never meets "leads".
- **the scores**, of any source, when they make the denied claim true. The claim's
  benchmarks are read as C007 reads them (a suite as its parts; a category's or a
  capability's suites as their parts). A comparison holds on a benchmark when every pair
  of a subject's and an object's scores fits the relation (C002's reading, with the
  tolerances of `settings`); a first (last) rank when, in every group of comparable
  settings that judges it (C004's groups: the denial's own source's, when it gives
  figures), every subject is scored and every competitor's score is strictly below
  (above) each subject's: a tie leaves "not the leader" true, and a lead at 0-shot is not
  undone by a 5-shot figure. Only first and last ranks are read. The claim is true on one benchmark
  when it holds there, with scope all when it holds on every benchmark of the set, most
  on more than half of them, some on one: a benchmark without the scores to test it
  counts against the claim, so an incomplete table never contradicts a denial.

Example:

    aiexplained: "not yet the clear leader across reasoning, long-context tasks, and multimodal
                  capabilities" (a denied first rank on long context, scope all, qualifiers [not-yet])
    spheron:     "It outperforms GPT-4, GPT-4o, and Claude 3.5 Sonnet in tasks requiring extensive
                  context analysis." (a comparison, higher, long-context, scope all)
    -> C008 warning: aiexplained denies (not yet) that Llama 3.1 405B ranks first on long context
       benchmarks (all of them), while spheron says it is higher than GPT-4, GPT-4o and Claude 3.5
       Sonnet on every one of the long-context benchmarks, above all its competitors there (GPT-4o,
       Claude 3.5 Sonnet and GPT-4, every model spheron scores there): first on each. The qualifiers
       differ.
"""

from collections import defaultdict
from decimal import Decimal

from ledger.check.index import (
    RELATION_WORDS,
    Finding,
    Index,
    gaps_within,
    relation_gaps,
    relation_implies,
    said,
    scope_holds,
    where,
)
from ledger.core.diagnostics import Severity
from ledger.core.model import Rank, Relation, Scope
from ledger.core.words import join_words

CODE = "C008"
NAME = "denial"
SEVERITY = Severity.ERROR

_STRENGTH = {Scope.ALL: 3, Scope.MOST: 2, Scope.SOME: 1}


_KINDS = ("comparison", "ranking")


def check(index: Index):
    denials = [c for kind in _KINDS for c in index.by_kind[kind] if not c.polarity]
    if not denials:
        return
    asserted_by_subject = {kind: defaultdict(list) for kind in _KINDS}
    for kind in _KINDS:
        for claim in index.by_kind[kind]:
            if claim.polarity:
                for subject in claim.subjects:
                    asserted_by_subject[kind][subject].append(claim)
    for denial in sorted(denials, key=lambda c: index.order[c.id]):
        meeting = []
        for kind in _KINDS:
            meets = _entails if kind == denial.kind else _implies_across
            candidates = {c.id: c for s in denial.subjects[:1] for c in asserted_by_subject[kind].get(s, [])}
            for candidate in candidates.values():
                phrase = meets(index, candidate, denial)
                if phrase:
                    meeting.append((candidate, phrase))
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


def _entails(index: Index, asserted, denial) -> str | None:
    """Why an asserted claim of the denial's kind says what the denial denies, or None."""
    if not set(denial.subjects) <= set(asserted.subjects) or not _covers(index, asserted, denial):
        return None
    if denial.kind == "comparison":
        holds = (set(denial.objects) <= set(asserted.objects)
                 and relation_implies(asserted.relation, denial.relation, index.ledger.settings.tolerances))
    else:
        # a co-leader of the assertion ("A and B lead") is no model above the denied subject
        holds = (asserted.rank is denial.rank
                 and _competitors(index, denial) <= _competitors(index, asserted) | set(asserted.subjects))
    return f"{said(asserted)} asserts it on {_target(index, asserted)}" if holds else None


# ------------------------------------------------------------------ an assertion of the other kind

# What a first (last) rank says of the subject against each competitor: at or above (below) it;
# a tie is first too, so a rank implies "at least", never "higher".
_RANK_GAPS = {Rank.FIRST: (Decimal(0), None, False, False), Rank.LAST: (None, Decimal(0), False, False)}
_BEYOND = {Rank.FIRST: (Relation.HIGHER, "above", "at or above"), Rank.LAST: (Relation.LOWER, "below", "at or below")}


def _field(index: Index, ranking, source: str) -> tuple[list[str], str]:
    """The models a ranking puts its subjects first (last) among, and how they were taken: its
    `among`, the members of its `within`, or else the models ``source`` (the asserting write-up)
    scores on its benchmarks, and when it scores none there, every model the ledger scores there.
    The asserting write-up's own table is the field it speaks of: a model only another source
    scores (a primary's small models) neither makes nor unmakes its claim to a lead."""
    subjects = set(ranking.subjects)
    if ranking.among is not None:
        return [m for m in ranking.among if m not in subjects], f"as {ranking.source} names them"
    if ranking.within is not None:
        return ([m for m in index.members(ranking.within) if m not in subjects],
                f"the members of {index.name(ranking.within)}")
    scored = {}
    for benchmark in index.benchmark_set(ranking):
        for model in index.competitors(ranking, benchmark):
            if model not in subjects:
                scored.setdefault(model, []).append(benchmark)
    own = [m for m, benchmarks in scored.items()
           if any(s.source == source for b in benchmarks for s in index.scores.get((m, b), ()))]
    if own:
        return own, f"every model {source} scores there"
    return list(scored), "every model the ledger scores there"


def _each(index: Index, claim) -> str:
    return "on each" if index.scope_counts(claim) else "there"


def _implies_across(index: Index, asserted, denial) -> str | None:
    """Why an asserted claim of the other kind implies what the denial denies, or None: higher
    (lower) than every competitor on every benchmark is first (last) on each; a first (last)
    rank is at least (at most) on par with each competitor."""
    if not set(denial.subjects) <= set(asserted.subjects) or not _covers(index, asserted, denial):
        return None
    tolerances = index.ledger.settings.tolerances
    if denial.kind == "ranking":
        if denial.rank not in _BEYOND or _scope(index, asserted) is not Scope.ALL:
            return None
        relation, side, _ = _BEYOND[denial.rank]
        if not relation_implies(asserted.relation, relation, tolerances):
            return None
        field, how = _field(index, denial, asserted.source)
        if not field or not set(field) <= set(asserted.objects):
            return None
        return (f"{said(asserted)} says {_what(index, asserted)} on {_every(index, asserted)}, {side} all its "
                f"competitors there ({index.names(field)}, {how}): {denial.rank.value} {_each(index, asserted)}")
    if asserted.rank not in _BEYOND or not gaps_within(_RANK_GAPS[asserted.rank],
                                                        relation_gaps(denial.relation, tolerances)):
        return None
    field, _how = _field(index, asserted, asserted.source)
    if not set(denial.objects) <= set(field) | set(asserted.subjects):
        return None
    _, _, at = _BEYOND[asserted.rank]
    return (f"{said(asserted)} says {_what(index, asserted)} on {_target(index, asserted)}, among competitors "
            f"that include {index.names(denial.objects)}: {at} {'it' if len(denial.objects) == 1 else 'them'} "
            f"{_each(index, asserted)}")


def _every(index: Index, claim) -> str:
    if not index.scope_counts(claim):
        return index.name(claim.benchmark)
    if claim.benchmark:
        return f"every one of the parts of {index.name(claim.benchmark)}"
    return f"every one of the {index.target_name(claim)}"


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


def _against_assertions(index: Index, denial, meeting: list) -> Finding:
    meeting.sort(key=lambda pair: index.order[pair[0].id])
    ids = [denial.id] + [c.id for c, _ in meeting]
    differ = any(set(c.qualifiers) != set(denial.qualifiers) for c, _ in meeting)
    return Finding(
        tuple(ids),
        f"{where(index, ids)}: {said(denial)} denies{_hedges(index, denial)} that {_what(index, denial)} on "
        f"{_target(index, denial)}, while {join_words(phrase for _, phrase in meeting)}."
        + (" The qualifiers differ." if differ else ""),
        Severity.WARNING if differ else None,
    )


# ------------------------------------------------------------------ the scores

def _comparison_holds(index: Index, denial, benchmark):
    """(None, subject's score, object's score) for the pairs that bear the claim out on the
    benchmark (of comparable settings, as C002 pairs them), or None where it does not hold."""
    broken, pairs = index.comparison_on(denial, benchmark)
    if not pairs or broken:
        return None
    return [(None, s, o) for subject in denial.subjects for obj in denial.objects
            if subject != obj for s in index.scores.get((subject, benchmark), [])
            for o in index.scores.get((obj, benchmark), []) if s.setting.compatible_with(o.setting)]


def _rank_holds(index: Index, denial, benchmark):
    """The (where, subject's score, competitor's score) triples that put every subject strictly
    first (last) in every group of comparable scores that judges the rank, or None where they do
    not: a group that scores not every subject, or a competitor at or above one, leaves the
    denial standing."""
    others = [m for m in index.competitors(denial, benchmark) if m not in denial.subjects]
    groups = index.judging_groups(denial, benchmark, denial.subjects, others)
    strictly = (lambda a, b: a > b) if denial.rank is Rank.FIRST else (lambda a, b: a < b)
    found = []
    for group in groups:
        theirs = group.of(o for m in others for o in index.scores.get((m, benchmark), []))
        mine = [group.of(index.scores.get((s, benchmark), [])) for s in denial.subjects]
        if not all(mine):
            return None
        pairs = [(own, o) for scores in mine for own in scores for o in theirs]
        if not all(strictly(own.value.value, o.value.value) for own, o in pairs):
            return None
        found += [(index.under(benchmark, group), own, o) for own, o in pairs]
    return found or None


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
    for benchmark, triples in found.items():
        evidence += [c for _, s, o in triples for c in (s, o)]
        if denial.kind == "comparison":
            lines.append(f"{index.name(benchmark)}: " + ", ".join(
                f"{index.name(s.model)} {s.value} ({s.source}) vs {index.name(o.model)} {o.value} ({o.source})"
                for _, s, o in triples))
        else:
            how = "above" if denial.rank is Rank.FIRST else "below"
            by_own = defaultdict(list)
            for on, own, o in triples:
                by_own[(on, own)].append(o)
            lines += [f"{on}: {index.name(own.model)} {own.value} ({own.source}), {how} " +
                      join_words(f"{index.name(o.model)} {o.value} ({o.source})" for o in others)
                      for (on, own), others in by_own.items()]
    ids = [denial.id] + sorted({c.id for c in evidence}, key=index.order.__getitem__)
    return Finding(
        tuple(ids),
        f"{where(index, ids)}: {said(denial)} denies{_hedges(index, denial)} that {_what(index, denial)} on "
        f"{_target(index, denial)}, but the scores make it true: " + "; ".join(lines) + ".",
    )
