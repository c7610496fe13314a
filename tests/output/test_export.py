"""Exports (ledger/output/export.py): each format, written by `ledger export`, read back by
the tool that would consume it; a failed export leaves no partial file."""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter

import pytest
import yaml

from ledger.output import export as export_module
from ledger.write.files import WriteError
from tests.conftest import copy_shipped, loaded, run, run_json


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    return copy_shipped(tmp_path_factory.mktemp("shipped"))


def export_to(ledger_path, fmt, target):
    result = run("export", "--ledger", ledger_path, "--to", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output
    return target


# ------------------------------------------------------------------ json

@pytest.mark.parametrize("which", ["small", "shipped"])
def test_json_round_trip_equals_the_cli_contracts(which, small, shipped, tmp_path):
    ledger_path = small if which == "small" else shipped
    data = json.loads(export_to(ledger_path, "json", tmp_path / "ledger.json").read_text(encoding="utf-8"))
    assert list(data) == ["sources", "entities", "claims", "conflicts"]
    assert data["claims"] == run_json("claims", "-l", ledger_path, "-f", "json")
    assert data["conflicts"] == run_json("conflicts", "-l", ledger_path, "-f", "json")
    assert data["sources"] == run_json("sources", "-l", ledger_path, "-f", "json")
    lg, _ = loaded(ledger_path)
    assert [e["id"] for e in data["entities"]] == list(lg.entities)
    if which == "small":
        [reviewed] = [c for c in data["conflicts"] if c["review"]]
        assert reviewed["review"]["verdict"] == "confirmed"


# ------------------------------------------------------------------ csv

def test_csv_is_the_claims_csv(shipped, tmp_path):
    exported = export_to(shipped, "csv", tmp_path / "claims.csv").read_text(encoding="utf-8")
    assert exported == run("claims", "-l", shipped, "-f", "csv").output
    assert exported.count("\n") == 1 + len(loaded(shipped)[0].claims)


# ------------------------------------------------------------------ sqlite

def test_sqlite_tables_keys_and_queries(small, tmp_path):
    db = export_to(small, "sqlite", tmp_path / "ledger.db")
    lg, conflicts = loaded(small)
    connection = sqlite3.connect(db)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        assert tables >= {"sources", "entities", "claims", "claim_entities", "conflicts", "conflict_claims",
                          "verdicts", "scores"}
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        pk = {row[1] for row in connection.execute("PRAGMA table_info(claims)") if row[5]}
        assert pk == {"id"}
        fks = {(row[3], row[2]) for row in connection.execute("PRAGMA foreign_key_list(claims)")}
        assert ("source", "sources") in fks and ("model", "entities") in fks

        by_kind = dict(connection.execute("SELECT kind, count(*) FROM claims GROUP BY kind"))
        assert by_kind == dict(Counter(c.kind for c in lg.claims.values()))

        joined = connection.execute(
            "SELECT k.id, cl.id, cc.position FROM conflicts k "
            "JOIN conflict_claims cc ON cc.conflict_id = k.id JOIN claims cl ON cl.id = cc.claim_id").fetchall()
        assert set(joined) == {(c.id, claim_id, n) for c in conflicts for n, claim_id in enumerate(c.claims)}

        row = connection.execute("SELECT value, value_text, shots, cot, quote, start_offset, end_offset, record "
                                 "FROM claims WHERE id = 'x-a2'").fetchone()
        assert row[0] == pytest.approx(88.6) and row[1] == "88.60"
        source_text = lg.texts["two"].text
        assert source_text[row[5]:row[6]] == "Model A scores 88.60 on Bench X"
        assert json.loads(row[7])["id"] == "x-a2"
        subjects = connection.execute("SELECT subjects FROM claims WHERE id = 'par'").fetchone()[0]
        assert json.loads(subjects) == ["model-a"]
        roles = connection.execute("SELECT role, position, entity_id FROM claim_entities WHERE claim_id = 'par' "
                                   "ORDER BY role, position").fetchall()
        assert roles == [("benchmark", 0, "bench-y"), ("objects", 0, "model-b"), ("subjects", 0, "model-a")]

        [verdict] = connection.execute("SELECT conflict_id, verdict, note, stale FROM verdicts").fetchall()
        assert verdict[1:] == ("confirmed", "checked <here>", 0)
        assert connection.execute("SELECT verdict FROM conflicts WHERE id = ?", (verdict[0],)).fetchone() == ("confirmed",)
        scores = connection.execute("SELECT model, benchmark, value, conflicting FROM scores WHERE claim_id = 'y-a'").fetchone()
        assert scores == ("Model A", "Bench Y", "70.0", 1)
    finally:
        connection.close()


def test_sqlite_of_the_shipped_ledger(shipped, tmp_path):
    db = export_to(shipped, "sqlite", tmp_path / "shipped.db")
    lg, conflicts = loaded(shipped)
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("SELECT count(*) FROM claims").fetchone()[0] == len(lg.claims)
        assert connection.execute("SELECT count(*) FROM conflicts").fetchone()[0] == len(conflicts)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        needle = connection.execute(
            "SELECT DISTINCT k.id FROM conflicts k JOIN conflict_claims cc ON cc.conflict_id = k.id "
            "JOIN claims c ON c.id = cc.claim_id WHERE c.kind = 'score' AND c.benchmark = 'nih-multi-needle' "
            "AND c.source = 'spheron'").fetchall()
        assert needle
    finally:
        connection.close()


# ------------------------------------------------------------------ W3C Web Annotations

def _occurrences(text: str, needle: str) -> int:
    count, start = 0, text.find(needle)
    while start >= 0:
        count += 1
        start = text.find(needle, start + 1)
    return count


@pytest.mark.parametrize("which", ["small", "shipped"])
def test_annotation_selectors_re_anchor(which, small, shipped, tmp_path):
    ledger_path = small if which == "small" else shipped
    lg, conflicts = loaded(ledger_path)
    data = json.loads(export_to(ledger_path, "annotations", tmp_path / "anno.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["first"]["type"] == "AnnotationPage"
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(lg.claims) + len(conflicts)
    describing = [a for a in items if a["motivation"] == "describing"]
    assert [a["id"] for a in describing] == [f"urn:ledger:claim:{c}" for c in lg.claims]
    assert len([a for a in items if a["motivation"] == "assessing"]) == len(conflicts)
    texts = {s.file: lg.texts[s.id].text for s in lg.sources.values()}
    checked = 0
    for annotation in items:
        assert annotation["type"] == "Annotation" and annotation["id"].startswith("urn:ledger:")
        assert any(b["type"] == "TextualBody" and b.get("format") == "text/plain" for b in annotation["body"])
        targets = annotation["target"] if isinstance(annotation["target"], list) else [annotation["target"]]
        for target in targets:
            text = texts[target["source"]]
            quote, position = target["selector"]
            assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
            start, end = position["start"], position["end"]
            assert text[start:end] == quote["exact"]
            if len(quote["prefix"]) > 32 or len(quote["suffix"]) > 32:  # a table cell whose 32 are not enough
                assert _occurrences(text, text[max(0, start - 32):end + 32]) > 1
            assert text[start - len(quote["prefix"]):start] == quote["prefix"]
            assert text[end:end + len(quote["suffix"])] == quote["suffix"]
            assert _occurrences(text, quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
            checked += 1
    assert checked >= len(lg.claims)
    if which == "small":
        [record] = [json.loads(b["value"]) for a in describing if a["id"].endswith(":markup")
                    for b in a["body"] if b.get("format") == "application/json"]
        assert record["quote"].startswith("Model B says <script>")


# ------------------------------------------------------------------ model-index

def test_model_index_carries_every_score(shipped, tmp_path):
    lg, _ = loaded(shipped)
    data = yaml.safe_load(export_to(shipped, "model-index", tmp_path / "model-index.yaml").read_text(encoding="utf-8"))
    entries = data["model-index"]
    scores = [c for c in lg.claims.values() if c.kind == "score" and c.reported]  # "no score" is no result
    results = [(entry["name"], result) for entry in entries for result in entry["results"]]
    assert len(results) == len(scores)
    assert len({entry["name"] for entry in entries}) == len(entries) == len({c.model for c in scores})
    got = Counter((name, r["dataset"]["type"], r["metrics"][0]["value"]) for name, r in results)
    want = Counter((lg.name(c.model), c.benchmark, c.value.as_json()) for c in scores)
    assert got == want
    for name, result in results:
        assert result["task"] == {"type": "text-generation"}
        assert set(result["dataset"]) >= {"name", "type"}
        assert {"type", "value", "name"} <= set(result["metrics"][0])
        assert result["source"]["name"] and result["source"]["url"]
    needle = [r for name, r in results if name == "Llama 3.1 405B" and r["dataset"]["type"] == "nih-multi-needle"]
    assert needle and needle[0]["metrics"][0]["value"] == 98.1


# ------------------------------------------------------------------ writing safely

def test_a_failed_export_leaves_no_partial_file(small, tmp_path, monkeypatch):
    lg, conflicts = loaded(small)
    target = tmp_path / "out.db"
    target.write_bytes(b"previous")

    def broken(ledger, conflicts, path):
        with open(path, "wb") as stream:
            stream.write(b"half a database")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(export_module, "to_sqlite", broken)
    with pytest.raises(WriteError, match="disk I/O error"):
        export_module.export("sqlite", lg, conflicts, target)
    assert target.read_bytes() == b"previous"
    assert sorted(os.listdir(tmp_path)) == sorted(["out.db", "claims.yaml", "sources"])

    monkeypatch.setattr(export_module, "to_json", lambda *a: (_ for _ in ()).throw(RuntimeError("bug")))
    with pytest.raises(RuntimeError):
        export_module.export("json", lg, conflicts, tmp_path / "new.json")
    assert not (tmp_path / "new.json").exists()
    assert sorted(os.listdir(tmp_path)) == sorted(["out.db", "claims.yaml", "sources"])


def test_export_replaces_an_existing_file(small, tmp_path):
    target = tmp_path / "claims.csv"
    target.write_text("old\n")
    export_to(small, "csv", target)
    assert target.read_text(encoding="utf-8").startswith("id,kind,source,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_annotations_of_a_cell_claim_select_the_cells_text(tmp_path):
    from tests.anchor.test_cells import CARD, SCORES, build, score

    claims = score("{row: Bench X (5-shot), column: Model B}")
    claims += score("{row: Total, column: H100}", cid="c2", model="model-a", value="39.3M", source="card")
    path = build(tmp_path, claims)
    data = json.loads(export_to(path, "annotations", tmp_path / "anno.jsonld").read_text(encoding="utf-8"))
    targets = {a["id"]: a["target"] for a in data["first"]["items"] if a["motivation"] == "describing"}
    for claim_id, text, exact in (("c1", SCORES, "85.4"), ("c2", CARD, "39.3M")):
        quote, position = targets[f"urn:ledger:claim:{claim_id}"]["selector"]
        assert quote["exact"] == exact
        assert (position["start"], position["end"]) == (text.index(exact), text.index(exact) + len(exact))
        assert text[position["start"] - len(quote["prefix"]):position["start"]] == quote["prefix"]


# ------------------------------------------------------------------ issues 18 and 19: only added

def _primaries(tmp_path):
    import shutil

    from tests.conftest import REPO

    shutil.copytree(REPO / "tests" / "data" / "primaries", tmp_path / "fixture")
    return tmp_path / "fixture" / "claims.yaml"


def _columns(connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]


def test_sqlite_sources_roles_and_who_settles_each_conflict(tmp_path):
    """Issue 18: sources.role; conflicts.settled_by, misreports (JSON text, as every list) and
    between_primaries (0/1), and the join table conflict_settlements; columns added at the end."""
    path = _primaries(tmp_path)
    db = export_to(path, "sqlite", tmp_path / "ledger.db")
    lg, conflicts = loaded(path)
    connection = sqlite3.connect(db)
    try:
        assert _columns(connection, "sources")[-3:] == ["claims", "role", "footnotes"]
        assert _columns(connection, "conflicts")[-4:] == ["verdict", "settled_by", "misreports", "between_primaries"]
        assert dict(connection.execute("SELECT id, role FROM sources")) == {
            "paper": "primary", "card": "primary", "blog": "secondary", "news": "secondary"}
        rows = {tuple(json.loads(claims_)): (json.loads(settled), json.loads(misreports), between)
                for claims_, settled, misreports, between in connection.execute(
                    "SELECT (SELECT json_group_array(claim_id) FROM (SELECT claim_id FROM conflict_claims "
                    "WHERE conflict_id = k.id ORDER BY position)), settled_by, misreports, between_primaries "
                    "FROM conflicts k")}
        assert rows[("paper-x-a", "blog-x-a")] == (["paper-x-a"], ["blog-x-a"], 0)
        assert rows[("paper-dpo", "card-no-dpo")] == ([], [], 1)
        assert rows[("blog-w-b", "news-w-b")] == ([], [], 0)
        joined = set(connection.execute("SELECT conflict_id, role, position, claim_id FROM conflict_settlements"))
        assert joined == {(c.id, role, n, claim_id) for c in conflicts
                          for role, ids in (("settled_by", c.settled_by), ("misreports", c.misreports))
                          for n, claim_id in enumerate(ids)}
        misreported = {row[0] for row in connection.execute(
            "SELECT DISTINCT s.claim_id FROM conflict_settlements s JOIN claims c ON c.id = s.claim_id "
            "WHERE s.role = 'misreports' AND c.source = 'blog'")}
        assert "blog-x-a" in misreported and "blog-a-hours" in misreported
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def test_sqlite_suites_capabilities_denials_and_targets(tmp_path):
    """Issues 17 and 19: entities.part_of; claims.overall, within, capability, and polarity and
    qualifiers on comparisons and rankings."""
    from tests.conftest import build_suite, claim

    claims = (claim("deny", "one", "Task One: Model A 80.0", "comparison", subjects=["model-a"], relation="higher",
                    objects=["model-b"], capability="long-ctx", polarity=False, qualifiers=["not-yet"])
              + claim("lead", "one", "Bench N: Model A 90.0", "ranking", subjects=["model-a"], rank="first",
                      overall=True))
    path = build_suite(tmp_path, claims)
    db = export_to(path, "sqlite", tmp_path / "ledger.db")
    connection = sqlite3.connect(db)
    try:
        assert _columns(connection, "entities")[-1] == "part_of"
        assert dict(connection.execute("SELECT id, part_of FROM entities WHERE kind = 'benchmark'")) == {
            "bench-x": None, "bench-y": None, "suite": None, "task-one": "suite", "task-two": "suite", "bench-n": None}
        assert _columns(connection, "claims")[-8:] == [
            "record", "overall", "within", "capability", "cell_table", "cell_row", "cell_column", "reported"]
        rows = {row[0]: row[1:] for row in connection.execute(
            "SELECT id, capability, polarity, qualifiers, overall, within, benchmark FROM claims "
            "WHERE id IN ('deny', 'lead')")}
        assert rows["deny"] == ("long-ctx", 0, '["not-yet"]', None, None, None)
        assert rows["lead"] == (None, 1, "[]", 1, None, None)
        assert connection.execute("SELECT overall, capability FROM claims WHERE kind = 'score' LIMIT 1").fetchone() == (
            None, None)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def test_sqlite_cell_claims_say_their_table_row_and_column(tmp_path):
    """Issue 18: a claim anchored to a cell: cell_table, cell_row, cell_column (a list of labels as
    JSON text), its quote the cell's text, its offsets the cell's."""
    from tests.anchor.test_cells import SCORES, build, score

    claims = score("{table: Table 2, row: Bench X (5-shot), column: Model B}")
    claims += score('{row: [Math, "Bench Y (0-shot, CoT)"], column: Model A}', cid="c2", model="model-a",
                    value="60.1", benchmark="bench-y")
    path = build(tmp_path, claims)
    db = export_to(path, "sqlite", tmp_path / "ledger.db")
    connection = sqlite3.connect(db)
    try:
        rows = {row[0]: row[1:] for row in connection.execute(
            "SELECT id, cell_table, cell_row, cell_column, quote, start_offset, end_offset FROM claims")}
        start = SCORES.index("85.4")
        assert rows["c1"] == ("Table 2", "Bench X (5-shot)", "Model B", "85.4", start, start + 4)
        assert rows["c2"][:4] == (None, '["Math", "Bench Y (0-shot, CoT)"]', "Model A", "60.1")
    finally:
        connection.close()


def test_csv_ends_with_capability_and_cell(tmp_path):
    """`ledger claims -f csv` (and the csv export): capability and cell added last, the cell in
    the words of `ledger show`."""
    from tests.anchor.test_cells import build, score

    path = build(tmp_path, score("{table: Table 2, row: Bench X (5-shot), column: Model B}")
                 + score('{row: [Math, "Bench Y (0-shot, CoT)"], column: Model A}', cid="c2", model="model-a",
                         value="60.1", benchmark="bench-y"))
    text = export_to(path, "csv", tmp_path / "claims.csv").read_text(encoding="utf-8")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0].endswith(",words,overall,within,capability,cell,reported")
    assert rows[0]["cell"] == "table 'Table 2', row 'Bench X (5-shot)', column 'Model B'"
    assert rows[1]["cell"] == "row 'Math' / 'Bench Y (0-shot, CoT)', column 'Model A'"
    assert rows[0]["capability"] == ""


def test_annotations_say_who_settles_a_conflict(tmp_path):
    """Issue 18: a settled conflict's assessing annotation has the primary's passage as a body
    with purpose "assessing" and tags "settled" and "misreport: <id>"; one between primaries is
    tagged "between-primaries"; a misreported claim's describing annotation is tagged "misreport"."""
    path = _primaries(tmp_path)
    lg, conflicts = loaded(path)
    data = json.loads(export_to(path, "annotations", tmp_path / "anno.jsonld").read_text(encoding="utf-8"))
    items = {a["id"]: a for a in data["first"]["items"]}
    assert data["total"] == len(lg.claims) + len(conflicts)  # no annotation added, only bodies
    [settled] = [c for c in conflicts if list(c.claims) == ["paper-x-a", "blog-x-a"]]
    body = items[f"urn:ledger:conflict:{settled.id}"]["body"]
    tags = [b["value"] for b in body if b.get("purpose") == "tagging"]
    assert "settled" in tags and "misreport: blog-x-a" in tags
    [evidence] = [b for b in body if b["type"] == "SpecificResource"]
    assert evidence["purpose"] == "assessing" and evidence["source"] == "sources/paper.txt"
    quote, position = evidence["selector"]
    text = lg.texts["paper"].text
    assert text[position["start"]:position["end"]] == quote["exact"] == "Model A 88.6"
    assert any(b.get("purpose") == "commenting" and b["value"].startswith("settled by paper: the primary is right")
               for b in body)
    [between] = [c for c in conflicts if c.between_primaries]
    assert "between-primaries" in [b["value"] for b in items[f"urn:ledger:conflict:{between.id}"]["body"]
                                   if b.get("purpose") == "tagging"]
    [unsettled] = [c for c in conflicts if list(c.claims) == ["blog-w-b", "news-w-b"]]
    unsettled_body = items[f"urn:ledger:conflict:{unsettled.id}"]["body"]
    assert not any(b.get("value") in ("settled", "between-primaries") for b in unsettled_body)
    misreport_tags = [b["value"] for b in items["urn:ledger:claim:blog-x-a"]["body"] if b.get("purpose") == "tagging"]
    assert "misreport" in misreport_tags
    assert "misreport" not in [b["value"] for b in items["urn:ledger:claim:paper-x-a"]["body"]
                               if b.get("purpose") == "tagging"]
