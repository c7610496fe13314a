"""Where loading a ledger puts the problems it finds: diagnostics placed at a node of the
document, at most MAX_DIAGNOSTICS of them (the rest are counted, and said to be there)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.core.diagnostics import Diagnostic, Location
from ledger.core.limits import MAX_DIAGNOSTICS

if TYPE_CHECKING:
    from ledger.read.yaml_reader import YamlDocument


class Problems:
    """The diagnostics of one load, in the order found. Every stage of the load (validating,
    anchoring) reports here, so that which problems are kept past the limit depends only on
    the order they were found in."""

    def __init__(self, document: YamlDocument, path: str, diagnostics: list[Diagnostic]) -> None:
        self.doc = document
        self.path = path  # the ledger, as the user named it
        self.diagnostics = diagnostics
        self.dropped = 0

    def room(self) -> bool:
        """Whether one more problem is kept; if not, it is counted as dropped."""
        if len(self.diagnostics) >= MAX_DIAGNOSTICS:
            self.dropped += 1
            return False
        return True

    def at(self, node_path: tuple, code: str, message: str, hint: str = "", related=()) -> None:
        """A problem with the node at ``node_path`` (or its nearest existing ancestor)."""
        if self.room():
            self.diagnostics.append(Diagnostic(self.location(node_path), code, message, hint, tuple(related)))

    def at_key(self, node_path: tuple, code: str, message: str, hint: str = "") -> None:
        """A problem with the key of the node at ``node_path`` (an unknown field)."""
        if self.room():
            line, column = self.doc.locate_key(node_path)
            self.diagnostics.append(Diagnostic(Location(self.file(node_path), line, column), code, message, hint))

    def location(self, node_path: tuple) -> Location:
        return Location(self.file(node_path), *self.doc.locate(node_path))

    def file(self, node_path: tuple) -> str:
        """The file that holds the node: the ledger's, or the included file's."""
        return self.doc.file_of(node_path) or self.path

    def close(self) -> None:
        """Say how many problems were not kept, if any."""
        if self.dropped:
            self.diagnostics.append(Diagnostic(
                self.location(()), "Y009",
                f"{self.dropped:,} more problem(s) not shown", "fix the ones shown first"))
