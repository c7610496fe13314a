"""Lines of a text (ledger/core/lines.py)."""

from __future__ import annotations

from hypothesis import given, strategies as st

from ledger.core.lines import LINE_BREAK, LineIndex, line_count, line_ranges


@given(st.lists(st.sampled_from(["a", "\n", "\r", "\r\n", " ", "\u2028"]), max_size=30).map("".join))
def test_line_count_is_the_line_index_s(text):
    assert line_count(text) == LineIndex(text).line_count()


@given(st.lists(st.sampled_from(["a", "\n", "\r", "\r\n", " ", "\u2028", "\x0c", "\x0b", "\x85", "\x1c"]),
                max_size=30).map("".join))
def test_line_ranges_are_the_line_index_s_lines(text):
    """Each offset of a line's range is on that line, as the anchors count lines; the breaks
    between ranges are "\\r\\n", "\\r" or "\\n" and nothing else."""
    ranges = line_ranges(text)
    index = LineIndex(text)
    assert len(ranges) == line_count(text)
    for number, (start, end) in enumerate(ranges, start=1):
        assert all(index.position(offset)[0] == number for offset in range(start, end + 1))
        assert "\r" not in text[start:end] and "\n" not in text[start:end]
    assert [text[end:start] for (_, end), (start, _) in zip(ranges, ranges[1:])] == \
        [m.group() for m in LINE_BREAK.finditer(text)]
