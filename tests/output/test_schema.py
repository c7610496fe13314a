"""The ledger's JSON Schema (ledger/output/schema.py), derived from the models: generic, or
listing one ledger's ids; the shipped ledger validates against it."""

from __future__ import annotations

import copy
import functools
import json
from decimal import Decimal

import jsonschema
import pytest
import yaml

from ledger.output.schema import _string_part, ledger_schema, ledger_specific_schema, schema_text
from ledger.read.yaml_reader import read_yaml
from tests.conftest import REPO, SHIPPED_SCHEMA, run, shipped_files, shipped_joined


def plain(value):
    """Data as read_yaml gives it, as JSON would: Decimals become numbers."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    return value


def shipped_data() -> dict:
    """The shipped ledger's data, its files joined into one (a fresh copy: tests change it)."""
    return copy.deepcopy(_shipped_data())


@functools.cache
def _shipped_data() -> dict:
    document, problems = read_yaml(shipped_joined(), "claims.yaml")
    assert not problems
    return plain(document.data)


def validator(schema=None):
    schema = schema or json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors(data, schema=None) -> list[str]:
    """Every message, the ones under anyOf/oneOf too (the sections may be null, so they are anyOf)."""
    found = []
    pending = list(validator(schema).iter_errors(data))
    while pending:
        error = pending.pop()
        found.append(error.message)
        pending += error.context or []
    return found


def test_schema_is_draft_2020_12_and_generic():
    schema = ledger_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {"version", "include", "settings", "sources", "entities", "vocabulary",
                                         "claims", "reviews"}
    text = schema_text()
    for ledger_id in ("llama-3.1-405b", "mmlu", "spheron", "gpt-4o"):  # no ledger's ids in the generic schema
        assert f'"{ledger_id}"' not in text
    claims = schema["properties"]["claims"]["anyOf"][0]["items"]
    assert claims["discriminator"]["propertyName"] == "kind"
    assert set(claims["discriminator"]["mapping"]) == {"score", "comparison", "ranking", "tally", "quantity", "statement"}


def test_shipped_ledger_validates_against_the_schema():
    assert errors(shipped_data()) == []


def test_figures_accept_numbers_and_written_strings():
    figure = ledger_schema()["$defs"]["Score"]["properties"]["value"]
    check = jsonschema.Draft202012Validator(figure)
    for good in (88.6, 92, "16,000", "128k", "88.60", "19.1%", "405 billion", "1e3", "3.8 × 10^25"):
        assert check.is_valid(good), good
    for bad in ("abc", "12,34", True, "", "88.6.1"):
        assert not check.is_valid(bad), bad


def test_a_score_has_a_value_unless_it_is_reported_false():
    """As the loader says: no value (or null) only with ``reported: false``, and then no value."""
    data = shipped_data()
    score = {k: v for k, v in next(c for c in data["claims"] if c["kind"] == "score").items() if k != "value"}
    assert errors({**data, "claims": [{**score, "reported": False}]}) == []
    assert errors({**data, "claims": [{**score, "value": None, "reported": False}]}) == []
    for bad in (score, {**score, "value": None}, {**score, "reported": True}, {**score, "value": 88.6, "reported": False}):
        assert errors({**data, "claims": [bad]}), bad


def _one_claim(data: dict, **changes) -> dict:
    claim = dict(next(c for c in data["claims"] if c["kind"] == "score"))
    claim.update(changes)
    return {**data, "claims": [claim]}


@pytest.mark.parametrize("change, expected", [
    ({"bogus": 1}, "Additional properties are not allowed ('bogus' was unexpected)"),
    ({"kind": "scroe"}, "'score' was expected"),
    ({"value": "high"}, "'high' is not of type 'number'"),
    ({"setting": {"shots": "0"}}, "'0' is not of type 'integer'"),
    ({"id": "Not Kebab"}, "does not match"),
    ({"topic": "benchmarks"}, "'benchmarks' is not one of"),
])
def test_schema_rejects_what_the_loader_rejects(change, expected):
    assert errors(_one_claim(shipped_data())) == []
    found = errors(_one_claim(shipped_data(), **change))
    assert found and any(expected in message for message in found), found


def test_schema_rejects_unknown_top_level_keys_and_exactly_one_violations():
    data = shipped_data()
    assert errors({**data, "claim": []})
    comparison = dict(next(c for c in data["claims"] if c["kind"] == "comparison" and c.get("benchmark")))
    both = {**comparison, "category": "general"}
    assert errors({**data, "claims": [both]})
    neither = {k: v for k, v in comparison.items() if k != "benchmark"}
    assert errors({**data, "claims": [neither]})
    null_benchmark = {**comparison, "benchmark": None, "category": "general"}
    assert errors({**data, "claims": [null_benchmark]}) == []
    skip = {**data["sources"][1], "skips": [{"reason": "nothing to skip"}]}
    assert errors({**data, "sources": [skip]})


def test_ledger_specific_schema_lists_ids(tmp_path):
    from ledger import load_ledger

    ledger = load_ledger(REPO / "claims.yaml").ledger
    specific = ledger_specific_schema(ledger)
    score = specific["$defs"]["Score"]["properties"]
    assert "llama-3.1-405b" in score["model"]["enum"] and "mmlu" not in score["model"]["enum"]
    assert "mmlu" in score["benchmark"]["enum"]
    assert errors(shipped_data(), specific) == []
    assert errors(_one_claim(shipped_data(), model="llama-9"), specific)
    assert errors(_one_claim(shipped_data(), model="llama-9"), ledger_schema()) == []  # the generic one knows no ids
    assert errors(_one_claim(shipped_data(), model="llama-9"))  # the shipped one is the ledger's own
    result = run("schema", "--for-ledger", "-l", REPO / "claims.yaml")
    assert result.exit_code == 0 and json.loads(result.output) == specific


# ------------------------------------------------------------------ the vocabulary (issue 17)

def _vocabulary_ledger(tmp_path, vocabulary):
    from ledger import load_ledger
    from tests.conftest import build_ledger

    result = load_ledger(build_ledger(tmp_path, vocabulary=vocabulary))
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.ledger


def test_schema_for_ledger_lists_the_declared_terms_and_their_aliases(tmp_path):
    from tests.conftest import VOCABULARY

    defs = ledger_specific_schema(_vocabulary_ledger(tmp_path, VOCABULARY))["$defs"]
    statement, quantity = defs["Statement"]["properties"], defs["Quantity"]["properties"]
    assert statement["predicate"]["enum"] == ["open-source", "proprietary", "trained-on", "released-on", "open-sourced"]
    assert statement["qualifiers"]["items"]["enum"] == ["osi-definition", "osi"]
    assert quantity["quantity"]["enum"] == ["training-gpus", "context-length", "throughput"]
    assert quantity["unit"]["enum"] == ["gpu", "token", "thousand-tokens", "token-per-second", "GPUs",
                                        "H100 GPUs", "tokens", "k tokens"]  # free text: any alias fits
    assert _string_part(defs["PredicateTerm"]["properties"]["opposite"])["enum"][0] == "open-source"
    assert _string_part(defs["QuantityTerm"]["properties"]["unit"])["enum"][0] == "gpu"
    check = jsonschema.Draft202012Validator(statement["predicate"])
    assert check.is_valid("open-sourced") and not check.is_valid("open-sorce")


def test_schema_for_ledger_leaves_undeclared_term_types_free(tmp_path):
    vocabulary = "vocabulary:\n  predicates:\n    - {id: open-source, label: open source, definition: Open., aliases: [Open Source]}\n"
    defs = ledger_specific_schema(_vocabulary_ledger(tmp_path, vocabulary))["$defs"]
    assert defs["Statement"]["properties"]["predicate"]["enum"] == ["open-source"]  # "Open Source" is no id: left out
    assert "enum" not in defs["Quantity"]["properties"]["unit"]
    assert "enum" not in defs["Statement"]["properties"]["qualifiers"]["items"]
    shipped = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))["$defs"]
    assert "open-source" in shipped["Statement"]["properties"]["predicate"]["enum"]  # the shipped ledger declares its terms


def test_schema_takes_a_cell_for_a_quote_footnotes_and_scoped_aliases():
    data = shipped_data()
    score = dict(next(c for c in data["claims"] if c["kind"] == "score"))
    on_cell = {k: v for k, v in score.items() if k != "quote"} | {"cell": {"row": "BFCL", "column": ["GPT-4o"]}}
    assert errors({**data, "claims": [on_cell]}) == []
    neither = {k: v for k, v in score.items() if k != "quote"}
    assert errors({**data, "claims": [neither]})
    assert errors({**data, "claims": [{**on_cell, "cell": {"row": "BFCL"}}]})
    assert errors({**data, "claims": [{**on_cell, "cell": {"row": "BFCL", "column": "x", "table": 0}}]})
    source = {**data["sources"][0], "footnotes": [{"marker": "♢", "quote": "zero-shot", "setting": {"shots": 0}}]}
    assert errors({**data, "sources": [source]}) == []
    assert errors({**data, "sources": [{**source, "footnotes": [{"marker": "♢", "quote": "zero-shot"}]}]})
    entity = {**data["entities"][0], "aliases": ["x", {"name": "y", "source": "spheron", "quote": "the words"}]}
    assert errors({**data, "entities": [entity]}) == []
    assert errors({**data, "entities": [{**entity, "aliases": [{"name": "y"}]}]})


def test_a_split_ledger_and_its_included_files_validate_against_the_schema():
    """An editor checks every file of a split ledger: the root's include list is in the schema,
    and each included file names the root's schema on its first line, as the root does. The
    shipped ledger is split by source: its files are what splitting it joined gives."""
    from ledger.write.split import split_by_source

    shipped = shipped_files()
    sources = yaml.safe_load(shipped_joined())["sources"]
    assert len(shipped) == 1 + len(sources)  # the root, and a file per source
    assert split_by_source(shipped_joined(), "claims.yaml") == dict(shipped)
    for name, text in shipped:
        if name != "claims.yaml":
            assert text.startswith("# yaml-language-server: $schema=../ledger.schema.json\n"), name
        document, problems = read_yaml(text, name)
        assert not problems
        assert errors(plain(document.data)) == [], name
    assert errors({"include": 3})
    assert errors({"include": ["claims/*.yaml"]}) == [] and errors({"include": "claims/*.yaml"}) == []
