"""Ledgers for the report, matrix and export tests: a small one stating each case, and a copy
of the shipped ledger (claims.yaml with its sources) in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from ledger import load_ledger
from ledger.check.engine import find_conflicts

from .conftest import OTHER_TEXT, REPO, SOURCE_TEXT, build_ledger

HOSTILE_TEXT = """\
A third write-up, with markup in it.
Model B says <script>alert("x")</script> & "more" <b>bold</b> here.
"""

# Overlapping quotes on line 3 of source one: x-a and cmp-x cross, x-b nests at cmp-x's end.
CLAIMS = """
- {id: y-a, kind: score, source: one, topic: benchmark, quote: "Model A scores 70.0", model: model-a, benchmark: bench-y, value: "70.0"}
- {id: y-b, kind: score, source: one, topic: benchmark, quote: "Model B scores 75.5", model: model-b, benchmark: bench-y, value: 75.5}
- {id: par, kind: comparison, source: one, topic: benchmark, quote: "so Model A is “on par” with Model B", subjects: [model-a], relation: on-par, objects: [model-b], benchmark: bench-y, words: on par}
- {id: x-a, kind: score, source: one, topic: benchmark, quote: "Model A scores **88.6**", model: model-a, benchmark: bench-x, value: 88.6}
- {id: cmp-x, kind: comparison, source: one, topic: benchmark, quote: "88.6**, outperforming Model B (85.4)", subjects: [model-a], relation: higher, objects: [model-b], benchmark: bench-x}
- {id: x-b, kind: score, source: one, topic: benchmark, quote: "Model B (85.4)", model: model-b, benchmark: bench-x, value: 85.4}
- {id: x-c, kind: score, source: one, topic: benchmark, quote: "Model C scores **90.1**", model: model-c, benchmark: bench-x, value: 90.1}
- {id: x-a2, kind: score, source: two, topic: benchmark, quote: "Model A scores 88.60 on Bench X", model: model-a, benchmark: bench-x, value: "88.60"}
- {id: gpus, kind: quantity, source: two, topic: infrastructure, quote: "used over 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs, qualifier: over}
- {id: open, kind: statement, source: one, topic: licensing, quote: "Model A is open source.", occurrence: 1, subject: model-a, predicate: open-source}
- {id: not-open, kind: statement, source: two, topic: licensing, quote: "Model A is not open source under the OSI definition", subject: model-a, predicate: open-source, polarity: false, qualifiers: [osi-definition]}
- {id: markup, kind: statement, source: three, topic: safety, quote: "Model B says <script>alert(\\"x\\")</script> & \\"more\\" <b>bold</b>", subject: model-b, predicate: says-markup, note: "<i>noted</i> & kept"}
"""


def build_small(folder: Path, *, review: bool = True) -> Path:
    """The small ledger; with ``review``, a confirmed verdict on its C002 conflict."""
    path = build_ledger(folder, CLAIMS, sources={"one": SOURCE_TEXT, "two": OTHER_TEXT, "three": HOSTILE_TEXT})
    if review:
        result = load_ledger(path)
        assert result.ok, [d.render() for d in result.diagnostics]
        [c002] = [c for c in find_conflicts(result.ledger) if c.rule == "C002" and "par" in c.claims]
        path.write_text(path.read_text(encoding="utf-8")
                        + f"reviews:\n  - {{conflict: {c002.id}, verdict: confirmed, note: \"checked <here>\"}}\n",
                        encoding="utf-8")
    return path


def copy_shipped(folder: Path) -> Path:
    """claims.yaml and sources/ of the repository, copied under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "claims.yaml", folder / "claims.yaml")
    shutil.copytree(REPO / "sources", folder / "sources")
    return folder / "claims.yaml"


def loaded(path: Path):
    result = load_ledger(path)
    assert result.ok and result.ledger is not None, [d.render() for d in result.diagnostics]
    return result.ledger, find_conflicts(result.ledger)
