"""ledger: a claims ledger for research-report write-ups.

Library API (the CLI is a thin layer over it)::

    from ledger import find_conflicts, load_ledger
    result = load_ledger("claims.yaml")
    result.ledger.claims        # id -> typed claim
    result.diagnostics          # every problem, with file:line:col
    find_conflicts(result.ledger)  # where the claims contradict each other
"""

from ledger.check.engine import Conflict, find_conflicts
from ledger.core.diagnostics import Diagnostic, Location, Severity
from ledger.core.ledger import Ledger, LoadResult
from ledger.core.version import __version__
from ledger.load import load_ledger

__all__ = ["Conflict", "Diagnostic", "Ledger", "LoadResult", "Location", "Severity", "__version__",
           "find_conflicts", "load_ledger"]
