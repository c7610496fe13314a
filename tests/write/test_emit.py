"""Writing a ledger's data out (ledger/write/emit.py) in the layout ``fmt`` keeps."""

from __future__ import annotations

from ledger.read.yaml_reader import read_yaml
from ledger.write.emit import dump_ledger
from ledger.write.fmt import format_text
from tests.conftest import COMMENTED, shipped_joined


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
    text = shipped_joined()
    document, _ = read_yaml(text, "claims.yaml")
    header = "".join(line for line in text.splitlines(keepends=True)[:5] if line.startswith("#"))
    assert format_text(dump_ledger(document.data, header)).text == dump_ledger(document.data, header)


def test_a_sources_role_is_written_after_its_kind():
    from ledger.write.emit import dump_ledger

    data = {"version": 1, "sources": [{"sha256": "0" * 64, "role": "primary", "kind": "paper", "id": "p",
                                        "file": "sources/p.md", "title": "P"}]}
    text = dump_ledger(data)
    assert text.index("kind: paper") < text.index("role: primary") < text.index("sha256:")


def test_cells_footnotes_and_scoped_aliases_have_their_key_orders():
    messy = """\
sources:
  - footnotes:
      - {setting: {cot: false, shots: 5}, quote: "△Results obtained using 5-shot", marker: "△"}
    id: paper
entities:
  - {aliases: [Llama 405B, {quote: "we will refer to as Llama 3", source: paper, name: Llama 3 405B}], id: m}
claims:
  - {value: 80.5, cell: {column: GPT-4o, row: [Tool use, BFCL], table: Table 2}, source: paper, id: c}
"""
    expected = """\
sources:
  - id: paper
    footnotes:
      - {marker: "△", quote: "△Results obtained using 5-shot", setting: {shots: 5, cot: false}}

entities:
  - {id: m, aliases: [Llama 405B, {name: Llama 3 405B, source: paper, quote: we will refer to as Llama 3}]}

claims:
  - id: c
    source: paper
    cell: {table: Table 2, row: [Tool use, BFCL], column: GPT-4o}
    value: 80.5
"""
    assert format_text(messy).text == expected
    assert format_text(expected).text == expected


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
