"""C010 figure-not-reported: a score for a model on a benchmark that another source says it
reports no score for.

A `score` claim with `reported: false` records that a source gives no result for a model on a
benchmark: a dash in its table ("–", "n/a"), or words such as "was not evaluated on". Where
another claim gives a figure for the same model and benchmark under a compatible setting (an
unstated part matches any), the two are reported together: the figure cannot come from the
source that has none.

A warning in general: a write-up may have the figure from elsewhere (the model's own report).
An error when the source that reports none is a primary (`role: primary`, the authors' own
table) and the figure is a secondary's: the write-up gives the original a figure it does not
have, and the primary settles it (the conflict says whose figure it is when it is another
model's in the same row of the primary). Scores under settings that differ are not compared:
a table may have a 5-shot result and none for 0-shot.

Example:

    herd-paper (Table 2, row Nexus, column Nemotron 4 340B):  "–"   (reported: false)
    spheron:  "leading GPT-4 (50.3) and Nemotron 4 (45.7)"
    -> C010 error: spheron gives Nemotron-4 340B Instruct 45.7 on Nexus, where herd-paper ("–")
       reports no score; settled by herd-paper: 45.7 is Claude 3.5 Sonnet's score in the same row

Silent: a figure for another model or benchmark, or under another setting, than the one
reported missing; two sources that both report none.
"""

from ledger.check.index import Finding, Index, said, where
from ledger.core.diagnostics import Severity
from ledger.core.model import Role

CODE = "C010"
NAME = "figure-not-reported"
SEVERITY = Severity.WARNING  # an error where a primary reports none and a secondary gives a figure


def check(index: Index):
    sources = index.ledger.sources
    for (model, benchmark), missing in index.unreported.items():
        scores = index.scores.get((model, benchmark))
        if not scores:
            continue
        for none in missing:
            for figure in scores:
                if not figure.setting.compatible_with(none.setting):
                    continue
                setting = "" if none.setting.describe() == "setting unstated" else f" ({none.setting.describe()})"
                primary_says_none = (sources[none.source].role is Role.PRIMARY
                                     and sources[figure.source].role is not Role.PRIMARY)
                yield Finding(
                    (figure.id, none.id),
                    f"{where(index, (figure.id, none.id))}: {figure.source} gives {index.name(model)} "
                    f"{figure.value} on {index.name(benchmark)}, where {said(none)} reports no score{setting}.",
                    Severity.ERROR if primary_says_none else None,
                )
