"""A ledger written in several files: the root (``claims.yaml``) lists ``include:`` paths or
globs, relative to its folder, and each included file holds items of the sections a team
splits (sources, entities, vocabulary lists, claims, reviews) and may include more files.

:func:`read_included` finds the files (in the order included, a glob's matches sorted, each
file once), reads each as the root is read (the fast reader where it can, else the reference
reader) and merges them into one :class:`SetDocument`: the sections' items in the files'
order, every node path mapped back to the file and the place that holds it, so that each
diagnostic names the right file. The S009 problems of an include (a path or glob that leaves
the folder, a missing file, a glob matching nothing, a cycle) are located at the include's
entry. The settings and the version stay in the root.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ledger.core.diagnostics import Diagnostic, Location
from ledger.core.fileset import ITEM_SECTIONS, VOCABULARY_LISTS, LedgerFiles
from ledger.core.words import did_you_mean
from ledger.read.fast_reader import FastDocument, ItemPositions, fast_read
from ledger.read.include_paths import expand, is_glob
from ledger.read.regular import NotRegular, TooLarge, read_regular
from ledger.read.yaml_reader import Limits, YamlDocument, decode, read_yaml

INCLUDE = "include"
INCLUDED_KEYS = (INCLUDE, "sources", "entities", "vocabulary", "claims", "reviews")
_PROBLEMS = {
    "outside": ("include {pattern!r} leaves the ledger's folder",
                "include files below the ledger's folder, by a path relative to it (claims/*.yaml)"),
    "missing": ("included file {pattern!r} does not exist",
                "create it, or correct the path (relative to the ledger's folder)"),
    "empty": ("include {pattern!r} matches no file",
              "correct the pattern (relative to the ledger's folder), or remove the include"),
    "cycle": ("include {pattern!r} makes a cycle: {chain}",
              "a file may not include itself, directly or through other files"),
}


class SetDocument(YamlDocument):
    """The documents of a ledger's files read as one: ``data`` holds the sections' items of
    every file, in order (the claims' items only where no file's claims were cut into chunks:
    ``claim_chunks`` gives them all); every node path is found in the file that holds it."""

    def __init__(self, documents: list[YamlDocument], files: LedgerFiles, data: dict) -> None:
        super().__init__(data=data)
        self.documents, self.files = documents, files

    def _local(self, path) -> tuple[YamlDocument, tuple]:
        index, local = self.files.local(tuple(path))
        return self.documents[index], local

    def position(self, path) -> tuple[int, int]:
        document, local = self._local(path)
        return document.position(local)

    def locate(self, path) -> tuple[int, int]:
        document, local = self._local(path)
        return document.locate(local)

    def locate_key(self, path) -> tuple[int, int]:
        document, local = self._local(path)
        return document.locate_key(local)

    def file_of(self, path) -> str:
        return self.files.shown[self.files.local(tuple(path))[0]]

    @property
    def cuts(self) -> list[list[int] | None]:
        """Where the fast path cut each file's claims (``FastRead.starts``), or None."""
        return [_cut(document) for document in self.documents]

    def claim_chunks(self) -> Iterator[list]:
        """The claims' raw items, file after file (a file the fast path cut, chunk after chunk)."""
        for document in self.documents:
            if _cut(document) is not None:
                yield from document.read.chunks()
            else:
                claims = document.data.get("claims") if isinstance(document.data, dict) else None
                if isinstance(claims, list):
                    yield claims


def _cut(document: YamlDocument) -> list[int] | None:
    return document.read.starts if isinstance(document, FastDocument) else None


class _File:
    def __init__(self, relative: str, shown: str, raw: bytes, text: str, document: YamlDocument) -> None:
        self.relative, self.shown, self.raw, self.text, self.document = relative, shown, raw, text, document


def _shown(root: Path, relative: str) -> str:
    folder = str(root.parent)
    return relative if folder in ("", ".") else os.path.normpath(os.path.join(folder, relative))


class IncludedSet:
    """What reading a ledger's includes gave: the files (the root first), their problems, and
    what a cache must find unchanged (``reads``)."""

    def __init__(self) -> None:
        self.files: list[_File] = []
        self.diagnostics: list[Diagnostic] = []
        self.reads: list = []  # ("file", relative, sha256) and ("glob", pattern, [matches]), in order

    @property
    def texts(self) -> list[str]:
        return [file.text for file in self.files]

    def document(self) -> SetDocument:
        files = LedgerFiles([f.shown for f in self.files], [f.relative for f in self.files])
        data = _merge([f.document for f in self.files], files, self._problem)
        return SetDocument([f.document for f in self.files], files, data)

    def _problem(self, file: int, node_path: tuple, code: str, message: str, hint: str = "", key: bool = False) -> None:
        document = self.files[file].document
        line, column = document.locate_key(node_path) if key else document.locate(node_path)
        self.diagnostics.append(Diagnostic(Location(self.files[file].shown, line, column), code, message, hint))


def included_patterns(data) -> list | None:
    """The ``include:`` entries of a file's data, or None when it includes nothing."""
    if not isinstance(data, dict) or data.get(INCLUDE) is None:
        return None
    value = data[INCLUDE]
    return [value] if isinstance(value, str) else value


def read_included(root: Path, text: str, raw: bytes, document: YamlDocument, limits: Limits, *,
                  fast: bool, overrides: Mapping[str, bytes] = {},
                  read_document: Callable | None = None) -> IncludedSet:
    """Find, read and parse every file the root (read as ``document``) includes, depth first.
    ``overrides``: files about to be written (relative path -> bytes), read instead of the
    disk's; ``fast``: whether the fast reader may read them."""
    found = IncludedSet()
    folder = root.parent if str(root.parent) else Path(".")
    found.files.append(_File(root.name, str(root), raw, text, document))
    seen = {root.name}

    def visit(index: int, chain: list[str]) -> None:
        file = found.files[index]
        patterns = included_patterns(file.document.data)
        if patterns is None:
            return
        if not isinstance(patterns, list):
            found._problem(index, (INCLUDE,), "S009", "'include' must be a path, a glob or a list of them",
                           "write include: [claims/*.yaml]")
            return
        for n, pattern in enumerate(patterns):
            node = (INCLUDE, n) if isinstance(file.document.data[INCLUDE], list) else (INCLUDE,)
            if not isinstance(pattern, str) or not pattern.strip():
                found._problem(index, node, "S009", f"include entry {pattern!r} is not a path or a glob",
                               "write a path relative to the ledger's folder, like claims/*.yaml")
                continue
            matches, problem = expand(folder, pattern, overrides)
            if is_glob(pattern):
                found.reads.append(("glob", pattern, matches))
            if problem is not None:
                message, hint = _PROBLEMS[problem]
                found._problem(index, node, "S009", message.format(pattern=pattern), hint)
                continue
            for relative in matches:
                if relative in chain:
                    if not is_glob(pattern):  # a glob may match the file it is written in: no cycle
                        message, hint = _PROBLEMS["cycle"]
                        found._problem(index, node, "S009", message.format(
                            pattern=pattern, chain=" -> ".join(chain + [relative])), hint)
                    continue
                if relative in seen:
                    continue
                seen.add(relative)
                if _read_file(found, folder, root, relative, limits, fast, overrides, index, node):
                    visit(len(found.files) - 1, chain + [relative])

    visit(0, [root.name])
    return found


def _read_file(found: IncludedSet, folder: Path, root: Path, relative: str, limits: Limits, fast: bool,
               overrides: Mapping[str, bytes], parent: int, node: tuple) -> bool:
    shown = _shown(root, relative)
    raw = overrides.get(relative)
    if raw is None:
        try:
            raw = read_regular(folder / relative, limits.max_bytes, follow=True)
        except NotRegular as error:
            what = "a directory" if stat.S_ISDIR(error.mode) else "not a regular file"
            found._problem(parent, node, "S009", f"included file {relative!r} is {what}",
                           "include regular YAML files only")
            return False
        except TooLarge:
            found.diagnostics.append(Diagnostic(Location(shown), "Y004",
                                                f"the file is larger than {limits.max_bytes:,} bytes",
                                                "split it, or raise the limit with --max-bytes"))
            return False
        except OSError as error:
            found._problem(parent, node, "S009", f"cannot read included file {relative!r}: "
                           f"{error.strerror or error}", "check the file's permissions")
            return False
    found.reads.append(("file", relative, hashlib.sha256(raw).hexdigest()))
    text, problem = decode(raw, shown)
    if problem is not None:
        found.diagnostics.append(problem)
        return False
    document = None
    if fast:
        # a file of a large ledger may be small: what counts is the set (a ledger split over
        # 200 files), so every included file the fast reader can take is read by it
        read = fast_read(text, limits, raw, shown, min_chars=0)
        if read is not None:
            document = FastDocument(read, ItemPositions(text))
    if document is None:
        document, problems = read_yaml(text, shown, limits)
        if document is None:
            found.diagnostics.extend(problems)
            return False
    found.files.append(_File(relative, shown, raw, text, document))
    return True


def _merge(documents: list[YamlDocument], files: LedgerFiles, problem) -> dict:
    """The root's data with the sections of every file, items in the files' order; where each
    file's items start goes to ``files.starts``. A file's section that is not a list, a key an
    included file may not hold, are S001 there."""
    root = documents[0].data
    data = dict(root) if isinstance(root, dict) else {}
    for index, document in enumerate(documents[1:], 1):
        own = document.data
        if own is None:
            continue
        if not isinstance(own, dict):
            problem(index, (), "Y006", "an included file is a mapping of sections",
                    "write sources:, entities:, vocabulary:, claims:, reviews: as in the root")
            continue
        for key in own:
            if key not in INCLUDED_KEYS:
                belongs = key in ("version", "settings")
                problem(index, (key,), "S001",
                        f"'{key}' belongs in the root ledger ({files.shown[0]})" if belongs
                        else f"unknown top-level key {key!r} in an included file",
                        "move it to the root ledger" if belongs else
                        (did_you_mean(str(key), INCLUDED_KEYS) or "an included file holds " + ", ".join(INCLUDED_KEYS)),
                        key=True)
    for section in ITEM_SECTIONS:
        starts, items, total, whole = [], [], 0, True
        for index, document in enumerate(documents):
            starts.append(total)
            cut = _cut(document)
            if section == "claims" and cut is not None:
                total += len(cut) - 1
                whole = False
                continue
            own = document.data.get(section) if isinstance(document.data, dict) else None
            if own is None:
                continue
            if not isinstance(own, list):
                problem(index, (section,), "S001", f"'{section}' must be a list, not a {type(own).__name__}",
                        f"write each of the {section} as a '- ' item")
                continue
            items.extend(own)
            total += len(own)
        files.starts[section] = starts
        if any(isinstance(d.data, dict) and section in d.data for d in documents) or not whole:
            data[section] = items if whole else None
    vocabularies = [d.data.get("vocabulary") if isinstance(d.data, dict) else None for d in documents]
    if any(v is not None for v in vocabularies) and isinstance(vocabularies[0], (dict, type(None))):
        merged = dict(vocabularies[0] or {})
        for kind in VOCABULARY_LISTS:
            starts, terms, declared = [], [], False
            for index, vocabulary in enumerate(vocabularies):
                starts.append(len(terms))
                if not isinstance(vocabulary, dict) or kind not in vocabulary:
                    if index and vocabulary is not None and not isinstance(vocabulary, dict):
                        pass
                    continue
                declared = True
                own = vocabulary[kind]
                if own is None:
                    continue
                if not isinstance(own, list):
                    if index:
                        problem(index, ("vocabulary", kind), "S001", f"'{kind}' must be a list",
                                "write each term as a '- ' item")
                        continue
                    terms = own  # the root's own mistake: validation says it
                    break
                terms.extend(own)
            files.starts[f"vocabulary.{kind}"] = starts
            if declared:
                merged[kind] = terms
        for index, vocabulary in enumerate(vocabularies[1:], 1):
            if vocabulary is not None and not isinstance(vocabulary, dict):
                problem(index, ("vocabulary",), "S001", "'vocabulary' must be a mapping of term lists",
                        "write predicates:, qualifiers:, quantities:, units: under it")
            elif isinstance(vocabulary, dict):
                for key in vocabulary:
                    if key not in VOCABULARY_LISTS:
                        problem(index, ("vocabulary", key), "S001", f"unknown vocabulary list {key!r}",
                                did_you_mean(str(key), VOCABULARY_LISTS), key=True)
        data["vocabulary"] = merged
    return data
