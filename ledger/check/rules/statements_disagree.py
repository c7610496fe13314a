"""C005 statements-disagree: the same proposition asserted and denied.

Two `statement` claims with the same predicate and object, about the same
subject or a subject and its family (a statement about "Llama 3.1" speaks of
"Llama 3.1 405B" too), with opposite polarity. When both carry the same
qualifiers it is an error; when their qualifiers differ ("under the OSI
definition" vs "under the licence's terms") it is still reported, as a warning
that says how the qualifiers differ, since the sources may each be right on
their own terms.

Where the ledger declares its predicates, a predicate may name an `opposite`
("open-source" and "proprietary"): the same subject (or a subject and its family)
said to be one by a claim and the other by another claim is the same kind of
conflict, with the same objects and the same rule for qualifiers; the message
says the two are opposites. Denying both ("not open source", "not proprietary")
is no conflict.

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

    one: "Model A is open source"   (model-a, open-source)
    two: "Model A is proprietary"   (model-a, proprietary; the vocabulary: opposite of open-source)
    -> C005 error: Between one and two: one says Model A is open-source; two says Model A is
       proprietary: open-source and proprietary are opposites.
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
    one statement make one conflict, not one per pair of claims. Opposite predicates pair
    the asserting buckets of the one with those of the other, the same way."""
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
        for yes_key, no_key in _related(asserted, denied, up):
            yield _finding(index, predicate, asserted[yes_key], denied[no_key])
    opposites = index.ledger.terms.opposites
    for (predicate, obj), (asserted, _) in list(groups.items()):
        for other in sorted(opposites.get(predicate, ())):
            if other <= predicate or (other, obj) not in groups:
                continue  # each pair once, from its first predicate
            theirs = groups[(other, obj)][0]
            if not asserted or not theirs:
                continue
            for one_key, other_key in _related(asserted, theirs, up):
                yield _opposites_finding(index, asserted[one_key], theirs[other_key])


def _related(firsts: dict, seconds: dict, up) -> dict:
    """(first bucket key, second bucket key) of the buckets whose subjects are related: the
    same, or one a family above the other; in a stable order."""
    first_by_subject, second_by_subject = defaultdict(list), defaultdict(list)
    for key in firsts:
        first_by_subject[key[0]].append(key)
    for key in seconds:
        second_by_subject[key[0]].append(key)
    pairs = {}
    for second in seconds:  # the first's subject is the second's or a family above it
        for ancestor in up(second[0]):
            for first in first_by_subject.get(ancestor, ()):
                pairs[(first, second)] = None
    for first in firsts:  # the second's subject is the first's or a family above it
        for ancestor in up(first[0]):
            for second in second_by_subject.get(ancestor, ()):
                pairs[(first, second)] = None
    return pairs


def _finding(index: Index, predicate: str, yeses: list, noes: list) -> Finding:
    yes, no = yeses[0], noes[0]
    ids = [c.id for c in yeses] + [c.id for c in noes]
    yes_who, no_who = _who(yeses), _who(noes)
    message = (f"{where(index, ids)}: {yes_who} {_says(yeses)} {index.name(yes.subject)} is "
               f"{predicate}{_object(index, yes)}{_qualified(yes)}; {no_who} {_says(noes)} {index.name(no.subject)} "
               f"is not{_qualified(no)}.")
    return _with_qualifiers(ids, message, yeses, noes)


def _opposites_finding(index: Index, ones: list, others: list) -> Finding:
    one, other = ones[0], others[0]
    ids = [c.id for c in ones] + [c.id for c in others]
    message = (f"{where(index, ids)}: {_who(ones)} {_says(ones)} {index.name(one.subject)} is "
               f"{one.predicate}{_object(index, one)}{_qualified(one)}; {_who(others)} {_says(others)} "
               f"{index.name(other.subject)} is {other.predicate}{_object(index, other)}{_qualified(other)}: "
               f"{one.predicate} and {other.predicate} are opposites.")
    return _with_qualifiers(ids, message, ones, others)


def _with_qualifiers(ids: list, message: str, firsts: list, seconds: list) -> Finding:
    """The finding, an error; a warning saying how, when the two sides' qualifiers differ."""
    first, second = firsts[0], seconds[0]
    if set(first.qualifiers) == set(second.qualifiers):
        return Finding(tuple(ids), message)
    only_first = sorted(set(first.qualifiers) - set(second.qualifiers))
    only_second = sorted(set(second.qualifiers) - set(first.qualifiers))
    message += (" The qualifiers differ (" + "; ".join(filter(None, [
        f"{_who(firsts)} {_adds(firsts)} {', '.join(only_first)}" if only_first else "",
        f"{_who(seconds)} {_adds(seconds)} {', '.join(only_second)}" if only_second else "",
    ])) + "): each may be right on its own terms.")
    return Finding(tuple(ids), message, Severity.WARNING)


def _object(index: Index, claim) -> str:
    if claim.object is None or claim.object == "":
        return ""
    return f" {index.name(claim.object) if claim.object in index.ledger.entities else claim.object}"


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
