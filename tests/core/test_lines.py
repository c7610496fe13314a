"""Lines of a text (ledger/core/lines.py)."""

from __future__ import annotations

from hypothesis import given, strategies as st

from ledger.core.lines import LineIndex, line_count


@given(st.lists(st.sampled_from(["a", "\n", "\r", "\r\n", " ", "\u2028"]), max_size=30).map("".join))
def test_line_count_is_the_line_index_s(text):
    assert line_count(text) == LineIndex(text).line_count()
