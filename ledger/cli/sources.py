"""``ledger sources``, ``ledger coverage`` and ``ledger new-source``: the write-ups, what is left
to claim in them, and registering a new one."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from ledger.cli.app import (
    DEFAULT_LEDGER,
    LedgerOption,
    TextFormat,
    choice,
    err,
    fail,
    interactive,
    load,
    options,
    out,
    print_all,
)
from ledger.cli.saving import read_ledger_file, report_rejection, save, text_of, writing
from ledger.core.model import SourceKind
from ledger.output.records import source_records
from ledger.output.terminal import coverage_listing, sources_table
from ledger.output.visible import to_json

# option of each source field the command sets, for messages
SOURCE_OPTIONS = {"id": "--id", "title": "--title", "kind": "--kind"}


def sources(
    ctx: typer.Context,
    ledger: LedgerOption = DEFAULT_LEDGER,
    format: Annotated[TextFormat, typer.Option("--format", "-f", help="text or json.")] = TextFormat.text,
) -> None:
    """The sources with their metadata and claim counts."""
    rows = source_records(load(ledger, options(ctx).limits).ledger)
    if format is TextFormat.json:
        sys.stdout.write(to_json(rows))
        return
    out().print(sources_table(rows))


def coverage(
    ctx: typer.Context,
    source: Annotated[Optional[list[str]], typer.Argument(metavar="[SOURCE]...", help="Source ids (default: all).")] = None,
    ledger: LedgerOption = DEFAULT_LEDGER,
    format: Annotated[TextFormat, typer.Option("--format", "-f", help="text or json.")] = TextFormat.text,
) -> None:
    """What each source asserts that no claim covers and no skip explains.

    Lists, per source, the sentences holding a figure or an assertion that no claim's quote covers
    (with their line numbers and the figures left out), then a summary line: figures covered / present,
    sentences covered / present. Lines listed under a source's `skips` are left out on purpose.
    """
    from ledger.check.coverage import coverage as compute

    lg = load(ledger, options(ctx).limits).ledger
    unknown = [s for s in source or [] if s not in lg.sources]
    if unknown:
        err().print(f"error: unknown source {unknown[0]!r}; the sources are: {', '.join(lg.sources)}")
        raise typer.Exit(1)
    reports = compute(lg, source)
    if format is TextFormat.json:
        sys.stdout.write(to_json([r.to_json() for r in reports]))
        return
    print_all(out(), coverage_listing(lg, reports))


def new_source(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", exists=True, dir_okay=False, readable=True, help="The write-up as UTF-8 text (markdown is fine).")],
    source_id: Annotated[Optional[str], typer.Option("--id", help="The source's id (kebab-case). Default: the publisher's or first author's name, else the file's name.")] = None,
    kind: Annotated[Optional[SourceKind], typer.Option(help="blog-post, article, video-summary, paper, model-card, news or other. Asked for on a terminal; otherwise 'other'.")] = None,
    title: Annotated[Optional[str], typer.Option(help="The title, when the text's own (front matter or page header title:, first heading or first line) is not right.")] = None,
    ledger: LedgerOption = DEFAULT_LEDGER,
) -> None:
    """Register a new write-up: copy it under sources/, record it in claims.yaml, show what to claim.

    The file is copied to sources/ under the ledger's folder with its name (a different file of that
    name there is never overwritten) and its sha256 recorded. The metadata is what the text states:
    the title (front matter `title:`, else the first heading or line), the date (front matter
    `datePublished:`/`date:`, else an ISO or "Month D, YYYY" date near the top), the authors (front
    matter `author:`, else a "By NAME" line); what it does not state stays null or []. A saved page
    that begins with `key: value` lines without fences (title:, address: or url:, date:, author:,
    then a blank line) is read the same way. A front-matter block or such a header is recorded as a
    skip. Check them: the entry is appended to the sources: section (the rest of
    the file stays as it was) and can be edited. In a ledger split by source (`ledger split`)
    it goes to a file of its own, claims/<id>.yaml.

    Then prints what `ledger coverage ID` says is left to claim: the sentences and figures no claim
    covers yet. Next: `ledger add --source ID ...` for each, or a skip with a reason.

    Exit 0 registered, 1 already registered / a different file of that name / ledger problems
    (nothing written), 2 usage error.
    """
    limits = options(ctx).limits
    with writing(ledger):  # from reading the ledger to renaming the new one: no other writer between
        entry, new, edit, written = _register(ledger, limits, file, kind, source_id, title)
    _print_registered(entry, new.shown, written, edit.first_line)
    _print_left_to_claim(ledger, limits, entry["id"])


def _register(ledger: Path, limits, file: Path, kind, source_id, title):
    """``new-source`` under the ledger's lock: the entry, the write-up read, the edit saved.
    The copy under sources/ is made only where nothing is (not even a link), and taken back,
    if saving fails, only while it is still the file this command made."""
    from ledger.write.edit import EditError, append_item
    from ledger.write.sources import (
        SourceError,
        copy_source,
        read_new_source,
        remove_copy,
        source_entry,
        validate_source,
    )

    snapshot = read_ledger_file(ledger, limits)
    lg = load(ledger, limits).ledger
    try:
        new = read_new_source(lg, file)
    except SourceError as error:
        fail(str(error), hint=error.hint)
    if kind is None:
        kind = _source_kind()
    entry = source_entry(lg, new, kind=kind.value, source_id=source_id, title=title)
    if entry["id"] in lg.sources:
        fail(f"--id: a source {entry['id']!r} exists", hint="choose another --id")
    problems = validate_source(entry)
    if problems:
        for field, message in problems:
            err().print(Text(f"error: {SOURCE_OPTIONS.get(field, field)}: {message}"))
        err().print("nothing was written")
        raise typer.Exit(1)
    from ledger.write.split import split_by_source_already

    if split_by_source_already(lg):
        edit, written = _register_in_own_file(ledger, limits, snapshot, lg, new, entry)
        return entry, new, edit, written
    try:
        edit = append_item(text_of(snapshot), "sources", entry, path=str(ledger), limits=limits)
    except EditError as error:
        fail(str(error))
    try:
        made = copy_source(new)
    except SourceError as error:
        fail(str(error), hint=error.hint)
    try:
        save(snapshot, edit, limits, labels=SOURCE_OPTIONS, what="source")
    except typer.Exit:
        remove_copy(new, made)
        raise
    return entry, new, edit, ledger


def _register_in_own_file(ledger: Path, limits, snapshot, lg, new, entry: dict):
    """``new-source`` on a ledger split by source: the entry in a file of its own,
    claims/<id>.yaml, which the root's claims/*.yaml picks up (else the root's include list
    gets it). The whole set is loaded with the new file (and root) first; nothing is written
    if it has errors. The edit and the file written."""
    import os

    from ledger.load import load_ledger
    from ledger.write.edit import EditError
    from ledger.write.files import WriteError, remove_created, safe_write, write_new
    from ledger.write.sources import SourceError, copy_source, remove_copy
    from ledger.write.split import SplitError, new_source_file, source_file, with_include

    relative = source_file(entry["id"])
    target = lg.root / relative
    if os.path.lexists(target):
        fail(f"{lg.display_path(relative)} exists; nothing was written",
             hint="a source's file is claims/<id>.yaml: choose another --id, or move that file away")
    try:
        edit = new_source_file(text_of(snapshot), relative, entry, limits)
        root_text = with_include(text_of(snapshot), relative, str(ledger))
    except (EditError, SplitError) as error:
        fail(str(error))
    data = edit.text.encode("utf-8")
    try:
        made = copy_source(new)
    except SourceError as error:
        fail(str(error), hint=error.hint)
    overrides = {relative: data, **({ledger.name: root_text.encode("utf-8")} if root_text is not None else {})}
    result = load_ledger(ledger, limits, files=overrides)
    if result.ledger is None or not result.ok:
        remove_copy(new, made)
        report_rejection(result, edit, SOURCE_OPTIONS, "source", os.path.normpath(str(ledger.parent / relative)))
    folder_made = not os.path.lexists(target.parent)
    written = None
    try:
        if folder_made:
            target.parent.mkdir()
        written = write_new(target, data)
        if root_text is not None:
            safe_write(snapshot, root_text.encode("utf-8"))
    except (OSError, WriteError) as error:
        if written is not None:
            remove_created(target, written)
        if folder_made:
            with contextlib.suppress(OSError):
                target.parent.rmdir()
        remove_copy(new, made)
        fail(str(getattr(error, "strerror", None) or error), hint=getattr(error, "hint", ""))
    return edit, target


def _source_kind() -> SourceKind:
    """Asked for on a terminal; otherwise 'other', with a note."""
    if interactive():
        kinds = [k.value for k in SourceKind]
        return SourceKind(typer.prompt(f"kind ({', '.join(kinds)})", value_proc=choice(kinds),
                                       default="blog-post", err=True))
    err().print(Text("note: kind: other (give --kind blog-post, article, ... to say what it is)", style="dim"))
    return SourceKind.OTHER


def _print_registered(entry: dict, shown: str, written: Path, line: int) -> None:
    console = out()
    console.print(f"registered source {entry['id']} ({entry['kind']}): {shown} at {written}:{line}")
    console.print(Text(f"  title: {entry['title']}"))
    console.print(f"  published: {entry['published'] or 'not stated'}")
    console.print(Text(f"  authors: {', '.join(entry['authors']) or 'not stated'}"))
    console.print(f"  sha256: {entry['sha256']}")
    console.print()


def _print_left_to_claim(ledger: Path, limits, source_id: str) -> None:
    """What ``ledger coverage SOURCE_ID`` prints, and what to do next."""
    from ledger.check.coverage import coverage as compute

    console = out()
    console.print(f"left to claim in {source_id} (`ledger coverage {source_id}`):")
    lg = load(ledger, limits).ledger
    print_all(out(), coverage_listing(lg, compute(lg, [source_id])))
    console.print(f"next: `ledger add --source {source_id} --quote \"...\" --kind ...` for each passage "
                  "that asserts something, or a skip with its reason")
