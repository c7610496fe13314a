"""Lines of a text as every command counts them: "\r\n", "\r" and "\n" each end a line.

Nothing else does: not a form feed, a vertical tab, NEL or U+2028, which ``str.splitlines``
also breaks at. Anchors (``LineIndex``), ``show``'s passages and the coverage report
(``line_ranges``) and the HTML report all count lines this way.
"""

from __future__ import annotations

import re
from bisect import bisect_right

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Offsets to 1-based (line, column) positions, columns counted in characters."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]

    @property
    def starts(self) -> list[int]:
        """The offset where each line starts, line 1 first."""
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_count(self) -> int:
        return len(self._starts)


def line_count(text: str) -> int:
    """``LineIndex(text).line_count()`` without building the index: "\r\n", "\r" and "\n"
    each end a line."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def line_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each line without its line break, line 1 first: as many as
    ``line_count(text)`` (a text ending with a line break ends with an empty line)."""
    ranges, start = [], 0
    for match in LINE_BREAK.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return ranges
