"""``ledger schema`` and ``ledger fmt``: the ledger file's JSON Schema, and its canonical layout."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ledger.cli.app import DEFAULT_LEDGER, LedgerOption, err, fail, load, options, out, print_diagnostics
from ledger.cli.saving import read_ledger_file, writing
from ledger.output.visible import visible
from ledger.write.files import WriteError, ledger_files, lock_file, read_regular, safe_write, write_atomic


def schema(
    ctx: typer.Context,
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

    limits = options(ctx).limits
    # written into the ledger's folder: under the ledger's lock, as every writer there
    beside = output is not None and not check and os.path.lexists(ledger) \
        and os.path.realpath(output.parent) == os.path.realpath(ledger.parent)
    with writing(ledger, edit=False) if beside else contextlib.nullcontext():
        lg = load(ledger, limits).ledger if for_ledger else None
        text = schema_text(ledger_specific_schema(lg) if for_ledger else ledger_schema())
        if check:
            _check_schema_file(output or ledger.parent / "ledger.schema.json", text)
        elif output is None:
            sys.stdout.write(text)
        else:
            _write_schema_file(output, text, lambda: _ledger_files(ledger, lg, output, limits))


def _check_schema_file(target: Path, text: str) -> None:
    from ledger.output.schema import schema_diff

    try:
        current = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read {target}: {getattr(error, 'strerror', None) or error}",
             hint=f"write it with `ledger schema -o {target}`")
    if current == text:
        out().print(f"{target}: up to date")
        return
    sys.stdout.write(schema_diff(current, text, target))
    err().print(f"{target} is out of date: write it with `ledger schema -o {target}`")
    raise typer.Exit(1)


def _write_schema_file(output: Path, text: str, protected) -> None:
    """Write the schema to ``output`` unless it holds it already; never over the ledger, its
    sources, a link, a pipe or a device (``protected()``: what must not be replaced)."""
    try:
        current = read_regular(output, len(text.encode("utf-8")))
    except OSError:
        current = None
    if current == text.encode("utf-8"):
        err().print(f"{output}: up to date")
        return
    try:
        write_atomic(output, text, protected=protected())
    except WriteError as error:
        fail(str(error), hint=error.hint)
    err().print(f"wrote {output}")


def _ledger_files(ledger: Path, lg, output: Path, limits) -> dict[Path, str]:
    """What ``schema -o`` must not replace: the ledger, its lock and its sources. The sources
    are known without loading the ledger when it was loaded already, or when ``output`` is
    new or outside the ledger's folder (a source is always inside it)."""
    if lg is None and os.path.lexists(output) and os.path.lexists(ledger) \
            and Path(os.path.realpath(output)).is_relative_to(os.path.realpath(ledger.parent)):
        from ledger.load import load_ledger

        lg = load_ledger(ledger, limits).ledger
    if lg is not None:
        return ledger_files(lg)
    return {ledger: "the ledger itself", lock_file(ledger): "the ledger's lock file"}


def fmt(
    ctx: typer.Context,
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
    with writing(ledger, edit=False) if not check else contextlib.nullcontext():
        files, terms = _files_of(ctx, ledger)
        differ = [file for file in files if not _format(ctx, file, check, ledger, terms)]
    if differ:
        for file in differ:
            err().print(f"{file} is not in the canonical layout: run `ledger fmt --ledger {ledger}`")
        raise typer.Exit(1)


def _files_of(ctx: typer.Context, ledger: Path) -> tuple[list[Path], object]:
    """The ledger's files (the root, then each file it includes, where it can be read), and the
    vocabulary of the set when there are several (a ``Terms``; else None: the root's own)."""
    from ledger.load import load_ledger

    if not ledger.exists():
        return [ledger], None
    loaded = load_ledger(ledger, options(ctx).limits).ledger
    if loaded is None or loaded.files is None:
        return [ledger], None
    return [ledger] + [loaded.root / relative for relative in loaded.files.relative[1:]], loaded.terms


def _format(ctx: typer.Context, ledger: Path, check: bool, root: Path, terms=None) -> bool:
    """``fmt`` of one of the ledger's files, under the ledger's lock unless it only checks;
    whether it was canonical (with ``check``). ``terms``: the set's vocabulary."""
    from ledger.read.yaml_reader import decode
    from ledger.write.fmt import FormatError, changed_lines, format_text

    snapshot = read_ledger_file(ledger, options(ctx).limits)
    text, problem = decode(snapshot.data, str(ledger))
    if problem is not None:
        print_diagnostics([problem], err())
        err().print("fmt: nothing was changed: fix the file first")
        raise typer.Exit(1)
    try:
        result = format_text(text, str(ledger), options(ctx).limits, terms=terms)
    except FormatError as error:
        fail(f"fmt cannot format {ledger} without changing it: {error}",
             hint="nothing was written; please report this with the file (it is a bug)")
    if result.text is None:
        print_diagnostics(result.diagnostics, err())
        err().print("fmt: nothing was changed: fix the YAML first")
        raise typer.Exit(1)
    canonical = result.text.encode("utf-8")
    if canonical == snapshot.data:
        out().print(f"{ledger}: canonical")
        return True
    if check:
        _report_not_canonical(ledger, text, result.text)
        return False
    try:
        safe_write(snapshot, canonical, lock=root)
    except WriteError as error:  # FileChangedError included
        fail(str(error), hint=error.hint)
    out().print(f"formatted {ledger} ({changed_lines(text, result.text)} line(s) changed)")
    return True


def _report_not_canonical(ledger: Path, text: str, canonical: str) -> None:
    """``fmt --check`` on a file that is not canonical: the diff, and exit 1."""
    from ledger.write.fmt import canonical_diff

    diff = canonical_diff(text, canonical, str(ledger))
    if diff:
        sys.stdout.write(visible(diff if diff.endswith("\n") else diff + "\n"))  # the ledger's text
    else:
        out().print(f"{ledger}: differs from the canonical form in its line endings or byte-order mark "
                    "(canonical: UTF-8 without BOM, LF line endings)")

