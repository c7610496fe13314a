"""Linking claims to their passages: text folded as an eye reads it (``fold``), quotes found in
their sources and the numbers of a claim found in its quote (``quotes``), and the anchoring
stage of a load (``stage``, A codes) with its strategies (``strategies``: one by one, in one
pass per source, or in a forked child)."""
