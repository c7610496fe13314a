"""CLI commands of the reviewer workflow (schema, add, review, fmt, new-source).

Registered on ``ledger.cli.app``; imported at the bottom of ``ledger/cli.py``.
Every command here that writes a file goes through ``ledger.write.files``: a
temporary file in the same folder, fsync, atomic rename, never over a file that
changed since it was read, and (for the ledger) only when the edited ledger
loads without errors.
"""

from __future__ import annotations

import difflib
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from ledger.cli import app as _cli
from ledger.cli.app import LedgerOption, _load, _print_diagnostics, app, err, out, print_all
from ledger.core.diagnostics import Severity
from ledger.core.words import did_you_mean
from ledger.core.ledger import LoadResult
from ledger.core.model import (
    CLAIM_KINDS,
    LIST_FIELDS,
    REFERENCE_KINDS,
    REQUIRED_FIELDS,
    Category,
    Qualifier,
    Rank,
    Relation,
    Scope,
    SourceKind,
    Topic,
    Verdict,
)
from ledger.output.terminal import new_conflicts
from ledger.write.files import FileChangedError, Snapshot, WriteError, read_snapshot, safe_write

DEFAULT_LEDGER = Path("claims.yaml")


# ------------------------------------------------------------------ shared


def _fail(message: str, code: int = 1, hint: str = "") -> None:
    err().print(Text(f"error: {message}"))
    if hint:
        err().print(Text(f"    hint: {hint}", style="dim"))
    raise typer.Exit(code)


def _interactive() -> bool:
    """Whether missing values may be asked for (stdin is a terminal)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _snapshot(path: Path) -> Snapshot:
    try:
        snapshot = read_snapshot(path)
    except WriteError as error:
        _fail(str(error))
    if not snapshot.exists:
        _fail(f"no ledger at {path}", hint="pass the ledger's path with --ledger PATH")
    return snapshot


def _text_of(snapshot: Snapshot) -> str:
    try:
        return snapshot.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _fail(f"{snapshot.path} is not UTF-8 text", hint="run `ledger check` to see where")


def _encode_like(snapshot: Snapshot, text: str) -> bytes:
    """The edited text in the file's own conventions: CRLF line endings and a byte-order mark
    stay if the file had them (the edit itself works on LF text), so only the new lines differ."""
    original = snapshot.data or b""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if original.startswith(b"\xef\xbb\xbf") else data


class _Rejected(Exception):
    """The edited ledger would not load cleanly."""

    def __init__(self, result: LoadResult) -> None:
        self.result = result


def _write_ledger(snapshot: Snapshot, text: str, *, dry_run: bool = False) -> LoadResult:
    """Write the edited ledger (or only try it, with dry_run); the result of loading the new file."""
    from ledger.write.edit import load_candidate

    loaded: list[LoadResult] = []

    def validate(temporary: Path) -> None:
        result = load_candidate(temporary, snapshot.path, _cli._limits)
        loaded.append(result)
        if result.ledger is None or not result.ok:
            raise _Rejected(result)

    try:
        safe_write(snapshot, _encode_like(snapshot, text), validate=validate, dry_run=dry_run)
    except FileChangedError as error:
        _fail(str(error), hint="another program or person edited the file; nothing was written")
    except WriteError as error:
        _fail(str(error))
    return loaded[0]


def _report_rejection(rejected: _Rejected, edit, options: dict[str, str], what: str) -> None:
    """Print why the edited ledger was refused, naming options for problems in the new item."""
    console = err()
    others = []
    for diagnostic in rejected.result.diagnostics:
        in_ledger = edit is not None and diagnostic.location.path == str(rejected.result.ledger.path
                                                                       if rejected.result.ledger else "")
        field = edit.field_at(diagnostic.location.line) if in_ledger else None
        if field is None or diagnostic.severity is not Severity.ERROR:
            others.append(diagnostic)
            continue
        names = [".".join(str(p) for p in field[:n]) for n in range(len(field), 0, -1)]  # setting.shots, setting
        label = next((options[n] for n in names if n in options), None) or (f"'{names[0]}'" if names else what)
        console.print(Text(f"error: {label}: {diagnostic.code} {diagnostic.message}"))
        if diagnostic.hint:
            console.print(Text(f"    hint: {diagnostic.hint}", style="dim"))
    if others:
        _print_diagnostics(LoadResult(None, others), console)
    console.print(f"nothing was written: the {what} would leave the ledger with errors")
    raise typer.Exit(1)


# ------------------------------------------------------------------ schema


@app.command()
def schema(
    ledger: LedgerOption = DEFAULT_LEDGER,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", dir_okay=False, help="Write the schema to FILE (atomically) instead of printing it.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Do not write: exit 1 (with a diff) when FILE (default: ledger.schema.json next to the ledger) differs from the schema.")] = False,
    for_ledger: Annotated[bool, typer.Option("--for-ledger", help="A ledger-specific schema: reference fields list the ids the --ledger defines, for completion in an editor. The shipped ledger.schema.json is this one: regenerate it when entities or sources change.")] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of the ledger file, derived from the pydantic models.

    Editors that speak the YAML language server read it from the first line of claims.yaml
    (`# yaml-language-server: $schema=ledger.schema.json`) and then complete keys and enum values,
    and flag unknown fields, wrong kinds and malformed ids while you type. `ledger check` remains
    the authority: it also anchors quotes and checks numbers and references.

    The shipped ledger.schema.json is the ledger's own (`--for-ledger`): editors also complete and
    check its entity and source ids. Keep it current with
    `ledger schema --for-ledger -o ledger.schema.json` after adding entities or sources;
    `ledger schema --for-ledger --check` tells whether it is (a test does too).

    Exit 0 ok, 1 the file differs (--check) or cannot be written, 2 usage error.
    """
    from ledger.output.schema import ledger_schema, ledger_specific_schema, schema_text

    if for_ledger:
        document = ledger_specific_schema(_load(ledger).ledger)
    else:
        document = ledger_schema()
    text = schema_text(document)
    if check:
        target = output or ledger.parent / "ledger.schema.json"
        try:
            current = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            _fail(f"cannot read {target}: {getattr(error, 'strerror', None) or error}",
                  hint=f"write it with `ledger schema -o {target}`")
        if current == text:
            out().print(f"{target}: up to date")
            return
        sys.stdout.write("".join(difflib.unified_diff(current.splitlines(True), text.splitlines(True),
                                                      f"{target}", "ledger schema")))
        err().print(f"{target} is out of date: write it with `ledger schema -o {target}`")
        raise typer.Exit(1)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        snapshot = read_snapshot(output)
        if snapshot.data == text.encode("utf-8"):
            err().print(f"{output}: up to date")
            return
        safe_write(snapshot, text.encode("utf-8"))
    except FileChangedError as error:
        _fail(str(error))
    except WriteError as error:
        _fail(str(error))
    err().print(f"wrote {output}")


# ------------------------------------------------------------------ add


# the claim kinds, as choices of --kind
KindChoice = Enum("KindChoice", {kind: kind for kind in CLAIM_KINDS}, type=str)

# option name of each claim field, for messages
CLAIM_OPTIONS = {
    "id": "--id", "kind": "--kind", "source": "--source", "topic": "--topic", "quote": "--quote",
    "prefix": "--prefix", "suffix": "--suffix", "occurrence": "--occurrence", "note": "--note",
    "model": "--model", "benchmark": "--benchmark", "setting": "--shots/--cot", "setting.shots": "--shots",
    "setting.cot": "--cot/--no-cot", "metric": "--metric", "value": "--value", "unit": "--unit",
    "subjects": "--subjects", "relation": "--relation", "objects": "--objects", "category": "--category",
    "scope": "--scope", "words": "--words", "rank": "--rank", "among": "--among", "subject": "--subject",
    "benchmarks": "--benchmarks", "count": "--count", "total": "--total", "quantity": "--quantity",
    "qualifier": "--qualifier", "against": "--against", "predicate": "--predicate", "object": "--object",
    "polarity": "--polarity/--negated", "qualifiers": "--qualifiers",
}


class EntityType:
    """An entity of the ledger by id, name or alias (case-insensitive), for prompts: called with
    the answer, gives its id (or ids, comma-separated, with ``many``), or asks again."""

    def __init__(self, ledger, kinds, many: bool = False) -> None:
        self.ledger, self.kinds, self.many = ledger, kinds, many

    def candidates(self):
        return [e for e in self.ledger.entities.values() if not self.kinds or e.kind.value in self.kinds]

    def resolve(self, text: str) -> str | None:
        text = text.strip()
        entities = self.candidates()
        if any(e.id == text for e in entities):
            return text
        lowered = text.lower()
        matches = {e.id for e in entities
                   if e.id == lowered or e.name.lower() == lowered or any(a.lower() == lowered for a in e.aliases)}
        return matches.pop() if len(matches) == 1 else None

    def __call__(self, value):
        parts = [p.strip() for p in str(value).split(",") if p.strip()] if self.many else [str(value)]
        resolved = []
        for part in parts:
            found = self.resolve(part)
            if found is None:
                hint = did_you_mean(part, [e.id for e in self.candidates()], n=3)
                raise typer.BadParameter(f"unknown {'/'.join(self.kinds or ('entity',))} {part!r}. {hint}".strip())
            resolved.append(found)
        if not resolved:
            raise typer.BadParameter("give at least one id")
        return resolved if self.many else resolved[0]


def _choice(values):
    """A prompt's check that the answer is one of ``values`` (it asks again otherwise)."""
    values = list(values)

    def check(answer):
        answer = str(answer).strip()
        if answer in values:
            return answer
        raise typer.BadParameter(f"{answer!r} is not one of: {', '.join(values)}. {did_you_mean(answer, values, n=3)}")

    return check


def _whole_number(minimum: int):
    def check(answer):
        try:
            number = int(str(answer).strip())
        except ValueError:
            raise typer.BadParameter(f"{answer!r} is not a whole number") from None
        if number < minimum:
            raise typer.BadParameter(f"{number} is less than {minimum}")
        return number

    return check


def _vocabulary(entities, limit: int = 80) -> str:
    shown = ", ".join(e.id for e in entities[:limit])
    return shown + (f", ... ({len(entities) - limit} more)" if len(entities) > limit else "")


@app.command()
def add(
    source: Annotated[Optional[str], typer.Option(help="The source id the passage is from (see `ledger sources`).", rich_help_panel="Where")] = None,
    quote: Annotated[Optional[str], typer.Option(help="The passage, in the source's own words (markup, typographic quotes and line breaks may differ).", rich_help_panel="Where")] = None,
    kind: Annotated[Optional[KindChoice], typer.Option(help="What the passage asserts: score, comparison, ranking, tally, quantity or statement.", rich_help_panel="Where")] = None,
    topic: Annotated[Optional[Topic], typer.Option(help="benchmark (the default for scores, comparisons, rankings, tallies), evaluation, data-practice, safety, model, infrastructure, licensing, release.", rich_help_panel="Where")] = None,
    claim_id: Annotated[Optional[str], typer.Option("--id", help="The claim's id (kebab-case). Default: proposed from the source, target and subject, e.g. spheron-mmlu-llama-3.1-405b.", rich_help_panel="Where")] = None,
    prefix: Annotated[Optional[str], typer.Option(help="Words right before the quote, when it occurs more than once.", rich_help_panel="Where")] = None,
    suffix: Annotated[Optional[str], typer.Option(help="Words right after the quote, when it occurs more than once.", rich_help_panel="Where")] = None,
    occurrence: Annotated[Optional[int], typer.Option(min=1, help="Which occurrence of the quote (1 = first), as a last resort.", rich_help_panel="Where")] = None,
    note: Annotated[Optional[str], typer.Option(help="A note for reviewers.", rich_help_panel="Where")] = None,
    model: Annotated[Optional[str], typer.Option(help="score: the model (id, name or alias).", rich_help_panel="score")] = None,
    benchmark: Annotated[Optional[str], typer.Option(help="score, comparison, ranking: the benchmark (id, name or alias).", rich_help_panel="score")] = None,
    value: Annotated[Optional[str], typer.Option(help="score, quantity: the figure as the source writes it: 88.6, 88.60, 16,000, 128k.", rich_help_panel="score")] = None,
    shots: Annotated[Optional[int], typer.Option(min=0, max=1000, help="score: the number of shots, where the source states it.", rich_help_panel="score")] = None,
    cot: Annotated[Optional[bool], typer.Option("--cot/--no-cot", help="score: with or without chain of thought, where the source states it.", rich_help_panel="score")] = None,
    metric: Annotated[Optional[str], typer.Option(help="score: the metric, where it differs from the benchmark's.", rich_help_panel="score")] = None,
    subjects: Annotated[Optional[str], typer.Option(help="comparison, ranking: the models compared or ranked, comma-separated.", rich_help_panel="comparison, ranking, tally")] = None,
    relation: Annotated[Optional[Relation], typer.Option(help="comparison, tally: higher, slightly-higher, significantly-higher, lower, slightly-lower, significantly-lower, on-par, equal, at-least, at-most.", rich_help_panel="comparison, ranking, tally")] = None,
    objects: Annotated[Optional[str], typer.Option(help="comparison: the models compared against, comma-separated.", rich_help_panel="comparison, ranking, tally")] = None,
    category: Annotated[Optional[Category], typer.Option(help="comparison, ranking, tally: a benchmark category instead of one benchmark.", rich_help_panel="comparison, ranking, tally")] = None,
    scope: Annotated[Optional[Scope], typer.Option(help="comparison, ranking over a category: all (default), most or some of its benchmarks.", rich_help_panel="comparison, ranking, tally")] = None,
    rank: Annotated[Optional[Rank], typer.Option(help="ranking: first, second, third or last.", rich_help_panel="comparison, ranking, tally")] = None,
    among: Annotated[Optional[str], typer.Option(help="ranking, tally: the models ranked among, comma-separated (default: all with a score).", rich_help_panel="comparison, ranking, tally")] = None,
    words: Annotated[Optional[str], typer.Option(help="comparison, ranking, tally: the source's words for the relation (\"outperforming\").", rich_help_panel="comparison, ranking, tally")] = None,
    count: Annotated[Optional[int], typer.Option(min=0, help="tally: how many (\"two out of three\": 2).", rich_help_panel="comparison, ranking, tally")] = None,
    total: Annotated[Optional[int], typer.Option(min=1, help="tally: out of how many (3).", rich_help_panel="comparison, ranking, tally")] = None,
    benchmarks: Annotated[Optional[str], typer.Option(help="tally: the benchmarks counted over, comma-separated (or --category).", rich_help_panel="comparison, ranking, tally")] = None,
    subject: Annotated[Optional[str], typer.Option(help="tally, quantity, statement: what the claim is about (an entity id, name or alias).", rich_help_panel="quantity, statement")] = None,
    quantity: Annotated[Optional[str], typer.Option(help="quantity: what is counted or measured, kebab-case (training-gpus, context-window).", rich_help_panel="quantity, statement")] = None,
    unit: Annotated[Optional[str], typer.Option(help="quantity: the unit (GPUs, tokens); score: where it differs from the benchmark's.", rich_help_panel="quantity, statement")] = None,
    qualifier: Annotated[Optional[Qualifier], typer.Option(help="quantity: exact (default), about, over, at-least, up-to, under.", rich_help_panel="quantity, statement")] = None,
    against: Annotated[Optional[str], typer.Option(help="quantity: an entity the figure is relative to (a win rate against GPT-4o).", rich_help_panel="quantity, statement")] = None,
    predicate: Annotated[Optional[str], typer.Option(help="statement: the proposition, kebab-case (open-source, trained-on-synthetic-data).", rich_help_panel="quantity, statement")] = None,
    object_: Annotated[Optional[str], typer.Option("--object", help="statement: the proposition's object, where it has one.", rich_help_panel="quantity, statement")] = None,
    polarity: Annotated[Optional[bool], typer.Option("--polarity/--negated", help="statement: the source asserts it (default) or denies it.", rich_help_panel="quantity, statement")] = None,
    qualifiers: Annotated[Optional[str], typer.Option(help="statement: qualifiers of the proposition, comma-separated kebab-case (osi-definition).", rich_help_panel="quantity, statement")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check everything and show the claim and the conflicts it would cause; write nothing.")] = False,
    ledger: LedgerOption = DEFAULT_LEDGER,
) -> None:
    """Add a claim from a passage of a source: checked, anchored, appended to claims.yaml.

    The claim is validated like every claim of the ledger (fields, references, the quote found in
    the source, every number of the claim present in the quote), given an id when --id is not
    (<source>-<benchmark, predicate or quantity>-<model or subject>, made unique with -2, -3 ...),
    and appended at the end of the claims: section in the canonical layout. Only the new lines are
    written: every comment and line of the rest of the file stays as it was. The whole ledger is
    loaded again before anything is written; if it has an error, nothing is written.

    Entities may be given by id, name or alias (--model "GPT-4 Omni" is gpt-4o). Missing required
    fields are asked for when stdin is a terminal (with the ledger's models and benchmarks to choose
    from); otherwise a missing field is an error naming its option.

    Example: ledger add --source spheron --kind score --quote "MMLU: LLaMA 3.1 (405B) scores 88.6"
    --model llama-3.1-405b --benchmark mmlu --value 88.6

    Prints the new claim's id, where its quote is, and the conflicts it causes. Exit 0 added (or
    would be, with --dry-run), 1 the claim or the ledger has a problem (nothing written), 2 usage error.
    """
    from ledger.check.engine import find_conflicts
    from ledger.write.edit import EditError, append_item, figure, propose_claim_id, validate_claim

    snapshot = _snapshot(ledger)
    lg = _load(ledger).ledger
    given = {"source": source, "quote": quote, "kind": kind.value if kind else None,
             "topic": topic.value if topic else None, "prefix": prefix, "suffix": suffix,
             "occurrence": occurrence, "note": note, "model": model, "benchmark": benchmark, "value": value,
             "shots": shots, "cot": cot, "metric": metric, "subjects": subjects,
             "relation": relation.value if relation else None, "objects": objects,
             "category": category.value if category else None, "scope": scope.value if scope else None,
             "rank": rank.value if rank else None, "among": among, "words": words, "count": count,
             "total": total, "benchmarks": benchmarks, "subject": subject, "quantity": quantity, "unit": unit,
             "qualifier": qualifier.value if qualifier else None, "against": against, "predicate": predicate,
             "object": object_, "polarity": polarity, "qualifiers": qualifiers}
    ask = _interactive()
    _ask_basics(lg, given, ask)
    claim_kind = given["kind"]
    _refuse_foreign_options(given, claim_kind)
    _ask_required(lg, given, claim_kind, ask)
    claim = _build_claim(lg, given, claim_kind, figure)
    claim["id"] = claim_id if claim_id is not None else propose_claim_id(claim, lg.claims)
    claim = {"id": claim.pop("id"), **claim}
    problems = validate_claim(claim)
    if problems:
        for loc, message in problems:
            field = ".".join(str(p) for p in loc)
            label = CLAIM_OPTIONS.get(field) or CLAIM_OPTIONS.get(str(loc[0]) if loc else "", "the claim")
            err().print(Text(f"error: {label}: {message}"))
        err().print("nothing was written")
        raise typer.Exit(1)
    if claim["id"] in lg.claims:
        line, column = lg.positions[("claims", claim["id"])]
        _fail(f"--id: a claim {claim['id']!r} exists ({ledger}:{line}:{column})",
              hint="choose another --id, or leave it out to get one proposed")
    try:
        edit = append_item(_text_of(snapshot), "claims", claim, path=str(ledger), limits=_cli._limits)
    except EditError as error:
        _fail(str(error))
    try:
        result = _write_ledger(snapshot, edit.text, dry_run=dry_run)
    except _Rejected as rejected:
        _report_rejection(rejected, edit, CLAIM_OPTIONS, "claim")
    new = result.ledger
    before = {c.id: c for c in find_conflicts(lg)}
    after = find_conflicts(new)
    caused = [c for c in after if c.id not in before]
    gone = [c for cid, c in before.items() if cid not in {a.id for a in after}]
    console = out()
    anchor = new.anchors[claim["id"]]
    source_file = new.display_path(new.sources[claim["source"]].file)
    if dry_run:
        console.print(f"would add claim {claim['id']} ({claim['kind']}) at {ledger}:{edit.first_line} "
                      "(dry run: nothing written):")
        console.print(Text("\n".join(line.text for line in edit.rendered.lines)))
    else:
        console.print(f"added claim {claim['id']} ({claim['kind']}) at {ledger}:{edit.first_line}")
    console.print(f"  quote at {source_file}:{anchor.line}:{anchor.column}-{anchor.end_line}:{anchor.end_column}")
    print_all(console, new_conflicts(caused, gone, dry_run))


def _ask_basics(lg, given: dict, ask: bool) -> None:
    missing = [name for name in ("source", "kind", "quote") if given[name] in (None, "")]
    if missing and not ask:
        _fail("missing " + ", ".join(f"--{m}" for m in missing) +
              " (stdin is not a terminal, so nothing can be asked)", code=2)
    if given["source"] is None:
        given["source"] = typer.prompt(f"source ({', '.join(lg.sources)})", value_proc=_choice(lg.sources), err=True)
    if given["kind"] is None:
        kinds = [k.value for k in KindChoice]
        given["kind"] = typer.prompt(f"kind ({', '.join(kinds)})", value_proc=_choice(kinds), err=True)
    if given["quote"] in (None, ""):
        given["quote"] = typer.prompt("quote (the source's words)", err=True)


def _refuse_foreign_options(given: dict, kind: str) -> None:
    fields = set(CLAIM_KINDS[kind].model_fields)
    if kind == "score":
        fields |= {"shots", "cot"}
    foreign = [name for name, value in given.items() if value is not None and name not in fields]
    if foreign:
        options = ", ".join(CLAIM_OPTIONS.get(name, f"--{name}") for name in foreign)
        wanted = ", ".join(CLAIM_OPTIONS[f] for group in REQUIRED_FIELDS[kind] for f in group)
        _fail(f"{options} do(es) not apply to a {kind} claim (it takes {wanted} ...)", code=2,
              hint="`ledger add --help` lists the options of each kind")


def _ask_required(lg, given: dict, kind: str, ask: bool) -> None:
    missing = []
    for names in REQUIRED_FIELDS[kind]:
        if all(given[name] in (None, "") for name in names):
            missing.append(list(names))
    if kind in ("quantity", "statement") and given["topic"] is None:
        missing.append(["topic"])
    if not missing:
        return
    if not ask:
        wanted = ", ".join(" or ".join(CLAIM_OPTIONS[n] if n != "topic" else "--topic" for n in names)
                           for names in missing)
        _fail(f"a {kind} claim needs {wanted} (stdin is not a terminal, so nothing can be asked)", code=2)
    for names in missing:
        for name in names:
            answer = _prompt_field(lg, kind, name, optional=len(names) > 1 and name != names[-1])
            if answer not in (None, ""):
                given[name] = answer
                break


def _prompt_field(lg, kind: str, name: str, optional: bool = False):
    """Ask for one field; ``optional``: an empty answer means "the alternative instead"."""
    extra = " (empty to give a category instead)" if optional else ""
    kinds = REFERENCE_KINDS.get((kind, name))
    if kinds is not None:
        what = "benchmarks" if kinds == ("benchmark",) else "models" if kinds else "entities"
        choices = EntityType(lg, kinds, many=name in LIST_FIELDS[kind])
        err().print(Text(f"{what}: {_vocabulary(choices.candidates())}", style="dim"))
        label = f"{name} (id, name or alias{', comma-separated' if choices.many else ''}){extra}"
        if optional:
            check = choices
            choices = lambda answer: check(answer) if str(answer).strip() else None  # noqa: E731
            return typer.prompt(label, default="", show_default=False, value_proc=choices, err=True)
        return typer.prompt(label, value_proc=choices, err=True)
    enums = {"relation": Relation, "rank": Rank, "category": Category, "topic": Topic}
    if name in enums:
        values = [e.value for e in enums[name]]
        return typer.prompt(f"{name} ({', '.join(values)})", value_proc=_choice(values), err=True)
    if name in ("count", "total"):
        return typer.prompt(name, value_proc=_whole_number(0 if name == "count" else 1), err=True)
    return typer.prompt(name, err=True)


def _build_claim(lg, given: dict, kind: str, figure) -> dict:
    claim: dict = {"kind": kind, "source": given["source"]}
    claim["topic"] = given["topic"] or "benchmark"
    claim["quote"] = given["quote"]
    fields = CLAIM_KINDS[kind].model_fields
    for name in ("prefix", "suffix", "occurrence", "model", "subject", "subjects", "relation", "objects",
                 "predicate", "object", "polarity", "benchmark", "benchmarks", "category", "scope", "rank",
                 "among", "metric", "quantity", "value", "unit", "qualifier", "against", "count", "total",
                 "qualifiers", "words", "note"):
        raw = given.get(name)
        if raw is None or name not in fields:
            continue
        if name in LIST_FIELDS[kind] and isinstance(raw, str):
            raw = [part.strip() for part in raw.split(",") if part.strip()]
        if name == "value":
            raw = figure(str(raw))
        claim[name] = _resolve(lg, kind, name, raw)
    if kind == "score" and (given["shots"] is not None or given["cot"] is not None):
        claim["setting"] = {k: given[k] for k in ("shots", "cot") if given[k] is not None}
    if kind == "statement":
        claim["polarity"] = True if given["polarity"] is None else given["polarity"]
    if kind == "quantity":
        claim.setdefault("qualifier", "exact")
    return claim


def _resolve(lg, kind: str, name: str, raw):
    """Entity names and aliases to ids (exact, case-insensitive); unknown ones are left for the
    loader to report with its did-you-mean."""
    kinds = REFERENCE_KINDS.get((kind, name))
    if kinds is None:
        return raw
    resolver = EntityType(lg, kinds)
    values = raw if isinstance(raw, list) else [raw]
    resolved = []
    for item in values:
        found = resolver.resolve(str(item)) if isinstance(item, str) else None
        if found is not None and found != item:
            err().print(Text(f"note: {CLAIM_OPTIONS[name]} {item!r} is {found}", style="dim"))
        resolved.append(found or item)
    return resolved if isinstance(raw, list) else resolved[0]


# ------------------------------------------------------------------ review

REVIEW_OPTIONS = {"conflict": "CONFLICT_ID", "verdict": "--verdict", "note": "--note", "evidence": "--evidence",
                  "reviewer": "--reviewer"}


@app.command()
def review(
    conflict_id: Annotated[str, typer.Argument(metavar="CONFLICT_ID", help="The conflict's id, as `ledger conflicts` prints it (C002-1a2b3c4d5e).")],
    verdict: Annotated[Verdict, typer.Option(help="confirmed: the sources really disagree; dismissed: not a real conflict (say why in --note); resolved: what is true (--note and --evidence say).")],
    note: Annotated[Optional[str], typer.Option(help="Why: required for dismissed and resolved.")] = None,
    evidence: Annotated[Optional[str], typer.Option(help="Where the truth is stated (\"Llama 3 Herd of Models, Table 2\").")] = None,
    reviewer: Annotated[Optional[str], typer.Option(envvar="LEDGER_REVIEWER", help="Who reviewed it (default: $LEDGER_REVIEWER).")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace the conflict's existing verdict (otherwise a second verdict is refused).")] = False,
    ledger: LedgerOption = DEFAULT_LEDGER,
) -> None:
    """Record a reviewer's verdict on a conflict in the reviews: section of claims.yaml.

    The conflict must exist now (as `ledger conflicts` computes it; a near id gets a did-you-mean).
    A conflict has at most one verdict: a second one is refused unless --replace. The review is
    appended to reviews: (created at the end of the file when missing), or replaces the old one in
    place with --replace; every other line and comment of the file stays as it was. Conflict ids
    are stable: the verdict holds until one of the conflict's claims changes (then `ledger check`
    reports it as stale, R001).

    Example: ledger review C001-0123456789 --verdict dismissed --note "different settings: 0-shot vs 5-shot"

    Exit 0 recorded, 1 no such conflict / already reviewed / ledger problems (nothing written), 2 usage error.
    """
    from ledger.check.engine import find_conflicts
    from ledger.write.edit import EditError, append_item, replace_item
    from pydantic import TypeAdapter, ValidationError
    from ledger.core.model import Review

    snapshot = _snapshot(ledger)
    lg = _load(ledger).ledger
    conflicts = {c.id: c for c in find_conflicts(lg)}
    conflict = conflicts.get(conflict_id)
    if conflict is None:
        query = conflict_id.strip().lower()
        near = [c for c in conflicts if len(query) >= 4 and (c.lower().startswith(query) or
                                                             c.split("-", 1)[1].startswith(query))]
        near += [c for c in difflib.get_close_matches(conflict_id, list(conflicts), n=3, cutoff=0.6) if c not in near]
        hint = f"did you mean {', '.join(near[:3])}?" if near else "`ledger conflicts` lists the conflicts and their ids"
        _fail(f"no conflict {conflict_id!r} in {ledger} ({len(conflicts)} conflict(s) now)", hint=hint)
    record = {"conflict": conflict_id, "verdict": verdict.value}
    for key, given in (("note", note), ("evidence", evidence), ("reviewer", reviewer)):
        if given is not None:
            record[key] = given
    try:
        TypeAdapter(Review).validate_python(record)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            field = str(item["loc"][0]) if item["loc"] else ""
            message = item["msg"].removeprefix("Value error, ")
            label = REVIEW_OPTIONS.get(field, "--note" if "note" in message else "the review")
            err().print(Text(f"error: {label}: {message}"))
        err().print("nothing was written")
        raise typer.Exit(1)
    text = _text_of(snapshot)
    existing = conflict.review
    try:
        if existing is not None:
            line, column = lg.positions.get(("reviews", conflict_id), (1, 1))
            if not replace:
                _fail(f"{conflict_id} already has a verdict: {existing.verdict.value} ({ledger}:{line}:{column})",
                      hint="pass --replace to replace it")
            raw_reviews = _raw_section(text, ledger, "reviews")
            index = next(i for i, r in enumerate(raw_reviews)
                         if isinstance(r, dict) and r.get("conflict") == conflict_id)
            edit = replace_item(text, "reviews", index, record, path=str(ledger), limits=_cli._limits)
        else:
            edit = append_item(text, "reviews", record, path=str(ledger), limits=_cli._limits)
    except EditError as error:
        _fail(str(error))
    try:
        _write_ledger(snapshot, edit.text)
    except _Rejected as rejected:
        _report_rejection(rejected, edit, REVIEW_OPTIONS, "review")
    action = "replaced the verdict on" if existing is not None else "recorded"
    out().print(f"{action} {conflict_id}: {verdict.value} ({conflict.name}; {ledger}:{edit.first_line})")


def _raw_section(text: str, ledger: Path, section: str) -> list:
    from ledger.read.yaml_reader import read_yaml

    document, _ = read_yaml(text, str(ledger), _cli._limits)
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    return data.get(section) or []


# ------------------------------------------------------------------ fmt


@app.command()
def fmt(
    ledger: LedgerOption = DEFAULT_LEDGER,
    check: Annotated[bool, typer.Option("--check", help="Do not write: exit 1 and print a unified diff when the file is not in the canonical layout.")] = False,
) -> None:
    """Rewrite claims.yaml in the one canonical layout, keeping every comment.

    The layout (defined once, in ledger/emit.py, and also used by `ledger add`, `review` and
    `new-source`): top-level keys in the order version, settings, sources, entities, claims, reviews;
    two-space indentation; sources, claims and reviews as blocks, one blank line between items, keys in
    a fixed order; entities one per line; strings quoted only when they must be; numbers exactly as
    written (88.60 stays 88.60). Comments stay with the key or item they belong to.

    The file's data does not change: fmt reads its result back and refuses to write if the data or the
    comments differ, and running it twice changes nothing. A file that is not readable YAML is refused
    (its errors are printed). Schema problems are not fmt's business: run `ledger check`.

    Exit 0 formatted (or already canonical), 1 not canonical with --check / unreadable YAML, 2 usage error.
    """
    from ledger.write.fmt import FormatError, format_text
    from ledger.read.yaml_reader import decode

    snapshot = _snapshot(ledger)
    text, problem = decode(snapshot.data, str(ledger))
    if problem is not None:
        _print_diagnostics(LoadResult(None, [problem]), err())
        err().print("fmt: nothing was changed: fix the file first")
        raise typer.Exit(1)
    try:
        result = format_text(text, str(ledger), _cli._limits)
    except FormatError as error:
        _fail(f"fmt cannot format {ledger} without changing it: {error}",
              hint="nothing was written; please report this with the file (it is a bug)")
    if result.text is None:
        _print_diagnostics(LoadResult(None, result.diagnostics), err())
        err().print("fmt: nothing was changed: fix the YAML first")
        raise typer.Exit(1)
    canonical = result.text.encode("utf-8")
    if canonical == snapshot.data:
        out().print(f"{ledger}: canonical")
        return
    if check:
        before = text.replace("\r\n", "\n").replace("\r", "\n")
        diff = "".join(difflib.unified_diff(before.splitlines(True), result.text.splitlines(True),
                                            f"{ledger}", f"{ledger} (ledger fmt)"))
        if diff:
            sys.stdout.write(diff if diff.endswith("\n") else diff + "\n")
        else:
            out().print(f"{ledger}: differs from the canonical form in its line endings or byte-order mark "
                        "(canonical: UTF-8 without BOM, LF line endings)")
        err().print(f"{ledger} is not in the canonical layout: run `ledger fmt --ledger {ledger}`")
        raise typer.Exit(1)
    try:
        safe_write(snapshot, canonical)
    except FileChangedError as error:
        _fail(str(error))
    except WriteError as error:
        _fail(str(error))
    changed = sum(1 for line in difflib.ndiff(text.splitlines(), result.text.splitlines()) if line[:1] in "+-")
    out().print(f"formatted {ledger} ({changed} line(s) changed)")


# ------------------------------------------------------------------ new-source


@app.command("new-source")
def new_source(
    file: Annotated[Path, typer.Argument(metavar="FILE", exists=True, dir_okay=False, readable=True, help="The write-up as UTF-8 text (markdown is fine).")],
    source_id: Annotated[Optional[str], typer.Option("--id", help="The source's id (kebab-case). Default: the publisher's or first author's name, else the file's name.")] = None,
    kind: Annotated[Optional[SourceKind], typer.Option(help="blog-post, article, video-summary, paper, news or other. Asked for on a terminal; otherwise 'other'.")] = None,
    title: Annotated[Optional[str], typer.Option(help="The title, when the text's own (front matter title:, first heading or first line) is not right.")] = None,
    ledger: LedgerOption = DEFAULT_LEDGER,
) -> None:
    """Register a new write-up: copy it under sources/, record it in claims.yaml, show what to claim.

    The file is copied to sources/ under the ledger's folder with its name (a different file of that
    name there is never overwritten) and its sha256 recorded. The metadata is what the text states:
    the title (front matter `title:`, else the first heading or line), the date (front matter
    `datePublished:`/`date:`, else an ISO or "Month D, YYYY" date near the top), the authors (front
    matter `author:`, else a "By NAME" line); what it does not state stays null or []. A front-matter
    block is recorded as a skip. Check them: the entry is appended to the sources: section (the rest of
    the file stays as it was) and can be edited.

    Then prints what `ledger coverage ID` says is left to claim: the sentences and figures no claim
    covers yet. Next: `ledger add --source ID ...` for each, or a skip with a reason.

    Exit 0 registered, 1 already registered / a different file of that name / ledger problems
    (nothing written), 2 usage error.
    """
    import hashlib

    from pydantic import TypeAdapter, ValidationError

    from ledger.write.edit import EditError, append_item, propose_source_id, source_metadata
    from ledger.load import MAX_SOURCE_BYTES
    from ledger.core.model import Source
    from ledger.write.files import write_new

    snapshot = _snapshot(ledger)
    lg = _load(ledger).ledger
    if not file.is_file():
        _fail(f"{file} is not a regular file", hint="give the path of the write-up's text file")
    try:
        raw = file.read_bytes()
    except OSError as error:
        _fail(f"cannot read {file}: {error.strerror or error}")
    if len(raw) > MAX_SOURCE_BYTES:
        _fail(f"{file} is larger than {MAX_SOURCE_BYTES:,} bytes", hint="a source is one write-up")
    try:
        body = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        _fail(f"{file} is not UTF-8 text (byte {error.start})", hint="convert it to UTF-8 first")
    if not body.strip():
        _fail(f"{file} is empty: there is nothing to claim in it")
    digest = hashlib.sha256(raw).hexdigest()
    relative = f"sources/{file.name}"
    for known in lg.sources.values():
        if known.sha256 == digest:
            _fail(f"this text is registered already, as source {known.id!r} ({known.file})")
        if known.file == relative:
            _fail(f"{relative} is registered already, as source {known.id!r}",
                  hint="give the new file another name")
    target = lg.root / "sources" / file.name
    copy = True
    if target.exists():
        try:
            same = target.resolve() == file.resolve() or target.read_bytes() == raw
        except OSError:
            same = False
        if not same:
            _fail(f"{lg.display_path(relative)} exists and holds a different text; nothing was written",
                  hint="rename the new file, or remove the other one if it is yours")
        copy = False
    meta = source_metadata(body)
    if kind is None:
        if _interactive():
            kinds = [k.value for k in SourceKind]
            kind = SourceKind(typer.prompt(f"kind ({', '.join(kinds)})", value_proc=_choice(kinds),
                                           default="blog-post", err=True))
        else:
            kind = SourceKind.OTHER
            err().print(Text("note: kind: other (give --kind blog-post, article, ... to say what it is)", style="dim"))
    entry = {
        "id": source_id or propose_source_id(meta, file.name, lg.sources),
        "file": relative,
        "title": title or meta["title"] or file.stem,
        "authors": meta["authors"],
        "publisher": meta["publisher"],
        "published": meta["published"],
        "url": meta["url"],
        "kind": kind.value,
        "sha256": digest,
        "skips": [{"lines": [1, meta["front_matter_lines"]], "reason": "front matter (page metadata)"}]
        if meta["front_matter_lines"] else [],
    }
    if entry["id"] in lg.sources:
        _fail(f"--id: a source {entry['id']!r} exists", hint="choose another --id")
    try:
        TypeAdapter(Source).validate_python(entry)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            field = str(item["loc"][0]) if item["loc"] else "the source"
            label = {"id": "--id", "title": "--title", "kind": "--kind"}.get(field, field)
            err().print(Text(f"error: {label}: {item['msg']}"))
        err().print("nothing was written")
        raise typer.Exit(1)
    try:
        edit = append_item(_text_of(snapshot), "sources", entry, path=str(ledger), limits=_cli._limits)
    except EditError as error:
        _fail(str(error))
    if copy:
        try:
            target.parent.mkdir(exist_ok=True)
            write_new(target, raw)
        except (OSError, WriteError) as error:
            _fail(f"cannot copy {file} to {lg.display_path(relative)}: {getattr(error, 'strerror', None) or error}")
    try:
        _write_ledger(snapshot, edit.text)
    except (_Rejected, typer.Exit) as problem:
        if copy:
            target.unlink(missing_ok=True)
        if isinstance(problem, _Rejected):
            _report_rejection(problem, edit, {"id": "--id", "title": "--title", "kind": "--kind"}, "source")
        raise
    console = out()
    console.print(f"registered source {entry['id']} ({kind.value}): {lg.display_path(relative)} "
                  f"at {ledger}:{edit.first_line}")
    console.print(Text(f"  title: {entry['title']}"))
    console.print(f"  published: {entry['published'] or 'not stated'}")
    console.print(Text(f"  authors: {', '.join(entry['authors']) or 'not stated'}"))
    console.print(f"  sha256: {digest}")
    console.print()
    console.print(f"left to claim in {entry['id']} (`ledger coverage {entry['id']}`):")
    _cli.coverage(source=[entry["id"]], ledger=ledger, format=_cli.TextFormat.text)
    console.print(f"next: `ledger add --source {entry['id']} --quote \"...\" --kind ...` for each passage "
                  "that asserts something, or a skip with its reason")
