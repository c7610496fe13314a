"""The loaded ledger: the domain type every stage after reading works on."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.core.diagnostics import Diagnostic, Location, has_errors
from ledger.core.fileset import LedgerFiles
from ledger.core.model import Claim, Entity, Review, Settings, Source, Vocabulary
from ledger.core.passages import Anchor, AnchorTable
from ledger.core.vocabulary import Terms

if TYPE_CHECKING:  # the anchoring stage's type; the ledger only holds them
    from ledger.anchor.quotes import SourceText
    from ledger.read.yaml_reader import YamlDocument


class Memoized(Mapping):
    """key -> make(key), made when first asked for and kept; ``keys`` (a dict) fixes which keys
    exist and their order (keys added to it later exist too). Source texts are folded only when
    used (a large ledger's are folded by the child process that anchors its quotes), and the
    claims and texts of a cache hit are only rebuilt when used."""

    def __init__(self, keys: dict, make) -> None:
        self._keys, self._make, self._made = keys, make, {}

    def __getitem__(self, key):
        made = self._made.get(key)
        if made is None:
            if key not in self._keys:
                raise KeyError(key)
            made = self._made[key] = self._make(key)
        return made

    def __contains__(self, key) -> bool:
        return key in self._keys

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


@dataclass
class Ledger:
    """A validated ledger: only the parts that passed validation are here.

    A ledger is made by loading (``ledger.load``) or restored from the cache
    (``ledger.perf.cache``); either way it is read the same. Restored, some parts are
    rebuilt only when first used: ``claims`` and ``texts`` are then lazy mappings, ``positions``
    comes from ``item_positions``, and there is no ``document``."""

    path: Path  # the ledger file, as the user named it
    settings: Settings = field(default_factory=Settings)
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    # the declared terms (what passed validation); a term type left out is not declared
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    # id -> claim model, in file order; a dict as loaded, a lazy mapping as restored
    claims: Mapping[str, Claim] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
    texts: Mapping[str, SourceText] = field(default_factory=dict)  # source id -> text
    anchors: AnchorTable = field(default_factory=AnchorTable)  # claim id -> where its quote is
    skipped: dict[str, list[Anchor]] = field(default_factory=dict)  # source id -> passages skipped by quote
    nodes: dict[tuple, tuple] = field(default_factory=dict)  # ("claims", id) -> the item's YAML node path
    # the YAML document it was read from; None for a ledger restored from the cache
    document: YamlDocument | None = None
    # ("claims", id) -> (line, column), where whoever made the ledger knows them already (the
    # cache); None: found from ``document`` and ``nodes`` when first asked for (``positions``)
    item_positions: Mapping[tuple, tuple[int, int]] | None = field(default=None, repr=False)
    # source file (as the ledger names it) -> what reading it gave: ("sha256", hex) for its
    # bytes, or why it was not read; what a cache of this ledger must check is unchanged
    source_reads: dict[str, tuple] = field(default_factory=dict, repr=False)
    # the files the ledger is written in, where it includes others (None: the one file); and
    # what a cache of it must check is unchanged: each included file's sha256, each glob's matches
    files: LedgerFiles | None = field(default=None, repr=False)
    include_reads: list = field(default_factory=list, repr=False)

    @property
    def root(self) -> Path:
        return self.path.parent

    def display_path(self, relative: str) -> str:
        """A path under the ledger's folder, as the user would type it from here."""
        return os.path.normpath(os.path.join(str(self.root), relative)) if str(self.root) not in ("", ".") else relative

    @property
    def positions(self) -> Mapping[tuple, tuple[int, int]]:
        """("claims", id) -> (line, column) of the item in the ledger file; found lazily, since
        a ledger read by the fast path has to scan its text for them."""
        if self.item_positions is None:
            self.item_positions = {key: self.document.position(node) for key, node in self.nodes.items()}
        return self.item_positions

    def location_of(self, section: str, key: str) -> Location:
        """Where an item (("claims", id), ("reviews", conflict id) ...) is: its file, line, column."""
        line, column = self.positions.get((section, key), (1, 1))
        return Location(self.file_of(section, key), line, column)

    def file_of(self, section: str, key: str) -> str:
        """The file that holds an item, as diagnostics name it (the ledger's own path when it
        is written in one file)."""
        node = self.nodes.get((section, key))
        if self.files is None or node is None:
            return str(self.path)
        return self.files.file_of(node)

    def relative_file_of(self, section: str, key: str) -> str:
        """The file that holds an item, relative to the ledger's folder (SARIF's artifacts)."""
        node = self.nodes.get((section, key))
        if self.files is None or node is None:
            return self.path.name
        return self.files.relative[self.files.local(node)[0]]

    @property
    def terms(self) -> Terms:
        """The vocabulary, looked up (made again when the vocabulary is replaced)."""
        made = self.__dict__.get("_terms")
        if made is None or made.vocabulary is not self.vocabulary:
            made = self.__dict__["_terms"] = Terms(self.vocabulary)
        return made

    def members(self, family: str) -> list[str]:
        """The models of a model family and of the families below it, in the ledger's order."""
        return [e.id for e in self.entities.values()
                if e.kind.value == "model" and e.id != family and family in self.lineage(e.id)]

    def lineage(self, entity_id: str) -> list[str]:
        """The entity and the families above it, nearest first."""
        chain, seen = [], set()
        while entity_id and entity_id not in seen:
            chain.append(entity_id)
            seen.add(entity_id)
            entity = self.entities.get(entity_id)
            entity_id = entity.family if entity else None
        return chain

    def name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id


@dataclass
class LoadResult:
    ledger: Ledger | None
    diagnostics: list[Diagnostic]
    # where the ledger includes files: what reading them gave (``Ledger.include_reads``), also
    # when no ledger came of it; None: it includes none
    include_reads: list | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)
