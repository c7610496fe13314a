"""The loaded ledger: the domain type every stage after reading works on."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.core.diagnostics import Diagnostic, Location, has_errors
from ledger.core.fileset import LedgerFiles
from ledger.core.passages import Anchor, AnchorTable

if TYPE_CHECKING:  # the anchoring stage's type; the ledger only holds them
    from ledger.anchor.quotes import SourceText
    from ledger.core.model import Claim, Entity, Review, Settings, Source, Vocabulary
    from ledger.core.vocabulary import Terms
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


class Restored(Sequence):
    """Items of a ledger restored from the cache, made from their saved data all at once when
    first used; their ``keys`` (a review's conflict, a conflict's id) are known without making
    them, so that a command that needs only those validates nothing. ``also`` holds other
    attributes known the same way, by name (a review's evidence), one value per key."""

    def __init__(self, keys: list, make: Callable[[], list], **also: list) -> None:
        self.keys, self.also, self._make, self._made = keys, also, make, None

    def _items(self) -> list:
        if self._made is None:
            self._made = self._make()
        return self._made

    def __getitem__(self, index):
        return self._items()[index]

    def __iter__(self):
        return iter(self._items())

    def __len__(self) -> int:
        return len(self.keys)


def keys_of(items, key: str) -> list:
    """Each item's ``key`` attribute: ``Restored`` items' without making them (their ``keys``,
    or a known attribute of ``also``)."""
    if isinstance(items, Restored):
        return list(items.also.get(key, items.keys))
    return [getattr(item, key) for item in items]


class Later:
    """A field value of a ``Ledger`` made when first read, from the ledger: ``make(ledger)``."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[Ledger], object]) -> None:
        self.make = make


class _MadeWhenRead:
    """A dataclass field that holds its value or a ``Later`` that makes it when first read: the
    defaults are pydantic models, built only when used; the cache restores the settings and the
    vocabulary from their saved data only when a command reads them."""

    def __init__(self, default: Later) -> None:
        self._default = default

    def __set_name__(self, owner, name: str) -> None:
        self._slot = "_made_" + name

    def __get__(self, ledger, owner=None):
        if ledger is None:
            return self._default  # the field's default, which dataclasses ask the class for
        value = ledger.__dict__[self._slot]
        if type(value) is Later:
            value = ledger.__dict__[self._slot] = value.make(ledger)
        return value

    def __set__(self, ledger, value) -> None:
        ledger.__dict__[self._slot] = value


def _model(name: str):
    """A model class of ``ledger.core.model``, imported when first needed (building the models
    is most of the program's start-up time)."""
    from ledger.core import model

    return getattr(model, name)


def _count_terms(ledger: Ledger) -> int | None:
    terms = ledger.terms
    return sum(len(found) for found in terms.by_id.values()) if terms.any_declared else None


@dataclass
class Ledger:
    """A validated ledger: only the parts that passed validation are here.

    A ledger is made by loading (``ledger.load``) or restored from the cache
    (``ledger.perf.cache``); either way it is read the same. Restored, some parts are
    rebuilt only when first used: ``claims`` and ``texts`` are then lazy mappings, ``positions``
    comes from ``item_positions``, and there is no ``document``."""

    path: Path  # the ledger file, as the user named it
    settings: Settings = _MadeWhenRead(Later(lambda _: _model("Settings")()))
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    # the declared terms (what passed validation); a term type left out is not declared
    vocabulary: Vocabulary = _MadeWhenRead(Later(lambda _: _model("Vocabulary")()))
    # id -> claim model, in file order; a dict as loaded, a lazy mapping as restored
    claims: Mapping[str, Claim] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)  # restored: a ``Restored`` sequence
    texts: Mapping[str, SourceText] = field(default_factory=dict)  # source id -> text
    anchors: AnchorTable = field(default_factory=AnchorTable)  # claim id -> where its quote is
    # claim id -> what anchoring to a table cell added to the claim, as plain data (its quote,
    # the setting its footnotes give): what a ledger restored from the cache adds again
    completed: dict[str, dict] = field(default_factory=dict)
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
    # how many terms the vocabulary declares (None: it declares no term type), counted from
    # ``terms`` when first read, or known already by whoever made the ledger (the cache)
    term_count: int | None = _MadeWhenRead(Later(_count_terms))
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
        from ledger.core.vocabulary import Terms

        made = self.__dict__.get("_terms")
        if made is None or made.vocabulary is not self.vocabulary:
            made = self.__dict__["_terms"] = Terms(self.vocabulary)
        return made

    @property
    def reviewed(self) -> list[str]:
        """The conflicts that have a review, in the ledger's order."""
        return keys_of(self.reviews, "conflict")

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
