"""Who is right: settling conflicts with the primary sources, and auditing a write-up.

A primary source (``role: primary``) is published by the authors of what it reports (the
paper, the model card). A secondary claim that a primary claim on the same thing contradicts
*misreports* the primary: a score against the primary's score of the same model and benchmark
under a compatible setting; a quantity against the primary's figure of the same subject and
quantity (converted, as C001 compares); a statement against the primary's statement of the same
subject, predicate and object (or of its opposite predicate); a comparison, ranking, tally or
denial against the primary's scores (every rule runs again over the primaries' scores alone, and
what it finds against a claim from those scores is what the scores say of it: a rule is asked
"does this claim hold on these scores?" by running it, never by copying its logic).

Where the primaries give different figures for one thing (the paper's 51.1 and the card's 50.7),
each primary's *reading* is tried: its own figure where they differ, the common ones elsewhere.
A claim is wrong when it is wrong on every reading, right when right on every one; when the
readings give different verdicts the primaries disagree about it and none settles it. A model a
secondary names that the primaries score only as one member of its family (a write-up's "GPT-4",
the paper's "GPT-4 (0125)") is read as that member, and the message says so.

Where the misreported figure is somebody's in the primary (another model's score on the same
benchmark, "in the same row"; another subject's value of the same quantity, such as a total
for three models given as one model's; the same model's figure under another setting), the
message says whose. Figures under different settings (C006) are never misreports. A conflict is
"between primaries" when its own primary claims alone make it (two primaries, or one primary
against itself): no primary settles it.

Each primary claim is indexed by its key once; judging a claim is a few lookups, so settling
stays linear in the ledger's size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from ledger.check.index import Index, interval, intervals_meet, quantity_key
from ledger.check.rules import RULES
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
    disputed: bool = False  # the primaries disagree about it: none decides it


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


@dataclass(frozen=True)
class Reading:
    """The primaries' scores as one primary reads them: its own figure where the primaries give
    different ones (``source``; None when they never do), the common figures elsewhere, and a
    model the primaries score only as one member of its family standing for that member."""

    source: str | None
    index: Index
    against: dict  # claim id -> [(the primary scores that break it, what the rule says)]


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
        self.stand_ins = self._stand_ins()
        self._readings = None
        self._judged: dict[str, Judgement] = {}

    # ------------------------------------------------------------ a model read as its family's member

    def _stand_ins(self) -> dict:
        """(model, benchmark) -> the one member of that model's family the primaries score on the
        benchmark, where they do not score the model itself: a write-up's "GPT-4" is the paper's
        "GPT-4 (0125)" where that is the only GPT-4 it scores. Never for a model the primaries
        score, nor where they score several of its members (which one would be a guess)."""
        entities, members = self.ledger.entities, defaultdict(set)
        for model, benchmark in self.scores:
            family = getattr(entities.get(model), "family", None)
            if family in entities and entities[family].kind.value == "model":
                members[(family, benchmark)].add(model)
        return {key: next(iter(found)) for key, found in members.items()
                if len(found) == 1 and key not in self.scores}

    def _read_as(self, model: str, benchmark: str, sources) -> str:
        member = self.stand_ins[(model, benchmark)]
        return f"read as {self.name(member)}, the {self.name(model)} {join_words(sources)} scores"

    def _primary_scores(self, model: str, benchmark: str) -> tuple[list, str | None]:
        """The primary scores of a model on a benchmark, and the member they are of when the model
        is read as the one member of its family the primaries score (else None)."""
        if (model, benchmark) in self.stand_ins:
            member = self.stand_ins[(model, benchmark)]
            return self.scores.get((member, benchmark), []), member
        return self.scores.get((model, benchmark), []), None

    # ------------------------------------------------------------ each primary's reading of the scores

    def readings(self) -> list[Reading]:
        """One reading per primary whose figures differ from another primary's (one reading when
        none do), each with what the rules find against claims on it (computed once)."""
        if self._readings is None:
            base = Index.build(self.ledger, scores_from=self.primaries)
            differing = self._differing(base)
            order = list(self.ledger.sources)
            sources = sorted({c.source for key in differing for c in base.scores[key]}, key=order.index)
            self._readings = []
            for source in sources or [None]:
                scores = defaultdict(list, {key: _preferring(claims, source) if key in differing else claims
                                            for key, claims in base.scores.items()})
                for key, member in self.stand_ins.items():  # not in ``models_on``: no model counted twice
                    scores[key] = scores[(member, key[1])]
                view = replace(base, scores=scores)
                self._readings.append(Reading(source, view, self._against(view)))
        return self._readings

    def _differing(self, base: Index) -> set:
        """The (model, benchmark) keys where two primary figures under compatible settings differ."""
        found = set()
        for key, claims in base.scores.items():
            if len(claims) > 1 and any(not _same_figure(a.value, b.value) and a.setting.compatible_with(b.setting)
                                       for n, a in enumerate(claims) for b in claims[:n] if a.source != b.source):
                found.add(key)
        return found

    def _against(self, view: Index) -> dict:
        """What every rule finds against a claim from the scores of ``view`` alone: claim id ->
        [(the scores, the rule's message)]. A finding is one claim and the scores that break it;
        findings between claims (C003, two rankings, C009's counts) are the claims' own business."""
        claims, found = self.ledger.claims, defaultdict(list)
        for rule in RULES.values():
            for finding in rule.check(view):
                first, rest = finding.claims[0], finding.claims[1:]
                if rest and claims[first].kind != "score" and all(claims[c].kind == "score" for c in rest):
                    found[first].append((rest, finding.message))
        return found

    # ------------------------------------------------------------ comparisons, rankings, tallies, denials

    def _on_scores(self, claim, exclude: str | None) -> Judgement:
        broken, held = [], []  # (reading, the scores, detail)
        for reading in self.readings():
            found = [([c for c in ids if self.ledger.claims[c].source != exclude], message)
                     for ids, message in reading.against.get(claim.id, [])]
            found = [(ids, message) for ids, message in found if ids]
            if found:
                broken.append((reading, _unique(c for ids, _ in found for c in ids),
                               "; ".join(_what_breaks(message) for _, message in found)))
                continue
            used = self._scores_used(reading.index, claim, exclude)
            if used:
                held.append((reading, used, ", ".join(self._score_words(c) for c in used)))
        read_as = self._stand_ins_used(claim, [r for r, _, _ in broken + held])
        if broken and held:
            ids = _unique(c for _, used, _ in broken + held for c in used)
            return Judgement(claim.id, UNVERIFIED, ids, disputed=True, message=(
                "the primaries disagree: " + "; ".join(
                    [f"on {reading.source}'s figures it holds ({detail})" for reading, _, detail in held]
                    + [f"on {reading.source}'s figures: {detail}" for reading, _, detail in broken]) + read_as))
        if broken:
            ids = _unique(c for _, used, _ in broken for c in used)
            details = list(dict.fromkeys(detail for _, _, detail in broken))
            detail = details[0] if len(details) == 1 else "on each primary's figures where they differ: " + "; ".join(
                f"{reading.source}'s: {detail}" for reading, _, detail in broken)
            return Judgement(claim.id, CONTRADICTS, ids,
                             f"{claim.source} misreports {self._sources_of(ids)}: checked against the primary's "
                             f"scores: {detail}{read_as}")
        if not held:
            return Judgement(claim.id, UNVERIFIED, (), "no primary gives the scores it speaks of")
        used = _unique(c for _, ids, _ in held for c in ids)
        return Judgement(claim.id, AGREES, used,
                         f"checked against the primary's scores ({self._sources_of(used)}): they agree{read_as}")

    def _stand_ins_used(self, claim, readings) -> str:
        """". GPT-4 is read as GPT-4-0125-Preview, the GPT-4 herd-paper scores" for each model of the
        claim read as a member of its family on the benchmarks the claim was checked on."""
        if not readings or not self.stand_ins:
            return ""
        view = readings[0].index
        named = set(_models_named(claim))
        notes = {}
        for benchmark in dict.fromkeys(view.benchmarks_of(claim) + view.benchmark_set(claim)):
            for model in named:
                if (model, benchmark) in self.stand_ins:
                    member = self.stand_ins[(model, benchmark)]
                    sources = dict.fromkeys(c.source for c in self.scores[(member, benchmark)])
                    notes.setdefault((model, member), sources)
        return "".join(f". {self.name(model)} is read as {self.name(member)}, the {self.name(model)} "
                       f"{join_words(sources)} scores" for (model, member), sources in notes.items())

    def _score_words(self, claim_id: str) -> str:
        claim = self.ledger.claims[claim_id]
        return f"{self.name(claim.model)} {claim.value} on {self.name(claim.benchmark)} ({claim.source})"

    def _scores_used(self, view: Index, claim, exclude) -> tuple[str, ...]:
        """The primary scores a comparison, ranking or tally is checked on; () when there are
        too few to check it (a subject and a competitor scored on a benchmark; for a tally, on
        at least its total of benchmarks). A suite is checked on its own scores or its parts'."""
        used, tested = [], 0
        for benchmark in dict.fromkeys(view.benchmarks_of(claim) + view.benchmark_set(claim)):
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
        if claim.id not in self._judged:
            exclude = claim.source if claim.source in self.primaries else None
            judge = {"score": self._score, "quantity": self._quantity, "statement": self._statement}.get(
                claim.kind, self._on_scores)
            self._judged[claim.id] = judge(claim, exclude)
        return self._judged[claim.id]

    def _score(self, claim, exclude) -> Judgement:
        if not claim.reported:
            return self._of_unreported(claim, exclude)
        found, member = self._primary_scores(claim.model, claim.benchmark)
        found = [p for p in found if p.source != exclude]
        if not any(p.setting.compatible_with(claim.setting) for p in found):
            none = self._reported_none(claim, exclude)
            if none is not None:
                return none
        if not found:
            return Judgement(claim.id, UNVERIFIED, (), "no primary gives this score")
        read_as = (", " + self._read_as(claim.model, claim.benchmark, dict.fromkeys(p.source for p in found))
                   if member else "")
        same = [p for p in found if p.setting.compatible_with(claim.setting)]
        if not same:
            settings = join_words(dict.fromkeys(p.setting.describe() for p in found))
            whose = [p for p in found if _same_figure(p.value, claim.value)]
            if whose:
                p = whose[0]
                return Judgement(claim.id, PARTLY, _ids(whose), whose=_ids(whose), message=
                                 f"{claim.value} is {p.source}'s {p.setting.describe()} figure{read_as} "
                                 f"({self._passage(p)}); the claim says {claim.setting.describe()}")
            return Judgement(claim.id, UNVERIFIED, _ids(found),
                             f"the primary gives {self.name(claim.model)} on {self.name(claim.benchmark)}{read_as} "
                             f"under another setting only ({settings}): not comparable")
        agreeing = [p for p in same if _same_figure(p.value, claim.value)]
        if agreeing and len(agreeing) < len(same):
            return self._disputed(claim, [(p, f"gives {p.value}") for p in same], read_as)
        if agreeing:
            return Judgement(claim.id, AGREES, _ids(agreeing),
                             f"{self._who(_ids(agreeing), 'gives')} {agreeing[0].value} too{read_as} "
                             f"({self._passage(agreeing[0])})")
        whose, whose_words = self._same_row(same, claim, (claim.model, member))
        gives = "; ".join(f"{claim.source} misreports {p.source}: the primary gives {p.value} for "
                          f"{self.name(claim.model)} on {self.name(claim.benchmark)}{read_as} ({self._passage(p)})"
                          for p in same)
        if whose:
            return Judgement(claim.id, PARTLY, _ids(same) + _ids(whose), whose=_ids(whose),
                             message=f"{gives}; {claim.value} is {whose_words}")
        return Judgement(claim.id, CONTRADICTS, _ids(same), gives)

    def _disputed(self, claim, sayings, read_as: str = "") -> Judgement:
        """The primaries say different things of a claim's thing: nobody settles it. ``sayings``:
        (primary claim, what it says), each given with its passage."""
        return Judgement(claim.id, UNVERIFIED, _unique(p.id for p, _ in sayings), disputed=True, message=(
            "the primaries disagree: " + ", ".join(f"{p.source} {says} ({self._passage(p)})" for p, says in sayings)
            + read_as))

    def _same_row(self, primaries, claim, models=None) -> tuple[list, str]:
        """The scores of the primaries' rows (another model's on the claim's benchmark, in the
        same primary) that are the claim's figure, and whose they are in words; ``models``: the
        claim's model and the member it is read as, whose figures are not another model's."""
        models = models or (claim.model,)
        whose = []
        for p in primaries:
            whose += [o for o in self.rows[(p.source, claim.benchmark)]
                      if o.model not in models and _same_figure(o.value, claim.value)]
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
            return Judgement(claim.id, AGREES, _ids(none), f"{self._who(_ids(none), 'reports')} no score "
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
        if agreeing and len(agreeing) < len(found):
            return self._disputed(claim, [(p, f"gives {self._figure(p)}") for p, _ in found])
        if agreeing:
            return Judgement(claim.id, AGREES, _ids(agreeing),
                             f"{self._who(_ids(agreeing), 'gives')} {self._figure(agreeing[0])} too "
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
        # what a primary says of a family it says of each member (as C005 reads it): "Llama 3.1
        # is not trained with RLHF" speaks of Llama 3.1 405B
        subjects = self.ledger.lineage(claim.subject)
        same = [p for s in subjects for p in self.statements.get((s, claim.predicate), [])
                if p.source != exclude and p.object == claim.object]
        terms = self.ledger.terms
        term = terms.term("predicates", claim.predicate) if terms.declared("predicates") else None
        opposite = getattr(term, "opposite", None)
        against = [p for p in same if p.polarity != claim.polarity]
        if opposite and claim.polarity:  # the primary asserts the opposite predicate
            against += [p for s in subjects for p in self.statements.get((s, opposite), [])
                        if p.source != exclude and p.polarity]
        agreeing = [p for p in same if p.polarity == claim.polarity]
        if against and agreeing:
            return self._disputed(claim, [(p, self._what_it_says(p, first=n == 0))
                                          for n, p in enumerate(agreeing + against)])
        if against:
            return Judgement(claim.id, CONTRADICTS, _ids(against),
                             "; ".join(f"{claim.source} misreports {p.source}: the primary "
                                       f"{self._what_it_says(p)} ({self._passage(p)})" for p in against))
        if agreeing:
            return Judgement(claim.id, AGREES, _ids(agreeing),
                             f"{self._who(_ids(agreeing), 'says')} the same ({self._passage(agreeing[0])})")
        return Judgement(claim.id, UNVERIFIED, (), "no primary says anything about it")

    def _what_it_says(self, statement, first: bool = True) -> str:
        """"says Model A trained-with-rlhf", "denies Model A ...", or after the first, "denies it"."""
        verb = "says" if statement.polarity else "denies"
        if not first:
            return f"{verb} it"
        obj = f" {statement.object}" if statement.object is not None else ""
        return f"{verb} {self.name(statement.subject)} {statement.predicate}{obj}"

    # ------------------------------------------------------------ settling a conflict

    def settle(self, rule: str, claim_ids) -> Settlement:
        if rule == _NOT_COMPARABLE or not self.primaries:
            return Settlement()
        claims = [self.ledger.claims[c] for c in claim_ids]
        own = [c for c in claims if c.source in self.primaries]
        if len(own) > 1 and self.between_primaries(rule, own):  # one claim alone makes no conflict
            names = join_words(dict.fromkeys(c.source for c in own))
            return Settlement(between_primaries=True,
                              message=f"This is between primaries ({names}): no primary settles it.")
        judged = [self.judge(c) for c in claims if c.source not in self.primaries]
        # a figure that is the primary's under another setting only is not comparable (C006's
        # ground), not a misreport: it has no deciding primary, only ``whose``
        wrong = [j for j in judged if j.status in (CONTRADICTS, PARTLY) and set(j.primary) - set(j.whose)]
        if not wrong:
            disputed = [j for j in judged if j.disputed]
            if disputed:
                return Settlement(message="No primary settles it: " + " ".join(
                    j.message.rstrip(".") + "." for j in disputed))
            return Settlement()
        # the primaries that decide it, not those named only as whose the misreported figure is
        deciding = {c for j in wrong for c in j.primary if c not in j.whose} | {c.id for c in own}
        settled_by = tuple(sorted(deciding, key=self.index.order.__getitem__))
        return Settlement(settled_by=settled_by, misreports=tuple(j.id for j in wrong),
                          message=" ".join(j.message.rstrip(".") + "." for j in wrong))

    def between_primaries(self, rule: str, own) -> bool:
        """Whether a conflict's own primary claims alone make a conflict of its rule: two
        primaries (or one against itself) disagree in it. A primary claim that is only the
        evidence a secondary claim is checked on makes none alone."""
        return next(iter(RULES[rule].check(Index.build(self.ledger, claims=own))), None) is not None

    # ------------------------------------------------------------ words

    def name(self, entity_id: str) -> str:
        return self.ledger.name(entity_id)

    def _sources_of(self, ids) -> str:
        return join_words(dict.fromkeys(self.ledger.claims[c].source for c in ids))

    def _who(self, ids, verb: str) -> str:
        """The sources of these claims and a verb that agrees with them ("herd-paper gives",
        "herd-paper and model-card give"); ``verb`` in the third person singular."""
        sources = dict.fromkeys(self.ledger.claims[c].source for c in ids)
        plural = {"gives": "give", "reports": "report", "says": "say"}[verb]
        return f"{join_words(sources)} {verb if len(sources) == 1 else plural}"

    def _figure(self, claim) -> str:
        qualifier = "" if claim.qualifier is Qualifier.EXACT else claim.qualifier.value + " "
        return f"{qualifier}{claim.value} {self.ledger.terms.label('units', claim.unit)}"

    def _passage(self, claim) -> str:
        anchor = self.ledger.anchors.get(claim.id)
        source = self.ledger.sources[claim.source]
        where = f", {source.file}:{anchor.line}:{anchor.column}" if anchor else ""
        return f'"{claim.quote}"{where}'


def _what_breaks(message: str) -> str:
    """The numbers that break a comparison, ranking, tally or denial, from what its rule says of it
    (the claim itself the conflict's message names already)."""
    rest = message.split(", but ", 1)[-1].rstrip(".")
    return rest.removeprefix("the scores say otherwise: ")


def _preferring(claims, source: str) -> list:
    """A key's primary scores as ``source`` reads them: its own figures, and the others' except
    those that differ from one of its own under a compatible setting."""
    own = [c for c in claims if c.source == source]
    return [c for c in claims if c.source == source or not any(
        o.setting.compatible_with(c.setting) and not _same_figure(o.value, c.value) for o in own)]


def _models_named(claim) -> list[str]:
    """The models a comparison, ranking, tally or denial names."""
    named = list(getattr(claim, "subjects", None) or [])
    named += getattr(claim, "objects", None) or []
    named += getattr(claim, "among", None) or []
    if getattr(claim, "subject", None):
        named.append(claim.subject)
    return named


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
