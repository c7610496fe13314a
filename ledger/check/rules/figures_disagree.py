"""C001 figures-disagree: two figures for the same thing that cannot both be true.

Two `score` claims about the same model, benchmark, metric and setting, or two
`quantity` claims about the same subject, quantity, unit and counterpart, are
read as the intervals their precision and qualifier imply ("88.6" is
88.55..88.65, "16,000" is 15,500..16,500, "over 16,000" is above 16,000,
"about 100,000" widens by the `about` tolerance). When no single value lies in
all of them, the sources disagree. A setting a source leaves unstated matches
any stated one; differently stated settings are C006, not a conflict.

Example:

    spheron:  "ARC Challenge (0-shot): LLaMA 3.1 (405B) scores 96.9"
    other:    "Llama 3.1 405B ... 96.7 on ARC Challenge"
    -> C001 error: Llama 3.1 405B on ARC Challenge: 96.9 (spheron) vs 96.7 (other)

Silent: "16,000 H100 GPUs" vs "over 16,000 GPUs"; 88.6 vs 88.60; 128k vs 128,000.
"""

from collections import defaultdict

from ledger.check.index import Finding, Index, interval, intervals_meet, where
from ledger.core.diagnostics import Severity
from ledger.core.model import Qualifier

CODE = "C001"
NAME = "figures-disagree"
SEVERITY = Severity.ERROR


def setting_groups(claims):
    """One model-benchmark's scores, in groups of mutually comparable settings: for each
    setting some claim states, the claims compatible with it (unstated parts match anything)."""
    keys = {(c.setting.shots, c.setting.cot): c.setting for c in claims}
    return [[c for c in claims if c.setting.compatible_with(setting)] for setting in keys.values()]


def check(index: Index):
    about = index.ledger.settings.tolerances.about
    seen = set()
    for (model, benchmark), claims in index.scores.items():
        if len(claims) < 2:
            continue
        for group in setting_groups(claims):
            ids = tuple(sorted(c.id for c in group))
            if len(group) < 2 or ids in seen:
                continue
            seen.add(ids)
            if intervals_meet(interval(c.value, Qualifier.EXACT, about) for c in group):
                continue
            values = ", ".join(f"{c.value} ({c.source})" for c in group)
            yield Finding(
                tuple(c.id for c in group),
                f"{where(index, ids)}: {index.name(model)} on {index.name(benchmark)} is given as "
                f"{values}; these figures cannot all be true.",
            )
    quantities = defaultdict(list)
    for claim in index.by_kind["quantity"]:
        key = (claim.subject, claim.quantity, claim.unit.strip().lower(), claim.against)
        quantities[key].append(claim)
    for (subject, quantity, unit, against), claims in quantities.items():
        if len(claims) < 2:
            continue
        if intervals_meet(interval(c.value, c.qualifier, about) for c in claims):
            continue
        values = ", ".join(
            f"{'' if c.qualifier is Qualifier.EXACT else c.qualifier.value + ' '}{c.value} ({c.source})"
            for c in claims)
        counterpart = f" against {index.name(against)}" if against else ""
        yield Finding(
            tuple(c.id for c in claims),
            f"{where(index, [c.id for c in claims])}: {index.name(subject)}'s {quantity}{counterpart} "
            f"is given as {values} {unit}; these figures cannot all be true.",
        )
