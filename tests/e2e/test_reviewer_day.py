"""A reviewer's day, end to end, through the CLI, on a copy of the shipped ledger.

A fifth write-up arrives that contradicts the corpus (another MMLU score for Llama 3.1 405B,
in the same setting); the reviewer registers it, adds claims from it, sees the new conflicts,
records verdicts, and the ledger stays canonical with only added lines.
"""

from __future__ import annotations

import difflib
import json

from tests.conftest import copy_shipped, run

FIFTH = """\
---
title: "Llama 3.1 405B, Measured Again"
datePublished: Mon Sep 02 2024 09:00:00 GMT+0000 (Coordinated Universal Time)
author: Jane Roe
---

# Llama 3.1 405B, Measured Again

We re-ran the headline benchmarks on the released weights.

On MMLU (0-shot, CoT), Llama 3.1 405B scores 85.2 in our runs, well below the announced figure.
On GSM8K (8-shot, CoT), Llama 3.1 405B scores 96.8, matching what Meta reported.
Llama 3.1 405B is not open source: its license restricts use.
"""


def test_a_reviewers_day(tmp_path):
    ledger = copy_shipped(tmp_path, schema=True)
    originals = {path: path.read_text(encoding="utf-8") for path in [ledger, *(tmp_path / "claims").glob("*.yaml")]}
    before = {c["id"] for c in json.loads(run("conflicts", "-l", ledger, "-f", "json", ok=True).output)}

    # 1. register the new write-up: copied under sources/, metadata from its front matter
    incoming = tmp_path / "incoming" / "005_roe.md"
    incoming.parent.mkdir()
    incoming.write_text(FIFTH, encoding="utf-8")
    registered = run("new-source", incoming, "--id", "roe", "--kind", "blog-post", "-l", ledger, ok=True)
    assert (tmp_path / "sources" / "005_roe.md").read_text(encoding="utf-8") == FIFTH
    assert "registered source roe (blog-post)" in registered.output
    assert "published: 2024-09-02" in registered.output and "authors: Jane Roe" in registered.output
    assert "not covered: On MMLU (0-shot, CoT), Llama 3.1 405B scores 85.2" in registered.output
    sources = {s["id"]: s for s in json.loads(run("sources", "-l", ledger, "-f", "json", ok=True).output)}
    assert sources["roe"]["title"] == "Llama 3.1 405B, Measured Again"
    assert sources["roe"]["skips"] == [{"lines": [1, 5], "quote": None, "reason": "front matter (page metadata)"}]

    # 2. claims from it, through `ledger add` (an alias for the model, the id proposed)
    mmlu = run("add", "-l", ledger, "--source", "roe", "--kind", "score",
               "--quote", "On MMLU (0-shot, CoT), Llama 3.1 405B scores 85.2",
               "--model", "Llama 3.1 405B", "--benchmark", "mmlu", "--value", "85.2", "--shots", "0", "--cot", ok=True)
    assert "added claim roe-mmlu-llama-3.1-405b (score)" in mmlu.output
    assert "sources/005_roe.md:11:1-11:50" in mmlu.output
    assert "C001-" in mmlu.output and "new conflict" in mmlu.output
    gsm8k = run("add", "-l", ledger, "--source", "roe", "--kind", "score",
                "--quote", "On GSM8K (8-shot, CoT), Llama 3.1 405B scores 96.8",
                "--model", "llama-3.1-405b", "--benchmark", "gsm8k", "--value", "96.8", "--shots", "8", "--cot", ok=True)
    assert "causes no new conflict" in gsm8k.output
    licence = run("add", "-l", ledger, "--source", "roe", "--kind", "statement", "--topic", "licensing",
                  "--quote", "Llama 3.1 405B is not open source", "--subject", "llama-3.1-405b",
                  "--predicate", "open-source", "--negated", ok=True)
    assert "added claim roe-open-source-llama-3.1-405b-not (statement)" in licence.output
    refused = run("add", "-l", ledger, "--source", "roe", "--kind", "score", "--quote", "scores 85.2",
                  "--model", "llama-3.1-405b", "--benchmark", "mmlu", "--value", "85.3", ok=False)
    assert refused.exit_code == 1 and "--value" in refused.output

    # 3. the new conflicts, as JSON
    conflicts = json.loads(run("conflicts", "-l", ledger, "-f", "json", ok=True).output)
    new = [c for c in conflicts if c["id"] not in before]
    figures = [c for c in new if c["rule"] == "C001"]
    assert len(figures) == 1
    assert {k["id"] for k in figures[0]["claims"]} == {  # 001 and Meta's paper and card, 0-shot, CoT too
        "roe-mmlu-llama-3.1-405b", "spheron-mmlu-score-llama-3.1-405b", "herd-t2-mmlu-0-shot-cot-llama-3.1-405b",
        "card-it-mmlu-0-shot-cot-llama-3.1-405b"}
    assert "Between" in figures[0]["message"] and figures[0]["review"] is None
    statements = [c for c in new if c["rule"] == "C005"]
    assert statements and all("roe-open-source-llama-3.1-405b-not" in {k["id"] for k in c["claims"]}
                              for c in statements)

    # 4. verdicts
    run("review", figures[0]["id"], "--verdict", "confirmed", "--note", "85.2 vs 88.6 in the same setting",
        "--reviewer", "jdoe", "-l", ledger, ok=True)
    again = run("review", figures[0]["id"], "--verdict", "dismissed", "--note", "x", "-l", ledger, ok=False)
    assert again.exit_code == 1 and "--replace" in again.output
    run("review", statements[0]["id"], "--verdict", "dismissed", "--note", "license terms vs OSI definition",
        "-l", ledger, ok=True)
    reviewed = {c["id"]: c["review"] for c in json.loads(run("conflicts", "-l", ledger, "-f", "json", ok=True).output)}
    assert reviewed[figures[0]["id"]]["verdict"] == "confirmed"
    assert reviewed[figures[0]["id"]]["reviewer"] == "jdoe"
    assert reviewed[statements[0]["id"]]["verdict"] == "dismissed"
    assert "ok: 7 sources" in run("check", "-l", ledger, ok=True).output

    # 5. still canonical, and only additions: every original line (comments too) is still there;
    # the new source and its claims went to a file of their own, the verdicts to the root
    assert run("fmt", "--check", "-l", ledger, ok=True).exit_code == 0
    added = {}
    for path, original in originals.items():
        after = path.read_text(encoding="utf-8")
        diff = list(difflib.unified_diff(original.splitlines(), after.splitlines(), lineterm="", n=0))
        assert [line for line in diff if line.startswith("-") and not line.startswith("---")] == [], path
        added[path] = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
        assert [line for line in after.splitlines() if line.startswith("#")] == \
            [line for line in original.splitlines() if line.startswith("#")]
    assert any("conflict: C001-" in line for line in added[ledger])
    assert not any("roe" in line for line in added[ledger])  # claims/*.yaml picks the new file up
    assert [path for path, lines in added.items() if lines] == [ledger]
    own = (tmp_path / "claims" / "roe.yaml").read_text(encoding="utf-8")
    assert own.startswith("# yaml-language-server: $schema=../ledger.schema.json\n")
    assert "  - id: roe\n" in own and own.count("  - id: roe-") == 3
    assert ledger.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=ledger.schema.json\n")
    assert not list(tmp_path.glob(".claims.yaml.*.tmp"))  # no temporary file left behind (the lock stays)
    assert not list((tmp_path / "claims").glob(".*.tmp"))
