"""Writing output files and folders all at once, or not at all.

Every file goes first to a temporary file in the target's own folder (so the final
rename stays on one file system), is flushed to disk, then replaces the target with
``os.replace``: a reader sees the old file or the new one, never half of one. On any
error the temporary file is removed and the target is left as it was.

A report folder is built in a temporary folder next to it and swapped in; see
:func:`replace_dir`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


class OutputError(Exception):
    """An output path that cannot be written; the message says why, in words for the user."""


def check_parent(path: Path) -> Path:
    """The existing folder ``path`` would be written into, or an :class:`OutputError`."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise OutputError(f"cannot write {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: {parent} is not a folder")
    return parent


def write_atomic(path: str | os.PathLike, data: bytes | str | None = None,
                 *, writer: Callable[[Path], None] | None = None) -> Path:
    """Write ``data`` (or let ``writer(temp_path)`` fill the file) to ``path`` atomically."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    parent = check_parent(path)
    try:
        handle, temp_name = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if data is not None:
                stream.write(data.encode("utf-8") if isinstance(data, str) else data)
                stream.flush()
                os.fsync(stream.fileno())
        if writer is not None:
            writer(temp)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as error:
        _unlink(temp)
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        _unlink(temp)
        raise
    return path


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def new_temp_dir(target: Path) -> Path:
    """An empty folder next to ``target`` to build it in (removed by :func:`discard_dir` on error)."""
    parent = check_parent(target)
    try:
        return Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None


def discard_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def replace_dir(built: Path, target: Path) -> None:
    """Put the folder ``built`` where ``target`` is.

    With no ``target`` yet this is a single rename. Otherwise the old one is first renamed
    aside, the new one renamed in, then the old one deleted; if the second rename fails the
    old one is put back. At no moment is there a half-written folder at ``target``.
    """
    if not os.path.lexists(target):
        try:
            os.rename(built, target)
        except OSError as error:
            discard_dir(built)
            raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
        return
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    os.rmdir(aside)  # only its unique name is wanted
    try:
        os.rename(target, aside)
    except OSError as error:
        discard_dir(built)
        raise OutputError(f"cannot replace {target}: {error.strerror or error}") from None
    try:
        os.rename(built, target)
    except OSError as error:
        os.rename(aside, target)
        discard_dir(built)
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    if aside.is_dir() and not aside.is_symlink():
        shutil.rmtree(aside, ignore_errors=True)
    else:
        _unlink(aside)
