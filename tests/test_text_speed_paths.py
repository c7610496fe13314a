"""The whole-text fold and the quick number checks give exactly what their per-character (or
one-regex) definitions give: positions included."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from ledger.anchor.quotes import numbers_missing_from_quote
from ledger.core.lines import LineIndex, line_count
from tests.reference_text import (
    fold_reference as _fold_reference,
    numbers_in_reference as _numbers_in_reference,
)
from ledger.anchor.fold import fold, fold_quote
from ledger.core.numbers import numbers_in

FOLD_ALPHABET = list("ab *_[]()`<>/mark\u2019\u201c\u2014\u2212\u00a0\u2009\u3000\x0b\n\r\t.:h") + ["<mark>", "](x)", "  "]
NUMBER_ALPHABET = list("0123456789,.- kKmMbtTx_a(\u00a0\u0663") + ["thousand", "million", "bn", "two", "Half", "16,000", "5-shot"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FOLD_ALPHABET), max_size=80).map("".join))
def test_fold_equals_the_per_character_fold_positions_included(text):
    fast, slow = fold(text), _fold_reference(text)
    assert fast.text == slow.text == fold_quote(text)
    assert tuple(fast.origin) == slow.origin
    assert len(fast.origin) == len(slow.origin)
    if slow.text:
        for start in range(len(slow.text)):
            assert fast.span_in_original(start, len(slow.text)) == slow.span_in_original(start, len(slow.text))
            assert fast.origin[-1 - start] == slow.origin[-1 - start]


def test_fold_of_a_long_source_is_the_same():
    text = ("* **MMLU (0-shot):** Model A scores **88.6**, “outperforming” — <mark>Model B</mark>.\n\n"
            "See [the paper](https://x.example/p)  for\u00a0details.  \n") * 2000
    fast, slow = fold(text), _fold_reference(text)
    assert fast.text == slow.text and tuple(fast.origin) == slow.origin


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_ALPHABET), max_size=14).map("".join),
       st.dictionaries(st.sampled_from(["value", "setting.shots", "count"]),
                       st.sampled_from([Decimal(x) for x in ("36.8", "5", "0", "16000", "16", "2", "0.5",
                                                              "128000", "1E+3", "-5", "36.80", "1000", "3")]),
                       max_size=3))
def test_numbers_and_missing_numbers_equal_their_definitions(quote, numbers):
    assert numbers_in(quote) == _numbers_in_reference(quote)
    present = _numbers_in_reference(quote)
    assert numbers_missing_from_quote(numbers, quote) == [(f, v) for f, v in numbers.items() if v not in present]


@given(st.lists(st.sampled_from(["a", "\n", "\r", "\r\n", " ", "\u2028"]), max_size=30).map("".join))
def test_line_count_is_the_line_index_s(text):
    assert line_count(text) == LineIndex(text).line_count()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab .:-5*_[]`<>\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f") + ["  ", "<b>", "](u)"]),
                max_size=30).map("".join))
def test_quote_folding_of_ascii_text_equals_the_per_character_fold(text):
    """fold_quote returns a plain ASCII quote (no markup, no whitespace but single spaces)
    stripped, without its regex passes: every ASCII whitespace must send it the long way."""
    assert fold_quote(text) == _fold_reference(text).text


@pytest.mark.parametrize("quote, value, present", [
    ("scored 36.8.", "36.8", True), ("36.8, then", "36.8", True), ("5-shot", "5", True), ("5k", "5", True),
    ("5.5", "5", False), ("36.85", "36.8", False), ("16,000", "16", False), ("5,000 GPUs", "5", False),
    ("3\u0663", "3", False), ("-5", "5", True), ("a 5.", "5", True), ("5.x", "5", True),
])
def test_a_number_is_read_whole_where_it_is_written(quote, value, present):
    """_written_in may stop reading where the numeral surely ends; where it goes on (a
    fraction, a thousands group, another digit) the whole numeral decides."""
    value = Decimal(value)
    assert (value in _numbers_in_reference(quote)) is present
    assert (numbers_missing_from_quote({"value": value}, quote) == []) is present
