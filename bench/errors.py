"""Benchmark of issue 16, item 11: what one error costs `ledger check` on a large ledger.

    python3 bench/errors.py [--claims 100000] [--repeat 5] [--out FILE]

A ledger read by the fast path used to be read again whole by the reference reader as soon as
it held one problem, to say where: one wrong number in 100,000 claims took `check` from 3.1 s
to 11.3 s and 287 MB to 1.05 GB. Now only the item that holds a problem is read again. The
goal: a ledger with one error costs at most 1.5x a clean one, in time and in memory.

It generates the ledger (bench/generate.py, cached under --work as bench/run.py does), makes
one copy per kind of error (the sources hard-linked where possible), each differing from the clean
ledger in one claim:

  A003  a changed figure              value: 36.8   -> value: 12345.5
  S003  an unknown entity             model: X      -> model: X-typo
  S001  a field of the wrong type     shots: 5      -> shots: five
  S002  a duplicate claim id          the 2nd id of the last chunk -> the 1st claim's id

and times `ledger check` (cold: DIR/.ledger-cache removed before each run) on each, the runs
interleaved (clean, A003, S003, ..., then again) so that a noisy machine weighs on all alike.
Time is wall clock, median of --repeat runs; memory is the peak RSS of the process (/usr/bin/time).
Each erroneous run must exit 1 and report its error, at its line; the clean one must exit 0.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench.run import drop_cache, ensure_ledger, ledger_command, machine, measured  # noqa: E402

GOAL = 1.5  # a ledger with one error costs at most this times a clean one (time and memory)


def _first_claim_line(text: str, pattern: str) -> re.Match:
    return re.compile(pattern).search(text, text.index("\nclaims:\n"))


def broken(text: str, kind: str) -> tuple[str, int]:
    """The clean ledger's text with one error of ``kind``, and the line the error is on."""
    if kind == "A003":
        found = _first_claim_line(text, r"\n    value: [0-9.]+\n")
        start, new = found.start(), "\n    value: 12345.5\n"
    elif kind == "S003":
        found = _first_claim_line(text, r"\n    model: [a-z0-9.+-]+\n")
        start, new = found.start(), found.group(0)[:-1] + "-typo\n"
    elif kind == "S001":
        found = _first_claim_line(text, r"\n    setting: \{shots: [0-9]+\}\n")
        start, new = found.start(), "\n    setting: {shots: five}\n"
    elif kind == "S002":  # in the middle of the ledger, a claim takes the first claim's id
        first = _first_claim_line(text, r"\n  - id: ([^\n]+)\n")
        found = re.compile(r"\n  - id: [^\n]+\n").search(text, len(text) // 2)
        start, new = found.start(), f"\n  - id: {first.group(1)}\n"
    else:
        raise ValueError(kind)
    line = text.count("\n", 0, start) + 2  # the changed line: the one after the match's leading newline
    return text[:start] + new + text[found.end():], line


KINDS = ["A003", "S003", "S001", "S002"]


def _link(source, target) -> None:
    """A hard link where the file system allows one (the sources are 7.5 MB at 100k), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ledger-bench"))
    parser.add_argument("--out", type=Path, default=None, help="also write the report here (markdown)")
    parser.add_argument("--before", default=None, metavar="PYTHON",
                        help="also time another install's `PYTHON -m ledger` (e.g. the code before), in the same run")
    args = parser.parse_args(argv)
    began = time.time()
    args.work.mkdir(parents=True, exist_ok=True)
    clean_folder, _, _ = ensure_ledger(args.claims, args.seed, args.work)
    clean = clean_folder / "claims.yaml"
    text = clean.read_text(encoding="utf-8")
    cases = {"clean": (clean, None)}
    for kind in KINDS:
        folder = args.work / f"n{args.claims}-s{args.seed}-{kind}"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        shutil.copytree(clean_folder / "sources", folder / "sources", copy_function=_link)  # not a symlink: A006
        changed, line = broken(text, kind)
        (folder / "claims.yaml").write_text(changed, encoding="utf-8")
        cases[kind] = (folder / "claims.yaml", line)
    programs = {"": sys.executable} | ({"before: ": args.before} if args.before else {})
    runs: dict[str, list] = {label + name: [] for label in programs for name in cases}
    problems = []
    for _ in range(args.repeat):
        for label, python in programs.items():
            for name, (ledger, line) in cases.items():
                drop_cache(ledger.parent)
                out = args.work / f"errors-{name}.out"
                # -P: not the current folder first on the path, where `-m ledger` could find another copy
                command = [python, "-P"] + ledger_command(ledger, args.claims)[1:] + ["check", "--ledger", str(ledger)]
                run = measured(command, args.timeout, out, args.work)
                said = out.read_text(errors="replace")
                if name == "clean":
                    if run.rc != 0:
                        problems.append(f"{label}clean: exit {run.rc}: {said[-300:]}")
                elif run.rc != 1 or f"claims.yaml:{line}:" not in said or f" {name} " not in said:
                    problems.append(f"{label}{name}: exit {run.rc}, expected {name} at line {line}: {said[-300:]}")
                runs[label + name].append(run)
    info = machine()
    lines = [
        "# One error in a large ledger (issue 16, item 11)", "",
        f"`python3 bench/errors.py --claims {args.claims} --repeat {args.repeat}` on "
        f"{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime(began))}; {info.get('nproc')} cores, "
        f"{info.get('cpu', '?')}, Python {info.get('python', '?').split()[0]}; total {time.time() - began:.0f} s.", "",
        f"`ledger check` cold on a generated ledger of {args.claims:,} claims ({clean.stat().st_size / 1e6:.1f} MB) "
        "and on copies with one error each; wall clock, median of the runs (interleaved); peak RSS of the "
        "process, the largest of the runs.", "",
        "| ledger | time (s) | x clean | peak RSS MB | x clean | runs (s) | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    worst = 0.0
    for label, python in programs.items():
        clean_runs = runs[label + "clean"]
        base_time = statistics.median(r.seconds for r in clean_runs if r.seconds is not None)
        base_rss = max(r.peak_kb or 0 for r in clean_runs) / 1024
        for name in cases:
            found = runs[label + name]
            times = [r.seconds for r in found if r.seconds is not None]
            seconds = statistics.median(times) if times else float("nan")
            rss = max(r.peak_kb or 0 for r in found) / 1024
            ratio, memory = seconds / base_time, rss / base_rss
            if name != "clean" and not label:
                worst = max(worst, ratio, memory)
            verdict = "" if name == "clean" or label else ("PASS" if ratio <= GOAL and memory <= GOAL else "FAIL")
            shown = label + ("clean" if name == "clean" else f"one {name}")
            lines.append(f"| {shown} | {seconds:.2f} | {ratio:.2f}x | {rss:.0f} | {memory:.2f}x | "
                         f"{', '.join(f'{t:.2f}' for t in times)} | {verdict} |")
    if args.before:
        lines += ["", f"'before:' rows: `{args.before} -m ledger`, the same ledgers, runs interleaved with the others."]
    lines += ["", f"Goal: one error costs at most {GOAL}x a clean ledger: worst {worst:.2f}x, "
              f"**{'PASS' if worst <= GOAL and not problems else 'FAIL'}**."]
    lines += [f"- problem: {p}" for p in problems]
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0 if worst <= GOAL and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
