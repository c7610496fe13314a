"""CLI commands of the reviewer workflow (schema, add, review, fmt, new-source).

Registered on ``ledger.cli.app``; imported at the bottom of ``ledger/cli.py``.
"""
