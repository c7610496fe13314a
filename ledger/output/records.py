"""Claims as plain records: the JSON contract of ``ledger claims --format json``.

Every record has ``id``, ``kind``, ``source``, ``file``, ``line``, ``column``,
``end_line``, ``end_column``, ``quote``, ``topic``, ``note`` and the claim's typed
fields. Field order is fixed; new keys may be added, existing ones never change
meaning. ``tests/output/test_records.py`` pins it.
"""

from __future__ import annotations

import csv
import io

from ledger.core.ledger import Ledger
from ledger.core.model import Cell
from ledger.output.visible import visible

COMMON = ("id", "kind", "source", "file", "line", "column", "end_line", "end_column", "quote", "topic", "note")
_SELECTORS = ("prefix", "suffix", "occurrence")
_ADDED_LAST = ("cell", "reported")  # a score's ``reported``: false where the source reports no score


def claim_record(ledger: Ledger, claim) -> dict:
    data = claim.model_dump(mode="json", exclude_none=False)
    anchor = ledger.anchors.get(claim.id)
    source = ledger.sources.get(claim.source)
    record = {
        "id": claim.id,
        "kind": claim.kind,
        "source": claim.source,
        "file": source.file if source else None,
        "line": anchor.line if anchor else None,
        "column": anchor.column if anchor else None,
        "end_line": anchor.end_line if anchor else None,
        "end_column": anchor.end_column if anchor else None,
        "quote": claim.quote,
        "topic": data["topic"],
        "note": claim.note,
    }
    for key, value in data.items():
        if key not in record and key not in _SELECTORS and key not in _ADDED_LAST:
            record[key] = value
    # added after the others, in this order: the contract only adds keys
    record.update((key, data[key]) for key in _ADDED_LAST if key in data)
    return record


# The columns of ``ledger claims --format csv`` (and ``ledger export --to csv``): one row per claim,
# the setting split into shots and cot, lists joined with ";", booleans as true/false.
CSV_COLUMNS = (
    "id", "kind", "source", "file", "line", "column", "end_line", "end_column", "quote", "topic", "note",
    "model", "benchmark", "category", "shots", "cot", "metric", "value", "unit",
    "subjects", "relation", "objects", "scope", "rank", "among", "benchmarks", "count", "total",
    "subject", "quantity", "qualifier", "against", "predicate", "object", "polarity", "qualifiers", "words",
    "overall", "within", "capability", "cell", "reported",
)


def csv_row(record: dict) -> dict:
    """A claim record (see :func:`claim_record`) as a row of :data:`CSV_COLUMNS`."""
    row = {}
    for column in CSV_COLUMNS:
        if column in ("shots", "cot"):
            value = (record.get("setting") or {}).get(column)
        elif column == "cell":
            value = cell_words(record.get("cell"))
        else:
            value = record.get(column)
        if isinstance(value, list):
            value = ";".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        row[column] = "" if value is None else value
    return row


def cell_words(cell: dict | None) -> str | None:
    """A record's ``cell`` in words ("table 'Table 2', row 'BFCL', column 'GPT-4o'"), or None."""
    return None if cell is None else Cell.model_validate(cell).describe()


def claims_csv(records) -> str:
    """Claim records (see :func:`claim_record`) as CSV text: a header of :data:`CSV_COLUMNS`,
    then one row each; control characters shown (``visible``), as by every text format."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(record))
    return visible(buffer.getvalue())


def claim_subjects(claim) -> list[str]:
    """Every entity a claim is about (for filtering by model or subject)."""
    return [entity_id for _, entity_id, _ in claim.entity_refs()]


def source_records(ledger: Ledger) -> list[dict]:
    """The sources as ``ledger sources --format json`` prints them (with a claim count)."""
    counts: dict[str, int] = {}
    for claim in ledger.claims.values():
        counts[claim.source] = counts.get(claim.source, 0) + 1
    rows = []
    for source in ledger.sources.values():
        row = source.model_dump(mode="json")
        row["claims"] = counts.get(source.id, 0)
        rows.append(row)
    return rows
