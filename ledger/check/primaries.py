"""Who is right: settling conflicts with the primary sources, and auditing a write-up.

A primary source (``role: primary``) is published by the authors of what it reports (the
paper, the model card). A secondary claim that a primary claim on the same thing contradicts
*misreports* the primary: a score against the primary's score of the same model and benchmark
under a compatible setting; a quantity against the primary's figure of the same subject and
quantity (converted, as C001 compares); a statement against the primary's statement of the same
subject, predicate and object (or of its opposite predicate); a comparison, ranking or tally
against the primary's scores (C002 and C004 run again over the primaries' scores alone).

Where the misreported figure is somebody's in the primary (another model's score on the same
benchmark, "in the same row"; another subject's value of the same quantity, such as a total
for three models given as one model's; the same model's figure under another setting), the
message says whose. Figures under different settings (C006) are never misreports, and a
conflict whose primaries contradict one another is "between primaries": no primary settles it.

Each primary claim is indexed by its key once; judging a claim is a few lookups, so settling
stays linear in the ledger's size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ledger.check.index import Index, interval, intervals_meet, quantity_key
from ledger.check.rules import rankings_and_tallies, words_against_figures
from ledger.core.ledger import Ledger
from ledger.core.model import Qualifier, Role
from ledger.core.words import join_words

AGREES, CONTRADICTS, PARTLY, UNVERIFIED = "agrees", "contradicts", "partly", "unverified"
STATUSES = (AGREES, CONTRADICTS, PARTLY, UNVERIFIED)
_NOT_COMPARABLE = "C006"  # figures under different settings: a note, never a misreport


@dataclass(frozen=True)
class Judgement:
    """What the primaries say of one claim: a status (``STATUSES``), the primary claims it rests
    on, and a sentence saying so."""

    id: str
    status: str
    primary: tuple[str, ...]  # the primary claims it was checked against, then ``whose``
    message: str
    whose: tuple[str, ...] = ()  # the primary claims whose figure the misreported one is


@dataclass(frozen=True)
class Settlement:
    settled_by: tuple[str, ...] = ()
    misreports: tuple[str, ...] = ()
    between_primaries: bool = False
    message: str = ""  # what to add to the conflict's message ("": nothing)


@dataclass(frozen=True)
class Sheet:
    """A secondary source's fact-check sheet: each claim's judgement, in the ledger's order."""

    source: str
    rows: tuple[Judgement, ...]

    @property
    def totals(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts


class AuditError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def primary_sources(ledger: Ledger) -> set[str]:
    return {s.id for s in ledger.sources.values() if s.role is Role.PRIMARY}


class Arbiter:
    """The primary claims indexed by key, built once; ``judge`` tells what they say of a claim."""

    def __init__(self, index: Index) -> None:
        ledger = self.ledger = index.ledger
        self.index = index
        self.primaries = primary_sources(ledger)
        self.scores = defaultdict(list)  # (model, benchmark) -> primary scores
        self.rows = defaultdict(list)  # (source, benchmark) -> primary scores: a table's row
        self.quantities = defaultdict(list)  # quantity_key -> [(claim, factor)]
        self.quantity_values = defaultdict(list)  # (source, quantity, measure) -> [(claim, factor)]
        self.statements = defaultdict(list)  # (subject, predicate) -> primary statements
        for claim in ledger.claims.values():
            if claim.source not in self.primaries:
                continue
            if claim.kind == "score" and claim.reported:  # a dash is no figure: ``_reported_none``
                self.scores[(claim.model, claim.benchmark)].append(claim)
                self.rows[(claim.source, claim.benchmark)].append(claim)
            elif claim.kind == "quantity":
                key, factor = quantity_key(ledger, claim)
                if key is not None:
                    self.quantities[key].append((claim, factor))
                    self.quantity_values[(claim.source, key[1], key[2])].append((claim, factor))
            elif claim.kind == "statement":
                self.statements[(claim.subject, claim.predicate)].append(claim)
        self._against_scores = None

    # ------------------------------------------------------------ comparisons, rankings, tallies

    def _view(self):
        """The primaries' scores alone, and what C002 and C004 find against them: claim id ->
        the primary scores that break it (computed once, on first use)."""
        if self._against_scores is None:
            view = Index.build(self.ledger, scores_from=self.primaries)
            broken = defaultdict(list)
            for rule in (words_against_figures, rankings_and_tallies):
                for finding in rule.check(view):
                    evidence = [c for c in finding.claims[1:] if self.ledger.claims[c].kind == "score"]
                    if evidence:  # two rankings with different winners are not checked against scores
                        broken[finding.claims[0]].append((evidence, finding.message))
            self._view_index, self._against_scores = view, broken
        return self._view_index, self._against_scores

    def _on_scores(self, claim, exclude: str | None) -> Judgement:
        view, broken = self._view()
        found = [(ids, message) for ids, message in broken.get(claim.id, [])]
        found = [([c for c in ids if self.ledger.claims[c].source != exclude], message) for ids, message in found]
        found = [(ids, message) for ids, message in found if ids]
        if found:
            ids = _unique(c for ids, _ in found for c in ids)
            detail = "; ".join(_what_breaks(message) for _, message in found)
            return Judgement(claim.id, CONTRADICTS, ids,
                             f"{claim.source} misreports {self._sources_of(ids)}: checked against the primary's "
                             f"scores: {detail}")
        used = self._scores_used(view, claim, exclude)
        if not used:
            return Judgement(claim.id, UNVERIFIED, (), "no primary gives the scores it speaks of")
        return Judgement(claim.id, AGREES, used,
                         f"checked against the primary's scores ({self._sources_of(used)}): they agree")

    def _scores_used(self, view: Index, claim, exclude) -> tuple[str, ...]:
        """The primary scores a comparison, ranking or tally is checked on; () when there are
        too few to check it (a subject and a competitor scored on a benchmark; for a tally, on
        at least its total of benchmarks)."""
        used, tested = [], 0
        for benchmark in view.benchmarks_of(claim):
            if claim.kind == "comparison":
                mine, theirs = claim.subjects, claim.objects
            else:
                mine = claim.subjects if claim.kind == "ranking" else [claim.subject]
                if claim.among is not None:
                    theirs = claim.among
                elif getattr(claim, "within", None) is not None:
                    theirs = view.members(claim.within)
                else:
                    theirs = view.models_on.get(benchmark, [])
                theirs = [m for m in theirs if m not in mine]
            own = [s for m in mine for s in view.scores.get((m, benchmark), []) if s.source != exclude]
            other = [s for m in theirs for s in view.scores.get((m, benchmark), []) if s.source != exclude]
            if own and other:
                tested += 1
                used += own + other
        if not used or (claim.kind == "tally" and tested < claim.total):
            return ()
        return _unique(c.id for c in used)

    # ------------------------------------------------------------ judging one claim

    def judge(self, claim) -> Judgement:
        """What the primaries say of a claim; a primary claim is judged by the other primaries."""
        exclude = claim.source if claim.source in self.primaries else None
        if claim.kind == "score":
            return self._score(claim, exclude)
        if claim.kind == "quantity":
            return self._quantity(claim, exclude)
        if claim.kind == "statement":
            return self._statement(claim, exclude)
        return self._on_scores(claim, exclude)

    def _score(self, claim, exclude) -> Judgement:
        if not claim.reported:
            return self._of_unreported(claim, exclude)
        found = [p for p in self.scores.get((claim.model, claim.benchmark), []) if p.source != exclude]
        if not any(p.setting.compatible_with(claim.setting) for p in found):
            none = self._reported_none(claim, exclude)
            if none is not None:
                return none
        if not found:
            return Judgement(claim.id, UNVERIFIED, (), "no primary gives this score")
        same = [p for p in found if p.setting.compatible_with(claim.setting)]
        if not same:
            settings = join_words(dict.fromkeys(p.setting.describe() for p in found))
            whose = [p for p in found if _same_figure(p.value, claim.value)]
            if whose:
                p = whose[0]
                return Judgement(claim.id, PARTLY, _ids(whose), whose=_ids(whose), message=
                                 f"{claim.value} is {p.source}'s {p.setting.describe()} figure "
                                 f"({self._passage(p)}); the claim says {claim.setting.describe()}")
            return Judgement(claim.id, UNVERIFIED, _ids(found),
                             f"the primary gives {self.name(claim.model)} on {self.name(claim.benchmark)} "
                             f"under another setting only ({settings}): not comparable")
        agreeing = [p for p in same if _same_figure(p.value, claim.value)]
        if agreeing:
            return Judgement(claim.id, AGREES, _ids(agreeing),
                             f"{self._sources_of(_ids(agreeing))} gives {agreeing[0].value} too "
                             f"({self._passage(agreeing[0])})")
        whose, whose_words = self._same_row(same, claim)
        gives = "; ".join(f"{claim.source} misreports {p.source}: the primary gives {p.value} for "
                          f"{self.name(claim.model)} on {self.name(claim.benchmark)} ({self._passage(p)})"
                          for p in same)
        if whose:
            return Judgement(claim.id, PARTLY, _ids(same) + _ids(whose), whose=_ids(whose),
                             message=f"{gives}; {claim.value} is {whose_words}")
        return Judgement(claim.id, CONTRADICTS, _ids(same), gives)

    def _same_row(self, primaries, claim) -> tuple[list, str]:
        """The scores of the primaries' rows (another model's on the claim's benchmark, in the
        same primary) that are the claim's figure, and whose they are in words."""
        whose = []
        for p in primaries:
            whose += [o for o in self.rows[(p.source, claim.benchmark)]
                      if o.model != claim.model and _same_figure(o.value, claim.value)]
        whose = list({o.id: o for o in whose}.values())
        names = join_words(dict.fromkeys(f"{self.name(o.model)}'s" for o in whose))
        return whose, f"{names} score in the same row"

    # ------------------------------------------------------------ scores a primary reports none of

    def _primaries_none(self, claim, exclude) -> list:
        """The primaries' ``reported: false`` scores for the claim's model and benchmark under a
        compatible setting (indexed on first use)."""
        if not hasattr(self, "_none"):
            self._none = defaultdict(list)
            for c in self.ledger.claims.values():
                if c.kind == "score" and not c.reported and c.source in self.primaries:
                    self._none[(c.model, c.benchmark)].append(c)
        return [p for p in self._none.get((claim.model, claim.benchmark), ())
                if p.source != exclude and p.setting.compatible_with(claim.setting)]

    def _reported_none(self, claim, exclude) -> Judgement | None:
        """A figure where a primary reports no score (a dash in its table) misreports it; whose
        figure it is when another model's in the same row. None: no primary says it has none."""
        none = self._primaries_none(claim, exclude)
        if not none:
            return None
        gives = "; ".join(f"{claim.source} misreports {p.source}: the primary reports no score for "
                          f"{self.name(claim.model)} on {self.name(claim.benchmark)} ({self._passage(p)})"
                          for p in none)
        whose, whose_words = self._same_row(none, claim)
        if whose:
            return Judgement(claim.id, PARTLY, _ids(none) + _ids(whose), whose=_ids(whose),
                             message=f"{gives}; {claim.value} is {whose_words}")
        return Judgement(claim.id, CONTRADICTS, _ids(none), gives)

    def _of_unreported(self, claim, exclude) -> Judgement:
        """A source's word that it reports no score: a primary reporting none agrees; one giving a
        figure does not make it wrong (a write-up may leave a figure out), so it is unverified."""
        none = self._primaries_none(claim, exclude)
        if none:
            return Judgement(claim.id, AGREES, _ids(none), f"{self._sources_of(_ids(none))} reports no score "
                             f"for it either ({self._passage(none[0])})")
        found = [p for p in self.scores.get((claim.model, claim.benchmark), [])
                 if p.source != exclude and p.setting.compatible_with(claim.setting)]
        if found:
            return Judgement(claim.id, UNVERIFIED, _ids(found), f"the primary gives {found[0].value} "
                             f"({self._passage(found[0])}); leaving a figure out says nothing against it")
        return Judgement(claim.id, UNVERIFIED, (), "no primary says whether it reports a score")

    def _quantity(self, claim, exclude) -> Judgement:
        key, factor = quantity_key(self.ledger, claim)
        if key is None:
            return Judgement(claim.id, UNVERIFIED, (), "a quantity with several values: nothing to check")
        about = self.ledger.settings.tolerances.about
        mine = interval(claim.value, claim.qualifier, about, factor)
        found = [(p, f) for p, f in self.quantities.get(key, []) if p.source != exclude]
        if not found:
            return Judgement(claim.id, UNVERIFIED, (), "no primary gives this figure")
        agreeing = [p for p, f in found if intervals_meet([mine, interval(p.value, p.qualifier, about, f)])]
        if agreeing:
            return Judgement(claim.id, AGREES, _ids(agreeing),
                             f"{self._sources_of(_ids(agreeing))} gives {self._figure(agreeing[0])} too "
                             f"({self._passage(agreeing[0])})")
        primaries = [p for p, _ in found]
        gives = "; ".join(f"{claim.source} misreports {p.source}: the primary gives {self._figure(p)} for "
                          f"{self.name(claim.subject)}'s {claim.quantity} ({self._passage(p)})" for p in primaries)
        exact = interval(claim.value, Qualifier.EXACT, about, factor)
        whose = [o for p in primaries for o, f in self.quantity_values[(p.source, key[1], key[2])]
                 if o.subject != claim.subject and intervals_meet([exact, interval(o.value, Qualifier.EXACT, about, f)])]
        whose = list({o.id: o for o in whose}.values())
        if whose:
            o = whose[0]
            return Judgement(claim.id, PARTLY, _ids(primaries) + _ids(whose), whose=_ids(whose),
                             message=f"{gives}; {claim.value} is {self.name(o.subject)}'s {claim.quantity} in {o.source} "
                             f"({self._passage(o)})")
        return Judgement(claim.id, CONTRADICTS, _ids(primaries), gives)

    def _statement(self, claim, exclude) -> Judgement:
        same = [p for p in self.statements.get((claim.subject, claim.predicate), [])
                if p.source != exclude and p.object == claim.object]
        terms = self.ledger.terms
        term = terms.term("predicates", claim.predicate) if terms.declared("predicates") else None
        opposite = getattr(term, "opposite", None)
        against = [p for p in same if p.polarity != claim.polarity]
        if opposite and claim.polarity:  # the primary asserts the opposite predicate
            against += [p for p in self.statements.get((claim.subject, opposite), [])
                        if p.source != exclude and p.polarity]
        if against:
            return Judgement(claim.id, CONTRADICTS, _ids(against),
                             "; ".join(f"{claim.source} misreports {p.source}: the primary "
                                       f"{'says' if p.polarity else 'denies'} {self.name(p.subject)} "
                                       f"{p.predicate}{' ' + str(p.object) if p.object is not None else ''} "
                                       f"({self._passage(p)})" for p in against))
        agreeing = [p for p in same if p.polarity == claim.polarity]
        if agreeing:
            return Judgement(claim.id, AGREES, _ids(agreeing),
                             f"{self._sources_of(_ids(agreeing))} says the same ({self._passage(agreeing[0])})")
        return Judgement(claim.id, UNVERIFIED, (), "no primary says anything about it")

    # ------------------------------------------------------------ settling a conflict

    def settle(self, rule: str, claim_ids) -> Settlement:
        if rule == _NOT_COMPARABLE or not self.primaries:
            return Settlement()
        claims = [self.ledger.claims[c] for c in claim_ids]
        own = [c for c in claims if c.source in self.primaries]
        clashing = [c for c in own if self.judge(c).status in (CONTRADICTS, PARTLY)]
        if clashing or (own and len(own) == len(claims)):
            names = join_words(dict.fromkeys(c.source for c in own))
            return Settlement(between_primaries=True,
                              message=f"This is between primaries ({names}): no primary settles it.")
        judged = [self.judge(c) for c in claims if c.source not in self.primaries]
        # a figure that is the primary's under another setting only is not comparable (C006's
        # ground), not a misreport: it has no deciding primary, only ``whose``
        wrong = [j for j in judged if j.status in (CONTRADICTS, PARTLY) and set(j.primary) - set(j.whose)]
        if not wrong:
            return Settlement()
        # the primaries that decide it, not those named only as whose the misreported figure is
        deciding = {c for j in wrong for c in j.primary if c not in j.whose} | {c.id for c in own}
        settled_by = tuple(sorted(deciding, key=self.index.order.__getitem__))
        return Settlement(settled_by=settled_by, misreports=tuple(j.id for j in wrong),
                          message=" ".join(j.message.rstrip(".") + "." for j in wrong))

    # ------------------------------------------------------------ words

    def name(self, entity_id: str) -> str:
        return self.ledger.name(entity_id)

    def _sources_of(self, ids) -> str:
        return join_words(dict.fromkeys(self.ledger.claims[c].source for c in ids))

    def _figure(self, claim) -> str:
        qualifier = "" if claim.qualifier is Qualifier.EXACT else claim.qualifier.value + " "
        return f"{qualifier}{claim.value} {claim.unit}"

    def _passage(self, claim) -> str:
        anchor = self.ledger.anchors.get(claim.id)
        source = self.ledger.sources[claim.source]
        where = f", {source.file}:{anchor.line}:{anchor.column}" if anchor else ""
        return f'"{claim.quote}"{where}'


def _what_breaks(message: str) -> str:
    """The numbers that break a comparison, ranking or tally, from what C002 or C004 says of it
    (the claim itself the conflict's message names already)."""
    rest = message.split(", but ", 1)[-1].rstrip(".")
    return rest.removeprefix("the scores say otherwise: ")


def _same_figure(a, b) -> bool:
    """Whether two figures are one number as printed (88.3 and 88.30 are; 88.3 and 88.35 not)."""
    return a.value == b.value


def _ids(claims) -> tuple[str, ...]:
    return tuple(c.id for c in claims)


def _unique(ids) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def audit(ledger: Ledger, source: str, arbiter: Arbiter | None = None) -> Sheet:
    """The fact-check sheet of a secondary source: every claim of it, judged by the primaries."""
    if source not in ledger.sources:
        from ledger.core.words import did_you_mean

        close = did_you_mean(source, list(ledger.sources))
        raise AuditError(f"unknown source {source!r}",
                         close or "the sources are: " + ", ".join(ledger.sources))
    secondaries = [s for s in ledger.sources if s not in primary_sources(ledger)]
    if ledger.sources[source].role is Role.PRIMARY:
        raise AuditError(f"{source} is a primary source: the primaries are what the write-ups are checked against",
                         "audit a secondary source: " + (", ".join(secondaries) or "the ledger has none"))
    arbiter = arbiter or Arbiter(Index.build(ledger))
    return Sheet(source, tuple(arbiter.judge(c) for c in ledger.claims.values() if c.source == source))


def settlement_line(lg: Ledger, conflict) -> str:
    """Who is right, in one line: the primary that settles the conflict and the side it takes;
    or that the conflict is between primaries; "" when no primary says."""
    if conflict.between_primaries:
        return "between primaries: no primary settles it"
    if not conflict.settled_by:
        return ""
    sources = ", ".join(dict.fromkeys(lg.claims[c].source for c in conflict.settled_by))
    return (f"settled by {sources}: the primary is right ({', '.join(conflict.settled_by)}); "
            f"misreported by {', '.join(conflict.misreports)}")
