from decimal import Decimal

from ledger.core.passages import Anchor
from ledger.anchor.quotes import AnchorProblem, SourceText, anchor_quote, numbers_missing_from_quote
from ledger.anchor.fold import fold
from ledger.core.numbers import numbers_in, parse_figure

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


def test_numbers_in_text_include_scaled_and_worded_numbers():
    found = numbers_in("128k tokens, 16,000 GPUs, two out of three, 0-shot, 19.1%, 405 billion")
    for value in ("128", "128000", "16000", "2", "3", "0", "19.1", "405", "405000000000"):
        assert Decimal(value) in found


def test_number_missing_from_quote_is_named():
    missing = numbers_missing_from_quote({"value": Decimal("88.7"), "setting.shots": Decimal(0)},
                                         "MMLU (0-shot): scores 88.6")
    assert missing == [("value", Decimal("88.7"))]


def test_figures_keep_their_precision():
    assert parse_figure("88.6") == (Decimal("88.6"), Decimal("0.05"))
    assert parse_figure("88.60") == (Decimal("88.60"), Decimal("0.005"))
    assert parse_figure("16,000") == (Decimal(16000), Decimal(500))
    assert parse_figure("128k") == (Decimal(128000), Decimal(500))
    assert parse_figure("banana") is None
    assert parse_figure(".nan") is None


def test_fold_is_linear_on_hostile_markup():
    folded = fold("*" * 200_000 + "x")
    assert folded.text == "x"


from hypothesis import given, strategies as st

from ledger.anchor.fold import fold_quote


@given(st.text(alphabet=st.sampled_from(list("ab *_[]()`<>/mark\u2019\u201c\u2014\u00a0\n\t.:h")), max_size=60))
def test_fast_quote_folding_equals_the_position_keeping_fold(text):
    assert fold_quote(text) == fold(text).text


def test_the_anchor_table_is_a_mapping_of_anchors():
    from ledger.core.passages import AnchorTable

    table = AnchorTable()
    first, second = Anchor(0, 3, 1, 1, 1, 4), Anchor(5, 9, 2, 1, 2, 5)
    table["a"], table["b"] = first, second
    assert dict(table) == {"a": first, "b": second} and list(table) == ["a", "b"] and len(table) == 2
    table["a"] = second  # replaced in place
    assert table["a"] == second and len(table) == 2
    del table["a"]
    assert "a" not in table and table.get("a") is None and list(table) == ["b"]
    table["a"] = first
    assert table["a"] == first and "missing" not in table


def test_the_anchor_table_gives_its_anchors_in_any_order_as_integers():
    from ledger.core.passages import NO_ANCHOR, AnchorTable

    table = AnchorTable()
    first, second = Anchor(0, 3, 1, 1, 1, 4), Anchor(5, 9, 2, 1, 2, 5)
    table["a"], table["b"] = first, second
    assert list(table.flat_for(["a", "b"])) == [0, 3, 1, 1, 1, 4, 5, 9, 2, 1, 2, 5]  # as held
    assert list(table.flat_for(["b", "x", "a"])) == [5, 9, 2, 1, 2, 5] + [NO_ANCHOR] * 6 + [0, 3, 1, 1, 1, 4]
