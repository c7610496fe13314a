"""Writing files safely: a temporary file in the same folder, fsync, then an atomic rename.

Every command that writes goes through :func:`safe_write`:

- the new content goes to a temporary file next to the target (same file
  system, so the rename is atomic), is flushed and fsynced, and gets the
  target's permission bits;
- an optional ``validate(temporary_path)`` runs on the written file before it
  replaces anything (``ledger add`` loads the candidate ledger there, so that
  sources resolve exactly as they will);
- right before the rename, the target's bytes on disk are compared (sha256)
  with the bytes read at the start: if someone changed the file meanwhile,
  nothing is replaced and :class:`FileChangedError` says so;
- on any error the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


class WriteError(Exception):
    """The file could not be written; the original is untouched."""


class FileChangedError(WriteError):
    """The file changed on disk since it was read; nothing was written."""


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
    replaced). With ``dry_run`` everything runs except the final rename.
    """
    target = _target(snapshot.path)
    folder = target.parent
    mode = None
    if snapshot.exists:
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except OSError:
            mode = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise WriteError(f"cannot write in {folder or '.'}: {error.strerror or error}") from error
    temporary = Path(temporary)
    replaced = False
    try:
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
                if mode is not None:
                    os.fchmod(stream.fileno(), mode)
                else:  # a new file: the permissions a plain open() would give it
                    umask = os.umask(0)
                    os.umask(umask)
                    os.fchmod(stream.fileno(), 0o666 & ~umask)
        except OSError as error:
            raise WriteError(f"cannot write {snapshot.path}: {error.strerror or error}") from error
        if validate is not None:
            validate(temporary)
        if dry_run:
            return
        on_disk = _current(target)
        if on_disk != snapshot.data:
            if snapshot.data is None:
                raise FileChangedError(f"{snapshot.path} appeared while this command ran; nothing was written")
            if on_disk is None:
                raise FileChangedError(f"{snapshot.path} was removed while this command ran; nothing was written")
            raise FileChangedError(
                f"{snapshot.path} changed on disk since it was read (sha256 {snapshot.sha256[:12]}... is now "
                f"{hashlib.sha256(on_disk).hexdigest()[:12]}...); nothing was written: run the command again")
        try:
            if snapshot.data is None:  # a new file: link, which never overwrites, where the system can
                try:
                    os.link(temporary, target)
                except FileExistsError:
                    raise FileChangedError(f"{snapshot.path} appeared while this command ran; nothing was written")
                except OSError:
                    os.replace(temporary, target)
                else:
                    with contextlib.suppress(OSError):
                        temporary.unlink()
            else:
                os.replace(temporary, target)
        except FileChangedError:
            raise
        except OSError as error:
            raise WriteError(f"cannot replace {snapshot.path}: {error.strerror or error}") from error
        replaced = True
        _sync_folder(folder)
    finally:
        if not replaced:
            try:
                temporary.unlink()
            except OSError:
                pass


def write_new(path: str | os.PathLike, data: bytes) -> None:
    """Create ``path`` with ``data`` atomically; refuse if it exists (FileChangedError)."""
    safe_write(Snapshot(Path(path), None), data)


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
