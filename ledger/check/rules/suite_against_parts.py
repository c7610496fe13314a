"""C007 suite-against-parts: a claim about a benchmark suite that the scores of its parts contradict.

A benchmark may be a part (a task, a split) of a suite: `part_of: infinitebench` on
InfiniteBench/En.MC. A write-up often says who wins on the suite ("significantly
outperformed its rivals on InfiniteBench") while the scores it or another source gives
are those of the suite's parts. A comparison, ranking or tally whose benchmark is a suite
is checked against the scores of its parts (a sub-suite's parts in turn), each part
read as C002 (comparisons: every pair of a subject's and an object's scores, with the
tolerances of `settings`) and C004 (rankings: no competitor above a subject ranked first,
below one ranked last; tallies: recounted; both within groups of comparable settings, as
`ledger explain C004` says) read one benchmark, and the claim's `scope`
says how many of the parts it speaks of: `all` (the default) breaks on any part, `most`
when it holds on at most half of the parts with scores to test it, `some` when it holds
on none. A tally over `benchmarks` that include a suite counts the suite's parts instead
of the suite, and breaks when the ledger scores at least `total` of them and the
recount differs from `count`.

A part's score never stands for the suite's: C002 and C004 read the suite's own scores
only, and this rule reads its parts' only. A denied claim (`polarity: false`) is C008's.

Example:

    spheron: "They used "InfiniteBENCH," ... and Llama 3.1 significantly outperformed its rivals."
    spheron: "InfiniteBench/En.MC: LLaMA 3.1 (405B) scores 83.4, leading GPT-4 (72.1) but lower than
              GPT-4 Omni (82.5)."
    -> C007 error: Within spheron: spheron ("and Llama 3.1 significantly outperformed its rivals") says
       Llama 3.1 405B is significantly higher than GPT-4, GPT-4o and Claude 3.5 Sonnet on InfiniteBench
       (all of its parts), but the scores of its parts say otherwise: InfiniteBench/En.MC: Llama 3.1
       405B 83.4 (spheron) vs GPT-4o 82.5 (spheron), a gap of 0.9.
"""

from ledger.check.index import (
    RELATION_WORDS,
    Finding,
    Index,
    best_competitors,
    count_range,
    gap_lines,
    ranking_failures,
    said,
    scope_fails,
    where,
)
from ledger.core.diagnostics import Severity

CODE = "C007"
NAME = "suite-against-parts"
SEVERITY = Severity.ERROR


def check(index: Index):
    for claim in index.by_kind["comparison"]:
        if claim.polarity and claim.benchmark and index.parts(claim.benchmark):
            yield from _comparison(index, claim)
    for claim in index.by_kind["ranking"]:
        if claim.polarity and claim.benchmark and index.parts(claim.benchmark):
            yield from _ranking(index, claim)
    for claim in index.by_kind["tally"]:
        if claim.benchmarks and any(index.parts(b) for b in claim.benchmarks):
            yield from _tally(index, claim)


def _ids(index: Index, claim, evidence) -> list[str]:
    return [claim.id] + sorted({c.id for c in evidence} - {claim.id}, key=index.order.__getitem__)


def _on(index: Index, claim) -> str:
    return f"{index.name(claim.benchmark)} ({claim.scope.value} of its parts)"


def _comparison(index: Index, claim):
    held = tested = 0
    evidence, gaps = [], []
    for part in index.leaves(claim.benchmark):
        broken, pairs = index.comparison_on(claim, part)
        if not pairs:
            continue
        tested += 1
        held += not broken
        for s, o in broken:
            evidence += [s, o]
            gaps.append((part, s, o))
    lines = gap_lines(index, gaps)
    if not tested or not scope_fails(claim.scope, held, tested):
        return
    ids = _ids(index, claim, evidence)
    verb = "is" if len(claim.subjects) == 1 else "are"
    yield Finding(tuple(ids),
                  f"{where(index, ids)}: {said(claim)} says {index.names(claim.subjects)} {verb} "
                  f"{RELATION_WORDS[claim.relation]} {index.names(claim.objects)} on {_on(index, claim)}, but the "
                  f"scores of its parts say otherwise: " + "; ".join(lines) + ".")


def _ranking(index: Index, claim):
    held = tested = 0
    evidence, problems = [], []
    for part in index.leaves(claim.benchmark):
        others = [m for m in index.competitors(claim, part) if m not in claim.subjects]
        judged, failures = index.ranking_on(claim, part, others)
        tested += judged
        held += judged and not failures
        said_here, used = ranking_failures(index, part, failures)
        problems += said_here
        evidence += used
    if not tested or not scope_fails(claim.scope, held, tested):
        return
    ids = _ids(index, claim, evidence)
    within = f" within {index.name(claim.within)}" if claim.within else ""
    yield Finding(tuple(ids),
                  f"{where(index, ids)}: {said(claim)} ranks {index.names(claim.subjects)} {claim.rank.value}{within} "
                  f"on {_on(index, claim)}, but " + "; ".join(dict.fromkeys(problems)) + ".")


def _tally(index: Index, claim):
    readings = []
    for benchmark in index.benchmark_set(claim):
        outcomes = index.tally_on(claim, benchmark, [m for m in index.competitors(claim, benchmark)
                                                     if m != claim.subject])
        if outcomes:
            readings.append((benchmark, outcomes))
    fewest, most = count_range(readings)
    if len(readings) < claim.total or fewest <= claim.count <= most:
        return
    detail, evidence = [], []
    for benchmark, outcomes in readings:
        for group, mine, theirs, holds in outcomes:
            evidence += mine + theirs
            detail.append(f"{index.under(benchmark, group)} {'yes' if holds else 'no'} "
                          f"({' / '.join(str(s.value) for s in mine)} vs {best_competitors(index, theirs)})")
    suites = [b for b in claim.benchmarks if index.parts(b)]
    among = index.names(claim.among) if claim.among else "all competitors"
    what = (f"the {len(index.benchmark_set(claim))} parts of {index.names(suites)}" if len(suites) == len(claim.benchmarks)
            else f"{index.names(claim.benchmarks)} (suites read as their parts)")
    gives = f"{fewest}" if fewest == most else f"{fewest} to {most}"
    ids = _ids(index, claim, evidence)
    yield Finding(tuple(ids),
                  f"{where(index, ids)}: {said(claim)} says {index.name(claim.subject)} is "
                  f"{RELATION_WORDS[claim.relation]} {among} on {claim.count} of {what}, but the scores give "
                  f"{gives} of {len(readings)}: " + "; ".join(detail) + ".")
