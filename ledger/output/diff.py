"""What a change does to a ledger: the claims added, removed and changed (field by field), and
the conflicts that appeared, disappeared or changed, by id. ``ledger diff`` prints it as JSON
(a public contract, pinned by tests/output/test_diff.py) or as Markdown short enough for a
pull-request comment.

A conflict is compared by its id, which names its claims and what each says: the same id is
the same conflict. Its message lists the evidence in the order the ledger gives the claims
(the order a reader finds them in the files), so claims moved to other places or files list
it in another order: that is no change, and :func:`same_message` says so. A message that says
something else (an entity renamed, a primary source that now settles it) is one.
"""

from __future__ import annotations

import json
from collections import Counter

from ledger.check.engine import Conflict
from ledger.core.diagnostics import Severity
from ledger.core.ledger import Ledger
from ledger.output.records import claim_record
from ledger.output.reporters import conflict_record
from ledger.output.visible import visible

DIFF_VERSION = 1
_WHERE = ("line", "column", "end_line", "end_column")  # where a quote is moves with any edit of its source
MARKDOWN_ITEMS = 20  # per list in Markdown; the rest are counted


def _claim(ledger: Ledger, claim) -> dict:
    return {key: value for key, value in claim_record(ledger, claim).items() if key not in _WHERE}


def _conflict(ledger: Ledger, conflict: Conflict) -> dict:
    record = conflict_record(ledger, conflict)
    record["claims"] = [c["id"] for c in record["claims"]]
    return record


_WORD_EDGES = ".;,:"


def _words(message: str) -> Counter:
    return Counter(word.strip(_WORD_EDGES) for word in message.split())


def same_message(old: str, new: str) -> bool:
    """Whether two messages of the same conflict say the same: the same words, in any order
    (the same evidence listed in another order moves its separators with it). Its one blind
    spot: a change that only moves words (a name whose words were swapped) is not one; the
    claims cannot have changed, the id says so."""
    return old == new or _words(old) == _words(new)


def _conflict_changes(was: dict, record: dict) -> dict:
    """The fields of a conflict's record that changed (severity, message, review)."""
    return {key: {"old": was[key], "new": record[key]} for key in ("severity", "message", "review")
            if (not same_message(was[key], record[key]) if key == "message" else was[key] != record[key])}


def ledger_diff(old: Ledger, old_conflicts: list[Conflict], new: Ledger, new_conflicts: list[Conflict],
                old_name: str = "old", new_name: str = "new") -> dict:
    """The difference from ``old`` to ``new``, as plain data (the JSON contract)."""
    before = {cid: _claim(old, claim) for cid, claim in old.claims.items()}
    after = {cid: _claim(new, claim) for cid, claim in new.claims.items()}
    changed = []
    for cid in after:
        if cid in before and before[cid] != after[cid]:
            keys = list(before[cid]) + [k for k in after[cid] if k not in before[cid]]
            fields = {k: {"old": before[cid].get(k), "new": after[cid].get(k)}
                      for k in keys if before[cid].get(k) != after[cid].get(k)}
            changed.append({"id": cid, "fields": fields})
    was = {c.id: _conflict(old, c) for c in old_conflicts}
    now = {c.id: _conflict(new, c) for c in new_conflicts}
    # a conflict whose claims were edited gets a new id: the same rule over the same claims is one changed
    by_claims = {(r["rule"], tuple(sorted(r["claims"]))): cid for cid, r in was.items() if cid not in now}
    conflicts_changed, appeared, renamed = [], [], set()
    for cid, record in now.items():
        if cid in was:
            fields = _conflict_changes(was[cid], record)
            if fields:
                conflicts_changed.append({"id": cid, "old_id": cid, "fields": fields, "conflict": record})
            continue
        old_id = by_claims.get((record["rule"], tuple(sorted(record["claims"]))))
        if old_id is not None and old_id not in renamed:
            renamed.add(old_id)
            fields = {"id": {"old": old_id, "new": cid}}
            fields.update(_conflict_changes(was[old_id], record))
            conflicts_changed.append({"id": cid, "old_id": old_id, "fields": fields, "conflict": record})
        else:
            appeared.append(record)
    disappeared = [r for cid, r in was.items() if cid not in now and cid not in renamed]
    # new by id: appeared, or a changed one under a new id (a verdict on the old id is stale)
    unreviewed = [r["id"] for r in appeared + [c["conflict"] for c in conflicts_changed if c["old_id"] != c["id"]]
                  if r["severity"] == Severity.ERROR.value and r["review"] is None]
    return {
        "version": DIFF_VERSION,
        "old": {"ledger": old_name, "claims": len(before), "conflicts": len(was)},
        "new": {"ledger": new_name, "claims": len(after), "conflicts": len(now)},
        "claims": {"added": [after[c] for c in after if c not in before],
                   "removed": [before[c] for c in before if c not in after],
                   "changed": changed},
        "conflicts": {"appeared": appeared, "disappeared": disappeared, "changed": conflicts_changed},
        "unreviewed_errors": unreviewed,
    }


def diff_json(diff: dict) -> str:
    return json.dumps(diff, indent=2, ensure_ascii=False) + "\n"


def _cell(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = visible(text).replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 120 else text[:117] + "..."


def _listed(lines: list[str], items: list, render) -> None:
    for item in items[:MARKDOWN_ITEMS]:
        lines.append(render(item))
    if len(items) > MARKDOWN_ITEMS:
        lines.append(f"- ... and {len(items) - MARKDOWN_ITEMS} more (`ledger diff --format json` lists them all)")


def diff_markdown(diff: dict) -> str:
    """The difference as Markdown: a summary line, then the conflicts and the claims, each list
    cut after MARKDOWN_ITEMS entries, every value cut at 120 characters."""
    claims, conflicts = diff["claims"], diff["conflicts"]
    lines = [f"### Ledger diff: {diff['old']['ledger']} → {diff['new']['ledger']}", "",
             f"Claims: {len(claims['added'])} added, {len(claims['removed'])} removed, {len(claims['changed'])} changed "
             f"({diff['old']['claims']} → {diff['new']['claims']}). "
             f"Conflicts: {len(conflicts['appeared'])} appeared, {len(conflicts['disappeared'])} disappeared, "
             f"{len(conflicts['changed'])} changed ({diff['old']['conflicts']} → {diff['new']['conflicts']})."]
    if diff["unreviewed_errors"]:
        lines += ["", f"**{len(diff['unreviewed_errors'])} new error-level conflict(s) without a verdict**: "
                  + ", ".join(f"`{c}`" for c in diff["unreviewed_errors"][:MARKDOWN_ITEMS])]

    def conflict(record) -> str:
        verdict = f" [{record['review']['verdict']}]" if record.get("review") else ""
        return f"- `{record['id']}` {record['severity']}{verdict}: {_cell(record['message'])}"

    for title, items, render in (
            ("Conflicts that appeared", conflicts["appeared"], conflict),
            ("Conflicts that disappeared", conflicts["disappeared"], conflict),
            ("Conflicts that changed", conflicts["changed"], lambda c: conflict(c["conflict"]) + (
                f" (was `{c['old_id']}`)" if c["old_id"] != c["id"] else "")),
            ("Claims added", claims["added"], lambda c: f"- `{c['id']}` ({c['kind']}, {c['source']}): {_cell(c['quote'])}"),
            ("Claims removed", claims["removed"], lambda c: f"- `{c['id']}` ({c['kind']}, {c['source']})"),
            ("Claims changed", claims["changed"], lambda c: f"- `{c['id']}`: " + "; ".join(
                f"{name} {_cell(change['old'])} → {_cell(change['new'])}" for name, change in c["fields"].items()))):
        if items:
            lines += ["", f"#### {title} ({len(items)})", ""]
            _listed(lines, items, render)
    if not any(claims.values()) and not any(conflicts.values()):
        lines += ["", "No change to the claims or the conflicts."]
    return "\n".join(lines) + "\n"
