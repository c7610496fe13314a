"""What of the ledger's text may reach a screen: every character a terminal could obey, shown.

A ledger's notes, names and quotes, and its sources' text, are data; a terminal given an
escape sequence (ESC, or the one-byte C1 controls) hides text, sets the window title or moves
the cursor, and bidi overrides reorder what follows them. So every text format prints such
text through :func:`visible`, which writes each of these characters as its escape
(``\\x1b``, ``\\x9b``, ``\\u202e``): the C0 controls but tab and newline (which only lay
text out), DEL, the C1 controls, the bidi embeddings, overrides and isolates (U+202A..U+202E,
U+2066..U+2069), and lone surrogates (which no encoding can write). A backslash is left
as it is: the text formats are for reading; the JSON formats (:func:`to_json`) keep the exact
text, escaped as JSON escapes it.

The text renderers (``terminal``, the markdown and github reports, CSV) call ``visible`` on
what they take from the ledger; the command line's consoles pass whatever else they print
through ``terminal.shown`` too, so that a message quoting the ledger cannot slip through
either. (No rich here: the library's formats use this module too.)
"""

from __future__ import annotations

import json
import re

# The characters ``visible`` escapes; JSON escapes the C0 controls itself.
UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_JSON_UNSEEN = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character a terminal could obey written as its escape (see above);
    the same string when there is none."""
    return UNSEEN.sub(_escape, text)


def obeyed(text: str) -> bool:
    """Whether ``text`` holds a character ``visible`` would escape."""
    return UNSEEN.search(text) is not None


def to_json(data) -> str:
    """``data`` as the JSON the commands print (indented, non-ASCII text as it is), with the
    characters :func:`visible` shows escaped as ``\\u`` escapes too: JSON escapes the C0
    controls itself but writes DEL, the C1 controls and bidi overrides raw. Still JSON, and the
    same text once read. Ends with a newline."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    # such a character can only be inside a JSON string: everything else is ASCII
    return _JSON_UNSEEN.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
