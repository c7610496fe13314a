"""The ledger's data model: sources, entities, typed claims, reviews.

Models are strict (unknown fields are errors, no silent type coercion) and frozen.
Where a claim sits in ``claims.yaml`` is kept by the loader next to the model,
not inside it, so equality and export are about content only.
"""

from __future__ import annotations

import functools
import re
import typing
from decimal import Decimal
from enum import Enum
from typing import Annotated, ClassVar, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from ledger.core.ids import ID_PATTERN
from ledger.core.numbers import parse_figure
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=200)]
Text = Annotated[str, Field(min_length=1)]


class Refers:
    """Field metadata: the field names entities of these kinds (none given: of any kind).
    ``ClaimBase.entity_refs`` and the tables at the end of this module are derived from it."""

    __slots__ = ("kinds",)

    def __init__(self, *kinds: str) -> None:
        self.kinds = kinds

    def __repr__(self) -> str:
        return f"Refers{self.kinds!r}"


def referred_kinds(field) -> tuple[str, ...] | None:
    """The entity kinds a model field (its ``FieldInfo``) may name, from its ``Refers`` mark
    (empty: any kind); None when it names no entity."""
    return next((mark.kinds for mark in field.metadata if isinstance(mark, Refers)), None)


# A figure is a number a write-up prints: at most this many digits, and an exponent (1e25)
# within this range. Past them, a figure is refused (S001) instead of being carried through
# arithmetic and messages as a thousand-digit number, or overflowing it (1e999999999).
MAX_FIGURE_DIGITS = 40
MAX_FIGURE_EXPONENT = 100
_EXPONENT = re.compile(r"(?:[eE]|[×x]\s?10\^)([-+]?)(\d+)")


def _insane(written: str) -> str | None:
    """Why ``written`` is not a sane figure, or None."""
    exponent = _EXPONENT.search(written)
    digits = sum(map(str.isdigit, written[:exponent.start()] if exponent else written))
    if digits > MAX_FIGURE_DIGITS:
        return f"a figure of {digits:,} digits (a figure has at most {MAX_FIGURE_DIGITS})"
    if exponent and (len(exponent.group(2)) > 4 or int(exponent.group(2)) > MAX_FIGURE_EXPONENT):
        sign, value = exponent.group(1).replace("+", ""), exponent.group(2).lstrip("0")
        shown = sign + (value if len(value) <= 12 else value[:9] + "...")
        return (f"a figure with the exponent {shown} (a figure's exponent is between "
                f"-{MAX_FIGURE_EXPONENT} and {MAX_FIGURE_EXPONENT})")
    return None


class Figure:
    """A number as a source writes it: exact value, and the rounding its precision implies."""

    __slots__ = ("written", "value", "half_width")

    def __init__(self, written: str) -> None:
        insane = _insane(written)
        if insane is not None:
            raise ValueError(insane)
        parsed = parse_figure(written)
        if parsed is None:
            raise ValueError(
                f"{written!r} is not a number; write it as the source does, e.g. 88.6, \"16,000\", 128k"
            )
        self.written = written
        self.value, self.half_width = parsed

    def __eq__(self, other) -> bool:
        return isinstance(other, Figure) and self.written == other.written

    def __hash__(self) -> int:
        return hash(self.written)

    def __repr__(self) -> str:
        return f"Figure({self.written!r})"

    def __str__(self) -> str:
        return self.written

    def as_json(self) -> int | float:
        return int(self.value) if self.value == self.value.to_integral_value() and "." not in self.written else float(self.value)


def _to_figure(raw) -> Figure:
    if isinstance(raw, Figure):
        return raw
    if isinstance(raw, bool) or raw is None:
        raise ValueError("expected a number")
    if isinstance(raw, int) and raw.bit_length() > 4 * MAX_FIGURE_DIGITS:  # str() of it may not even work
        raise ValueError(f"a figure of more than {MAX_FIGURE_DIGITS} digits (a figure has at most {MAX_FIGURE_DIGITS})")
    if isinstance(raw, (int, Decimal)):
        return _figure(str(raw))
    if isinstance(raw, float):
        return _figure(repr(raw))
    if isinstance(raw, str):
        return _figure(raw)
    raise ValueError("expected a number")


def _figure(written: str) -> Figure:
    return _known_figure(written) if len(written) <= 24 else Figure(written)


@functools.lru_cache(maxsize=8192)
def _known_figure(written: str) -> Figure:
    """One Figure per way of writing a number: a figure never changes, and a large ledger
    writes a few thousand distinct ones a million times (reading one costs microseconds)."""
    return Figure(written)


# What ``parse_figure`` reads, for editors (the JSON Schema); the validator above is the authority.
FIGURE_PATTERN = (r"^\s*[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+|\s?[×x]\s?10\^[-+]?\d+)?"
                  r"\s?(thousand|million|billion|trillion|bn|[kKmMbBtT])?\s*%*\s*$")
FIGURE_JSON_SCHEMA = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": FIGURE_PATTERN}],
    "description": "A figure as the source writes it: 88.6, 88.60 (precision kept), \"16,000\", 128k, \"405 billion\", \"3.8 × 10^25\".",
}

FigureField = Annotated[
    Figure,
    BeforeValidator(_to_figure),
    PlainSerializer(lambda figure: figure.as_json(), return_type=Union[int, float]),
    WithJsonSchema(FIGURE_JSON_SCHEMA),
]


def _to_decimal(raw) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, (int, Decimal, float)):
        raise ValueError("expected a number")
    oversized = (f"expected a number of at most {MAX_FIGURE_DIGITS} digits, "
                 f"its exponent between -{MAX_FIGURE_EXPONENT} and {MAX_FIGURE_EXPONENT}")
    if isinstance(raw, int) and raw.bit_length() > 4 * MAX_FIGURE_DIGITS:
        raise ValueError(oversized)
    value = Decimal(str(raw))
    if not value.is_finite() or value < 0:
        raise ValueError("expected a finite, non-negative number")
    if value and (len(value.as_tuple().digits) > MAX_FIGURE_DIGITS or abs(value.adjusted()) > MAX_FIGURE_EXPONENT):
        raise ValueError(oversized)
    return value


Tolerance = Annotated[Decimal, BeforeValidator(_to_decimal), PlainSerializer(float, return_type=float),
                      WithJsonSchema({"type": "number", "minimum": 0})]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, arbitrary_types_allowed=True)


# ------------------------------------------------------------------ settings

class Tolerances(Strict):
    """Numeric meaning of relation words, in the benchmark's points (``about`` is relative)."""

    on_par: Tolerance = Decimal("1.0")
    slightly: Tolerance = Decimal("2.0")
    significantly: Tolerance = Decimal("3.0")
    about: Tolerance = Decimal("0.1")


class Settings(Strict):
    tolerances: Tolerances = Tolerances()


# ------------------------------------------------------------------ sources

class Setting(Strict):
    shots: Annotated[int, Field(ge=0, le=1000)] | None = None
    cot: bool | None = None

    def describe(self) -> str:
        parts = []
        if self.shots is not None:
            parts.append(f"{self.shots}-shot")
        if self.cot is not None:
            parts.append("CoT" if self.cot else "no CoT")
        return ", ".join(parts) or "setting unstated"

    def compatible_with(self, other: "Setting") -> bool:
        """Whether two scores under these settings measure the same thing: every part both
        state is the same (an unstated part matches anything)."""
        return all(x is None or y is None or x == y
                   for x, y in ((self.shots, other.shots), (self.cot, other.cot)))



class SourceKind(str, Enum):
    BLOG_POST = "blog-post"
    ARTICLE = "article"
    VIDEO_SUMMARY = "video-summary"
    PAPER = "paper"
    MODEL_CARD = "model-card"
    NEWS = "news"
    OTHER = "other"


class Role(str, Enum):
    """Who published a source: the authors of what it reports (``primary``: a paper, a model
    card, the lab's announcement), or anyone else (``secondary``: a write-up about it)."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


def _exactly_one(*fields: str) -> dict:
    """JSON Schema for "exactly one of these fields is given (and not null)": the model
    validators below say the same to the loader; this says it to editors."""
    return {"oneOf": [{"required": [name], "properties": {name: {"not": {"type": "null"}}}} for name in fields]}


class Skip(Strict):
    """A part of a source deliberately left without claims: whole lines, or one passage."""

    model_config = ConfigDict(json_schema_extra=_exactly_one("lines", "quote"))

    lines: Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=2, max_length=2)] | None = None
    quote: Annotated[str, Field(min_length=3)] | None = None  # a passage inside a line, anchored like a claim's
    reason: Text

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.lines is None) == (self.quote is None):
            raise ValueError("give either 'lines: [first, last]' or 'quote' (exactly one)")
        return self


class Footnote(Strict):
    """A table footnote marker (the paper's ♢) and the setting it gives the cells that carry it;
    ``quote`` is the footnote's text, found in the source like a claim's quote."""

    marker: Text
    quote: Annotated[str, Field(min_length=3)]
    setting: Setting


class Source(Strict):
    id: Id
    file: Text
    title: Text
    authors: list[Text] = []
    publisher: str | None = None
    published: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    url: str | None = None
    kind: Annotated[SourceKind, Field(strict=False)]
    role: Annotated[Role, Field(strict=False)] = Role.SECONDARY
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    skips: list[Skip] = []
    footnotes: list[Footnote] = []


# ------------------------------------------------------------------ entities

class EntityKind(str, Enum):
    MODEL = "model"
    MODEL_FAMILY = "model-family"
    BENCHMARK = "benchmark"
    PRODUCT = "product"
    ORGANISATION = "organisation"
    DATASET = "dataset"
    HARDWARE = "hardware"
    LICENCE = "licence"


class Category(str, Enum):
    GENERAL = "general"
    CODE = "code"
    MATH = "math"
    REASONING = "reasoning"
    TOOL_USE = "tool-use"
    LONG_CONTEXT = "long-context"
    MULTILINGUAL = "multilingual"
    HUMAN_PREFERENCE = "human-preference"
    PRIVATE = "private"


_MODELS = Refers("model", "model-family")
_BENCHMARK = Refers("benchmark")
_ANY = Refers()


class ScopedAlias(Strict):
    """A name an entity goes by in one source only ("Llama 3 405B" in the paper that says it
    calls Llama 3.1 so), with the passage of that source that says so."""

    name: Text
    source: Id
    quote: Annotated[str, Field(min_length=3)]


class Entity(Strict):
    id: Id
    kind: Annotated[EntityKind, Field(strict=False)]
    name: Text
    aliases: list[Text | ScopedAlias] = []
    family: Annotated[Id | None, _MODELS] = None
    category: Annotated[Category, Field(strict=False)] | None = None
    metric: str | None = None
    unit: str | None = None
    # the suite this benchmark is a task or split of (InfiniteBench/En.MC of InfiniteBench): a
    # claim about the suite is checked against its parts' scores, never a part's score as the suite's
    part_of: Annotated[Id | None, _BENCHMARK] = None

    @model_validator(mode="after")
    def _fields_fit_kind(self):
        if self.kind is not EntityKind.BENCHMARK:
            for name in ("category", "metric", "unit", "part_of"):
                if getattr(self, name) is not None:
                    raise ValueError(f"'{name}' is for benchmarks only; this entity is a {self.kind.value}")
        elif self.category is None:
            raise ValueError("a benchmark needs a 'category'")
        if self.family is not None and self.kind not in (EntityKind.MODEL, EntityKind.MODEL_FAMILY):
            raise ValueError("'family' is for models and model families only")
        return self

    def names(self, source: str | None = None) -> list[str]:
        """The entity's name and plain aliases, and the aliases scoped to ``source`` (if given)."""
        return [self.name] + [alias if isinstance(alias, str) else alias.name for alias in self.aliases
                              if isinstance(alias, str) or alias.source == source]


# ------------------------------------------------------------------ claims

class Topic(str, Enum):
    BENCHMARK = "benchmark"
    EVALUATION = "evaluation"
    DATA_PRACTICE = "data-practice"
    SAFETY = "safety"
    MODEL = "model"
    INFRASTRUCTURE = "infrastructure"
    LICENSING = "licensing"
    RELEASE = "release"


class Relation(str, Enum):
    HIGHER = "higher"
    SLIGHTLY_HIGHER = "slightly-higher"
    SIGNIFICANTLY_HIGHER = "significantly-higher"
    LOWER = "lower"
    SLIGHTLY_LOWER = "slightly-lower"
    SIGNIFICANTLY_LOWER = "significantly-lower"
    ON_PAR = "on-par"
    EQUAL = "equal"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"


class Scope(str, Enum):
    ALL = "all"
    MOST = "most"
    SOME = "some"


class Rank(str, Enum):
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    LAST = "last"


class Qualifier(str, Enum):
    EXACT = "exact"
    ABOUT = "about"
    OVER = "over"
    AT_LEAST = "at-least"
    UP_TO = "up-to"
    UNDER = "under"


Labels = Annotated[list[Text], Field(min_length=1)]


class Cell(Strict):
    """A cell of a table in the claim's source, by its row's label and its column's header
    (a list: several cells of the row read left to right, or headers from the top down);
    ``table``: the table's caption or nearest heading (a part of it), or its 1-based position."""

    table: Annotated[str, Field(min_length=1)] | Annotated[int, Field(ge=1)] | None = None
    row: Text | Labels
    column: Text | Labels

    def describe(self) -> str:
        """The cell in words: "table 'Table 2', row 'Tool use' / 'BFCL', column 'GPT-4o'"."""
        def labels(value) -> str:
            return " / ".join(repr(label) for label in ([value] if isinstance(value, str) else value))

        table = [] if self.table is None else [f"table {self.table!r}" if isinstance(self.table, str) else f"table {self.table}"]
        return ", ".join(table + [f"row {labels(self.row)}", f"column {labels(self.column)}"])


def _claim_schema(*exactly_one: str) -> dict:
    """A claim's JSON Schema extras: a ``quote`` or a ``cell`` (or both), and exactly one of
    ``exactly_one`` where given."""
    extra = {"anyOf": [{"required": ["quote"]}, {"required": ["cell"]}]}
    return {**_exactly_one(*exactly_one), **extra} if exactly_one else extra


class ClaimBase(Strict):
    model_config = ConfigDict(json_schema_extra=_claim_schema())

    id: Id
    source: Id
    # left out, a cell's text is the quote (``cell``); the anchoring stage fills it in
    quote: Annotated[str, Field(min_length=3)] | None = None
    topic: Annotated[Topic, Field(strict=False)]
    note: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrence: Annotated[int, Field(ge=1)] | None = None
    cell: Cell | None = None

    @model_validator(mode="after")
    def _quote_or_cell(self):
        if self.quote is None and self.cell is None:
            raise ValueError("give a 'quote' (the passage of the source), or a 'cell' of a table in it")
        return self

    def numbers(self) -> dict[str, Decimal]:
        """The numbers this claim states, by field name: each must appear in the quote."""
        return {}

    # (field, allowed entity kinds, holds a list) of each field marked ``Refers``: the
    # claim's own fields first, then those it inherits (``_own_fields_first``)
    ENTITY_FIELDS: ClassVar[tuple[tuple[str, tuple[str, ...], bool], ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        fields = cls.model_fields
        cls.ENTITY_FIELDS = tuple((name, referred_kinds(fields[name]), _holds_list(fields[name].annotation))
                                  for name in _own_fields_first(cls) if referred_kinds(fields[name]) is not None)

    def entity_refs(self) -> list[tuple[tuple, str, tuple[str, ...]]]:
        """(field path, entity id, allowed kinds; empty: any) for every entity this claim names."""
        refs = []
        for name, kinds, many in self.ENTITY_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if many:
                refs += [((name, i), entity, kinds) for i, entity in enumerate(value)]
            else:
                refs.append(((name,), value, kinds))
        return refs


def _own_fields_first(cls) -> list[str]:
    """A claim class's fields below ``ClaimBase``: those it declares first, in order, then
    those of its bases (a comparison's subjects before the benchmark it inherits)."""
    names: list[str] = []
    for klass in cls.__mro__:
        if klass is ClaimBase:
            break
        names += [n for n in klass.__dict__.get("__annotations__", {}) if n in cls.model_fields and n not in names]
    return names


def _holds_list(annotation) -> bool:
    """Whether a field's type is a list (or an optional one)."""
    return typing.get_origin(annotation) is list or any(
        typing.get_origin(option) is list for option in typing.get_args(annotation))


# Claim fields whose values recur from claim to claim: the names of sources and entities,
# small vocabularies and settings. A large ledger keeps one copy of each value
# (``read.validate._share_parts``; figures are already one per way of writing, ``_known_figure``);
# the fields that hold a claim's own text are not listed.
RECURRING_FIELDS = frozenset({
    "source", "model", "benchmark", "setting", "metric", "unit", "subject", "subjects",
    "objects", "among", "benchmarks", "quantity", "against", "predicate", "qualifiers", "within", "capability",
})



class _OnBenchmarkOrCategory(ClaimBase):
    """A claim about one benchmark, the benchmarks of a category, those of a declared capability,
    or every benchmark (``overall: true``); ``overall`` and ``capability`` are declared by the
    kinds that take them, as their last fields (the JSON contract only adds keys)."""

    model_config = ConfigDict(json_schema_extra=_claim_schema("benchmark", "category", "overall", "capability"))

    benchmark: Annotated[Id | None, _BENCHMARK] = None
    category: Annotated[Category, Field(strict=False)] | None = None

    @model_validator(mode="after")
    def _one_target(self):
        given = [self.benchmark, self.category, getattr(self, "overall", None), getattr(self, "capability", None)]
        if sum(value is not None for value in given) != 1:
            raise ValueError("give exactly one of 'benchmark', 'category', 'capability' or 'overall: true'")
        return self


# The error type of a field required unless another holds a value (``REQUIRED_UNLESS``)
REQUIRED_UNLESS_ERROR = "required_unless"


# A score the source says it does not report ("–" in a table's cell, "was not evaluated on"):
# ``reported: false`` and no ``value``. Editors are told the same as the validator below.
_SCORE_SCHEMA = {
    **_claim_schema(),
    "if": {"required": ["reported"], "properties": {"reported": {"const": False}}},
    "then": {"properties": {"value": {"type": "null"}}},
    "else": {"required": ["value"], "properties": {"value": {"not": {"type": "null"}}}},
}


class Score(ClaimBase):
    model_config = ConfigDict(json_schema_extra=_SCORE_SCHEMA)

    kind: Literal["score"]
    model: Annotated[Id, _MODELS]
    benchmark: Annotated[Id, _BENCHMARK]
    setting: Setting = Setting()
    metric: str | None = None
    value: FigureField | None = None
    unit: str | None = None
    # false: the source reports no score for the model on the benchmark (a dash in its table);
    # the last field, added after the others (the JSON contract only adds keys)
    reported: Annotated[bool, Field(description="false: the source reports no score for it (no 'value')")] = True

    @model_validator(mode="after")
    def _value_if_reported(self):
        if self.reported and self.value is None:  # the loader says "missing field 'value'" (REQUIRED_UNLESS)
            raise PydanticCustomError(REQUIRED_UNLESS_ERROR, "give the 'value' (the score as the source writes it), "
                                      "or 'reported: false' where the source says it reports no score")
        if not self.reported and self.value is not None:
            raise PydanticCustomError(REQUIRED_UNLESS_ERROR, "a score with 'reported: false' has no 'value': leave "
                                      "the value out, or the 'reported: false' where the source gives the figure")
        return self

    def numbers(self):
        found = {} if self.value is None else {"value": self.value.value}
        if self.setting.shots is not None:
            found["setting.shots"] = Decimal(self.setting.shots)
        return found


# ``overall: true``: every benchmark the compared models are scored on, instead of one
# benchmark or one category ("at least on par with GPT-4, if not superior" over a whole list).
# Written true or left out; a field added after the others (the JSON contract only adds keys).
Overall = Annotated[Literal[True] | None, Field(description="true: every benchmark (instead of 'benchmark' or 'category')")]
# A declared capability term (``vocabulary: capabilities:``): the benchmarks of its categories
# ("falls short in text generation"); instead of a benchmark, a category or overall.
# Its id or an alias (the loaded claim holds the id): aliases are words ("code generation").
CapabilityField = Annotated[Annotated[str, Field(min_length=1, max_length=200)] | None,
                            Field(description="a declared capability (id or alias): the benchmarks of its categories")]
# A comparison or ranking the source denies ("does not consistently outperform"), as statements have.
Polarity = Annotated[bool, Field(description="false: the source denies the claim")]
# hedges ("not yet", "in some cases"): declared qualifier terms, as statements have
Qualifiers = list[Id]


class Comparison(_OnBenchmarkOrCategory):
    kind: Literal["comparison"]
    subjects: Annotated[list[Id], Field(min_length=1), _MODELS]
    relation: Annotated[Relation, Field(strict=False)]
    objects: Annotated[list[Id], Field(min_length=1), _MODELS]
    scope: Annotated[Scope, Field(strict=False)] = Scope.ALL
    words: str | None = None
    overall: Overall = None
    capability: CapabilityField = None
    polarity: Polarity = True
    qualifiers: Qualifiers = []


class Ranking(_OnBenchmarkOrCategory):
    kind: Literal["ranking"]
    subjects: Annotated[list[Id], Field(min_length=1), _MODELS]
    rank: Annotated[Rank, Field(strict=False)]
    among: Annotated[list[Id] | None, _MODELS] = None
    scope: Annotated[Scope, Field(strict=False)] = Scope.ALL
    words: str | None = None
    overall: Overall = None
    # a model family: the subjects rank among its members ("the most powerful of the Llama 3.1 models")
    within: Annotated[Id | None, Refers("model-family")] = None
    capability: CapabilityField = None
    polarity: Polarity = True
    qualifiers: Qualifiers = []

    @model_validator(mode="after")
    def _among_or_within(self):
        if self.among is not None and self.within is not None:
            raise ValueError("give 'among' (the models ranked among) or 'within' (a model family), not both")
        return self


class Tally(ClaimBase):
    model_config = ConfigDict(json_schema_extra=_claim_schema("benchmarks", "category", "capability"))

    kind: Literal["tally"]
    subject: Annotated[Id, _MODELS]
    relation: Annotated[Relation, Field(strict=False)]
    among: Annotated[list[Id] | None, _MODELS] = None
    category: Annotated[Category, Field(strict=False)] | None = None
    benchmarks: Annotated[list[Id] | None, _BENCHMARK] = None
    count: Annotated[int, Field(ge=0)]
    total: Annotated[int, Field(ge=1)]
    words: str | None = None
    capability: CapabilityField = None

    @model_validator(mode="after")
    def _one_target(self):
        if sum(value is not None for value in (self.benchmarks, self.category, self.capability)) != 1:
            raise ValueError("give exactly one of 'benchmarks', 'category' or 'capability'")
        if self.count > self.total:
            raise ValueError(f"count {self.count} is more than total {self.total}")
        return self

    def numbers(self):
        return {"count": Decimal(self.count), "total": Decimal(self.total)}


class Quantity(ClaimBase):
    kind: Literal["quantity"]
    subject: Annotated[Id, _ANY]
    quantity: Id
    value: FigureField
    unit: Text
    qualifier: Annotated[Qualifier, Field(strict=False)] = Qualifier.EXACT
    against: Annotated[Id | None, _ANY] = None

    def numbers(self):
        return {"value": self.value.value}


class Statement(ClaimBase):
    kind: Literal["statement"]
    subject: Annotated[Id, _ANY]
    predicate: Id
    # an entity id, or one value (text, a date, or a number as the source writes it); which
    # one the predicate says, where the ledger declares its predicates
    object: str | FigureField | None = None
    polarity: bool = True
    qualifiers: list[Id] = []

    def numbers(self):
        return {"object": self.object.value} if isinstance(self.object, Figure) else {}


# Fields added to the claim kinds after conflict ids were first published. A conflict's id
# hashes its claims' contents (``ledger.check.engine.conflict_id``); these fields are left out
# of that hash while they are unset, so that adding them changed no existing id.
LATER_FIELDS = ("overall", "within", "cell", "capability")
# Fields added later with a default other than null, per claim kind: left out of that hash while
# they hold their default (a comparison's ``polarity: true``, a score's ``reported: true``; a
# statement's polarity is older).
LATER_DEFAULTS = {**{kind: {"polarity": True, "qualifiers": []} for kind in ("comparison", "ranking")},
                  "score": {"reported": True}}

Claim = Annotated[
    Union[Score, Comparison, Ranking, Tally, Quantity, Statement],
    Field(discriminator="kind"),
]
CLAIM_KINDS = {cls.model_fields["kind"].annotation.__args__[0]: cls
               for cls in (Score, Comparison, Ranking, Tally, Quantity, Statement)}

# The claim fields that hold a figure, which must keep the precision it was written with
# ("88.60" is not 88.6): the fast reader recovers them from the text, the cache stores them
# as written.
FIGURE_FIELDS = frozenset(name for cls in CLAIM_KINDS.values()
                          for name, info in cls.model_fields.items() if info.annotation is Figure)


# ------------------------------------------------------------------ what each claim kind takes
# Derived from the models, for what builds claims from given values (``ledger add``):
#
# REFERENCE_KINDS  (kind, field) -> the entity kinds the field may name (empty: any kind),
#                  from the ``Refers`` marks;
# LIST_FIELDS      kind -> the fields that hold a list;
# REQUIRED_FIELDS  kind -> what a claim of the kind must give besides id, source, quote and
#                  topic: one tuple per requirement, a field or the fields of which exactly
#                  one is given (the ``_exactly_one`` groups, such as benchmark | category),
#                  in the order of ``_own_fields_first``; then those of REQUIRED_UNLESS.

def _exactly_one_groups(cls) -> list[tuple[str, ...]]:
    """The groups of fields of which exactly one is given, as ``_exactly_one`` declares them."""
    one_of = (cls.model_config.get("json_schema_extra") or {}).get("oneOf")
    return [tuple(option["required"][0] for option in one_of)] if one_of else []


def _required_fields(cls) -> tuple[tuple[str, ...], ...]:
    groups = {name: group for group in _exactly_one_groups(cls) for name in group}
    required: list[tuple[str, ...]] = []
    for name in _own_fields_first(cls):
        if name == "kind":
            continue
        if name in groups:
            if groups[name] not in required:
                required.append(groups[name])
        elif cls.model_fields[name].is_required():
            required.append((name,))
    return tuple(required)


REFERENCE_KINDS = {(kind, name): kinds for kind, cls in CLAIM_KINDS.items()
                   for name, kinds, _ in cls.ENTITY_FIELDS}
LIST_FIELDS = {kind: frozenset(name for name, info in cls.model_fields.items() if _holds_list(info.annotation))
               for kind, cls in CLAIM_KINDS.items()}
# A field required unless another holds a value: a score's value, unless it is ``reported: false``.
REQUIRED_UNLESS = {("score", "value"): ("reported", False)}
REQUIRED_FIELDS = {kind: _required_fields(cls) + tuple((name,) for k, name in REQUIRED_UNLESS if k == kind)
                   for kind, cls in CLAIM_KINDS.items()}


# ------------------------------------------------------------------ the vocabulary
#
# Declared terms, after Wikidata's properties: a claim's predicate, qualifiers, quantity and
# unit are terms with a meaning and constraints, not free strings. Each term type is checked
# only where the ledger declares it (``vocabulary: {predicates: [...]}`` checks predicates and
# leaves the rest free); ``ledger.read.vocabulary`` checks the terms and the claims' use of them.

OBJECT_TYPES = ("text", "number", "date")


def _object_spec(raw):
    """A predicate's ``object``: None (it takes no object), a list of entity kinds (the object
    is an entity of one of them; [] any kind), or one of OBJECT_TYPES (one typed value)."""
    if raw is None:
        return None
    if isinstance(raw, str):
        if raw in OBJECT_TYPES:
            return raw
        if raw in {kind.value for kind in EntityKind}:
            raise ValueError(f"write a list of entity kinds: [{raw}]")
        raise ValueError("write null (no object), a list of entity kinds such as [model], "
                         "or one of: " + ", ".join(OBJECT_TYPES))
    if isinstance(raw, list):
        kinds = []
        for item in raw:
            try:
                kinds.append(EntityKind(item))
            except (ValueError, TypeError):
                raise ValueError(f"{item!r} is not an entity kind; the kinds are: "
                                 + ", ".join(kind.value for kind in EntityKind)) from None
        return kinds
    raise ValueError("write null (no object), a list of entity kinds such as [model], "
                     "or one of: " + ", ".join(OBJECT_TYPES))


ObjectSpec = Annotated[
    Union[list[EntityKind], str, None],
    BeforeValidator(_object_spec),
    PlainSerializer(lambda spec: [kind.value for kind in spec] if isinstance(spec, list) else spec),
    WithJsonSchema({"anyOf": [{"type": "null"}, {"enum": list(OBJECT_TYPES)},
                              {"type": "array", "items": {"enum": [kind.value for kind in EntityKind]}}],
                    "description": "null: no object; [kinds]: an entity of these kinds; text, number or date: one value"}),
]


def _to_factor(raw) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, (int, Decimal, float)):
        raise ValueError("expected a number")
    value = Decimal(str(raw))
    if not value.is_finite():
        raise ValueError("expected a finite number")
    return value


# a unit's factor to its dimension's base (a positive number; ``ledger.read.vocabulary`` says
# where it is not, S006)
Factor = Annotated[Decimal, BeforeValidator(_to_factor),
                   PlainSerializer(lambda d: int(d) if d == d.to_integral_value() else float(d),
                                   return_type=Union[int, float]),
                   WithJsonSchema({"type": "number", "exclusiveMinimum": 0})]
EntityKinds = Annotated[list[Annotated[EntityKind, Field(strict=False)]],
                        Field(description="entity kinds allowed; [] any")]


class Term(Strict):
    id: Id
    label: Text
    definition: Text  # one line: what the term means
    aliases: list[Text] = []  # other spellings claims may use (``ledger fmt`` writes the id)


class PredicateTerm(Term):
    subject: EntityKinds = []  # the entity kinds the subject may be; [] any
    object: ObjectSpec = None
    object_optional: bool = False  # the object may be left out (one predicate with or without)
    opposite: Id | None = None  # a predicate that cannot hold with this one of one subject (symmetric)


class QualifierTerm(Term):
    """A qualifier of statements (``according-to-meta``); not the ``Qualifier`` of a quantity's figure."""


class QuantityTerm(Term):
    dimension: Id  # what it measures: count, compute-time, tokens ...
    unit: Text | None = None  # its canonical unit (a unit id), where the ledger declares units
    single: bool = True  # one true value per subject (differing figures conflict); false: several


class CapabilityTerm(Term):
    """What write-ups call a capability (coding, long context), measured by the benchmarks of
    its categories; comparisons, rankings and tallies may name one instead of a benchmark."""

    # benchmark categories (``Category``); one not among them is S006, with a did-you-mean
    categories: Annotated[list[Id], Field(min_length=1),
                          WithJsonSchema({"type": "array", "minItems": 1,
                                          "items": {"enum": [c.value for c in Category]}})]


class UnitTerm(Term):
    definition: Text | None = None  # optional: a unit's label usually says it all
    dimension: Id
    factor: Factor = Decimal(1)  # value x factor is the value in the dimension's base


class Vocabulary(Strict):
    """The declared terms. A list left out (or null) is not declared: that term type stays free."""

    predicates: list[PredicateTerm] | None = None
    qualifiers: list[QualifierTerm] | None = None
    quantities: list[QuantityTerm] | None = None
    units: list[UnitTerm] | None = None
    capabilities: list[CapabilityTerm] | None = None


TERM_CLASSES = {"predicates": PredicateTerm, "qualifiers": QualifierTerm, "quantities": QuantityTerm,
                "units": UnitTerm, "capabilities": CapabilityTerm}


# ------------------------------------------------------------------ reviews

class Verdict(str, Enum):
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    RESOLVED = "resolved"


class Review(Strict):
    conflict: Annotated[str, Field(pattern=r"^C\d{3}-[0-9a-f]{10}$")]
    verdict: Annotated[Verdict, Field(strict=False)]
    note: str | None = None
    evidence: str | None = None
    reviewer: str | None = None

    @model_validator(mode="after")
    def _reason_given(self):
        if self.verdict is not Verdict.CONFIRMED and not self.note:
            raise ValueError(f"a '{self.verdict.value}' verdict needs a 'note' saying why")
        return self


# ------------------------------------------------------------------ the ledger

TOP_LEVEL_KEYS = ("version", "settings", "sources", "entities", "vocabulary", "claims", "reviews")


class LedgerFile(Strict):
    """A claims ledger (claims.yaml): write-ups, the entities they name, typed claims anchored to
    passages of the write-ups, and reviewers' verdicts on the conflicts between claims.

    The loader validates a ledger section by section (so that every problem gets its own located
    diagnostic); this model describes the whole file at once, for its JSON Schema."""

    model_config = ConfigDict(title="Ledger")

    version: Literal[1] = 1
    include: Annotated[
        Annotated[str, Field(min_length=1)] | list[Annotated[str, Field(min_length=1)]] | None,
        Field(description="Files that hold more of the ledger's sections (sources, entities, vocabulary, claims, "
                          "reviews): paths or globs relative to this file's folder, read in this order, each file "
                          "once (claims/*.yaml). An included file names this schema on its first line too."),
    ] = None
    settings: Settings = Settings()
    sources: list[Source] | None = None
    entities: list[Entity] | None = None
    vocabulary: Vocabulary | None = None
    claims: list[Claim] | None = None
    reviews: list[Review] | None = None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.+]+", "-", text.lower()).strip("-")
