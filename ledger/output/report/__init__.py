"""A static, self-contained HTML report of a ledger, in the manner of coverage.py's htmlcov.

``index.html``
    the overview: sources, claims by kind and topic, conflicts by severity and verdict.
``conflicts.html``
    each conflict (HTML id = its conflict id) with its passages side by side, numbers marked,
    each linking to the passage in its source page.
``source-<id>.html``
    a source's full text, every claim's quote highlighted in place (``#claim-<claim id>``);
    hover, click or focus shows the claim and links to its conflicts.
``matrix.html``
    the model x benchmark matrix of scores (:mod:`ledger.matrix`), conflicting cells marked.

The pages load nothing from the network: CSS and script are inline, fonts are the system's.
:func:`write_report` builds the whole folder next to its destination and swaps it in, so
there is never a half-written report; it refuses to replace a folder that is not a previous
report (no marker file) unless forced.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ledger.core.version import __version__
from ledger.write.files import WriteError, check_output_dir, discard_dir, ledger_files, new_temp_dir, replace_dir
from ledger.check.engine import Conflict
from ledger.core.ledger import Ledger
from ledger.output.matrix import build_matrix
from .pages import conflicts_page, index_page, matrix_page, source_page, source_page_html

MARKER = ".ledger-report"

__all__ = ["MARKER", "build_report", "write_report", "WriteError"]


def build_report(ledger: Ledger, conflicts: list[Conflict]) -> dict[str, str]:
    """The report's files: name -> content (HTML, and the marker file)."""
    matrix = build_matrix(ledger, conflicts)
    files = {
        "index.html": index_page(ledger, conflicts, matrix),
        "conflicts.html": conflicts_page(ledger, conflicts),
        "matrix.html": matrix_page(ledger, matrix),
    }
    for source_id in ledger.sources:
        files[source_page(source_id)] = source_page_html(ledger, source_id, conflicts)
    files[MARKER] = json.dumps({"generator": "ledger", "version": __version__,
                                "files": sorted(files)}, indent=2) + "\n"
    return files


def is_report(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def _check_target(target: Path, ledger: Ledger, force: bool) -> None:
    if target.is_symlink():
        raise WriteError(f"{target} is a symbolic link; give the real folder")
    check_output_dir(target, ledger_files(ledger))  # not the ledger, a source, or a folder holding one
    resolved = target.resolve()
    protected = [Path.cwd().resolve(), ledger.path.resolve().parent]
    if any(resolved == p or resolved in p.parents for p in protected):
        raise WriteError(f"refusing to write the report over {target}: it holds the ledger or the current "
                          "folder; give a folder of its own, e.g. -o htmlreport")
    if not os.path.lexists(target):
        return
    if target.is_dir() and (is_report(target) or not any(target.iterdir())):
        return
    if not force:
        what = "a folder that is not a ledger report" if target.is_dir() else "a file"
        raise WriteError(f"{target} exists and is {what} (no {MARKER} marker); choose another folder, "
                          "or pass --force to replace it")


def write_report(ledger: Ledger, conflicts: list[Conflict], target: str | os.PathLike, *,
                 force: bool = False) -> dict[str, str]:
    """Build the report into the folder ``target`` atomically; returns the files written.

    Raises :class:`ledger.write.files.WriteError` (with a message for the user) when ``target``
    cannot be written, or exists and is neither a previous report nor empty and ``force`` is off.
    """
    target = Path(target)
    _check_target(target, ledger, force)
    files = build_report(ledger, conflicts)
    built = new_temp_dir(target)
    try:
        for name, content in files.items():
            with open(built / name, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(content)
        os.chmod(built, 0o755)
    except OSError as error:
        discard_dir(built)
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    except BaseException:
        discard_dir(built)
        raise
    replace_dir(built, target)
    return files
