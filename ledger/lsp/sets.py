"""A ledger written in several files, as the language server checks it: which root an opened
file belongs to, and the whole set loaded with the editor's texts in place of the files on disk.

An included file means nothing alone (its sources and entities are in the root), so the
server checks the set it belongs to: the nearest ``claims.yaml`` in its folder or above whose
include set holds it. The set is loaded whole (``load_ledger`` with the open files' texts as
``files``) after each pause in the typing; a ledger in one file keeps the claim-by-claim path
(``ledger.lsp.incremental``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ledger.check.engine import find_conflicts, stale_reviews
from ledger.core.diagnostics import has_errors
from ledger.load import load_ledger
from ledger.lsp.incremental import Snapshot, _start_lines
from ledger.lsp.text import Lines
from ledger.read.fast_reader import claim_item_starts
from ledger.read.include_paths import is_glob, matches_glob
from ledger.read.includes import included_patterns
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits, read_yaml

ROOT_NAME = "claims.yaml"  # the name the design card gives the root
_INCLUDE = re.compile(r"^include[ \t]*:", re.MULTILINE)
_TOP_KEY = re.compile(r"^[^\s#\-]", re.MULTILINE)


def includes(text: str) -> bool:
    """Whether a ledger's text has an ``include:`` entry at its top (a set's root)."""
    return _INCLUDE.search(text) is not None


def include_patterns(text: str) -> list[str]:
    """The ``include:`` entries of a root's text, read from that entry alone (a root can be
    large; the rest of it need not parse)."""
    found = _INCLUDE.search(text)
    if found is None:
        return []
    after = _TOP_KEY.search(text, found.end())
    document, _ = read_yaml(text[found.start():after.start() if after else len(text)], "", DEFAULT_LIMITS)
    patterns = included_patterns(document.data) if document is not None else None
    return [p for p in patterns if isinstance(p, str) and p.strip()] if isinstance(patterns, list) else []


def relative_to(root: Path, path: Path) -> str | None:
    """``path`` relative to the root's folder, '/'-separated; None when it is not below it."""
    relative = os.path.relpath(os.path.normpath(path), os.path.normpath(root.parent))
    if relative == ".." or relative.startswith(".." + os.sep) or os.path.isabs(relative):
        return None
    return relative.replace(os.sep, "/")


def root_of(path: Path, texts: Mapping[str, str], known: Mapping[str, list[str]] = {}) -> Path | None:
    """The root of the set ``path`` is included in: the nearest ``claims.yaml`` in its folder or
    above (not itself) whose ``include:`` entries name it, or whose last load held it
    (``known``: root -> its files, relative; a file included by an included file). ``texts``:
    the editor's texts, by normalized path, read instead of the disk's. None: a root itself."""
    path = Path(os.path.normpath(path))
    folder = path.parent
    while True:
        candidate = folder / ROOT_NAME
        if candidate != path:
            text = texts.get(str(candidate))
            if text is None and candidate.is_file():
                try:
                    text = candidate.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    text = None
            relative = relative_to(candidate, path)
            if text is not None and relative is not None and includes(text):
                if relative in known.get(str(candidate), ()):
                    return candidate
                if any(_names(pattern, relative) for pattern in include_patterns(text)):
                    return candidate
        if folder.parent == folder:
            return None
        folder = folder.parent


def _names(pattern: str, relative: str) -> bool:
    """Whether the include ``pattern`` names the file ``relative``: a path that is it, or a
    glob that matches it (whether it is allowed there is for the load to say)."""
    if is_glob(pattern):
        return matches_glob(relative, pattern)
    return os.path.normpath(pattern).replace(os.sep, "/") == relative


@dataclass
class SetSnapshot:
    """A set's texts, checked together."""

    root: Path
    result_ledger: object  # Ledger | None
    diagnostics: list
    conflicts: list
    texts: dict[str, str]  # each file of the set, as diagnostics name it -> the text checked
    files: list[str] = field(default_factory=list)  # relative paths of the set (the root's name first)

    def snapshot_of(self, shown: str) -> Snapshot:
        """The set as seen from one of its files: its text, its claims (by line)."""
        ledger = self.result_ledger
        text = self.texts.get(shown, "")
        entries = []
        if ledger is not None and ledger.files is not None:
            index = ledger.files.shown.index(shown) if shown in ledger.files.shown else -1
            for claim_id in ledger.claims:
                node = ledger.nodes.get(("claims", claim_id))
                if node is not None and ledger.files.local(node)[0] == index:
                    entries.append((ledger.positions[("claims", claim_id)][0], None, claim_id))
            entries.sort()
        starts = claim_item_starts(text)
        claims_end = _start_lines(text, starts[-1:])[0] if starts else 10 ** 12
        return Snapshot(text, Path(shown), ledger, self.diagnostics, self.conflicts, entries, False, len(entries),
                        ledger.document if ledger is not None else None, claims_end)


class SetCheck:
    """A set of ledger files, loaded whole from its root with the editor's texts."""

    def __init__(self, root: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.root = root
        self.limits = limits
        self.files: list[str] = [root.name]  # relative paths of the last load's files
        self._disk: dict[str, tuple[tuple[int, int], str]] = {}  # shown -> ((mtime, size), text)

    def update(self, open_texts: Mapping[str, str]) -> SetSnapshot:
        """The set checked, with ``open_texts`` (relative path -> text) in place of the disk's."""
        overrides = {relative: text.encode("utf-8") for relative, text in open_texts.items()}
        result = load_ledger(self.root, self.limits, files=overrides)
        ledger = result.ledger
        diagnostics = list(result.diagnostics)
        conflicts = find_conflicts(ledger) if ledger is not None else []
        if ledger is not None and not has_errors(diagnostics):
            diagnostics += stale_reviews(ledger, conflicts)
        if ledger is not None and ledger.files is not None:
            shown, self.files = list(ledger.files.shown), list(ledger.files.relative)
        else:
            shown, self.files = [str(self.root)], [self.root.name]
        texts = {}
        for name, relative in zip(shown, self.files):
            texts[name] = open_texts[relative] if relative in open_texts else self._read(name)
        return SetSnapshot(self.root, ledger, diagnostics, conflicts, texts, list(self.files))

    def _read(self, shown: str) -> str:
        try:
            status = os.stat(shown)
            key = (status.st_mtime_ns, status.st_size)
            kept = self._disk.get(shown)
            if kept is None or kept[0] != key:
                with open(shown, "rb") as handle:
                    kept = self._disk[shown] = (key, handle.read().decode("utf-8", errors="replace"))
            return kept[1]
        except OSError:
            return ""


def lines_of(texts: Mapping[str, str], known: dict[str, Lines]) -> dict[str, Lines]:
    """Each text's lines, those of a text seen before kept (``known``: by path)."""
    found = {}
    for shown, text in texts.items():
        lines = known.get(shown)
        found[shown] = lines if lines is not None and lines.text == text else Lines(text)
    return found

