"""Anchoring a claim's quote in its source text, after W3C Web Annotation's
TextQuoteSelector (exact, prefix, suffix) with an occurrence index as a last resort."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import ahocorasick

from ledger.core.passages import Anchor

from ledger.core.numbers import NUMERAL as _NUMERAL, SCALES as _SCALES, number_words_in, numerals_in
from ledger.anchor.fold import FoldedText, fold, fold_quote
from ledger.anchor.tables import Table, find_tables
from ledger.core.lines import LineIndex

MAX_QUOTE_CHARS = 5_000
MAX_OCCURRENCES = 10_000  # of one quote: past this, "occurs N times" is news enough
QUOTES_PER_PASS = 4_096  # bounds the automaton's memory when very many claims quote one source
KEY_CHARS = 32  # of a quote, for the automaton (measured: 16-32 build fastest on 100,000 quotes)


@dataclass(frozen=True)
class SourceText:
    """A source file's text, folded once for all the claims that quote it."""

    text: str
    folded: FoldedText
    lines: LineIndex
    # quote -> (its folded form, where that occurs in the folded text), from ``find_all``
    found: dict[str, tuple[str, list[int]]] = field(default_factory=dict, compare=False, repr=False)
    _tables: list = field(default_factory=list, compare=False, repr=False)  # [its tables], once found

    @property
    def tables(self) -> list[Table]:
        """The file's tables (``ledger.anchor.tables``), found when first asked for."""
        if not self._tables:
            self._tables.append(find_tables(self.text, self.lines))
        return self._tables[0]

    @classmethod
    def of(cls, text: str) -> "SourceText":
        return cls(text, fold(text), LineIndex(text))

    def find_all(self, quotes: Iterable[str]) -> None:
        """Look for many quotes at once, in one pass over the folded text per few thousand
        quotes (Aho-Corasick), instead of one pass per quote: what ``anchor_quote`` then
        reads. The matches of a quote are all its occurrences, overlapping ones included,
        exactly what ``str.find`` from each hit onwards gives. A pass whose matches
        outnumber anything real quotes produce (hostile input: thousands of one-letter
        quotes) is abandoned; its quotes are then searched one by one, with a limit each."""
        needles: dict[str, str] = {}
        for quote in quotes:
            if len(quote) <= MAX_QUOTE_CHARS:
                needles[quote] = fold_quote(quote)
        distinct = list({needle for needle in needles.values() if needle})
        hits: dict[str, list[int]] = {}
        for first in range(0, len(distinct), QUOTES_PER_PASS):
            chunk = distinct[first:first + QUOTES_PER_PASS]
            found = _find_together(self.folded.text, chunk, budget=64 * len(chunk) + 65_536)
            if found is not None:
                hits.update(found)
        for quote, needle in needles.items():
            if needle in hits:
                self.found[quote] = (needle, hits[needle])

    def occurrences(self, quote: str) -> tuple[str, list[int] | None]:
        """The quote folded, and where it occurs if ``find_all`` already knows (else None)."""
        known = self.found.get(quote)
        return known if known is not None else (fold_quote(quote), None)


def _find_together(hay: str, needles: list[str], budget: int) -> dict[str, list[int]] | None:
    """needle -> its starts in ``hay`` (at most MAX_OCCURRENCES each); None once the work
    passes ``budget`` candidate checks. The automaton holds each needle's first
    KEY_CHARS characters only: a small automaton is quick to build, and each place where a
    key matches is checked with ``startswith`` for the needles that begin with it."""
    groups: dict[str, list[str]] = {}
    for needle in needles:
        groups.setdefault(needle[:KEY_CHARS], []).append(needle)
    automaton = ahocorasick.Automaton()
    for key, group in groups.items():
        automaton.add_word(key, (len(key), group))
    automaton.make_automaton()
    hits: dict[str, list[int]] = {needle: [] for needle in needles}
    work = 0
    for end, (length, group) in automaton.iter(hay):
        work += len(group)
        if work > budget:
            return None
        start = end - length + 1
        for needle in group:
            if len(needle) == length or hay.startswith(needle, start):
                starts = hits[needle]
                if len(starts) < MAX_OCCURRENCES:
                    starts.append(start)
    return hits


@dataclass(frozen=True)
class AnchorProblem:
    code: str  # A001 not found, A002 ambiguous
    message: str
    hint: str
    line: int | None = None  # where in the source the hint points


def _occurrences(haystack: str, needle: str, limit: int) -> list[int]:
    found = []
    start = haystack.find(needle)
    while start >= 0 and len(found) < limit:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def anchor_quote(
    source: SourceText,
    quote: str,
    prefix: str | None = None,
    suffix: str | None = None,
    occurrence: int | None = None,
    search_closest: bool = True,
) -> Anchor | AnchorProblem:
    if len(quote) > MAX_QUOTE_CHARS:
        return AnchorProblem("A001", f"quote of {len(quote):,} characters (at most {MAX_QUOTE_CHARS:,})",
                             "quote the sentence that makes the claim, not a whole section")
    needle, hits = source.occurrences(quote)
    if not needle:
        return AnchorProblem("A001", "quote is empty once markup and spaces are removed",
                             "quote the words of the source")
    hay = source.folded.text
    if hits is None:
        hits = _occurrences(hay, needle, limit=MAX_OCCURRENCES)
    if not hits:
        return _not_found(source, needle, search_closest)
    if prefix:
        folded_prefix = fold_quote(prefix)
        hits = [h for h in hits if hay[:h].rstrip().endswith(folded_prefix)]
    if suffix:
        folded_suffix = fold_quote(suffix)
        hits = [h for h in hits if hay[h + len(needle):].lstrip().startswith(folded_suffix)]
    if occurrence is not None:
        if occurrence > len(hits):
            return AnchorProblem("A002", f"occurrence {occurrence} asked for, but the quote occurs "
                                 f"{len(hits)} time(s)", "lower 'occurrence' or remove it")
        hits = [hits[occurrence - 1]]
    if not hits:
        return AnchorProblem("A001", "the quote occurs, but never with the given prefix/suffix",
                             "check 'prefix' and 'suffix' against the source text")
    if len(hits) > 1:
        lines = ", ".join(str(source.lines.position(source.folded.origin[h])[0]) for h in hits[:5])
        return AnchorProblem("A002", f"quote occurs {len(hits)} times in the source (lines {lines})",
                             "add 'prefix' or 'suffix' (the words right before or after it) or "
                             "'occurrence: N', or quote a longer passage",
                             source.lines.position(source.folded.origin[hits[0]])[0])
    start, end = source.folded.span_in_original(hits[0], hits[0] + len(needle))
    line, column = source.lines.position(start)
    end_line, end_column = source.lines.position(end)
    return Anchor(start, end, line, column, end_line, end_column)


FUZZY_NEEDLE_CHARS = 200  # the closest-passage search looks for the quote's start only: bounded cost


def _not_found(source: SourceText, needle: str, search: bool = True) -> AnchorProblem:
    from rapidfuzz import fuzz

    if not search:
        return AnchorProblem("A001", "quote not found in the source",
                             "copy the passage from the source file (closest passage not searched: too many "
                             "quotes are missing)")
    hay = source.folded.text
    alignment = fuzz.partial_ratio_alignment(needle[:FUZZY_NEEDLE_CHARS], hay) if hay else None
    if alignment is None or alignment.score < 50:
        return AnchorProblem("A001", "quote not found in the source",
                             "copy the passage from the source file; nothing close was found")
    start = alignment.dest_start
    end = max(alignment.dest_end, start + 1)
    while start > 0 and not hay[start - 1].isspace():  # widen to whole words
        start -= 1
    while end < len(hay) and not hay[end].isspace():
        end += 1
    while start < end and hay[start].isspace():
        start += 1
    line = source.lines.position(source.folded.origin[start])[0]
    closest = hay[start:end]
    if len(closest) > 160:
        closest = closest[:157] + "..."
    return AnchorProblem("A001", "quote not found in the source",
                         f"closest passage (line {line}, {alignment.score:.0f}% alike): \"{closest}\"", line)


def numbers_missing_from_quote(numbers: dict[str, Decimal], quote: str) -> list[tuple[str, Decimal]]:
    """The claim's numbers that a reader cannot find in its quote (``numbers_in(quote)``)."""
    if not numbers:
        return []
    if all(_written_in(quote, value) for value in numbers.values()):
        return []  # the common case, decided without reading every number of the quote
    present = numerals_in(quote)
    if any(value not in present for value in numbers.values()):  # number words only when needed
        present |= number_words_in(quote)
    return [(field, value) for field, value in numbers.items() if value not in present]


_BEFORE_NUMERAL = re.compile(r"[\w.,]")


def _numeral_ends(quote: str, end: int) -> bool:
    """Whether no numeral can go on past ``end``: what follows is no digit, and no '.' or ','
    followed by one (a fraction, a thousands group). Conservative: any non-ASCII character
    says no, and the caller parses."""
    after = quote[end:end + 2]
    if not after:
        return True
    if not after[0].isascii() or after[0].isdigit():
        return False
    if after[0] in ".,":
        return len(after) == 1 or after[1].isascii() and not after[1].isdigit()
    return True


def _written_in(quote: str, value: Decimal) -> bool:
    """True only when ``numbers_in(quote)`` holds ``value`` because a numeral reading exactly
    ``str(value)`` starts a number there (False means: not decided, read the whole quote).

    A place counts when nothing word-like, no '.' and no ',' precedes it: then no numeral
    that starts earlier can run through it (a numeral holds whitespace or '-' only before
    a scale word, never before a digit), so ``_NUMERAL.finditer`` starts a match there, the
    one ``_NUMERAL.match`` finds."""
    written = str(value)
    plain = "0" <= written[0] <= "9" and "E" not in written  # digits and maybe a '.', as _NUMERAL reads them
    at = quote.find(written)
    while at >= 0:
        if at == 0 or not _BEFORE_NUMERAL.match(quote, at - 1):
            if plain and _numeral_ends(quote, at + len(written)):
                return True  # the numeral there reads exactly ``written``: no need to parse it
            match = _NUMERAL.match(quote, at)
            if match is not None:
                whole, fraction, scale = match.groups()
                found = Decimal(whole.replace(",", "") + (fraction or ""))
                if found == value or (scale and found * _SCALES[scale.lower()] == value):
                    return True
        at = quote.find(written, at + 1)
    return False
