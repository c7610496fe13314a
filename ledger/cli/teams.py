"""``ledger split`` and ``ledger diff``: a ledger kept by a team, in files git merges, and what
a change does to the claims and the conflicts."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ledger.cli.app import DEFAULT_LEDGER, LedgerOption, SheetFormat, err, fail, load, options, out
from ledger.cli.saving import read_ledger_file, text_of, writing


class SplitBy(str, Enum):
    source = "source"


def split(
    ctx: typer.Context,
    by: Annotated[Optional[SplitBy], typer.Option("--by", help="source: one file per source, claims/<source>.yaml.")] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Put the files the ledger includes back into it, one file again.")] = False,
    ledger: LedgerOption = DEFAULT_LEDGER,
) -> None:
    """Split the ledger into a root and one file per source, or (--undo) join it back.

    `--by source` moves each source's entry and its claims to claims/<source>.yaml (comments
    with them) and makes the root include those files, listed in the order the sources were,
    then claims/*.yaml (for files added later, such as `new-source` makes); the root keeps the
    version, settings, entities, vocabulary and reviews. `--undo` writes every included file's
    items back into the root, in the order the ledger reads them, and removes the included
    files: a split then undone gives back the file it started from. Either way the
    ledger's claims, conflicts and ids stay the same: the new files are loaded and compared
    before anything is written, and nothing is written if they differ.

    Exit 0 done, 1 the ledger has errors or cannot be split or joined (nothing written).
    """
    if undo == (by is not None):
        fail("give either --by source or --undo", code=2)
    limits = options(ctx).limits
    with writing(ledger):
        if undo:
            message = _join(ledger, limits)
        else:
            message = _split(ledger, limits)
    out().print(message)


def _same_ledger(before, after) -> bool:
    return after.ledger is not None and after.ok and list(sorted(after.ledger.claims)) == list(sorted(before.claims)) \
        and sorted(after.ledger.sources) == sorted(before.sources) and len(after.ledger.reviews) == len(before.reviews)


def _split(ledger: Path, limits) -> str:
    from ledger.load import load_ledger
    from ledger.write.files import WriteError, remove_created, safe_write, write_new
    from ledger.write.split import SplitError, split_by_source

    snapshot = read_ledger_file(ledger, limits)
    before = load(ledger, limits).ledger
    try:
        files = split_by_source(text_of(snapshot), ledger.name)
    except SplitError as error:
        fail(str(error))
    root = files.pop(ledger.name)
    folder = ledger.parent
    taken = [name for name in files if os.path.lexists(folder / name)]
    if taken:
        fail(f"{folder / taken[0]} exists; nothing was written", hint="move it away, or split a ledger that has none")
    encoded = {name: text.encode("utf-8") for name, text in files.items()}
    after = load_ledger(ledger, limits, files={ledger.name: root.encode("utf-8"), **encoded})
    if not _same_ledger(before, after):
        fail("the split ledger would not be the same ledger; nothing was written",
             hint="please report this with the ledger (it is a bug)")
    made = []
    try:
        (folder / "claims").mkdir(exist_ok=True)
        for name, data in encoded.items():
            made.append((folder / name, write_new(folder / name, data)))
        safe_write(snapshot, root.encode("utf-8"))
    except WriteError as error:
        for path, identity in made:
            remove_created(path, identity)
        fail(str(error), hint=error.hint)
    counts = {name: sum(1 for c in before.claims.values() if f"claims/{c.source}.yaml" == name) for name in files}
    listed = ", ".join(f"{name} ({count} claims)" for name, count in counts.items())
    return f"split {ledger} by source: it includes {listed}, then claims/*.yaml"


def _join(ledger: Path, limits) -> str:
    from ledger.load import load_ledger
    from ledger.write.files import WriteError, safe_write
    from ledger.write.split import SplitError, join

    snapshot = read_ledger_file(ledger, limits)
    before = load(ledger, limits).ledger
    if before.files is None:
        fail(f"{ledger} includes no files; there is nothing to join")
    folder = ledger.parent
    texts = [(ledger.name, text_of(snapshot))]
    for relative in before.files.relative[1:]:
        texts.append((relative, text_of(read_ledger_file(folder / relative, limits))))
    try:
        joined = join(texts)
    except SplitError as error:
        fail(str(error))
    after = load_ledger(ledger, limits, data=joined.encode("utf-8"))
    if after.ledger is None or after.ledger.files is not None or not _same_ledger(before, after):
        fail("the joined ledger would not be the same ledger; nothing was written",
             hint="please report this with the ledger (it is a bug)")
    try:
        safe_write(snapshot, joined.encode("utf-8"))
    except WriteError as error:
        fail(str(error), hint=error.hint)
    removed = []
    for relative in before.files.relative[1:]:  # no longer included: the root no longer names them
        try:
            os.unlink(folder / relative)
            removed.append(relative)
        except OSError as error:
            err().print(f"note: could not remove {relative}: {error.strerror or error}")
    for relative in sorted({str(Path(r).parent) for r in removed}, key=len, reverse=True):
        if relative not in ("", "."):
            try:
                (folder / relative).rmdir()
            except OSError:
                pass  # not empty: other files live there
    return f"joined {len(removed)} file(s) into {ledger}"


def diff(
    ctx: typer.Context,
    revision: Annotated[Optional[str], typer.Argument(metavar="[REV]", help="A git revision (default HEAD), or the path of another ledger, to compare the ledger with.")] = None,
    format: Annotated[SheetFormat, typer.Option("--format", "-f", help="text, json (the contract in README), or markdown (for a pull-request comment).")] = SheetFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when an error-level conflict without a verdict appeared (or changed).")] = False,
    ledger: LedgerOption = DEFAULT_LEDGER,
) -> None:
    """What changed since REV: claims added, removed or changed, and conflicts that came or went.

    Claims are compared field by field; conflicts that appeared, disappeared or changed are
    listed by id, with their messages.

    REV is a git revision (default HEAD: what is staged or changed in the working tree), whose
    ledger is read with `git show REV:path` for every file of its set, or the path of another
    ledger file. The ledger compared with it is --ledger, as it is now.

    Exit 0, or 1 when a ledger cannot be read or, with --strict, when an unreviewed error-level
    conflict appeared.
    """
    import tempfile

    from ledger.check.engine import find_conflicts
    from ledger.load import load_ledger
    from ledger.output.diff import diff_json, diff_markdown, ledger_diff
    from ledger.read.revision import RevisionError, ledger_at_revision

    limits = options(ctx).limits
    new = load(ledger, limits).ledger
    with tempfile.TemporaryDirectory(prefix="ledger-diff-") as scratch:
        if revision is not None and Path(revision).is_file():
            old_path, old_name = Path(revision), revision
        else:
            name = revision or "HEAD"
            try:
                old_path = ledger_at_revision(ledger, name, Path(scratch))
            except RevisionError as error:
                fail(f"cannot read the ledger at {name}: {error}")
            old_name = f"{name}:{ledger.name}"
        old_result = load_ledger(old_path, limits)
        if old_result.ledger is None:
            fail(f"the ledger at {old_name} cannot be read: "
                 + (old_result.diagnostics[0].render() if old_result.diagnostics else "no ledger"))
        old = old_result.ledger
        found = ledger_diff(old, find_conflicts(old), new, find_conflicts(new), old_name, str(ledger))
    if format is SheetFormat.json:
        sys.stdout.write(diff_json(found))
    else:
        sys.stdout.write(diff_markdown(found))
    if strict and found["unreviewed_errors"]:
        err().print(f"{len(found['unreviewed_errors'])} new error-level conflict(s) without a verdict "
                    "(`ledger review ID --verdict ...`)")
        raise typer.Exit(1)
