"""The bounds of loading a ledger: those a user may set (``Limits``: ``--max-bytes`` ...) and
the loader's own. They live here, apart from the code they bound, so that what needs only the
numbers (the command line's options, the cache's key) imports neither a parser nor the anchoring.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Safety limits for reading a ledger. Documented in the README."""

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 5_000_000
    max_scalar_chars: int = 100_000


DEFAULT_LIMITS = Limits()
MAX_DIAGNOSTICS = 1_000  # a broken file can hold millions of problems; nobody reads past the first thousand
MAX_CLOSEST_SEARCHES = 200  # fuzzy "closest passage" hints cost a scan of the source each
