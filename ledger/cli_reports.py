"""CLI commands for reports and exports (report, matrix, export).

Registered on ``ledger.cli.app``; imported at the bottom of ``ledger/cli.py``.
"""
