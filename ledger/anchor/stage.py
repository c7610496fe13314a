"""The anchoring stage of a load: where each quote is in its source (the A codes).

:class:`QuoteAnchoring` takes what validation hands over (``ledger.read.validate``): the
sources' skip quotes, then each valid claim, whose numbers it checks are in its quote
(A003) at once; once all the claims are validated, ``anchor_claims`` anchors their quotes
(A001, A002) with the strategy it was given (``ledger.anchor.strategies``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ledger.anchor.quotes import SourceText, numbers_missing_from_quote
from ledger.anchor.strategies import Batch, OneByOne, Sequential, Valid
from ledger.core.ledger import Ledger, Memoized
from ledger.core.numbers import format_number
from ledger.read.problems import Problems


class QuoteAnchoring:
    """Anchors a ledger's quotes in ``ledger.texts``, which it sets: the sources' texts,
    read into ``decoded`` (source id -> text) as validation goes, each folded when first
    used."""

    def __init__(self, ledger: Ledger, problems: Problems, decoded: dict[str, str],
                 strategy: Sequential | None = None, texts: Mapping[str, SourceText] | None = None) -> None:
        self.decoded = decoded
        # ``texts``: the sources' texts, folded already (the language server keeps them)
        self.texts = ledger.texts = texts if texts is not None else \
            Memoized(decoded, lambda source_id: SourceText.of(decoded[source_id]))
        self.problems = problems
        self.one_by_one = OneByOne(ledger, problems)
        self.strategy = Batch() if strategy is None else strategy
        self.valid: list[Valid] = []

    def passage(self, source_id: str, node: tuple, quote: str, skipped: bool) -> None:
        """A passage of a source given by its quote (at ``node``): one the source skips, or
        one that must simply be there (a footnote's, a scoped alias's)."""
        self.one_by_one.place_passage(source_id, node, quote, skipped)

    def watch(self, chunks: Iterable[list], cuts: list | None = None) -> Iterable[list]:
        """The claims' raw items on their way to validation (the sources are read by now),
        for the strategy to see; ``cuts``: where the fast path cut them in each of the ledger's
        files (``FastRead.starts``, or None), the root first."""
        return self.strategy.watch(chunks, self.decoded, [None] if cuts is None else cuts)

    def claim(self, index: int, claim, node: tuple) -> None:
        """A valid claim, item ``index`` at ``node``: its numbers must be in its quote. One
        whose source has no text is left out (the source's own problem is reported, once)."""
        if claim.source in self.texts:
            for field_name, value in [] if claim.cell is not None else numbers_missing_from_quote(claim.numbers(), claim.quote):
                self.problems.at(node + tuple(field_name.split(".")), "A003",
                                 f"{field_name} {format_number(value)} does not appear in the quote",
                                 "quote the passage that states this number, or correct the number")
            self.valid.append((index, claim, node))

    def anchor_claims(self, items: int) -> None:
        """Anchor the valid claims' quotes, once all ``items`` claim items are validated."""
        self.strategy.anchor(self.valid, items, self.one_by_one)
