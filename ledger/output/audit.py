"""A write-up's fact-check sheet (``ledger audit SOURCE``) as text, JSON and markdown.

The JSON is a public contract (README, "JSON contracts"; pinned by tests/output/test_audit.py):
an array of ``{id, status, primary, message}``, one per claim of the source in the ledger's
order, ``status`` one of agrees, contradicts, partly, unverified, ``primary`` the ids of the
primary claims it was checked against.
"""

from __future__ import annotations

from ledger.check.primaries import STATUSES, Sheet
from ledger.core.ledger import Ledger
from ledger.output.visible import to_json, visible

_MARK = {"agrees": "✓", "contradicts": "✗", "partly": "~", "unverified": "?"}


def audit_records(sheet: Sheet) -> list[dict]:
    return [{"id": row.id, "status": row.status, "primary": list(row.primary), "message": row.message}
            for row in sheet.rows]


def audit_json(sheet: Sheet) -> str:
    return to_json(audit_records(sheet))


def totals_line(sheet: Sheet) -> str:
    totals = sheet.totals
    return f"{sheet.source}: {len(sheet.rows)} claim(s): " + ", ".join(f"{totals[s]} {s}" for s in STATUSES)


def audit_text(ledger: Ledger, sheet: Sheet) -> str:
    """One line per claim (its status, id, where, what it says), the primaries' word under it,
    then the totals."""
    lines = []
    for row in sheet.rows:
        lines.append(f"{row.status:<11} {row.id}  {_where(ledger, row.id)}")
        lines.append(f"            {row.message}")
    lines.append(totals_line(sheet))
    return visible("\n".join(lines) + "\n")


def audit_markdown(ledger: Ledger, sheet: Sheet) -> str:
    """A sheet to publish: the totals, then a table of the claims, each with its passage and
    what the primaries say."""
    source = ledger.sources[sheet.source]
    totals = sheet.totals
    lines = [f"### Fact-check: {_cell(source.title)} ({sheet.source})", "",
             "Every claim of the write-up, checked against the primary sources: "
             + ", ".join(f"**{totals[s]}** {s}" for s in STATUSES) + f" (of {len(sheet.rows)}).", "",
             "| | claim | passage | what the primary says |", "|---|---|---|---|"]
    for row in sheet.rows:
        claim = ledger.claims[row.id]
        lines.append(f"| {_MARK[row.status]} {row.status} | `{row.id}` | {_cell(claim.quote)} "
                     f"({_where(ledger, row.id)}) | {_cell(row.message)} |")
    return visible("\n".join(lines) + "\n")


def _where(ledger: Ledger, claim_id: str) -> str:
    claim = ledger.claims[claim_id]
    anchor = ledger.anchors.get(claim_id)
    file = ledger.sources[claim.source].file
    return f"{file}:{anchor.line}:{anchor.column}" if anchor else file


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
