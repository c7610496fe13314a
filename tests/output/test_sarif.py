"""`ledger conflicts --format sarif` (ledger/output/reporters.py) validates against the
published SARIF 2.1.0 schema.

The schema file is the OASIS one (see tests/data/README.md); a validation
error here means code-scanning services would reject the upload.
"""

from __future__ import annotations

import json

from jsonschema import Draft7Validator

from tests.conftest import REPO, build_ledger, run_json


SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

TEXT = "Model A scores 70.0 on Bench Y. Model B scores 75.5. Model A is on par with Model B.\n"

CLAIMS = """
- {id: s, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, value: 70.0}
- {id: s2, kind: score, source: one, topic: benchmark, quote: "Model B scores 75.5", model: model-b, benchmark: bench-y, value: 75.5}
- {id: c, kind: comparison, source: one, topic: benchmark, quote: "Model A is on par with Model B", subjects: [model-a], relation: on-par, objects: [model-b], benchmark: bench-y}
"""


def sarif_of(*args) -> dict:
    return run_json("conflicts", "-f", "sarif", *args)


def schema_errors(document: dict) -> list[str]:
    validator = Draft7Validator(SCHEMA)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_schema_is_the_sarif_2_1_0_schema():
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_fixture_sarif_is_valid_and_points_into_the_source(tmp_path):
    document = sarif_of("-l", build_ledger(tmp_path, CLAIMS, sources={"one": TEXT}))
    assert schema_errors(document) == []
    results = document["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["C002"]
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in results for loc in r["locations"]}
    assert "sources/one.txt" in uris


def test_shipped_ledger_sarif_is_valid():
    document = sarif_of("-l", REPO / "claims.yaml")
    assert schema_errors(document) == []
    assert document["runs"][0]["results"], "the shipped ledger has known conflicts"


def test_a_broken_document_is_caught_by_the_validator():
    # Guards the guard: the validator must reject what SARIF forbids.
    document = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}
    assert any("name" in error for error in schema_errors(document))


def test_each_result_says_who_settles_it(tmp_path):
    """Issue 18: each result's properties gain settledBy and misreports (claim ids, [] when
    none) and betweenPrimaries, beside conflictId and withinSource; still valid SARIF."""
    import shutil

    shutil.copytree(REPO / "tests" / "data" / "primaries", tmp_path / "fixture")
    document = sarif_of("-l", tmp_path / "fixture" / "claims.yaml")
    assert schema_errors(document) == []
    conflicts = run_json("conflicts", "-l", tmp_path / "fixture" / "claims.yaml", "-f", "json")
    results = document["runs"][0]["results"]
    assert len(results) == len(conflicts)
    for result, conflict in zip(results, conflicts):
        properties = result["properties"]
        assert properties["conflictId"] == conflict["id"]
        assert list(properties)[-3:] == ["settledBy", "misreports", "betweenPrimaries"]
        assert (properties["settledBy"], properties["misreports"], properties["betweenPrimaries"]) == (
            conflict["settled_by"], conflict["misreports"], conflict["between_primaries"])
    assert any(r["properties"]["settledBy"] == ["paper-x-a"] and r["properties"]["misreports"] == ["blog-x-a"]
               for r in results)
    assert any(r["properties"]["betweenPrimaries"] for r in results)
