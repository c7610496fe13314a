"""ledger: a claims ledger for research-report write-ups.

Library API (the CLI is a thin layer over it)::

    from ledger import load_ledger
    result = load_ledger("claims.yaml")
    result.ledger.claims        # id -> typed claim
    result.diagnostics          # every problem, with file:line:col
"""

from .diagnostics import Diagnostic, Location, Severity
from .loader import Ledger, LoadResult, load_ledger

__all__ = ["Diagnostic", "Ledger", "LoadResult", "Location", "Severity", "load_ledger"]
__version__ = "0.1.0"
