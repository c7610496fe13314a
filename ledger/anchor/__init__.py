"""Linking claims to their passages: text folded as an eye reads it, quotes found in their
sources, and the numbers of a claim found in its quote (A codes)."""
