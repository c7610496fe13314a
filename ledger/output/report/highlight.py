"""A source's text as HTML lines, every claim's quote highlighted in place.

Quotes overlap freely (one claim quotes a sentence, another half of it and half of the
next), but HTML elements must nest. Each quote becomes one ``<mark>`` where it can, and
is split into several where it crosses another quote's edge or a line break:

* quotes starting at the same place open longest first, so the shorter nests inside;
* when a quote ends, every mark opened after it is closed with it and reopened right
  after as a *continuation* of the same claim;
* at a line break every open mark is closed, and reopened on the next line.

So at every character the open marks are exactly the quotes that cover it, the
outermost first, and the first fragment of each quote is the one that carries its id.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ledger.core.lines import line_ranges  # lines as the anchors count them: "\r\n", "\r", "\n"

__all__ = ["Span", "highlight_lines", "line_ranges"]


@dataclass(frozen=True)
class Span:
    key: str  # the claim id
    start: int  # offsets into the text, end exclusive
    end: int


def _normalise(span: Span, lines: list[tuple[int, int]], starts: list[int]) -> Span | None:
    """Move edges that fall on line breaks or empty lines onto the nearest character inside the span."""
    start, end = span.start, span.end
    n = bisect_right(starts, start) - 1  # the line the start is on, or whose break holds it
    while start >= lines[n][1] and n + 1 < len(lines):  # begin on the next line with characters
        n += 1
        start = lines[n][0]
    m = bisect_right(starts, end - 1) - 1  # the line of the last character
    while end > lines[m][1] or (end == lines[m][0] and m > 0):  # end after the last real character
        end = lines[m][1]
        if end > lines[m][0] or m == 0:
            break
        m -= 1
    return Span(span.key, start, end) if start < end else None


def highlight_lines(text: str, spans: list[Span],
                    opener: Callable[[str, bool], str], closer: str = "</mark>") -> list[str]:
    """The text as one HTML string per line (escaped, without line breaks), each span marked.

    ``opener(key, first)`` returns the opening tag of a fragment of span ``key``; ``first``
    is true for exactly one fragment of each span, the first in document order.
    """
    lines = line_ranges(text)
    starts = [s for s, _ in lines]
    order = {}
    kept = []
    for n, span in enumerate(spans):
        span = _normalise(span, lines, starts) if 0 <= span.start < span.end <= len(text) else None
        if span is not None:
            kept.append(span)
            order[id(span)] = n
    opening = defaultdict(list)
    for span in kept:
        opening[span.start].append(span)
    for group in opening.values():
        group.sort(key=lambda s: (-s.end, order[id(s)]))
    points = sorted({s.start for s in kept} | {s.end for s in kept})

    stack: list[Span] = []
    seen: set[int] = set()
    out: list[str] = []

    def open_tag(span: Span) -> str:
        first = id(span) not in seen
        seen.add(id(span))
        return opener(span.key, first)

    for line_start, line_end in lines:
        if line_start == line_end:
            out.append("")
            continue
        parts = [open_tag(span) for span in stack]  # continuations from the line before
        cursor = line_start
        for p in points[bisect_left(points, line_start):bisect_right(points, line_end)]:
            parts.append(html.escape(text[cursor:p]))
            cursor = p
            ending = [n for n, span in enumerate(stack) if span.end == p]
            if ending:
                closed = stack[ending[0]:]
                del stack[ending[0]:]
                parts.append(closer * len(closed))
                for span in closed:
                    if span.end != p:
                        stack.append(span)
                        parts.append(open_tag(span))
            if p < line_end:
                for span in opening.get(p, ()):
                    stack.append(span)
                    parts.append(open_tag(span))
        parts.append(html.escape(text[cursor:line_end]))
        parts.append(closer * len(stack))
        out.append("".join(parts))
    return out
