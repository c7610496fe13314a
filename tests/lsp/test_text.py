"""Positions in an edited text (``ledger.lsp.text``): the server applies each change to its own
copy of the text and keeps the lines' offsets up to date without counting the whole text again."""

from __future__ import annotations

import random

from lsprotocol import types

from ledger.lsp.text import UTF8, UTF16, Lines, changed_span
from tests.lsp.ledgers import CLAIMS


def random_edits(text: str, count: int, seed: int):
    """(start, end, inserted) edits of ``text``, each applied to the text the last one left:
    deletions, insertions of pieces of the text itself (lines, claims, line breaks), replacements."""
    chance = random.Random(seed)
    for _ in range(count):
        start = chance.randrange(len(text) + 1)
        end = min(len(text), start + chance.choice([0, 0, 1, 3, 20, 200]))
        source = chance.randrange(len(text) + 1)
        inserted = chance.choice(["", "\n", "x", "  - ", "\n  - id: new\n", text[source:source + chance.choice([1, 9, 80, 400])]])
        yield start, end, inserted
        text = text[:start] + inserted + text[end:]


def test_an_edited_texts_lines_are_those_of_the_new_text():
    lines = Lines(CLAIMS)
    for start, end, inserted in random_edits(CLAIMS, 300, seed=4):
        lines = lines.edited(start, end, inserted)
        assert lines.starts == Lines(lines.text).starts


def test_carriage_returns_are_counted_again_whole():
    lines = Lines("a\r\nb\nc").edited(2, 3, "\r")  # "a\r\rb\nc": the pair is split into two breaks
    assert lines.text == "a\r\rb\nc" and lines.starts == Lines(lines.text).starts == [0, 2, 3, 5]
    lines = Lines("a\nb").edited(1, 1, "\r")  # "a\r\nb": one break
    assert lines.starts == [0, 3]


def test_an_lsp_range_is_applied_in_the_agreed_encoding():
    lines = Lines("id: 😀x\nnext\n")
    assert lines.offset_lsp(types.Position(0, 6), UTF16) == 5  # the emoji is two UTF-16 units
    assert lines.offset_lsp(types.Position(0, 8), UTF8) == 5  # and four UTF-8 units
    assert lines.offset_lsp(types.Position(0, 99), UTF16) == 6  # past the line's end: its end
    assert lines.offset_lsp(types.Position(9, 0), UTF16) == len(lines.text)  # past the last line
    changed = lines.changed(types.Range(types.Position(0, 6), types.Position(1, 2)), "y\nne", UTF16)
    assert changed.text == "id: 😀y\nnext\n" and changed.starts == Lines(changed.text).starts


def test_the_changed_span_of_two_texts():
    assert changed_span("abcdef", "abXdef") == (2, 3, 3)
    assert changed_span("abcdef", "abcdef") == (6, 6, 6)
    assert changed_span("aaaa", "aaaaaa") == (4, 4, 6)  # what was added, after what is kept
    assert changed_span("abc", "") == (0, 3, 0)
    big = "x" * 200_000
    assert changed_span(big + "a" + big, big + "bb" + big) == (200_000, 200_001, 200_002)
    chance = random.Random(1)
    for _ in range(200):
        old = "".join(chance.choice("ab\n") for _ in range(chance.randrange(30)))
        new = "".join(chance.choice("ab\n") for _ in range(chance.randrange(30)))
        start, old_end, new_end = changed_span(old, new)
        assert old[:start] == new[:start] and old[old_end:] == new[new_end:]
        assert start <= old_end and start <= new_end
        assert start == len(old) or start == len(new) or old[start] != new[start]
