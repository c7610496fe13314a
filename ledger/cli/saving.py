"""How the commands that change the ledger (``add``, ``review``, ``new-source``, ``fmt``) hold
its lock, read it first and save it: through ``ledger.write`` (a temporary file, validated,
renamed into place, never over a file that changed meanwhile), with every refusal said in the
terms of the command's options."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.text import Text

from ledger.cli.app import err, fail, load, print_diagnostics
from ledger.core.diagnostics import Severity
from ledger.core.ledger import LoadResult
from ledger.read.yaml_reader import Limits
from ledger.write.files import (
    FileChangedError,
    Snapshot,
    TooLargeError,
    WriteError,
    check_editable,
    ledger_lock,
    read_snapshot,
)


@contextlib.contextmanager
def writing(ledger: Path, *, edit: bool = True) -> Iterator[None]:
    """Hold the ledger's lock while the block runs: from before the command reads the ledger
    until its new text is renamed into place, so that no other writer's change is lost. A
    writer that finds it held says so, waits a few seconds (LEDGER_LOCK_WAIT), then ends the
    command. A missing ledger is refused first; with ``edit`` (the command changes the ledger
    itself, whatever it finds), a symbolic link and a read-only file too."""
    if not os.path.lexists(ledger):  # no lock file left in a folder that holds no ledger
        fail(f"no ledger at {ledger}", hint="pass the ledger's path with --ledger PATH")
    if edit:
        try:
            check_editable(ledger)
        except WriteError as error:
            fail(str(error), hint=error.hint)

    def note(seconds: float) -> None:
        err().print(Text(f"note: {ledger} is being written by another ledger command; "
                         f"waiting up to {seconds:g} s for it to finish", style="dim"))

    hold = contextlib.ExitStack()
    try:
        hold.enter_context(ledger_lock(ledger, on_wait=note))
    except WriteError as error:
        fail(str(error), hint=error.hint)
    with hold:
        yield


def read_ledger_file(path: Path, limits: Limits | None = None) -> Snapshot:
    """The ledger's bytes as read now, to be edited and saved later; a missing or unreadable
    file (a pipe, a device, one larger than --max-bytes) ends the command."""
    try:
        snapshot = read_snapshot(path, limits.max_bytes if limits is not None else None)
    except TooLargeError as error:
        load(path, limits)  # says so as every command does (Y004), and ends the command
        fail(str(error), hint="raise the limit with --max-bytes")
    except WriteError as error:
        fail(str(error), hint=error.hint)
    if not snapshot.exists:
        fail(f"no ledger at {path}", hint="pass the ledger's path with --ledger PATH")
    return snapshot


def text_of(snapshot: Snapshot) -> str:
    try:
        return snapshot.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{snapshot.path} is not UTF-8 text", hint="run `ledger check` to see where")


def save(snapshot: Snapshot, edit, limits: Limits, *, labels: dict[str, str], what: str,
         dry_run: bool = False, root: Path | None = None) -> LoadResult:
    """Save the edited ledger (or only try it, with ``dry_run``): the result of loading it.
    When it would have errors, they are printed, those in the new ``what`` (claim, review,
    source) named by the option that gave the field (``labels``: field -> option), and the
    command ends (exit 1)."""
    from ledger.write.edit import Rejected, save_edit

    try:
        return save_edit(snapshot, edit.text, limits, dry_run=dry_run, root=root)
    except Rejected as rejected:
        report_rejection(rejected.result, edit, labels, what, str(snapshot.path))
    except FileChangedError as error:
        fail(str(error), hint="another program or person edited the file; nothing was written")
    except WriteError as error:
        fail(str(error), hint=error.hint)


def report_rejection(result: LoadResult, edit, labels: dict[str, str], what: str, edited: str) -> None:
    """The errors that refuse an edit of the file ``edited`` (those in its new ``what`` named by
    the option that gave the field), then exit 1."""
    console = err()
    others = []
    for diagnostic in result.diagnostics:
        in_ledger = edit is not None and diagnostic.location.path == edited
        field = edit.field_at(diagnostic.location.line) if in_ledger else None
        if field is None or diagnostic.severity is not Severity.ERROR:
            others.append(diagnostic)
            continue
        names = [".".join(str(p) for p in field[:n]) for n in range(len(field), 0, -1)]  # setting.shots, setting
        label = next((labels[n] for n in names if n in labels), None) or (f"'{names[0]}'" if names else what)
        console.print(Text(f"error: {label}: {diagnostic.code} {diagnostic.message}"))
        if diagnostic.hint:
            console.print(Text(f"    hint: {diagnostic.hint}", style="dim"))
    if others:
        print_diagnostics(others, console)
    console.print(f"nothing was written: the {what} would leave the ledger with errors")
    raise typer.Exit(1)
