"""Writing a ledger's data out (ledger/write/emit.py) in the layout ``fmt`` keeps."""

from __future__ import annotations

from ledger.read.yaml_reader import read_yaml
from ledger.write.emit import dump_ledger
from ledger.write.fmt import format_text
from tests.conftest import COMMENTED, REPO


def test_the_fixture_and_the_shipped_layout_agree():
    """emit.dump_ledger and fmt are one definition: fmt of comment-free data is dump_ledger's text."""
    assert format_text(COMMENTED).text == COMMENTED
    document, _ = read_yaml(COMMENTED, "x")
    bare = "".join(line for line in COMMENTED.splitlines(keepends=True) if not line.lstrip().startswith("#"))
    bare = bare.split("  # as printed")[0] + bare.split("  # as printed")[1]
    bare = bare.replace("  # as it calls itself", "").replace('          # "on par": |a - b| <= 1.0', "")
    assert format_text(dump_ledger(document.data)).text == dump_ledger(document.data)
    assert dump_ledger(document.data) == format_text(bare).text


def test_dump_ledger_writes_the_shipped_layout():
    text = (REPO / "claims.yaml").read_text(encoding="utf-8")
    document, _ = read_yaml(text, "claims.yaml")
    header = "".join(line for line in text.splitlines(keepends=True)[:5] if line.startswith("#"))
    assert format_text(dump_ledger(document.data, header)).text == dump_ledger(document.data, header)


def test_fmt_puts_the_new_fields_of_issue_19_in_their_places():
    """part_of after a benchmark's unit, a capability's categories after its definition, a
    claim's capability after its category, its polarity after its objects, its hedges late."""
    text = """\
version: 1
entities:
  - {part_of: suite, id: task, kind: benchmark, name: Suite/Task, category: long-context}
vocabulary:
  capabilities:
    - {categories: [code], id: coding, label: coding, definition: Writing programs.}
claims:
  - {qualifiers: [not-yet], polarity: false, capability: coding, scope: all, objects: [b], relation: higher, subjects: [a], id: c, kind: comparison, source: s, topic: benchmark, quote: does not outperform}
"""
    formatted = format_text(text, verify=False).text
    assert "  - {id: task, kind: benchmark, name: Suite/Task, category: long-context, part_of: suite}" in formatted
    assert "    - id: coding\n      label: coding\n      definition: Writing programs.\n      categories: [code]\n" \
        in formatted
    claim = formatted.split("claims:\n")[1]
    keys = [line.split(":")[0].strip(" -") for line in claim.splitlines() if line.strip()]
    assert keys == ["id", "kind", "source", "topic", "quote", "subjects", "relation", "objects", "polarity",
                    "capability", "scope", "qualifiers"]
