"""Smoke test of the benchmark harness (bench/, issue 8): a small generated ledger loads clean,
the cross-checker finds exactly the planted contradictions, and the runner writes its report.
No timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench import generate
from bench.run import check_planted
from ledger import load_ledger
from ledger.check.engine import find_conflicts
from tests.conftest import REPO

N = 300


def test_generated_ledger_loads_clean_and_only_planted_conflicts_are_found(tmp_path):
    out = tmp_path / "ledger"
    stats = generate.generate(N, out, seed=3)
    assert stats["claims"] == N
    assert stats["bytes_per_claim"] >= 250
    assert max(stats["kinds"], key=stats["kinds"].get) == "score"
    assert set(stats["kinds"]) == {"score", "statement", "quantity", "comparison", "ranking", "tally"}

    result = load_ledger(out / "claims.yaml")
    assert result.diagnostics == []
    assert result.ok and len(result.ledger.claims) == N

    planted = json.loads((out / "planted.json").read_text(encoding="utf-8"))
    assert sorted(planted) == ["C001", "C002", "C003", "C004", "C005", "C006"]
    assert all(cases for cases in planted.values())
    assert all(case == sorted(case) and set(case) <= set(result.ledger.claims)
               for cases in planted.values() for case in cases)

    conflicts = find_conflicts(result.ledger)
    found = {(rule, k): False for rule, cases in planted.items() for k in range(len(cases))}
    unexpected = []
    for conflict in conflicts:
        hits = [k for k, case in enumerate(planted.get(conflict.rule, [])) if set(case) <= set(conflict.claims)]
        for k in hits:
            found[(conflict.rule, k)] = True
        if not hits:
            unexpected.append(f"{conflict.rule}: {conflict.message}")
    assert [key for key, hit in found.items() if not hit] == []
    assert unexpected == []

    # the runner's matcher, on the JSON shape of `ledger conflicts --format json`
    as_json = [{"rule": c.rule, "id": c.id, "claims": [{"id": i} for i in c.claims]} for c in conflicts]
    verdict = check_planted(as_json, planted)
    assert verdict["unexpected"] == 0
    assert all(hit == total for hit, total in verdict["per_rule"].values())


def test_generator_is_deterministic(tmp_path):
    generate.generate(120, tmp_path / "a", seed=5)
    generate.generate(120, tmp_path / "b", seed=5)
    for name in ("claims.yaml", "planted.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    sources_a = sorted(p.name for p in (tmp_path / "a" / "sources").iterdir())
    assert sources_a == sorted(p.name for p in (tmp_path / "b" / "sources").iterdir())


def test_runner_writes_the_report(tmp_path):
    report = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", str(N), "--repeat", "1",
         "--out", str(report), "--work", str(tmp_path / "work")],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    text = report.read_text(encoding="utf-8")
    assert "| N | step | time (s) | x baseline | max RSS MB | tree PSS MB | x baseline mem | runs (s) |" in text
    for step in ("baseline", "check", "conflicts cold", "conflicts re-run"):
        assert f"| {N} | {step} |" in text
    assert "CSafeLoader available" in text and "## Goals" in text
    assert f"| {N} | 2/2 | 1/1 | 1/1 | 2/2 | 1/1 | 1/1 |" in text  # planted found per rule
    assert f"{N}: 8/8 found, 0 unexpected | **PASS** |" in text


def test_tree_pss_counts_forked_children():
    from bench.run import tree_pss_kb

    proc = subprocess.Popen([sys.executable, "-c", "import os, time; os.fork(); time.sleep(3)"])
    try:
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        for _ in range(200):
            if children.read_text().split():
                break
            time.sleep(0.01)
        alone = next(int(line.split()[1]) for line in Path(f"/proc/{proc.pid}/smaps_rollup").read_text().splitlines()
                     if line.startswith("Pss:"))
        assert tree_pss_kb(proc.pid) > alone > 0
    finally:
        proc.kill()
        proc.wait()


def test_the_errors_benchmark_plants_exactly_one_error_of_each_kind(tmp_path):
    """bench/errors.py (issue 16, item 11) times check on copies of a ledger with one error
    each: each copy must hold that error, at the line it says, and no other."""
    import shutil

    from bench import errors

    clean = tmp_path / "clean"
    generate.generate(N, clean, seed=3)
    text = (clean / "claims.yaml").read_text(encoding="utf-8")
    for kind in errors.KINDS:
        folder = tmp_path / kind
        shutil.copytree(clean / "sources", folder / "sources")
        changed, line = errors.broken(text, kind)
        (folder / "claims.yaml").write_text(changed, encoding="utf-8")
        found = [(d.code, d.location.line) for d in load_ledger(folder / "claims.yaml").diagnostics]
        assert found == [(kind, line)], (kind, found)


def test_the_startup_benchmark_times_each_step_and_reports_ratios_to_its_baseline(tmp_path):
    from bench import startup

    out = tmp_path / "startup.md"
    startup.main(["--repeat", "1", "--out", str(out)])  # its verdict is timing: not asserted here
    report = out.read_text(encoding="utf-8")
    for step in ("baseline", "version", "help", "check"):
        assert f"| {step} |" in report
    assert " -c pass` | " in report and "| 1.00x |" in report
    times = {"baseline": [0.02, 0.02], "version": [0.05, 0.07], "help": [0.06, 0.06], "check": [0.13, 0.13]}
    assert startup.ratios(times) == {"baseline": 1.0, "version": 3.0, "help": 3.0, "check": 6.5}
    text, passed = startup.report(times, 2, "python3 bench/startup.py")
    assert not passed and "| check |" in text and "FAIL" in text


def test_a_ledger_split_over_files_is_the_same_ledger_and_is_timed(tmp_path):
    """bench/split.py (issue 21) on a small ledger: the split copy loads to the same claims and
    conflicts; the runner reports a ratio (no timing asserted)."""
    from bench import split

    generate.generate(N, tmp_path / "single-300", seed=3)
    root = split.split_copy(tmp_path / "single-300", tmp_path / "split", 20)
    assert len(list((tmp_path / "split" / "claims").glob("*.yaml"))) == 20
    one, many = load_ledger(tmp_path / "single-300" / "claims.yaml"), load_ledger(root)
    assert many.diagnostics == [] and list(many.ledger.claims) == list(one.ledger.claims)
    assert [c.id for c in find_conflicts(many.ledger)] == [c.id for c in find_conflicts(one.ledger)]
    found = split.measure(N, 20, 1, tmp_path)
    assert found["files"] == 20 and found["ratio"] > 0
