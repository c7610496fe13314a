"""What the conflict rules share: the index of claims by key, what a rule reports, and the
numeric reading of figures and relation words. The engine (``ledger.check.engine``) runs
the rules; this module never imports them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ledger.core.diagnostics import Severity
from ledger.core.ledger import Ledger
from ledger.core.model import Qualifier, Rank, Relation, Scope, Setting
from ledger.core.words import join_words


@dataclass(frozen=True)
class Finding:
    """What a rule reports; the engine turns it into a Conflict with a stable id."""

    claims: tuple[str, ...]
    message: str
    severity: Severity | None = None  # None: the rule's default


# ------------------------------------------------------------------ numbers

def interval(figure, qualifier: Qualifier, about: Decimal,
             factor: Decimal = Decimal(1)) -> tuple[Decimal | None, Decimal | None, bool, bool]:
    """(low, high, low_open, high_open) that a figure with its qualifier admits; None is unbounded.

    A figure stands for the values that round to it, [v - h, v + h): "16,000" is 15,500 up to
    but not including 16,500 (which rounds to 17,000), so "15,000" and "16,000" share no value.
    "up to" and "at least" keep that end of it; "about" widens it by a tolerance, both ends
    closed. ``factor`` converts the figure's unit to its dimension's base (a positive number):
    the interval is scaled, so the precision it was written with is kept ("16K" GPUs is
    16,000 +- 500 whatever the unit)."""
    value, half = figure.value * factor, figure.half_width * factor
    if qualifier is Qualifier.EXACT:
        return value - half, value + half, False, True
    if qualifier is Qualifier.ABOUT:
        spread = abs(value) * about
        return value - half - spread, value + half + spread, False, False
    if qualifier is Qualifier.OVER:
        return value, None, True, False
    if qualifier is Qualifier.AT_LEAST:
        return value - half, None, False, False
    if qualifier is Qualifier.UP_TO:
        return None, value + half, False, True
    return None, value, False, True  # under


def quantity_key(ledger: Ledger, claim):
    """What a quantity claim's figure can be compared with, and its unit's factor: the key
    (subject, quantity, measure, against), where the measure is the unit's dimension where the
    ledger declares units, else the unit as written; None for a quantity a subject may have
    several values of (declared ``single: false``)."""
    terms = ledger.terms
    if terms.declared("quantities"):
        term = terms.term("quantities", claim.quantity)
        if term is not None and not term.single:
            return None, Decimal(1)
    unit = terms.term("units", claim.unit) if terms.declared("units") else None
    if unit is not None:
        measure, factor = ("dimension", unit.dimension), terms.factor(unit.id)
    else:
        measure, factor = claim.unit.strip().lower(), Decimal(1)
    return (claim.subject, claim.quantity, measure, claim.against), factor


def intervals_meet(intervals) -> bool:
    """Whether some single value lies in every interval."""
    low, low_open, high, high_open = None, False, None, False
    for lo, hi, lo_open, hi_open in intervals:
        if lo is not None and (low is None or lo > low or (lo == low and lo_open)):
            low, low_open = lo, lo_open
        if hi is not None and (high is None or hi < high or (hi == high and hi_open)):
            high, high_open = hi, hi_open
    if low is None or high is None:
        return True
    return low < high or (low == high and not low_open and not high_open)


def relation_holds(relation: Relation, gap: Decimal, tolerances) -> bool:
    """Whether ``subject - object == gap`` fits the relation word. Each word admits one
    interval of gaps (``relation_holds_for_all`` relies on it)."""
    return _HOLDS[relation](gap, tolerances)


_HOLDS = {
    Relation.HIGHER: lambda gap, t: gap > 0,
    Relation.SLIGHTLY_HIGHER: lambda gap, t: 0 < gap <= t.slightly,
    Relation.SIGNIFICANTLY_HIGHER: lambda gap, t: gap >= t.significantly,
    Relation.LOWER: lambda gap, t: gap < 0,
    Relation.SLIGHTLY_LOWER: lambda gap, t: -t.slightly <= gap < 0,
    Relation.SIGNIFICANTLY_LOWER: lambda gap, t: gap <= -t.significantly,
    Relation.ON_PAR: lambda gap, t: abs(gap) <= t.on_par,
    Relation.EQUAL: lambda gap, t: gap == 0,
    Relation.AT_LEAST: lambda gap, t: gap >= -t.on_par,
    Relation.AT_MOST: lambda gap, t: gap <= t.on_par,
}


def relation_holds_for_all(relation: Relation, subjects: list[Decimal], objects: list[Decimal], tolerances) -> bool:
    """Whether the relation holds for every gap ``s - o`` (s of ``subjects``, o of ``objects``,
    both non-empty): the gaps lie between the two extreme ones, and each relation word admits
    an interval of gaps, so the extremes decide (two checks instead of one per pair)."""
    return relation_holds(relation, min(subjects) - max(objects), tolerances) \
        and relation_holds(relation, max(subjects) - min(objects), tolerances)


def relation_gaps(relation: Relation, tolerances) -> tuple[Decimal | None, Decimal | None, bool, bool]:
    """The interval of gaps (low, high, low_open, high_open; None unbounded) a relation word
    admits: the same reading as ``relation_holds``, as an interval."""
    on_par, slightly, significantly = tolerances.on_par, tolerances.slightly, tolerances.significantly
    zero = Decimal(0)
    return {
        Relation.HIGHER: (zero, None, True, False),
        Relation.SLIGHTLY_HIGHER: (zero, slightly, True, False),
        Relation.SIGNIFICANTLY_HIGHER: (significantly, None, False, False),
        Relation.LOWER: (None, zero, False, True),
        Relation.SLIGHTLY_LOWER: (-slightly, zero, False, True),
        Relation.SIGNIFICANTLY_LOWER: (None, -significantly, False, False),
        Relation.ON_PAR: (-on_par, on_par, False, False),
        Relation.EQUAL: (zero, zero, False, False),
        Relation.AT_LEAST: (-on_par, None, False, False),
        Relation.AT_MOST: (None, on_par, False, False),
    }[relation]


def relation_implies(stronger: Relation, weaker: Relation, tolerances) -> bool:
    """Whether every gap ``stronger`` admits is one ``weaker`` admits ("significantly higher"
    implies "higher"; "equal" implies "on par")."""
    return gaps_within(relation_gaps(stronger, tolerances), relation_gaps(weaker, tolerances))


def gaps_within(inner, outer) -> bool:
    """Whether the interval of gaps ``inner`` lies in ``outer`` (both as ``relation_gaps`` gives)."""
    low, high, low_open, high_open = inner
    w_low, w_high, w_low_open, w_high_open = outer
    low_ok = w_low is None or (low is not None and (low > w_low or (low == w_low and (low_open or not w_low_open))))
    high_ok = w_high is None or (high is not None and (high < w_high or (high == w_high and (high_open or not w_high_open))))
    return low_ok and high_ok


def relations_exclusive(one: Relation, other: Relation, tolerances) -> bool:
    """Whether no gap fits both relation words ("higher" and "lower"; not "higher" and "on par")."""
    return not intervals_meet([relation_gaps(one, tolerances), relation_gaps(other, tolerances)])


def best_competitors(index: "Index", scores) -> str:
    """"best competitor GPT-4o 100.0", or every model tied for it ("best competitors GPT-4-0125-Preview
    and GPT-4o 100.0"): naming one of a tie would depend on the order the claims were read in."""
    top = max(s.value.value for s in scores)
    tied = [s for s in scores if s.value.value == top]
    names = sorted({index.name(s.model) for s in tied})
    return f"best competitor{'s' if len(names) > 1 else ''} {join_words(names)} {min(str(s.value) for s in tied)}"


RELATION_WORDS = {
    Relation.HIGHER: "higher than",
    Relation.SLIGHTLY_HIGHER: "slightly higher than",
    Relation.SIGNIFICANTLY_HIGHER: "significantly higher than",
    Relation.LOWER: "lower than",
    Relation.SLIGHTLY_LOWER: "slightly lower than",
    Relation.SIGNIFICANTLY_LOWER: "significantly lower than",
    Relation.ON_PAR: "on par with",
    Relation.EQUAL: "equal to",
    Relation.AT_LEAST: "at least on par with",
    Relation.AT_MOST: "at most on par with",
}


# ------------------------------------------------------------------ settings

@dataclass(frozen=True)
class SettingGroup:
    """Scores of one benchmark that measure the same thing: their settings are pairwise
    compatible (``Setting.compatible_with``). ``setting`` is what its members state (each
    part as the one value stated in it, unstated where none states it); ``keys`` are the
    members' settings as (shots, cot)."""

    setting: Setting
    keys: frozenset

    def holds(self, score) -> bool:
        return (score.setting.shots, score.setting.cot) in self.keys

    def of(self, scores) -> list:
        return [s for s in scores if self.holds(s)]


def setting_groups(keys) -> list[SettingGroup]:
    """The largest groups of settings (``(shots, cot)`` pairs) that are pairwise compatible:
    one per choice of a stated shots count and a stated CoT, holding the settings that state
    those or leave them unstated, so a setting that leaves a part unstated is in every group
    it fits ((8, CoT) and (0, CoT) make two groups; an unstated setting is in both). A group
    inside another is left out: it is no reading of its own."""
    keys = set(keys)
    shots = sorted({s for s, _ in keys if s is not None}) or [None]
    cots = sorted({c for _, c in keys if c is not None}) or [None]
    found = {}
    for sh in shots:
        for co in cots:
            members = frozenset(k for k in ((sh, co), (sh, None), (None, co), (None, None)) if k in keys)
            if members and members not in found:
                stated_shots = next((s for s, _ in members if s is not None), None)
                stated_cot = next((c for _, c in members if c is not None), None)
                found[members] = SettingGroup(Setting(shots=stated_shots, cot=stated_cot), members)
    # a handful of groups per benchmark (one per stated shots count and CoT): pairs are cheap
    return [g for members, g in found.items() if not any(members < other for other in found)]


# ------------------------------------------------------------------ the index

@dataclass
class Index:
    """Claims grouped by the keys the rules look up; built once, in one pass."""

    ledger: Ledger
    scores: dict = field(default_factory=lambda: defaultdict(list))  # (model, benchmark) -> [Score]
    # (model, benchmark) -> scores a source says it does not report (``reported: false``): never
    # among ``scores`` or ``models_on``, so no figure is ever read from them
    unreported: dict = field(default_factory=lambda: defaultdict(list))
    models_on: dict = field(default_factory=lambda: defaultdict(list))  # benchmark -> [model ids]
    benchmarks_in: dict = field(default_factory=lambda: defaultdict(list))  # category -> [benchmark ids]
    by_kind: dict = field(default_factory=lambda: defaultdict(list))
    order: dict = field(default_factory=dict)  # claim id -> position in the ledger

    @classmethod
    def build(cls, ledger: Ledger, scores_from=None, claims=None) -> "Index":
        """The index of every claim; with ``scores_from`` (source ids), of the scores of those
        sources only (every other claim kept), to check claims against those scores alone; with
        ``claims``, of those claims only (whether some claims alone make a conflict)."""
        index = cls(ledger)
        for entity in ledger.entities.values():
            if entity.category is not None:
                index.benchmarks_in[entity.category.value].append(entity.id)
        index.order = dict(zip(ledger.claims, range(len(ledger.claims))))
        by_kind, scores, models_on = index.by_kind, index.scores, index.models_on
        for claim in ledger.claims.values() if claims is None else claims:
            kind = claim.kind
            by_kind[kind].append(claim)
            if kind == "score" and (scores_from is None or claim.source in scores_from):
                key = (claim.model, claim.benchmark)
                if not claim.reported:
                    index.unreported[key].append(claim)
                    continue
                group = scores.get(key)
                if group is None:
                    scores[key] = [claim]
                    models_on[claim.benchmark].append(claim.model)
                else:
                    group.append(claim)
        return index

    def source_of(self, claim_id: str) -> str:
        return self.ledger.claims[claim_id].source

    def name(self, entity_id: str) -> str:
        return self.ledger.name(entity_id)

    def names(self, ids) -> str:
        return join_words(self.name(i) for i in ids)

    def benchmarks_of(self, claim) -> list[str]:
        """The benchmarks a claim speaks of: its own, those of its category or of its capability's
        categories, or (``overall``) every benchmark some model is scored on. A suite stands for
        itself here (its own scores): ``benchmark_set`` reads a suite as its parts."""
        if getattr(claim, "benchmark", None):
            return [claim.benchmark]
        if getattr(claim, "benchmarks", None):
            return list(claim.benchmarks)
        if getattr(claim, "overall", None):
            return self.scored_benchmarks()
        if getattr(claim, "capability", None):
            return self.capability_benchmarks(claim.capability)
        return list(self.benchmarks_in.get(claim.category.value, [])) if claim.category else []

    def capability_benchmarks(self, capability: str) -> list[str]:
        """The benchmarks of a declared capability's categories, in the ledger's order (once)."""
        known = self.__dict__.setdefault("_capabilities", {})
        if capability not in known:
            categories = set(self.ledger.terms.categories_of(capability))
            known[capability] = [e.id for e in self.ledger.entities.values()
                                 if e.category is not None and e.category.value in categories]
        return known[capability]

    # -- suites
    def parts(self, suite: str) -> list[str]:
        """The benchmarks that are, directly or through sub-suites, parts of a suite, in the
        ledger's order ([] for a benchmark that is no suite); computed once."""
        if "_parts" not in self.__dict__:
            direct: dict[str, list[str]] = defaultdict(list)
            for entity in self.ledger.entities.values():
                if entity.part_of:
                    direct[entity.part_of].append(entity.id)
            self.__dict__["_direct_parts"], self.__dict__["_parts"] = direct, {}
        known, direct = self.__dict__["_parts"], self.__dict__["_direct_parts"]
        if suite not in known:
            found, todo = [], list(direct.get(suite, ()))
            while todo:
                part = todo.pop(0)
                if part != suite and part not in found:  # a cycle is S008; never loop on one
                    found.append(part)
                    todo += direct.get(part, ())
            known[suite] = found
        return known[suite]

    def leaves(self, benchmark: str) -> list[str]:
        """A suite's parts that have no parts of their own; a benchmark that is no suite itself."""
        parts = self.parts(benchmark)
        return [p for p in parts if not self.parts(p)] if parts else [benchmark]

    def benchmark_set(self, claim) -> list[str]:
        """The benchmarks whose scores decide a claim: a suite read as its parts (its leaves), a
        category's or a capability's benchmarks (each suite among them read as its parts, so a
        suite and its tasks are not counted twice), listed benchmarks likewise; ``overall``:
        every benchmark with a score."""
        return list(dict.fromkeys(leaf for b in self.benchmarks_of(claim) for leaf in self.leaves(b)))

    def target_key(self, claim) -> tuple:
        """What a claim is about, as a key: ("benchmark", id), ("benchmarks", ids), ("category",
        name), ("capability", id) or ("overall",)."""
        if getattr(claim, "benchmark", None):
            return ("benchmark", claim.benchmark)
        if getattr(claim, "benchmarks", None):
            return ("benchmarks", frozenset(claim.benchmarks))
        if getattr(claim, "overall", None):
            return ("overall",)
        if getattr(claim, "capability", None):
            return ("capability", claim.capability)
        return ("category", claim.category.value)

    def scope_counts(self, claim) -> bool:
        """Whether a claim's scope (all, most, some) says how many of several benchmarks: any
        target but one benchmark that is no suite."""
        return not getattr(claim, "benchmark", None) or bool(self.parts(claim.benchmark))

    def scored_benchmarks(self) -> list[str]:
        """Every benchmark with a score, in the ledger's order of entities (computed once)."""
        found = self.__dict__.get("_scored")
        if found is None:
            found = self.__dict__["_scored"] = [e for e in self.ledger.entities if e in self.models_on]
        return found

    def members(self, family: str) -> list[str]:
        """The models of a family (and of the families below it), computed once per family."""
        known = self.__dict__.setdefault("_members", {})
        if family not in known:
            known[family] = self.ledger.members(family)
        return known[family]

    def competitors(self, claim, benchmark) -> list[str]:
        """Whom a ranking or tally ranks its subjects among on a benchmark: ``among``, the
        members of its ``within`` family, or else every model with a score on it."""
        if claim.among is not None:
            return claim.among
        if getattr(claim, "within", None) is not None:
            return self.members(claim.within)
        return self.models_on.get(benchmark, [])

    # -- settings: rankings and tallies are judged within groups of comparable scores
    def setting_groups(self, benchmark) -> list[SettingGroup]:
        """The benchmark's groups of comparable scores (``setting_groups``), computed once."""
        known = self.__dict__.setdefault("_setting_groups", {})
        found = known.get(benchmark)
        if found is None:
            keys = {(s.setting.shots, s.setting.cot)
                    for m in self.models_on.get(benchmark, ()) for s in self.scores[(m, benchmark)]}
            found = known[benchmark] = setting_groups(keys)
        return found

    def judging_groups(self, claim, benchmark, subjects, competitors) -> list[SettingGroup]:
        """The groups that judge a ranking's or tally's ``subjects`` against ``competitors`` on a
        benchmark: those holding a score of a subject and one of a competitor; of those, the ones
        holding a subject's score from the claim's own source, when some do (a source ranks from
        its own figures). The claim breaks on the benchmark only when it fails in every one."""
        mine = [s for m in subjects for s in self.scores.get((m, benchmark), ())]
        if not mine:
            return []
        theirs = [o for m in competitors if m not in subjects for o in self.scores.get((m, benchmark), ())]
        tested = [g for g in self.setting_groups(benchmark)
                  if any(map(g.holds, mine)) and any(map(g.holds, theirs))]
        own = [g for g in tested if any(g.holds(s) for s in mine if s.source == claim.source)]
        return own or tested

    def under(self, benchmark, group: SettingGroup) -> str:
        """The benchmark's name, with the group's setting when the benchmark has several groups."""
        if len(self.setting_groups(benchmark)) < 2:
            return self.name(benchmark)
        return f"{self.name(benchmark)} ({group.setting.describe()})"

    def ranking_on(self, claim, benchmark, others) -> tuple[bool, list]:
        """A ranking's outcome on one benchmark against the competitors ``others``: whether some
        group judges it there, and, when it fails in every judging group, each failure as
        (group, subject's score, the competitors' scores that break it, how); [] when it holds."""
        failures = []
        for group in self.judging_groups(claim, benchmark, claim.subjects, others):
            theirs = group.of(o for m in others for o in self.scores.get((m, benchmark), ()))
            found = []
            for own in group.of(s for m in claim.subjects for s in self.scores.get((m, benchmark), ())):
                bad, how = rank_breakers(claim.rank, own, theirs)
                if bad:
                    found.append((group, own, bad, how))
            if not found:
                return True, []
            failures += found
        return bool(failures), failures

    def tally_on(self, claim, benchmark, competitors) -> list:
        """A tally's reading of one benchmark: (group, subject's scores, competitors' scores,
        whether the relation holds against every one) per judging group; [] when none judges."""
        tolerances = self.ledger.settings.tolerances
        outcomes = []
        for group in self.judging_groups(claim, benchmark, [claim.subject], competitors):
            mine = group.of(self.scores.get((claim.subject, benchmark), ()))
            theirs = group.of(o for m in competitors if m != claim.subject for o in self.scores.get((m, benchmark), ()))
            outcomes.append((group, mine, theirs, relation_holds_for_all(
                claim.relation, [s.value.value for s in mine], [o.value.value for o in theirs], tolerances)))
        return outcomes

    def broken_pairs(self, relation, subject, obj, benchmark):
        """Score pairs (subject's, object's) on the benchmark whose gap breaks the relation,
        and how many pairs there are."""
        firsts = self.scores.get((subject, benchmark))
        seconds = self.scores.get((obj, benchmark)) if firsts else None
        if not seconds:  # the usual case for a category's benchmarks: nothing to test
            return [], 0
        tolerances = self.ledger.settings.tolerances
        # a 5-shot figure against a CoT one measures nothing (C006 notes them); unstated settings meet any
        pairs = [(s, o) for s in firsts for o in seconds if s.setting.compatible_with(o.setting)]
        return ([(s, o) for s, o in pairs if not relation_holds(relation, s.value.value - o.value.value, tolerances)],
                len(pairs))

    def comparison_on(self, claim, benchmark):
        """A comparison's outcome on one benchmark: the score pairs that break it and how many
        pairs of its subjects' and objects' scores there are (0: nothing to test)."""
        broken, tested = [], 0
        for subject in claim.subjects:
            for obj in claim.objects:
                if subject != obj:
                    pairs, count = self.broken_pairs(claim.relation, subject, obj, benchmark)
                    broken += pairs
                    tested += count
        return broken, tested

    def target_name(self, claim) -> str:
        if getattr(claim, "benchmark", None):
            return self.name(claim.benchmark)
        if getattr(claim, "benchmarks", None):
            return self.names(claim.benchmarks)
        if getattr(claim, "overall", None):
            return "all benchmarks"
        if getattr(claim, "capability", None):
            return f"{self.ledger.terms.label('capabilities', claim.capability)} benchmarks"
        return f"{claim.category.value} benchmarks"


def scope_fails(scope: Scope, held: int, tested: int) -> bool:
    """Whether a claim over several benchmarks is broken, holding on ``held`` of the ``tested``
    ones (those with scores to test it; tested > 0): scope all breaks on any benchmark, most when
    it holds on at most half, some when it holds on none."""
    if scope is Scope.MOST:
        return held <= tested / 2
    if scope is Scope.SOME:
        return held == 0
    return held < tested


def count_range(readings) -> tuple[int, int]:
    """The fewest and the most benchmarks a tally can count, each benchmark read in one of its
    judging groups (``readings``: (benchmark, [(group, mine, theirs, holds)]) as ``Index.tally_on``
    gives): a benchmark counts in every reading when it holds in every group, in some when in one.
    A tally is broken only when its count is none of these."""
    fewest = sum(all(holds for *_, holds in outcomes) for _, outcomes in readings)
    most = sum(any(holds for *_, holds in outcomes) for _, outcomes in readings)
    return fewest, most


def scope_holds(scope: Scope, held: int, size: int) -> bool:
    """Whether the scores make a claim over ``size`` benchmarks true, holding on ``held`` of them
    (a benchmark without scores to test it is not one where it holds): all needs every one, most
    more than half, some one."""
    if scope is Scope.MOST:
        return held > size / 2
    if scope is Scope.SOME:
        return held > 0
    return size > 0 and held == size


def rank_breakers(rank: Rank, own, theirs: list) -> tuple[list, str]:
    """The competitors' scores (``theirs``) that break a subject's rank with its score ``own``,
    and how ("above", "below", "2 model(s) above"): one scoring higher than a subject ranked
    first, lower than one ranked last; for second, anything but exactly one model above
    ([own] when there is none)."""
    if rank is Rank.FIRST:
        return [o for o in theirs if o.value.value > own.value.value], "above"
    if rank is Rank.LAST:
        return [o for o in theirs if o.value.value < own.value.value], "below"
    if rank is Rank.SECOND:
        above = [o for o in theirs if o.value.value > own.value.value]
        models = len({o.model for o in above})
        return ([] if models == 1 else above or [own]), f"{models} model(s) above"
    return [], ""


def gap_lines(index: Index, pairs) -> list[str]:
    """``(benchmark, subject score, object score)`` pairs in words, one line per pair of figures
    naming every source that gives them: two sources copying one table say a gap once, not once
    per pairing of their sources."""
    from ledger.core.numbers import format_number

    figures: dict[tuple, tuple[dict, dict]] = {}
    for benchmark, s, o in pairs:
        key = (benchmark, s.model, str(s.value), o.model, str(o.value), s.value.value - o.value.value)
        by, other_by = figures.setdefault(key, ({}, {}))
        by[s.source] = other_by[o.source] = None
    return [f"{index.name(benchmark)}: {index.name(model)} {value} ({', '.join(sorted(by))}) vs "
            f"{index.name(other)} {other_value} ({', '.join(sorted(other_by))}), a gap of {format_number(gap)}"
            for (benchmark, model, value, other, other_value, gap), (by, other_by) in figures.items()]


def ranking_failures(index: Index, benchmark: str, failures) -> tuple[list[str], list]:
    """``Index.ranking_on``'s failures on a benchmark in words, and the scores they rest on: a
    second place with too many models above it, or each model that beats (or trails) the
    ranked one."""
    problems, evidence = [], []
    for group, own, bad, how in failures:
        evidence += [own] + bad
        on = index.under(benchmark, group)
        if how.endswith("model(s) above"):
            problems.append(f"on {on} {index.name(own.model)} {own.value} ({own.source}) has {how} it")
        else:
            problems += [f"on {on} {index.name(o.model)} scores {o.value} ({o.source}), {how} "
                         f"{index.name(own.model)} {own.value} ({own.source})" for o in bad]
    return problems, evidence


def said(claim) -> str:
    """A claim's passage for a message: its source and its quote, long ones cut."""
    quote = " ".join(claim.quote.split())
    return f'{claim.source} ("{quote if len(quote) <= 90 else quote[:87].rstrip() + "..."}")'


def where(index: Index, claim_ids) -> str:
    sources = sorted({index.source_of(c) for c in claim_ids})
    if len(sources) == 1:
        return f"Within {sources[0]}"
    return "Between " + join_words(sources)
