"""Writing files and folders all at once, or not at all: the one module every writer uses.

Every file goes first to a temporary file in the target's own folder (so the final rename
stays on one file system), is flushed and fsynced, gets its permission bits, then replaces
the target with ``os.replace``: a reader sees the old file or the new one, never half of one.
On any error the temporary file is removed and the target is left as it was.

Two kinds of writes use it:

- outputs (``write_atomic``, ``replace_dir``): an export, a report folder, a schema file;
  what was at the path is replaced;
- edits of a file the command read first (``read_snapshot`` then ``safe_write``): the
  ledger itself. An optional ``validate(temporary_path)`` runs on the written file before
  it replaces anything (``ledger add`` loads the candidate ledger there, so that sources
  resolve exactly as they will), and right before the rename the target's bytes on disk
  are compared with those read at the start: if someone changed the file meanwhile,
  nothing is replaced and :class:`FileChangedError` says so.

Every failure is a :class:`WriteError` whose message is written for the user.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


class WriteError(Exception):
    """A file that could not be written; the message says why, and the target is untouched."""


class FileChangedError(WriteError):
    """The file changed on disk since it was read; nothing was written."""


# ------------------------------------------------------------------ the temporary file

def _new_file_mode() -> int:
    """The permissions a plain ``open()`` would give a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _temporary(folder: Path, name: str, failure: str) -> Iterator[Path]:
    """A new temporary file beside ``name`` in ``folder``; removed on leaving unless it was
    renamed into place meanwhile. ``failure`` begins the message when it cannot be made."""
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError as error:
        raise WriteError(f"{failure}: {error.strerror or error}") from None
    os.close(handle)
    temporary = Path(temporary)
    try:
        yield temporary
    finally:
        _unlink(temporary)


def _fill(temporary: Path, data: bytes, mode: int, shown: Path) -> None:
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            os.fchmod(stream.fileno(), mode)
    except OSError as error:
        raise WriteError(f"cannot write {shown}: {error.strerror or error}") from None


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# ------------------------------------------------------------------ outputs

def check_parent(path: Path) -> Path:
    """The existing folder ``path`` would be written into, or a :class:`WriteError`."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise WriteError(f"cannot write {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise WriteError(f"cannot write {path}: {parent} is not a folder")
    return parent


def write_atomic(path: str | os.PathLike, data: bytes | str | None = None,
                 *, writer: Callable[[Path], None] | None = None) -> Path:
    """Write ``data`` (or let ``writer(temp_path)`` fill the file) to ``path`` atomically."""
    path = Path(path)
    if path.is_dir():
        raise WriteError(f"cannot write {path}: it is a folder; give a file name")
    parent = check_parent(path)
    payload = data.encode("utf-8") if isinstance(data, str) else (data or b"")
    with _temporary(parent, path.name, f"cannot write {path}") as temporary:
        _fill(temporary, payload, _new_file_mode(), path)
        try:
            if writer is not None:
                writer(temporary)
            os.replace(temporary, path)
        except OSError as error:
            raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def new_temp_dir(target: Path) -> Path:
    """An empty folder next to ``target`` to build it in (removed by :func:`discard_dir` on error)."""
    parent = check_parent(target)
    try:
        return Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    except OSError as error:
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None


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
            raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
        return
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    os.rmdir(aside)  # only its unique name is wanted
    try:
        os.rename(target, aside)
    except OSError as error:
        discard_dir(built)
        raise WriteError(f"cannot replace {target}: {error.strerror or error}") from None
    try:
        os.rename(built, target)
    except OSError as error:
        os.rename(aside, target)
        discard_dir(built)
        raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
    if aside.is_dir() and not aside.is_symlink():
        shutil.rmtree(aside, ignore_errors=True)
    else:
        _unlink(aside)


# ------------------------------------------------------------------ edits of a file read first

@dataclass(frozen=True)
class Snapshot:
    """A file as read at the start of a command: its bytes (None if it did not exist)."""

    path: Path
    data: bytes | None

    @property
    def sha256(self) -> str | None:
        return None if self.data is None else hashlib.sha256(self.data).hexdigest()

    @property
    def exists(self) -> bool:
        return self.data is not None


def read_snapshot(path: str | os.PathLike) -> Snapshot:
    """Read a file's bytes to edit it later with :func:`safe_write`. A missing file gives data None."""
    path = Path(path)
    try:
        return Snapshot(path, path.read_bytes())
    except FileNotFoundError:
        return Snapshot(path, None)
    except OSError as error:
        raise WriteError(f"cannot read {path}: {error.strerror or error}") from error


def _target(path: Path) -> Path:
    """Where the bytes really go: a symbolic link is followed, so the link stays a link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def safe_write(
    snapshot: Snapshot,
    data: bytes,
    *,
    validate: Callable[[Path], None] | None = None,
    dry_run: bool = False,
) -> None:
    """Replace ``snapshot.path`` with ``data`` atomically, unless it changed since the snapshot.

    ``validate(temporary_path)`` may raise to abort (its exception propagates; nothing is
    replaced). With ``dry_run`` everything runs except the final rename. The file keeps its
    permission bits; a new one gets those a plain ``open()`` would give it.
    """
    target = _target(snapshot.path)
    folder = target.parent
    mode = None
    if snapshot.exists:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except OSError:
            mode = None
    if mode is None:
        mode = _new_file_mode()
    with _temporary(folder, target.name, f"cannot write in {folder or '.'}") as temporary:
        _fill(temporary, data, mode, snapshot.path)
        if validate is not None:
            validate(temporary)
        if dry_run:
            return
        _unchanged_since(snapshot, target)
        _put_in_place(snapshot, temporary, target)
        _sync_folder(folder)


def _unchanged_since(snapshot: Snapshot, target: Path) -> None:
    on_disk = _current(target)
    if on_disk == snapshot.data:
        return
    if snapshot.data is None:
        raise FileChangedError(f"{snapshot.path} appeared while this command ran; nothing was written")
    if on_disk is None:
        raise FileChangedError(f"{snapshot.path} was removed while this command ran; nothing was written")
    raise FileChangedError(
        f"{snapshot.path} changed on disk since it was read (sha256 {snapshot.sha256[:12]}... is now "
        f"{hashlib.sha256(on_disk).hexdigest()[:12]}...); nothing was written: run the command again")


def _put_in_place(snapshot: Snapshot, temporary: Path, target: Path) -> None:
    try:
        if snapshot.data is None:  # a new file: link, which never overwrites, where the system can
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise FileChangedError(f"{snapshot.path} appeared while this command ran; nothing was written")
            except OSError:
                os.replace(temporary, target)
        else:
            os.replace(temporary, target)
    except FileChangedError:
        raise
    except OSError as error:
        raise WriteError(f"cannot replace {snapshot.path}: {error.strerror or error}") from error


def write_new(path: str | os.PathLike, data: bytes) -> None:
    """Create ``path`` with ``data`` atomically; refuse if it exists (FileChangedError)."""
    safe_write(Snapshot(Path(path), None), data)
