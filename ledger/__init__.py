"""ledger: a claims ledger for research-report write-ups.

Library API (the CLI is a thin layer over it)::

    from ledger import find_conflicts, load_ledger
    result = load_ledger("claims.yaml")
    result.ledger.claims        # id -> typed claim
    result.diagnostics          # every problem, with file:line:col
    find_conflicts(result.ledger)  # where the claims contradict each other

The names are imported when first used: ``import ledger.cli`` (every run of the program)
imports this package first, and a command that prints the version needs none of them.
"""

from __future__ import annotations

import importlib

from ledger.core.version import __version__

_WHERE = {
    "Conflict": "ledger.check.engine",
    "find_conflicts": "ledger.check.engine",
    "Diagnostic": "ledger.core.diagnostics",
    "Location": "ledger.core.diagnostics",
    "Severity": "ledger.core.diagnostics",
    "Ledger": "ledger.core.ledger",
    "LoadResult": "ledger.core.ledger",
    "load_ledger": "ledger.load",
}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'ledger' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


__all__ = ["Conflict", "Diagnostic", "Ledger", "LoadResult", "Location", "Severity", "__version__",
           "find_conflicts", "load_ledger"]
