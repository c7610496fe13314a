"""A ledger kept by a team (issue 21): two branches that add claims merge without a conflict,
and `ledger diff` says what a change does, against a git revision or another ledger."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap

from tests.conftest import run
from tests.read.test_includes import split_ledger

GIT = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "-c", "init.defaultBranch=main"]


def git(folder, *args):
    done = subprocess.run(GIT + list(args), cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _repo(tmp_path):
    root = split_ledger(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "start")
    return root


def _add(root, *args, benchmark="bench-y"):
    result = run("add", "--ledger", root, "--kind", "score", "--benchmark", benchmark, *args)
    assert result.exit_code == 0, result.output


def test_branches_adding_claims_merge_without_a_conflict(tmp_path):
    root = _repo(tmp_path)
    git(tmp_path, "checkout", "-qb", "left")
    _add(root, "--source", "one", "--quote", "Bench Y: Model A scores 70.0", "--model", "model-a", "--value", "70.0")
    _add(root, "--source", "two", "--quote", "Model A scores 88.60 on Bench X", "--model", "model-c", "--value", "88.60",
         "--id", "two-early")  # the passage of two-x-a: it goes right after it
    git(tmp_path, "commit", "-qam", "left")
    git(tmp_path, "checkout", "-q", "main")
    git(tmp_path, "checkout", "-qb", "right")
    _add(root, "--source", "one", "--quote", "outperforming Model B (85.4)", "--model", "model-b", "--value", "85.4",
         benchmark="bench-x")  # between one's two claims: a place of its own
    _add(root, "--source", "two", "--quote", "Model A used over 16,000 GPUs", "--model", "model-a", "--value",
         "16,000", "--id", "two-late")
    git(tmp_path, "commit", "-qam", "right")
    git(tmp_path, "checkout", "-q", "left")
    git(tmp_path, "merge", "-q", "--no-edit", "right")  # asserts no conflict
    claims = {c["id"] for c in json.loads(run("claims", "--ledger", root, "-f", "json").output)}
    assert {"two-early", "two-late", "one-bench-y-model-a", "one-bench-x-model-b"} <= claims
    assert run("check", "--ledger", root).exit_code == 0
    text = (tmp_path / "claims" / "two.yaml").read_text()
    # each in the order of its passage in the source
    assert text.index("id: two-x-a\n") < text.index("id: two-early\n") < text.index("id: two-x-b\n") \
        < text.index("id: two-late\n") < text.index("id: two-x-b-outperforms\n")


def test_diff_against_head_and_the_json_contract(tmp_path):
    root = _repo(tmp_path)
    unchanged = json.loads(run("diff", "--ledger", root, "-f", "json").output)
    assert unchanged["claims"] == {"added": [], "removed": [], "changed": []}
    two = tmp_path / "claims" / "two.yaml"
    two.write_text(two.read_text().replace("relation: higher", "relation: slightly-higher"), encoding="utf-8")
    _add(root, "--source", "one", "--quote", "Bench Y: Model A scores 70.0", "--model", "model-a", "--value", "70.0")
    result = run("diff", "--ledger", root, "-f", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert list(found) == ["version", "old", "new", "claims", "conflicts", "unreviewed_errors"]
    assert found["old"] == {"ledger": "HEAD:claims.yaml", "claims": 5, "conflicts": 1}
    assert [c["id"] for c in found["claims"]["added"]] == ["one-bench-y-model-a"]
    [changed] = found["claims"]["changed"]
    assert changed == {"id": "two-x-b-outperforms", "fields": {"relation": {"old": "higher", "new": "slightly-higher"}}}
    [conflict] = found["conflicts"]["changed"]
    assert list(conflict) == ["id", "old_id", "fields", "conflict"] and conflict["old_id"] != conflict["id"]
    assert set(conflict["fields"]) >= {"id", "message"}
    assert list(conflict["conflict"]) == ["id", "rule", "name", "severity", "message", "within_source", "sources",
                                          "claims", "review", "settled_by", "misreports", "between_primaries"]
    assert found["unreviewed_errors"] == [conflict["id"]]
    assert run("diff", "--ledger", root, "--strict").exit_code == 1
    markdown = run("diff", "--ledger", root, "-f", "markdown").output
    assert "#### Claims changed (1)" in markdown and "relation higher → slightly-higher" in markdown
    assert len(markdown) < 4000


def test_diff_against_another_ledger_and_bad_revisions(tmp_path):
    root = _repo(tmp_path / "repo")
    other = tmp_path / "copy"
    shutil.copytree(tmp_path / "repo", other, ignore=shutil.ignore_patterns(".git"))
    (other / "claims" / "two.yaml").unlink()
    found = json.loads(run("diff", other / "claims.yaml", "--ledger", root, "-f", "json").output)
    assert len(found["claims"]["added"]) == 3 and len(found["conflicts"]["appeared"]) == 1
    bad = run("diff", "no-such-revision", "--ledger", root)
    assert bad.exit_code == 1 and "unknown git revision 'no-such-revision'" in bad.output
    outside = run("diff", "--ledger", other / "claims.yaml")
    assert outside.exit_code == 1 and "not in a git repository" in outside.output
    assert "Traceback" not in bad.output + outside.output


def test_fmt_check_covers_every_file(tmp_path):
    root = split_ledger(tmp_path)
    assert run("fmt", "--ledger", root).exit_code == 0
    assert run("fmt", "--check", "--ledger", root).exit_code == 0
    two = tmp_path / "claims" / "two.yaml"
    two.write_text(two.read_text().replace("\n\n  - id: two-x-b\n", "\n\n\n\n  - id: two-x-b\n"), encoding="utf-8")
    checked = run("fmt", "--check", "--ledger", root)
    assert checked.exit_code == 1 and "claims/two.yaml" in checked.output
    assert run("fmt", "--ledger", root).exit_code == 0
    assert run("fmt", "--check", "--ledger", root).exit_code == 0
    assert not list((tmp_path / "claims").glob(".*.lock"))  # the root's lock covers the set


def test_review_writes_where_the_reviews_are(tmp_path):
    root = split_ledger(tmp_path)
    (tmp_path / "claims" / "zz.yaml").write_text(textwrap.dedent("""\
        reviews: []
        """), encoding="utf-8")
    [conflict] = json.loads(run("conflicts", "--ledger", root, "-f", "json").output)
    done = run("review", conflict["id"], "--verdict", "confirmed", "--ledger", root)
    assert done.exit_code == 0, done.output
    assert conflict["id"] in (tmp_path / "claims" / "zz.yaml").read_text() or conflict["id"] in root.read_text()
