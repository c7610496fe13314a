"""What the tests share: the repository's paths, the command line (``run``), and the ledgers
and fixtures more than one test module builds on.

Small ledgers are built in a temporary folder (``build_ledger``), so that each test states
exactly what it checks. The tests mirror the package: ``tests/<package>/test_<module>.py``
for a module's own tests, ``tests/cli/`` for each group of commands through typer's runner,
and ``tests/e2e/`` for the whole program, the shipped ledger and the README.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledger import load as loader
from ledger import load_ledger
from ledger.check.engine import find_conflicts
from ledger.cli.commands import app
from ledger.perf import forking
from ledger.read import fast_reader as fastread

REPO = Path(__file__).resolve().parent.parent
SHIPPED_SCHEMA = REPO / "ledger.schema.json"
if str(REPO) not in sys.path:  # the benchmark harness (bench/) generates the tests' large ledgers
    sys.path.insert(0, str(REPO))


# ------------------------------------------------------------------ the command line


def run(*args, input=None, ok=False):
    """``ledger *args`` through typer's runner (each argument str()-ed); with ``ok``, it must exit 0."""
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def run_json(*args):
    """What ``ledger *args`` prints as JSON; it must exit 0."""
    return json.loads(run(*args, ok=True).output)


# ------------------------------------------------------------------ small ledgers

SOURCE_TEXT = """\
# A write-up about models

* **Bench X (0-shot):** Model A scores **88.6**, outperforming Model B (85.4). Model C scores **90.1**.
* Bench Y: Model A scores 70.0 and Model B scores 75.5, so Model A is “on par” with Model B.
Model A was trained on 16,000 GPUs with a context of 128k tokens.
Model A is open source. Model A is open source.
"""

OTHER_TEXT = """\
Another write-up.
Model A scores 88.60 on Bench X, and Model B scores 85.4 on Bench X (5-shot).
Model A used over 16,000 GPUs and 128,000 tokens of context.
Model A is not open source under the OSI definition. Model B outperforms Model A on Bench X.
"""

ENTITIES = """\
entities:
  - {id: family-a, kind: model-family, name: Family A}
  - {id: model-a, kind: model, name: Model A, family: family-a, aliases: [Model A]}
  - {id: model-b, kind: model, name: Model B, aliases: [Model B]}
  - {id: model-c, kind: model, name: Model C, aliases: [Model C]}
  - {id: bench-x, kind: benchmark, name: Bench X, category: general, metric: accuracy, unit: "%"}
  - {id: bench-y, kind: benchmark, name: Bench Y, category: general, metric: accuracy, unit: "%"}
"""


# A vocabulary for the small ledgers: every term type declared, aliases, an opposite pair.
VOCABULARY = """\
vocabulary:
  predicates:
    - id: open-source
      label: open source
      definition: The weights and code are released under terms that let anyone use, study, modify and share them.
      aliases: [open-sourced]
      subject: [model, model-family]
      opposite: proprietary
    - id: proprietary
      label: proprietary
      definition: The owner keeps the weights closed.
      subject: [model, model-family]
    - id: trained-on
      label: trained on
      definition: The model was trained on the named hardware.
      subject: [model]
      object: [hardware]
    - id: released-on
      label: released on
      definition: The date the model was released.
      object: date
  qualifiers:
    - {id: osi-definition, label: in the OSI definition, definition: In the Open Source Initiative's sense., aliases: [osi]}
  quantities:
    - {id: training-gpus, label: GPUs used in training, definition: How many GPUs trained the model., dimension: count, unit: gpu, single: true}
    - {id: context-length, label: context window, definition: The longest input the model takes., dimension: tokens, unit: token}
    - {id: throughput, label: throughput, definition: Tokens per second in one run., dimension: speed, single: false}
  units:
    - {id: gpu, label: GPUs, dimension: count, factor: 1, aliases: [GPUs, H100 GPUs]}
    - {id: token, label: tokens, dimension: tokens, factor: 1, aliases: [tokens]}
    - {id: thousand-tokens, label: thousand tokens, dimension: tokens, factor: 1000, aliases: [k tokens]}
    - {id: token-per-second, label: tokens per second, dimension: speed, factor: 1}
"""


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_ledger(folder: Path, claims: str = "", *, sources: dict[str, str] | None = None,
                 extra: str = "", entities: str = ENTITIES, vocabulary: str = "",
                 roles: dict[str, str] | None = None) -> Path:
    """Write sources/ and claims.yaml under ``folder``; ``claims`` is the YAML list of claims,
    ``vocabulary`` the ``vocabulary:`` section (VOCABULARY), put before them; ``roles`` gives
    sources a ``role`` (by source id; the others leave it out)."""
    sources = sources if sources is not None else {"one": SOURCE_TEXT, "two": OTHER_TEXT}
    (folder / "sources").mkdir(exist_ok=True)
    lines = ["version: 1", "sources:"]
    for source_id, text in sources.items():
        (folder / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        lines += [f"  - id: {source_id}", f"    file: sources/{source_id}.txt", f"    title: Source {source_id}",
                  "    kind: blog-post"]
        if roles and source_id in roles:
            lines.append(f"    role: {roles[source_id]}")
        lines.append(f"    sha256: {sha(text)}")
    body = "\n".join(lines) + "\n" + entities + textwrap.dedent(vocabulary)
    body += "claims:\n" + textwrap.indent(textwrap.dedent(claims).strip("\n"), "  ") + "\n" if claims.strip() else ""
    body += textwrap.dedent(extra)
    path = folder / "claims.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def position_of(path: Path, marker: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th occurrence of ``marker`` in the file."""
    text = path.read_text(encoding="utf-8")
    offset = -1
    for _ in range(occurrence):
        offset = text.index(marker, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# ------------------------------------------------------------------ one broken ledger per diagnostic

# A clean claim: each diagnostic's test breaks one thing in it.
GOOD_SCORE = """\
- id: one-x-a
  kind: score
  source: one
  topic: benchmark
  quote: "Bench X (0-shot): Model A scores 88.6"
  model: model-a
  benchmark: bench-x
  setting: {shots: 0}
  value: 88.6
"""


def diagnostics(path: Path):
    return load_ledger(path).diagnostics


def only(path: Path, code: str):
    """The first diagnostic with ``code`` (there must be one)."""
    found = [d for d in diagnostics(path) if d.code == code]
    assert found, [d.render() for d in diagnostics(path)]
    return found[0]


def at(diagnostic, path: Path, marker: str, occurrence: int = 1):
    """The diagnostic points at the n-th occurrence of ``marker`` in the file."""
    line, column = position_of(path, marker, occurrence)
    assert (diagnostic.location.line, diagnostic.location.column) == (line, column), diagnostic.render()


# ------------------------------------------------------------------ claims for the conflict rules


def score(cid, source, quote, model, value, benchmark="bench-x", setting=""):
    setting_line = f"\n  setting: {setting}" if setting else ""
    return f"""
- id: {cid}
  kind: score
  source: {source}
  topic: benchmark
  quote: "{quote}"
  model: {model}
  benchmark: {benchmark}{setting_line}
  value: {value}
"""


def statement(cid, source, quote, subject, polarity, qualifiers="[]", occurrence=""):
    extra = f", occurrence: {occurrence}" if occurrence else ""
    return (f"\n- {{id: {cid}, kind: statement, source: {source}, topic: licensing, quote: \"{quote}\", "
            f"subject: {subject}, predicate: open-source, polarity: {polarity}, qualifiers: {qualifiers}{extra}}}\n")


ON_PAR = """
- id: par
  kind: comparison
  source: one
  topic: benchmark
  quote: "so Model A is “on par” with Model B"
  subjects: [model-a]
  relation: on-par
  objects: [model-b]
  benchmark: bench-y
  words: on par
"""


# ------------------------------------------------------------------ a family, three benchmarks: overall and within
#
# Model A and Model A Small are Family A's members; Model B is not. Bench X and Bench Y are
# general benchmarks, Bench Z a code one (so "overall" reaches further than a category).
# Model A leads Model B on X and Z, not on Y; it leads Model A Small wherever both are scored.

FAMILY_TEXT = """\
Bench X: Model A 90.0, Model A Small 80.0, Model B 85.0.
Bench Y: Model A 70.0, Model A Small 60.0, Model B 75.0.
Bench Z: Model A 50.0, Model B 40.0.
Model A is higher than Model B overall. Model B is higher than Model A overall. Model A is the most
powerful of the Family A models. Model A Small is the best of Family A. Model A ranks first overall.
Model A Small is higher than Model A on Bench X.
"""

FAMILY_ENTITIES = ENTITIES + """\
  - {id: model-a-small, kind: model, name: Model A Small, family: family-a}
  - {id: bench-z, kind: benchmark, name: Bench Z, category: code, metric: pass@1, unit: "%"}
"""


FAMILY_SCORES = {"bench-x": {"model-a": "90.0", "model-a-small": "80.0", "model-b": "85.0"},
                 "bench-y": {"model-a": "70.0", "model-a-small": "60.0", "model-b": "75.0"},
                 "bench-z": {"model-a": "50.0", "model-b": "40.0"}}


def family_scores() -> str:
    names = {"model-a": "Model A", "model-a-small": "Model A Small", "model-b": "Model B"}
    return "".join(f'\n- {{id: {benchmark}-{model}, kind: score, source: one, topic: benchmark, '
                   f'quote: "{names[model]} {value}", model: {model}, benchmark: {benchmark}, value: "{value}"}}\n'
                   for benchmark, values in FAMILY_SCORES.items() for model, value in values.items())


def build_family(folder: Path, claims: str) -> Path:
    """The family ledger: its eight scores and ``claims``, all of source one (FAMILY_TEXT)."""
    return build_ledger(folder, family_scores() + claims, sources={"one": FAMILY_TEXT}, entities=FAMILY_ENTITIES)


def conflicts_of(path, rule=None):
    """The conflicts found in the ledger at ``path`` (which must load clean), of ``rule`` only if given."""
    result = load_ledger(path)
    assert result.ok, [d.render() for d in result.diagnostics]
    found = find_conflicts(result.ledger)
    return [c for c in found if rule is None or c.rule == rule]


# ------------------------------------------------------------------ ledgers for the commands

CLI_CLAIMS = """
- {id: y-a, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, value: "70.0"}
- {id: y-b, kind: score, source: one, topic: benchmark, quote: "Model B scores 75.5", model: model-b, benchmark: bench-y, value: 75.5}
- {id: par, kind: comparison, source: one, topic: benchmark, quote: "so Model A is “on par” with Model B", subjects: [model-a], relation: on-par, objects: [model-b], benchmark: bench-y, words: on par}
- {id: gpus, kind: quantity, source: two, topic: infrastructure, quote: "used over 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs, qualifier: over}
"""


@pytest.fixture
def ledger_file(tmp_path):
    """Four claims; the comparison "on par" is one C002 conflict with the two scores."""
    return build_ledger(tmp_path, CLI_CLAIMS)


# A ledger written by hand, with comments in every kind of place: the commands that change a
# ledger must keep every one of its lines.
COMMENTED = f"""\
# yaml-language-server: $schema=ledger.schema.json
# A small ledger, with comments in every kind of place.

version: 1

settings:
  tolerances:
    on_par: 1.0          # "on par": |a - b| <= 1.0
    slightly: 2.0
    significantly: 3.0
    about: 0.1

sources:
  # the first write-up
  - id: one
    file: sources/one.txt
    title: Source one
    authors: []
    kind: blog-post  # as it calls itself
    sha256: "{sha(SOURCE_TEXT)}"

  - id: two
    file: sources/two.txt
    title: Source two
    kind: article
    sha256: "{sha(OTHER_TEXT)}"

entities:
  - {{id: family-a, kind: model-family, name: Family A}}
  - {{id: model-a, kind: model, name: Model A, family: family-a, aliases: [Model A]}}
  # the competitors
  - {{id: model-b, kind: model, name: Model B, aliases: [Model B]}}
  - {{id: model-c, kind: model, name: Model C, aliases: [Model C]}}
  - {{id: bench-x, kind: benchmark, name: Bench X, category: general, metric: accuracy, unit: "%"}}
  - {{id: bench-y, kind: benchmark, name: Bench Y, category: general, metric: accuracy, unit: "%"}}

claims:
  - id: y-a
    kind: score
    source: one
    topic: benchmark
    quote: Model A scores 70.0
    model: model-a
    benchmark: bench-y
    value: 70.0
    # note: check the setting

  - id: y-b
    kind: score
    source: one
    topic: benchmark
    quote: Model B scores 75.5
    model: model-b
    benchmark: bench-y
    value: 75.5  # as printed
    # unit: "%"
  # end of claims (new claims go above this line)

# verdicts, once there are conflicts, go below
"""


@pytest.fixture
def commented(tmp_path):
    """COMMENTED as claims.yaml, with its two sources."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "one.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (tmp_path / "sources" / "two.txt").write_text(OTHER_TEXT, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


# A source with sentences and figures left to claim, and the one claim made from it.
COVERAGE_TEXT = """\
# Heading
Model A scores 70.0 on Bench Y. Model B scores 75.5 there. What does it mean?
Model A was trained on 16,000 GPUs. But that is a story for another day.
Navigation: Home | About | Courses 2024
"""

COVERAGE_CLAIM = """
- {id: y-a, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, value: "70.0"}
"""


# ------------------------------------------------------------------ ledgers for the report, matrix and export
#
# A small one stating each case, and a copy of the shipped ledger (claims.yaml with its
# sources) in a temporary folder.

HOSTILE_TEXT = """\
A third write-up, with markup in it.
Model B says <script>alert("x")</script> & "more" <b>bold</b> here.
"""

# Overlapping quotes on line 3 of source one: x-a and cmp-x cross, x-b nests at cmp-x's end.
SMALL_CLAIMS = """
- {id: y-a, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, value: "70.0"}
- {id: y-b, kind: score, source: one, topic: benchmark, quote: "Model B scores 75.5", model: model-b, benchmark: bench-y, value: 75.5}
- {id: par, kind: comparison, source: one, topic: benchmark, quote: "so Model A is “on par” with Model B", subjects: [model-a], relation: on-par, objects: [model-b], benchmark: bench-y, words: on par}
- {id: x-a, kind: score, source: one, topic: benchmark, quote: "Model A scores **88.6**", model: model-a, benchmark: bench-x, value: 88.6}
- {id: cmp-x, kind: comparison, source: one, topic: benchmark, quote: "88.6**, outperforming Model B (85.4)", subjects: [model-a], relation: higher, objects: [model-b], benchmark: bench-x}
- {id: x-b, kind: score, source: one, topic: benchmark, quote: "Model B (85.4)", model: model-b, benchmark: bench-x, value: 85.4}
- {id: x-c, kind: score, source: one, topic: benchmark, quote: "Model C scores **90.1**", model: model-c, benchmark: bench-x, value: 90.1}
- {id: x-a2, kind: score, source: two, topic: benchmark, quote: "Model A scores 88.60 on Bench X", model: model-a, benchmark: bench-x, value: "88.60"}
- {id: gpus, kind: quantity, source: two, topic: infrastructure, quote: "used over 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs, qualifier: over}
- {id: open, kind: statement, source: one, topic: licensing, quote: "Model A is open source.", occurrence: 1, subject: model-a, predicate: open-source}
- {id: not-open, kind: statement, source: two, topic: licensing, quote: "Model A is not open source under the OSI definition", subject: model-a, predicate: open-source, polarity: false, qualifiers: [osi-definition]}
- {id: markup, kind: statement, source: three, topic: safety, quote: "Model B says <script>alert(\\"x\\")</script> & \\"more\\" <b>bold</b>", subject: model-b, predicate: says-markup, note: "<i>noted</i> & kept"}
"""


def build_small(folder: Path, *, review: bool = True) -> Path:
    """The small ledger; with ``review``, a confirmed verdict on its C002 conflict."""
    path = build_ledger(folder, SMALL_CLAIMS, sources={"one": SOURCE_TEXT, "two": OTHER_TEXT, "three": HOSTILE_TEXT})
    if review:
        result = load_ledger(path)
        assert result.ok, [d.render() for d in result.diagnostics]
        [c002] = [c for c in find_conflicts(result.ledger) if c.rule == "C002" and "par" in c.claims]
        path.write_text(path.read_text(encoding="utf-8")
                        + f"reviews:\n  - {{conflict: {c002.id}, verdict: confirmed, note: \"checked <here>\"}}\n",
                        encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path):
    return build_small(tmp_path)


def copy_shipped(folder: Path, *, schema: bool = False) -> Path:
    """The shipped ledger (the root claims.yaml, the claims/ it includes) and sources/ of the
    repository, copied under ``folder``; with ``schema``, ledger.schema.json too."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "claims.yaml", folder / "claims.yaml")
    shutil.copytree(REPO / "claims", folder / "claims", ignore=shutil.ignore_patterns(".*"))  # no cache, no lock
    shutil.copytree(REPO / "sources", folder / "sources")
    if schema:
        shutil.copy2(SHIPPED_SCHEMA, folder / "ledger.schema.json")
    return folder / "claims.yaml"


def shipped_files() -> list[tuple[str, str]]:
    """The shipped ledger's files as ``(path relative to the repository, text)``, the root
    first, then the files it includes in the order the ledger reads them."""
    files = load_ledger(REPO / "claims.yaml").ledger.files
    return [(relative, (REPO / relative).read_text(encoding="utf-8")) for relative in files.relative]


@functools.cache
def shipped_joined() -> str:
    """The shipped ledger as one file (what ``ledger split --undo`` would write): for the tests
    of what reads or rewrites a single file's text (joined once: the tests never write the
    repository's files)."""
    from ledger.write.split import join

    return join(shipped_files())


def copy_shipped_joined(folder: Path) -> Path:
    """The shipped ledger as one file (``shipped_joined``) and sources/, under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claims.yaml").write_text(shipped_joined(), encoding="utf-8")
    shutil.copytree(REPO / "sources", folder / "sources")
    return folder / "claims.yaml"


def loaded(path: Path):
    """The ledger at ``path`` (which must load clean) and its conflicts."""
    result = load_ledger(path)
    assert result.ok and result.ledger is not None, [d.render() for d in result.diagnostics]
    return result.ledger, find_conflicts(result.ledger)


# ------------------------------------------------------------------ large ledgers: fast path, children, cache

SIX_CLAIMS = """
- {id: y-a, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, value: "70.0"}
- {id: y-b, kind: score, source: one, topic: benchmark, quote: "Model B scores 75.5", model: model-b, benchmark: bench-y, value: 75.5}
- {id: par, kind: comparison, source: one, topic: benchmark, quote: "so Model A is “on par” with Model B", subjects: [model-a], relation: on-par, objects: [model-b], benchmark: bench-y, words: on par}
- {id: x-a, kind: score, source: one, topic: benchmark, quote: "Bench X (0-shot): Model A scores **88.6**", model: model-a, benchmark: bench-x, setting: {shots: 0}, value: 88.6}
- {id: x-a2, kind: score, source: two, topic: benchmark, quote: "Model A scores 88.60 on Bench X", model: model-a, benchmark: bench-x, value: 88.60}
- {id: gpus, kind: quantity, source: two, topic: infrastructure, quote: "used over 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs, qualifier: over}
"""

# a ledger with problems: a quote that is not in its source, a number not in its quote
BROKEN_CLAIMS = SIX_CLAIMS + """
- {id: lost, kind: score, source: two, topic: benchmark, quote: "Model C scores 12.5 on Bench Y", model: model-c, benchmark: bench-y, value: 12.5}
- {id: wrong, kind: score, source: one, topic: benchmark, quote: "Model C scores **90.1**", model: model-c, benchmark: bench-x, value: 90.2}
"""


@pytest.fixture
def any_size(monkeypatch):
    """Every ledger, however small, takes the fast reader's path."""
    monkeypatch.setattr(fastread, "FAST_PATH_MIN_CHARS", 0)


@pytest.fixture
def children(monkeypatch):
    """Every ledger counts as large (fast path, children), and the children started are counted."""
    monkeypatch.setattr(fastread, "FAST_PATH_MIN_CHARS", 0)
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)
    started = []
    real_start = forking.start

    def counting_start(work):
        child = real_start(work)
        started.append(child)
        return child

    monkeypatch.setattr(forking, "start", counting_start)
    return started


def load_outcome(path):
    """All that loading the ledger at ``path`` gives: its diagnostics, anchors and claims."""
    result = load_ledger(path)
    ledger = result.ledger
    return ([d.render() for d in result.diagnostics], dict(ledger.anchors),
            {i: c.model_dump() for i, c in ledger.claims.items()})


# ------------------------------------------------------------------ a suite and its parts (issue 19)
#
# Suite has two parts, Task One and Task Two; Bench N is a long-context benchmark of its own.
# Model A leads Model B on Task One and Bench N, not on Task Two; it leads Model C on both
# tasks; Model C has no score on Bench N. Capability long-ctx is the long-context category.

SUITE_TEXT = """\
Task One: Model A 80.0, Model B 70.0, Model C 60.0.
Task Two: Model A 60.0, Model B 65.0, Model C 50.0.
Bench N: Model A 90.0, Model B 85.0.
"""

SUITE_ENTITIES = ENTITIES + """\
  - {id: suite, kind: benchmark, name: Suite, category: long-context, metric: accuracy, unit: "%"}
  - {id: task-one, kind: benchmark, name: Suite/One, category: long-context, part_of: suite}
  - {id: task-two, kind: benchmark, name: Suite/Two, category: long-context, part_of: suite}
  - {id: bench-n, kind: benchmark, name: Bench N, category: long-context}
"""

SUITE_VOCABULARY = """\
vocabulary:
  qualifiers:
    - {id: not-yet, label: not yet, definition: Not so far (it may come).}
  capabilities:
    - {id: long-ctx, label: long context, definition: Using long inputs., categories: [long-context]}
"""

SUITE_SCORES = {"task-one": {"model-a": "80.0", "model-b": "70.0", "model-c": "60.0"},
                "task-two": {"model-a": "60.0", "model-b": "65.0", "model-c": "50.0"},
                "bench-n": {"model-a": "90.0", "model-b": "85.0"}}


def suite_scores() -> str:
    names = {"model-a": "Model A", "model-b": "Model B", "model-c": "Model C"}
    lines = {"task-one": "Task One: ", "task-two": "Task Two: ", "bench-n": "Bench N: "}
    claims = ""
    for benchmark, values in SUITE_SCORES.items():
        for model, value in values.items():
            quote = f"{names[model]} {value}"
            prefix = f", prefix: \"{lines[benchmark]}\"" if model == "model-a" else ""
            claims += (f'\n- {{id: {benchmark}-{model}, kind: score, source: one, topic: benchmark, quote: "{quote}"'
                       f'{prefix}, model: {model}, benchmark: {benchmark}, value: "{value}"}}\n')
    return claims


def build_suite(folder: Path, claims: str, **texts: str) -> Path:
    """The suite ledger: source one's eight scores, then ``claims`` of the sources ``texts``
    (source id -> its text) and of source one."""
    sources = {"one": SUITE_TEXT, **texts}
    return build_ledger(folder, suite_scores() + claims, sources=sources, entities=SUITE_ENTITIES,
                        vocabulary=SUITE_VOCABULARY)


def claim(cid: str, source: str, quote: str, kind: str, **fields) -> str:
    """One claim as a YAML flow mapping; list fields given as lists, the rest as written."""
    def value(v):
        return "[" + ", ".join(v) + "]" if isinstance(v, list) else str(v).lower() if isinstance(v, bool) else v
    rest = "".join(f", {name}: {value(v)}" for name, v in fields.items())
    return f'\n- {{id: {cid}, kind: {kind}, source: {source}, topic: benchmark, quote: "{quote}"{rest}}}\n'
