"""Writing ledger data as canonical YAML: fixed key order, one style per section.

Values are written so that ``ledger.yamlread`` reads back exactly what was
written (numbers keep their precision; strings that would read as something
else are quoted).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

CLAIM_KEY_ORDER = (
    "id", "kind", "source", "topic", "quote", "prefix", "suffix", "occurrence",
    "model", "subject", "subjects", "relation", "objects", "predicate", "object", "polarity",
    "benchmark", "benchmarks", "category", "scope", "rank", "among", "setting", "metric",
    "quantity", "value", "unit", "qualifier", "against", "count", "total", "qualifiers", "words", "note",
)
SOURCE_KEY_ORDER = ("id", "file", "title", "authors", "publisher", "published", "url", "kind", "sha256", "skips")
ENTITY_KEY_ORDER = ("id", "kind", "name", "family", "category", "metric", "unit", "aliases")
REVIEW_KEY_ORDER = ("conflict", "verdict", "note", "evidence", "reviewer")

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9 _./+()'-]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def scalar(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" ") and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def ordered(mapping: dict, order) -> list:
    keys = [k for k in order if k in mapping] + [k for k in mapping if k not in order]
    return [(k, mapping[k]) for k in keys]


def block_item(mapping: dict, order, indent: str = "  ") -> str:
    lines = []
    for n, (key, value) in enumerate(ordered(mapping, order)):
        lead = f"{indent}- " if n == 0 else f"{indent}  "
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{lead}{key}:")
            lines += [f"{indent}    - {flow(v)}" for v in value]
        else:
            lines.append(f"{lead}{key}: {flow(value)}")
    return "\n".join(lines)


def dump_ledger(data: dict, header: str = "") -> str:
    parts = [header.rstrip("\n")] if header else []
    parts.append(f"version: {scalar(data.get('version', 1))}")
    if data.get("settings"):
        settings = data["settings"]
        lines = ["settings:"]
        for key, value in settings.items():
            if isinstance(value, dict):
                lines.append(f"  {key}:")
                lines += [f"    {k}: {flow(v)}" for k, v in value.items()]
            else:
                lines.append(f"  {key}: {flow(value)}")
        parts.append("\n".join(lines))
    for section, order, style in (("sources", SOURCE_KEY_ORDER, "block"), ("entities", ENTITY_KEY_ORDER, "flow"),
                                  ("claims", CLAIM_KEY_ORDER, "block"), ("reviews", REVIEW_KEY_ORDER, "block")):
        items = data.get(section)
        if not items:
            if section in ("claims",):
                parts.append(f"{section}: []")
            continue
        if style == "flow":
            body = "\n".join(f"  - {flow(dict(ordered(item, order)))}" for item in items)
        else:
            body = "\n\n".join(block_item(item, order) for item in items)
        parts.append(f"{section}:\n{body}")
    return "\n\n".join(parts) + "\n"
