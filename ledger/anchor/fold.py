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
from dataclasses import dataclass

# Markup an eye does not read. Order matters: a link target must go before the
# brackets around its text do.
INVISIBLE = re.compile(
    r"\]\([^)\s]*\)"  # the (url) of a markdown link [text](url)
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>"  # HTML tags such as <mark>
    r"|[*_\[\]`]"  # emphasis, link brackets, code ticks
)

TYPOGRAPHIC = str.maketrans(
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
TYPOGRAPHIC_CHARS = re.compile("[" + "".join(chr(c) for c in TYPOGRAPHIC) + "]")


def _typography(text: str) -> str:
    """``text.translate(TYPOGRAPHIC)``; a regex finds the few characters to replace much
    faster than translate walks a non-ASCII text."""
    if text.isascii():
        return text
    return TYPOGRAPHIC_CHARS.sub(lambda match: TYPOGRAPHIC[ord(match.group())], text)


def fold(original: str) -> FoldedText:
    """Fold markup, typography and whitespace runs; remember where each char came from.

    Works by whole-text passes (regular expressions, ``str.translate``), never a Python
    loop per character; the result is the same as the per-character definition's (``tests/anchor/test_fold.py``)."""
    # 1. drop markup: ``kept`` is the original without it; kept[k] comes from
    #    original[k - k_starts[j] + o_starts[j]] for the last segment j with k_starts[j] <= k.
    segments, k_starts, o_starts = [], [], []
    position = kept_length = 0
    for match in INVISIBLE.finditer(original):
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


# In an ASCII text, a character that markup (``INVISIBLE``) or whitespace folding may
# change, two spaces aside: every ASCII whitespace but " " (typography changes only
# non-ASCII characters). One character class: much faster to search than alternatives.
_MAY_FOLD = re.compile(r"[\]<*_\[`\t\n\x0b\x0c\r\x1c-\x1f]")


def fold_quote(quote: str) -> str:
    """``fold(quote).text`` without the way back: regex passes instead of a character loop,
    since every claim's quote is folded on every load; most quotes are plain ASCII words
    and single spaces, which fold to themselves, stripped (one search decides)."""
    if quote.isascii() and _MAY_FOLD.search(quote) is None and "  " not in quote:
        return quote.strip()
    text = _typography(INVISIBLE.sub("", quote))
    return " ".join(text.split())
