"""A content-hash cache of the loaded ledger, so that a re-run on unchanged inputs is fast.

``ledger check`` and ``ledger conflicts`` keep, in ``.ledger-cache/`` in the ledger's folder,
what loading the ledger gave (the validated items, where each quote is anchored, every
diagnostic) and the conflicts the rules found. The entry is used only when everything it
was computed from is unchanged:

- the ledger's bytes (sha256) and the path it was named by (it is in every diagnostic);
- where it includes other files: each included file's bytes (sha256), and what each glob
  matches (a file added, removed or changed anywhere in the set is a miss);
- every source it read: each source file is read again by the loader's own
  ``read_source`` and its bytes hashed (a changed, moved, missing or newly linked file is a miss);
- the limits (--max-bytes ...) and the loader's own limits;
- the program: ``ledger.__version__``, a hash of every ``.py`` file of the package (any
  code change invalidates the cache), the version of Python, and which pydantic, pydantic-core,
  PyYAML and yaml-rs are installed (where, and their files' size and time: found without
  importing them).

Trust. The entry is data only (``marshal`` of strings, numbers, lists, dicts: no pickle,
nothing that runs code when read), and it is signed: an HMAC-SHA256 with a random key kept
per user and machine, outside any repository (``$XDG_CACHE_HOME/ledger/cache-key``, by
default ``~/.cache/ledger/cache-key``, mode 0600). The signature is checked before
anything in the file is parsed, so a cache file that is corrupt, truncated, written by
another machine or user, or committed into a repository by someone else is ignored and
rebuilt, never trusted: it can neither run code nor change what ``ledger`` reports. Without
a usable key there is no cache: no writable home, or a key others could have written or
read (as ssh does with its keys: a key file that is a link, not ours, or group- or
world-writable or readable, in a folder that is not ours or that others may write to).
``LEDGER_NO_CACHE=1`` turns it off.

Nothing is read or written through a link: a ``.ledger-cache`` that is a symbolic link (which
a pull request can ship) means no cache, and a cache file that is not a regular file (a link
to ``/dev/zero``, a pipe, a device) is neither read nor replaced. A cache file is read only
up to a bound (``max_entry_bytes``) whatever its size says.

Writing is atomic (``ledger.write.files``), and any failure to write (a read-only folder, a
full disk) is ignored: the cache only ever saves time. What a command prints is the same
with and without the cache: the cached diagnostics and conflicts are the ones computed.
"""

from __future__ import annotations

import bisect
import hashlib
import hmac
import json
import marshal
import os
import stat
import sys
from array import array
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from ledger.core.diagnostics import Diagnostic, Location, Severity
from ledger.core.fileset import LedgerFiles
from ledger.core.ledger import Later, Ledger, LoadResult, Memoized, Restored
from ledger.core.limits import MAX_CLOSEST_SEARCHES, MAX_DIAGNOSTICS, Limits
from ledger.core.passages import Anchor, AnchorTable
from ledger.core.version import __version__
from ledger.perf.process import no_cycle_collection
from ledger.read.ledger_file import read_ledger_bytes
from ledger.read.regular import read_regular
from ledger.read.sources import MAX_SOURCE_BYTES, read_source

# A hit builds nothing it is not asked for: the loader, the parsers and the pydantic models are
# imported when a miss loads the ledger, or when a command reads the models of a hit (the
# claims, the sources ...); ``ledger check`` on an unchanged ledger needs none of them.

CACHE_DIR = ".ledger-cache"
FORMAT = b"ledger-cache 8\n"
_MAC_BYTES = 32

# ------------------------------------------------------------------ keys


_program: str | None = None


# the ``ledger`` package (this module is in ledger/perf/): every rule's code is in the stamp
PACKAGE = Path(__file__).resolve().parent.parent


def program_stamp() -> str:
    """This program's identity: version, a hash of the package's own .py files, and the
    versions of what parses and validates (any change makes every cache entry a miss)."""
    global _program
    if _program is None:
        package = PACKAGE
        digest = hashlib.sha256()
        for file in sorted(package.rglob("*.py")):
            digest.update(str(file.relative_to(package)).encode("utf-8") + b"\0")
            digest.update(file.read_bytes() + b"\0")
        versions = [__version__, sys.version] + [_installed(m) for m in ("pydantic", "pydantic_core", "yaml", "yaml_rs")]
        _program = hashlib.sha256("|".join(versions).encode("utf-8") + digest.digest()).hexdigest()
    return _program


def _installed(module: str) -> str:
    """Which ``module`` is installed, without importing it (a hit must not pay for importing
    pydantic, nor for reading every package's metadata): where it is, with the size and time of
    its file, which installing another version rewrites."""
    from importlib.util import find_spec

    try:
        spec = find_spec(module)
        info = os.stat(spec.origin)
    except (ImportError, ValueError, AttributeError, TypeError, OSError):
        return "-"
    return f"{spec.origin}:{info.st_size}:{info.st_mtime_ns}"


def entry_key(shown: str, raw: bytes, limits: Limits) -> str:
    parts = {
        "program": program_stamp(),
        "path": shown,
        "ledger": hashlib.sha256(raw).hexdigest(),
        "limits": [limits.max_bytes, limits.max_depth, limits.max_nodes, limits.max_scalar_chars],
        "loader": [MAX_SOURCE_BYTES, MAX_DIAGNOSTICS, MAX_CLOSEST_SEARCHES],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def _private(info: os.stat_result, folder: bool = False) -> bool:
    """Ours, and not writable (a file: nor readable) by anyone else."""
    others = 0o022 if folder else 0o077
    me = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    return info.st_uid == me and not info.st_mode & others


def _secret() -> bytes | None:
    """The per-user, per-machine signing key, created on first use; None when unavailable, or
    when anyone but this user could have written or read it (then there is no cache)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # no home folder: no key, no cache (never a key in the current folder)
            return None
        base = os.path.join(home, ".cache")
    if not os.path.isabs(base):
        return None
    folder = Path(base) / "ledger"
    path = folder / "cache-key"
    try:
        key = _read_key(folder, path)
    except FileNotFoundError:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            import secrets

            temp = folder / f".cache-key.{os.getpid()}.{secrets.token_hex(4)}"
            descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(secrets.token_bytes(32))
            try:
                os.link(temp, path)  # all or nothing; whoever links first wins
            except FileExistsError:
                pass
            finally:
                temp.unlink()
            key = _read_key(folder, path)
        except OSError:
            return None
    except OSError:
        return None
    return key if key is not None and len(key) == 32 else None


def _read_key(folder: Path, path: Path) -> bytes | None:
    """The key's bytes if the key file and its folder are private; None if not (OSError,
    FileNotFoundError included, when it cannot be read)."""
    folder_info = os.lstat(folder)
    if not stat.S_ISDIR(folder_info.st_mode) or not _private(folder_info, folder=True):
        return None
    if stat.S_ISLNK(os.lstat(path).st_mode):
        return None
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        return os.read(descriptor, 33)
    finally:
        os.close(descriptor)


def _cache_folder_usable(folder: Path) -> bool:
    """The cache folder is missing (it will be made) or a real folder: never a link."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode)


def max_entry_bytes(raw: bytes) -> int:
    """The most a cache entry of a ledger of ``raw`` bytes is read of: entries hold about 1.5
    bytes per byte of ledger (the claims' data, the anchors, the diagnostics), so a larger
    file was not written by us; it is ignored after that many bytes, never read to its end."""
    return 8 * len(raw) + (64 << 20)


def cache_file(path: Path) -> Path:
    return path.parent / CACHE_DIR / f"{path.name}.cache"


# ------------------------------------------------------------------ the entry point


class Entry:
    """A cache entry in the making: ``save(conflicts)`` once the command has them."""

    def __init__(self, target: Path | None = None, secret: bytes | None = None, key: str = "",
                 result: LoadResult | None = None, raw: bytes = b"", hit: bool = False,
                 has_conflicts: bool = False) -> None:
        self.target, self.secret, self.key, self.raw = target, secret, key, raw
        self.result = result
        self.diagnostics = list(result.diagnostics) if result is not None else []
        self.hit, self.has_conflicts = hit, has_conflicts

    def save(self, conflicts) -> None:
        """Write the entry (atomically); never fails the command."""
        if self.target is None or self.result is None \
                or (self.hit and (self.has_conflicts or conflicts is None)):
            return
        try:
            with no_cycle_collection():
                parts = _encode(self.key, self.result.ledger, self.diagnostics, self.raw,
                                self.result.include_reads)
            if parts is not None:
                self._write(parts + [_encode_conflicts(conflicts)])
        except Exception:  # an unexpected value: no cache, same output
            pass

    def _write(self, parts: list[bytes]) -> None:
        """The signed entry, written atomically; a read-only folder or a full disk is ignored."""
        parts.insert(0, FORMAT)
        mac = hmac.new(self.secret, digestmod="sha256")
        for part in parts:
            mac.update(part)
        parts.append(mac.digest())
        try:
            folder = self.target.parent
            if not _cache_folder_usable(folder):
                return  # a link (or a file) where the cache folder goes: never written through
            if not folder.is_dir():
                folder.mkdir()
                (folder / ".gitignore").write_text("# written by `ledger`; never commit\n*\n", encoding="utf-8")
            from ledger.write.files import write_atomic

            def write(temp: Path) -> None:  # piece by piece: a large entry is not copied in memory
                with open(temp, "wb") as stream:
                    for part in parts:
                        stream.write(part)
                    stream.flush()
                    os.fsync(stream.fileno())

            write_atomic(self.target, writer=write)
        except Exception:
            pass


def load(path: str | os.PathLike, limits: Limits) -> tuple[LoadResult, list | None, Entry]:
    """``load_ledger(path, limits)``, from the cache when its entry is valid; also the
    cached conflicts (or None: compute them) and the entry to ``save`` them in. The loader
    is imported only on a miss."""
    path = Path(path)
    if os.environ.get("LEDGER_NO_CACHE"):
        return load_ledger(path, limits), None, Entry()
    raw, problem = read_ledger_bytes(path, limits)  # a regular file only, and never past the limit
    if problem is not None:
        return load_ledger(path, limits), None, Entry()
    secret = _secret()
    if secret is None:
        return load_ledger(path, limits, data=raw), None, Entry()
    key = entry_key(str(path), raw, limits)
    target = cache_file(path)
    if not _cache_folder_usable(target.parent):
        return load_ledger(path, limits, data=raw), None, Entry()
    try:
        with no_cycle_collection():
            found = _decode(target, secret, key, path, raw)
    except Exception:  # anything unexpected in an entry: ignore it, rebuild
        found = None
    if found is not None:
        result, conflicts = found
        return result, conflicts, Entry(target, secret, key, result, raw, hit=True,
                                        has_conflicts=conflicts is not None)
    result = load_ledger(path, limits, data=raw)
    return result, None, Entry(target, secret, key, result, raw)


def load_ledger(*args, **options) -> LoadResult:
    """``ledger.load.load_ledger``, imported on a miss only."""
    from ledger.load import load_ledger

    return load_ledger(*args, **options)


# ------------------------------------------------------------------ writing


def _plain(value):
    """Raw YAML data to marshal-able data: a Decimal becomes a 1-tuple of its text (raw
    data holds no tuples otherwise)."""
    if type(value) is Decimal:
        return (str(value),)
    if type(value) is dict:
        return {k: _plain(v) for k, v in value.items()}
    if type(value) is list:
        return [_plain(v) for v in value]
    return value


def _unplain(value):
    if type(value) is tuple:
        return Decimal(value[0])
    if type(value) is dict:
        return {k: _unplain(v) for k, v in value.items()}
    if type(value) is list:
        return [_unplain(v) for v in value]
    return value


def _raw_items(ledger: Ledger, section: str, keys) -> list:
    keys = list(keys)
    if not keys:
        return []
    items = ledger.document.data[section]
    return [items[ledger.nodes[(section, key)][1]] for key in keys]


def _encode(key: str, ledger: Ledger | None, diagnostics: list, raw: bytes,
            include_reads: list | None = None) -> list[bytes] | None:
    """The entry's parts but the conflicts: header length, header, body length, body."""
    head = {"key": key, "includes": include_reads}
    body: dict = {
        "diagnostics": [(d.location.path, d.location.line, d.location.column, d.code, d.message, d.hint,
                         [(r.path, r.line, r.column) for r in d.related]) for d in diagnostics],
        "ledger": None,
    }
    if ledger is not None:
        from ledger.core.model import FIGURE_FIELDS
        from ledger.read.fast_reader import FastDocument
        from ledger.read.includes import SetDocument

        if ledger.document is None:
            return None
        head["sources"] = sorted(ledger.source_reads.items())
        claim_ids = list(ledger.claims)
        claims, spans = [], None
        document = ledger.document
        in_files = isinstance(document, SetDocument)
        fast = isinstance(document, FastDocument)
        cuts = document.cuts if in_files else [document.read.starts if fast else None]
        if any(cut is not None for cut in cuts):  # the claims are kept as where their text is (``_claim_maker``)
            starts = ledger.files.starts["claims"] + [len(claim_ids)] if in_files else [0, len(claim_ids)]
            held = [n for n in range(len(cuts)) if starts[n + 1] > starts[n]]
            if any(cuts[n] is None for n in held) or sum(len(cuts[n]) - 1 for n in held) != len(claim_ids):
                return None  # not one valid claim per item, or claims read both ways: no entry
            spans = [(n, array("q", cuts[n]).tobytes()) for n in held]
        else:
            dumps = marshal.dumps
            for item in _raw_items(ledger, "claims", claim_ids):
                for name in FIGURE_FIELDS:  # a figure: the one place a valid claim holds a Decimal
                    value = item.get(name)
                    if type(value) is Decimal:
                        item = {**item, name: (str(value),)}
                try:
                    claims.append(dumps(item))
                except ValueError:  # a Decimal elsewhere after all
                    claims.append(dumps(_plain(item)))
        anchors = ledger.anchors.flat_for(claim_ids)
        body["ledger"] = {
            "settings": _plain(ledger.settings.model_dump()),
            "sources": [_plain(x) for x in _raw_items(ledger, "sources", ledger.sources)],
            "entities": [_plain(x) for x in _raw_items(ledger, "entities", ledger.entities)],
            "vocabulary": _plain(ledger.document.data.get("vocabulary")),  # rebuilt as validation kept it
            "reviews": [_plain(x) for x in _raw_items(ledger, "reviews", [r.conflict for r in ledger.reviews])],
            "claim_ids": claim_ids,
            "term_count": ledger.term_count,
            "claims": claims,
            "spans": spans,
            "anchors": anchors.tobytes(),
            "texts": list(ledger.texts),
            "skipped": {source: [a.as_ints() for a in found]
                        for source, found in ledger.skipped.items()},
            "completed": ledger.completed,  # what table cells added to claims: plain data
            # item paths, for the positions found again by a scan; those of cut claims follow
            # from claim_ids (item n is claim_ids[n]), so a million of them are not saved
            "positions": ("table", marshal.dumps(dict(ledger.positions))) if not fast
            else ("scan", marshal.dumps({item: node for item, node in ledger.nodes.items()
                                         if spans is None or item[0] != "claims"})),
            # the files of a ledger that includes others, and which holds each item
            "files": ledger.files.to_plain() if ledger.files is not None else None,
            "nodes": marshal.dumps(ledger.nodes) if ledger.files is not None else None,
        }
    header = json.dumps(head).encode("utf-8")
    encoded = marshal.dumps(body)
    return [len(header).to_bytes(8, "big"), header, len(encoded).to_bytes(8, "big"), encoded]


def _encode_conflicts(conflicts) -> bytes:
    """The entry's last part: the conflicts found (None: not computed)."""
    return marshal.dumps(None if conflicts is None else [
        (c.id, c.rule, c.name, c.severity.value, c.message, tuple(c.claims), c.within_source,
         tuple(c.settled_by), tuple(c.misreports), c.between_primaries)
        for c in conflicts])


# ------------------------------------------------------------------ reading


def _decode(target: Path, secret: bytes, key: str, path: Path, raw: bytes):
    try:  # a regular file only (a link, a pipe, a device are not opened to read), and bounded
        blob = read_regular(target, max_entry_bytes(raw))
    except OSError:
        return None
    if not blob.startswith(FORMAT) or len(blob) < len(FORMAT) + 8 + _MAC_BYTES:
        return None
    signed, mac = memoryview(blob)[:-_MAC_BYTES], blob[-_MAC_BYTES:]
    if not hmac.compare_digest(hmac.new(secret, signed, "sha256").digest(), mac):
        return None  # corrupt, truncated, or not written by us: never read further
    start = len(FORMAT)
    length = int.from_bytes(signed[start:start + 8], "big")
    head = json.loads(bytes(signed[start + 8:start + 8 + length]))
    if head.get("key") != key:
        return None
    included = {}
    for what, name, noted in head.get("includes") or ():
        if what == "glob":
            from ledger.read.include_paths import expand

            if expand(path.parent, name)[0] != list(noted):
                return None
            continue
        try:
            data = read_regular(path.parent / name, len(raw) * 64 + (64 << 20))
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != noted:
            return None
        included[name] = data
    source_texts = {}
    for file, noted in head.get("sources", []):
        now = read_source(path.parent, file)
        if list(now.status) != list(noted):
            return None
        source_texts[file] = now.text
    start += 8 + length
    length = int.from_bytes(signed[start:start + 8], "big")
    body = marshal.loads(signed[start + 8:start + 8 + length])
    saved_conflicts = marshal.loads(signed[start + 8 + length:])
    diagnostics = [Diagnostic(Location(p, line, column), code, message, hint,
                              tuple(Location(*r) for r in related))
                   for p, line, column, code, message, hint, related in body["diagnostics"]]
    ledger = None
    if body["ledger"] is not None:
        ledger = _ledger(path, body["ledger"], source_texts, raw, head.get("sources", []), included)
    conflicts = None
    if saved_conflicts is not None and ledger is not None:
        conflicts = Restored([saved[0] for saved in saved_conflicts],
                             lambda: _conflicts(saved_conflicts, ledger))
    return LoadResult(ledger, diagnostics, head.get("includes")), conflicts


def _conflicts(saved_conflicts: list, ledger: Ledger) -> list:
    from ledger.check.engine import Conflict

    reviews = {review.conflict: review for review in ledger.reviews}
    return [Conflict(id=cid, rule=rule, name=name, severity=Severity(severity), message=message,
                     claims=tuple(claims), within_source=within, review=reviews.get(cid),
                     settled_by=tuple(settled), misreports=tuple(misreports), between_primaries=between)
            for cid, rule, name, severity, message, claims, within, settled, misreports, between
            in saved_conflicts]


def _validator(model: str):
    """Saved data -> the model ``model`` of ``ledger.core.model``, as validation made it."""
    from pydantic import TypeAdapter

    from ledger.core import model as models

    adapter = TypeAdapter(getattr(models, model))
    return lambda saved: adapter.validate_python(_unplain(saved))


def _keyed(items: list, key: str, model: str) -> Memoized:
    """id -> model, validated from the saved items when first asked for."""
    saved = {item[key]: item for item in items}
    validate = []

    def make(item_id):
        if not validate:
            validate.append(_validator(model))
        return validate[0](saved[item_id])

    return Memoized(saved, make)


def _ledger(path: Path, saved: dict, source_texts: dict, raw: bytes, source_reads: list,
            included: dict[str, bytes]) -> Ledger:
    """The ledger of a hit. Nothing is validated yet: each part is made of its saved data when
    a command first reads it (the claims one by one, the sources and entities one by one, the
    settings, the vocabulary and the reviews when read), so a command pays only for what it uses."""
    ids = saved["claim_ids"]
    position = {claim_id: n for n, claim_id in enumerate(ids)}
    anchors = array("q")
    anchors.frombytes(saved["anchors"])
    source_files = {item["id"]: item["file"] for item in saved["sources"]}
    files = LedgerFiles.from_plain(saved["files"]) if saved.get("files") is not None else None
    make_claim = _claim_maker(saved, position, raw, str(path), files, included)
    completed = saved.get("completed") or {}
    if completed:  # claims anchored to table cells: completed as the load completed them
        made = make_claim

        def make_claim(claim_id):
            # imported when a claim is first made, not here: a warm check reads no claim, and
            # the cell module brings the models and the quote matcher with it
            from ledger.anchor.cells import complete

            return complete(made(claim_id), completed.get(claim_id))
    # folded from the texts the cache check just read
    texts = {sid: source_texts.get(source_files.get(sid)) for sid in saved["texts"]}
    ledger = Ledger(
        path,
        settings=Later(lambda _: _validator("Settings")(saved["settings"])),
        sources=_keyed(saved["sources"], "id", "Source"),
        entities=_keyed(saved["entities"], "id", "Entity"),
        vocabulary=Later(lambda _: _vocabulary(saved["vocabulary"])),
        claims=Memoized(position, lambda claim_id: _canonical(ledger, make_claim(claim_id))),
        reviews=Restored([item["conflict"] for item in saved["reviews"]],
                         lambda: list(map(_validator("Review"), saved["reviews"])),
                         evidence=[item.get("evidence") for item in saved["reviews"]]),
        texts=Memoized(texts, _source_text(texts)),
        anchors=AnchorTable(dict(position), anchors),  # its own: setting an anchor may add a slot
        skipped={source: [Anchor(*a) for a in found] for source, found in saved["skipped"].items()},
        completed=completed,
        item_positions=_LazyPositions(saved["positions"], raw, str(path),
                                      ids if saved["spans"] is not None else []),
        source_reads={file: tuple(noted) for file, noted in source_reads},
        term_count=saved["term_count"],
        nodes=marshal.loads(saved["nodes"]) if saved.get("nodes") is not None else {},
        files=files,
    )
    return ledger


def _vocabulary(saved):
    from ledger.read.vocabulary import read_vocabulary

    return read_vocabulary(_unplain(saved))


def _canonical(ledger: Ledger, claim):
    """The claim with its terms written as ids, as validation gave it."""
    terms = ledger.terms
    return terms.canonical_claim(claim) if terms.any_declared else claim


def _source_text(texts: dict):
    def make(source_id: str):
        from ledger.anchor.quotes import SourceText

        return SourceText.of(texts[source_id])

    return make


def _claim_maker(saved: dict, position: dict, raw: bytes, shown: str, files: LedgerFiles | None,
                 included: dict[str, bytes]):
    """claim id -> its model, validated again from what was saved (the same input gives the
    same model): its raw data, or, for claims the fast path read, its text in the file that
    holds it. The validator and each file's text are made when the first claim is asked for."""
    made: list = []

    if saved["spans"] is None:
        raw_claims = saved["claims"]

        def make(claim_id: str):
            if not made:
                from ledger.read.validate import CLAIM_ADAPTER

                made.append(CLAIM_ADAPTER)
            return made[0].validate_python(_unplain(marshal.loads(raw_claims[position[claim_id]])))

        return make

    spans = saved["spans"]
    first = files.starts["claims"] if files is not None else [0]
    pieces = []  # (index of the file's first claim, its starts, its raw bytes, its name)
    for file, cut in spans:
        starts = array("q")
        starts.frombytes(cut)
        name = files.relative[file] if files is not None and file else None
        pieces.append((first[file], starts, raw if name is None else included[name],
                       shown if name is None else files.shown[file]))
    begins = [piece[0] for piece in pieces]
    read: dict = {}  # each file decoded when the first of its claims is asked for

    def make_cut(claim_id: str):
        if not made:
            from ledger.read.fast_reader import FastRead, read_items
            from ledger.read.validate import CLAIM_ADAPTER
            from ledger.read.yaml_reader import decode

            made.extend((CLAIM_ADAPTER, FastRead, read_items, decode))
        adapter, fast_read, read_items, decode = made
        n = position[claim_id]
        at = bisect.bisect_right(begins, n) - 1
        if at not in read:
            _, starts, data, name = pieces[at]
            read[at] = fast_read(decode(data, name)[0], {}, starts)
        return adapter.validate_python(read_items(read[at].item_text(n - begins[at]))[0])

    return make_cut


class _LazyPositions(Mapping):
    """(section, id) -> (line, column): saved as a table, or, for a ledger the fast path read,
    found again by the same scan of the ledger's text, when first asked for."""

    def __init__(self, saved: tuple, raw: bytes, shown: str, cut_claims: list[str]) -> None:
        self._saved, self._raw, self._shown, self._table = saved, raw, shown, None
        self._cut_claims = cut_claims  # claim ids whose item paths were not saved: item n is the nth

    def _positions(self) -> dict:
        if self._table is None:
            how, data = self._saved
            if how == "table":
                self._table = marshal.loads(data)
            else:
                from ledger.read.fast_reader import ItemPositions
                from ledger.read.yaml_reader import decode

                text, _ = decode(self._raw, self._shown)
                items = ItemPositions(text)
                nodes = marshal.loads(data)
                nodes.update((("claims", claim_id), ("claims", n)) for n, claim_id in enumerate(self._cut_claims))
                self._table = {key: items.position(tuple(node)) for key, node in nodes.items()}
        return self._table

    def __getitem__(self, key):
        return self._positions()[key]

    def __iter__(self):
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())
