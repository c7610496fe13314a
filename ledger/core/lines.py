"""Lines of a text as every command counts them: "\r\n", "\r" and "\n" each end a line."""

from __future__ import annotations

import re
from bisect import bisect_right


class LineIndex:
    """Offsets to 1-based (line, column) positions, columns counted in characters."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_count(self) -> int:
        return len(self._starts)


def line_count(text: str) -> int:
    """``LineIndex(text).line_count()`` without building the index: "\r\n", "\r" and "\n"
    each end a line."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1
