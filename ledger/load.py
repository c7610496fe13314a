"""``load_ledger(path)``: read, validate and anchor a ledger; collect every problem.

It never raises on bad data: every problem becomes a :class:`Diagnostic` with a
position, and whatever is valid is still returned so later checks can run.

The pipeline: the ledger's bytes, decoded; for a large ledger, a child process started to
anchor the quotes (``ledger.anchor.strategies.Forked``); the fast reader
(``ledger.read.fast_reader``) or else the reference reader (``ledger.read.yaml_reader``);
validation (``ledger.read.validate``) and anchoring (``ledger.anchor.stage``), section by
section. Where the fast path finds a problem, only the item that holds it is read again by the
reference reader, which keeps every position, to say exactly where (``FastDocument.locate``);
the whole ledger is read again only where the fast path cannot go on (``NotFast``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ledger.anchor.stage import QuoteAnchoring
from ledger.anchor.strategies import Batch, Forked, Sequential
from ledger.core.diagnostics import Diagnostic
from ledger.core.ledger import Ledger, LoadResult
from ledger.core.progress import stage
from ledger.perf.process import no_cycle_collection
from ledger.read.fast_reader import FastDocument, ItemPositions, NotFast, Refused, fast_read
from ledger.read.includes import SetDocument, included_patterns, read_included
from ledger.read.problems import Problems
from ledger.read.ledger_file import read_ledger_bytes, too_large
from ledger.read.validate import Validation
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits, YamlDocument, decode, read_yaml

PARALLEL_MIN_CHARS = 6_000_000  # about 20,000 claims: below this, a child process saves less than it costs


@no_cycle_collection()
def load_ledger(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS, *, data: bytes | None = None,
                files: Mapping[str, bytes] | None = None) -> LoadResult:
    """Read (or take ``data`` as the file's bytes, already read), validate and anchor. A ledger
    that includes other files is read with them (``ledger.read.includes``); ``files``: files of
    its set about to be written (path relative to the ledger's folder -> bytes), read instead
    of what is on disk."""
    path = Path(path)
    shown = str(path)
    stage("reading")
    overrides = dict(files or {})
    if data is None:
        data = overrides.pop(path.name, None)
    raw, problem = _ledger_bytes(path, limits, data)
    if problem:
        return LoadResult(None, [problem])
    text, problem = decode(raw, shown)
    if problem:
        return LoadResult(None, [problem])
    # A large ledger's quotes are anchored by a child process while this one validates. It is
    # made now, while this process is small: forked later, every page of the parsed ledger
    # would be shared, and copied (by the kernel, one fault per page) as soon as either
    # process touched an object on it.
    forked = Forked.start([text]) if len(text) >= PARALLEL_MIN_CHARS else None
    try:
        result = _load(path, text, raw, limits, overrides, forked, fast=True)
    finally:
        if forked is not None:
            forked.close()
    if result is None:  # the fast path could not go on: the reference reader reads it all
        result = _load(path, text, raw, limits, overrides, None, fast=False)
    return result


def _load(path: Path, text: str, raw: bytes, limits: Limits, overrides: Mapping[str, bytes],
          forked: Forked | None, fast: bool) -> LoadResult | None:
    """Load the ledger whose text is ``text``, with the files it includes; with ``fast``, by
    the fast reader where it can (None: it could not go on, read it all again without it)."""
    document: YamlDocument | None = None
    may_read_fast = fast  # the included files too: read again without it, they say where they fail
    if fast:
        read = fast_read(text, limits, raw, str(path)) if len(raw) <= limits.max_bytes else None
        if read is not None:
            document = FastDocument(read, ItemPositions(text))
    if document is None:
        document, problems = read_yaml(text, str(path), limits)
        if document is None:
            return LoadResult(None, problems)
        fast = False
    diagnostics: list[Diagnostic] = []
    strategy, own_child, included = forked or Batch(), None, None
    if included_patterns(document.data) is not None:
        included = read_included(path, text, raw, document, limits, fast=may_read_fast, overrides=overrides)
        document = included.document()
        diagnostics.extend(included.diagnostics)
        fast = fast or any(isinstance(d, FastDocument) for d in document.documents)
        strategy = Batch()  # a child started with the root's text alone knows none of the others
        if fast and sum(map(len, included.texts)) >= PARALLEL_MIN_CHARS:
            own_child = Forked.start(included.texts)
            strategy = own_child or strategy
    try:
        ledger = _validate_and_anchor(document, path, diagnostics, strategy)
    except NotFast:  # the claims could not all be read as the reference reader would
        return None
    except Refused as refused:  # past a limit: what the reference reader says, found in the part at fault
        return LoadResult(None, [refused.diagnostic], included.reads if included is not None else None)
    finally:
        if own_child is not None:
            own_child.close()
    if ledger is None and fast:  # no ledger at all: the reference reader says where
        return None
    if ledger is not None and included is not None:
        ledger.files, ledger.include_reads = document.files, included.reads
    diagnostics.sort(key=Diagnostic.sort_key)
    return LoadResult(ledger, diagnostics, included.reads if included is not None else None)


def _ledger_bytes(path: Path, limits: Limits, data: bytes | None) -> tuple[bytes, Diagnostic | None]:
    """The ledger file's bytes (``data`` if given), or why there are none."""
    if data is None:
        return read_ledger_bytes(path, limits)
    if len(data) > limits.max_bytes:
        return b"", too_large(path, f"{len(data):,} bytes", limits)
    return data, None




def _validate_and_anchor(document: YamlDocument, path: Path, diagnostics: list[Diagnostic],
                         strategy: Sequential) -> Ledger | None:
    """The ledger of what passed, or None when there is no ledger at all; the problems go to
    ``diagnostics``, in the order found. Section by section, in file order: what validation
    hands over is anchored at once, the claims' quotes once every claim is validated."""
    ledger = Ledger(path, document=document)
    problems = Problems(document, str(path), diagnostics)
    validation = Validation(document, ledger, problems)
    stage("validating")
    data = validation.document()
    if data is None:
        return None
    quotes = QuoteAnchoring(ledger, problems, validation.decoded, strategy)
    for source_id, node, quote, skipped in validation.sources(data):
        quotes.passage(source_id, node, quote, skipped)
    for source_id, node, quote, skipped in validation.entities(data):
        quotes.passage(source_id, node, quote, skipped)
    validation.vocabulary(data)
    if isinstance(document, SetDocument):
        cuts = document.cuts
    else:
        cuts = [document.read.starts if isinstance(document, FastDocument) else None]
    for index, claim, node in validation.claims(quotes.watch(validation.claim_chunks(data), cuts)):
        quotes.claim(index, claim, node)
    stage("anchoring")
    quotes.anchor_claims(validation.claim_items)
    validation.reviews(data)
    problems.close()
    return ledger
