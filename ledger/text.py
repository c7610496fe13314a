"""Reading source text the way a reader's eye does.

Quotes in the ledger are typed by people from rendered pages, so they differ from
the raw file in ways an eye ignores: markdown emphasis, ``<mark>`` tags, link
syntax, typographic quotes and dashes, line breaks. We fold those differences
away on *both* sides (quote and source) and keep, for every folded character, the
offset of the original character it came from, so positions always point into
the original file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Markup an eye does not read. Order matters: a link target must go before the
# brackets around its text do.
_INVISIBLE = re.compile(
    r"\]\([^)\s]*\)"  # the (url) of a markdown link [text](url)
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>"  # HTML tags such as <mark>
    r"|[*_\[\]`]"  # emphasis, link brackets, code ticks
)

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    }
)


class Origin:
    """``origin[i]``: the offset in the original of the folded text's i-th character.

    Stored as pieces, not one entry per character: folding keeps runs of characters in
    order, so within a piece the offset grows with the index. A piece starts where
    markup was dropped or a run of whitespace was squeezed to one space."""

    __slots__ = ("_starts", "_bases", "_length")

    def __init__(self, starts: list[int], bases: list[int], length: int) -> None:
        self._starts = starts  # folded index where each piece begins, increasing
        self._bases = bases  # original offset of that index
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._length)))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("folded index out of range")
        piece = bisect_right(self._starts, index) - 1
        return self._bases[piece] + index - self._starts[piece]

    def __iter__(self):
        return (self[i] for i in range(self._length))

    def __eq__(self, other) -> bool:
        try:
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        except TypeError:
            return NotImplemented

    def __repr__(self) -> str:
        return f"Origin({tuple(self)!r})"


@dataclass(frozen=True)
class FoldedText:
    """Text with eye-invisible differences folded away, and a way back."""

    text: str
    origin: Origin | tuple[int, ...]  # origin[i] = offset in the original of text[i]

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) offsets of the folded slice text[start:end]."""
        return self.origin[start], self.origin[end - 1] + 1


_RUNS = re.compile(r"\s\s+")  # whitespace that folds to one space but is longer than one character
_TYPOGRAPHIC_CHARS = re.compile("[" + "".join(chr(c) for c in _TYPOGRAPHIC) + "]")


def _typography(text: str) -> str:
    """``text.translate(_TYPOGRAPHIC)``; a regex finds the few characters to replace much
    faster than translate walks a non-ASCII text."""
    if text.isascii():
        return text
    return _TYPOGRAPHIC_CHARS.sub(lambda match: _TYPOGRAPHIC[ord(match.group())], text)


def fold(original: str) -> FoldedText:
    """Fold markup, typography and whitespace runs; remember where each char came from.

    Works by whole-text passes (regular expressions, ``str.translate``), never a Python
    loop per character; the result is the same as :func:`_fold_reference`'s."""
    # 1. drop markup: ``kept`` is the original without it; kept[k] comes from
    #    original[k - k_starts[j] + o_starts[j]] for the last segment j with k_starts[j] <= k.
    segments, k_starts, o_starts = [], [], []
    position = kept_length = 0
    for match in _INVISIBLE.finditer(original):
        if match.start() > position:
            segments.append(original[position:match.start()])
            k_starts.append(kept_length)
            o_starts.append(position)
            kept_length += match.start() - position
        position = match.end()
    if position < len(original):
        segments.append(original[position:])
        k_starts.append(kept_length)
        o_starts.append(position)
    kept = "".join(segments) if len(segments) != 1 else segments[0]
    del segments
    # 2. typography, one character for one
    kept = _typography(kept)
    # 3. whitespace: drop the leading and trailing runs; squeeze each inner run to its
    #    first character (which becomes " "): the folded text is kept[a:b] for these intervals
    first = len(kept) - len(kept.lstrip())
    last = len(kept.rstrip())
    if first >= last:
        return FoldedText("", Origin([], [], 0))
    intervals, cursor = [], first
    for match in _RUNS.finditer(kept, first, last):
        intervals.append((cursor, match.start() + 1))
        cursor = match.end()
    intervals.append((cursor, last))
    text = " ".join(kept[first:last].split())  # each run to one " ": str.split's whitespace is re's \s
    del kept
    # 4. origin pieces: each interval, split where a kept segment begins inside it
    starts, bases = [], []
    folded = 0
    for a, b in intervals:
        j = bisect_right(k_starts, a) - 1
        starts.append(folded)
        bases.append(o_starts[j] + a - k_starts[j])
        j += 1
        while j < len(k_starts) and k_starts[j] < b:
            starts.append(folded + k_starts[j] - a)
            bases.append(o_starts[j])
            j += 1
        folded += b - a
    return FoldedText(text, Origin(starts, bases, folded))


def _fold_reference(original: str) -> FoldedText:
    """The per-character definition of :func:`fold` (slow; kept to test against)."""
    chars: list[str] = []
    origin: list[int] = []
    pending_space = -1  # offset of the first whitespace of a run not yet emitted
    position = 0
    for match in _INVISIBLE.finditer(original):
        pending_space = _fold_span(original, position, match.start(), chars, origin, pending_space)
        position = match.end()
    pending_space = _fold_span(original, position, len(original), chars, origin, pending_space)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return FoldedText("".join(chars), tuple(origin))


def _fold_span(original, start, end, chars, origin, pending_space):
    for offset in range(start, end):
        char = original[offset].translate(_TYPOGRAPHIC)
        if char.isspace():
            if pending_space < 0:
                pending_space = offset
            continue
        if pending_space >= 0:
            if chars:  # never start with a space
                chars.append(" ")
                origin.append(pending_space)
            pending_space = -1
        chars.append(char)
        origin.append(offset)
    return pending_space


# In an ASCII text, a character that markup (``_INVISIBLE``) or whitespace folding may
# change, two spaces aside: every ASCII whitespace but " " (typography changes only
# non-ASCII characters). One character class: much faster to search than alternatives.
_MAY_FOLD = re.compile(r"[\]<*_\[`\t\n\x0b\x0c\r\x1c-\x1f]")


def fold_quote(quote: str) -> str:
    """``fold(quote).text`` without the way back: regex passes instead of a character loop,
    since every claim's quote is folded on every load; most quotes are plain ASCII words
    and single spaces, which fold to themselves, stripped (one search decides)."""
    if quote.isascii() and _MAY_FOLD.search(quote) is None and "  " not in quote:
        return quote.strip()
    text = _typography(_INVISIBLE.sub("", quote))
    return " ".join(text.split())


class LineIndex:
    """Offsets to 1-based (line, column) positions, columns counted in characters."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_count(self) -> int:
        return len(self._starts)


def line_count(text: str) -> int:
    """``LineIndex(text).line_count()`` without building the index: "\r\n", "\r" and "\n"
    each end a line."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


# ---------------------------------------------------------------- numbers in text

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "thousand": 1000, "half": 0.5, "twice": 2,
    "single": 1, "double": 2,
}
_SCALES = {
    "k": Decimal(1_000), "thousand": Decimal(1_000),
    "m": Decimal(1_000_000), "million": Decimal(1_000_000),
    "b": Decimal(1_000_000_000), "bn": Decimal(1_000_000_000), "billion": Decimal(1_000_000_000),
    "t": Decimal(10**12), "trillion": Decimal(10**12),
}
_NUMERAL = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?-?\s?(thousand|million|billion|trillion|bn|[kKmMbBtT])(?![A-Za-z]))?"
)
_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


_DIGIT_RUN = re.compile(r"\d+")


def numbers_in(text: str) -> set[Decimal]:
    """Every number a reader sees in ``text``: numerals, with and without their
    scale ("128k" gives 128 and 128000), and small number words ("two")."""
    return numerals_in(text) | number_words_in(text)


def numerals_in(text: str) -> set[Decimal]:
    """The numerals of :func:`numbers_in` (what ``_NUMERAL.finditer`` finds, found faster:
    a numeral can only start where a run of digits does, so only those places are tried)."""
    found: set[Decimal] = set()
    end = 0
    for run in _DIGIT_RUN.finditer(text):
        if run.start() < end:
            continue
        match = _NUMERAL.match(text, run.start())  # the lookbehind still sees what precedes
        if match is None:
            continue
        end = match.end()
        whole, fraction, scale = match.groups()
        value = Decimal(whole.replace(",", "") + (fraction or ""))
        found.add(value)
        if scale:
            found.add(value * _SCALES[scale.lower()])
    return found


def number_words_in(text: str) -> set[Decimal]:
    """The small number words of :func:`numbers_in` ("two", "half")."""
    return {Decimal(str(_NUMBER_WORDS[match.group(1).lower()])) for match in _WORD.finditer(text)}


def _numbers_in_reference(text: str) -> set[Decimal]:
    """:func:`numbers_in` as first written, one regex pass each (kept to test against)."""
    found: set[Decimal] = set()
    for match in _NUMERAL.finditer(text):
        whole, fraction, scale = match.groups()
        value = Decimal(whole.replace(",", "") + (fraction or ""))
        found.add(value)
        if scale:
            found.add(value * _SCALES[scale.lower()])
    for match in _WORD.finditer(text):
        found.add(Decimal(str(_NUMBER_WORDS[match.group(1).lower()])))
    return found


@lru_cache(maxsize=1 << 16)  # a ledger repeats its figures ("88.6"); Decimals are immutable
def parse_figure(written: str) -> tuple[Decimal, Decimal] | None:
    """A figure as a person writes it ("16,000", "128k", "88.60", "19.1%", "405 billion")
    to (value, half_width): the half-width is the rounding its precision implies,
    so "88.6" is 88.6 +- 0.05 and "16,000" is 16,000 +- 500."""
    text = written.strip().rstrip("%").strip()
    match = re.fullmatch(
        r"([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:[eE]([-+]?\d+))?"
        r"\s?(thousand|million|billion|trillion|bn|[kKmMbBtT])?",
        text,
    )
    if not match:
        return None
    sign, whole, fraction, exponent, scale = match.groups()
    try:
        value = Decimal(sign + whole.replace(",", "") + (fraction or "") + (f"e{exponent}" if exponent else ""))
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    multiplier = _SCALES[scale.lower()] if scale else Decimal(1)
    if fraction:
        unit = Decimal(1).scaleb(-(len(fraction) - 1))
    else:
        digits = whole.replace(",", "").lstrip("0") or "0"
        trailing = len(digits) - len(digits.rstrip("0")) if digits != "0" else 0
        unit = Decimal(1).scaleb(trailing)
    if exponent:
        unit = unit.scaleb(int(exponent))
    return value * multiplier, unit * multiplier / 2
