"""Which of a ledger's files a writer writes, where the ledger includes others
(``ledger.read.includes``), and where in it a new claim goes.

- a claim goes to the file that already holds its source's claims (else the file of the
  source's entry), among them before the first claim whose passage comes later in the source:
  two branches that add claims about different passages add lines at different places, and
  git merges them;
- a review goes where the review it replaces is, else where the reviews are.
"""

from __future__ import annotations

from pathlib import Path

from ledger.core.fileset import LedgerFiles
from ledger.core.ledger import Ledger


def _holding(files: LedgerFiles, section: str) -> list[int]:
    """The files that hold items of ``section``."""
    starts = files.starts.get(section, [])
    ends = starts[1:] + [float("inf")]
    return [n for n, (start, end) in enumerate(zip(starts, ends)) if end > start and n < len(files)]


def _file(ledger: Ledger, section: str, key: str) -> Path | None:
    node = ledger.nodes.get((section, key))
    if ledger.files is None or node is None:
        return None
    return ledger.root / ledger.files.relative[ledger.files.local(node)[0]] if ledger.files.local(node)[0] \
        else ledger.path


def file_for_claim(ledger: Ledger, source_id: str) -> Path:
    """The file a new claim of ``source_id`` goes to."""
    if ledger.files is None:
        return ledger.path
    last = None
    for claim in ledger.claims.values():
        if claim.source == source_id:
            last = claim.id
    if last is not None:
        return _file(ledger, "claims", last)
    return _file(ledger, "sources", source_id) or ledger.path


def claim_index(ledger: Ledger, file: Path, source_id: str, start: int | None) -> int | None:
    """Where in ``file``'s claims a new claim of ``source_id`` whose passage starts at offset
    ``start`` of the source goes (its index in that file's claims): before the first claim of
    the source, in the file, whose passage starts later; after the source's last claim when
    none does. None: at the end, as in a ledger of one file (its claims keep the order they
    were added in)."""
    if ledger.files is None:
        return None
    following = None
    last_of_source = None
    for claim in ledger.claims.values():
        if claim.source != source_id or _file(ledger, "claims", claim.id) != file:
            continue
        node = ledger.nodes.get(("claims", claim.id))
        if node is None:
            return None
        local = ledger.files.local(node)[1][1]
        anchor = ledger.anchors.get(claim.id)
        if start is not None and anchor is not None and anchor.start > start and following is None:
            following = local
        last_of_source = local
    if following is not None:
        return following
    return None if last_of_source is None else last_of_source + 1


def file_for_review(ledger: Ledger, conflict_id: str) -> Path:
    found = _file(ledger, "reviews", conflict_id)
    if found is not None or ledger.files is None:
        return found or ledger.path
    holding = _holding(ledger.files, "reviews")
    return ledger.path if not holding or 0 in holding else ledger.root / ledger.files.relative[holding[-1]]
