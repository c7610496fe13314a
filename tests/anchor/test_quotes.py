"""Anchoring quotes in their source (ledger/anchor/quotes.py): where a quote is, what is wrong
when it is not there once, and the numbers a quote must hold. Anchoring many quotes at once
(``SourceText.find_all``) finds exactly what anchoring them one by one finds: same hits,
overlapping ones included, same problems."""

from __future__ import annotations

from decimal import Decimal
from unittest.mock import patch

import pytest
from hypothesis import given, settings, strategies as st

import ledger.anchor.quotes as anchor_module
from ledger.anchor.fold import fold_quote
from ledger.anchor.quotes import AnchorProblem, SourceText, _occurrences, anchor_quote, numbers_missing_from_quote
from ledger.core.numbers import numbers_in
from ledger.core.passages import Anchor
from tests.conftest import GOOD_SCORE, at, build_ledger, diagnostics, only
from tests.reference_text import numbers_in_reference as _numbers_in_reference


def test_a001_quote_not_found_with_closest_passage(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("Model A scores 88.6", "Model A scores 88.7").replace("value: 88.6", "value: 88.7"))
    d = only(path, "A001")
    at(d, path, '"Bench X')
    assert "closest passage (line 3" in d.hint
    assert d.related[0].path.endswith("one.txt") and d.related[0].line == 3


def test_a002_ambiguous_quote(tmp_path):
    claim = GOOD_SCORE.replace('"Bench X (0-shot): Model A scores 88.6"', '"Model A is open source."')
    claim = claim.replace("kind: score", "kind: statement").split("  model:")[0] + "  subject: model-a\n  predicate: open-source\n"
    path = build_ledger(tmp_path, claim)
    d = only(path, "A002")
    at(d, path, '"Model A is open')
    path = build_ledger(tmp_path, claim + "  occurrence: 2\n")
    assert diagnostics(path) == []


# ------------------------------------------------------------------ one quote

TEXT = (
    "Intro line.\n"
    "* **MMLU (0-shot, CoT):** LLaMA 3.1 (405B) scores **88.6**, outperforming\n"
    "   GPT-4 (85.4). <mark>We “created” our dataset — carefully.</mark>\n"
    "See [the paper](https://x.example/p) for details. Repeat me. Repeat me.\n"
)

SOURCE = SourceText.of(TEXT)


def anchored(quote, **selectors) -> Anchor:
    found = anchor_quote(SOURCE, quote, **selectors)
    assert isinstance(found, Anchor), found
    return found


def test_markdown_emphasis_is_ignored_and_positions_point_into_the_original():
    found = anchored("MMLU (0-shot, CoT): LLaMA 3.1 (405B) scores 88.6")
    assert (found.line, found.column) == (2, 5)
    assert TEXT[found.start:found.end] == "MMLU (0-shot, CoT):** LLaMA 3.1 (405B) scores **88.6"
    assert (found.end_line, found.end_column) == (2, 57)  # end is exclusive


def test_line_breaks_and_runs_of_whitespace_are_ignored():
    found = anchored("outperforming GPT-4 (85.4)")
    assert (found.line, found.column, found.end_line) == (2, 61, 3)


def test_typographic_quotes_dashes_and_mark_tags_are_ignored():
    found = anchored('We "created" our dataset - carefully.')
    assert TEXT[found.start:found.end] == "We “created” our dataset — carefully."
    assert found.line == 3


def test_link_syntax_is_ignored():
    assert anchored("See the paper for details.").line == 4


def test_missing_quote_shows_the_closest_passage_and_its_line():
    problem = anchor_quote(SOURCE, "LLaMA 3.1 (405B) scores 88.7")
    assert isinstance(problem, AnchorProblem)
    assert problem.code == "A001"
    assert problem.line == 2
    assert "88.6" in problem.hint


def test_ambiguous_quote_is_an_error_with_every_line():
    problem = anchor_quote(SOURCE, "Repeat me.")
    assert isinstance(problem, AnchorProblem) and problem.code == "A002"
    assert "2 times" in problem.message


def test_occurrence_prefix_and_suffix_disambiguate():
    first = anchored("Repeat me.", occurrence=1)
    second = anchored("Repeat me.", occurrence=2)
    assert first.start < second.start
    assert anchored("Repeat me.", prefix="Repeat me.").start == second.start
    assert anchored("Repeat me.", suffix="Repeat me.").start == first.start
    assert anchored("Repeat me.", prefix="details.").start == first.start


def test_occurrence_beyond_the_count_is_reported():
    problem = anchor_quote(SOURCE, "Repeat me.", occurrence=3)
    assert isinstance(problem, AnchorProblem) and problem.code == "A002"


# ------------------------------------------------------------------ many quotes at once

def one_by_one(text: str, quotes) -> dict:
    source = SourceText.of(text)
    return {quote: anchor_quote(source, quote) for quote in quotes}


def together(text: str, quotes) -> dict:
    source = SourceText.of(text)
    source.find_all(quotes)
    return {quote: anchor_quote(source, quote) for quote in quotes}


def test_overlapping_and_repeated_occurrences_are_all_found():
    source = SourceText.of("abab ab abab")
    source.find_all(["abab", "bab", "ab"])
    assert source.found["abab"] == ("abab", [0, 8])
    assert source.found["bab"] == ("bab", [1, 9])
    assert source.found["ab"] == ("ab", [0, 2, 5, 8, 10])


def test_quotes_sharing_their_first_characters_are_told_apart(monkeypatch):
    monkeypatch.setattr(anchor_module, "KEY_CHARS", 4)
    text = "The model scores 88.6 on MMLU. The model scores 85.4 on GSM8K. The model."
    quotes = ["The model scores 88.6", "The model scores 85.4 on GSM8K", "The model", "The"]
    assert together(text, quotes) == one_by_one(text, quotes)
    source = SourceText.of(text)
    source.find_all(quotes)
    assert source.found["The model scores 85.4 on GSM8K"][1] == [31]
    assert source.found["The"][1] == [0, 31, 63]


def test_quotes_are_found_across_markup_and_line_breaks_as_one_by_one():
    text = "Intro.\n* **MMLU:** scores **88.6**,\n   outperforming GPT-4 (85.4). Repeat me. Repeat me.\n"
    quotes = ["MMLU: scores 88.6", "outperforming GPT-4 (85.4)", "Repeat me.", "not there at all", "", "  "]
    assert together(text, quotes) == one_by_one(text, quotes)


def test_many_quotes_are_searched_in_several_passes(monkeypatch):
    monkeypatch.setattr(anchor_module, "QUOTES_PER_PASS", 3)
    text = " ".join(f"sentence number {n} ends here." for n in range(20))
    quotes = [f"sentence number {n} ends" for n in range(20)] + ["ends here."]
    source = SourceText.of(text)
    source.find_all(quotes)
    assert set(source.found) == set(quotes)
    assert together(text, quotes) == one_by_one(text, quotes)


def test_hostile_quotes_past_the_budget_fall_back_to_searching_one_by_one():
    text = "a" * 20_000
    quotes = ["a" * n for n in range(1, 60)]  # each matches almost everywhere: millions of matches
    source = SourceText.of(text)
    source.find_all(quotes)
    assert source.found == {}  # abandoned, not half-filled
    found = anchor_quote(source, "aaa")
    assert found.code == "A002" and "10000 times" in found.message  # the bounded search still answers


def test_a_quote_occurring_more_than_the_limit_keeps_the_first_occurrences():
    text = "x. " * (anchor_module.MAX_OCCURRENCES + 50)
    source = SourceText.of(text)
    source.find_all(["x."])
    assert source.found["x."][1] == _occurrences(fold_quote(text), "x.", anchor_module.MAX_OCCURRENCES)


words = st.sampled_from(["ab", "a", "b", "ba", " ", "\n", "**", "“", "—", "88.6", "x"])


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(words, max_size=40), quotes=st.lists(st.lists(words, min_size=1, max_size=5), max_size=8))
def test_together_is_the_same_as_one_by_one(parts, quotes):
    text = "".join(parts)
    quotes = ["".join(q) for q in quotes]
    expected = one_by_one(text, quotes)
    assert together(text, quotes) == expected
    with patch.object(anchor_module, "KEY_CHARS", 2):  # short keys: many quotes share one
        assert together(text, quotes) == expected


# ------------------------------------------------------------------ the numbers a quote must hold

def test_number_missing_from_quote_is_named():
    missing = numbers_missing_from_quote({"value": Decimal("88.7"), "setting.shots": Decimal(0)},
                                         "MMLU (0-shot): scores 88.6")
    assert missing == [("value", Decimal("88.7"))]


NUMBER_ALPHABET = list("0123456789,.- kKmMbtTx_a(\u00a0\u0663") + ["thousand", "million", "bn", "two", "Half", "16,000", "5-shot"]


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
