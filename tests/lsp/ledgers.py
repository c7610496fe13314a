"""The small ledger the language server's tests edit: two sources, the shared entities and
vocabulary, a conflict (C003 and C002), a quote that occurs twice (A002), and a line whose
columns differ in UTF-16 (astral characters before an unknown entity: S003)."""

from __future__ import annotations

from pathlib import Path

import textwrap

from tests.conftest import GOOD_SCORE, VOCABULARY, build_ledger

CLAIMS = GOOD_SCORE + """\
- id: one-a-beats-b
  kind: comparison
  source: one
  topic: benchmark
  quote: "Model A scores 88.6, outperforming Model B (85.4)"
  subjects: [model-a]
  relation: higher
  objects: [model-b]
  benchmark: bench-x
  words: outperforming
- id: two-b-beats-a
  kind: comparison
  source: two
  topic: benchmark
  quote: "Model B outperforms Model A on Bench X"
  subjects: [model-b]
  relation: higher
  objects: [model-a]
  benchmark: bench-x
  words: outperforms
- id: one-a-open
  kind: statement
  source: one
  topic: licensing
  quote: "Model A is open source"
  subject: model-a
  predicate: open-source
- {id: two-b-emoji, kind: score, note: "😀😀", source: two, topic: benchmark, quote: "Model B scores 85.4 on Bench X", model: model-zz, benchmark: bench-x, value: 85.4}
"""


def build(folder: Path) -> Path:
    return build_ledger(folder, CLAIMS, vocabulary=VOCABULARY)


# A split ledger: the root keeps the sources, entities and vocabulary and includes one file of
# claims per source; the two files' claims conflict (C003), nothing else is wrong.
def _claims_file(*claim_ids: str) -> str:
    """A file of the split ledger: the claims of ``CLAIMS`` with these ids, under ``claims:``."""
    items = ["- id:" + item for item in CLAIMS.split("- id:")[1:]]
    kept = [item for item in items if item.split("\n")[0].removeprefix("- id:").strip() in claim_ids]
    assert len(kept) == len(claim_ids), claim_ids
    return "claims:\n" + textwrap.indent("".join(kept), "  ")


SPLIT_ONE = _claims_file("one-x-a", "one-a-beats-b")
SPLIT_TWO = _claims_file("two-b-beats-a")


def build_split(folder: Path) -> Path:
    """The split ledger under ``folder``: its root (claims.yaml), with claims/one.yaml and claims/two.yaml."""
    root = build_ledger(folder, vocabulary=VOCABULARY, extra="include: [claims/one.yaml, claims/two.yaml]\n")
    (folder / "claims").mkdir()
    (folder / "claims" / "one.yaml").write_text(SPLIT_ONE, encoding="utf-8")
    (folder / "claims" / "two.yaml").write_text(SPLIT_TWO, encoding="utf-8")
    return root
