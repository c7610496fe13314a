"""A ledger as it was at a git revision: every file of its set (the root, what it includes,
the sources they name), each read with ``git show REV:path`` into a folder of its own, so
that it loads like any ledger."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ledger.read.include_paths import is_glob, matches_glob
from ledger.read.includes import included_patterns
from ledger.read.yaml_reader import read_yaml


class RevisionError(Exception):
    """The revision cannot be read (not a git repository, an unknown revision, no ledger there)."""


def _git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError as error:
        raise RevisionError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def ledger_at_revision(ledger: Path, revision: str, into: Path) -> Path:
    """Write the ledger's files as they were at ``revision`` under ``into``; the root's path there."""
    folder = (ledger.parent if str(ledger.parent) else Path(".")).resolve()
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except RevisionError:
        raise RevisionError(f"{folder} is not in a git repository: give another ledger's path instead") from None
    try:
        commit = _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except RevisionError:
        raise RevisionError(f"unknown git revision {revision!r}") from None
    prefix = os.path.relpath(folder, top.resolve()).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    listing = [name[len(prefix):] for name in
               _git(folder, "ls-tree", "-r", "--name-only", "-z", commit).decode("utf-8").split("\0")
               if name and name.startswith(prefix)]
    present = set(listing)

    def show(relative: str) -> bytes | None:
        if relative not in present:
            return None
        return _git(folder, "show", f"{commit}:{prefix}{relative}")

    def put(relative: str, data: bytes) -> None:
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    root = show(ledger.name)
    if root is None:
        raise RevisionError(f"{prefix}{ledger.name} does not exist at {revision}")
    put(ledger.name, root)
    queue, seen = [ledger.name], {ledger.name}
    while queue:  # the set: what each file includes, as the revision's files match it
        relative = queue.pop(0)
        data = _data((into / relative).read_bytes())
        for source in (data.get("sources") or []) if isinstance(data.get("sources"), list) else []:
            file = source.get("file") if isinstance(source, dict) else None
            if isinstance(file, str) and not os.path.isabs(file) and ".." not in file.split("/"):
                content = show(os.path.normpath(file).replace(os.sep, "/"))
                if content is not None:
                    put(file, content)
        patterns = included_patterns(data) or []
        for pattern in patterns if isinstance(patterns, list) else []:
            if not isinstance(pattern, str):
                continue
            names = [n for n in listing if matches_glob(n, pattern)] if is_glob(pattern) \
                else [os.path.normpath(pattern).replace(os.sep, "/")]
            for name in names:
                content = show(name)
                if content is not None and name not in seen:
                    seen.add(name)
                    put(name, content)
                    queue.append(name)
    return into / ledger.name


def _data(raw: bytes) -> dict:
    try:
        document, _ = read_yaml(raw.decode("utf-8-sig"), "")
    except UnicodeDecodeError:
        return {}
    return document.data if document is not None and isinstance(document.data, dict) else {}
