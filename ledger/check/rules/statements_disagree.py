"""C005 statements-disagree: the same proposition asserted and denied.

Two `statement` claims with the same predicate and object, about the same
subject or a subject and its family (a statement about "Llama 3.1" speaks of
"Llama 3.1 405B" too), with opposite polarity. When both carry the same
qualifiers it is an error; when their qualifiers differ ("under the OSI
definition" vs "under the licence's terms") it is still reported, as a warning
that says how the qualifiers differ, since the sources may each be right on
their own terms.

Claims are grouped, not compared pair by pair: the statements with the same
subject, polarity and qualifiers form one group, and each pair of opposite
groups is one conflict holding all their claims (five sources repeating a
statement that a sixth denies make one conflict, not five).

Example:

    hiselius: "it is not open source in the definition provided by open source initiative"
              (llama-3.1, open-source, polarity false, qualifiers [osi-definition])
    datacamp: "Yes, Llama 3.1 405B is released under Meta's custom Open Model License Agreement"
              (llama-3.1-405b, open-source, polarity true, qualifiers [licence-terms])
    -> C005 warning: Between datacamp and hiselius: datacamp says Llama 3.1 405B is open-source
       (licence-terms); hiselius says Llama 3.1 is not (osi-definition). The qualifiers differ.
"""

from collections import defaultdict

from ledger.check.index import Finding, Index, where
from ledger.core.diagnostics import Severity
from ledger.core.words import join_words

CODE = "C005"
NAME = "statements-disagree"
SEVERITY = Severity.ERROR


def _object_key(value):
    return value.strip().lower() if isinstance(value, str) else value


def check(index: Index):
    """Statements are bucketed by (subject, qualifiers) per (predicate, object) and polarity;
    each pair of opposite buckets whose subjects are related (one is the other or a family
    above it) is one finding holding every claim of both buckets: many sources repeating
    one statement make one conflict, not one per pair of claims."""
    groups = defaultdict(lambda: ({}, {}))  # (predicate, object) -> (asserted, denied): bucket key -> [claims]
    for claim in index.by_kind["statement"]:
        side = groups[(claim.predicate, _object_key(claim.object))][0 if claim.polarity else 1]
        side.setdefault((claim.subject, frozenset(claim.qualifiers)), []).append(claim)
    lineage: dict[str, list[str]] = {}

    def up(subject):
        if subject not in lineage:  # computed once per subject
            lineage[subject] = index.ledger.lineage(subject)
        return lineage[subject]

    for (predicate, obj), (asserted, denied) in groups.items():
        if not asserted or not denied:
            continue
        yes_by_subject, no_by_subject = defaultdict(list), defaultdict(list)
        for key in asserted:
            yes_by_subject[key[0]].append(key)
        for key in denied:
            no_by_subject[key[0]].append(key)
        pairs = {}  # (asserted key, denied key), in a stable order
        for no_key in denied:  # the asserting subject is the denying one or a family above it
            for ancestor in up(no_key[0]):
                for yes_key in yes_by_subject.get(ancestor, ()):
                    pairs[(yes_key, no_key)] = None
        for yes_key in asserted:  # the denying subject is the asserting one or a family above it
            for ancestor in up(yes_key[0]):
                for no_key in no_by_subject.get(ancestor, ()):
                    pairs[(yes_key, no_key)] = None
        for yes_key, no_key in pairs:
            yield _finding(index, predicate, asserted[yes_key], denied[no_key])


def _finding(index: Index, predicate: str, yeses: list, noes: list) -> Finding:
    yes, no = yeses[0], noes[0]
    ids = [c.id for c in yeses] + [c.id for c in noes]
    same = set(yes.qualifiers) == set(no.qualifiers)
    obj_text = f" {index.name(yes.object) if yes.object in index.ledger.entities else yes.object}" if yes.object else ""
    yes_who, no_who = _who(yeses), _who(noes)
    message = (f"{where(index, ids)}: {yes_who} {_says(yeses)} {index.name(yes.subject)} is "
               f"{predicate}{obj_text}{_qualified(yes)}; {no_who} {_says(noes)} {index.name(no.subject)} "
               f"is not{_qualified(no)}.")
    if not same:
        only_yes = sorted(set(yes.qualifiers) - set(no.qualifiers))
        only_no = sorted(set(no.qualifiers) - set(yes.qualifiers))
        message += (" The qualifiers differ (" + "; ".join(filter(None, [
            f"{yes_who} {_adds(yeses)} {', '.join(only_yes)}" if only_yes else "",
            f"{no_who} {_adds(noes)} {', '.join(only_no)}" if only_no else "",
        ])) + "): each may be right on its own terms.")
    return Finding(tuple(ids), message, None if same else Severity.WARNING)


def _who(claims) -> str:
    """The sources of a bucket's claims: "datacamp", or "datacamp and hiselius (3 claims)"."""
    sources = sorted({c.source for c in claims})
    names = join_words(sources)
    return names if len(claims) == 1 else f"{names} ({len(claims)} claims)"


def _says(claims) -> str:
    return "says" if len({c.source for c in claims}) == 1 else "say"


def _adds(claims) -> str:
    return "adds" if len({c.source for c in claims}) == 1 else "add"


def _qualified(claim) -> str:
    return f" ({', '.join(claim.qualifiers)})" if claim.qualifiers else ""
