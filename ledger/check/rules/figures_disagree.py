"""C001 figures-disagree: two figures for the same thing that cannot both be true.

Two `score` claims about the same model, benchmark, metric and setting, or two
`quantity` claims about the same subject, quantity and counterpart, are read as
the intervals their precision and qualifier imply: a figure stands for the
values that round to it ("88.6" is 88.55 up to 88.65, "16,000" is 15,500 up to
16,500, "16K" the same, "15.6T" is 15.55 to 15.65 trillion), "over 16,000" is
above 16,000, "about 100,000" widens by the `about` tolerance. When no single
value lies in all of them, the sources disagree. A setting a source leaves
unstated matches any stated one; differently stated settings are C006, not a
conflict.

Quantities compare in one unit, or, where the ledger declares its units, in any
units of one dimension: each figure is converted (value x the unit's factor, its
precision kept), so "39.3M GPU hours" and "39,300 thousand GPU hours" agree.
Where the ledger declares its quantities, only those with `single: true` (one
true value per subject) are compared; a quantity a subject may have several
values of (`single: false`) never conflicts.

Example:

    spheron:  "ARC Challenge (0-shot): LLaMA 3.1 (405B) scores 96.9"
    other:    "Llama 3.1 405B ... 96.7 on ARC Challenge"
    -> C001 error: Llama 3.1 405B on ARC Challenge: 96.9 (spheron) vs 96.7 (other)

Silent: "16,000 H100 GPUs" vs "over 16,000 GPUs"; 88.6 vs 88.60; 128k vs 128,000;
"16K" vs "16,384" GPUs; "15.6 trillion" vs "15,600 billion" tokens. Reported:
"15,000" vs "16,000" GPUs (15,500 rounds to 16,000, not to 15,000).
"""

from collections import defaultdict

from ledger.check.index import Finding, Index, interval, intervals_meet, quantity_key, where
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
    terms = index.ledger.terms
    quantities = defaultdict(list)  # (subject, quantity, unit or dimension, against) -> [(claim, factor)]
    for claim in index.by_kind["quantity"]:
        key, factor = quantity_key(index.ledger, claim)
        if key is not None:  # None: a subject may have several values of it
            quantities[key].append((claim, factor))
    for (subject, quantity, measure, against), group in quantities.items():
        if len(group) < 2:
            continue
        if intervals_meet(interval(c.value, c.qualifier, about, factor) for c, factor in group):
            continue
        claims = [c for c, _ in group]
        units = {c.unit for c in claims}

        def figure(c, unit=""):
            qualifier = "" if c.qualifier is Qualifier.EXACT else c.qualifier.value + " "
            return f"{qualifier}{c.value}{unit} ({c.source})"

        if isinstance(measure, tuple) and len(units) > 1:  # each figure with its unit, as written
            values = ", ".join(figure(c, f" {terms.label('units', c.unit)}") for c in claims)
        else:
            unit = terms.label("units", claims[0].unit) if isinstance(measure, tuple) else measure
            values = ", ".join(figure(c) for c in claims) + f" {unit}"
        counterpart = f" against {index.name(against)}" if against else ""
        yield Finding(
            tuple(c.id for c in claims),
            f"{where(index, [c.id for c in claims])}: {index.name(subject)}'s {quantity}{counterpart} "
            f"is given as {values}; these figures cannot all be true.",
        )
