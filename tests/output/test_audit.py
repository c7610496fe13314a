"""The fact-check sheet's formats (ledger/output/audit.py); its JSON is a public contract."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import REPO, run, run_json


@pytest.fixture
def fixture(tmp_path):
    shutil.copytree(REPO / "tests" / "data" / "primaries", tmp_path / "fixture")
    return tmp_path / "fixture" / "claims.yaml"


def test_audit_json_is_an_array_of_id_status_primary_message(fixture):
    rows = run_json("audit", "blog", "-l", fixture, "-f", "json")
    assert [list(row) for row in rows] == [["id", "status", "primary", "message"]] * 8
    first = rows[0]
    assert first["id"] == "blog-x-a" and first["status"] == "partly"
    assert first["primary"] == ["paper-x-a", "paper-x-b"]
    assert {row["status"] for row in rows} == {"agrees", "contradicts", "partly", "unverified"}


def test_audit_text_and_markdown_end_with_the_totals(fixture):
    text = run("audit", "blog", "-l", fixture, ok=True).output
    assert text.splitlines()[-1] == "blog: 8 claim(s): 1 agrees, 3 contradicts, 2 partly, 2 unverified"
    assert "88.3 is Model B's score in the same row" in text
    markdown = run("audit", "blog", "-l", fixture, "-f", "markdown", ok=True).output
    assert markdown.startswith("### Fact-check: A blog post (blog)")
    assert "**1** agrees, **3** contradicts, **2** partly, **2** unverified (of 8)" in markdown
    assert "| ~ partly | `blog-x-a` | Model A scores 88.3 on Bench X (sources/blog.txt:2:1) |" in markdown


def test_auditing_a_primary_or_an_unknown_source_is_an_error_with_a_hint(fixture):
    primary = run("audit", "paper", "-l", fixture)
    assert primary.exit_code == 1 and "paper is a primary source" in primary.output
    assert "hint: audit a secondary source: blog, news" in primary.output
    unknown = run("audit", "blgo", "-l", fixture)
    assert unknown.exit_code == 1 and "did you mean 'blog'?" in unknown.output
    assert "Traceback" not in primary.output + unknown.output


def test_conflicts_text_says_who_settles_each_and_unsettled_keeps_the_rest(fixture):
    text = run("conflicts", "-l", fixture, ok=True).output
    assert "settled by paper: the primary is right (paper-x-a); misreported by blog-x-a" in text
    assert "between primaries: no primary settles it" in text
    unsettled = run_json("conflicts", "-l", fixture, "-f", "json", "--unsettled")
    assert sorted(c["rule"] for c in unsettled) == ["C001", "C005", "C006"]
    assert all(c["settled_by"] == [] for c in unsettled)
    assert "3 of 9 conflict(s)" in run("conflicts", "-l", fixture, "--unsettled", ok=True).output


def test_review_cites_a_primary_claim_as_evidence(fixture):
    conflicts = run_json("conflicts", "-l", fixture, "-f", "json")
    by_claims = {tuple(c["id"] for c in conflict["claims"]): conflict["id"] for conflict in conflicts}
    row = by_claims[("paper-x-a", "blog-x-a")]
    c003 = by_claims[("news-a-beats-c-x", "blog-c-beats-a-x")]
    resolved = ("--verdict", "resolved", "--note", "the paper's Table 2 gives 88.6", "-l", fixture)

    secondary = run("review", row, *resolved, "--evidence", "blog-x-c")
    assert secondary.exit_code == 1 and "not of a primary source" in secondary.output
    itself = run("review", row, *resolved, "--evidence", "paper-x-a")
    assert itself.exit_code == 1 and "a primary claimed against itself" in itself.output
    unknown = run("review", row, *resolved, "--evidence", "paper-x-aa")
    assert unknown.exit_code == 1 and "names no claim" in unknown.output and "paper-x-a" in unknown.output
    assert "evidence" not in fixture.read_text(encoding="utf-8")

    run("review", c003, *resolved, "--evidence", "paper-x-a", ok=True)
    assert "evidence: paper-x-a" in fixture.read_text(encoding="utf-8")
    assert run("check", "-l", fixture).exit_code == 0


def test_r003_a_review_whose_evidence_is_a_side_of_its_conflict(fixture):
    conflicts = run_json("conflicts", "-l", fixture, "-f", "json")
    row = next(c["id"] for c in conflicts if [x["id"] for x in c["claims"]] == ["paper-x-a", "blog-x-a"])
    with fixture.open("a", encoding="utf-8") as file:
        file.write(f"\nreviews:\n  - {{conflict: {row}, verdict: resolved, note: the paper says, evidence: paper-x-a}}\n")
    result = run("check", "-l", fixture)
    assert result.exit_code == 1 and "R003" in result.output and "a primary claimed against itself" in result.output
