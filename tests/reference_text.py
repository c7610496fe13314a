"""The first, per-character definitions of text folding and of the numbers in a text, kept to
test the fast versions in ``ledger.anchor.fold`` and ``ledger.core.numbers`` against."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from ledger.anchor.fold import INVISIBLE, TYPOGRAPHIC, FoldedText
from ledger.core.numbers import NUMBER_WORD, NUMBER_WORDS, NUMERAL, SCALES


def fold_reference(original: str) -> FoldedText:
    """The per-character definition of :func:`fold` (slow; kept to test against): drop markup
    and zero-width characters, compose to NFC, replace typography, squeeze whitespace."""
    kept: list[tuple[str, int]] = []  # (character, its offset in the original)
    position = 0
    for match in INVISIBLE.finditer(original):
        kept += [(original[offset], offset) for offset in range(position, match.start())]
        position = match.end()
    kept += [(original[offset], offset) for offset in range(position, len(original))]
    chars: list[str] = []
    origin: list[int] = []
    ends: dict[int, int] = {}

    def emit(char: str, start: int, end: int) -> None:
        if end != start + 1:
            ends[len(chars)] = end
        chars.append(char)
        origin.append(start)

    pending = None  # (start, end) of the first whitespace of a run not yet emitted
    for char, start, end in _composed_reference(kept):
        char = char.translate(TYPOGRAPHIC)
        if char.isspace():
            if pending is None:
                pending = (start, end)
            continue
        if pending is not None:
            if chars:  # never start with a space
                emit(" ", *pending)
            pending = None
        emit(char, start, end)
    return FoldedText("".join(chars), tuple(origin), ends)


def _composed_reference(kept: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """The kept characters in NFC, each as (character, start, end) in the original.

    The text is cut before each starter (a character of canonical combining class 0) where
    composing each side alone gives the text's NFC; each piece between cuts composes on its
    own. A piece NFC leaves as it is keeps its characters, one for one; the characters of a
    piece NFC changes all stand for the whole piece."""
    text = "".join(char for char, _ in kept)
    if unicodedata.is_normalized("NFC", text):
        return [(char, offset, offset + 1) for char, offset in kept]
    whole = unicodedata.normalize("NFC", text)
    cuts = [0] + [k for k in range(1, len(text)) if unicodedata.combining(text[k]) == 0
                  and unicodedata.normalize("NFC", text[:k]) + unicodedata.normalize("NFC", text[k:]) == whole]
    composed = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        piece = unicodedata.normalize("NFC", text[a:b])
        if piece == text[a:b]:
            composed += [(char, offset, offset + 1) for char, offset in kept[a:b]]
        else:
            composed += [(char, kept[a][1], kept[b - 1][1] + 1) for char in piece]
    assert "".join(char for char, _, _ in composed) == whole
    return composed


def numbers_in_reference(text: str) -> set[Decimal]:
    """:func:`numbers_in` as first written, one regex pass each (kept to test against)."""
    found: set[Decimal] = set()
    for match in NUMERAL.finditer(text):
        whole, fraction, scale = match.groups()
        value = Decimal(whole.replace(",", "") + (fraction or ""))
        found.add(value)
        if scale:
            found.add(value * SCALES[scale.lower()])
    for match in NUMBER_WORD.finditer(text):
        found.add(Decimal(str(NUMBER_WORDS[match.group(1).lower()])))
    return found
