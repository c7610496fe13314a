"""``ledger split --by source`` and ``--undo`` (issue 21): a pure function of the texts, a thin
command; the round trip keeps the claims, the conflicts and their ids."""

from __future__ import annotations

import json
import re
import textwrap

from ledger import load_ledger
from ledger.write.split import join, split_by_source
from tests.conftest import copy_shipped, run, shipped_files, shipped_joined
from tests.read.test_includes import OUTPERFORMS, split_ledger
from tests.conftest import build_ledger, score


def _single(folder):
    claims = (score("one-x-a", "one", "Model A scores **88.6**", "model-a", "88.6")
              + "# a comment that travels with its claim\n"
              + score("two-x-a", "two", "Model A scores 88.60 on Bench X", "model-a", "88.60")
              + score("one-x-c", "one", "Model C scores **90.1**", "model-c", "90.1")
              + score("two-x-b", "two", "Model B scores 85.4 on Bench X", "model-b", "85.4") + OUTPERFORMS)
    return build_ledger(folder, claims)


def test_split_by_source_gives_a_root_and_one_file_per_source(tmp_path):
    root = _single(tmp_path)
    files = split_by_source(root.read_text(), "claims.yaml")
    assert sorted(files) == ["claims.yaml", "claims/one.yaml", "claims/two.yaml"]
    # the files in the order their sources were, then the glob that picks up a new source's file
    assert "include:\n  - claims/one.yaml\n  - claims/two.yaml\n  - \"claims/*.yaml\"\n" in files["claims.yaml"]
    assert "sources:" not in files["claims.yaml"] and "claims:" not in files["claims.yaml"]
    assert "id: two-x-b-outperforms" in files["claims/two.yaml"]
    assert "# a comment that travels with its claim" in files["claims/two.yaml"]
    assert files["claims/one.yaml"].index("one-x-a") < files["claims/one.yaml"].index("one-x-c")
    joined = join([(name, files[name]) for name in ("claims.yaml", "claims/one.yaml", "claims/two.yaml")])
    assert "include:" not in joined and joined.count("- id: one\n") == 1 and joined.count("- id: one-x-a\n") == 1


def test_the_round_trip_keeps_claims_conflicts_and_ids(tmp_path):
    root = _single(tmp_path)
    before = (run_json_plain("claims", root), run_json_plain("conflicts", root))
    assert run("split", "--by", "source", "--ledger", root).exit_code == 0
    assert (tmp_path / "claims" / "one.yaml").exists() and load_ledger(root).ledger.files is not None
    split = (run_json_plain("claims", root), run_json_plain("conflicts", root))
    assert run("fmt", "--check", "--ledger", root).exit_code == 0
    assert run("split", "--undo", "--ledger", root).exit_code == 0
    assert not (tmp_path / "claims").exists()
    joined = (run_json_plain("claims", root), run_json_plain("conflicts", root))
    assert _same(before, split) and _same(before, joined)
    assert before[1]  # there is a conflict to keep


def test_the_shipped_ledger_joins_and_splits_back_to_the_same_ledger(tmp_path):
    """The shipped ledger is split by source. Joined, then split again: exactly the same claims,
    conflicts (ids, messages, who settles them), fact-check sheets and coverage, in the same
    order; the joined file is one the split gives back byte for byte."""
    root = copy_shipped(tmp_path, schema=True)
    shipped = {name: (tmp_path / name).read_text(encoding="utf-8") for name, _ in shipped_files()}
    assert len(shipped) == 7  # the root and the six sources' files

    def outputs():
        secondaries = [s["id"] for s in run_json_plain("sources", root) if s["role"] == "secondary"]
        assert len(secondaries) == 4
        return ([run_json_plain(command, root) for command in ("claims", "conflicts", "coverage")]
                + [run_json_plain("audit", root, source) for source in secondaries])

    split = outputs()
    assert run("split", "--undo", "--ledger", root).exit_code == 0
    assert not (tmp_path / "claims").exists()
    assert root.read_text(encoding="utf-8") == shipped_joined()
    joined = outputs()
    assert run("split", "--by", "source", "--ledger", root).exit_code == 0
    assert {name: (tmp_path / name).read_text(encoding="utf-8") for name in shipped} == shipped
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "claims").iterdir()) \
        == sorted(name for name in shipped if name != "claims.yaml")
    assert run("check", "--ledger", root).exit_code == 0
    assert run("fmt", "--check", "--ledger", root).exit_code == 0
    assert joined == split
    assert outputs() == split


def test_a_new_file_the_glob_picks_up_comes_after_the_listed_ones_and_joins_back_there(tmp_path):
    root = _single(tmp_path)
    assert run("split", "--by", "source", "--ledger", root).exit_code == 0
    (tmp_path / "claims" / "aaa.yaml").write_text(
        "claims:\n" + textwrap.indent(score("one-y-a", "one", "Bench Y: Model A scores 70.0", "model-a", "70.0", benchmark="bench-y"), "  "),
        encoding="utf-8")
    order = [c["id"] for c in run_json_plain("claims", root)]
    assert order[-1] == "one-y-a"  # after the listed files, though its name sorts first
    assert run("split", "--undo", "--ledger", root).exit_code == 0
    assert [c["id"] for c in run_json_plain("claims", root)] == order


def test_split_refuses_a_split_ledger_and_join_a_single_one(tmp_path):
    root = split_ledger(tmp_path)
    again = run("split", "--by", "source", "--ledger", root)
    assert again.exit_code == 1 and "already includes" in again.output
    (tmp_path / "single").mkdir()
    single = _single(tmp_path / "single")
    assert run("split", "--undo", "--ledger", single).exit_code == 1
    assert run("split", "--ledger", single).exit_code == 2


def run_json_plain(command, root, *args):
    result = run(command, *args, "--ledger", root, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


_WHERE = ("line", "column", "end_line", "end_column")


def _claims(records):
    return sorted(({k: v for k, v in r.items() if k not in _WHERE} for r in records), key=lambda r: r["id"])


def _words(message: str) -> list[str]:
    """A message's words, in any order and whatever punctuation follows them: "80.9 (spheron), 73.2
    (herd-paper);" and "73.2 (herd-paper), 80.9 (spheron);" list the same figures."""
    return sorted(word.rstrip(".") for word in re.findall(r"[\w@./%'-]+", message))


def _same(a, b) -> bool:
    """The same claims and the same conflicts, but for where the claims are written and the
    order the files give them (a conflict's evidence is listed in the claims' order)."""
    if _claims(a[0]) != _claims(b[0]):
        return False
    first, second = ({c["id"]: c for c in side[1]} for side in (a, b))
    if set(first) != set(second):
        return False
    for cid, one in first.items():
        other = second[cid]
        if (one["rule"], one["severity"], sorted(one["sources"]), one["review"]) != \
                (other["rule"], other["severity"], sorted(other["sources"]), other["review"]):
            return False
        if _claims(one["claims"]) != _claims(other["claims"]):
            return False
        if sorted(one["message"].split("; ")) != sorted(other["message"].split("; ")) \
                and _words(one["message"]) != _words(other["message"]):
            return False
    return True
