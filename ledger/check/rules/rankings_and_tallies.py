"""C004 rankings-and-tallies: superlatives and counted claims checked against the scores.

A `ranking` ("scores the highest", "takes the lead", "lead with 96.7 each")
says where its subjects stand among the compared models (`among`; `within` a
model family: the family's members, "the most powerful of the Llama 3.1
models"; or else every model with a score on the benchmark). It breaks when a
model outside the subjects scores higher than a subject ranked first (lower
than one ranked last), or when a subject ranked second does not have exactly
one model above it. A ranking over a category, or `overall` (every benchmark
with a score), applies to each of those benchmarks, as its scope says: `all`
breaks on any of them, `most` when it holds on at most half of those where a
subject and a competitor are scored, `some` when it holds on none. Two rankings
that put different models first on the same benchmark contradict each other;
rankings with the same winners and competitors are grouped, one conflict per
pair of groups.

A `tally` ("on two out of three long-context benchmarks higher than all
competitors") is recounted from the scores: on how many of the benchmarks does
the subject stand in the relation to every competitor? It breaks when the
ledger has scores for at least `total` benchmarks and the recount differs.

Settings. Rankings and tallies are checked only against scores that measure the
same thing. On each benchmark the scores fall into groups of comparable
settings: the largest sets whose settings are pairwise compatible (a part both
state is the same, as C006 reads them); a score that leaves a part unstated is
in every group it fits (an unstated 96.8 is in the 8-shot group and in the
0-shot one). A group judges a claim on the benchmark when it holds a score of a
subject and one of a competitor; when some of those hold a subject's score from
the claim's own source, only those judge it: a source ranks from its own
figures. A ranking or tally states no setting, so the claim is broken on a
benchmark only when it fails in every group that judges it there:

- a first (last) rank breaks when, in each judging group, a competitor's score
  is above (below) a subject's; a first rank made from 8-shot figures is not
  broken by another source's 0-shot figure, and a source that gives no figures
  is broken only if its winner leads under no setting;
- a second place counts the models above the subject within one group: Model B
  above it at 0-shot and Model C above it at 8-shot are one model above it in
  each table, not two; in its own source's table it must have exactly one;
- a tally counts a benchmark where the relation holds in every judging group,
  and may count one where it holds in some: it breaks when its count is below
  the fewest or above the most these readings give ("the scores give 1 to 2 of
  3"). A benchmark no group judges (the subject and its competitors scored under
  settings that do not compare) is not counted among those scored.

A benchmark with several groups is named with the group's setting in the
message ("on GSM8K (8-shot, CoT)"). Two rankings with different winners are
claims against claims: no scores, no settings.

Example:

    spheron: "ARC Challenge (0-shot): LLaMA 3.1 (405B) scores 96.9 ... GPT-4 Omni and Claude 3.5 Sonnet
              lead with 96.7 each"
    -> C004 error: Within spheron: "lead" ranks GPT-4o and Claude 3.5 Sonnet first on ARC Challenge,
       but Llama 3.1 405B scores 96.9 (spheron), above GPT-4o 96.7 (spheron).

    one: "Bench X: Model A (8-shot) 96.8, Model B (8-shot) 96.4 ... Model A takes the lead"
    two: "Bench X: Model B (0-shot) 99.0"
    -> nothing: two's 99.0 is of another setting. Were one's Model B 97.5, under 8-shot:
    -> C004 error: Within one: the ranking ranks Model A first on Bench X, but on Bench X (8-shot)
       Model B scores 97.5 (one), above Model A 96.8 (one).
"""

from ledger.check.index import (
    Finding,
    Index,
    best_competitors,
    count_range,
    ranking_failures,
    scope_fails,
    where,
)
from ledger.core.diagnostics import Severity
from ledger.core.model import Rank, Scope
from ledger.core.words import join_words

CODE = "C004"
NAME = "rankings-and-tallies"
SEVERITY = Severity.ERROR


def check(index: Index):
    yield from _rankings_against_scores(index)
    yield from _rankings_against_rankings(index)
    yield from _tallies(index)


def _ranked_scores(index: Index, benchmark, cache: dict) -> list:
    """(value, model) of every score on the benchmark, highest first (computed once)."""
    ranked = cache.get(benchmark)
    if ranked is None:
        ranked = cache[benchmark] = sorted(
            ((o.value.value, o.model) for m in index.models_on.get(benchmark, []) for o in index.scores[(m, benchmark)]),
            key=lambda pair: pair[0], reverse=True)
    return ranked


def _surely_holds(rank, ranked: list, subjects, value) -> bool:
    """For a ranking among every model scored on the benchmark: True when no other model's
    score breaks it for a subject scoring ``value`` (False: look closer). Reads the scores
    from the top (or bottom), so a ranking costs what it needs, not the benchmark's size."""
    if rank is Rank.FIRST:
        top = next((v for v, m in ranked if m not in subjects), None)
        return top is None or not top > value
    if rank is Rank.LAST:
        bottom = next((v for v, m in reversed(ranked) if m not in subjects), None)
        return bottom is None or not bottom < value
    if rank is Rank.SECOND:
        above = set()
        for v, m in ranked:
            if not v > value:
                break
            if m not in subjects:
                above.add(m)
                if len(above) > 1:
                    return False
        return len(above) == 1
    return True


def _rankings_against_scores(index: Index):
    ranked_cache: dict = {}
    for claim in index.by_kind["ranking"]:
        if not claim.polarity:
            continue  # a denial against the scores is C008's
        problems, evidence = [], []
        counted = claim.benchmark is None and claim.scope is not Scope.ALL
        tested = held = 0  # benchmarks some group judges it on; those where it holds
        everyone = claim.among is None and claim.within is None
        for benchmark in index.benchmarks_of(claim):
            if everyone and not counted and _surely_holds_on(index, claim, benchmark, ranked_cache):
                continue
            others = [m for m in index.competitors(claim, benchmark) if m not in claim.subjects]
            judged, failures = index.ranking_on(claim, benchmark, others)
            tested += judged
            held += judged and not failures
            said_here, used = ranking_failures(index, benchmark, failures)
            problems += said_here
            evidence += used
        if not problems:
            continue
        if counted and not scope_fails(claim.scope, held, tested):
            continue
        ids = [claim.id] + sorted({c.id for c in evidence} - {claim.id}, key=index.order.__getitem__)
        words = f'"{claim.words}"' if claim.words else "the ranking"
        within = f" within {index.name(claim.within)}" if claim.within else ""
        scope = f" ({claim.scope.value} of them)" if counted else ""
        yield Finding(
            tuple(ids),
            f"{where(index, ids)}: {words} ranks {index.names(claim.subjects)} {claim.rank.value}{within} on "
            f"{index.target_name(claim)}{scope}, but " + "; ".join(dict.fromkeys(problems)) + ".",
        )


def _surely_holds_on(index: Index, claim, benchmark, cache: dict) -> bool:
    """For a ranking among every model scored on the benchmark: True when no other model's
    score breaks it for any subject's score, whatever the settings (False: look closer). A
    first (last) rank no score breaks breaks in no group; a second place counts the models
    above it in one group, so this reads it only where the benchmark's scores are one group."""
    if claim.rank is Rank.SECOND and len(index.setting_groups(benchmark)) > 1:
        return False
    ranked = None
    for subject in claim.subjects:
        for own in index.scores.get((subject, benchmark), ()):
            if ranked is None:
                ranked = _ranked_scores(index, benchmark, cache)
            if not _surely_holds(claim.rank, ranked, claim.subjects, own.value.value):
                return False
    return True


def _rankings_against_rankings(index: Index):
    """Two 'first' rankings on one benchmark contradict when each one's subjects are among
    the other's competitors ("the most powerful of the Llama sizes" and "the highest of all
    compared models" do not, when the second's winner is no Llama).

    Rankings with the same winners and the same competitors are grouped: each pair of
    groups that contradict is one finding holding all their claims."""
    groups = {}  # benchmark -> {(winners, among): [claims]}, in ledger order
    for claim in index.by_kind["ranking"]:
        if claim.rank is not Rank.FIRST or not claim.polarity:
            continue
        key = (frozenset(claim.subjects), None if claim.among is None else frozenset(claim.among), claim.within)
        for benchmark in index.benchmarks_of(claim):
            groups.setdefault(benchmark, {}).setdefault(key, []).append(claim)
    for benchmark, by_key in groups.items():
        keys = list(by_key)
        for n, later in enumerate(keys):
            later_claims = by_key[later]
            claim = later_claims[0]
            for earlier in keys[:n]:
                if earlier[0] & later[0]:
                    continue
                first = by_key[earlier][0]
                if (later[0] & set(index.competitors(first, benchmark))
                        and earlier[0] & set(index.competitors(claim, benchmark))):
                    claims = by_key[earlier] + later_claims
                    ids = [c.id for c in claims]
                    yield Finding(
                        tuple(ids),
                        f"{where(index, ids)}: on {index.name(benchmark)}, {_sources(by_key[earlier])} "
                        f"{_verb(by_key[earlier])} {index.names(first.subjects)} first, {_sources(later_claims)} "
                        f"{_verb(later_claims)} {index.names(claim.subjects)} first.",
                    )


def _sources(claims) -> str:
    names = list(dict.fromkeys(c.source for c in claims))
    text = join_words(names)
    return text if len(claims) == 1 else f"{text} ({len(claims)} claims)"


def _verb(claims) -> str:
    return "ranks" if len({c.source for c in claims}) == 1 else "rank"


def _tallies(index: Index):
    for claim in index.by_kind["tally"]:
        readings = []  # (benchmark, [(group, mine, theirs, holds)]) where some group judges it
        for benchmark in index.benchmarks_of(claim):
            competitors = [m for m in index.competitors(claim, benchmark) if m != claim.subject]
            outcomes = index.tally_on(claim, benchmark, competitors)
            if outcomes:
                readings.append((benchmark, outcomes))
        fewest, most = count_range(readings)
        if len(readings) < claim.total or fewest <= claim.count <= most:
            continue
        detail, evidence = [], []
        for benchmark, outcomes in readings:  # words only for a tally reported
            for group, mine, theirs, holds in outcomes:
                evidence += mine + theirs
                detail.append(f"{index.under(benchmark, group)} {'yes' if holds else 'no'} "
                              f"({' / '.join(str(s.value) for s in mine)} vs {best_competitors(index, theirs)})")
        ids = [claim.id] + sorted({c.id for c in evidence}, key=index.order.__getitem__)
        gives = f"{fewest}" if fewest == most else f"{fewest} to {most}"
        yield Finding(
            tuple(ids),
            f"{where(index, ids)}: {index.name(claim.subject)} is said to be {claim.relation.value} than all "
            f"competitors on {claim.count} of {claim.total} {index.target_name(claim)}, but the scores give "
            f"{gives} of {len(readings)}: " + "; ".join(detail) + ".",
        )
