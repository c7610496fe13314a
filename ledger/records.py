"""Claims as plain records: the JSON contract of ``ledger claims --format json``.

Every record has ``id``, ``kind``, ``source``, ``file``, ``line``, ``column``,
``end_line``, ``end_column``, ``quote``, ``topic``, ``note`` and the claim's typed
fields. Field order is fixed; new keys may be added, existing ones never change
meaning. ``tests/test_contract.py`` pins it.
"""

from __future__ import annotations

from .loader import Ledger

COMMON = ("id", "kind", "source", "file", "line", "column", "end_line", "end_column", "quote", "topic", "note")
_SELECTORS = ("prefix", "suffix", "occurrence")


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
        if key not in record and key not in _SELECTORS:
            record[key] = value
    return record


def claim_subjects(claim) -> list[str]:
    """Every entity a claim is about (for filtering by model or subject)."""
    return [entity_id for _, entity_id, _ in claim.entity_refs()]


def claim_benchmark(claim) -> str | None:
    return getattr(claim, "benchmark", None)
