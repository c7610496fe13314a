"""Reading source text the way a reader's eye does.

Quotes in the ledger are typed by people from rendered pages, so they differ from
the raw file in ways an eye ignores: markdown emphasis, ``<mark>`` tags, link
syntax, zero-width characters, how Unicode composes an accented letter (NFC or
NFD), typographic quotes and dashes, line breaks. We fold those differences
away on *both* sides (quote and source) and keep, for every folded character, the
offset of the original character it came from, so positions always point into
the original file.

The steps, in order: drop markup and zero-width characters (``INVISIBLE``); compose
to Unicode NFC; replace typography (``TYPOGRAPHIC``); squeeze whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

# Characters an eye does not see, inside a word or between words: zero-width space,
# non-joiner and joiner, word joiner, soft hyphen, and a byte-order mark inside the
# text (the one that starts a file is gone when it is read).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u00ad\ufeff"

# Markup an eye does not read, and the zero-width characters. Order matters: a link
# target must go before the brackets around its text do.
_LINK_AND_TAG = (
    r"\]\([^)\s]*\)"  # the (url) of a markdown link [text](url)
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>"  # HTML tags such as <mark>
)
INVISIBLE = re.compile(_LINK_AND_TAG + r"|[*_\[\]`" + ZERO_WIDTH + "]")  # emphasis, link brackets, code ticks
# The same without the zero-width characters, for a text that has none: a character class of
# ASCII characters only is searched several times faster.
_MARKUP = re.compile(_LINK_AND_TAG + r"|[*_\[\]`]")


def _invisible(text: str) -> re.Pattern:
    """``INVISIBLE``, or ``_MARKUP`` when ``text`` has no zero-width character (the same
    matches, found faster; looking for six characters costs little)."""
    return INVISIBLE if any(char in text for char in ZERO_WIDTH) else _MARKUP

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
    # text[i] stands for original[origin[i]:ends[i]] when that is more than one character
    # (a letter and the accents NFC composes with it); absent: original[origin[i]]
    ends: dict[int, int] = field(default_factory=dict)

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) offsets of the folded slice text[start:end]."""
        last = end - 1
        return self.origin[start], self.ends.get(last, self.origin[last] + 1)


_RUNS = re.compile(r"\s\s+")  # whitespace that folds to one space but is longer than one character
TYPOGRAPHIC_CHARS = re.compile("[" + "".join(chr(c) for c in TYPOGRAPHIC) + "]")


def _typography(text: str) -> str:
    """``text.translate(TYPOGRAPHIC)``; a regex finds the few characters to replace much
    faster than translate walks a non-ASCII text."""
    if text.isascii():
        return text
    return TYPOGRAPHIC_CHARS.sub(lambda match: TYPOGRAPHIC[ord(match.group())], text)


def fold(original: str) -> FoldedText:
    """Fold markup, zero-width characters, Unicode composition, typography and whitespace
    runs; remember where each char came from.

    Works by whole-text passes (regular expressions, ``str.translate``), never a Python
    loop per character but over the few characters NFC changes; the result is the same as
    the per-character definition's (``tests/anchor/test_fold.py``)."""
    # 1. drop markup: ``kept`` is the original without it; kept[k] comes from
    #    original[k - k_starts[j] + o_starts[j]] for the last segment j with k_starts[j] <= k.
    segments, k_starts, o_starts = [], [], []
    position = kept_length = 0
    for match in _invisible(original).finditer(original):
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
    # 2. Unicode NFC: most texts are already (ASCII ones always); where it changes the
    #    text, the segments are redrawn, one per composed character, and ``ends`` says how
    #    far in the original each of those reaches
    ends: dict[int, int] = {}
    if not kept.isascii() and not unicodedata.is_normalized("NFC", kept):
        kept, k_starts, o_starts, ends = _compose(kept, k_starts, o_starts)
    # 3. typography, one character for one
    kept = _typography(kept)
    # 4. whitespace: drop the leading and trailing runs; squeeze each inner run to its
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
    # 5. origin pieces: each interval, split where a kept segment begins inside it
    starts, bases = [], []
    folded = 0
    folded_ends: dict[int, int] = {}
    for a, b in intervals:
        j = bisect_right(k_starts, a) - 1
        starts.append(folded)
        bases.append(o_starts[j] + a - k_starts[j])
        j += 1
        while j < len(k_starts) and k_starts[j] < b:
            starts.append(folded + k_starts[j] - a)
            bases.append(o_starts[j])
            j += 1
        if ends:
            folded_ends.update((folded + k - a, end) for k, end in ends.items() if a <= k < b)
        folded += b - a
    return FoldedText(text, Origin(starts, bases, folded), folded_ends)


# A place where NFC cannot join what is before to what is after: before an ASCII character
# (a starter that composes with nothing before it). So the text is composed chunk by chunk,
# each an ASCII character (the base of what follows) and a run of other characters.
_CHUNKS = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


def _compose(kept: str, k_starts: list[int], o_starts: list[int]):
    """``kept`` in NFC, with its segments (see ``fold``) redrawn: a chunk NFC changes gets
    one segment per character it composes to, and ``ends`` (composed index -> original end)
    for those that stand for more than one original character."""
    def original(k: int) -> int:
        j = bisect_right(k_starts, k) - 1
        return o_starts[j] + k - k_starts[j]

    parts: list[str] = []
    new_k: list[int] = []
    new_o: list[int] = []
    ends: dict[int, int] = {}
    length = 0  # of the composed text so far

    def unchanged(a: int, b: int) -> None:  # kept[a:b] as it is, with its segments
        nonlocal length
        if a >= b:
            return
        parts.append(kept[a:b])
        j = bisect_right(k_starts, a) - 1
        new_k.append(length)
        new_o.append(o_starts[j] + a - k_starts[j])
        j += 1
        while j < len(k_starts) and k_starts[j] < b:
            new_k.append(length + k_starts[j] - a)
            new_o.append(o_starts[j])
            j += 1
        length += b - a

    cursor = 0
    for match in _CHUNKS.finditer(kept):
        chunk = match.group()
        if unicodedata.is_normalized("NFC", chunk):
            continue
        unchanged(cursor, match.start())
        base = match.start()
        for a, b, composed in _groups(chunk):
            if composed == chunk[a:b]:
                unchanged(base + a, base + b)
                continue
            start, end = original(base + a), original(base + b - 1) + 1
            parts.append(composed)
            for n in range(len(composed)):
                new_k.append(length + n)
                new_o.append(start)
                if end != start + 1:
                    ends[length + n] = end
            length += len(composed)
        cursor = match.end()
    unchanged(cursor, len(kept))
    return "".join(parts), new_k, new_o, ends


def _groups(chunk: str):
    """(start, end, NFC) of the smallest pieces of ``chunk`` that compose on their own, in
    order, their NFCs making the chunk's. A piece begins at a starter (a character of
    canonical combining class 0) with the marks that follow it, and takes in the next
    piece when the two compose together (Hangul jamo, some vowel signs): then its NFC is
    not where the chunk's NFC goes on."""
    whole = unicodedata.normalize("NFC", chunk)
    cuts = [i for i in range(1, len(chunk)) if not unicodedata.combining(chunk[i])] + [len(chunk)]
    groups, start, at = [], 0, 0
    for cut in cuts:
        composed = unicodedata.normalize("NFC", chunk[start:cut])
        if whole.startswith(composed, at) and (cut == len(chunk) or at + len(composed) < len(whole)):
            groups.append((start, cut, composed))
            start, at = cut, at + len(composed)
    if start != len(chunk) or at != len(whole):  # no such pieces: the chunk is one
        return [(0, len(chunk), whole)]
    return groups


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
    text = _invisible(quote).sub("", quote)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(_typography(text).split())
