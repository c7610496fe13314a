"""A ledger kept checked while its text is edited: what ``ledger lsp`` publishes after each edit.

``LedgerCheck(path).update(text)`` gives a :class:`Snapshot` of ``text`` as the ledger at
``path``: the diagnostics ``ledger check`` prints for it (in its order), the conflicts, the
ledger, and where each claim item is.

The first text, and every text whose part before the claims changed (settings, sources,
entities, vocabulary), is loaded whole by ``load_ledger``. What comes before the claims is then
kept (the *frame*: the sources read and folded, the entities, the vocabulary, and their
diagnostics), and so is each claim item's result, by the item's text. The claims are cut at
their items as the fast reader cuts them (``claim_item_starts``); an item whose text is new is
checked alone, as the loader checks it (read by the reference reader, validated, its numbers
found in its quote, its quote anchored), with its lines counted from its own first line. What
depends on every claim is computed again from the items' results: duplicate ids (S002), the
conflicts, and stale reviews (R001), from the reviews below the claims, read again.

An edit costs what it touches, not the ledger's size, where it can: the text is compared with
the last one, only the items around the change are cut again (``claim_item_starts_after``), the
others keep their results and lines (moved by the lines the edit added), and an edit that moves
no line puts its claims in place of the last text's (``LedgerCheck._patched``).

Where this cannot give what a whole load gives, the text is loaded whole: claims that cannot
be cut (a flow sequence, carriage returns, no ``claims:`` line of its own), a cut that split
one item (two pieces that read as one), anything but ``reviews`` below the claims, more than
``MAX_DIAGNOSTICS`` problems. One difference is kept on purpose: a claim item that does not
parse is reported where it is, and the other items are still checked (a whole load stops at
the first syntax error); and every quote not found gets its closest passage (a whole load
looks for the first 200 only).
"""

from __future__ import annotations

import dataclasses
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from ledger.anchor.stage import QuoteAnchoring
from ledger.anchor.strategies import Sequential
from ledger.check.engine import Conflict, find_conflicts, stale_reviews
from ledger.core.diagnostics import Diagnostic, Location, Severity, has_errors
from ledger.core.ledger import Ledger
from ledger.core.passages import AnchorTable
from ledger.load import load_ledger
from ledger.lsp.text import changed_span
from ledger.read.fast_reader import claim_item_starts, claim_item_starts_after
from ledger.read.problems import MAX_DIAGNOSTICS, Problems
from ledger.read.validate import Validation
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits, YamlDocument, read_yaml

PIECE_HEAD = "claims:\n"  # an item is read as the document "claims:" + its text: its first line is line 2


class WholeLoad(Exception):
    """The text must be loaded whole to be checked as ``ledger check`` checks it."""


@dataclass
class Item:
    """What checking one claim item alone found. Lines are counted from the item's first line
    (0); an item moved up or down by an edit elsewhere keeps its result."""

    text: str
    claim: object | None  # the valid claim, or None
    anchor: tuple | None  # where its quote is (``Anchor.as_ints``), or None
    diagnostics: tuple[Diagnostic, ...]
    at: tuple[int, int] | None  # (line, column) of the item's mapping
    _piece: YamlDocument | None = field(default=None, repr=False)
    _placed: tuple = field(default=(None, ()), repr=False)  # (first line, its diagnostics placed there)
    _located: dict = field(default_factory=dict, repr=False)
    claim_id: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.claim_id = self.claim.id if self.claim is not None else None

    def placed(self, first: int, ledger: str) -> tuple[Diagnostic, ...]:
        """Its diagnostics, with the item's first line at ``first`` of the ledger."""
        if self._placed[0] != first:
            self._placed = (first, tuple(_shifted(d, first, ledger) for d in self.diagnostics))
        return self._placed[1]

    def piece(self) -> YamlDocument | None:
        """The item read alone by the reference reader (positions kept), read when first asked for."""
        if self._piece is None:
            self._piece, _ = read_yaml(PIECE_HEAD + self.text, "", DEFAULT_LIMITS)
        return self._piece

    def locate(self, path: tuple, key: bool = False) -> tuple[int, int] | None:
        """(line, column) in the item of the claim's node at ``path`` (or of its key)."""
        asked = (tuple(path), key)
        if asked not in self._located:
            piece = self.piece()
            if piece is None:
                return None
            full = ("claims", 0) + tuple(path)
            line, column = piece.locate_key(full) if key else piece.locate(full)
            self._located[asked] = (line - 2, column)
        return self._located[asked]


@dataclass
class Frame:
    """What comes before the claims, as a whole load found it."""

    before: str  # the text before the first claim item
    ledger: Ledger
    diagnostics: list[Diagnostic]  # those located before the first claim item
    positions: dict  # ("sources" | "entities", id) -> (line, column)


@dataclass
class Cut:
    """The last text's claim items: what the next text is cut and checked from."""

    text: str
    starts: list[int]  # where each item starts, then where the claims end (``claim_item_starts``)
    lines: list[int]  # the 1-based line of each of those
    items: list[Item]


@dataclass
class Claims:
    """The claim items of a text put together as a whole load puts them (kept for the next
    text, which changes them in place where it can: ``LedgerCheck._patched``)."""

    claims: dict  # id -> claim, in file order
    positions: dict  # the frame's, and ("claims", id) -> (line, column)
    nodes: dict  # ("claims", id) -> ("claims", index)
    slots: dict  # claim id -> its anchor's slot in ``flat``
    flat: array
    entries: list  # (first line, item, claim id or None), as ``Snapshot.items``
    placed: dict  # item index -> its diagnostics, placed in the ledger
    duplicates: list  # S002, one for each item whose id an earlier one has


@dataclass
class Snapshot:
    """One text of the ledger, checked."""

    text: str
    path: Path
    ledger: Ledger | None
    diagnostics: list[Diagnostic]
    conflicts: list[Conflict] | None  # None: not found yet (``settle``)
    # each claim item: (first line, its Item or None, the claim id or None), in file order
    items: list[tuple[int, Item | None, str | None]]
    incremental: bool  # False: loaded whole
    rechecked: int  # claim items read and checked for this text
    frame_document: YamlDocument | None  # where the entries before the claims are
    claims_end: int = 10 ** 12  # the first line below the claim items (what ends the last one)

    def settle(self, found: list | None = None) -> Snapshot:
        """Find the conflicts, and the reviews they leave stale (R001, where nothing is wrong),
        if not done yet: a language server publishes the diagnostics before it waits for these.
        ``found``: the conflicts as ``conflicts_found`` gave them (found elsewhere: a child process)."""
        if self.conflicts is None:
            if found is not None:
                self.conflicts = conflicts_of(found, self.ledger)
            else:
                self.conflicts = find_conflicts(self.ledger) if self.ledger is not None else []
            if self.ledger is not None and not has_errors(self.diagnostics):
                self.diagnostics += stale_reviews(self.ledger, self.conflicts)
        return self

    def item_at(self, line: int) -> tuple[int, Item | None, str | None] | None:
        """The claim item holding 1-based ``line``, if any."""
        firsts = self.__dict__.get("firsts")
        if firsts is None:
            firsts = self.__dict__["firsts"] = [first for first, _, _ in self.items]
        found = bisect_right(firsts, line) - 1
        if found < 0:
            return None
        end = self.items[found + 1][0] if found + 1 < len(self.items) else self.claims_end
        return self.items[found] if line < end else None

    def claim_position(self, claim_id: str, path: tuple = (), key: bool = False) -> tuple[int, int] | None:
        """1-based (line, column) of a claim's field at ``path`` (its item: ``()``), in the ledger."""
        node = self.ledger.nodes.get(("claims", claim_id)) if self.ledger is not None and self.incremental else None
        at = node[1] if node is not None and node[1] < len(self.items) else None
        entries = [self.items[at]] if at is not None and self.items[at][2] == claim_id else \
            self._by_claim().get(claim_id, ())  # the claim's item by its index, without going through them all
        for first, item, known in entries:
            if item is not None:
                found = item.locate(path, key)
                return None if found is None else (first + found[0], found[1])
        ledger = self.ledger
        if ledger is None or ledger.document is None or ("claims", claim_id) not in ledger.nodes:
            return None
        full = ledger.nodes[("claims", claim_id)] + tuple(path)
        return ledger.document.locate_key(full) if key else ledger.document.locate(full)

    def _by_claim(self) -> dict:
        made = self.__dict__.get("by_claim")
        if made is None:
            made = self.__dict__["by_claim"] = {}
            for entry in self.items:
                if entry[2] is not None:
                    made.setdefault(entry[2], [entry])
        return made


def conflicts_found(ledger: Ledger | None) -> list:
    """The ledger's conflicts as plain data (``marshal`` sends it from a child process)."""
    return [] if ledger is None else [
        (c.id, c.rule, c.name, c.severity.value, c.message, tuple(c.claims), c.within_source,
         tuple(c.settled_by), tuple(c.misreports), c.between_primaries) for c in find_conflicts(ledger)]


def conflicts_of(found: list, ledger: Ledger | None) -> list[Conflict]:
    """``conflicts_found``'s data as the conflicts of ``ledger``, each with its review."""
    reviews = {review.conflict: review for review in ledger.reviews} if ledger is not None else {}
    return [Conflict(id=cid, rule=rule, name=name, severity=Severity(severity), message=message, claims=tuple(claims),
                     within_source=within, review=reviews.get(cid), settled_by=tuple(settled),
                     misreports=tuple(misreports), between_primaries=between)
            for cid, rule, name, severity, message, claims, within, settled, misreports, between in found]


class LedgerCheck:
    """One ledger file, checked text after text (``update``)."""

    def __init__(self, path: str | Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.shown = str(self.path)
        self.limits = limits
        self.frame: Frame | None = None
        self.items: dict[str, Item] = {}  # item text -> its result (the last text's, and some before)
        self.cut: Cut | None = None
        self.assembled: Claims | None = None  # the last text's claims, put together

    def update(self, text: str, settle: bool = True) -> Snapshot:
        """``text`` checked; without ``settle``, its conflicts are left for ``Snapshot.settle``
        (an edit's diagnostics are ready before them)."""
        starts = span = None
        if self.cut is not None:  # cut again only where the text changed
            span = changed_span(self.cut.text, text)
            starts = claim_item_starts_after(self.cut.text, self.cut.starts, text, span)
        if starts is None:
            starts = claim_item_starts(text)
        if starts is not None and self.frame is not None and self.cut is not None \
                and starts[0] == len(self.frame.before) and text.startswith(self.frame.before):
            try:
                snapshot = self._incremental(text, starts, span)
                return snapshot.settle() if settle else snapshot
            except WholeLoad:
                pass
        return self._whole(text, starts)

    # -------------------------------------------------------------- a whole load

    def _whole(self, text: str, starts: list[int] | None) -> Snapshot:
        result = load_ledger(self.path, self.limits, data=text.encode("utf-8"))
        ledger = result.ledger
        conflicts = find_conflicts(ledger) if ledger is not None else []
        diagnostics = list(result.diagnostics)
        if result.ok and ledger is not None:
            diagnostics += stale_reviews(ledger, conflicts)
        self.frame, self.items, self.cut, self.assembled = None, {}, None, None
        entries: list = []
        claims_end = 10 ** 12
        if starts is not None and ledger is not None:
            try:
                entries = self._seed(text, starts, ledger, result.diagnostics)
                claims_end = _start_lines(text, starts[-1:])[0]
            except WholeLoad:
                self.frame, self.items, self.cut, entries = None, {}, None, []
        if not entries and ledger is not None:  # where each claim starts, from the whole load
            entries = sorted((ledger.positions[("claims", claim_id)][0], None, claim_id) for claim_id in ledger.claims)
        return Snapshot(text, self.path, ledger, diagnostics, conflicts, entries, False, len(entries),
                        ledger.document if ledger is not None else None, claims_end)

    def _seed(self, text: str, starts: list[int], ledger: Ledger, found: list[Diagnostic]) -> list:
        """Keep the whole load's frame and each item's result, for the edits to come."""
        if any(d.code == "Y009" for d in found):
            raise WholeLoad
        lines = _start_lines(text, starts)
        self._tail(text[starts[-1]:], lines[-1])  # raises WholeLoad if below the claims is not only reviews
        before = text[:starts[0]]
        positions = ledger.positions
        self.frame = Frame(before, ledger, [d for d in found if d.location.line < lines[0]],
                           {key: value for key, value in positions.items() if key[0] in ("sources", "entities")})
        by_index = {node[1]: key[1] for key, node in ledger.nodes.items() if key[0] == "claims"}
        boundaries = lines[:-1]
        grouped: list[list[Diagnostic]] = [[] for _ in boundaries]
        for diagnostic in found:
            at = bisect_right(boundaries, diagnostic.location.line) - 1
            if at >= 0 and diagnostic.location.line < lines[-1]:
                grouped[at].append(diagnostic)
        entries = []
        for index, first in enumerate(boundaries):
            item_text = text[starts[index]:starts[index + 1]]
            claim_id = by_index.get(index)
            if any(d.code == "S002" for d in grouped[index]):  # a duplicate: the whole load did not check it alone
                item = self._check(item_text)
            else:
                claim = ledger.claims[claim_id] if claim_id is not None else None
                anchor = ledger.anchors.get(claim_id) if claim_id is not None else None
                at = positions[("claims", claim_id)] if claim_id is not None else None
                item = Item(item_text, claim, anchor.as_ints() if anchor is not None else None,
                            tuple(_shifted(d, -first, self.shown) for d in grouped[index]),
                            (at[0] - first, at[1]) if at is not None else None)
            self.items[item_text] = item
            entries.append((first, item, claim_id))
        self.cut = Cut(text, starts, lines, [item for _, item, _ in entries])
        return entries

    # -------------------------------------------------------------- an edit of the claims

    def _incremental(self, text: str, starts: list[int], span: tuple[int, int, int]) -> Snapshot:
        frame = self.frame
        kept = frame.ledger
        lines, items, changed = self._align(text, starts, span)
        reviews, diagnostics_below, review_positions = self._tail(text[starts[-1]:], lines[-1])
        rechecked = 0
        for index in changed:
            item_text = text[starts[index]:starts[index + 1]]
            item = self.items.get(item_text)
            if item is None:
                following = text[starts[index + 1]:starts[index + 2]] if index + 2 < len(starts) else None
                item = self.items[item_text] = self._check(item_text, following)
                rechecked += 1
            items[index] = item
        if len(self.items) > 2 * len(items) + 1000:  # forget the texts long gone (an undo finds the recent ones)
            self.items = {item.text: item for item in items}
        last, self.cut = self.cut, Cut(text, starts, lines, items)

        claims_of = self._patched(last, items, lines, changed) or self._assembled(items, lines)
        self.assembled = claims_of
        placed = [d for index in sorted(claims_of.placed) for d in claims_of.placed[index]]
        diagnostics = frame.diagnostics + placed + claims_of.duplicates + diagnostics_below
        if len(diagnostics) > MAX_DIAGNOSTICS:
            raise WholeLoad  # which ones a whole load keeps depends on the order it found them in
        positions = dict(claims_of.positions)
        positions.update(review_positions)
        # the ledger shares what it is made of with the next text's (``_patched`` changes copies)
        ledger = Ledger(self.path, settings=kept.settings, sources=kept.sources, entities=kept.entities,
                        vocabulary=kept.vocabulary, claims=claims_of.claims, reviews=reviews, texts=kept.texts,
                        anchors=AnchorTable(claims_of.slots, claims_of.flat), skipped=kept.skipped,
                        nodes=claims_of.nodes, item_positions=positions, source_reads=kept.source_reads)
        diagnostics.sort(key=Diagnostic.sort_key)
        return Snapshot(text, self.path, ledger, diagnostics, None, claims_of.entries, True, rechecked,
                        kept.document, lines[-1])

    def _assembled(self, items: list[Item], lines: list[int]) -> Claims:
        """The claims of ``items``, each first at its line, in order, as a whole load finds them."""
        ids = [item.claim_id for item in items]
        if None in ids or len(set(ids)) < len(ids):  # an item that is no claim, or a duplicate: one by one
            return self._assembled_one_by_one(items, lines)
        positions = dict(self.frame.positions)  # the common case, in comprehensions (a third of the time)
        positions.update(zip([("claims", claim_id) for claim_id in ids],
                             [(first + item.at[0], item.at[1]) for first, item in zip(lines, items)]))
        anchored = [(claim_id, item.anchor) for claim_id, item in zip(ids, items) if item.anchor is not None]
        shown = self.shown
        return Claims(dict(zip(ids, [item.claim for item in items])), positions,
                      {("claims", claim_id): ("claims", index) for index, claim_id in enumerate(ids)},
                      {claim_id: slot for slot, (claim_id, _) in enumerate(anchored)},
                      array("q", chain.from_iterable(anchor for _, anchor in anchored)), list(zip(lines, items, ids)),
                      {index: item.placed(lines[index], shown) for index, item in enumerate(items) if item.diagnostics},
                      [])

    def _assembled_one_by_one(self, items: list[Item], lines: list[int]) -> Claims:
        claims: dict = {}
        positions = dict(self.frame.positions)
        nodes: dict = {}
        slots: dict[str, int] = {}
        flat = array("q")
        entries = []
        placed: dict[int, tuple] = {}
        duplicates: list[Diagnostic] = []
        shown = self.shown
        for index, item in enumerate(items):
            first = lines[index]
            claim = item.claim
            if claim is not None and claim.id in claims:  # as ``Validation.unique`` says it
                line, column = item.locate(("id",))
                earlier = Location(shown, *positions[("claims", claim.id)])
                duplicates.append(Diagnostic(
                    Location(shown, first + line, column), "S002",
                    f"duplicate claim id {claim.id!r} (first at line {earlier.line})", "give each one its own id",
                    (earlier,)))
                entries.append((first, item, None))
                continue
            if item.diagnostics:
                placed[index] = item.placed(first, shown)
            if claim is None:
                entries.append((first, item, None))
                continue
            claim_id = claim.id
            entries.append((first, item, claim_id))
            claims[claim_id] = claim
            positions[("claims", claim_id)] = (first + item.at[0], item.at[1])
            nodes[("claims", claim_id)] = ("claims", index)
            if item.anchor is not None:
                slots[claim_id] = len(flat) // 6
                flat.extend(item.anchor)
        return Claims(claims, positions, nodes, slots, flat, entries, placed, duplicates)

    def _patched(self, last: Cut, items: list[Item], lines: list[int], changed: range) -> Claims | None:
        """The last text's claims with those of the ``changed`` items put in their places, where
        nothing else moved: the same items, each first at the same line, each changed one a claim
        with the id it had (typing in a field), its quote placed or not as before. None elsewhere."""
        before = self.assembled
        if before is None or len(items) != len(last.items) or lines != last.lines:
            return None
        claims, positions, slots = dict(before.claims), dict(before.positions), before.slots
        flat, entries, placed = array("q", before.flat), list(before.entries), dict(before.placed)
        for index in changed:
            item, first = items[index], lines[index]
            claim = item.claim
            if claim is None or entries[index][2] != claim.id or (item.anchor is not None) != (claim.id in slots):
                return None
            claims[claim.id] = claim
            positions[("claims", claim.id)] = (first + item.at[0], item.at[1])
            entries[index] = (first, item, claim.id)
            if item.anchor is not None:
                slot = slots[claim.id] * 6
                flat[slot:slot + 6] = array("q", item.anchor)
            if item.diagnostics:
                placed[index] = item.placed(first, self.shown)
            else:
                placed.pop(index, None)
        return Claims(claims, positions, before.nodes, slots, flat, entries, placed, before.duplicates)

    def _align(self, text: str, starts: list[int], span: tuple[int, int, int]) -> tuple[list[int], list, range]:
        """The new text's items set against the last text's: (the line of each start, each item's
        result where the edit left its text as it was (None elsewhere), the indexes of the others)."""
        cut = self.cut
        count, old_count = len(starts) - 1, len(cut.starts) - 1
        start, old_end, new_end = span
        before = max(0, min(bisect_right(starts, start) - 1, count, old_count))  # items that end before the edit
        if starts[:before + 1] != cut.starts[:before + 1]:
            before = 0
        after = min(count - bisect_left(starts, new_end, 0, count), old_count - before, count - before)
        shift = len(text) - len(cut.text)
        if after and starts[count - after:] != [offset + shift for offset in cut.starts[old_count - after:]]:
            after = 0
        lines = cut.lines[:before + 1] if starts[0] == cut.starts[0] else _start_lines(text, starts[:1])
        line, previous = lines[-1], starts[before]
        for offset in starts[before + 1:count - after + 1]:
            line += text.count("\n", previous, offset)
            previous = offset
            lines.append(line)
        if after:
            moved = text.count("\n", start, new_end) - cut.text.count("\n", start, old_end)
            lines[count - after:] = [number + moved for number in cut.lines[old_count - after:]]
        items = cut.items[:before] + [None] * (count - before - after) + cut.items[old_count - after:old_count]
        return lines, items, range(before, count - after)

    def _check(self, item_text: str, following: str | None = None) -> Item:
        """One claim item, checked alone against the frame, as the loader checks it."""
        document, problems = read_yaml(PIECE_HEAD + item_text, self.shown, self.limits)
        if document is None:
            if following is not None and _reads_as_one(item_text + following, self.limits):
                raise WholeLoad  # the cut split one item (a quoted scalar over several lines)
            return Item(item_text, None, None, tuple(_shifted(d, -2, self.shown) for d in problems), None)
        data = document.data
        if not isinstance(data, dict) or list(data) != ["claims"] or not isinstance(data["claims"], list) \
                or len(data["claims"]) != 1:
            raise WholeLoad
        kept = self.frame.ledger
        found: list[Diagnostic] = []
        alone = Ledger(self.path, settings=kept.settings, sources=kept.sources, entities=kept.entities)
        problems = Problems(document, self.shown, found)
        validation = Validation(document, alone, problems)
        validation.declared(kept.vocabulary)
        anchoring = QuoteAnchoring(alone, problems, {}, Sequential(), texts=kept.texts)
        for index, claim, node in validation.claims([data["claims"]]):
            anchoring.claim(index, claim, node)
        anchoring.anchor_claims(1)
        claim = next(iter(alone.claims.values()), None)
        anchor = alone.anchors.get(claim.id) if claim is not None else None
        line, column = document.position(("claims", 0))
        return Item(item_text, claim, anchor.as_ints() if anchor is not None else None,
                    tuple(_shifted(d, -2, self.shown) for d in found), (line - 2, column), document)

    def _tail(self, tail: str, first: int) -> tuple[list, list[Diagnostic], dict]:
        """The reviews below the claims (the only section allowed there), read and validated
        alone: (reviews, diagnostics, positions), lines counted in the ledger."""
        document, problems = read_yaml(tail, self.shown, self.limits)
        if document is None:
            raise WholeLoad
        data = document.data
        if data is None:
            return [], [], {}
        if not isinstance(data, dict) or set(data) - {"reviews"}:
            raise WholeLoad
        alone = Ledger(self.path)
        found: list[Diagnostic] = []
        Validation(document, alone, Problems(document, self.shown, found)).reviews(data)
        shift = first - 1
        positions = {key: (document.position(node)[0] + shift, document.position(node)[1])
                     for key, node in alone.nodes.items()}
        return alone.reviews, [_shifted(d, shift, self.shown) for d in found], positions


def _start_lines(text: str, starts: list[int]) -> list[int]:
    """The 1-based line of each offset in ``starts`` (each at a line's start)."""
    lines, line, previous = [], 1, 0
    for start in starts:
        line += text.count("\n", previous, start)
        previous = start
        lines.append(line)
    return lines


def _reads_as_one(text: str, limits: Limits) -> bool:
    document, _ = read_yaml(PIECE_HEAD + text, "", limits)
    claims = document.data.get("claims") if document is not None and isinstance(document.data, dict) else None
    return isinstance(claims, list) and len(claims) == 1


def _shifted(diagnostic: Diagnostic, lines: int, ledger: str) -> Diagnostic:
    """The diagnostic ``lines`` lines further down the ledger (related places in it too)."""
    if not lines:
        return diagnostic
    location = diagnostic.location
    related = tuple(dataclasses.replace(r, line=r.line + lines) if r.path == ledger else r
                    for r in diagnostic.related)
    return dataclasses.replace(diagnostic, location=dataclasses.replace(location, line=location.line + lines),
                               related=related)
