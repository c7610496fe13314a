"""`ledger schema`: the JSON Schema derived from the models, and the shipped ledger.schema.json."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
from typer.testing import CliRunner

from ledger.cli.commands import app
from ledger.read.yaml_reader import read_yaml

from .conftest import REPO

SHIPPED_SCHEMA = REPO / "ledger.schema.json"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


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
    document, problems = read_yaml((REPO / "claims.yaml").read_text(encoding="utf-8"), "claims.yaml")
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


def test_shipped_schema_is_current():
    """Fails when ledger.schema.json drifts from the models or the ledger's ids:
    run `ledger schema --for-ledger -o ledger.schema.json`."""
    result = run("schema", "--for-ledger", "-l", REPO / "claims.yaml")
    assert result.exit_code == 0
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == result.output, \
        "ledger.schema.json is stale: run `ledger schema --for-ledger -o ledger.schema.json`"
    assert run("schema", "--for-ledger", "--check", "-l", REPO / "claims.yaml").exit_code == 0


def _one_claim(data: dict, **changes) -> dict:
    claim = dict(next(c for c in data["claims"] if c["kind"] == "score"))
    claim.update(changes)
    return {**data, "claims": [claim]}


