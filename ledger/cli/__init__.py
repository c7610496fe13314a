"""The ``ledger`` command line: a thin layer over the library."""

from ledger.cli.app import main

__all__ = ["main"]
