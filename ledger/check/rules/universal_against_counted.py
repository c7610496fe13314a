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
  the set than the total: its own list shows more benchmarks than it counts over. On fewer
  is no contradiction (a write-up may count over a table it lists in part, or shows as an
  image), and is not reported.

Example:

    spheron:  "It outperforms GPT-4, GPT-4o, and Claude 3.5 Sonnet in tasks requiring extensive context
               analysis." (Llama 3.1 405B, higher, long-context, scope all)
    hiselius: "On two out of three benchmarks, Llama 3.1 405B obtains a higher score than all competitors."
    -> C009 error: Between hiselius and spheron: spheron says Llama 3.1 405B is higher than GPT-4, GPT-4o
       and Claude 3.5 Sonnet on every one of the long-context benchmarks, while hiselius counts 2 of 3
       where it is higher than all competitors (GPT-4o, Claude 3.5 Sonnet and GPT-4, every model scored there).
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
SEVERITY = Severity.ERROR


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
    universal = defaultdict(list)  # subject -> asserted comparisons of scope all
    for claim in index.by_kind["comparison"]:
        if claim.polarity and (claim.scope is Scope.ALL or not index.scope_counts(claim)):
            for subject in claim.subjects:
                universal[subject].append(claim)
    if not universal:
        return
    tolerances = index.ledger.settings.tolerances
    for tally in tallies:
        if tally.count >= tally.total or tally.subject not in universal:
            continue
        counted = set(index.benchmark_set(tally))
        competitors, everyone = _competitors(index, tally, counted)
        if not counted or not competitors:
            continue
        meeting = [c for c in universal[tally.subject]
                   if set(competitors) <= set(c.objects) and counted <= set(index.benchmark_set(c))
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
        for n, later in enumerate(group):
            for earlier in group[:n]:
                message = _cannot_both_hold(index, earlier, later, tolerances)
                if message:
                    ids = [earlier.id, later.id]
                    yield Finding(tuple(ids), f"{where(index, ids)}: {message}")


def _cannot_both_hold(index: Index, one, other, tolerances) -> str | None:
    among = index.names(one.among) if one.among else "all competitors"
    total = one.total
    if one.relation is other.relation or (relation_implies(one.relation, other.relation, tolerances)
                                          and relation_implies(other.relation, one.relation, tolerances)):
        if one.count == other.count:
            return None
        return (f"{said(one)} counts {one.count} of {total} where {index.name(one.subject)} is "
                f"{RELATION_WORDS[one.relation]} {among}, and {said(other)} counts {other.count} of {total}: "
                f"both cannot hold.")
    for strong, weak in ((one, other), (other, one)):
        if relation_implies(strong.relation, weak.relation, tolerances):
            if strong.count <= weak.count:
                return None
            return (f"{said(strong)} counts {strong.count} of {total} where {index.name(one.subject)} is "
                    f"{RELATION_WORDS[strong.relation]} {among}, but {said(weak)} counts only {weak.count} of "
                    f"{total} where it is {RELATION_WORDS[weak.relation]} {among}, which the first implies.")
    if relations_exclusive(one.relation, other.relation, tolerances) and one.count + other.count > total:
        return (f"{said(one)} and {said(other)} say {index.name(one.subject)} is {one.relation.value} on "
                f"{one.count} and {other.relation.value} on {other.count} of the same {total} "
                f"({'than ' if 'than' in RELATION_WORDS[one.relation] else ''}{among}): no benchmark can be both.")
    return None


# ------------------------------------------------------------------ a total against its source's scores

def _totals_against_own_scores(index: Index, tallies):
    for tally in tallies:
        listed, evidence = [], []
        for benchmark in index.benchmark_set(tally):
            own = [s for s in index.scores.get((tally.subject, benchmark), []) if s.source == tally.source]
            if own:
                listed.append(benchmark)
                evidence += own
        if len(listed) <= tally.total:  # fewer: a write-up may count a table it lists in part
            continue
        ids = [tally.id] + sorted({s.id for s in evidence}, key=index.order.__getitem__)
        yield Finding(
            tuple(ids),
            f"{where(index, ids)}: {said(tally)} counts {tally.count} of {tally.total} "
            f"{_target(index, tally).removeprefix('the ')}, but {tally.source} scores {index.name(tally.subject)} "
            f"on {len(listed)} of them: {index.names(listed)}.",
        )
