"""The ledger file's bytes, or the diagnostic that says why there are none: the one way a
ledger file is read, by the loader and by the cache before it (which must not import the loader
to learn whether its entry still holds)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ledger.core.diagnostics import Diagnostic, Location
from ledger.core.limits import DEFAULT_LIMITS, Limits
from ledger.read.regular import NotRegular, TooLarge, read_regular

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_ledger_bytes(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, Diagnostic | None]:
    """The bytes of the ledger file at ``path``, or why there are none: the one way a ledger
    file is read (``load_ledger``, and the cache before it).

    Only a regular file is read. The file is opened without waiting (a FIFO would block the
    open until a writer came) and what was opened is checked, so a symlink to ``/dev/zero`` or
    a FIFO is refused before a byte is read. At most ``limits.max_bytes`` + 1 bytes are read,
    whatever the size the file reports: ``/proc`` files say 0, and a file can grow."""
    path = Path(path)
    try:
        return read_regular(path, limits.max_bytes, follow=True), None
    except NotRegular as error:
        kind = next((name for test, name in _KINDS if test(error.mode)), "not a regular file")
        return b"", _unreadable(path, f"{path} is {kind}, not a regular file")
    except TooLarge as error:
        return b"", too_large(path, f"{error.size:,} bytes" if error.size is not None
                               else f"more than {limits.max_bytes:,} bytes", limits)
    except OSError as error:
        return b"", _unreadable(path, error.strerror or str(error))


def _unreadable(path: Path, why: str) -> Diagnostic:
    return Diagnostic(Location(str(path)), "Y008", f"cannot read the ledger: {why}",
                      "pass the ledger's path with --ledger PATH")


def too_large(path: Path, size: str, limits: Limits) -> Diagnostic:
    return Diagnostic(Location(str(path)), "Y004", f"the ledger is {size} (limit {limits.max_bytes:,})",
                      "split it, or raise the limit with --max-bytes")
