"""Registering a new write-up (``ledger new-source``): the file read and checked, its
sha256, its entry for the ``sources:`` section from what its text states, and its copy
under ``sources/`` in the ledger's folder.

A file of the same name there is never overwritten (:func:`ledger.write.files.write_new`);
one holding the same bytes is used as it is. Nothing is written through a symbolic link: a
link at the copy's place (even a dangling one) is refused, and so is a ``sources/`` that
leads out of the ledger's folder. A copy is taken back only while it is still the file this
command made (:func:`ledger.write.files.remove_created`). Every refusal is a
:class:`SourceError` whose message (and hint) is written for the user.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ledger.core.ledger import Ledger
from ledger.core.model import Source
from ledger.write.edit import propose_source_id, source_metadata
from ledger.write.files import WriteError, remove_created, write_new

SOURCES_DIR = "sources"


class SourceError(Exception):
    """The write-up cannot be registered; nothing was written."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class NewSource:
    """A write-up read for registering: its bytes and text, and where its copy goes."""

    file: Path  # as given
    data: bytes
    text: str
    sha256: str
    relative: str  # "sources/NAME", as the ledger records it
    shown: str  # ``relative`` as messages show it (from the current folder)
    target: Path  # the copy in the ledger's sources/
    copy: bool  # False: ``target`` is the file, or holds these bytes already


def read_new_source(ledger: Ledger, file: Path) -> NewSource:
    """Read ``file`` and check it can be registered in ``ledger``: a regular, readable,
    non-empty UTF-8 file, not too large, not registered already (by content or by name), and
    not a different text of the same name in the ledger's sources/."""
    from ledger.read.sources import MAX_SOURCE_BYTES

    if not file.is_file():
        raise SourceError(f"{file} is not a regular file", "give the path of the write-up's text file")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read {file}: {error.strerror or error}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"{file} is larger than {MAX_SOURCE_BYTES:,} bytes", "a source is one write-up")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(f"{file} is not UTF-8 text (byte {error.start})", "convert it to UTF-8 first") from None
    if not text.strip():
        raise SourceError(f"{file} is empty: there is nothing to claim in it")
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{SOURCES_DIR}/{file.name}"
    for known in ledger.sources.values():
        if known.sha256 == digest:
            raise SourceError(f"this text is registered already, as source {known.id!r} ({known.file})")
        if known.file == relative:
            raise SourceError(f"{relative} is registered already, as source {known.id!r}",
                              "give the new file another name")
    target = ledger.root / SOURCES_DIR / file.name
    shown = ledger.display_path(relative)
    folder = ledger.root / SOURCES_DIR
    if os.path.lexists(folder) and not Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(ledger.root)):
        raise SourceError(f"{ledger.display_path(SOURCES_DIR)} is a link that points outside the ledger's folder; "
                          "nothing was written", "make it a real folder under the ledger's folder")
    copy = True
    if target.is_symlink():
        same = os.path.realpath(target) == os.path.realpath(file)
        if not same or not Path(os.path.realpath(target)).is_relative_to(os.path.realpath(ledger.root)):
            raise SourceError(f"{shown} is a symbolic link; nothing was written (a link is never written through)",
                              "remove the link, or give the new file another name")
    if target.exists():
        try:
            same = target.resolve() == file.resolve() or target.read_bytes() == data
        except OSError:
            same = False
        if not same:
            raise SourceError(f"{shown} exists and holds a different text; nothing was written",
                              "rename the new file, or remove the other one if it is yours")
        copy = False
    return NewSource(file, data, text, digest, relative, shown, target, copy)


def source_entry(ledger: Ledger, new: NewSource, *, kind: str, source_id: str | None = None,
                 title: str | None = None) -> dict:
    """The item for the ``sources:`` section: the given id and title, else those the text
    suggests (:func:`ledger.write.edit.source_metadata`); a front-matter block is a skip."""
    meta = source_metadata(new.text)
    return {
        "id": source_id or propose_source_id(meta, new.file.name, ledger.sources),
        "file": new.relative,
        "title": title or meta["title"] or new.file.stem,
        "authors": meta["authors"],
        "publisher": meta["publisher"],
        "published": meta["published"],
        "url": meta["url"],
        "kind": kind,
        "sha256": new.sha256,
        "skips": [{"lines": [1, meta["front_matter_lines"]], "reason": "front matter (page metadata)"}]
        if meta["front_matter_lines"] else [],
    }


def validate_source(entry: dict) -> list[tuple[str, str]]:
    """The model's complaints about a source entry, as (field, message); the field is
    "the source" for one about the whole entry."""
    try:
        TypeAdapter(Source).validate_python(entry)
    except ValidationError as error:
        return [(str(item["loc"][0]) if item["loc"] else "the source", item["msg"])
                for item in error.errors(include_url=False)]
    return []


def copy_source(new: NewSource) -> tuple[int, ...] | None:
    """Put the write-up's copy in the ledger's sources/ (created if needed), unless it is
    there already; never over anything (a file, a link). The identity of the file made, for
    :func:`remove_copy` (None when nothing was made)."""
    if not new.copy:
        return None
    try:
        if not os.path.lexists(new.target.parent):
            new.target.parent.mkdir()
        return write_new(new.target, new.data)
    except (OSError, WriteError) as error:
        raise SourceError(f"cannot copy {new.file} to {new.shown}: {getattr(error, 'strerror', None) or error}") from None


def remove_copy(new: NewSource, made: tuple[int, ...] | None) -> None:
    """Take back the copy :func:`copy_source` made (when registering failed after it), if it is
    still that file: whatever else is there now is not ours, and stays."""
    if made is not None:
        remove_created(new.target, made)
