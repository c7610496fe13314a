"""Benchmark runner of issue 8: time `ledger` against PyYAML on synthetic ledgers.

    python3 bench/run.py [--sizes 10000,100000,1000000] [--repeat 3] [--out bench/RESULTS.md]

For each size N it generates a ledger with bench/generate.py (cached under --work, keyed by
N, seed and the generator's own hash), then times whole processes (wall clock, median of
--repeat runs; peak RSS of each process via /usr/bin/time, or a getrusage wrapper; then one
untimed run of each step for the peak PSS of the process tree, sampled from /proc):

  baseline          python -c "import yaml; yaml.load(open(F), Loader=yaml.CSafeLoader)"
  check             ledger check                       (cold: DIR/.ledger-cache removed first)
  conflicts cold    ledger conflicts --format json     (cold: DIR/.ledger-cache removed first)
  conflicts re-run  ledger conflicts --format json     (again, on the unchanged ledger)

It checks every planted contradiction (DIR/planted.json) against the JSON of the cold run,
counts unexpected conflicts, checks that the re-run printed the same JSON, and writes a
report (machine, commands, table, PASS/FAIL per goal) to --out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import generate as gen  # noqa: E402

CACHE_DIR = ".ledger-cache"
GOALS = {
    "cold": 0.25,    # cold `ledger conflicts` at 100k, as a ratio of the baseline's time
    "rerun": 0.05,   # re-run at 100k, as a ratio of the baseline's time
    "growth": 11.0,  # cold conflicts time at 1M / at 100k
}
GOAL_SIZE, GROWTH_FROM, GROWTH_TO = 100_000, 100_000, 1_000_000
TIME_BIN = "/usr/bin/time"
RUSAGE_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "out, cmd = sys.argv[1], sys.argv[2:]\n"
    "start = time.perf_counter()\n"
    "rc = subprocess.call(cmd)\n"
    "elapsed = time.perf_counter() - start\n"
    "kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(out, 'w').write(f'{elapsed:.3f} {kb}\\n')\n"
    "sys.exit(rc)\n"
)


# ------------------------------------------------------------------ running one process

@dataclass
class Run:
    seconds: float | None  # wall clock; None when it timed out
    peak_kb: int | None
    rc: int | None
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.seconds is not None and self.rc == 0


@dataclass
class Step:
    name: str
    command: list[str]
    runs: list[Run] = field(default_factory=list)
    timed_out: bool = False
    failed: bool = False
    tree_pss_kb: int | None = None  # peak of the process and its children, from the memory pass

    @property
    def memory_mb(self) -> float | None:
        """What the memory goal compares: the tree's peak PSS where sampled, else the peak RSS."""
        return self.tree_pss_kb / 1024 if self.tree_pss_kb else self.peak_mb

    @property
    def good(self) -> list[Run]:
        return [r for r in self.runs if r.ok]

    @property
    def seconds(self) -> float | None:
        good = self.good
        return statistics.median(r.seconds for r in good) if good and not self.failed else None

    @property
    def peak_mb(self) -> float | None:
        peaks = [r.peak_kb for r in self.good if r.peak_kb]
        return max(peaks) / 1024 if peaks else None

    @property
    def peak_at_least_mb(self) -> float | None:
        """For a step that timed out: the peak RSS it had reached when it was killed."""
        peaks = [r.peak_kb for r in self.runs if r.seconds is None and r.peak_kb]
        return max(peaks) / 1024 if peaks else None

    def peak_cell(self) -> str:
        if self.peak_mb is not None:
            return f"{self.peak_mb:.0f}"
        if self.peak_at_least_mb is not None:
            return f">= {self.peak_at_least_mb:.0f} (at kill)"
        return "—"

    def status(self, timeout: float) -> str:
        if not self.runs:
            return "not run"
        if self.timed_out:
            return f"timeout (>{timeout:g} s)"
        if self.failed:
            rc = next((r.rc for r in self.runs if r.rc not in (0, None)), "?")
            return f"failed (exit {rc})"
        return "ok"


def measured(command: list[str], timeout: float, stdout_path: Path | None, workdir: Path) -> Run:
    """Run one process; wall clock around it, peak RSS from /usr/bin/time (or getrusage)."""
    fd, stats = tempfile.mkstemp(prefix="ledger-bench-", suffix=".time", dir=workdir)
    os.close(fd)
    if os.access(TIME_BIN, os.X_OK):
        wrapped = [TIME_BIN, "-f", "%e %M", "-o", stats, "--"] + command
    else:
        wrapped = [sys.executable, "-c", RUSAGE_WRAPPER, stats] + command
    env = dict(os.environ, NO_COLOR="1")
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err_path = Path(stats + ".err")
    try:
        with open(err_path, "wb") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(wrapped, stdout=out, stderr=err, env=env, start_new_session=True)
            try:
                rc = proc.wait(timeout=timeout)
                seconds = time.perf_counter() - start
            except subprocess.TimeoutExpired:
                _kill(proc)
                seconds = None
                rc = None
    finally:
        if stdout_path:
            out.close()
    peak_kb = None
    try:
        fields = Path(stats).read_text().split()
        peak_kb = int(fields[-1])
    except (OSError, ValueError, IndexError):
        pass
    stderr = err_path.read_text(errors="replace")
    os.unlink(stats)
    os.unlink(err_path)
    if os.access(TIME_BIN, os.X_OK):  # /usr/bin/time notes a non-zero exit on stderr
        stderr = "\n".join(line for line in stderr.splitlines() if not line.startswith("Command exited"))
    return Run(seconds, peak_kb, rc, "timeout" if seconds is None else stderr[-2000:])


def tree_pss_kb(pid: int) -> int:
    """The proportional set size of a process and all its descendants, in KiB: pages that
    forked children share with their parent are counted once, split among the sharers."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
            for task in os.listdir(f"/proc/{current}/task"):
                pending += [int(c) for c in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except (OSError, ValueError):
            continue  # it ended meanwhile
    return total


def sampled_memory(command: list[str], timeout: float) -> int | None:
    """Peak tree PSS (KiB) of one untimed run, sampled every 50 ms or more (reading a large
    process's page tables takes time; the sampler never takes more than a third of a core)."""
    if not Path("/proc/self/smaps_rollup").exists():
        return None
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, NO_COLOR="1"), start_new_session=True)
    peak, start = 0, time.perf_counter()
    while proc.poll() is None:
        if time.perf_counter() - start > timeout:
            _kill(proc)
            return None
        began = time.perf_counter()
        peak = max(peak, tree_pss_kb(proc.pid))
        time.sleep(max(0.05, 2 * (time.perf_counter() - began)))
    return peak if proc.returncode == 0 and peak else None


def _kill(proc: subprocess.Popen) -> None:
    """Kill the measured process first, so that the wrapper (/usr/bin/time) still writes the
    peak RSS it reached; then whatever is left of the process group."""
    try:
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    except OSError:
        children = []
    for child in children:
        try:
            os.kill(int(child), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass
    try:
        proc.wait(timeout=10 if children else 0.1)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


# ------------------------------------------------------------------ one size

def generator_stamp() -> str:
    return hashlib.sha256(Path(gen.__file__).read_bytes()).hexdigest()[:16]


def ensure_ledger(n: int, seed: int, work: Path) -> tuple[Path, dict, bool]:
    """The generated ledger for (n, seed), generated unless a matching one is cached."""
    folder = work / f"n{n}-s{seed}"
    stamp = folder / "stamp.txt"
    stats_path = folder / "generated.json"
    if stamp.exists() and stamp.read_text().strip() == generator_stamp() and stats_path.exists() \
            and (folder / "claims.yaml").exists():
        return folder, json.loads(stats_path.read_text()), True
    if folder.exists():
        shutil.rmtree(folder)
    stats = gen.generate(n, folder, seed)
    stamp.write_text(generator_stamp() + "\n")
    return folder, stats, False


def drop_cache(folder: Path) -> None:
    cache = folder / CACHE_DIR
    if cache.is_symlink() or cache.is_file():
        cache.unlink()
    elif cache.exists():
        shutil.rmtree(cache)


def ledger_command(ledger: Path, n: int) -> list[str]:
    size = ledger.stat().st_size
    max_bytes = max(64 * 1024 * 1024, 2 * size)
    max_nodes = max(5_000_000, 40 * n)
    return [sys.executable, "-m", "ledger", "--max-bytes", str(max_bytes), "--max-nodes", str(max_nodes)]


def check_planted(found: list, planted: dict) -> dict:
    """Per rule: planted cases found; and the conflicts that match no planted case."""
    hit = {rule: [False] * len(cases) for rule, cases in planted.items()}
    unexpected = []
    for conflict in found:
        ids = {claim["id"] for claim in conflict.get("claims", [])}
        matched = False
        for k, case in enumerate(planted.get(conflict.get("rule"), [])):
            if set(case) <= ids:
                hit[conflict["rule"]][k] = True
                matched = True
        if not matched:
            unexpected.append(conflict)
    return {
        "per_rule": {rule: (sum(flags), len(flags)) for rule, flags in hit.items()},
        "unexpected": len(unexpected),
        "unexpected_examples": [f"{c.get('rule')} {c.get('id')}: {c.get('message', '')[:300]}" for c in unexpected[:5]],
        "found": len(found),
    }


def fast_path_note(ledger: Path) -> str:
    """Informational: whether the loader's YAML fast path (ledger/read/fast_reader.py) will accept this
    file, asked of its gate directly. Internal API: any change there just gives 'unknown'."""
    try:
        from ledger.read import fast_reader as fastread

        if getattr(fastread, "yaml_rs", None) is None:
            return "no (yaml-rs not installed)"
        text = ledger.read_text(encoding="utf-8")
        if len(text) < getattr(fastread, "FAST_PATH_MIN_CHARS", 0):
            return "no (file below FAST_PATH_MIN_CHARS: the reference reader is used)"
        gated = fastread._gated(text)
        del text
        return "no: the gate (_gated) refuses this file, the reference reader is used" if gated else "yes (gate passes)"
    except Exception as error:  # pragma: no cover - depends on the loader's internals
        return f"unknown ({type(error).__name__})"


def busy_cores(window: float = 0.5) -> float | None:
    """CPU cores busy with other work while the runner sleeps for ``window`` seconds
    (from /proc/stat): a benchmark on a machine where this is not ~0 measures noise too."""
    def sample():
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return sum(fields), idle
    try:
        total0, idle0 = sample()
        time.sleep(window)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    total = total1 - total0
    return round(cores * (total - (idle1 - idle0)) / total, 2) if total > 0 else None


def bench_size(n: int, args, work: Path, log) -> dict:
    started = time.perf_counter()
    busy_before = busy_cores()
    folder, stats, cached = ensure_ledger(n, args.seed, work)
    log(f"N={n:,}: ledger {'cached' if cached else 'generated'} in {folder} "
        f"({stats['ledger_bytes'] / 1e6:.1f} MB, {stats['bytes_per_claim']} bytes/claim, "
        f"generation {stats['seconds']} s)")
    ledger = folder / "claims.yaml"
    fast = fast_path_note(ledger)
    log(f"  loader fast path eligible: {fast}")
    base = ledger_command(ledger, n)
    steps = {
        "baseline": Step("baseline", [sys.executable, "-c",
                                      f"import yaml; yaml.load(open({str(ledger)!r}), Loader=yaml.CSafeLoader)"]),
        "check": Step("check", base + ["check", "--ledger", str(ledger)]),
        "cold": Step("conflicts cold", base + ["conflicts", "--format", "json", "--ledger", str(ledger)]),
        "rerun": Step("conflicts re-run", base + ["conflicts", "--format", "json", "--ledger", str(ledger)]),
    }
    cold_json, rerun_json = folder / "conflicts-cold.json", folder / "conflicts-rerun.json"
    for stale in (cold_json, rerun_json):
        stale.unlink(missing_ok=True)
    outputs = {"cold": cold_json, "rerun": rerun_json}
    same_output = []
    verdict = None
    for repeat in range(args.repeat):
        cold_ok = False
        for key in ("baseline", "check", "cold", "rerun"):
            step = steps[key]
            if step.timed_out or step.failed:
                continue
            if step.runs and max(r.seconds or 0 for r in step.runs) > args.long:
                continue  # too long to repeat
            if key == "rerun" and not cold_ok:
                continue  # a re-run needs the cold run of this repeat just before it
            if key in ("check", "cold"):
                drop_cache(folder)
            run = measured(step.command, args.timeout, outputs.get(key), folder)
            step.runs.append(run)
            if run.seconds is None:
                step.timed_out = True
            elif run.rc != 0:
                step.failed = True
            shown = f"timeout (killed after {args.timeout:g} s)" if run.seconds is None else f"{run.seconds:.2f} s"
            peak = f", {run.peak_kb / 1024:.0f} MB" if run.peak_kb else ""
            log(f"  [{repeat + 1}/{args.repeat}] {step.name}: {shown}{peak}" + (f" (exit {run.rc})" if run.rc else ""))
            if run.rc and run.stderr:
                log("    " + run.stderr.strip().replace("\n", "\n    ")[-800:])
            cold_ok = cold_ok or (key == "cold" and run.ok)
            if key == "cold" and run.ok and verdict is None:
                try:
                    found = json.loads(cold_json.read_text(encoding="utf-8"))
                    verdict = check_planted(found, json.loads((folder / "planted.json").read_text()))
                except (OSError, ValueError) as error:
                    verdict = {"error": f"cannot read the conflicts JSON: {error}"}
            if key == "rerun" and run.ok:
                same_output.append(_digest(cold_json) == _digest(rerun_json))
    for key in ("baseline", "check", "cold", "rerun"):  # the memory pass: one untimed run each
        step = steps[key]
        if not step.good or step.failed or step.timed_out:
            continue
        if key in ("check", "cold"):
            drop_cache(folder)  # the re-run after it finds the entry the cold run wrote
        step.tree_pss_kb = sampled_memory(step.command, args.timeout)
        if step.tree_pss_kb:
            log(f"  [memory] {step.name}: peak tree PSS {step.tree_pss_kb / 1024:.0f} MB")
    return {
        "n": n,
        "folder": str(folder),
        "stats": stats,
        "steps": steps,
        "planted": verdict,
        "rerun_same": all(same_output) if same_output else None,
        "fast_path": fast,
        "busy": [b for b in (busy_before, busy_cores()) if b is not None],
        "seconds": time.perf_counter() - started,
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------ report

def machine() -> dict:
    info = {"nproc": os.cpu_count(), "cpu": platform.processor() or "?", "memory": "?",
            "python": platform.python_version() + f" ({sys.executable})", "os": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        info["nproc"] = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    try:
        import yaml

        info["pyyaml"] = yaml.__version__
        info["csafeloader"] = "yes" if hasattr(yaml, "CSafeLoader") else "no (pure-Python loader only)"
    except ImportError:
        info["pyyaml"] = "not installed"
        info["csafeloader"] = "no"
    versions = []
    for module in ("ledger", "pydantic", "yaml_rs"):
        try:
            from importlib.metadata import version

            versions.append(f"{module} {version(module.replace('_', '-'))}")
        except Exception:
            pass
    info["packages"] = ", ".join(versions)
    info["memory_tool"] = f"{TIME_BIN} (max RSS)" if os.access(TIME_BIN, os.X_OK) else "getrusage(RUSAGE_CHILDREN) wrapper"
    return info


def fmt_s(value: float | None) -> str:
    return "—" if value is None else (f"{value:.2f}" if value < 100 else f"{value:.0f}")


def fmt_x(value: float | None, base: float | None) -> str:
    return "—" if value is None or not base else f"{value / base:.2f}x"


def step_cell(step: Step, timeout: float) -> str:
    status = step.status(timeout)
    return status if status != "ok" else fmt_s(step.seconds)


def goals(results: list[dict], timeout: float) -> list[tuple[str, str, str]]:
    """(goal, measured, verdict) rows."""
    by_n = {r["n"]: r for r in results}
    rows = []

    def at(n, key):
        r = by_n.get(n)
        return (r["steps"][key], r["steps"]["baseline"]) if r else (None, None)

    for key, label in (("cold", "cold `ledger conflicts` at 100k <= 0.25x baseline"),
                       ("rerun", "re-run `ledger conflicts` at 100k <= 0.05x baseline")):
        step, base = at(GOAL_SIZE, key)
        if step is None:
            rows.append((label, "100,000 not in --sizes", "n/a"))
        elif step.seconds is None or base.seconds is None:
            rows.append((label, f"{step.name}: {step.status(timeout)}; baseline: {base.status(timeout)}", "FAIL"))
        else:
            ratio = step.seconds / base.seconds
            rows.append((label, f"{ratio:.2f}x ({step.seconds:.2f} s vs {base.seconds:.2f} s)",
                         "PASS" if ratio <= GOALS[key] else "FAIL"))
    label = "100k -> 1M growth of cold conflicts time <= 11x"
    small, _ = at(GROWTH_FROM, "cold")
    big, _ = at(GROWTH_TO, "cold")
    if small is None or big is None:
        rows.append((label, "needs both 100,000 and 1,000,000 in --sizes", "n/a"))
    elif small.seconds is None:
        rows.append((label, f"100k: {small.status(timeout)}", "FAIL"))
    elif big.timed_out:
        rows.append((label, f"1M timed out: > {timeout / small.seconds:.1f}x", "FAIL"))
    elif big.seconds is None:
        rows.append((label, f"1M: {big.status(timeout)}", "FAIL"))
    else:
        growth = big.seconds / small.seconds
        rows.append((label, f"{growth:.1f}x ({small.seconds:.2f} s -> {big.seconds:.2f} s)",
                     "PASS" if growth <= GOALS["growth"] else "FAIL"))
    label = "peak memory <= baseline's (check, conflicts cold and re-run; at 100k and 1M)"
    parts, verdict = [], None
    for n in (GROWTH_FROM, GROWTH_TO):
        r = by_n.get(n)
        if not r:
            continue
        base = r["steps"]["baseline"].memory_mb
        for key in ("check", "cold", "rerun"):
            step = r["steps"][key]
            if step.memory_mb is None or base is None:
                bound = step.peak_at_least_mb
                if bound is not None and base is not None and bound > base:
                    parts.append(f"{n:,} {step.name}: >= {bound / base:.2f}x (when killed at the timeout)")
                    verdict = "FAIL"
                else:
                    parts.append(f"{n:,} {step.name}: not measured ({step.status(timeout)})")
                    verdict = verdict if verdict == "FAIL" else "INCOMPLETE"
                continue
            parts.append(f"{n:,} {step.name}: {step.memory_mb / base:.2f}x")
            if step.memory_mb > base:
                verdict = "FAIL"
            elif verdict is None:
                verdict = "PASS"

    rows.append((label, "; ".join(parts) if parts else "neither 100,000 nor 1,000,000 in --sizes", verdict or "n/a"))
    label = "every planted contradiction found, no unexpected conflict (every size)"
    parts, verdict = [], "PASS"
    for r in results:
        p = r["planted"]
        if not p or "error" in p:
            parts.append(f"{r['n']:,}: not checked ({(p or {}).get('error', 'no successful cold run')})")
            verdict = "FAIL" if p else ("INCOMPLETE" if verdict == "PASS" else verdict)
            continue
        found = sum(f for f, _ in p["per_rule"].values())
        total = sum(t for _, t in p["per_rule"].values())
        parts.append(f"{r['n']:,}: {found}/{total} found, {p['unexpected']} unexpected")
        if found != total or p["unexpected"]:
            verdict = "FAIL"
    rows.append((label, "; ".join(parts), verdict if results else "n/a"))
    label = "re-run prints the same JSON as the cold run (every size)"
    same = [r["rerun_same"] for r in results]
    rows.append((label, ", ".join(f"{r['n']:,}: {'same' if r['rerun_same'] else 'DIFFERENT' if r['rerun_same'] is False else 'n/a'}"
                                  for r in results),
                 "FAIL" if False in same else "INCOMPLETE" if None in same or not same else "PASS"))
    return rows


def report(results: list[dict], args, info: dict, total_seconds: float) -> str:
    lines = ["# Benchmark results (issue 8)", ""]
    lines += [f"Generated by `python3 bench/run.py {' '.join(shlex.quote(a) for a in args.argv)}` "
              f"on {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; total {total_seconds:.0f} s.", ""]
    lines += ["## Machine", ""]
    lines += [f"- nproc: {info['nproc']}", f"- CPU: {info['cpu']}", f"- memory: {info['memory']}",
              f"- OS: {info['os']}", f"- Python: {info['python']}",
              f"- PyYAML: {info['pyyaml']}; CSafeLoader available: {info['csafeloader']}",
              f"- packages: {info['packages']}", f"- peak memory measured with: {info['memory_tool']}", ""]
    lines += ["## Commands", "",
              f"Each ledger is generated by `python3 bench/generate.py --claims N --out DIR --seed {args.seed}` "
              f"(cached in `{args.work}`). For each size, each repeat runs, in this order "
              "(F = DIR/claims.yaml; `DIR/.ledger-cache` is deleted before the runs marked cold):", "",
              "```sh"]
    py = sys.executable
    lines += [f"{py} -c \"import yaml; yaml.load(open('F'), Loader=yaml.CSafeLoader)\"   # baseline",
              f"{py} -m ledger --max-bytes B --max-nodes M check --ledger F                        # check (cold)",
              f"{py} -m ledger --max-bytes B --max-nodes M conflicts --format json --ledger F       # conflicts cold",
              f"{py} -m ledger --max-bytes B --max-nodes M conflicts --format json --ledger F       # conflicts re-run",
              "```", "",
              "B = max(64 MiB, 2 x the file size), M = max(5,000,000, 40 x N), the same for every step of a size. "
              f"Times are wall clock of the whole process, median of {args.repeat} run(s). Memory: 'max RSS' is the "
              "largest max RSS of the timed runs, of the largest single process (`ledger` forks worker processes "
              "for a large ledger; they share the parent's pages); 'tree PSS' is the peak of the proportional set "
              "size summed over the process and its children, which counts shared pages once, sampled every "
              "50 ms or more in one more, untimed run of each step; the memory goal compares tree PSS. "
              "A process running longer than "
              f"{args.timeout:.0f} s is killed and reported as a timeout (its later repeats are skipped); a step "
              f"whose run took longer than {args.long:.0f} s is not repeated. "
              "The ledger and sources are in the OS page cache (generated or read just before).", ""]
    lines += ["## Data", "", "| N | claims.yaml | bytes/claim | sources (total) | entities (blocks) | claims by kind | planted per rule |",
              "|---|---|---|---|---|---|---|"]
    for r in results:
        s = r["stats"]
        kinds = ", ".join(f"{k} {v:,}" for k, v in s["kinds"].items())
        planted = ", ".join(f"{k} {v}" for k, v in s["planted"].items())
        lines.append(f"| {r['n']:,} | {s['ledger_bytes'] / 1e6:.1f} MB | {s['bytes_per_claim']} | "
                     f"{s['sources']} ({s['source_bytes'] / 1e6:.1f} MB) | {s['model_blocks']} x 8 models, "
                     f"{s['benchmark_blocks']} x 7 benchmarks | {kinds} | {planted} |")
    lines += [""]
    lines += [f"- N={r['n']:,}: loader fast path eligible (informational, asked of `ledger.read.fast_reader._gated`): "
              f"{r['fast_path']}" for r in results]
    busy = [r for r in results if r["busy"] and max(r["busy"]) > 0.3]
    lines += ["", "CPU cores busy with other processes, sampled for 0.5 s (runner idle) before and after each size: "
              + ", ".join(f"N={r['n']:,}: " + (" / ".join(str(b) for b in r["busy"]) or "?") for r in results) + "."]
    if busy:
        lines += ["", "**Warning: the machine was not idle** (other processes kept about "
                  + ", ".join(f"{max(r['busy'])} core(s) busy around N={r['n']:,}" for r in busy)
                  + f" of {info['nproc']}): the timings include that contention; re-run on an idle machine."]
    lines += ["", "## Results", "",
              "| N | step | time (s) | x baseline | max RSS MB | tree PSS MB | x baseline mem | runs (s) |",
              "|---|---|---|---|---|---|---|---|"]
    for r in results:
        base = r["steps"]["baseline"]
        for key in ("baseline", "check", "cold", "rerun"):
            step = r["steps"][key]
            runs = ", ".join("timeout" if x.seconds is None else f"{x.seconds:.2f}" for x in step.runs) or "—"
            lines.append(f"| {r['n']:,} | {step.name} | {step_cell(step, args.timeout)} | "
                         f"{'1.00x' if key == 'baseline' and base.seconds else fmt_x(step.seconds, base.seconds)} | "
                         f"{step.peak_cell()} | "
                         f"{f'{step.tree_pss_kb / 1024:.0f}' if step.tree_pss_kb else '—'} | "
                         f"{fmt_x(step.memory_mb, base.memory_mb)} | {runs} |")
    lines += ["", "## Planted contradictions", "",
              "A conflict found by the cold `ledger conflicts --format json` matches a planted case when it has "
              "the same rule and its claim ids include the planted ones; any other conflict is unexpected.", "",
              "| N | " + " | ".join(f"C00{k}" for k in range(1, 7)) + " | conflicts found | unexpected | re-run same JSON |",
              "|---|" + "---|" * 9]
    for r in results:
        p = r["planted"]
        if not p or "error" in p:
            lines.append(f"| {r['n']:,} | " + " | ".join(["—"] * 6) + f" | {(p or {}).get('error', 'no cold run')} | — | — |")
            continue
        cells = [f"{p['per_rule'].get(f'C00{k}', (0, 0))[0]}/{p['per_rule'].get(f'C00{k}', (0, 0))[1]}" for k in range(1, 7)]
        same = {True: "yes", False: "NO", None: "—"}[r["rerun_same"]]
        lines.append(f"| {r['n']:,} | " + " | ".join(cells) + f" | {p['found']:,} | {p['unexpected']} | {same} |")
        for example in p["unexpected_examples"]:
            lines.append(f"|  | unexpected: {example} |" + " |" * 8)
    lines += ["", "## Goals", "", "| goal | measured | verdict |", "|---|---|---|"]
    for goal, value, verdict in goals(results, args.timeout):
        lines.append(f"| {goal} | {value} | **{verdict}** |")
    failures = [(r["n"], s) for r in results for s in r["steps"].values() if s.failed]
    if failures:
        lines += ["", "## Failures", ""]
        for n, step in failures:
            run = next(x for x in step.runs if x.rc not in (0, None))
            lines += [f"N={n:,} {step.name} exited {run.rc}:", "", "```", run.stderr.strip()[-1500:], "```", ""]
    return "\n".join(lines) + "\n"


def table(results: list[dict], timeout: float) -> str:
    rows = [("N", "step", "time s", "x base", "max RSS MB", "x mem")]
    for r in results:
        base = r["steps"]["baseline"]
        for key in ("baseline", "check", "cold", "rerun"):
            step = r["steps"][key]
            rows.append((f"{r['n']:,}", step.name, step_cell(step, timeout), fmt_x(step.seconds, base.seconds),
                         step.peak_cell(), fmt_x(step.memory_mb, base.memory_mb)))
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated claim counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the median is reported")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"), help="the report (markdown)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "ledger-bench"),
                        help="where generated ledgers are cached (keyed by N and seed)")
    parser.add_argument("--timeout", type=float, default=900.0,
                        help="seconds one process may run before it is killed and reported as a timeout")
    parser.add_argument("--long", type=float, default=120.0,
                        help="a step whose run took longer than this many seconds is not repeated "
                             "(its median is then of fewer runs), so that a 1M run stays affordable")
    args = parser.parse_args(argv)
    args.argv = argv
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes comma-separated integers, e.g. 10000,100000")
    if not sizes or any(n < 1 for n in sizes) or args.repeat < 1:
        parser.error("--sizes needs positive integers and --repeat at least 1")
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    args.work = str(work)

    def log(message: str) -> None:
        print(message, flush=True)

    info = machine()
    started = time.perf_counter()
    results = [bench_size(n, args, work, log) for n in sizes]
    text = report(results, args, info, time.perf_counter() - started)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print()
    print(table(results, args.timeout))
    print()
    for goal, value, verdict in goals(results, args.timeout):
        print(f"{verdict:5} {goal}: {value}")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
