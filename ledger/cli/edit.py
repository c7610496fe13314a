"""``ledger add`` and ``ledger review``: a claim from a passage, a verdict on a conflict.

Each checks what it is given against the models (``ledger.write.claims``,
``ledger.write.reviews``), appends it to the ledger's text keeping every other line, and
saves the result only when the whole ledger still loads without errors
(``ledger.cli.saving``). Missing claim fields are asked for on a terminal.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from ledger.cli.app import DEFAULT_LEDGER, LedgerOption, choice, err, fail, interactive, load, options, out, print_all
from ledger.cli.saving import read_ledger_file, save, text_of, writing
from ledger.core.model import (
    CLAIM_KINDS,
    LIST_FIELDS,
    REFERENCE_KINDS,
    REQUIRED_FIELDS,
    REQUIRED_UNLESS,
    Category,
    Qualifier,
    Rank,
    Relation,
    Scope,
    Topic,
    Verdict,
)
from ledger.core.words import did_you_mean
from ledger.output.terminal import new_conflicts

# the claim kinds, as choices of --kind
KindChoice = Enum("KindChoice", {kind: kind for kind in CLAIM_KINDS}, type=str)

# the option that gives each claim field, for messages: --FIELD, but for these
CLAIM_OPTIONS = {name: f"--{name}" for cls in CLAIM_KINDS.values() for name in cls.model_fields} | {
    "setting": "--shots/--cot", "setting.shots": "--shots", "setting.cot": "--cot/--no-cot",
    "polarity": "--polarity/--negated", "reported": "--unreported",
    "cell": "--cell-row/--cell-column", "cell.table": "--cell-table", "cell.row": "--cell-row",
    "cell.column": "--cell-column",
}
REVIEW_OPTIONS = {"conflict": "CONFLICT_ID", "verdict": "--verdict", "note": "--note", "evidence": "--evidence",
                  "reviewer": "--reviewer"}


# ------------------------------------------------------------------ add

# add is long for its ~35 option declarations and its help text; the work is in the helpers below.
def add(
    ctx: typer.Context,
    source: Annotated[Optional[str], typer.Option(help="The source id the passage is from (see `ledger sources`).", rich_help_panel="Where")] = None,
    quote: Annotated[Optional[str], typer.Option(help="The passage, in the source's own words (markup, typographic quotes and line breaks may differ).", rich_help_panel="Where")] = None,
    kind: Annotated[Optional[KindChoice], typer.Option(help="What the passage asserts: score, comparison, ranking, tally, quantity or statement.", rich_help_panel="Where")] = None,
    topic: Annotated[Optional[Topic], typer.Option(help="benchmark (the default for scores, comparisons, rankings, tallies), evaluation, data-practice, safety, model, infrastructure, licensing, release.", rich_help_panel="Where")] = None,
    claim_id: Annotated[Optional[str], typer.Option("--id", help="The claim's id (kebab-case). Default: proposed from the source, target and subject, e.g. spheron-mmlu-llama-3.1-405b.", rich_help_panel="Where")] = None,
    prefix: Annotated[Optional[str], typer.Option(help="Words right before the quote, when it occurs more than once.", rich_help_panel="Where")] = None,
    suffix: Annotated[Optional[str], typer.Option(help="Words right after the quote, when it occurs more than once.", rich_help_panel="Where")] = None,
    occurrence: Annotated[Optional[int], typer.Option(min=1, help="Which occurrence of the quote (1 = first), as a last resort.", rich_help_panel="Where")] = None,
    note: Annotated[Optional[str], typer.Option(help="A note for reviewers.", rich_help_panel="Where")] = None,
    cell_row: Annotated[Optional[list[str]], typer.Option("--cell-row", help="Instead of --quote, a cell of a table in the source: its row's label (\"BFCL\"); repeat it, left to right, for a label that heads several rows: --cell-row \"Tool use\" --cell-row BFCL. The cell's text is then the quote.", rich_help_panel="Where")] = None,
    cell_column: Annotated[Optional[list[str]], typer.Option("--cell-column", help="With --cell-row: the cell's column header (\"GPT-4o\"); repeat it, top down, for a header under a spanning one: --cell-column MMLU --cell-column 5-shot.", rich_help_panel="Where")] = None,
    cell_table: Annotated[Optional[str], typer.Option("--cell-table", help="With --cell-row and --cell-column, where the source has several tables: words of the table's caption or heading (\"Table 2\"), or its number (1 = the first).", rich_help_panel="Where")] = None,
    model: Annotated[Optional[str], typer.Option(help="score: the model (id, name or alias).", rich_help_panel="score")] = None,
    benchmark: Annotated[Optional[str], typer.Option(help="score, comparison, ranking: the benchmark (id, name or alias).", rich_help_panel="score")] = None,
    value: Annotated[Optional[str], typer.Option(help="score, quantity: the figure as the source writes it: 88.6, 88.60, 16,000, 128k.", rich_help_panel="score")] = None,
    shots: Annotated[Optional[int], typer.Option(min=0, max=1000, help="score: the number of shots, where the source states it.", rich_help_panel="score")] = None,
    cot: Annotated[Optional[bool], typer.Option("--cot/--no-cot", help="score: with or without chain of thought, where the source states it.", rich_help_panel="score")] = None,
    metric: Annotated[Optional[str], typer.Option(help="score: the metric, where it differs from the benchmark's.", rich_help_panel="score")] = None,
    unreported: Annotated[bool, typer.Option("--unreported", help="score: the source reports no score for the model on the benchmark (a dash in its table, \"was not evaluated on\"): no --value.", rich_help_panel="score")] = False,
    subjects: Annotated[Optional[str], typer.Option(help="comparison, ranking: the models compared or ranked, comma-separated.", rich_help_panel="comparison, ranking, tally")] = None,
    relation: Annotated[Optional[Relation], typer.Option(help="comparison, tally: higher, slightly-higher, significantly-higher, lower, slightly-lower, significantly-lower, on-par, equal, at-least, at-most.", rich_help_panel="comparison, ranking, tally")] = None,
    objects: Annotated[Optional[str], typer.Option(help="comparison: the models compared against, comma-separated.", rich_help_panel="comparison, ranking, tally")] = None,
    category: Annotated[Optional[Category], typer.Option(help="comparison, ranking, tally: a benchmark category instead of one benchmark.", rich_help_panel="comparison, ranking, tally")] = None,
    scope: Annotated[Optional[Scope], typer.Option(help="comparison, ranking over a category: all (default), most or some of its benchmarks.", rich_help_panel="comparison, ranking, tally")] = None,
    rank: Annotated[Optional[Rank], typer.Option(help="ranking: first, second, third or last.", rich_help_panel="comparison, ranking, tally")] = None,
    among: Annotated[Optional[str], typer.Option(help="ranking, tally: the models ranked among, comma-separated (default: all with a score).", rich_help_panel="comparison, ranking, tally")] = None,
    words: Annotated[Optional[str], typer.Option(help="comparison, ranking, tally: the source's words for the relation (\"outperforming\").", rich_help_panel="comparison, ranking, tally")] = None,
    overall: Annotated[bool, typer.Option("--overall", help="comparison, ranking: over every benchmark, instead of --benchmark or --category (\"the best model overall\").", rich_help_panel="comparison, ranking, tally")] = False,
    within: Annotated[Optional[str], typer.Option(help="ranking: a model family whose members the subjects rank among (\"the most powerful of the Llama 3.1 models\").", rich_help_panel="comparison, ranking, tally")] = None,
    count: Annotated[Optional[int], typer.Option(min=0, help="tally: how many (\"two out of three\": 2).", rich_help_panel="comparison, ranking, tally")] = None,
    total: Annotated[Optional[int], typer.Option(min=1, help="tally: out of how many (3).", rich_help_panel="comparison, ranking, tally")] = None,
    benchmarks: Annotated[Optional[str], typer.Option(help="tally: the benchmarks counted over, comma-separated (or --category).", rich_help_panel="comparison, ranking, tally")] = None,
    subject: Annotated[Optional[str], typer.Option(help="tally, quantity, statement: what the claim is about (an entity id, name or alias).", rich_help_panel="quantity, statement")] = None,
    quantity: Annotated[Optional[str], typer.Option(help="quantity: what is counted or measured (training-gpus, context-length): a declared quantity (id or alias) where the ledger declares them.", rich_help_panel="quantity, statement")] = None,
    unit: Annotated[Optional[str], typer.Option(help="quantity: the unit (GPUs, tokens), a declared unit (id or alias) where the ledger declares them; score: where it differs from the benchmark's.", rich_help_panel="quantity, statement")] = None,
    qualifier: Annotated[Optional[Qualifier], typer.Option(help="quantity: exact (default), about, over, at-least, up-to, under.", rich_help_panel="quantity, statement")] = None,
    against: Annotated[Optional[str], typer.Option(help="quantity: an entity the figure is relative to (a win rate against GPT-4o).", rich_help_panel="quantity, statement")] = None,
    predicate: Annotated[Optional[str], typer.Option(help="statement: the proposition (open-source, trained-on): a declared predicate (id or alias) where the ledger declares them (`ledger vocab`).", rich_help_panel="quantity, statement")] = None,
    object_: Annotated[Optional[str], typer.Option("--object", help="statement: the proposition's object, where it has one.", rich_help_panel="quantity, statement")] = None,
    polarity: Annotated[Optional[bool], typer.Option("--polarity/--negated", help="statement, comparison, ranking: the source asserts it (default) or denies it (\"does not consistently outperform\", \"not the clear leader\").", rich_help_panel="quantity, statement")] = None,
    qualifiers: Annotated[Optional[str], typer.Option(help="statement, comparison, ranking: qualifiers or hedges, comma-separated (osi-definition, not-yet): declared ones (ids or aliases) where the ledger declares them.", rich_help_panel="quantity, statement")] = None,
    capability: Annotated[Optional[str], typer.Option(help="comparison, ranking, tally: a declared capability (id or alias: coding, long context) instead of --benchmark or --category; its benchmarks are those of its categories.", rich_help_panel="comparison, ranking, tally")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check everything and show the claim and the conflicts it would cause; write nothing.")] = False,
    file: Annotated[Optional[Path], typer.Option("--file", help="Which of the ledger's files to write the claim to, where it includes others (default: the file that holds the source's claims).")] = None,
    ledger: LedgerOption = DEFAULT_LEDGER,
) -> None:
    """Add a claim from a passage of a source: checked, anchored, appended to claims.yaml.

    The claim is validated like every claim of the ledger (fields, references, the quote found in
    the source, every number of the claim present in the quote), given an id when --id is not
    (<source>-<benchmark, predicate or quantity>-<model or subject>, made unique with -2, -3 ...),
    and appended at the end of the claims: section in the canonical layout. Only the new lines are
    written: every comment and line of the rest of the file stays as it was. The whole ledger is
    loaded again before anything is written; if it has an error, nothing is written.

    Entities may be given by id, name or alias (--model "GPT-4 Omni" is gpt-4o). Where the ledger
    declares a vocabulary, predicates, qualifiers, quantities and units may be given by id or alias
    (the id is written), an unknown one is refused with the closest declared ones, and the claims
    that already use the chosen predicate or quantity are named. Missing required fields are asked
    for when stdin is a terminal (with the ledger's models, benchmarks and declared terms to choose
    from); otherwise a missing field is an error naming its option.

    Example: ledger add --source spheron --kind score --quote "MMLU: LLaMA 3.1 (405B) scores 88.6"
    --model llama-3.1-405b --benchmark mmlu --value 88.6

    A figure in a table is claimed by its cell instead of a quote: the row's label and the column's
    header, checked as the loader checks them (a label not found gets the closest ones).

    Example: ledger add --source herd-paper --kind score --cell-table "Table 2" --cell-row BFCL
    --cell-column GPT-4o --model gpt-4o --benchmark bfcl --value 80.5

    A cell that holds a dash (no result) is claimed with --unreported instead of --value.

    Prints the new claim's id, where its quote is, and the conflicts it causes. Exit 0 added (or
    would be, with --dry-run), 1 the claim or the ledger has a problem (nothing written), 2 usage error.
    """
    limits = options(ctx).limits
    given = {"source": source, "quote": quote, "kind": kind, "topic": topic, "prefix": prefix, "suffix": suffix,
             "occurrence": occurrence, "note": note, "model": model, "benchmark": benchmark, "value": value,
             "shots": shots, "cot": cot, "metric": metric, "subjects": subjects, "relation": relation,
             "objects": objects, "category": category, "scope": scope, "rank": rank, "among": among,
             "words": words, "count": count, "total": total, "benchmarks": benchmarks, "subject": subject,
             "quantity": quantity, "unit": unit, "qualifier": qualifier, "against": against,
             "predicate": predicate, "object": object_, "polarity": polarity, "qualifiers": qualifiers,
             "overall": True if overall else None, "within": within, "capability": capability,
             "cell": _cell(cell_table, cell_row, cell_column), "reported": False if unreported else None}
    given = {name: value.value if isinstance(value, Enum) else value for name, value in given.items()}
    with writing(ledger):  # from reading the ledger to renaming the new one: no other writer between
        lg, claim, edit, result, target = _add(ledger, limits, given, claim_id, dry_run, file)
    _print_added(lg, result.ledger, claim, edit, target, dry_run)


def _cell(table: str | None, row: list[str] | None, column: list[str] | None) -> dict | None:
    """``--cell-*`` as a claim's ``cell`` (a label given once is a string, repeated a list; a
    table given by digits is its number); None when none is given. They go together, or the
    command ends (usage error)."""
    if not (table or row or column):
        return None
    if not (row and column):
        missing = " and ".join(name for name, value in (("--cell-row", row), ("--cell-column", column)) if not value)
        given = "--cell-table" if table and not (row or column) else "--cell-row" if row else "--cell-column"
        fail(f"{given} needs {missing}", code=2,
             hint="a cell is named by its row's label and its column's header: --cell-row BFCL --cell-column GPT-4o")
    cell: dict = {"table": int(table) if table.isdigit() else table} if table else {}
    cell["row"] = row[0] if len(row) == 1 else list(row)
    cell["column"] = column[0] if len(column) == 1 else list(column)
    return cell


def _cell_start(text, claim: dict, file: str) -> int | None:
    """Where the claim's cell starts in the source's text, to place the claim among the source's
    others; a cell that is not found (or not one) ends the command, as the loader would report it."""
    from ledger.anchor.cells import CellProblem, resolve
    from ledger.core.model import Cell

    found = resolve(text.tables, Cell.model_validate(claim["cell"]), file)
    if isinstance(found, CellProblem):
        label = CLAIM_OPTIONS[".".join(found.part)]
        hint = found.hint
        if found.code == "A009" and found.part[-1] in ("row", "column"):
            hint += f" (repeat {label}, one label each: {'left to right' if found.part[-1] == 'row' else 'top down'})"
        fail(f"{label}: {found.code} {found.message}", hint=hint + "; nothing was written")
    return found.cell.start


def _add(ledger, limits, given: dict, claim_id: str | None, dry_run: bool, file: Path | None = None):
    """``add`` under the ledger's lock: read the ledger, build and check the claim, save; the
    ledger before, the claim, the edit, the result of loading the new ledger and the file
    written (where the ledger includes others: the file of the source's claims, or ``file``)."""
    from ledger.anchor.quotes import anchor_quote
    from ledger.core.passages import Anchor
    from ledger.write.edit import EditError, append_item, insert_item
    from ledger.write.place import claim_index, file_for_claim

    lg = load(ledger, limits).ledger
    claim = _claim(lg, given, claim_id, ledger)
    target = _file_of_set(lg, file) if file is not None else file_for_claim(lg, claim["source"])
    snapshot = read_ledger_file(target, limits)
    text = lg.texts[claim["source"]] if claim["source"] in lg.texts else None
    if text is not None and claim.get("cell") is not None:
        start = _cell_start(text, claim, lg.sources[claim["source"]].file)
    else:
        found = anchor_quote(text, claim["quote"], claim.get("prefix"), claim.get("suffix"), claim.get("occurrence"),
                             search_closest=False) if text is not None else None
        start = found.start if isinstance(found, Anchor) else None
    index = claim_index(lg, target, claim["source"], start)
    try:
        if index is None:
            edit = append_item(text_of(snapshot), "claims", claim, path=str(target), limits=limits)
        else:
            edit = insert_item(text_of(snapshot), "claims", index, claim, path=str(target), limits=limits)
    except EditError as error:
        fail(str(error))
    result = save(snapshot, edit, limits, labels=CLAIM_OPTIONS, what="claim", dry_run=dry_run, root=ledger)
    return lg, claim, edit, result, target


def _file_of_set(lg, file: Path) -> Path:
    """``--file``: one of the ledger's files (a path as typed, from here), else the command ends."""
    import os

    names = [lg.path] + ([lg.root / r for r in lg.files.relative[1:]] if lg.files is not None else [])
    for name in names:
        if os.path.abspath(name) == os.path.abspath(file):
            return name
    fail(f"--file: {file} is not one of the ledger's files",
         hint="the ledger's files: " + ", ".join(str(n) for n in names))


def _claim(lg, given: dict, claim_id: str | None, ledger) -> dict:
    """The new claim from what was given (and asked for), checked against its model, with its
    id (given or proposed); a problem ends the command."""
    from ledger.write.claims import build_claim
    from ledger.write.edit import propose_claim_id, validate_claim

    ask = interactive()
    _ask_basics(lg, given, ask)
    kind = given["kind"]
    _refuse_foreign_options(given, kind)
    _ask_required(lg, given, kind, ask)
    claim, renamed = build_claim(lg, kind, given)
    for name, written, entity_id in renamed:
        err().print(Text(f"note: {CLAIM_OPTIONS[name]} {written!r} is {entity_id}", style="dim"))
    _refuse_unknown_terms(lg, claim)
    _say_who_shares(lg, claim)
    claim = {"id": claim_id if claim_id is not None else propose_claim_id(claim, lg.claims), **claim}
    problems = validate_claim(claim)
    if problems:
        for loc, message in problems:
            field = ".".join(str(p) for p in loc)
            label = CLAIM_OPTIONS.get(field) or CLAIM_OPTIONS.get(str(loc[0]) if loc else "", "the claim")
            err().print(Text(f"error: {label}: {message}"))
        err().print("nothing was written")
        raise typer.Exit(1)
    if claim["id"] in lg.claims:
        fail(f"--id: a claim {claim['id']!r} exists ({lg.location_of('claims', claim['id'])})",
             hint="choose another --id, or leave it out to get one proposed")
    return claim


def _refuse_unknown_terms(lg, claim: dict) -> None:
    """A term the ledger's vocabulary does not declare ends the command (nothing written)."""
    from ledger.core.vocabulary import TERM_WORDS
    from ledger.write.claims import term_kind, unknown_terms

    unknown = unknown_terms(lg, claim)
    for field, value, hint in unknown:
        word = TERM_WORDS[term_kind(lg, claim["kind"], field)]
        err().print(Text(f"error: {CLAIM_OPTIONS[field]}: unknown {word} {value!r}"))
        err().print(Text(f"    hint: {hint}", style="dim"))
    if unknown:
        err().print("nothing was written (declare a new term under vocabulary: in the ledger first)")
        raise typer.Exit(1)


SHARED_SHOWN = 5  # claim ids named in a note, at most


def _say_who_shares(lg, claim: dict) -> None:
    """Which claims already use the statement's predicate or the quantity's quantity (those
    are the claims the new one will be checked against)."""
    from ledger.write.claims import sharing

    for name in ("predicate", "quantity"):
        value = claim.get(name)
        if value is None:
            continue
        ids = sharing(lg, claim["kind"], name, value)
        if not ids:
            err().print(Text(f"note: no claim uses {name} {value} yet", style="dim"))
            continue
        shown = ", ".join(ids[:SHARED_SHOWN]) + (f" ... ({len(ids) - SHARED_SHOWN} more)" if len(ids) > SHARED_SHOWN else "")
        err().print(Text(f"note: {len(ids)} claim{'s' if len(ids) > 1 else ''} already use{'' if len(ids) > 1 else 's'} "
                         f"{value}: {shown}", style="dim"))


def _print_added(before, after, claim: dict, edit, ledger, dry_run: bool) -> None:
    """The new claim, where its quote is, and the conflicts it causes (ledger ``before`` and
    ``after`` it)."""
    from ledger.check.engine import find_conflicts

    known = {c.id: c for c in find_conflicts(before)}
    found = find_conflicts(after)
    caused = [c for c in found if c.id not in known]
    gone = [c for cid, c in known.items() if cid not in {a.id for a in found}]
    console = out()
    anchor = after.anchors[claim["id"]]
    source_file = after.display_path(after.sources[claim["source"]].file)
    if dry_run:
        console.print(f"would add claim {claim['id']} ({claim['kind']}) at {ledger}:{edit.first_line} "
                      "(dry run: nothing written):")
        console.print(Text("\n".join(line.text for line in edit.rendered.lines)))
    else:
        console.print(f"added claim {claim['id']} ({claim['kind']}) at {ledger}:{edit.first_line}")
    console.print(f"  quote at {source_file}:{anchor.line}:{anchor.column}-{anchor.end_line}:{anchor.end_column}")
    print_all(console, new_conflicts(caused, gone, dry_run))


def _ask_basics(lg, given: dict, ask: bool) -> None:
    from ledger.write.claims import BASICS

    missing = [name for name in BASICS if given[name] in (None, "") and not (name == "quote" and given["cell"])]
    if missing and not ask:
        fail("missing " + ", ".join(f"--{m}" + (" (or --cell-row and --cell-column)" if m == "quote" else "")
                                    for m in missing) +
             " (stdin is not a terminal, so nothing can be asked)", code=2)
    if given["source"] is None:
        given["source"] = typer.prompt(f"source ({', '.join(lg.sources)})", value_proc=choice(lg.sources), err=True)
    if given["kind"] is None:
        kinds = [k.value for k in KindChoice]
        given["kind"] = typer.prompt(f"kind ({', '.join(kinds)})", value_proc=choice(kinds), err=True)
    if given["quote"] in (None, "") and not given["cell"]:
        given["quote"] = typer.prompt("quote (the source's words)", err=True)


def _refuse_foreign_options(given: dict, kind: str) -> None:
    from ledger.write.claims import foreign_fields

    foreign = foreign_fields(kind, given)
    if foreign:
        names = ", ".join(CLAIM_OPTIONS.get(name, f"--{name}") for name in foreign)
        wanted = ", ".join(CLAIM_OPTIONS[f] for group in REQUIRED_FIELDS[kind] for f in group)
        fail(f"{names} do(es) not apply to a {kind} claim (it takes {wanted} ...)", code=2,
             hint="`ledger add --help` lists the options of each kind")


def _ask_required(lg, given: dict, kind: str, ask: bool) -> None:
    from ledger.write.claims import missing_fields

    missing = missing_fields(kind, given)
    if not missing:
        return
    if not ask:
        wanted = ", ".join(" or ".join(CLAIM_OPTIONS[n] for n in names) for names in missing)
        unless = [CLAIM_OPTIONS[REQUIRED_UNLESS[(kind, n)][0]] for names in missing for n in names
                  if (kind, n) in REQUIRED_UNLESS]
        wanted += f" (or {', '.join(unless)})" if unless else ""
        fail(f"a {kind} claim needs {wanted} (stdin is not a terminal, so nothing can be asked)", code=2)
    for names in missing:
        for name in names:
            answer = _prompt_field(lg, kind, name, optional=len(names) > 1 and name != names[-1])
            if answer not in (None, ""):
                given[name] = answer
                break


class EntityPrompt:
    """A prompt's check of an entity given by id, name or alias (case-insensitive): called with
    the answer, gives its id (or ids, comma-separated, with ``many``), or asks again."""

    def __init__(self, ledger, kinds, many: bool = False) -> None:
        self.ledger, self.kinds, self.many = ledger, kinds, many

    def candidates(self):
        from ledger.write.claims import candidates

        return candidates(self.ledger, self.kinds)

    def __call__(self, value):
        from ledger.write.claims import resolve_entity

        parts = [p.strip() for p in str(value).split(",") if p.strip()] if self.many else [str(value)]
        resolved = []
        for part in parts:
            found = resolve_entity(self.ledger, self.kinds, part)
            if found is None:
                hint = did_you_mean(part, [e.id for e in self.candidates()], n=3)
                raise typer.BadParameter(f"unknown {'/'.join(self.kinds or ('entity',))} {part!r}. {hint}".strip())
            resolved.append(found)
        if not resolved:
            raise typer.BadParameter("give at least one id")
        return resolved if self.many else resolved[0]


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
    return _vocabulary_names([e.id for e in entities], limit)


def _vocabulary_names(names, limit: int = 80) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f", ... ({len(names) - limit} more)" if len(names) > limit else "")


_CHOICES = {"relation": Relation, "rank": Rank, "category": Category, "topic": Topic}


class TermPrompt:
    """A prompt's check of a declared term given by id or alias: gives its id, or asks again
    with the closest declared ones."""

    def __init__(self, ledger, term_type: str) -> None:
        self.terms, self.term_type = ledger.terms, term_type

    def __call__(self, value):
        from ledger.core.vocabulary import TERM_WORDS

        found = self.terms.canonical(self.term_type, str(value))
        if found is None:
            hint = did_you_mean(str(value).strip(), self.terms.choices(self.term_type), n=3)
            raise typer.BadParameter(f"unknown {TERM_WORDS[self.term_type]} {str(value)!r}. {hint}".strip())
        return found


def _terms_offered(lg, term_type: str, limit: int = 80) -> str:
    shown = [f"{term.id} ({term.label})" if term.label != term.id else term.id
             for term in lg.terms.by_id[term_type].values()]
    return ", ".join(shown[:limit]) + (f", ... ({len(shown) - limit} more)" if len(shown) > limit else "")


def _prompt_field(lg, kind: str, name: str, optional: bool = False):
    """Ask for one field; ``optional``: an empty answer means "the alternative instead"."""
    from ledger.write.claims import term_kind, used_terms

    extra = " (empty to give another instead)" if optional else ""
    if name == "overall":
        return True if typer.confirm("overall (every benchmark)?", err=True) else None
    term_type = term_kind(lg, kind, name)
    if term_type is not None:
        err().print(Text(f"{term_type}: {_terms_offered(lg, term_type)}", style="dim"))
        return typer.prompt(f"{name} (id or alias)", value_proc=TermPrompt(lg, term_type), err=True)
    if name in ("predicate", "quantity", "unit"):
        used = used_terms(lg, kind, name)
        if used:
            err().print(Text(f"used so far: {_vocabulary_names(used)}", style="dim"))
    kinds = REFERENCE_KINDS.get((kind, name))
    if kinds is not None:
        what = "benchmarks" if kinds == ("benchmark",) else "models" if kinds else "entities"
        choices = EntityPrompt(lg, kinds, many=name in LIST_FIELDS[kind])
        err().print(Text(f"{what}: {_vocabulary(choices.candidates())}", style="dim"))
        label = f"{name} (id, name or alias{', comma-separated' if choices.many else ''}){extra}"
        if optional:
            check = choices
            choices = lambda answer: check(answer) if str(answer).strip() else None  # noqa: E731
            return typer.prompt(label, default="", show_default=False, value_proc=choices, err=True)
        return typer.prompt(label, value_proc=choices, err=True)
    if name in _CHOICES:
        values = [e.value for e in _CHOICES[name]]
        if optional:
            check_choice = choice(values)
            return typer.prompt(f"{name} ({', '.join(values)}){extra}", default="", show_default=False, err=True,
                                value_proc=lambda answer: check_choice(answer) if str(answer).strip() else None)
        return typer.prompt(f"{name} ({', '.join(values)})", value_proc=choice(values), err=True)
    if name in ("count", "total"):
        return typer.prompt(name, value_proc=_whole_number(0 if name == "count" else 1), err=True)
    return typer.prompt(name, err=True)


# ------------------------------------------------------------------ review

def review(
    ctx: typer.Context,
    conflict_id: Annotated[str, typer.Argument(metavar="CONFLICT_ID", help="The conflict's id, as `ledger conflicts` prints it (C002-1a2b3c4d5e).")],
    verdict: Annotated[Verdict, typer.Option(help="confirmed: the sources really disagree; dismissed: not a real conflict (say why in --note); resolved: what is true (--note and --evidence say).")],
    note: Annotated[Optional[str], typer.Option(help="Why: required for dismissed and resolved.")] = None,
    evidence: Annotated[Optional[str], typer.Option(help="Where the truth is stated: a primary source's claim id (herd-t2-mmlu-llama-3.1-405b), or a sentence (\"Llama 3 Herd of Models, Table 2\").")] = None,
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
    limits = options(ctx).limits
    with writing(ledger):  # from reading the ledger to renaming the new one: no other writer between
        conflict, existing, edit, target = _review(ledger, limits, conflict_id, verdict, note, evidence, reviewer, replace)
    action = "replaced the verdict on" if existing is not None else "recorded"
    out().print(f"{action} {conflict_id}: {verdict.value} ({conflict.name}; {target}:{edit.first_line})")


def _review(ledger, limits, conflict_id: str, verdict: Verdict, note, evidence, reviewer, replace: bool):
    """``review`` under the ledger's lock: the conflict, its verdict before, and the edit saved."""
    from ledger.check.engine import evidence_problem, find_conflicts
    from ledger.write.edit import EditError
    from ledger.write.reviews import near_conflict_ids, review_edit

    from ledger.write.place import file_for_review

    lg = load(ledger, limits).ledger
    target = file_for_review(lg, conflict_id)
    snapshot = read_ledger_file(target, limits)
    conflicts = {c.id: c for c in find_conflicts(lg)}
    conflict = conflicts.get(conflict_id)
    if conflict is None:
        near = near_conflict_ids(conflict_id, conflicts)
        hint = f"did you mean {', '.join(near[:3])}?" if near else "`ledger conflicts` lists the conflicts and their ids"
        fail(f"no conflict {conflict_id!r} in {ledger} ({len(conflicts)} conflict(s) now)", hint=hint)
    record = _review_record(conflict_id, verdict, note=note, evidence=evidence, reviewer=reviewer)
    problem = evidence_problem(lg, conflict.claims, evidence)
    if problem:
        fail(f"--evidence: {problem[0]}", hint=problem[1])
    text = text_of(snapshot)
    existing = conflict.review
    if existing is not None and not replace:
        fail(f"{conflict_id} already has a verdict: {existing.verdict.value} ({lg.location_of('reviews', conflict_id)})",
             hint="pass --replace to replace it")
    try:
        edit = review_edit(text, record, replace=existing is not None, path=str(target), limits=limits)
    except EditError as error:
        fail(str(error))
    save(snapshot, edit, limits, labels=REVIEW_OPTIONS, what="review", root=ledger)
    return conflict, existing, edit, target


def _review_record(conflict_id: str, verdict: Verdict, **given) -> dict:
    """The review as the ledger will hold it, checked against its model; a problem ends the
    command."""
    from ledger.write.reviews import validate_review

    record = {"conflict": conflict_id, "verdict": verdict.value}
    record.update((key, value) for key, value in given.items() if value is not None)
    problems = validate_review(record)
    if problems:
        for field, message in problems:
            label = REVIEW_OPTIONS.get(field, "--note" if "note" in message else "the review")
            err().print(Text(f"error: {label}: {message}"))
        err().print("nothing was written")
        raise typer.Exit(1)
    return record
