"""The one diagnostic type, and the table of every diagnostic code.

Codes are grouped by the stage that finds them and are never reused:
Y reading and YAML, S schema and references, A anchoring quotes in sources,
R reviews. Conflict rules (C...) document themselves in ``ledger.rules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    code: str
    message: str
    hint: str = ""
    related: tuple[Location, ...] = field(default=())

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def name(self) -> str:
        return CODES[self.code].name

    def sort_key(self):
        return (self.location, self.code, self.message)

    def render(self) -> str:
        text = f"{self.location}: {self.code} {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        for other in self.related:
            text += f"\n    see: {other}"
        return text

    def to_json(self) -> dict:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "related": [
                {"path": r.path, "line": r.line, "column": r.column} for r in self.related
            ],
        }


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    severity: Severity
    summary: str
    example: str


def _info(code, name, severity, summary, example):
    return code, CodeInfo(code, name, Severity(severity), summary, example.strip("\n"))


CODES: dict[str, CodeInfo] = dict(
    [
        _info("Y001", "yaml-syntax", "error",
              "The file is not well-formed YAML. The position is the YAML parser's.",
              """
claims:
  - id: a
     kind: score      # indented one space too far
"""),
        _info("Y002", "duplicate-key", "error",
              "A mapping has the same key twice. YAML parsers silently keep the last; the ledger refuses.",
              """
- id: spheron-mmlu
  value: 88.6
  value: 88.7        # Y002: the first value would be lost
"""),
        _info("Y003", "alias-refused", "error",
              "Anchors, aliases and merge keys (&a, *a, <<) are refused: they make a hand-kept ledger "
              "hard to review and are the vehicle of 'billion laughs' expansion bombs.",
              """
base: &b {topic: benchmark}
claims:
  - <<: *b           # Y003: write the fields out
"""),
        _info("Y004", "limit-exceeded", "error",
              "The file exceeds a safety limit (size, nesting depth, scalar length, number of nodes). "
              "Limits are documented in the README and can be raised with --max-bytes and friends.",
              """
claims: [[[[[[[[[[ ... 10,000 levels ... ]]]]]]]]]]
"""),
        _info("Y005", "encoding", "error",
              "The file is not valid UTF-8 text (or holds control characters YAML forbids).",
              """
quote: "caf\\xe9"   # a Latin-1 byte in a UTF-8 file
"""),
        _info("Y006", "not-a-ledger", "error",
              "The document is empty, is not a mapping, or holds several documents.",
              """
- just a list        # Y006: the top level must be a mapping with sources, entities, claims
"""),
        _info("Y007", "tag-refused", "error",
              "Explicit YAML tags (!!python/object, !custom) are refused; plain values only.",
              """
value: !!python/object:os.system ls
"""),
        _info("Y008", "ledger-unreadable", "error",
              "The ledger file cannot be read (missing, a directory, no permission).",
              """
$ ledger check --ledger claims.yml   # Y008: no such file
"""),
        _info("Y009", "too-many-problems", "error",
              "The file has more problems than are worth listing; only the first thousand are shown.",
              """
claims: [1, 2, 3, ... 100,000 items that are not claims]
"""),
        _info("S001", "schema", "error",
              "A field is missing, unknown, or has the wrong type or value.",
              """
- id: spheron-mmlu
  kind: score
  vaule: 88.6        # S001: unknown field 'vaule'; did you mean 'value'?
"""),
        _info("S002", "duplicate-id", "error",
              "Two sources, entities or claims share an id.",
              """
- id: spheron-mmlu
- id: spheron-mmlu   # S002
"""),
        _info("S003", "unknown-reference", "error",
              "A claim refers to a source or entity id the ledger does not define, to a capability "
              "the vocabulary does not declare, or (where the ledger declares that term type in its "
              "vocabulary) to an undeclared predicate, qualifier, quantity or unit. The hint names the "
              "closest id or alias.",
              """
- id: spheron-mmlu
  model: llama-405b  # S003: unknown entity 'llama-405b'; did you mean 'llama-3.1-405b'?
- id: datacamp-gpus
  quantity: training-gpu   # S003: unknown quantity 'training-gpu'; did you mean 'training-gpus'?
"""),
        _info("S004", "wrong-entity-kind", "error",
              "A field names an entity of the wrong kind (a benchmark where a model is expected, a "
              "`part_of` that is not a benchmark), or a statement's subject or object is of a kind its "
              "declared predicate does not take.",
              """
- kind: score
  model: mmlu        # S004: 'mmlu' is a benchmark, not a model
- kind: statement
  subject: meta      # S004: 'meta' is an organisation; predicate 'open-source' takes a model or model-family
  predicate: open-source
"""),
        _info("S005", "bad-skip", "error",
              "A source's skip range lies outside the file or runs backwards.",
              """
skips:
  - lines: [40, 12]  # S005
"""),
        _info("S006", "bad-vocabulary", "error",
              "A term of the vocabulary is inconsistent: two terms of one type share an id, an alias is "
              "used twice (or is another term's id), an opposite is no declared predicate, is the "
              "predicate itself, or breaks the pairs (a -> b -> c; b the opposite of two predicates), "
              "a quantity's dimension has no unit or its unit is of another dimension, a unit's "
              "factor is not a positive number, a capability names an unknown benchmark category.",
              """
vocabulary:
  predicates:
    - {id: open-source, label: open source, definition: ..., opposite: propietary}
                     # S006: opposite 'propietary' is not a declared predicate; did you mean 'proprietary'?
  units:
    - {id: gpu-hour, label: GPU hours, dimension: compute-time, factor: 0}   # S006: not positive
"""),
        _info("S007", "wrong-unit-dimension", "error",
              "A quantity claim's unit measures another dimension than its quantity (GPU hours for a "
              "count of GPUs): the figures could never be compared. Use a unit of the quantity's "
              "dimension, or another quantity.",
              """
- kind: quantity
  quantity: training-gpus   # dimension: count
  unit: GPU hours           # S007: unit 'gpu-hour' measures compute-time, not count
"""),
        _info("S008", "part-of-cycle", "error",
              "Benchmarks' `part_of` links make a cycle: a suite would be, through its parts, a part "
              "of itself. Each benchmark names the one suite it is a task or split of.",
              """
entities:
  - {id: suite, kind: benchmark, name: Suite, category: long-context, part_of: task}
  - {id: task, kind: benchmark, name: Suite/Task, category: long-context, part_of: suite}
                     # S008: part_of makes a cycle: suite -> task -> suite
"""),
        _info("S009", "bad-include", "error",
              "An include of the root ledger (or of a file it includes) leaves the ledger's folder, names "
              "a file that does not exist or cannot be read, is a glob that matches no file, or makes a "
              "cycle (a file that includes itself, directly or through others). Paths and globs are "
              "relative to the root ledger's folder.",
              """
include:
  - claims/*.yaml       # every file in claims/, in name order
  - ../shared.yaml      # S009: leaves the ledger's folder
  - claims/spheron.yml  # S009: no such file (did you mean .yaml?)
"""),
        _info("A001", "quote-not-found", "error",
              "A claim's quote does not occur in its source, even ignoring markup, typography and line "
              "breaks. The hint shows the closest passage.",
              """
quote: "LLaMA 3.1 (405B) scores 88.7"   # the source says 88.6
"""),
        _info("A002", "quote-ambiguous", "error",
              "A claim's quote occurs more than once in its source. Add `prefix`, `suffix` (text right "
              "before or after it) or `occurrence` (1-based), as in W3C Web Annotation's TextQuoteSelector.",
              """
quote: "Llama 3.1 405B"   # occurs 40 times
"""),
        _info("A003", "number-not-in-quote", "error",
              "A number in the claim's fields does not appear in its quote: the claim says more than the "
              "passage it cites.",
              """
quote: "LLaMA 3.1 (405B) scores 88.6"
value: 88.7          # A003
"""),
        _info("A004", "source-changed", "error",
              "The source file's sha256 differs from the one recorded: the text changed since the claims "
              "were anchored. Re-check the claims, then record the new sha256.",
              """
sha256: 2b4a...      # the file now hashes to 9f00...
"""),
        _info("A005", "source-unreadable", "error",
              "A source file is missing, unreadable, or not UTF-8 text.",
              """
file: sources/404.txt
"""),
        _info("A006", "source-outside-ledger", "error",
              "A source path leaves the ledger's folder (.., an absolute path, or a symlink pointing "
              "outside). The ledger only reads files below its own folder.",
              """
file: ../../etc/passwd
"""),
        _info("A007", "table-not-found", "error",
              "A claim's `cell` names a table its source does not have: the file holds no table (a markdown "
              "pipe table or an HTML <table>), or none at the `table:` number, or none whose caption or "
              "heading holds the `table:` text. The hint lists the file's tables.",
              """
cell: {table: 3, row: BFCL, column: GPT-4o}   # the file has 1 table
"""),
        _info("A008", "cell-not-found", "error",
              "No row of the table has a cell labelled as the claim's `cell: row` says, or no column is "
              "headed as its `column` says (tags, emphasis, footnote markers and spacing aside; exact "
              "otherwise). The hint names the closest labels.",
              """
cell: {row: BFLC, column: GPT-4o}   # A008: no row 'BFLC'; did you mean 'BFCL'?
"""),
        _info("A009", "cell-ambiguous", "error",
              "The row label (or column header) names more than one row (column) of the table, or the row "
              "and column are found in several tables. Qualify it: a row as a list of its cells read left "
              "to right (`row: [Math, GSM8K]`), a column as its headers from the top down "
              "(`column: [Bench X, 5-shot]`, under a colspan header), a table by `table:`.",
              """
cell: {row: MMLU, column: Llama 3.1 405B}   # A009: row 'MMLU' is 2 rows of table 1
cell: {row: [General, MMLU], column: Llama 3.1 405B}   # one row
"""),
        _info("A010", "footnote-marker", "error",
              "A footnote marker in the claim's cell (the paper's ♢ △ ◁, a dagger) is not declared in its "
              "source's `footnotes`, or the setting its footnote declares contradicts the claim's (the "
              "cell's ♢ says zero-shot, the claim says 8-shot). What the claim leaves unset, the "
              "footnote sets.",
              """
footnotes:
  - {marker: "♢", quote: "♢Results obtained using zero-shot prompting.", setting: {shots: 0}}
...
cell: {row: GSM8K (8-shot, CoT), column: Claude 3.5 Sonnet}   # the cell says 96.4♢
setting: {shots: 8}   # A010: the cell's ♢ says shots 0; the claim says 8
"""),
        _info("A011", "cell-names-other", "error",
              "The cell's column header or row label names another model (or benchmark) than the claim's "
              "`model` (`benchmark`): the figure belongs to someone else. A name counts where it is the "
              "entity's name or alias, or an alias scoped to that source.",
              """
cell: {row: BFCL, column: GPT-4o}
model: claude-3.5-sonnet   # A011: column 'GPT-4o' names gpt-4o, the claim says claude-3.5-sonnet
"""),
        _info("A012", "unreported-cell-holds-figure", "error",
              "A score claimed as not reported (`reported: false`: the source gives no result for the model "
              "on the benchmark) is anchored to a cell that holds something: a cell that says 'no result' "
              "is empty or holds a dash (-, –, —) or 'n/a'. A quote-anchored one is not checked this way "
              "('was not evaluated on').",
              """
cell: {row: Nexus, column: Claude 3.5 Sonnet}   # the cell says 45.7
reported: false   # A012: the cell holds '45.7'
"""),
        _info("R001", "stale-review", "warning",
              "A review names a conflict that the cross-checker no longer finds (the claims changed, or the "
              "conflict was fixed). Remove the review or point it at the new conflict id.",
              """
reviews:
  - conflict: C001-0000000000   # no such conflict any more
"""),
        _info("R002", "duplicate-review", "error",
              "Two reviews name the same conflict.",
              """
reviews:
  - {conflict: C002-1a2b3c4d5e, verdict: confirmed}
  - {conflict: C002-1a2b3c4d5e, verdict: dismissed, note: ...}
"""),
        _info("R003", "bad-evidence", "error",
              "A review's evidence names a claim (a bare claim id) that cannot settle the conflict: no such "
              "claim, a claim of a secondary source (only a primary source, `role: primary`, settles), or a "
              "claim that is itself a side of the conflict (a primary claimed against itself). Evidence "
              "written as a sentence is not checked.",
              """
reviews:
  - conflict: C001-1a2b3c4d5e
    verdict: resolved
    note: the paper gives 88.6
    evidence: spheron-mmlu-score   # R003: a claim of spheron, a secondary source
"""),
    ]
)


def has_errors(diagnostics) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
