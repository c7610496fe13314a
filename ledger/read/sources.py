"""Reading a source file that a ledger names: the one way it is done.

Loading a ledger reads each source with :func:`read_source`, and so does the cache
(``ledger.perf.cache``) when it checks that an entry's sources are unchanged: what
``SourceRead.status`` says is what a cache entry keeps, so the two cannot drift apart.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

MAX_SOURCE_BYTES = 16 * 1024 * 1024


class SourceProblem(NamedTuple):
    """What is wrong with a source, said of one of its fields (``file`` or ``sha256``)."""

    field: str
    code: str
    message: str
    hint: str


class SourceRead(NamedTuple):
    """What reading a source gave.

    ``status`` is what a cache must find unchanged: ``("sha256", hex)`` of the bytes read, or
    why none were read (``("refused",)``, ``("outside",)``, ``("large",)``, ``("error", why)``).
    ``text`` is the decoded text, or None when there is none to anchor quotes in; ``problems``
    are what to report, in the order found (a changed sha256 does not stop the text being used).
    """

    status: tuple
    text: str | None
    problems: tuple[SourceProblem, ...] = ()


def read_source(root: Path, file: str, recorded_sha256: str | None = None) -> SourceRead:
    """Read source ``file`` (relative to the ledger's folder ``root``): it must stay inside
    that folder, be a regular file of at most MAX_SOURCE_BYTES and UTF-8. With
    ``recorded_sha256``, a file whose bytes hash differently is reported as changed."""
    if "\0" in file:  # no file can be named so (the OS refuses the name outright)
        return SourceRead(("refused",), None, (SourceProblem(
            "file", "A005", f"source path {file!r} holds a null character",
            "write the file's name without it"),))
    relative = Path(file)
    if relative.is_absolute() or ".." in relative.parts:
        return SourceRead(("refused",), None, (SourceProblem(
            "file", "A006", f"source path {file!r} leaves the ledger's folder",
            "put the file under the ledger's folder (e.g. sources/) and give a relative path"),))
    try:
        resolved = (root / relative).resolve(strict=True)
        if not resolved.is_relative_to(root.resolve()):
            return SourceRead(("outside",), None, (SourceProblem(
                "file", "A006", f"source {file!r} is a link that points outside the ledger's folder",
                "copy the file into the ledger's folder instead of linking to it"),))
        if not resolved.is_file():
            raise IsADirectoryError(21, "not a regular file")
        if resolved.stat().st_size > MAX_SOURCE_BYTES:
            return SourceRead(("large",), None, (SourceProblem(
                "file", "A005", f"source {file!r} is larger than {MAX_SOURCE_BYTES:,} bytes",
                "a source is one write-up; split larger texts"),))
        raw = resolved.read_bytes()
    except OSError as error:
        why = str(error.strerror or error)
        return SourceRead(("error", why), None, (SourceProblem(
            "file", "A005", f"cannot read source {file!r}: {why}",
            "check the file name under the ledger's folder"),))
    digest = hashlib.sha256(raw).hexdigest()
    problems = []
    if recorded_sha256 is not None and digest != recorded_sha256:
        problems.append(SourceProblem(
            "sha256", "A004", f"source {file!r} changed since it was recorded (sha256 is now {digest})",
            "re-check the claims that quote it, then record the new sha256"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = None
        problems.append(SourceProblem("file", "A005", f"source {file!r} is not UTF-8 (byte {error.start})",
                                      "convert the file to UTF-8"))
    return SourceRead(("sha256", digest), text, tuple(problems))
