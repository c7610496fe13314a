"""Text folding (ledger/anchor/fold.py): the whole-text fold and the quick quote fold give
exactly what the per-character definition (tests/reference_text.py) gives, positions included,
and stay linear on hostile markup."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings, strategies as st

from ledger.anchor.fold import fold, fold_quote
from tests.reference_text import fold_reference as _fold_reference


def test_fold_is_linear_on_hostile_markup():
    folded = fold("*" * 200_000 + "x")
    assert folded.text == "x"


@given(st.text(alphabet=st.sampled_from(list("ab *_[]()`<>/mark\u2019\u201c\u2014\u00a0\n\t.:h")), max_size=60))
def test_fast_quote_folding_equals_the_position_keeping_fold(text):
    assert fold_quote(text) == fold(text).text


FOLD_ALPHABET = list("ab *_[]()`<>/mark\u2019\u201c\u2014\u2212\u00a0\u2009\u3000\x0b\n\r\t.:h") + ["<mark>", "](x)", "  "]

# What NFC composes, reorders, expands or replaces, and the zero-width characters: a letter and
# its accents (é NFC and NFD, marks of different classes), singletons (Ångström sign, an
# en quad, a Greek varia that becomes a backtick), Hangul jamo (starters that compose),
# a Bengali two-part vowel, characters NFC expands (a composition exclusion, a Hebrew
# presentation form, a Tibetan vowel of two marks).
UNICODE_ALPHABET = ["e", "\u0301", "\u0302", "\u0323", "\u0338", "\u00e9", "\u00c5", "\u212b", "A", "\u030a", "<",
                    "\u2000", "\u1fef", "\u1100", "\u1161", "\u11a8", "\uac00", "\u09c7", "\u09be", "\u0958",
                    "\ufb2c", "\u0f73", "\u0344", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]


def _same_fold(text):
    fast, slow = fold(text), _fold_reference(text)
    assert fast.text == slow.text == fold_quote(text)
    assert tuple(fast.origin) == slow.origin
    assert len(fast.origin) == len(slow.origin)
    assert fast.ends == slow.ends
    for start in range(len(slow.text)):
        for end in range(start + 1, len(slow.text) + 1):
            assert fast.span_in_original(start, end) == slow.span_in_original(start, end)
        assert fast.origin[-1 - start] == slow.origin[-1 - start]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FOLD_ALPHABET), max_size=80).map("".join))
def test_fold_equals_the_per_character_fold_positions_included(text):
    _same_fold(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(UNICODE_ALPHABET + FOLD_ALPHABET[:12] + ["<mark>", "  "]), max_size=40).map("".join))
def test_fold_of_unicode_compositions_equals_the_per_character_fold(text):
    _same_fold(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=30))
def test_fold_of_any_text_equals_the_per_character_fold(text):
    _same_fold(text)


@given(st.lists(st.sampled_from([c for c in UNICODE_ALPHABET if c != "\u1fef"] + list("ab .")), max_size=30).map("".join))
def test_a_quote_folds_the_same_in_any_normalization_form(text):
    """(Not the Greek varia: its NFC is a backtick, which is markup when written, not once composed.)"""
    for form in ("NFC", "NFD"):
        assert fold_quote(unicodedata.normalize(form, text)) == fold_quote(text) == fold(text).text


def test_a_composed_character_reaches_over_all_it_stands_for():
    source = "the cafe\u0301, the \u1100\u1161\u11a8 and A\u200b\u030a."
    folded = fold(source)
    assert folded.text == "the café, the 각 and Å."
    cafe = folded.text.index("café")
    assert folded.span_in_original(cafe, cafe + 4) == (4, 9)  # the accent included
    hangul = folded.text.index("각")
    assert folded.span_in_original(hangul, hangul + 1) == (15, 18)
    angstrom = folded.text.index("Å")
    assert folded.span_in_original(angstrom, angstrom + 1) == (23, 26)  # the zero-width space inside


def test_fold_of_a_long_source_is_the_same():
    text = ("* **MMLU (0-shot):** Model A scores **88.6**, “outperforming” — <mark>Model B</mark>.\n\n"
            "See [the paper](https://x.example/p)  for\u00a0details.  \n") * 2000
    fast, slow = fold(text), _fold_reference(text)
    assert fast.text == slow.text and tuple(fast.origin) == slow.origin


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab .:-5*_[]`<>\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f") + ["  ", "<b>", "](u)"]),
                max_size=30).map("".join))
def test_quote_folding_of_ascii_text_equals_the_per_character_fold(text):
    """fold_quote returns a plain ASCII quote (no markup, no whitespace but single spaces)
    stripped, without its regex passes: every ASCII whitespace must send it the long way."""
    assert fold_quote(text) == _fold_reference(text).text
