"""`ledger vocab` (ledger/cli/vocab.py): the vocabulary's terms and their use, as notes."""

from __future__ import annotations

from tests.conftest import ENTITIES, REPO, VOCABULARY, build_ledger, run
from tests.output.test_vocab import CLAIMS, TEXT


def test_vocab_table_lists_terms_counts_and_notes(tmp_path):
    path = build_ledger(tmp_path, CLAIMS + """
- {id: b-trained, kind: statement, source: one, topic: infrastructure, quote: "Model A used 16,000 GPUs", subject: model-a, predicate: trained-on, object: h100}
""", sources={"one": TEXT, "two": TEXT}, vocabulary=VOCABULARY,
        entities=ENTITIES + "  - {id: h100, kind: hardware, name: H100}\n")
    result = run("vocab", "-l", path)
    assert result.exit_code == 0, result.output  # notes, not errors
    lines = result.output.splitlines()
    assert "predicates: declared" in lines
    row = next(line for line in lines if line.startswith("open-source "))
    assert row.split() == ["open-source", "open", "source", "3", "one", "1,", "two", "2"]
    assert "  declared, never used: proprietary, released-on" in lines
    assert "predicates used by one claim only (1):" in lines and "  trained-on: b-trained (one)" in lines
    assert lines[-1] == "3 of 4 statements (75%) use a predicate found in more than one source"


def test_vocab_on_the_shipped_ledger_the_issues_figures():
    """Issue 17's count, before the migration: 390 statements, 202 predicates, 120 used once, 179
    statements (46%) whose predicate occurs in more than one source. After it: every term declared,
    428 statements, 73 predicates used once (each an idea one source states once), 227 (53%).
    Issue 19 then typed the comparative statements as comparisons and rankings (34 fewer statements,
    most of them with predicates several sources shared: comparable-to, clear-leader): 394
    statements, 74 predicates used once, 199 (51%). With Meta's paper and model card
    (issue 18): 427 statements, 72 predicates used once, 276 (65%)."""
    result = run("vocab", "-l", REPO / "claims.yaml")
    assert result.exit_code == 0
    for kind in ("predicates", "qualifiers", "quantities", "units"):
        assert f"{kind}: declared" in result.output
    assert "predicates used by one claim only (72):" in result.output
    assert "276 of 427 statements (65%) use a predicate found in more than one source" in result.output


def test_vocab_help_teaches_what_the_vocabulary_is():
    result = run("vocab", "--help")
    assert result.exit_code == 0
    for words in ("vocabulary:", "S003", "ledger fmt", "per source", "one claim only", "notes"):
        assert words in result.output, words


def test_vocab_on_a_ledger_with_errors_exits_1(tmp_path):
    path = build_ledger(tmp_path, CLAIMS.replace("predicate: open-sourced", "predicate: open-sorce"),
                        sources={"one": TEXT, "two": TEXT}, vocabulary=VOCABULARY)
    result = run("vocab", "-l", path)
    assert result.exit_code == 1 and "S003 unknown predicate 'open-sorce'" in result.output
