"""How the valid claims' quotes are anchored: three strategies, one result.

- :class:`Sequential`: each quote on its own (``OneByOne``), which also says what is wrong
  with a quote that cannot be placed, with a "closest passage" hint for the first
  MAX_CLOSEST_SEARCHES quotes not found;
- :class:`Batch`: all the quotes of a source first searched for in one Aho-Corasick pass
  (``SourceText.find_all``), then placed one by one (each then a lookup);
- :class:`Forked`: a child process, started before the ledger is parsed, reads the claims'
  quotes from the ledger's text and anchors them while this process validates; its anchors
  are taken as they are, and a claim it could not anchor cleanly is placed one by one.

Whichever is used, the anchors and the diagnostics are the same.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping

from ledger.anchor.cells import CellAnchoring
from ledger.anchor.quotes import AnchorProblem, SourceText, anchor_quote
from ledger.core.diagnostics import Location
from ledger.core.limits import MAX_CLOSEST_SEARCHES
from ledger.core.ledger import Ledger, Memoized
from ledger.core.passages import NO_ANCHOR, Anchor, AnchorTable
from ledger.perf import forking
from ledger.read.fast_reader import NotFast, claim_chunks
from ledger.read.problems import Problems

# A valid claim to anchor: (its item's index among the claims, the claim, its node path)
Valid = tuple[int, object, tuple]


class OneByOne:
    """Places quotes one at a time in ``ledger.texts``; what cannot be placed is reported."""

    def __init__(self, ledger: Ledger, problems: Problems) -> None:
        self.ledger = ledger
        self.problems = problems
        self.closest_searches = 0
        self.cells = CellAnchoring(ledger, problems.at)

    def place(self, claim, node: tuple) -> None:
        """Anchor the claim's quote in its source (``ledger.anchors``), or say why not."""
        if claim.cell is not None:
            self.cells.place(claim, node)
            return
        text = self.ledger.texts[claim.source]
        found = anchor_quote(text, claim.quote, claim.prefix, claim.suffix, claim.occurrence,
                             search_closest=self.closest_searches < MAX_CLOSEST_SEARCHES)
        if isinstance(found, AnchorProblem) and found.code == "A001":
            self.closest_searches += 1
        if isinstance(found, AnchorProblem):
            source = self.ledger.sources[claim.source]
            related = [Location(self.ledger.display_path(source.file), found.line, 1)] if found.line else []
            self.problems.at(node + ("quote",), found.code, f"{found.message} ({source.file})", found.hint, related)
        else:
            self.ledger.anchors[claim.id] = found

    def place_passage(self, source_id: str, node: tuple, quote: str, skipped: bool) -> None:
        """Anchor a passage the source skips (``ledger.skipped``), or one that must be there
        (a footnote's, a scoped alias's quote: ``node`` says which), or say why not."""
        found = anchor_quote(self.ledger.texts[source_id], quote)
        if isinstance(found, AnchorProblem):
            message = f"skip: {found.message}" if skipped else (
                f"{'footnote' if 'footnotes' in node else 'alias'}: {found.message} "
                f"({self.ledger.sources[source_id].file})")
            self.problems.at(node, found.code, message, found.hint)
        elif skipped:
            self.ledger.skipped.setdefault(source_id, []).append(found)


class Sequential:
    """Each claim's quote on its own. The base of the others: ``watch`` sees the claims' raw
    items on their way to validation, ``anchor`` places the valid claims' quotes."""

    def watch(self, chunks: Iterable[list], decoded: dict[str, str], cut: list) -> Iterable[list]:
        """The claims' raw items, list after list (as given), about to be validated; the
        sources' texts (``decoded``) are read by now. ``cut``: where the fast path cut the
        claims in the text of each of the ledger's files (``FastRead.starts``, or None)."""
        return chunks

    def anchor(self, valid: list[Valid], items: int, one_by_one: OneByOne) -> None:
        """Anchor the ``valid`` claims, of ``items`` claim items in all."""
        for _, claim, node in valid:
            one_by_one.place(claim, node)

    def close(self) -> None:
        """Let go of what the strategy holds (a child process), whatever happened."""


class Batch(Sequential):
    """All the quotes of a source searched for in one pass, then each claim placed."""

    def __init__(self) -> None:
        self.selectors: list[tuple | None] = []

    def watch(self, chunks: Iterable[list], decoded: dict[str, str], cut: list) -> Iterator[list]:
        for items in chunks:
            self.selectors.extend(_selectors(items))
            yield items

    def anchor(self, valid: list[Valid], items: int, one_by_one: OneByOne) -> None:
        _find_quotes(one_by_one.ledger.texts, self.selectors)
        super().anchor(valid, items, one_by_one)


class Forked(Sequential):
    """The quotes anchored by a child process (``_anchor_in_child``) while this one validates."""

    def __init__(self, child: forking.Forked) -> None:
        self.child = child

    @classmethod
    def start(cls, texts: list[str]) -> Forked | None:
        """Start the child, with the texts of the ledger's files (the root first); None when
        no child could be made. Call it before the ledger is parsed: see ``ledger.perf.forking``."""
        child = forking.start(lambda receive: _anchor_in_child(texts, receive))
        return cls(child) if child is not None else None

    def watch(self, chunks: Iterable[list], decoded: dict[str, str], cut: list) -> Iterable[list]:
        self.child.send((decoded, cut))
        return chunks

    def anchor(self, valid: list[Valid], items: int, one_by_one: OneByOne) -> None:
        self.take(self.child.result(), valid, items, one_by_one)

    def take(self, found: bytes | None, valid: list[Valid], items: int, one_by_one: OneByOne) -> None:
        """Anchors the child found (six integers per item) for the claims that passed
        validation; a claim it could not anchor cleanly, or all of them if it failed, is
        placed one by one, which also says what is wrong with its quote."""
        flat = array("q")
        if isinstance(found, bytes) and len(found) == items * 6 * flat.itemsize:
            flat.frombytes(found)
            ledger = one_by_one.ledger
            if len(valid) == items:  # every item a valid claim, in order: the usual case
                slots = dict(zip(ledger.claims, range(items)))
            else:
                slots = {claim.id: index for index, claim, _ in valid}
            ledger.anchors = AnchorTable(slots, flat)
            if NO_ANCHOR not in flat[::6]:
                return
        for index, claim, node in valid:
            if not flat or flat[index * 6] == NO_ANCHOR:
                one_by_one.place(claim, node)

    def close(self) -> None:
        self.child.cancel()


def _selectors(items: list) -> list[tuple | None]:
    """Each raw claim's (source, quote, prefix, suffix, occurrence) where these are plainly
    well-formed, else None: what anchoring reads, as plain data."""
    selectors = []
    for raw in items:
        selector = None
        if isinstance(raw, dict) and "cell" not in raw:  # a cell's anchor is the cell's, not the quote's
            source, quote = raw.get("source"), raw.get("quote")
            prefix, suffix, occurrence = raw.get("prefix"), raw.get("suffix"), raw.get("occurrence")
            if type(source) is str and type(quote) is str and type(prefix) in (str, type(None)) \
                    and type(suffix) in (str, type(None)) \
                    and (occurrence is None or (type(occurrence) is int and occurrence >= 1)):
                selector = (source, quote, prefix, suffix, occurrence)
        selectors.append(selector)
    return selectors


def _find_quotes(texts: Mapping[str, SourceText], selectors: list) -> None:
    """Search each source once for all the quotes said to come from it, before the claims
    are anchored one by one (what is not valid here is simply searched later)."""
    quotes: dict[str, set[str]] = {}
    for selector in selectors:
        if selector is not None and selector[0] in texts:
            quotes.setdefault(selector[0], set()).add(selector[1])
    for source, wanted in quotes.items():
        texts[source].find_all(wanted)


def _anchor_in_child(texts: list[str], receive) -> bytes | None:
    """A child process's side (started by ``Forked.start``, before the parse): wait for the
    sources' texts and where the fast path cut the claims, read the claims' quotes from the
    ledger's ``text``, and return each claim's anchor as six integers (see ``Anchor``), or six
    NO_ANCHOR where the quote is not plainly well-formed or not found exactly once: the
    parent anchors those itself, and says what is wrong."""
    message = receive()
    if message is None:
        return None  # the parent went another way (the reference reader)
    decoded, cuts = message
    selectors = []
    for text, cut in zip(texts, cuts):
        try:
            for items in claim_chunks(text, cut, exact_numbers=False):
                selectors.extend(_selectors(items))
        except NotFast:
            if len(texts) == 1:
                raise
            # a file of several without a list of claims holds none for the parent either
    texts = Memoized(decoded, lambda source: SourceText.of(decoded[source]))
    _find_quotes(texts, selectors)
    flat = array("q")
    unknown = (NO_ANCHOR,) * 6
    for selector in selectors:
        source = texts.get(selector[0]) if selector is not None else None
        found = anchor_quote(source, *selector[1:], search_closest=False) if source is not None else None
        if isinstance(found, Anchor):
            flat.extend(found.as_ints())
        else:
            flat.extend(unknown)
    return flat.tobytes()
