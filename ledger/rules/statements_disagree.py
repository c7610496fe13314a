"""C005 statements-disagree: the same proposition asserted and denied.

Two `statement` claims with the same predicate and object, about the same
subject or a subject and its family (a statement about "Llama 3.1" speaks of
"Llama 3.1 405B" too), with opposite polarity. When both carry the same
qualifiers it is an error; when their qualifiers differ ("under the OSI
definition" vs "under the licence's terms") it is still reported, as a warning
that says how the qualifiers differ, since the sources may each be right on
their own terms.

Example:

    hiselius: "it is not open source in the definition provided by open source initiative"
              (llama-3.1, open-source, polarity false, qualifiers [osi-definition])
    datacamp: "Yes, Llama 3.1 405B is released under Meta's custom Open Model License Agreement"
              (llama-3.1-405b, open-source, polarity true, qualifiers [licence-terms])
    -> C005 warning: Between datacamp and hiselius: datacamp says Llama 3.1 405B is open-source
       (licence-terms); hiselius says Llama 3.1 is not (osi-definition). The qualifiers differ.
"""

from collections import defaultdict

from ..conflicts import Finding, Index, where
from ..diagnostics import Severity

CODE = "C005"
NAME = "statements-disagree"
SEVERITY = Severity.ERROR


def _object_key(value):
    return value.strip().lower() if isinstance(value, str) else value


def check(index: Index):
    groups = defaultdict(lambda: ([], []))
    for claim in index.by_kind["statement"]:
        groups[(claim.predicate, _object_key(claim.object))][0 if claim.polarity else 1].append(claim)
    lineage = {}
    for (predicate, obj), (asserted, denied) in groups.items():
        if not asserted or not denied:
            continue
        for yes in asserted:
            for no in denied:
                up_yes = lineage.setdefault(yes.subject, set(index.ledger.lineage(yes.subject)))
                up_no = lineage.setdefault(no.subject, set(index.ledger.lineage(no.subject)))
                if yes.subject not in up_no and no.subject not in up_yes:
                    continue
                same = set(yes.qualifiers) == set(no.qualifiers)
                obj_text = f" {index.name(yes.object) if yes.object in index.ledger.entities else yes.object}" if yes.object else ""
                message = (f"{where(index, [yes.id, no.id])}: {yes.source} says {index.name(yes.subject)} is "
                           f"{predicate}{obj_text}{_qualified(yes)}; {no.source} says {index.name(no.subject)} "
                           f"is not{_qualified(no)}.")
                if not same:
                    only_yes = sorted(set(yes.qualifiers) - set(no.qualifiers))
                    only_no = sorted(set(no.qualifiers) - set(yes.qualifiers))
                    message += (" The qualifiers differ (" + "; ".join(filter(None, [
                        f"{yes.source} adds {', '.join(only_yes)}" if only_yes else "",
                        f"{no.source} adds {', '.join(only_no)}" if only_no else "",
                    ])) + "): each may be right on its own terms.")
                yield Finding((yes.id, no.id), message, None if same else Severity.WARNING)


def _qualified(claim) -> str:
    return f" ({', '.join(claim.qualifiers)})" if claim.qualifiers else ""
