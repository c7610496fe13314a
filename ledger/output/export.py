"""The ledger in the formats other tools read: JSON, CSV, SQLite, W3C Web Annotations
and Hugging Face ``model-index`` YAML.

Each ``to_*`` function returns the export as text (or, for SQLite, fills a database
file); :func:`export` writes any of them atomically (:mod:`ledger.write.files`): a temporary
file in the target's folder, then ``os.replace``, so a failed export leaves no partial file.

Claims and conflicts keep the shapes of the CLI's JSON contracts
(:func:`ledger.records.claim_record`, :func:`ledger.reporters.conflict_record`).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import yaml

from ledger.write.files import WriteError, ledger_files, write_atomic
from ledger.check.engine import Conflict
from ledger.check.primaries import settlement_line
from ledger.output.describe import describe
from ledger.core.ledger import Ledger
from ledger.output.records import claim_record, claims_csv, source_records
from ledger.output.reporters import conflict_record
from ledger.output.visible import obeyed, to_json as json_text

FORMATS = ("json", "csv", "sqlite", "annotations", "model-index")
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix/suffix length of a TextQuoteSelector


# ------------------------------------------------------------------ json

def to_json_data(ledger: Ledger, conflicts: list[Conflict]) -> dict:
    return {
        "sources": source_records(ledger),
        "entities": [entity.model_dump(mode="json") for entity in ledger.entities.values()],
        "claims": [claim_record(ledger, claim) for claim in ledger.claims.values()],
        "conflicts": [conflict_record(ledger, conflict) for conflict in conflicts],
    }


def to_json(ledger: Ledger, conflicts: list[Conflict]) -> str:
    return json_text(to_json_data(ledger, conflicts))


# ------------------------------------------------------------------ csv

def to_csv(ledger: Ledger, conflicts: list[Conflict] | None = None) -> str:
    """One row per claim, the columns of ``ledger claims --format csv``."""
    return claims_csv(claim_record(ledger, claim) for claim in ledger.claims.values())


# ------------------------------------------------------------------ sqlite

# Lists are stored as JSON text (query them with json_each); booleans as 0/1.
SQLITE_SCHEMA = """
CREATE TABLE sources (
  id TEXT PRIMARY KEY, file TEXT NOT NULL, title TEXT NOT NULL, authors TEXT NOT NULL,
  publisher TEXT, published TEXT, url TEXT, kind TEXT NOT NULL, sha256 TEXT NOT NULL,
  claims INTEGER NOT NULL, role TEXT NOT NULL, footnotes TEXT NOT NULL
);
CREATE TABLE entities (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL,
  family TEXT REFERENCES entities(id), category TEXT, metric TEXT, unit TEXT,
  part_of TEXT REFERENCES entities(id)
);
CREATE TABLE claims (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, source TEXT NOT NULL REFERENCES sources(id),
  file TEXT, line INTEGER, "column" INTEGER, end_line INTEGER, end_column INTEGER,
  start_offset INTEGER, end_offset INTEGER,
  quote TEXT NOT NULL, topic TEXT NOT NULL, note TEXT, description TEXT NOT NULL,
  model TEXT REFERENCES entities(id), benchmark TEXT REFERENCES entities(id), category TEXT,
  shots INTEGER, cot INTEGER, metric TEXT, value REAL, value_text TEXT, unit TEXT,
  subjects TEXT, relation TEXT, objects TEXT, scope TEXT, rank TEXT, among TEXT, benchmarks TEXT,
  count INTEGER, total INTEGER, subject TEXT REFERENCES entities(id), quantity TEXT, qualifier TEXT,
  against TEXT REFERENCES entities(id), predicate TEXT, object TEXT, polarity INTEGER,
  qualifiers TEXT, words TEXT, record TEXT NOT NULL,
  overall INTEGER, within TEXT REFERENCES entities(id), capability TEXT,
  cell_table, cell_row TEXT, cell_column TEXT,  -- cell_table: a caption's words (text) or a position (integer)
  reported INTEGER  -- a score's: 0 where the source reports no score (value NULL); NULL for other kinds
);
CREATE TABLE claim_entities (
  claim_id TEXT NOT NULL REFERENCES claims(id), role TEXT NOT NULL, position INTEGER NOT NULL,
  entity_id TEXT NOT NULL REFERENCES entities(id),
  PRIMARY KEY (claim_id, role, position)
);
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY, rule TEXT NOT NULL, name TEXT NOT NULL, severity TEXT NOT NULL,
  message TEXT NOT NULL, within_source INTEGER NOT NULL, sources TEXT NOT NULL, verdict TEXT,
  settled_by TEXT NOT NULL, misreports TEXT NOT NULL, between_primaries INTEGER NOT NULL
);
CREATE TABLE conflict_claims (
  conflict_id TEXT NOT NULL REFERENCES conflicts(id), claim_id TEXT NOT NULL REFERENCES claims(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (conflict_id, position)
);
CREATE TABLE conflict_settlements (
  conflict_id TEXT NOT NULL REFERENCES conflicts(id), role TEXT NOT NULL, position INTEGER NOT NULL,
  claim_id TEXT NOT NULL REFERENCES claims(id),
  PRIMARY KEY (conflict_id, role, position)
);
CREATE TABLE verdicts (
  conflict_id TEXT PRIMARY KEY, verdict TEXT NOT NULL, note TEXT, evidence TEXT, reviewer TEXT,
  stale INTEGER NOT NULL
);
CREATE INDEX claims_by_source ON claims(source);
CREATE INDEX claims_by_kind ON claims(kind);
CREATE INDEX claims_by_model_benchmark ON claims(model, benchmark);
CREATE INDEX claim_entities_by_entity ON claim_entities(entity_id);
CREATE INDEX conflict_claims_by_claim ON conflict_claims(claim_id);
CREATE INDEX conflict_settlements_by_claim ON conflict_settlements(claim_id);
CREATE VIEW scores AS
  SELECT c.id AS claim_id, c.source, m.name AS model, b.name AS benchmark, c.value_text AS value,
         c.shots, c.cot, c.quote,
         EXISTS (SELECT 1 FROM conflict_claims cc JOIN conflicts k ON k.id = cc.conflict_id
                 WHERE cc.claim_id = c.id AND k.rule IN ('C001', 'C002', 'C004')) AS conflicting
  FROM claims c JOIN entities m ON m.id = c.model JOIN entities b ON b.id = c.benchmark
  WHERE c.kind = 'score' AND c.reported;
"""

_CLAIM_COLUMNS = (
    "id", "kind", "source", "file", "line", "column", "end_line", "end_column", "start_offset", "end_offset",
    "quote", "topic", "note", "description", "model", "benchmark", "category", "shots", "cot", "metric",
    "value", "value_text", "unit", "subjects", "relation", "objects", "scope", "rank", "among", "benchmarks",
    "count", "total", "subject", "quantity", "qualifier", "against", "predicate", "object", "polarity",
    "qualifiers", "words", "record", "overall", "within", "capability", "cell_table", "cell_row", "cell_column",
    "reported",
)


def _sql_value(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def _claim_row(ledger: Ledger, claim) -> tuple:
    record = claim_record(ledger, claim)
    anchor = ledger.anchors.get(claim.id)
    setting = record.get("setting") or {}
    cell = record.get("cell") or {}
    row = {column: _sql_value(record.get(column)) for column in _CLAIM_COLUMNS}
    row.update(
        start_offset=anchor.start if anchor else None,
        end_offset=anchor.end if anchor else None,
        description=describe(ledger, claim),
        shots=setting.get("shots"),
        cot=_sql_value(setting.get("cot")),
        value_text=str(claim.value) if getattr(claim, "value", None) is not None else None,
        record=json.dumps(record, ensure_ascii=False),
        cell_table=cell.get("table"),
        cell_row=_sql_value(cell.get("row")),
        cell_column=_sql_value(cell.get("column")),
    )
    return tuple(row[column] for column in _CLAIM_COLUMNS)


def to_sqlite(ledger: Ledger, conflicts: list[Conflict], path: str | Path) -> None:
    """Fill the (new, empty) SQLite database file at ``path``."""
    connection = sqlite3.connect(str(path))
    try:
        connection.executescript(SQLITE_SCHEMA)
        with connection:
            connection.executemany(
                "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(s["id"], s["file"], s["title"], json.dumps(s["authors"], ensure_ascii=False), s["publisher"],
                  s["published"], s["url"], s["kind"], s["sha256"], s["claims"], s["role"],
                  json.dumps(s["footnotes"], ensure_ascii=False)) for s in source_records(ledger)])
            connection.executemany(
                "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(e.id, e.kind.value, e.name, json.dumps(e.model_dump(mode="json")["aliases"], ensure_ascii=False), e.family,
                  e.category.value if e.category else None, e.metric, e.unit, e.part_of)
                 for e in ledger.entities.values()])
            columns = ", ".join(f'"{c}"' for c in _CLAIM_COLUMNS)
            marks = ", ".join("?" for _ in _CLAIM_COLUMNS)
            connection.executemany(f"INSERT INTO claims ({columns}) VALUES ({marks})",
                                   [_claim_row(ledger, claim) for claim in ledger.claims.values()])
            links = []
            for claim in ledger.claims.values():
                for path_, entity_id, _ in claim.entity_refs():
                    role = path_[0]
                    position = path_[1] if len(path_) > 1 else 0
                    if entity_id in ledger.entities:
                        links.append((claim.id, role, position, entity_id))
            connection.executemany("INSERT OR IGNORE INTO claim_entities VALUES (?, ?, ?, ?)", links)
            connection.executemany(
                "INSERT INTO conflicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(c.id, c.rule, c.name, c.severity.value, c.message, int(c.within_source),
                  json.dumps(sorted({ledger.claims[i].source for i in c.claims})),
                  c.review.verdict.value if c.review else None, json.dumps(list(c.settled_by)),
                  json.dumps(list(c.misreports)), int(c.between_primaries)) for c in conflicts])
            connection.executemany(
                "INSERT INTO conflict_settlements VALUES (?, ?, ?, ?)",
                [(c.id, role, n, claim_id) for c in conflicts
                 for role, ids in (("settled_by", c.settled_by), ("misreports", c.misreports))
                 for n, claim_id in enumerate(ids)])
            connection.executemany(
                "INSERT INTO conflict_claims VALUES (?, ?, ?)",
                [(c.id, claim_id, n) for c in conflicts for n, claim_id in enumerate(c.claims)])
            found = {c.id for c in conflicts}
            connection.executemany(
                "INSERT OR IGNORE INTO verdicts VALUES (?, ?, ?, ?, ?, ?)",
                [(r.conflict, r.verdict.value, r.note, r.evidence, r.reviewer, int(r.conflict not in found))
                 for r in ledger.reviews])
    finally:
        connection.close()


# ------------------------------------------------------------------ W3C Web Annotations

def quote_selector(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> dict:
    """A TextQuoteSelector for ``text[start:end]`` with up to ``chars`` characters around it."""
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - chars):start],
        "suffix": text[end:end + chars],
    }


def _unique_context(text: str, start: int, end: int) -> int:
    """How much context a table cell's selector needs to be found once: a quote was checked unique
    with its own context when anchored, a cell was not, and a table repeats runs of cells ("86.0 |
    88.6" in two rows of the model card): the context doubles until the selector is unique."""
    chars = CONTEXT_CHARS
    while start - chars > 0 or end + chars < len(text):
        needle = text[max(0, start - chars):end + chars]
        first = text.find(needle)
        if text.find(needle, first + 1) < 0:
            break
        chars *= 2
    return chars


def _target(ledger: Ledger, claim_id: str) -> dict | None:
    claim = ledger.claims[claim_id]
    anchor = ledger.anchors.get(claim_id)
    source_text = ledger.texts.get(claim.source)
    if anchor is None or source_text is None:
        return None
    chars = _unique_context(source_text.text, anchor.start, anchor.end) if claim.cell is not None else CONTEXT_CHARS
    return {
        "type": "SpecificResource",
        "source": ledger.sources[claim.source].file,
        "selector": [
            quote_selector(source_text.text, anchor.start, anchor.end, chars),
            {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
        ],
    }


def claim_annotation(ledger: Ledger, claim, conflicts_of: dict[str, list[str]],
                     misreported: frozenset[str] = frozenset()) -> dict:
    record = claim_record(ledger, claim)
    body = [
        {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "language": "en",
         "value": describe(ledger, claim)},
        {"type": "TextualBody", "purpose": "tagging", "value": claim.kind},
        {"type": "TextualBody", "purpose": "tagging", "value": record["topic"]},
        {"type": "TextualBody", "purpose": "describing", "format": "application/json",
         "value": json.dumps(record, ensure_ascii=False)},
    ]
    if claim.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": claim.note})
    if claim.id in misreported:  # a primary contradicts it (the conflict's annotation says which)
        body.append({"type": "TextualBody", "purpose": "tagging", "value": "misreport"})
    annotation = {
        "id": f"urn:ledger:claim:{claim.id}",
        "type": "Annotation",
        "motivation": "describing",
        "body": body,
        "target": _target(ledger, claim.id),
    }
    if conflicts_of.get(claim.id):
        annotation["seeAlso"] = [f"urn:ledger:conflict:{c}" for c in conflicts_of[claim.id]]
    return annotation


def conflict_annotation(ledger: Ledger, conflict: Conflict) -> dict:
    body = [{"type": "TextualBody", "purpose": "assessing", "format": "text/plain", "language": "en",
             "value": conflict.message},
            {"type": "TextualBody", "purpose": "tagging", "value": f"{conflict.rule} {conflict.name}"},
            {"type": "TextualBody", "purpose": "tagging", "value": conflict.severity.value}]
    if conflict.review is not None:
        text = conflict.review.verdict.value + (f": {conflict.review.note}" if conflict.review.note else "")
        body.append({"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": text})
    body += _settlement_bodies(ledger, conflict)
    targets = [t for t in (_target(ledger, c) for c in conflict.claims) if t is not None]
    return {
        "id": f"urn:ledger:conflict:{conflict.id}",
        "type": "Annotation",
        "motivation": "assessing",
        "body": body,
        "target": targets,
    }


def _settlement_bodies(ledger: Ledger, conflict: Conflict) -> list[dict]:
    """Who is right, as the model has room for it: tags ("settled", "misreport: <claim id>",
    "between-primaries"), the sentence ``ledger conflicts`` prints, and the passages of the primary
    claims that settle the conflict as bodies whose purpose is "assessing" (the evidence). The
    targets stay the conflict's passages in claim order: a target has no purpose to mark the wrong one."""
    said = settlement_line(ledger, conflict)
    if not said:
        return []
    tags = ["between-primaries"] if conflict.between_primaries else (
        ["settled"] + [f"misreport: {claim_id}" for claim_id in conflict.misreports])
    bodies = [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags]
    bodies.append({"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "language": "en",
                   "value": said})
    for claim_id in conflict.settled_by:
        evidence = _target(ledger, claim_id)
        if evidence is not None:
            bodies.append({**evidence, "purpose": "assessing"})
    return bodies


def to_annotations_data(ledger: Ledger, conflicts: list[Conflict]) -> dict:
    """An AnnotationCollection with one AnnotationPage: one "describing" Annotation per claim
    (in ledger order), then one "assessing" Annotation per conflict, targeting its passages."""
    conflicts_of: dict[str, list[str]] = {}
    for conflict in conflicts:
        for claim_id in conflict.claims:
            conflicts_of.setdefault(claim_id, []).append(conflict.id)
    misreported = frozenset(claim_id for conflict in conflicts for claim_id in conflict.misreports)
    items = [claim_annotation(ledger, claim, conflicts_of, misreported) for claim in ledger.claims.values()]
    items += [conflict_annotation(ledger, conflict) for conflict in conflicts]
    return {
        "@context": ANNO_CONTEXT,
        "id": "urn:ledger:annotations",
        "type": "AnnotationCollection",
        "label": f"Claims of {ledger.path.name}",
        "total": len(items),
        "first": {
            "id": "urn:ledger:annotations:page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def to_annotations(ledger: Ledger, conflicts: list[Conflict]) -> str:
    return json_text(to_annotations_data(ledger, conflicts))


# ------------------------------------------------------------------ Hugging Face model-index

def to_model_index_data(ledger: Ledger, conflicts: list[Conflict] | None = None) -> dict:
    """``{"model-index": [...]}``: one entry per model with scores, one result per score claim."""
    by_model: dict[str, list] = {}
    for claim in ledger.claims.values():
        if claim.kind == "score" and claim.reported:  # "no score" is no result of the model
            by_model.setdefault(claim.model, []).append(claim)
    order = {entity_id: n for n, entity_id in enumerate(ledger.entities)}
    entries = []
    for model in sorted(by_model, key=lambda m: order.get(m, len(order))):
        results = []
        for claim in by_model[model]:
            benchmark = ledger.entities.get(claim.benchmark)
            source = ledger.sources[claim.source]
            metric_type = claim.metric or (benchmark.metric if benchmark else None) or "score"
            setting = claim.setting.describe()
            metric_name = f"{ledger.name(claim.benchmark)} {metric_type}"
            if setting != "setting unstated":
                metric_name += f" ({setting})"
            dataset = {"name": ledger.name(claim.benchmark), "type": claim.benchmark}
            args = {}  # as the Open LLM Leaderboard's cards write the few-shot setting
            if claim.setting.shots is not None:
                args["num_few_shot"] = claim.setting.shots
            if claim.setting.cot is not None:
                args["chain_of_thought"] = claim.setting.cot
            if args:
                dataset["args"] = args
            results.append({
                "task": {"type": "text-generation"},
                "dataset": dataset,
                "metrics": [{"type": metric_type, "value": claim.value.as_json(), "name": metric_name,
                             "verified": False}],
                "source": {"name": source.title, "url": source.url or source.file},
            })
        entries.append({"name": ledger.name(model), "results": results})
    return {"model-index": entries}


def to_model_index(ledger: Ledger, conflicts: list[Conflict] | None = None) -> str:
    data = to_model_index_data(ledger)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    if obeyed(text):  # YAML writes NEL and bidi overrides raw: then escape every non-ASCII character
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=100)
    return text


# ------------------------------------------------------------------ writing

_TEXT = ("json", "csv", "annotations", "model-index")


def render(fmt: str, ledger: Ledger, conflicts: list[Conflict]) -> str:
    """The export as text (every format but sqlite)."""
    renderers = {"json": to_json, "csv": to_csv, "annotations": to_annotations, "model-index": to_model_index}
    if fmt not in renderers:
        raise ValueError(f"{fmt!r} is not a text format; the text formats are {', '.join(_TEXT)}")
    return renderers[fmt](ledger, conflicts)


def export(fmt: str, ledger: Ledger, conflicts: list[Conflict], path: str | Path) -> Path:
    """Write the export to ``path`` atomically; raises :class:`ledger.write.files.WriteError`,
    also when ``path`` is the ledger, one of its sources, a link, a pipe or a device."""
    protected = ledger_files(ledger)
    if fmt == "sqlite":
        try:
            return write_atomic(path, writer=lambda temp: to_sqlite(ledger, conflicts, temp), protected=protected)
        except sqlite3.Error as error:
            raise WriteError(f"cannot write {path}: {error}") from None
    if fmt not in _TEXT:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return write_atomic(path, render(fmt, ledger, conflicts), protected=protected)
