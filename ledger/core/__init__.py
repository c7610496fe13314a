"""The domain: the claim model, the loaded ledger, diagnostics, figures and numbers.

Everything else imports from here; this package imports nothing else of ``ledger``.
"""
