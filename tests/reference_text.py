"""The first, per-character definitions of text folding and of the numbers in a text, kept to
test the fast versions in ``ledger.anchor.fold`` and ``ledger.core.numbers`` against."""

from __future__ import annotations

from decimal import Decimal

from ledger.anchor.fold import INVISIBLE, TYPOGRAPHIC, FoldedText
from ledger.core.numbers import NUMBER_WORD, NUMBER_WORDS, NUMERAL, SCALES


def fold_reference(original: str) -> FoldedText:
    """The per-character definition of :func:`fold` (slow; kept to test against)."""
    chars: list[str] = []
    origin: list[int] = []
    pending_space = -1  # offset of the first whitespace of a run not yet emitted
    position = 0
    for match in INVISIBLE.finditer(original):
        pending_space = _fold_span(original, position, match.start(), chars, origin, pending_space)
        position = match.end()
    pending_space = _fold_span(original, position, len(original), chars, origin, pending_space)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return FoldedText("".join(chars), tuple(origin))


def _fold_span(original, start, end, chars, origin, pending_space):
    for offset in range(start, end):
        char = original[offset].translate(TYPOGRAPHIC)
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
