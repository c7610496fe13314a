"""C004 rankings-and-tallies: superlatives and counted claims checked against the scores.

A `ranking` ("scores the highest", "takes the lead", "lead with 96.7 each")
says where its subjects stand among the compared models (`among`, or every model
with a score on the benchmark). It breaks when a model outside the subjects
scores higher than a subject ranked first (lower than one ranked last), or when
a subject ranked second does not have exactly one model above it. A ranking over
a category applies to each of its benchmarks. Two rankings that put different
models first on the same benchmark contradict each other.

A `tally` ("on two out of three long-context benchmarks higher than all
competitors") is recounted from the scores: on how many of the benchmarks does
the subject stand in the relation to every competitor? It breaks when the
ledger has scores for at least `total` benchmarks and the recount differs.

Example:

    spheron: "ARC Challenge (0-shot): LLaMA 3.1 (405B) scores 96.9 ... GPT-4 Omni and Claude 3.5 Sonnet
              lead with 96.7 each"
    -> C004 error: Within spheron: "lead" ranks GPT-4o and Claude 3.5 Sonnet first on ARC Challenge,
       but Llama 3.1 405B scores 96.9 (spheron), above GPT-4o 96.7 (spheron).
"""

from ..conflicts import Finding, Index, relation_holds, where
from ..diagnostics import Severity
from ..model import Rank

CODE = "C004"
NAME = "rankings-and-tallies"
SEVERITY = Severity.ERROR


def check(index: Index):
    yield from _rankings_against_scores(index)
    yield from _rankings_against_rankings(index)
    yield from _tallies(index)


def _competitors(index: Index, claim, benchmark):
    return claim.among if claim.among is not None else index.models_on.get(benchmark, [])


def _rankings_against_scores(index: Index):
    for claim in index.by_kind["ranking"]:
        problems, evidence = [], []
        for benchmark in index.benchmarks_of(claim):
            others = [m for m in _competitors(index, claim, benchmark) if m not in claim.subjects]
            for subject in claim.subjects:
                mine = index.scores.get((subject, benchmark), [])
                if not mine:
                    continue
                for own in mine:
                    beats_me = [o for m in others for o in index.scores.get((m, benchmark), [])
                                if o.value.value > own.value.value]
                    below_me = [o for m in others for o in index.scores.get((m, benchmark), [])
                                if o.value.value < own.value.value]
                    bad = []
                    if claim.rank is Rank.FIRST:
                        bad = beats_me
                        relation = "above"
                    elif claim.rank is Rank.LAST:
                        bad = below_me
                        relation = "below"
                    elif claim.rank is Rank.SECOND and len({o.model for o in beats_me}) != 1:
                        bad = beats_me or [own]
                        relation = f"{len({o.model for o in beats_me})} model(s) above"
                    if bad:
                        evidence += [own] + bad
                        if claim.rank is Rank.SECOND:
                            problems.append(f"on {index.name(benchmark)} {index.name(subject)} "
                                            f"{own.value} ({own.source}) has {relation} it")
                        else:
                            problems += [f"on {index.name(benchmark)} {index.name(o.model)} scores {o.value} "
                                         f"({o.source}), {relation} {index.name(subject)} {own.value} ({own.source})"
                                         for o in bad]
        if not problems:
            continue
        ids = [claim.id] + sorted({c.id for c in evidence} - {claim.id}, key=index.order.__getitem__)
        words = f'"{claim.words}"' if claim.words else "the ranking"
        yield Finding(
            tuple(ids),
            f"{where(index, ids)}: {words} ranks {index.names(claim.subjects)} {claim.rank.value} on "
            f"{index.target_name(claim)}, but " + "; ".join(dict.fromkeys(problems)) + ".",
        )


def _rankings_against_rankings(index: Index):
    """Two 'first' rankings on one benchmark contradict when each one's subjects are among
    the other's competitors ("the most powerful of the Llama sizes" and "the highest of all
    compared models" do not, when the second's winner is no Llama)."""
    firsts = {}
    for claim in index.by_kind["ranking"]:
        if claim.rank is not Rank.FIRST:
            continue
        for benchmark in index.benchmarks_of(claim):
            for earlier in firsts.get(benchmark, []):
                if set(earlier.subjects) & set(claim.subjects):
                    continue
                if (set(claim.subjects) & set(_competitors(index, earlier, benchmark))
                        and set(earlier.subjects) & set(_competitors(index, claim, benchmark))):
                    yield Finding(
                        (earlier.id, claim.id),
                        f"{where(index, [earlier.id, claim.id])}: on {index.name(benchmark)}, {earlier.source} "
                        f"ranks {index.names(earlier.subjects)} first, {claim.source} ranks "
                        f"{index.names(claim.subjects)} first.",
                    )
            firsts.setdefault(benchmark, []).append(claim)


def _tallies(index: Index):
    tolerances = index.ledger.settings.tolerances
    for claim in index.by_kind["tally"]:
        holding, tested, evidence, detail = 0, 0, [], []
        for benchmark in index.benchmarks_of(claim):
            mine = index.scores.get((claim.subject, benchmark), [])
            competitors = [m for m in _competitors(index, claim, benchmark) if m != claim.subject]
            theirs = [o for m in competitors for o in index.scores.get((m, benchmark), [])]
            if not mine or not theirs:
                continue
            tested += 1
            holds = all(relation_holds(claim.relation, s.value.value - o.value.value, tolerances)
                        for s in mine for o in theirs)
            holding += holds
            evidence += mine + theirs
            best = max(theirs, key=lambda o: o.value.value)
            detail.append(f"{index.name(benchmark)} {'yes' if holds else 'no'} "
                          f"({' / '.join(str(s.value) for s in mine)} vs best competitor "
                          f"{index.name(best.model)} {best.value})")
        if tested < claim.total or holding == claim.count:
            continue
        ids = [claim.id] + sorted({c.id for c in evidence}, key=index.order.__getitem__)
        yield Finding(
            tuple(ids),
            f"{where(index, ids)}: {index.name(claim.subject)} is said to be {claim.relation.value} than all "
            f"competitors on {claim.count} of {claim.total} {index.target_name(claim)}, but the scores give "
            f"{holding} of {tested}: " + "; ".join(detail) + ".",
        )
