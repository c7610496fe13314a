"""Conflict reports in the formats other tools read: json, markdown, github, sarif.

The JSON shape is a public contract (README, "JSON contract"); tests pin it. The ledger's
text reaches them as ``ledger.output.visible`` has it: escaped as JSON escapes it (json,
sarif), control characters shown (markdown, github: a pull request's page, a workflow's log).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from ledger.core.version import __version__
from ledger.check.engine import Conflict
from ledger.core.diagnostics import Severity
from ledger.core.ledger import Ledger
from ledger.output.records import claim_record
from ledger.output.visible import to_json as json_text, visible

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def conflict_record(ledger: Ledger, conflict: Conflict) -> dict:
    review = conflict.review
    return {
        "id": conflict.id,
        "rule": conflict.rule,
        "name": conflict.name,
        "severity": conflict.severity.value,
        "message": conflict.message,
        "within_source": conflict.within_source,
        "sources": sorted({ledger.claims[c].source for c in conflict.claims}),
        "claims": [claim_record(ledger, ledger.claims[c]) for c in conflict.claims],
        "review": None if review is None else review.model_dump(mode="json"),
        "settled_by": list(conflict.settled_by),
        "misreports": list(conflict.misreports),
        "between_primaries": conflict.between_primaries,
    }


def to_json(ledger: Ledger, conflicts: list[Conflict]) -> str:
    return json_text([conflict_record(ledger, c) for c in conflicts])


def to_markdown(ledger: Ledger, conflicts: list[Conflict]) -> str:
    """A pull-request comment: a summary table, then each conflict with its passages."""
    if not conflicts:
        return "### Ledger conflicts\n\nNo conflicts found.\n"
    lines = ["### Ledger conflicts", ""]
    counts = {s: sum(c.severity is s for c in conflicts) for s in Severity}
    unreviewed = sum(c.review is None for c in conflicts)
    lines.append(f"{len(conflicts)} conflict(s): {counts[Severity.ERROR]} error, {counts[Severity.WARNING]} warning, "
                 f"{counts[Severity.INFO]} info; {unreviewed} without a verdict.")
    lines += ["", "| id | severity | rule | verdict | message |", "|---|---|---|---|---|"]
    for c in conflicts:
        verdict = c.review.verdict.value if c.review else "—"
        lines.append(f"| `{c.id}` | {c.severity.value} | {c.name} | {verdict} | {_md_cell(c.message)} |")
    for c in conflicts:
        lines += ["", f"<details><summary><code>{c.id}</code> {c.name}: {_md_cell(c.message)}</summary>", ""]
        for claim_id in c.claims:
            record = claim_record(ledger, ledger.claims[claim_id])
            lines.append(f"- **{claim_id}** ({record['source']}, `{record['file']}:{record['line']}:{record['column']}`)")
            lines.append(f"  > {record['quote']}")
        if c.review:
            lines.append(f"\nVerdict: **{c.review.verdict.value}**" + (f": {c.review.note}" if c.review.note else ""))
        lines += ["", "</details>"]
    return visible("\n".join(lines) + "\n")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_github(ledger: Ledger, conflicts: list[Conflict]) -> str:
    """GitHub Actions workflow commands: one annotation per claim passage of each conflict."""
    out = []
    for c in conflicts:
        for claim_id in c.claims:
            record = claim_record(ledger, ledger.claims[claim_id])
            if record["line"] is None:
                continue
            path = ledger.display_path(record["file"])
            props = (f"file={_gh_prop(path)},line={record['line']},col={record['column']},"
                     f"endLine={record['end_line']},endColumn={record['end_column']},"
                     f"title={_gh_prop(f'{c.id} {c.name}')}")
            out.append(f"::{_GITHUB_LEVEL[c.severity]} {props}::{_gh_data(c.message)}")
        where = ledger.location_of("claims", c.claims[0])
        out.append(f"::{_GITHUB_LEVEL[c.severity]} file={_gh_prop(where.path)},line={where.line},col={where.column},"
                   f"title={_gh_prop(f'{c.id} {c.name}')}::{_gh_data(c.message)}")
    return visible("\n".join(out) + ("\n" if out else ""))


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def to_sarif(ledger: Ledger, conflicts: list[Conflict]) -> str:
    from ledger.check.rules import RULES

    rules = []
    rule_index = {}
    for code, rule in RULES.items():
        rule_index[code] = len(rules)
        doc = (rule.__doc__ or "").strip()
        rules.append({
            "id": code,
            "name": rule.NAME,
            "shortDescription": {"text": doc.splitlines()[0] if doc else rule.NAME},
            "fullDescription": {"text": doc},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.SEVERITY]},
        })
    results = []
    for c in conflicts:
        locations = []
        for claim_id in c.claims:
            record = claim_record(ledger, ledger.claims[claim_id])
            if record["line"] is None:
                continue
            locations.append({
                "physicalLocation": {
                    "artifactLocation": _artifact(record["file"]),
                    "region": {
                        "startLine": record["line"], "startColumn": record["column"],
                        "endLine": record["end_line"], "endColumn": record["end_column"],
                    },
                },
                "message": {"text": f"{claim_id}: {record['quote']}"},
            })
        line, column = ledger.positions[("claims", c.claims[0])]
        claims_location = {
            "physicalLocation": {
                "artifactLocation": _artifact(ledger.relative_file_of("claims", c.claims[0])),
                "region": {"startLine": line, "startColumn": column},
            },
            "message": {"text": f"claim {c.claims[0]}"},
        }
        result = {
            "ruleId": c.rule,
            "ruleIndex": rule_index[c.rule],
            "level": _SARIF_LEVEL[c.severity],
            "message": {"text": c.message},
            "locations": locations[:1] or [claims_location],
            "relatedLocations": [dict(loc, id=n) for n, loc in enumerate(locations[1:] + [claims_location])],
            "partialFingerprints": {"ledgerConflictId": c.id},
            "properties": {"conflictId": c.id, "withinSource": c.within_source,
                           "verdict": c.review.verdict.value if c.review else None,
                           "settledBy": list(c.settled_by), "misreports": list(c.misreports),
                           "betweenPrimaries": c.between_primaries},
        }
        if c.review is not None:
            result["suppressions"] = [{"kind": "external", "justification": c.review.note or c.review.verdict.value,
                                       "status": "accepted"}] if c.review.verdict.value == "dismissed" else []
            if not result["suppressions"]:
                del result["suppressions"]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ledger", "version": __version__, "rules": rules}},
            "originalUriBaseIds": {_ROOT_ID: {"uri": Path(ledger.root).resolve().as_uri().rstrip("/") + "/"}},
            "results": results,
        }],
    }
    return json_text(log)


# Paths in SARIF are relative URIs against the ledger's folder, so a code-scanning
# service run from the repository root resolves them to the files it shows.
_ROOT_ID = "LEDGERROOT"


def _artifact(relative: str) -> dict:
    return {"uri": quote(str(relative).replace("\\", "/")), "uriBaseId": _ROOT_ID}


REPORTERS = {"json": to_json, "markdown": to_markdown, "github": to_github, "sarif": to_sarif}
