"""C002 words-against-figures: a comparison that the compared models' scores contradict.

A `comparison` says its subjects stand in a relation ("outperforming", "slightly
higher", "on par with", "matches") to its objects on a benchmark, or on every
benchmark of a category. Each relation has a numeric meaning on the score gap
(subject minus object), with tolerances from the ledger's `settings.tolerances`:

    higher: gap > 0                       lower: gap < 0
    slightly-higher: 0 < gap <= slightly  slightly-lower: -slightly <= gap < 0
    significantly-higher: gap >= significantly (and the mirror for lower)
    on-par: |gap| <= on_par   equal: gap = 0   at-least: gap >= -on_par   at-most: gap <= on_par

The scores may come from the same source or any other; the message names the
numbers that break the words and says whether the contradiction is within one
source. Only scores under comparable settings are paired (a part one leaves
unstated matches any; a 5-shot figure is not set against a chain-of-thought
one). For a category, or for `overall: true` (every benchmark the compared
models are both scored on), scope `all` breaks on any benchmark, `most` when it
holds on at most half, `some` when it holds on none.

Example:

    spheron: "NIH/Multi-needle: LLaMA 3.1 (405B) scores 98.1, outperforming GPT-4 Omni ... (100.0)"
    -> C002 error: Within spheron: "outperforming" says Llama 3.1 405B is higher than GPT-4o on
       NIH/Multi-needle, but the scores are 98.1 (spheron) and 100.0 (spheron).
"""

from ledger.check.index import RELATION_WORDS, Finding, Index, gap_lines, scope_fails, where
from ledger.core.diagnostics import Severity

CODE = "C002"
NAME = "words-against-figures"
SEVERITY = Severity.ERROR


def check(index: Index):
    for claim in index.by_kind["comparison"]:
        if not claim.polarity:
            continue  # a denial against the scores is C008's
        broken_scores, held, tested, pairs = [], 0, 0, []
        for benchmark in index.benchmarks_of(claim):
            broken_here, pairs_here = index.comparison_on(claim, benchmark)
            if not pairs_here:
                continue
            tested += 1
            if broken_here:
                broken_scores += broken_here
                pairs += [(benchmark, s, o) for s, o in broken_here]
            else:
                held += 1
        lines = gap_lines(index, pairs)
        if not tested or not broken_scores:
            continue
        if claim.benchmark is None and not scope_fails(claim.scope, held, tested):
            continue
        ids = [claim.id] + sorted({c.id for pair in broken_scores for c in pair},
                                  key=index.order.__getitem__)
        words = f'"{claim.words}"' if claim.words else "the comparison"
        scope = "" if claim.benchmark else f" ({claim.scope.value} of them)"
        yield Finding(
            tuple(ids),
            f"{where(index, ids)}: {words} says {index.names(claim.subjects)} "
            f"{'is' if len(claim.subjects) == 1 else 'are'} {RELATION_WORDS[claim.relation]} "
            f"{index.names(claim.objects)} on {index.target_name(claim)}{scope}, but the scores say otherwise: "
            + "; ".join(lines) + ".",
        )
