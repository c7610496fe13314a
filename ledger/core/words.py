"""Words for messages: lists as a sentence says them, and the did-you-mean of a misspelt name."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def join_words(words: Iterable[str]) -> str:
    """"A", "A and B", "A, B and C" ("" for none)."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def did_you_mean(name: str, candidates: Iterable, n: int = 1) -> str:
    """"did you mean 'x'?" naming the (at most ``n``) closest candidates, or "" when none is close."""
    close = difflib.get_close_matches(name, [str(c) for c in candidates], n=n, cutoff=0.6)
    return f"did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def a(word: str) -> str:
    """"a model", "an organisation"."""
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word
