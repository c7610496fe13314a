"""Benchmark of issue 21: a ledger split over many files checks about as fast as one file.

    python3 bench/split.py [--claims 1000000] [--files 200] [--repeat 3] [--work DIR]

Generates a ledger (bench/generate.py), copies it with its claims cut into --files files of
consecutive claims (``claims/part-NNNN.yaml``, included by ``claims/*.yaml``; the root keeps
the rest), checks that both load to the same claims and conflicts, then times
``ledger check`` on each (cold: no cache), alternating, in the same run. The goal: the split
ledger within 10% of the single file (ratio <= 1.10). Prints the figures as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench import generate as gen  # noqa: E402

GOAL = 1.10
NODES_PER_CLAIM = 40  # as bench/run.py: the default --max-nodes is for about 230,000 claims


def split_copy(single: Path, out: Path, files: int) -> Path:
    """A copy of the ledger folder ``single`` with its claims in ``files`` files; the new root."""
    from ledger.read.fast_reader import _cut

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(single / "sources", out / "sources")
    text = (single / "claims.yaml").read_text(encoding="utf-8")
    starts, _ = _cut(text)
    assert starts is not None, "the generated ledger's claims are one block sequence"
    first, end = starts[0], starts[-1]
    items = len(starts) - 1
    head = text[:first].rsplit("claims:", 1)[0]
    (out / "claims.yaml").write_text(head + 'include: ["claims/*.yaml"]\n' + text[end:], encoding="utf-8")
    (out / "claims").mkdir()
    per = -(-items // files)
    for part in range(files):
        lo, hi = part * per, min(items, (part + 1) * per)
        if lo >= hi:
            break
        body = text[starts[lo]:starts[hi]]
        (out / "claims" / f"part-{part:04d}.yaml").write_text("claims:\n" + body, encoding="utf-8")
    return out / "claims.yaml"


def timed(root: Path, claims: int) -> float:
    env = dict(os.environ, LEDGER_NO_CACHE="1")
    command = [sys.executable, "-m", "ledger", "--max-nodes", str(max(5_000_000, claims * NODES_PER_CLAIM)),
               "--max-bytes", str(1 << 40), "check", "--ledger", str(root)]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ledger check failed on {root}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def measure(claims: int, files: int, repeat: int, work: Path, seed: int = 1) -> dict:
    single = work / f"single-{claims}"
    if not (single / "claims.yaml").exists():
        gen.generate(claims, single, seed=seed)
    root = split_copy(single, work / f"split-{claims}-{files}", files)
    one, many = [], []
    for _ in range(repeat):  # alternating, so that a slower moment of the machine hits both
        one.append(timed(single / "claims.yaml", claims))
        many.append(timed(root, claims))
    single_s, split_s = statistics.median(one), statistics.median(many)
    return {"claims": claims, "files": files, "repeat": repeat, "single_s": round(single_s, 3),
            "split_s": round(split_s, 3), "ratio": round(split_s / single_s, 3), "goal": GOAL,
            "pass": split_s / single_s <= GOAL}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", default=str(HERE / ".work-split"))
    args = parser.parse_args(argv)
    found = measure(args.claims, args.files, args.repeat, Path(args.work))
    print(json.dumps(found))
    return 0 if found["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
