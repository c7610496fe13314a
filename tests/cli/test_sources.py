"""`ledger sources`, `ledger coverage` and `ledger new-source` (ledger/cli/sources.py)."""

from __future__ import annotations

import json

from tests.conftest import COMMENTED, COVERAGE_CLAIM, COVERAGE_TEXT, build_ledger, run, sha


def test_sources_lists_claim_counts(ledger_file):
    result = run("sources", "-l", ledger_file, "-f", "json")
    counts = {s["id"]: s["claims"] for s in json.loads(result.output)}
    assert counts == {"one": 3, "two": 1}


def test_sources_show_each_role(tmp_path):
    path = build_ledger(tmp_path, roles={"one": "primary"})
    rows = json.loads(run("sources", "-l", path, "-f", "json", ok=True).output)
    assert [(s["id"], s["role"]) for s in rows] == [("one", "primary"), ("two", "secondary")]
    assert list(rows[0])[list(rows[0]).index("kind") + 1] == "role"  # beside the kind, as in the file
    text = run("sources", "-l", path, ok=True).output
    assert "role" in text.splitlines()[0]
    assert "primary" in text and "secondary" in text


def test_cli_coverage_json_and_unknown_source(tmp_path):
    path = build_ledger(tmp_path, COVERAGE_CLAIM, sources={"one": COVERAGE_TEXT})
    result = run("coverage", "one", "--ledger", path, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)[0]["source"] == "one"
    text = run("coverage", "--ledger", path)
    assert "1/4 (25%)" in text.output and ":2:33: not covered: Model B scores 75.5 there." in text.output
    assert run("coverage", "nope", "--ledger", path).exit_code == 1


def test_new_source_registers_a_write_up(commented, tmp_path):
    incoming = tmp_path / "elsewhere" / "three.md"
    incoming.parent.mkdir()
    incoming.write_text("# Model A, again\n\nBy Jane Roe and John Doe\nJuly 23, 2024\n\n"
                        "Model A scores 91.0 on Bench X. Model B is not open source.\n", encoding="utf-8")
    before = commented.read_text(encoding="utf-8")
    result = run("new-source", incoming, "--kind", "article", "-l", commented)
    assert result.exit_code == 0, result.output
    assert "registered source roe (article): " in result.output
    assert "not covered: Model A scores 91.0 on Bench X." in result.output
    assert "figures covered" in result.output  # the coverage table
    assert (commented.parent / "sources" / "three.md").read_bytes() == incoming.read_bytes()
    after = commented.read_text(encoding="utf-8")
    entry = f"""
  - id: roe
    file: sources/three.md
    title: "Model A, again"
    authors: [Jane Roe, John Doe]
    publisher: null
    published: "2024-07-23"
    url: null
    kind: article
    sha256: "{sha(incoming.read_text(encoding='utf-8'))}"
    skips: []
"""
    assert entry in after
    assert after.replace(entry, "", 1) == before
    assert run("fmt", "--check", "-l", commented).exit_code == 0
    assert run("check", "-l", commented).exit_code == 0

    again = run("new-source", incoming, "-l", commented)
    assert again.exit_code == 1 and "registered already" in again.output
    renamed = run("new-source", tmp_path / "elsewhere" / "three.md", "--id", "other", "-l", commented)
    assert renamed.exit_code == 1 and "registered already" in renamed.output
    (commented.parent / "sources" / "stray.md").write_text("Not registered, not this text.\n", encoding="utf-8")
    other = tmp_path / "elsewhere2" / "stray.md"
    other.parent.mkdir()
    other.write_text("A different text.\n", encoding="utf-8")
    clash = run("new-source", other, "-l", commented)
    assert clash.exit_code == 1 and "holds a different text" in clash.output
    assert (commented.parent / "sources" / "stray.md").read_text(encoding="utf-8") == "Not registered, not this text.\n"
    assert commented.read_text(encoding="utf-8") == after
    assert run("new-source", tmp_path / "nope.md", "-l", commented).exit_code == 2


def test_new_source_undoes_the_copy_when_the_ledger_refuses(commented, tmp_path):
    incoming = tmp_path / "four.md"
    incoming.write_text("Some text.\n", encoding="utf-8")
    result = run("new-source", incoming, "--id", "Not-Kebab", "-l", commented)
    assert result.exit_code == 1 and "--id" in result.output
    assert not (commented.parent / "sources" / "four.md").exists()
    assert commented.read_text(encoding="utf-8") == COMMENTED


def test_new_source_reads_a_page_dump_s_header_and_skips_it(commented, tmp_path):
    from tests.conftest import REPO

    incoming = tmp_path / "dump.txt"
    incoming.write_bytes((REPO / "tests" / "data" / "pages" / "dump-with-header.txt").read_bytes())
    result = run("new-source", incoming, "--kind", "article", "-l", commented)
    assert result.exit_code == 0, result.output
    after = commented.read_text(encoding="utf-8")
    assert """
  - id: lovelace
    file: sources/dump.txt
    title: "Llama 3.1 405B, read closely"
    authors: [Ada Lovelace, Alan Turing]
    publisher: null
    published: "2024-07-24"
    url: "https://example.org/blog/llama-405b"
    kind: article
""" in after
    assert "    skips:\n      - {lines: [1, 4], reason: front matter (page metadata)}\n" in after
    assert "dump.txt:6:1: not covered: Llama 3.1 405B: a first look" in result.output
    assert "not covered: title:" not in result.output  # the header is skipped, not text to claim
    assert run("check", "-l", commented).exit_code == 0
