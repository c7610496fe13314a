"""Numbers as people write them: numerals with their scale ("128k", "405 billion"), small
number words ("two"), and figures with the precision they were written with."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache


NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "thousand": 1000, "half": 0.5, "twice": 2,
    "single": 1, "double": 2,
}
SCALES = {
    "k": Decimal(1_000), "thousand": Decimal(1_000),
    "m": Decimal(1_000_000), "million": Decimal(1_000_000),
    "b": Decimal(1_000_000_000), "bn": Decimal(1_000_000_000), "billion": Decimal(1_000_000_000),
    "t": Decimal(10**12), "trillion": Decimal(10**12),
}
NUMERAL = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?-?\s?(thousand|million|billion|trillion|bn|[kKmMbBtT])(?![A-Za-z]))?"
)
NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
# "3.8 × 10^25": a numeral times a power of ten, as papers write large figures in plain text
TIMES_POWER_OF_TEN = re.compile(r"\s?[×x]\s?10\^([-+]?\d{1,3})(?!\d)")


_DIGIT_RUN = re.compile(r"\d+")


def numbers_in(text: str) -> set[Decimal]:
    """Every number a reader sees in ``text``: numerals, with and without their
    scale ("128k" gives 128 and 128000), and small number words ("two")."""
    return numerals_in(text) | number_words_in(text)


def numerals_in(text: str) -> set[Decimal]:
    """The numerals of :func:`numbers_in` (what ``NUMERAL.finditer`` finds, found faster:
    a numeral can only start where a run of digits does, so only those places are tried)."""
    found: set[Decimal] = set()
    end = 0
    for run in _DIGIT_RUN.finditer(text):
        if run.start() < end:
            continue
        match = NUMERAL.match(text, run.start())  # the lookbehind still sees what precedes
        if match is None:
            continue
        end = match.end()
        whole, fraction, scale = match.groups()
        value = Decimal(whole.replace(",", "") + (fraction or ""))
        found.add(value)
        if scale:
            found.add(value * SCALES[scale.lower()])
        elif (power := TIMES_POWER_OF_TEN.match(text, end)) is not None:
            found.add(value.scaleb(int(power.group(1))))
    return found


def number_words_in(text: str) -> set[Decimal]:
    """The small number words of :func:`numbers_in` ("two", "half")."""
    return {Decimal(str(NUMBER_WORDS[match.group(1).lower()])) for match in NUMBER_WORD.finditer(text)}


@lru_cache(maxsize=1 << 16)  # a ledger repeats its figures ("88.6"); Decimals are immutable
def parse_figure(written: str) -> tuple[Decimal, Decimal] | None:
    """A figure as a person writes it ("16,000", "128k", "88.60", "19.1%", "405 billion")
    to (value, half_width): the half-width is the rounding its precision implies,
    so "88.6" is 88.6 +- 0.05 and "16,000" is 16,000 +- 500."""
    text = written.strip().rstrip("%").strip()
    match = re.fullmatch(
        r"([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:[eE]([-+]?\d+)|\s?[×x]\s?10\^([-+]?\d+))?"
        r"\s?(thousand|million|billion|trillion|bn|[kKmMbBtT])?",
        text,
    )
    if not match:
        return None
    sign, whole, fraction, exponent, power, scale = match.groups()
    exponent = exponent or power
    try:
        value = Decimal(sign + whole.replace(",", "") + (fraction or "") + (f"e{exponent}" if exponent else ""))
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    multiplier = SCALES[scale.lower()] if scale else Decimal(1)
    if fraction:
        unit = Decimal(1).scaleb(-(len(fraction) - 1))
    else:
        digits = whole.replace(",", "").lstrip("0") or "0"
        trailing = len(digits) - len(digits.rstrip("0")) if digits != "0" else 0
        unit = Decimal(1).scaleb(trailing)
    if exponent:
        unit = unit.scaleb(int(exponent))
    return value * multiplier, unit * multiplier / 2


def format_number(value: Decimal) -> str:
    """A number as it reads in a message: no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
