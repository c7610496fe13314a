"""The files a ledger is written in: the root and the files it includes, and which file holds
which item of a section.

Loading merges the sections of every file into one ledger, items in the files' order; an item
keeps its index in the merged section (its node path, ``("claims", 1234)``), and this table
says which file holds it and where in that file's own section it is."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

# the sections whose items several files may hold; the vocabulary's lists as "vocabulary.KIND"
ITEM_SECTIONS = ("sources", "entities", "claims", "reviews")
VOCABULARY_LISTS = ("predicates", "qualifiers", "quantities", "units", "capabilities")


def section_of(node_path: tuple) -> tuple[str, int, int] | None:
    """(section key, index in the merged section, how many parts of the path name them) of an
    item's node path; None for a path that is not inside an item."""
    if len(node_path) >= 2 and node_path[0] in ITEM_SECTIONS and type(node_path[1]) is int:
        return node_path[0], node_path[1], 2
    if len(node_path) >= 3 and node_path[0] == "vocabulary" and node_path[1] in VOCABULARY_LISTS \
            and type(node_path[2]) is int:
        return f"vocabulary.{node_path[1]}", node_path[2], 3
    return None


@dataclass
class LedgerFiles:
    """The ledger's files, the root first, then each included file in the order included."""

    shown: list[str]  # each file as diagnostics name it (the root as the user named it)
    relative: list[str]  # each file relative to the root's folder, with '/' (the root: its name)
    # section key -> where each file's items start in the merged section (one entry per file)
    starts: dict[str, list[int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.shown)

    def local(self, node_path: tuple) -> tuple[int, tuple]:
        """(file index, the node path in that file) of a node path of the merged ledger."""
        found = section_of(node_path)
        if found is None:
            return 0, tuple(node_path)
        key, index, parts = found
        starts = self.starts.get(key)
        if not starts:
            return 0, tuple(node_path)
        file = max(bisect_right(starts, index) - 1, 0)
        return file, tuple(node_path[:parts - 1]) + (index - starts[file],) + tuple(node_path[parts:])

    def file_of(self, node_path: tuple) -> str:
        return self.shown[self.local(node_path)[0]]

    def to_plain(self) -> dict:
        return {"shown": self.shown, "relative": self.relative, "starts": self.starts}

    @classmethod
    def from_plain(cls, plain: dict) -> LedgerFiles:
        return cls(list(plain["shown"]), list(plain["relative"]), {k: list(v) for k, v in plain["starts"].items()})
