"""The model x benchmark matrix, rebuilt from every score claim of the ledger.

A cell holds every score a source gives that model on that benchmark (values as the
sources write them, settings, sources, claim ids). A cell *conflicts* when a conflict of
rule C001 (figures disagree), C002 (words against figures), C004 (rankings and tallies) or C010
(a figure where a source reports none) involves one of its score claims. A source's word that it
reports no score (``reported: false``) is no figure: it is not in the matrix.

Rows are benchmarks and columns models (a handful of models, many benchmarks: the table
fits a terminal and a phone), each in the order the ledger's ``entities`` lists them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ledger.check.engine import Conflict
from ledger.check.primaries import primary_sources
from ledger.core.numbers import format_number
from ledger.output.describe import figure_text
from ledger.core.ledger import Ledger
from ledger.output.visible import visible

MATRIX_RULES = ("C001", "C002", "C004", "C010")
CONFLICT_MARK = "!"
LEGEND = (f"{CONFLICT_MARK} = a conflict ({', '.join(MATRIX_RULES)}) involves a score in this cell; "
          "values a / b = sources disagree or report several settings; - = no score; "
          "where a primary source gives a score: its figure, then each other source's deviation from it "
          "(n/c: under another setting)")


@dataclass
class Cell:
    model: str
    benchmark: str
    claims: list = field(default_factory=list)  # the Score claims, in ledger order
    conflicts: list[str] = field(default_factory=list)  # conflict ids, in report order

    @property
    def values(self) -> list[str]:
        """The distinct values, as written, in ledger order."""
        seen: list[str] = []
        for claim in self.claims:
            if claim.value.written not in seen:
                seen.append(claim.value.written)
        return seen

    @property
    def conflicting(self) -> bool:
        return bool(self.conflicts)

    primaries: frozenset = frozenset()  # the ids of the primary sources

    @property
    def primary(self) -> list:
        """The scores a primary source gives (the figures the others are measured against)."""
        return [c for c in self.claims if c.source in self.primaries]

    def deviation(self, claim):
        """A secondary score minus the primary's under a compatible setting (None: no primary
        gives one, or the claim is a primary's)."""
        if claim.source in self.primaries:
            return None
        base = next((p for p in self.primary if p.setting.compatible_with(claim.setting)), None)
        return None if base is None else claim.value.value - base.value.value

    def text(self, mark: bool = True) -> str:
        primary = self.primary
        if primary:  # the primary's figure, then each secondary's deviation from it
            shown = " / ".join(dict.fromkeys(c.value.written for c in primary))
            others = [f"{c.source} {_signed(self.deviation(c))}" for c in self.claims
                      if c.source not in self.primaries]
            shown += f" ({', '.join(others)})" if others else ""
        else:
            shown = " / ".join(self.values)
        return f"{shown} {CONFLICT_MARK}" if mark and self.conflicting else shown


def _signed(deviation) -> str:
    if deviation is None:
        return "n/c"  # not comparable: no primary figure under its setting
    if deviation == 0:
        return "±0"
    return f"+{format_number(deviation)}" if deviation > 0 else format_number(deviation)


@dataclass
class Matrix:
    models: list[str]
    benchmarks: list[str]
    cells: dict[tuple[str, str], Cell]  # (model, benchmark) -> cell; only cells with scores

    def cell(self, model: str, benchmark: str) -> Cell | None:
        return self.cells.get((model, benchmark))


def build_matrix(ledger: Ledger, conflicts: list[Conflict]) -> Matrix:
    cells: dict[tuple[str, str], Cell] = {}
    primaries = frozenset(primary_sources(ledger))
    for claim in ledger.claims.values():
        if claim.kind != "score" or not claim.reported:  # a source's "no score" is no figure: an empty cell
            continue
        key = (claim.model, claim.benchmark)
        cells.setdefault(key, Cell(claim.model, claim.benchmark, primaries=primaries)).claims.append(claim)
    cell_of = {claim.id: key for key, cell in cells.items() for claim in cell.claims}
    for conflict in conflicts:
        if conflict.rule not in MATRIX_RULES:
            continue
        for claim_id in conflict.claims:
            key = cell_of.get(claim_id)
            if key is not None and conflict.id not in cells[key].conflicts:
                cells[key].conflicts.append(conflict.id)
    order = {entity_id: n for n, entity_id in enumerate(ledger.entities)}

    def ordered(ids):  # the order of `entities`; ids it lacks (none, in a valid ledger) last, as first seen
        return sorted(dict.fromkeys(ids), key=lambda i: order.get(i, len(order)))

    models = ordered(m for m, _ in cells)
    benchmarks = ordered(b for _, b in cells)
    return Matrix(models, benchmarks, cells)


def matrix_record(ledger: Ledger, matrix: Matrix) -> dict:
    """The matrix as JSON: ``models``, ``benchmarks`` and one entry per non-empty cell."""
    def entity(entity_id):
        found = ledger.entities.get(entity_id)
        record = {"id": entity_id, "name": ledger.name(entity_id)}
        if found is not None and found.kind.value == "benchmark":
            record.update(category=found.category.value if found.category else None,
                          metric=found.metric, unit=found.unit)
        return record

    cells = []
    for benchmark in matrix.benchmarks:
        for model in matrix.models:
            cell = matrix.cell(model, benchmark)
            if cell is None:
                continue
            cells.append({
                "model": model,
                "benchmark": benchmark,
                "values": [claim.value.as_json() for claim in _distinct(cell.claims)],
                "text": cell.text(mark=False),
                "conflicting": cell.conflicting,
                "conflicts": list(cell.conflicts),
                "claims": [{
                    "id": claim.id,
                    "source": claim.source,
                    "value": claim.value.as_json(),
                    "written": claim.value.written,
                    "setting": claim.setting.model_dump(mode="json"),
                    "metric": claim.metric,
                    "unit": claim.unit,
                    "primary": claim.source in cell.primaries,
                    "deviation": _number(cell.deviation(claim)),
                } for claim in cell.claims],
            })
    return {
        "models": [entity(m) for m in matrix.models],
        "benchmarks": [entity(b) for b in matrix.benchmarks],
        "cells": cells,
        "rules": list(MATRIX_RULES),
        "legend": LEGEND,
    }


def _number(value):
    return None if value is None else (int(value) if value == value.to_integral_value() else float(value))


def _distinct(claims):
    seen, found = set(), []
    for claim in claims:
        if claim.value.written not in seen:
            seen.add(claim.value.written)
            found.append(claim)
    return found


def matrix_rows(ledger: Ledger, matrix: Matrix, mark: bool = True) -> tuple[list[str], list[list[str]]]:
    """A header and rows of text: benchmark name, then one cell per model ("" when empty)."""
    header = ["benchmark"] + [ledger.name(m) for m in matrix.models]
    rows = []
    for benchmark in matrix.benchmarks:
        row = [ledger.name(benchmark)]
        for model in matrix.models:
            cell = matrix.cell(model, benchmark)
            row.append(cell.text(mark) if cell else "")
        rows.append(row)
    return header, rows


def matrix_csv(header: list[str], rows: list[list[str]]) -> str:
    """The matrix's header and rows (:func:`matrix_rows`) as CSV text, control characters
    shown (``visible``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return visible(buffer.getvalue())


def cell_title(ledger: Ledger, cell: Cell) -> str:
    """Which source says what, for a tooltip: "98.1 (spheron, 0-shot); 98.0 (other)"."""
    parts = []
    benchmark = ledger.entities.get(cell.benchmark)
    for claim in cell.claims:
        unit = claim.unit or (benchmark.unit if benchmark else None)
        setting = claim.setting.describe()
        extra = "" if setting == "setting unstated" else f", {setting}"
        parts.append(f"{figure_text(claim.value, unit)} ({claim.source}{extra})")
    return "; ".join(parts)
