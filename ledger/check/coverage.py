"""Coverage: which sentences and figures of each source no claim covers and no skip explains.

A *figure* is a numeral in the text (outside link addresses). An *assertion*
is a sentence that states something: not a question, not a heading or a bare
label. A figure is covered when some claim's quote spans it; a sentence when
some claim's quote overlaps it. Lines in a source's ``skips`` are left out on
purpose and count as neither present nor missing; so does a sentence inside a
skip's ``quote`` (for a remark that shares its line with assertions).

A source's tables (``ledger.anchor.tables``) are counted cell by cell too: a cell holding a
figure, or a dash or "n/a" (the table's "no result", claimed as a score with ``reported:
false``), is covered when a claim is anchored on it (or a quote spans it); header and label
cells, and cells left empty, are not counted.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ledger.anchor.tables import is_figure, is_placeholder
from ledger.core.ledger import Ledger
from ledger.core.lines import line_ranges

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_ADDRESS = re.compile(r"\]\([^)]*\)|https?://\S+|%\[[^\]]*\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)*]*\s+(?=[\"“*\[(]*[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")


@dataclass
class Sentence:
    line: int
    column: int
    start: int
    end: int
    text: str
    figures: list[tuple[int, str]]  # (offset, numeral)
    is_assertion: bool
    covered: bool = False
    missing_figures: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class SourceCoverage:
    source: str
    file: str
    sentences: list[Sentence] = field(default_factory=list)

    figures_covered: int = 0
    # cells of the source's tables that hold a figure: (line, column, text) of those no claim covers
    cells_present: int = 0
    cells_missing: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def figures_present(self) -> int:
        return sum(len(s.figures) for s in self.sentences)

    @property
    def assertions(self) -> list[Sentence]:
        return [s for s in self.sentences if s.is_assertion or s.figures]

    @property
    def uncovered(self) -> list[Sentence]:
        return [s for s in self.assertions if not s.covered or s.missing_figures]

    def to_json(self) -> dict:
        assertions = self.assertions
        return {
            "source": self.source,
            "file": self.file,
            "figures": {"covered": self.figures_covered, "present": self.figures_present},
            "sentences": {"covered": sum(s.covered for s in assertions), "present": len(assertions)},
            "cells": {"covered": self.cells_present - len(self.cells_missing), "present": self.cells_present},
            "uncovered": [
                {"line": s.line, "column": s.column, "text": s.text,
                 "figures_not_covered": [f for _, f in s.missing_figures]}
                for s in self.uncovered
            ],
        }


def source_coverage(ledger: Ledger, source_id: str) -> SourceCoverage:
    source = ledger.sources[source_id]
    text_info = ledger.texts[source_id]
    text = text_info.text
    skipped = set()
    for skip in source.skips:
        if skip.lines:
            skipped.update(range(skip.lines[0], skip.lines[1] + 1))
    skipped_passages = [(a.start, a.end) for a in ledger.skipped.get(source_id, [])]
    spans = sorted((a.start, a.end) for cid, a in ledger.anchors.items() if ledger.claims[cid].source == source_id)
    starts = [s for s, _ in spans]
    # the furthest end reached by any span starting at or before each index: O(log n) coverage queries
    reach, furthest = [], -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)

    def covered(start: int, end: int) -> bool:
        i = bisect_left(starts, end) - 1  # last span starting before `end`
        return i >= 0 and reach[i] > start

    result = SourceCoverage(source_id, source.file)
    for table in text_info.tables:
        for cell in table.cells():
            if cell.header or not cell.text.strip() or not (
                    any(char.isdigit() for char in cell.text) and is_figure(cell.text) or is_placeholder(cell.text)):
                continue
            if cell.line in skipped or any(a <= cell.start and cell.end <= b for a, b in skipped_passages):
                continue
            result.cells_present += 1
            if not covered(cell.start, cell.end):
                result.cells_missing.append((cell.line, cell.column, cell.text))
    for number, (offset, end) in enumerate(line_ranges(text), start=1):  # lines as the anchors count them
        body = text[offset:end]
        if number not in skipped and body.strip():
            for sentence in _sentences(body, number, offset):
                if any(start <= sentence.start and sentence.end <= end for start, end in skipped_passages):
                    continue
                sentence.covered = covered(sentence.start, sentence.end)
                missing = [(o, f) for o, f in sentence.figures if not covered(o, o + len(f))]
                sentence.missing_figures = missing
                result.figures_covered += len(sentence.figures) - len(missing)
                result.sentences.append(sentence)
    return result


def _sentences(body: str, number: int, offset: int):
    addresses = [(m.start(), m.end()) for m in _ADDRESS.finditer(body)]
    cuts = [0] + [m.end() for m in _SENTENCE_END.finditer(body)] + [len(body)]
    for start, end in zip(cuts, cuts[1:]):
        piece = body[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = start + (len(piece) - len(piece.lstrip()))
        figures = [(offset + start + m.start(), m.group()) for m in _FIGURE.finditer(piece)
                   if not any(a <= start + m.start() < b for a, b in addresses)]
        yield Sentence(number, lead + 1, offset + lead, offset + start + len(piece.rstrip()), stripped,
                       figures, _is_assertion(stripped))


def _is_assertion(sentence: str) -> bool:
    plain = _ADDRESS.sub("", sentence).strip(" *#-•>")
    if not plain or plain.endswith("?") or plain.startswith("!["):
        return False
    words = _WORD.findall(plain)
    if sentence.lstrip().startswith("#"):
        return False
    return len(words) >= 6 or (len(words) >= 3 and plain[-1:] in ".!:")


def coverage(ledger: Ledger, sources: list[str] | None = None) -> list[SourceCoverage]:
    return [source_coverage(ledger, s) for s in (sources or ledger.sources) if s in ledger.texts]
