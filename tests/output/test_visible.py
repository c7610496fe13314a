"""What of the ledger's text may reach a screen (ledger/output/visible.py)."""

from __future__ import annotations

import json

from hypothesis import given, strategies as st

from ledger.output.visible import to_json, visible

OBEYED = ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9b", "\x9f",
          "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ud800"]


def test_each_character_a_terminal_obeys_is_written_as_its_escape():
    assert visible("\x1b[8mhidden\x1b[0m \x1b]0;title\x07") == "\\x1b[8mhidden\\x1b[0m \\x1b]0;title\\x07"
    assert visible("a\x9b31m \x7f \u202egnp.exe\u202c") == "a\\x9b31m \\x7f \\u202egnp.exe\\u202c"
    assert visible("\r\n") == "\\x0d\n"
    for char in OBEYED:
        assert visible(char) == (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def test_text_without_them_is_the_same_string():
    text = "Model A scores 88.6%\tand “more” — naïve, 日本語, \u00a0, \\x1b as typed, [brackets]\n"
    assert visible(text) is text or visible(text) == text


@given(st.text())
def test_nothing_obeyed_remains(text):
    shown = visible(text)
    assert not any(char in shown for char in OBEYED)
    assert all(char in "\t\n" or char.isprintable() or ord(char) > 0x9f for char in shown)


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
                    max_leaves=10))
def test_json_keeps_the_exact_text_and_escapes_what_a_terminal_obeys(data):
    text = to_json(data)
    assert text.endswith("\n")
    assert json.loads(text) == data
    assert not any(char in text for char in OBEYED)
