"""Text folding (ledger/anchor/fold.py): the whole-text fold and the quick quote fold give
exactly what the per-character definition (tests/reference_text.py) gives, positions included,
and stay linear on hostile markup."""

from __future__ import annotations

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
@given(st.lists(st.sampled_from(list("ab .:-5*_[]`<>\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f") + ["  ", "<b>", "](u)"]),
                max_size=30).map("".join))
def test_quote_folding_of_ascii_text_equals_the_per_character_fold(text):
    """fold_quote returns a plain ASCII quote (no markup, no whitespace but single spaces)
    stripped, without its regex passes: every ASCII whitespace must send it the long way."""
    assert fold_quote(text) == _fold_reference(text).text
