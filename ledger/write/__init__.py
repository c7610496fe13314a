"""Writing ledgers and files: the canonical layout (``emit``), where things are in a ledger's
text (``layout``), ``ledger fmt``, text-preserving edits, and atomic files (``files``)."""
