"""C009 universal-against-counted: "on every one" against "on two out of three", and counts that
cannot all hold.

A `tally` counts the benchmarks of a set (its `benchmarks`, a category, a capability; a
suite read as its parts) where its subject stands in a relation to all competitors
(`among`, or every model scored there). Three things contradict it:

- **A universal comparison over the same set.** An asserted comparison of scope all
  whose benchmarks include every benchmark of the tally's set, whose subjects include the
  tally's subject, whose objects include every competitor of the tally (with no `among`:
  every other model any source scores on the set; none scored, nothing is compared), and
  whose relation implies the tally's ("significantly higher" implies "higher"). It says
  the relation holds on every benchmark of the set; a count below the total says it does
  not on some. When another model is scored there, the benchmarks the count leaves out may
  be that model's, and nothing is reported.
- **Another tally over the same set** (same subject, competitors and total): with the
  same relation, counts that differ; with a relation that implies the other's, a larger
  count than the other's; with relations no gap fits both ("higher" and "lower"), counts
  that add up to more than the total.
- **Its own source's scores.** The tally's source scoring its subject on more benchmarks of
  the set than the total: its own list shows more benchmarks than it counts over (an
  error). On fewer, a warning: the source counts over benchmarks it does not list (it may
  count a table it lists in part, or shows as an image). A source that scores none of the
  set has no list of its own to count, and a tally that names its benchmarks, as many as
  its total, counts its own list: neither is reported.

Example:

    spheron:  "It outperforms GPT-4, GPT-4o, and Claude 3.5 Sonnet in tasks requiring extensive context
               analysis." (Llama 3.1 405B, higher, long-context, scope all)
    hiselius: "On two out of three benchmarks, Llama 3.1 405B obtains a higher score than all competitors."
    -> C009 error: Between hiselius and spheron: spheron says Llama 3.1 405B is higher than GPT-4, GPT-4o
       and Claude 3.5 Sonnet on every one of the long-context benchmarks, while hiselius counts 2 of 3
       where it is higher than all competitors (GPT-4o, Claude 3.5 Sonnet and GPT-4, every model scored there).
    A write-up counting "2 of 4 long-context benchmarks" while it scores its model on 3 of them:
    -> C009 warning: ... counts 2 of 4 long context benchmarks, but it scores the model on only 3 of
       them: ... (it may count benchmarks it does not list).
"""

from collections import defaultdict

from ledger.check.index import (
    RELATION_WORDS,
    Finding,
    Index,
    relation_implies,
    relations_exclusive,
    said,
    where,
)
from ledger.core.diagnostics import Severity
from ledger.core.model import Scope
from ledger.core.words import join_words

CODE = "C009"
NAME = "universal-against-counted"
SEVERITY = Severity.ERROR  # a total its source lists fewer of: a warning


def check(index: Index):
    tallies = index.by_kind["tally"]
    if not tallies:
        return
    yield from _universal_against_tallies(index, tallies)
    yield from _tallies_against_tallies(index, tallies)
    yield from _totals_against_own_scores(index, tallies)


def _competitors(index: Index, tally, benchmarks) -> tuple[list[str], bool]:
    """The tally's competitors, and whether they are every model scored on its benchmarks."""
    if tally.among is not None:
        return [m for m in tally.among if m != tally.subject], False
    scored = dict.fromkeys(m for b in benchmarks for m in index.models_on.get(b, []) if m != tally.subject)
    return list(scored), True


def _target(index: Index, claim) -> str:
    benchmarks = getattr(claim, "benchmarks", None) or ([claim.benchmark] if getattr(claim, "benchmark", None) else [])
    if len(benchmarks) == 1 and index.parts(benchmarks[0]):
        return f"the parts of {index.name(benchmarks[0])}"
    if getattr(claim, "overall", None):
        return "the benchmarks"
    return f"the {index.target_name(claim)}"


# ------------------------------------------------------------------ universal comparisons

def _universal_against_tallies(index: Index, tallies):
    short = [t for t in tallies if t.count < t.total]
    subjects = {t.subject for t in short}
    # (subject, benchmark) -> the asserted comparisons of scope all of that subject whose set
    # holds the benchmark: a tally looks up one benchmark of its set, not every comparison
    universal = defaultdict(list)
    for claim in index.by_kind["comparison"] if short else ():
        if claim.polarity and subjects.intersection(claim.subjects) and (
                claim.scope is Scope.ALL or not index.scope_counts(claim)):
            covered = index.benchmark_set(claim)
            for subject in subjects.intersection(claim.subjects):
                for benchmark in covered:
                    universal[(subject, benchmark)].append(claim)
    if not universal:
        return
    tolerances = index.ledger.settings.tolerances
    for tally in short:
        counted = index.benchmark_set(tally)
        candidates = universal.get((tally.subject, counted[0])) if counted else None
        if not candidates:
            continue
        competitors, everyone = _competitors(index, tally, counted)
        if not competitors:
            continue
        meeting = [c for c in candidates
                   if set(competitors) <= set(c.objects) and set(counted) <= set(index.benchmark_set(c))
                   and relation_implies(c.relation, tally.relation, tolerances)]
        if not meeting:
            continue
        ids = [c.id for c in meeting] + [tally.id]
        who = join_words(f"{said(c)} says {index.names(c.subjects)} {'is' if len(c.subjects) == 1 else 'are'} "
                         f"{RELATION_WORDS[c.relation]} {index.names(c.objects)} on every one of {_target(index, c)}"
                         for c in meeting)
        among = (f"all competitors ({index.names(competitors)}, every model scored there)" if everyone
                 else index.names(competitors))
        yield Finding(tuple(ids),
                      f"{where(index, ids)}: {who}, while {said(tally)} counts {tally.count} of {tally.total} where "
                      f"it is {RELATION_WORDS[tally.relation]} {among}.")


# ------------------------------------------------------------------ two tallies

def _tallies_against_tallies(index: Index, tallies):
    groups = defaultdict(list)
    for tally in tallies:
        counted = frozenset(index.benchmark_set(tally))
        if counted:
            among = None if tally.among is None else frozenset(tally.among) - {tally.subject}
            groups[(tally.subject, counted, among, tally.total)].append(tally)
    tolerances = index.ledger.settings.tolerances
    for group in groups.values():
        # tallies that say the same (relation, count) are one side: each pair of sides that
        # cannot both hold is one finding with all their claims, never one per pair of claims
        sides = defaultdict(list)
        for tally in group:
            sides[(tally.relation, tally.count)].append(tally)
        keys = list(sides)
        for n, later in enumerate(keys):
            for earlier in keys[:n]:
                one, other = sides[earlier], sides[later]
                message = _cannot_both_hold(index, one, other, tolerances)
                if message:
                    ids = [c.id for c in one + other]
                    yield Finding(tuple(ids), f"{where(index, ids)}: {message}")


def _cannot_both_hold(index: Index, ones: list, others: list, tolerances) -> str | None:
    """Why tallies saying one (relation, count) and tallies saying another cannot both hold."""
    one, other = ones[0], others[0]
    first, second = _said_all(ones), _said_all(others)
    among = index.names(one.among) if one.among else "all competitors"
    total = one.total
    if one.relation is other.relation or (relation_implies(one.relation, other.relation, tolerances)
                                          and relation_implies(other.relation, one.relation, tolerances)):
        if one.count == other.count:
            return None
        return (f"{first} count{_s(ones)} {one.count} of {total} where {index.name(one.subject)} is "
                f"{RELATION_WORDS[one.relation]} {among}, and {second} count{_s(others)} {other.count} of {total}: "
                f"both cannot hold.")
    for strongs, weaks in ((ones, others), (others, ones)):
        strong, weak = strongs[0], weaks[0]
        if relation_implies(strong.relation, weak.relation, tolerances):
            if strong.count <= weak.count:
                return None
            return (f"{_said_all(strongs)} count{_s(strongs)} {strong.count} of {total} where "
                    f"{index.name(one.subject)} is {RELATION_WORDS[strong.relation]} {among}, but {_said_all(weaks)} "
                    f"count{_s(weaks)} only {weak.count} of {total} where it is {RELATION_WORDS[weak.relation]} "
                    f"{among}, which the first implies.")
    if relations_exclusive(one.relation, other.relation, tolerances) and one.count + other.count > total:
        return (f"{first} and {second} say {index.name(one.subject)} is {one.relation.value} on "
                f"{one.count} and {other.relation.value} on {other.count} of the same {total} "
                f"({'than ' if 'than' in RELATION_WORDS[one.relation] else ''}{among}): no benchmark can be both.")
    return None


def _said_all(claims: list) -> str:
    return join_words(said(c) for c in claims)


def _s(claims: list) -> str:
    """The verb's ending: "counts" for one claim, "count" for several."""
    return "s" if len(claims) == 1 else ""


# ------------------------------------------------------------------ a total against its source's scores

def _totals_against_own_scores(index: Index, tallies):
    for tally in tallies:
        listed, evidence = [], []
        for benchmark in index.benchmark_set(tally):
            own = [s for s in index.scores.get((tally.subject, benchmark), []) if s.source == tally.source]
            if own:
                listed.append(benchmark)
                evidence += own
        if len(listed) == tally.total or not listed:  # none: no list of its own (a table shown as an image)
            continue
        if len(listed) < tally.total and tally.benchmarks and len(tally.benchmarks) == tally.total:
            continue  # it names what it counts: its total is its own list, whatever it scores
        fewer = len(listed) < tally.total
        ids = [tally.id] + sorted({s.id for s in evidence}, key=index.order.__getitem__)
        yield Finding(
            tuple(ids),
            f"{where(index, ids)}: {said(tally)} counts {tally.count} of {tally.total} "
            f"{_target(index, tally).removeprefix('the ')}, but {tally.source} scores {index.name(tally.subject)} "
            f"on {'only ' if fewer else ''}{len(listed)} of them: {index.names(listed)}"
            + (" (it may count benchmarks it does not list)." if fewer else "."),
            Severity.WARNING if fewer else None,
        )
