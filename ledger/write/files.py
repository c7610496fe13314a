"""Writing files and folders all at once, or not at all: the one module every writer uses.

Every file goes first to a temporary file in the target's own folder (so the final rename
stays on one file system), is flushed and fsynced, gets its permission bits, then replaces
the target with ``os.replace``: a reader sees the old file or the new one, never half of one.
On any error the temporary file is removed and the target is left as it was.

Three kinds of writes use it:

- outputs (``write_atomic``, ``replace_dir``): an export, a report folder, a schema file,
  the cache. What is at the path is replaced only when it is a regular file the user may
  write, and not the ledger, one of its sources or its lock (``check_output``): a symbolic
  link (even a dangling one), a named pipe, a device, a socket are refused, never followed;
- edits of the ledger, read first (``read_snapshot`` then ``safe_write``), always under the
  ledger's lock (``ledger_lock``: an exclusive advisory lock on ``.NAME.lock`` beside it, held
  by every command that writes the ledger for its whole read-check-write). An optional
  ``validate(temporary_path)`` runs on the written file before it replaces anything
  (``ledger add`` loads the candidate ledger there, so that sources resolve exactly as they
  will), and right before the rename the target's bytes on disk are compared with those read
  at the start: if something changed the file meanwhile, nothing is replaced and
  :class:`FileChangedError` says so. A ledger that is a symbolic link or read-only is refused;
- new files (``write_new``): made exclusively (never over anything, not even a dangling link),
  and taken back with ``remove_created`` only while they are still the file made.

Every failure is a :class:`WriteError` whose message (and hint) is written for the user.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ledger.core.progress import stage
from ledger.read import regular


class WriteError(Exception):
    """A file that could not be written; the message says why, and the target is untouched."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class FileChangedError(WriteError):
    """The file changed on disk since it was read; nothing was written."""


class TooLargeError(WriteError):
    """The file is larger than the limit it was read with; nothing was read."""


# ------------------------------------------------------------------ the temporary file

# Temporary files of edits of the ledger end in LOCKED_SUFFIX and are made only under the
# ledger's lock (which is what lets the next lock holder remove those a killed writer left:
# ``_remove_orphans``); every other temporary file this module makes ends in OTHER_SUFFIX.
LOCKED_SUFFIX = ".tmp"
OTHER_SUFFIX = ".part"


def _new_file_mode() -> int:
    """The permissions a plain ``open()`` would give a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _temporary(folder: Path, name: str, failure: str, suffix: str = OTHER_SUFFIX) -> Iterator[Path]:
    """A new temporary file beside ``name`` in ``folder``; removed on leaving unless it was
    renamed into place meanwhile. ``failure`` begins the message when it cannot be made."""
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=suffix)
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


def _lstat(path: Path) -> os.stat_result | None:
    """What is at ``path`` itself (a link is not followed); None when nothing is."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None


# ------------------------------------------------------------------ what an output may replace

_KINDS = {stat.S_IFLNK: "a symbolic link", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}
PRINT_HINT = "give the name of a new or regular file; `-o -` prints to standard output"


def is_read_only(path: Path, info: os.stat_result) -> bool:
    """No write permission bit at all, or none for this user. The bits are checked themselves:
    as root (CI containers) ``os.access`` says every file is writable."""
    return not info.st_mode & 0o222 or not os.access(path, os.W_OK)


def ledger_files(ledger) -> dict[Path, str]:
    """What no output may replace: the ledger (a loaded ``Ledger``), its lock, its sources'
    files; path -> what it is, for messages."""
    found = {Path(ledger.path): "the ledger itself", lock_file(ledger.path): "the ledger's lock file"}
    for source in ledger.sources.values():
        found.setdefault(ledger.root / source.file, f"the file of source {source.id!r}")
    return found


def _protected(path: Path, info: os.stat_result | None, protected: Mapping[Path, str]) -> str | None:
    """What ``path`` is among ``protected``: the same file by its resolved path, or by its inode
    (a hard link, a bind mount); None when it is none of them."""
    resolved = os.path.realpath(path)
    for other, what in protected.items():
        if os.path.realpath(other) == resolved:
            return what
        if info is not None:
            try:
                if os.path.samestat(info, os.stat(other)):
                    return what
            except OSError:
                pass
    return None


def _refuse_kind(path: Path, info: os.stat_result | None) -> None:
    if info is None or stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        raise WriteError(f"cannot write {path}: it is a folder; give a file name")
    kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
    raise WriteError(f"refusing to write {path}: it is {kind}, not a regular file"
                     + ("; a link is never followed to write" if stat.S_ISLNK(info.st_mode) else ""), PRINT_HINT)


def check_output(path: str | os.PathLike, protected: Mapping[Path, str] | None = None) -> Path:
    """Refuse to write the file ``path`` unless it is new or a regular file this user may write,
    and none of ``protected`` (see :func:`ledger_files`); the folder it goes in."""
    path = Path(path)
    info = _lstat(path)
    _refuse_kind(path, info)
    if info is not None and is_read_only(path, info):
        raise WriteError(f"refusing to write {path}: it is read-only",
                         "make it writable first if it should be replaced, or give another name")
    what = _protected(path, info, protected or {})
    if what is not None:
        raise WriteError(f"refusing to write {path}: it is {what}", PRINT_HINT)
    return check_parent(path)


def check_output_dir(target: str | os.PathLike, protected: Mapping[Path, str] | None = None) -> None:
    """Refuse to replace ``target`` by a folder when it is a link, a pipe, a device or a socket,
    or is or holds any of ``protected`` (the ledger's folder, its ``sources/`` ...)."""
    target = Path(target)
    info = _lstat(target)
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise WriteError(f"refusing to write {target}: it is a symbolic link; give the real folder")
    if info is not None and not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
        _refuse_kind(target, info)
    resolved = Path(os.path.realpath(target))
    for other, what in (protected or {}).items():
        other = Path(os.path.realpath(other))
        if other == resolved or resolved in other.parents:
            raise WriteError(f"refusing to write {target}: it {'is' if other == resolved else 'holds'} {what}",
                             "give a folder of its own, e.g. -o htmlreport")


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
                 *, writer: Callable[[Path], None] | None = None,
                 protected: Mapping[Path, str] | None = None) -> Path:
    """Write ``data`` (or let ``writer(temp_path)`` fill the file) to ``path`` atomically; what
    is there is replaced only as :func:`check_output` allows (checked again right before)."""
    stage("writing")
    path = Path(path)
    parent = check_output(path, protected)
    payload = data.encode("utf-8") if isinstance(data, str) else (data or b"")
    with _temporary(parent, path.name, f"cannot write {path}") as temporary:
        _fill(temporary, payload, _new_file_mode(), path)
        try:
            if writer is not None:
                writer(temporary)
            check_output(path, protected)  # nothing put there meanwhile that must not be replaced
            os.replace(temporary, path)
        except OSError as error:
            raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def new_temp_dir(target: Path) -> Path:
    """An empty folder next to ``target`` to build it in (removed by :func:`discard_dir` on error)."""
    parent = check_parent(target)
    try:
        return Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=OTHER_SUFFIX))
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


# ------------------------------------------------------------------ the ledger's lock

LOCK_WAIT_SECONDS = 5.0  # how long a writer waits for another to finish; LEDGER_LOCK_WAIT overrides
_held: dict[str, int] = {}  # lock files this process holds -> how many times (a nested hold takes it once)


def lock_file(path: str | os.PathLike) -> Path:
    """The lock of the file ``path``: ``.NAME.lock`` beside it."""
    path = Path(path)
    return path.parent / f".{path.name}.lock"


def lock_wait() -> float:
    """Seconds a writer waits for the lock: ``LEDGER_LOCK_WAIT``, else LOCK_WAIT_SECONDS."""
    try:
        return max(0.0, float(os.environ.get("LEDGER_LOCK_WAIT", LOCK_WAIT_SECONDS)))
    except ValueError:
        return LOCK_WAIT_SECONDS


@contextlib.contextmanager
def ledger_lock(path: str | os.PathLike, *, on_wait: Callable[[float], None] | None = None) -> Iterator[None]:
    """Hold the exclusive lock of the ledger ``path`` (an advisory ``flock`` on ``.NAME.lock``
    beside it, through the ``filelock`` package) while the block runs.

    When another process holds it, ``on_wait(seconds)`` is called and the lock waited for at
    most :func:`lock_wait` seconds; then a :class:`WriteError` says the ledger is being written
    by another command. The lock dies with the process that holds it, so a killed writer never
    leaves the ledger locked; the lock file itself stays (waiters share it). Once held, the
    temporary files killed writers left beside the ledger are removed (``_remove_orphans``).
    """
    from filelock import FileLock, Timeout

    path = Path(path)
    lock = lock_file(path)
    key = os.path.abspath(lock)
    if key in _held:  # this process holds it already (a command, then the safe_write it calls)
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    wait = lock_wait()
    held = FileLock(lock)
    try:
        try:
            held.acquire(timeout=0)
        except Timeout:
            if wait <= 0:
                raise
            if on_wait is not None:
                on_wait(wait)
            held.acquire(timeout=wait)
    except Timeout:
        raise WriteError(f"{path} is being written by another ledger command (lock {lock}); try again",
                         f"waited {wait:g} s; LEDGER_LOCK_WAIT=SECONDS waits longer") from None
    except OSError as error:
        raise WriteError(f"cannot write {path}: cannot lock it ({lock}): {error.strerror or error}") from None
    _held[key] = 1
    try:
        _remove_orphans(path)
        yield
    finally:
        del _held[key]
        held.release()


def holds_lock(path: str | os.PathLike) -> bool:
    return os.path.abspath(lock_file(path)) in _held


def _remove_orphans(path: Path) -> None:
    """Remove the temporary files killed writers of ``path`` left beside it.

    Why they are orphans: a file named ``.NAME.xxxxxxxx.tmp`` (``mkstemp``'s eight characters)
    beside the ledger NAME is made only by :func:`safe_write`, and only while its process holds
    this ledger's lock, which it keeps until the file is renamed into place or removed; every
    other temporary file this module makes ends in OTHER_SUFFIX. We hold the lock now, and a
    ``flock`` is released when its process ends: so no living writer owns such a file, and any
    one there was left by a writer killed (or crashed) while it held the lock. Only regular
    files are removed, never a link or a folder, and nothing else. (A ledger version older
    than the lock, running at the same moment, could lose its temporary file: its rename then
    fails and it says so; nothing is lost.)
    """
    pattern = re.compile(r"\." + re.escape(path.name) + r"\.[a-z0-9_]{8}" + re.escape(LOCKED_SUFFIX) + r"\Z")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if pattern.match(entry.name) and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
        except OSError:
            pass


# ------------------------------------------------------------------ edits of the ledger, read first

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


def read_regular(path: str | os.PathLike, limit: int, *, follow: bool = False) -> bytes:
    """:func:`ledger.read.regular.read_regular`, its refusals said in a writer's words: a link
    (unless ``follow``), a pipe, a device or a folder is an OSError naming what it is; more than
    ``limit`` bytes is an OSError(EFBIG)."""
    if not follow and os.path.islink(path):  # said plainly; Oregular.NOFOLLOW closes the race after it
        raise OSError(errno.ELOOP, "it is a symbolic link, not a regular file")
    try:
        return regular.read_regular(path, limit, follow=follow)
    except regular.NotRegular as error:
        kind = _KINDS.get(stat.S_IFMT(error.mode), "not a regular file")
        raise OSError(errno.EINVAL, f"it is {kind}, not a regular file") from None


def read_snapshot(path: str | os.PathLike, limit: int | None = None) -> Snapshot:
    """Read a file's bytes to edit it later with :func:`safe_write`. A missing file gives data
    None; a link, a pipe, a device or (with ``limit``) a larger file is a :class:`WriteError`."""
    path = Path(path)
    info = _lstat(path)
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise WriteError(f"{path} is a symbolic link; ledger commands never write through one",
                         "pass the file it points to with --ledger")
    try:
        return Snapshot(path, read_regular(path, limit if limit is not None else 1 << 62))
    except FileNotFoundError:
        return Snapshot(path, None)
    except OSError as error:
        kind = TooLargeError if error.errno == errno.EFBIG else WriteError
        raise kind(f"cannot read {path}: {error.strerror or error}") from None


def check_editable(path: Path, info: os.stat_result | None = None) -> None:
    """Refuse to edit ``path`` when it is a symbolic link or read-only (:class:`WriteError`)."""
    info = info if info is not None else _lstat(path)
    if info is None:
        return
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(f"{path} is a symbolic link; ledger commands never write through one",
                         "pass the file it points to with --ledger")
    if is_read_only(path, info):
        raise WriteError(f"{path} is read-only; nothing was written",
                         f"make it writable (chmod u+w {path}) if it should change")


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
    lock: str | os.PathLike | None = None,
) -> None:
    """Replace ``snapshot.path`` with ``data`` atomically, unless it changed since the snapshot.

    Runs under the file's lock (:func:`ledger_lock`; taken here unless the caller holds it,
    as the commands do from before they read the file). ``validate(temporary_path)`` may raise
    to abort (its exception propagates; nothing is replaced). With ``dry_run`` everything runs
    except the final rename. The file keeps its permission bits; a new one gets those a plain
    ``open()`` would give it. A symbolic link or a read-only file is refused.
    """
    target = snapshot.path
    folder = target.parent if str(target.parent) else Path(".")
    with ledger_lock(target if lock is None else lock):  # a file a ledger includes: the ledger's lock covers it
        info = _lstat(target)
        check_editable(target, info)
        mode = stat.S_IMODE(info.st_mode) if snapshot.exists and info is not None else _new_file_mode()
        with _temporary(folder, target.name, f"cannot write in {folder}", LOCKED_SUFFIX) as temporary:
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
        if snapshot.data is None:  # a new file: link, which never overwrites
            _link_new(temporary, target, snapshot.path)
        else:
            os.replace(temporary, target)
    except FileChangedError:
        raise
    except OSError as error:
        raise WriteError(f"cannot replace {snapshot.path}: {error.strerror or error}") from error


# ------------------------------------------------------------------ new files

# errors of link() that mean "this file system has no hard links", not "cannot write here"
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def _link_new(temporary: Path, target: Path, shown: Path) -> None:
    """Put the filled ``temporary`` at ``target``, which must not exist: ``link()`` never
    replaces anything, a dangling symbolic link included. Where the file system has no hard
    links, the file is created with O_EXCL (which refuses a link too) and copied into."""
    try:
        os.link(temporary, target)
        return
    except FileExistsError:
        raise FileChangedError(f"{shown} appeared while this command ran; nothing was written") from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | regular.NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(target, flags, stat.S_IMODE(os.stat(temporary).st_mode))
    except FileExistsError:
        raise FileChangedError(f"{shown} appeared while this command ran; nothing was written") from None
    try:
        with os.fdopen(descriptor, "wb") as stream, open(temporary, "rb") as source:
            shutil.copyfileobj(source, stream)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _unlink(target)  # made by this O_EXCL open a moment ago: ours
        raise


def _identity(info: os.stat_result) -> tuple[int, ...]:
    """A file as made: its device and inode, and, since an inode number is reused once the
    file is gone, its size and modification time."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def write_new(path: str | os.PathLike, data: bytes) -> tuple[int, ...]:
    """Create ``path`` with ``data``, all at once, where nothing is: anything there (a file, a
    link, even a dangling one) is a :class:`FileChangedError` and is left alone. The identity
    of the file made, for :func:`remove_created`."""
    path = Path(path)
    folder = check_parent(path)
    with _temporary(folder, path.name, f"cannot write {path}") as temporary:
        _fill(temporary, data, _new_file_mode(), path)
        try:
            _link_new(temporary, path, path)
        except FileChangedError:
            raise
        except OSError as error:
            raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
    _sync_folder(folder)
    return _identity(os.lstat(path))


def remove_created(path: str | os.PathLike, identity: tuple[int, ...]) -> bool:
    """Remove ``path`` if it is still the file :func:`write_new` made (``identity``); what is
    there now, if anything else, is not ours and stays. Whether it was removed."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if _identity(info) != tuple(identity) or not stat.S_ISREG(info.st_mode):
        return False
    try:
        os.unlink(path)
    except OSError:
        return False
    return True
