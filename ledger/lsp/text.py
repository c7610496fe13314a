"""Positions in a text, as the ledger counts them and as LSP does.

The ledger's diagnostics and anchors say 1-based lines and columns counted in characters (code
points); LSP says 0-based lines and columns counted in the encoding the client and server agreed
on: UTF-16 code units unless the client offers another (an emoji is one character and two UTF-16
units). Both end a line at "\\r\\n", "\\r" or "\\n" only (``ledger.core.lines``).

``value_end`` finds where the YAML value (or key) that starts at an offset ends, without parsing
the document (which may not parse while it is being typed): what a diagnostic's range covers.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from ledger.core.lines import LINE_BREAK

UTF16, UTF8, UTF32 = "utf-16", "utf-8", "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def characters(line: str, count: int, encoding: str = UTF16) -> int:
    """How many characters of ``line`` its first ``count`` code units hold (clamped to the line)."""
    if encoding == UTF32:
        return min(count, len(line))
    taken = 0
    for index, char in enumerate(line):
        if taken >= count:
            return index
        taken += units(char, encoding)
    return len(line)


class Lines:
    """A text's lines: offsets, 1-based (line, column) in characters, and LSP positions."""

    def __init__(self, text: str, starts: list[int] | None = None) -> None:
        self.text = text
        if starts is None and "\r" not in text:  # the common case, several times faster than the pattern
            starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))][:-1]
        self.starts = starts if starts is not None else [0] + [match.end() for match in LINE_BREAK.finditer(text)]

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its line break; "" past the end."""
        if not 1 <= number <= len(self.starts):
            return ""
        start = self.starts[number - 1]
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def offset(self, line: int, column: int) -> int:
        line = min(max(line, 1), len(self.starts))
        return min(self.starts[line - 1] + max(column, 1) - 1, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def to_lsp(self, line: int, column: int, encoding: str = UTF16) -> tuple[int, int]:
        """1-based (line, column in characters) -> LSP's 0-based (line, character in units)."""
        text = self.line(line)
        return max(line - 1, 0), units(text[:max(column - 1, 0)], encoding)

    def from_lsp(self, line: int, character: int, encoding: str = UTF16) -> tuple[int, int]:
        """LSP's 0-based (line, character in units) -> 1-based (line, column in characters)."""
        return line + 1, characters(self.line(line + 1), character, encoding) + 1

    def offset_lsp(self, position, encoding: str = UTF16) -> int:
        """The offset of an LSP position (past a line's end: its end; past the last line: the text's end)."""
        if position.line >= len(self.starts):
            return len(self.text)
        return self.starts[position.line] + characters(self.line(position.line + 1), position.character, encoding)

    def changed(self, where, inserted: str, encoding: str = UTF16) -> Lines:
        """The text with an LSP change applied: ``inserted`` in place of the range ``where``."""
        start, end = self.offset_lsp(where.start, encoding), self.offset_lsp(where.end, encoding)
        return self.edited(start, max(start, end), inserted)

    def edited(self, start: int, end: int, inserted: str) -> Lines:
        """The lines of the text with ``inserted`` in place of its [start, end): only the lines'
        offsets from the edit on are moved, the others kept (counting a 3 MB ledger's lines
        again takes longer than checking the claim the keystroke changed)."""
        text = self.text[:start] + inserted + self.text[end:]
        if "\r" in text:  # a break may join or part "\r" and "\n" at the edit's ends: count again
            return Lines(text)
        starts = self.starts
        kept = bisect_right(starts, start)  # lines starting at or before the edit: their breaks are before it
        moved = bisect_right(starts, end)  # lines starting after the edit's end: their breaks are after it
        shift = len(inserted) - (end - start)
        new = [start + index + 1 for index, char in enumerate(inserted) if char == "\n"] if "\n" in inserted else []
        return Lines(text, starts[:kept] + new + [offset + shift for offset in starts[moved:]])


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, old end, new end): ``new`` is ``old`` with its [start, old end) replaced by
    ``new[start:new end]``, the span as short as the texts allow (what they share on either side
    left out), compared block by block in C."""
    shortest = min(len(old), len(new))
    start, block = 0, 4096
    while start < shortest:  # the common beginning
        end = min(start + block, shortest)
        if old[start:end] == new[start:end]:
            start = end
            block *= 2
        elif block > 16:
            block //= 4
        else:
            while start < end and old[start] == new[start]:
                start += 1
            break
    tail, block = 0, 4096
    room = shortest - start  # the common end may not overlap the common beginning
    while tail < room:
        size = min(block, room - tail)
        if old[len(old) - tail - size:len(old) - tail] == new[len(new) - tail - size:len(new) - tail]:
            tail += size
            block *= 2
        elif block > 16:
            block //= 4
        else:
            while tail < room and old[len(old) - tail - 1] == new[len(new) - tail - 1]:
                tail += 1
            break
    return start, len(old) - tail, len(new) - tail


_FLOW_END = ",]}"


def value_end(text: str, start: int) -> int:
    """The offset just past the YAML token that starts at ``start``: a quoted scalar (over
    several lines if need be), a flow collection, a key, or a plain scalar on its line (up to a
    comment, and in a flow collection up to its next ``,``, ``]`` or ``}``)."""
    if start >= len(text):
        return start
    first = text[start]
    if first in "\"'":
        index = start + 1
        while index < len(text):
            char = text[index]
            if first == '"' and char == "\\":
                index += 2
                continue
            if char == first:
                if first == "'" and text[index + 1:index + 2] == "'":
                    index += 2
                    continue
                return index + 1
            index += 1
        return len(text)
    if first in "[{":
        for index, depth in _brackets(text, start, len(text)):
            if depth == 0:
                return index + 1
        return len(text)
    line_end = LINE_BREAK.search(text, start)
    end = line_end.start() if line_end else len(text)
    in_flow = _in_flow(text, start)
    index = start
    while index < end:
        char = text[index]
        if char == ":" and (index + 1 == end or text[index + 1] in " \t" or in_flow and text[index + 1] in _FLOW_END):
            break
        if char == "#" and index > start and text[index - 1] in " \t":
            break
        if in_flow and char in _FLOW_END:
            break
        index += 1
    while index > start and text[index - 1] in " \t":
        index -= 1
    return index


def _in_flow(text: str, offset: int) -> bool:
    """Whether ``offset`` is inside a flow collection opened on its line."""
    depth = 0
    for _, depth in _brackets(text, text.rfind("\n", 0, offset) + 1, offset):
        pass
    return depth > 0


def _brackets(text: str, start: int, stop: int):
    """(offset, depth after it) of each flow bracket in ``text[start:stop]`` outside quoted
    scalars (a backslash escapes within double quotes)."""
    depth, quote, index = 0, None, start
    while index < stop:
        char = text[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char in "[{]}":
            depth += 1 if char in "[{" else -1
            yield index, depth
        index += 1


def word_at(line: str, column: int, chars: str = "-._+/") -> tuple[int, int]:
    """The 0-based [start, end) of the word (letters, digits and ``chars``) at 0-based ``column``
    of ``line``: an id, as the ledger spells them."""
    def part(char: str) -> bool:
        return char.isalnum() or char in chars

    start = column
    while start > 0 and part(line[start - 1]):
        start -= 1
    end = column
    while end < len(line) and part(line[end]):
        end += 1
    return start, end
