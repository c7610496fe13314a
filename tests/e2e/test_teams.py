"""A ledger kept by a team (issue 21): two branches that add claims merge without a conflict,
and `ledger diff` says what a change does, against a git revision or another ledger."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap

from tests.conftest import copy_shipped, run
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


def test_the_shipped_ledger_takes_claims_from_two_branches_without_a_conflict(tmp_path):
    """The shipped ledger is split by source: a branch that adds a claim to spheron and one that
    adds a claim to datacamp change different files; git merges them, and `ledger diff` on the
    merge lists both claims (a second reading of a passage already claimed, ids of their own)."""
    root = copy_shipped(tmp_path, schema=True)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "start")
    git(tmp_path, "checkout", "-qb", "left")
    _add(root, "--source", "spheron", "--quote", "GPQA (0-shot, CoT):** LLaMA 3.1 (405B) scores **51.1",
         "--model", "llama-3.1-405b", "--value", "51.1", "--shots", "0", "--cot", "--id", "spheron-left",
         benchmark="gpqa")
    git(tmp_path, "commit", "-qam", "left")
    assert git(tmp_path, "diff", "--name-only", "HEAD~1").split() == ["claims/spheron.yaml"]
    git(tmp_path, "checkout", "-q", "main")
    git(tmp_path, "checkout", "-qb", "right")
    _add(root, "--source", "datacamp", "--quote", "achieving scores of 96.9 on ARC Challenge",
         "--model", "llama-3.1-405b", "--value", "96.9", "--id", "datacamp-right", benchmark="arc-challenge")
    git(tmp_path, "commit", "-qam", "right")
    assert git(tmp_path, "diff", "--name-only", "HEAD~1").split() == ["claims/datacamp.yaml"]
    git(tmp_path, "checkout", "-q", "left")
    git(tmp_path, "merge", "-q", "--no-edit", "right")  # asserts no conflict
    assert run("check", "--ledger", root).exit_code == 0
    diff = json.loads(run("diff", "main", "--ledger", root, "-f", "json").output)
    assert sorted(c["id"] for c in diff["claims"]["added"]) == ["datacamp-right", "spheron-left"]
    assert diff["claims"]["removed"] == [] and diff["claims"]["changed"] == []


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


def _split_single(folder):
    from tests.write.test_split import _single

    root = _single(folder)
    assert run("split", "--by", "source", "--ledger", root).exit_code == 0
    return root


def _write_up(folder, name, text):
    incoming = folder / "incoming" / name
    incoming.parent.mkdir(exist_ok=True)
    incoming.write_text(text, encoding="utf-8")
    return incoming


THREE = "---\ntitle: Three\n---\nModel A scores 91.0 on Bench X.\n"


def test_new_source_on_a_split_ledger_makes_the_source_its_own_file(tmp_path):
    root = _split_single(tmp_path)
    before = root.read_text(encoding="utf-8")
    done = run("new-source", _write_up(tmp_path, "three.md", THREE), "--id", "three", "--kind", "article",
               "--ledger", root)
    assert done.exit_code == 0, done.output
    assert root.read_text(encoding="utf-8") == before  # the root's glob picks the new file up
    own = (tmp_path / "claims" / "three.yaml").read_text(encoding="utf-8")
    assert "  - id: three\n    file: sources/three.md\n" in own and "claims: []" in own
    assert "      - {lines: [1, 3], reason: front matter (page metadata)}\n" in own
    assert not own.startswith("#")  # the schema's line only where the root has one
    assert "claims/three.yaml" in done.output
    assert run("check", "--ledger", root).exit_code == 0
    assert run("fmt", "--check", "--ledger", root).exit_code == 0
    _add(root, "--source", "three", "--quote", "Model A scores 91.0 on Bench X", "--model", "model-a",
         "--value", "91.0", benchmark="bench-x")
    assert "id: three-bench-x-model-a" in (tmp_path / "claims" / "three.yaml").read_text(encoding="utf-8")
    assert run("fmt", "--check", "--ledger", root).exit_code == 0


def test_new_source_adds_its_file_to_a_list_that_would_not_pick_it_up(tmp_path):
    root = _split_single(tmp_path)
    root.write_text(root.read_text(encoding="utf-8").replace('  - "claims/*.yaml"\n', ""), encoding="utf-8")
    done = run("new-source", _write_up(tmp_path, "three.md", THREE), "--id", "three", "--kind", "article",
               "--ledger", root)
    assert done.exit_code == 0, done.output
    assert "include:\n  - claims/one.yaml\n  - claims/two.yaml\n  - claims/three.yaml\n" in root.read_text()
    assert "three" in {s["id"] for s in json.loads(run("sources", "--ledger", root, "-f", "json").output)}
    assert run("check", "--ledger", root).exit_code == 0


def test_new_source_refuses_a_file_that_is_there_and_writes_nothing(tmp_path):
    root = _split_single(tmp_path)
    (tmp_path / "claims" / "three.yaml").write_text("claims: []\n", encoding="utf-8")
    refused = run("new-source", _write_up(tmp_path, "three.md", THREE), "--id", "three", "--ledger", root)
    assert refused.exit_code == 1 and "claims/three.yaml exists" in refused.output
    assert not (tmp_path / "sources" / "three.md").exists()
    assert (tmp_path / "claims" / "three.yaml").read_text(encoding="utf-8") == "claims: []\n"


def test_branches_adding_sources_merge_without_a_conflict(tmp_path):
    root = _split_single(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "start")
    for branch, name in (("left", "three"), ("right", "four")):
        git(tmp_path, "checkout", "-q", "main")
        git(tmp_path, "checkout", "-qb", branch)
        done = run("new-source", _write_up(tmp_path, f"{name}.md", f"Model A scores 9{len(name)}.0 on Bench X.\n"),
                   "--id", name, "--ledger", root)
        assert done.exit_code == 0, done.output
        git(tmp_path, "add", "-A", "claims", "sources")
        git(tmp_path, "commit", "-qm", branch)
    git(tmp_path, "merge", "-q", "--no-edit", "left")  # asserts no conflict
    sources = [s["id"] for s in json.loads(run("sources", "--ledger", root, "-f", "json").output)]
    assert sources == ["one", "two", "four", "three"]
    assert run("check", "--ledger", root).exit_code == 0


def test_fmt_of_an_included_file_writes_the_root_s_aliases_as_ids(tmp_path):
    from tests.conftest import VOCABULARY, build_ledger

    root = build_ledger(tmp_path, vocabulary=VOCABULARY, extra="include: [claims/*.yaml]\n")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "one.yaml").write_text(textwrap.dedent("""\
        claims:
          - id: one-a-open
            kind: statement
            source: one
            topic: licensing
            quote: Model A is open source.
            occurrence: 1
            subject: model-a
            predicate: open-sourced  # an alias the root's vocabulary declares
        """), encoding="utf-8")
    assert run("check", "--ledger", root).exit_code == 0
    assert run("fmt", "--check", "--ledger", root).exit_code == 1
    assert run("fmt", "--ledger", root).exit_code == 0
    text = (tmp_path / "claims" / "one.yaml").read_text(encoding="utf-8")
    assert "    predicate: open-source   # an alias the root's vocabulary declares\n" in text
    assert run("fmt", "--check", "--ledger", root).exit_code == 0
    assert run("check", "--ledger", root).exit_code == 0
