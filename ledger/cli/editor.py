"""`ledger lsp`: the language server for editors, a thin command over ``ledger.lsp``."""

from __future__ import annotations


def lsp() -> None:
    """A language server for editors (LSP over stdin and stdout): the ledger's problems as you type.

    Also hover, go to definition, references, completion and quick fixes. See README, "In your editor"."""
    from ledger.lsp.server import serve  # only this command needs pygls

    serve()
