"""Where an ``include:`` entry of a ledger points: the files a path or glob names under the
ledger's folder, and whether a name matches a glob. Kept apart from the reading of the files
(``ledger.read.includes``) because a check answered from the cache needs only this: whether
each glob still names the same files (so it loads neither the model nor a YAML parser).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Mapping
from pathlib import Path

_GLOB_CHARACTERS = frozenset("*?[")


def is_glob(pattern: str) -> bool:
    return any(char in _GLOB_CHARACTERS for char in pattern)


def _inside(folder: Path, relative: str) -> bool:
    """Whether ``relative`` (already free of '..' and not absolute) stays in ``folder`` once
    links are followed."""
    real_folder = os.path.realpath(folder)
    real = os.path.realpath(os.path.join(folder, relative))
    return real == real_folder or real.startswith(real_folder.rstrip(os.sep) + os.sep)


def _leaves(pattern: str) -> bool:
    parts = pattern.replace("\\", "/").split("/")
    return os.path.isabs(pattern) or pattern.startswith(("/", "~")) or ".." in parts


def expand(folder: Path, pattern: str, extra: Mapping[str, bytes] = {}) -> tuple[list[str], str | None]:
    """The files ``pattern`` names under ``folder`` (relative, '/'-separated; a glob's matches
    sorted), and what is wrong when it names none: ``extra`` are files about to be written
    (relative path -> bytes), which a glob matches as if they were there."""
    if _leaves(pattern):
        return [], "outside"
    if not is_glob(pattern):
        relative = os.path.normpath(pattern).replace(os.sep, "/")
        if relative in extra:
            return [relative], None
        if not os.path.lexists(folder / relative):
            return [], "missing"
        return ([relative], None) if _inside(folder, relative) else ([], "outside")
    found = set()
    for match in glob.glob(pattern, root_dir=str(folder), recursive=True):
        relative = os.path.normpath(match).replace(os.sep, "/")
        if os.path.isdir(folder / relative):
            continue
        if not _inside(folder, relative):
            return [], "outside"
        found.add(relative)
    found.update(name for name in extra if matches_glob(name, pattern))
    return sorted(found), None if found else "empty"


def matches_glob(name: str, pattern: str) -> bool:
    """Whether the relative path ``name`` is one ``pattern`` would match (as glob does: '*'
    within a folder, '**' across folders)."""
    import re

    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append({"*": "[^/]*", "?": "[^/]"}.get(char) or re.escape(char))
        i += 1
    return re.fullmatch("".join(out), name) is not None and not any(p.startswith(".") for p in name.split("/"))
