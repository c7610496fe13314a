"""Reading a file that must be a regular file, never past a limit: the one way the ledger, its
cache and a file about to be replaced are read.

The file is opened without waiting (a FIFO would block the open until a writer came) and what
was opened is checked, so a pipe, a device, a socket or a folder (behind a link too) is refused
before a byte is read; at most ``limit`` + 1 bytes are read whatever size the file reports
(``/proc`` files say 0, and a file can grow)."""

from __future__ import annotations

import errno
import os
import stat

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # (where there is none, callers refuse links by lstat first)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class NotRegular(OSError):
    """What was opened is not a regular file; ``mode`` says what it is, for the caller's words."""

    def __init__(self, mode: int) -> None:
        super().__init__(errno.EINVAL, "not a regular file")
        self.mode = mode


class TooLarge(OSError):
    """More than the limit; ``size`` is the size the file reports when that already says so."""

    def __init__(self, limit: int, size: int | None = None) -> None:
        super().__init__(errno.EFBIG, f"it is larger than {limit:,} bytes")
        self.size = size


def read_regular(path: str | os.PathLike, limit: int, *, follow: bool = False) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them: a link is not
    followed (unless ``follow``: then what it leads to must be a regular file). Raises
    :class:`NotRegular`, :class:`TooLarge`, or another OSError (FileNotFoundError when there is
    nothing)."""
    flags = os.O_RDONLY | _NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow else NOFOLLOW)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(info.st_mode)
        if info.st_size > limit:
            raise TooLarge(limit, info.st_size)
        # a regular file comes in one read of its size (and one more that finds the end)
        parts = [os.read(descriptor, min(info.st_size, limit) + 1)]
        total = len(parts[0])
        while parts[-1] and total <= limit:
            parts.append(os.read(descriptor, min(limit + 1 - total, 1 << 24)))
            total += len(parts[-1])
        if total > limit:
            raise TooLarge(limit)
        return parts[0] if len(parts) <= 2 else b"".join(parts)
    finally:
        os.close(descriptor)
