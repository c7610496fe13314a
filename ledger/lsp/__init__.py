"""The language server (``ledger lsp``): the ledger checked as it is edited, and the editor's
questions answered from it."""
