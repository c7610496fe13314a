"""C006 not-comparable: one model's scores on one benchmark under different settings.

Scores measured with different shots or with and without chain-of-thought are
different measurements: this note says so, so nobody reads them as a conflict.
It is information, never an error.

Example:

    source A: "MMLU (0-shot, CoT): LLaMA 3.1 (405B) scores 88.6"
    source B: "MMLU (5-shot): Llama 3.1 405B scores 87.3"
    -> C006 info: Llama 3.1 405B on MMLU: 88.6 (0-shot, CoT; A) and 87.3 (5-shot; B)
       are under different settings and are not compared.
"""

from ledger.check.index import Finding, Index, where
from ledger.core.diagnostics import Severity

CODE = "C006"
NAME = "not-comparable"
SEVERITY = Severity.INFO


def check(index: Index):
    for (model, benchmark), claims in index.scores.items():
        if len(claims) < 2:
            continue
        # a claim is involved when another claim's setting is incompatible with its own; a
        # setting is always compatible with itself, so compare the distinct settings only
        settings = {(c.setting.shots, c.setting.cot): c.setting for c in claims}
        clashing = {key for key, setting in settings.items()
                    if any(not setting.compatible_with(other) for other in settings.values())}
        involved = {c.id: c for c in claims if (c.setting.shots, c.setting.cot) in clashing}
        if not involved:
            continue
        group = sorted(involved.values(), key=lambda c: index.order[c.id])
        values = ", ".join(f"{c.value} ({c.setting.describe()}; {c.source})" for c in group)
        yield Finding(
            tuple(c.id for c in group),
            f"{where(index, involved)}: {index.name(model)} on {index.name(benchmark)}: {values} are "
            "under different settings and are not compared.",
        )
