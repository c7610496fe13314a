"""A ledger written in several files (issue 21): the root includes paths or globs, every
problem is located in the file that holds it, includes that go wrong are S009 at the include."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from ledger import load_ledger
from ledger.check.engine import find_conflicts
from tests.conftest import GOOD_SCORE, SOURCE_TEXT, build_ledger, position_of, run, score


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def split_ledger(folder: Path, include: str = "[claims/*.yaml]") -> Path:
    """A root with the sources and entities; the claims in claims/one.yaml and claims/two.yaml
    (where a comparison the scores contradict makes a conflict)."""
    folder.mkdir(parents=True, exist_ok=True)
    root = build_ledger(folder, extra=f"include: {include}\n")
    _write(folder / "claims" / "one.yaml", "claims:\n" + textwrap.indent(
        score("one-x-a", "one", "Model A scores **88.6**", "model-a", "88.6").strip("\n") + "\n"
        + score("one-x-c", "one", "Model C scores **90.1**", "model-c", "90.1"), "  "))
    _write(folder / "claims" / "two.yaml", "claims:\n" + textwrap.indent(
        score("two-x-a", "two", "Model A scores 88.60 on Bench X", "model-a", "88.60").strip("\n") + "\n"
        + score("two-x-b", "two", "Model B scores 85.4 on Bench X", "model-b", "85.4") + OUTPERFORMS, "  "))
    return root


OUTPERFORMS = """
- id: two-x-b-outperforms
  kind: comparison
  source: two
  topic: benchmark
  quote: Model B outperforms Model A on Bench X
  subjects: [model-b]
  relation: higher
  objects: [model-a]
  benchmark: bench-x
"""


def test_a_split_ledger_loads_every_file_in_order(tmp_path):
    result = load_ledger(split_ledger(tmp_path))
    assert result.diagnostics == []
    assert list(result.ledger.claims) == ["one-x-a", "one-x-c", "two-x-a", "two-x-b", "two-x-b-outperforms"]
    ledger = result.ledger
    assert ledger.location_of("claims", "two-x-b").path == str(tmp_path / "claims" / "two.yaml")
    line, column = position_of(tmp_path / "claims" / "two.yaml", "id: two-x-b")
    assert (ledger.location_of("claims", "two-x-b").line, ledger.location_of("claims", "two-x-b").column) \
        == (line, column)
    assert ledger.relative_file_of("claims", "one-x-a") == "claims/one.yaml"
    assert ledger.location_of("sources", "one").path == str(tmp_path / "claims.yaml")


def test_a_problem_in_an_included_file_is_located_there(tmp_path):
    split_ledger(tmp_path)
    two = tmp_path / "claims" / "two.yaml"
    two.write_text(two.read_text().replace("value: 85.4", "value: 85.5"), encoding="utf-8")
    [problem] = load_ledger(tmp_path / "claims.yaml").diagnostics
    assert problem.code == "A003"
    assert problem.location.path == str(two)
    assert (problem.location.line, problem.location.column) == position_of(two, "85.5")


def test_a_duplicate_key_in_an_included_file_is_located_there(tmp_path):
    """The fast reader gives up on a duplicate key (NotFast): the whole set is read again by the
    reference reader, the included files too, which says where the key is."""
    split_ledger(tmp_path)
    two = tmp_path / "claims" / "two.yaml"
    two.write_text(two.read_text().replace("    kind: score\n", "    kind: score\n    kind: score\n", 1),
                   encoding="utf-8")
    result = load_ledger(tmp_path / "claims.yaml")
    assert result is not None and not result.ok
    [problem] = result.diagnostics
    assert problem.location.path == str(two)
    assert (problem.location.line, problem.location.column) == position_of(two, "kind: score", 2)
    result = run("check", "-l", tmp_path / "claims.yaml")
    assert result.exit_code == 1 and "internal error" not in result.output


def test_a_duplicate_id_across_files_names_both_places(tmp_path):
    split_ledger(tmp_path)
    _write(tmp_path / "claims" / "zz.yaml", "claims:\n" + textwrap.indent(GOOD_SCORE.replace("one-x-a", "two-x-b"), "  "))
    [problem] = load_ledger(tmp_path / "claims.yaml").diagnostics
    assert problem.code == "S002"
    assert problem.location.path == str(tmp_path / "claims" / "zz.yaml")
    assert problem.related[0].path == str(tmp_path / "claims" / "two.yaml")
    assert str(tmp_path / "claims" / "two.yaml") in problem.message


@pytest.mark.parametrize("include, message", [
    ("[../elsewhere.yaml]", "leaves the ledger's folder"),
    ("[/etc/passwd]", "leaves the ledger's folder"),
    ("[claims/*.yaml, claims/nothing.yaml]", "does not exist"),
    ("[claims/*.yaml, notes/*.yaml]", "matches no file"),
])
def test_an_include_that_goes_wrong_is_located_at_its_entry(tmp_path, include, message):
    root = split_ledger(tmp_path, include)
    problems = [d for d in load_ledger(root).diagnostics if d.code == "S009"]
    assert len(problems) == 1 and message in problems[0].message, [d.render() for d in problems]
    bad = include.strip("[]").split(", ")[-1]
    assert problems[0].location.path == str(root)
    assert (problems[0].location.line, problems[0].location.column) == position_of(root, bad)
    assert problems[0].hint


def test_a_link_out_of_the_folder_is_refused(tmp_path):
    outside = _write(tmp_path / "outside" / "x.yaml", "claims: []\n")
    root = split_ledger(tmp_path / "ledger", "[claims/*.yaml, linked.yaml]")
    (tmp_path / "ledger" / "linked.yaml").symlink_to(outside)
    [problem] = [d for d in load_ledger(root).diagnostics if d.code == "S009"]
    assert "leaves the ledger's folder" in problem.message


def test_an_include_cycle_is_located(tmp_path):
    root = split_ledger(tmp_path, "[claims/one.yaml]")
    one = tmp_path / "claims" / "one.yaml"
    one.write_text("include: [claims/two.yaml]\n" + one.read_text(), encoding="utf-8")
    two = tmp_path / "claims" / "two.yaml"
    two.write_text("include: [claims/one.yaml]\n" + two.read_text(), encoding="utf-8")
    [problem] = load_ledger(root).diagnostics
    assert problem.code == "S009" and "cycle" in problem.message
    assert "claims.yaml -> claims/one.yaml -> claims/two.yaml -> claims/one.yaml" in problem.message
    assert problem.location.path == str(two)
    assert (problem.location.line, problem.location.column) == position_of(two, "claims/one.yaml")


def test_settings_belong_in_the_root(tmp_path):
    split_ledger(tmp_path)
    two = tmp_path / "claims" / "two.yaml"
    two.write_text("settings: {}\n" + two.read_text(), encoding="utf-8")
    [problem] = load_ledger(tmp_path / "claims.yaml").diagnostics
    assert problem.code == "S001" and "belongs in the root" in problem.message
    assert problem.location.path == str(two)


def test_included_files_may_hold_sources_entities_vocabulary_and_reviews(tmp_path):
    root = split_ledger(tmp_path)
    conflict = next(c for c in find_conflicts(load_ledger(root).ledger) if c.rule == "C002")
    _write(tmp_path / "claims" / "zz.yaml", f"""\
        sources:
          - id: three
            file: sources/one.txt
            title: Three
            kind: blog-post
            sha256: {__import__('hashlib').sha256(SOURCE_TEXT.encode()).hexdigest()}
        entities:
          - {{id: model-d, kind: model, name: Model D}}
        vocabulary:
          predicates: []
        reviews:
          - {{conflict: {conflict.id}, verdict: confirmed, note: tested}}
        """)
    result = load_ledger(root)
    assert result.diagnostics == []
    assert "three" in result.ledger.sources and "model-d" in result.ledger.entities
    assert result.ledger.vocabulary.predicates == []
    assert result.ledger.location_of("reviews", conflict.id).path == str(tmp_path / "claims" / "zz.yaml")


def test_the_cache_sees_a_change_in_any_file(tmp_path, monkeypatch):
    monkeypatch.delenv("LEDGER_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = split_ledger(tmp_path / "l")
    assert run("check", "--ledger", root).exit_code == 0
    assert run("check", "--ledger", root).exit_code == 0  # from the cache
    two = tmp_path / "l" / "claims" / "two.yaml"
    two.write_text(two.read_text().replace("value: 85.4", "value: 85.5"), encoding="utf-8")
    changed = run("check", "--ledger", root)
    assert changed.exit_code == 1 and "claims/two.yaml" in changed.output and "A003" in changed.output
    two.write_text(two.read_text().replace("value: 85.5", "value: 85.4"), encoding="utf-8")
    assert run("check", "--ledger", root).exit_code == 0
    _write(tmp_path / "l" / "claims" / "three.yaml", "claims:\n" + textwrap.indent(GOOD_SCORE.replace("one-x-a", "two-x-b"), "  "))
    added = run("check", "--ledger", root)  # a new file the glob matches
    assert added.exit_code == 1 and "S002" in added.output
    (tmp_path / "l" / "claims" / "three.yaml").unlink()
    again = run("conflicts", "--ledger", root, "-f", "json")
    assert again.exit_code == 0
    claims = run("claims", "--ledger", root, "-f", "json")
    assert {c["id"] for c in json.loads(claims.output)} == {"one-x-a", "one-x-c", "two-x-a", "two-x-b", "two-x-b-outperforms"}
    shown = run("show", "two-x-b", "--ledger", root)
    assert "claims/two.yaml:" in shown.output


def test_sarif_and_github_name_the_included_file(tmp_path):
    root = split_ledger(tmp_path)
    sarif = json.loads(run("conflicts", "--ledger", root, "-f", "sarif").output)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for result in sarif["runs"][0]["results"] for loc in result["relatedLocations"]}
    assert "claims/one.yaml" in uris or "claims/two.yaml" in uris
    assert "claims.yaml" not in uris
    github = run("conflicts", "--ledger", root, "-f", "github").output
    assert f"file={str(tmp_path / 'claims' / 'one.yaml').replace(':', '%3A')}" in github \
        or f"file={str(tmp_path / 'claims' / 'two.yaml').replace(':', '%3A')}" in github
