"""The model x benchmark matrix, rebuilt from every score claim of the ledger.

A cell holds every score a source gives that model on that benchmark (values as the
sources write them, settings, sources, claim ids). A cell *conflicts* when a conflict of
rule C001 (figures disagree), C002 (words against figures) or C004 (rankings and tallies)
involves one of its score claims.

Rows are benchmarks and columns models (a handful of models, many benchmarks: the table
fits a terminal and a phone), each in the order the ledger's ``entities`` lists them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ledger.check.engine import Conflict
from ledger.output.describe import figure_text
from ledger.core.ledger import Ledger
from ledger.output.visible import visible

MATRIX_RULES = ("C001", "C002", "C004")
CONFLICT_MARK = "!"
LEGEND = (f"{CONFLICT_MARK} = a conflict ({', '.join(MATRIX_RULES)}) involves a score in this cell; "
          "values a / b = sources disagree or report several settings; - = no score")


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

    def text(self, mark: bool = True) -> str:
        shown = " / ".join(self.values)
        return f"{shown} {CONFLICT_MARK}" if mark and self.conflicting else shown


@dataclass
class Matrix:
    models: list[str]
    benchmarks: list[str]
    cells: dict[tuple[str, str], Cell]  # (model, benchmark) -> cell; only cells with scores

    def cell(self, model: str, benchmark: str) -> Cell | None:
        return self.cells.get((model, benchmark))


def build_matrix(ledger: Ledger, conflicts: list[Conflict]) -> Matrix:
    cells: dict[tuple[str, str], Cell] = {}
    for claim in ledger.claims.values():
        if claim.kind != "score":
            continue
        key = (claim.model, claim.benchmark)
        cells.setdefault(key, Cell(claim.model, claim.benchmark)).claims.append(claim)
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
                } for claim in cell.claims],
            })
    return {
        "models": [entity(m) for m in matrix.models],
        "benchmarks": [entity(b) for b in matrix.benchmarks],
        "cells": cells,
        "rules": list(MATRIX_RULES),
        "legend": LEGEND,
    }


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
