"""How the commands that change the ledger (``add``, ``review``, ``new-source``, ``fmt``) read
it first and save it: through ``ledger.write`` (a temporary file, validated, renamed into
place, never over a file that changed meanwhile), with every refusal said in the terms of
the command's options."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from ledger.cli.app import err, fail, print_diagnostics
from ledger.core.diagnostics import Severity
from ledger.core.ledger import LoadResult
from ledger.read.yaml_reader import Limits
from ledger.write.files import FileChangedError, Snapshot, WriteError, read_snapshot


def read_ledger_file(path: Path) -> Snapshot:
    """The ledger's bytes as read now, to be edited and saved later; a missing or unreadable
    file ends the command."""
    try:
        snapshot = read_snapshot(path)
    except WriteError as error:
        fail(str(error))
    if not snapshot.exists:
        fail(f"no ledger at {path}", hint="pass the ledger's path with --ledger PATH")
    return snapshot


def text_of(snapshot: Snapshot) -> str:
    try:
        return snapshot.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{snapshot.path} is not UTF-8 text", hint="run `ledger check` to see where")


def save(snapshot: Snapshot, edit, limits: Limits, *, labels: dict[str, str], what: str,
         dry_run: bool = False) -> LoadResult:
    """Save the edited ledger (or only try it, with ``dry_run``): the result of loading it.
    When it would have errors, they are printed, those in the new ``what`` (claim, review,
    source) named by the option that gave the field (``labels``: field -> option), and the
    command ends (exit 1)."""
    from ledger.write.edit import Rejected, save_edit

    try:
        return save_edit(snapshot, edit.text, limits, dry_run=dry_run)
    except Rejected as rejected:
        _report_rejection(rejected.result, edit, labels, what)
    except FileChangedError as error:
        fail(str(error), hint="another program or person edited the file; nothing was written")
    except WriteError as error:
        fail(str(error))


def _report_rejection(result: LoadResult, edit, labels: dict[str, str], what: str) -> None:
    console = err()
    others = []
    for diagnostic in result.diagnostics:
        in_ledger = edit is not None and diagnostic.location.path == str(result.ledger.path if result.ledger else "")
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
