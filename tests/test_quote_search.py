"""Anchoring many quotes at once (``SourceText.find_all``) must find exactly what
anchoring them one by one finds: same hits, overlapping ones included, same problems."""

from unittest.mock import patch

from hypothesis import given, settings, strategies as st

import ledger.anchor.quotes as anchor_module
from ledger.anchor.quotes import SourceText, _occurrences, anchor_quote
from ledger.anchor.fold import fold_quote


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
