"""Small ledgers built in a temporary folder, so each test states exactly what it checks."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

SOURCE_TEXT = """\
# A write-up about models

* **Bench X (0-shot):** Model A scores **88.6**, outperforming Model B (85.4). Model C scores **90.1**.
* Bench Y: Model A scores 70.0 and Model B scores 75.5, so Model A is “on par” with Model B.
Model A was trained on 16,000 GPUs with a context of 128k tokens.
Model A is open source. Model A is open source.
"""

OTHER_TEXT = """\
Another write-up.
Model A scores 88.60 on Bench X, and Model B scores 85.4 on Bench X (5-shot).
Model A used over 16,000 GPUs and 128,000 tokens of context.
Model A is not open source under the OSI definition. Model B outperforms Model A on Bench X.
"""

ENTITIES = """\
entities:
  - {id: family-a, kind: model-family, name: Family A}
  - {id: model-a, kind: model, name: Model A, family: family-a, aliases: [Model A]}
  - {id: model-b, kind: model, name: Model B, aliases: [Model B]}
  - {id: model-c, kind: model, name: Model C, aliases: [Model C]}
  - {id: bench-x, kind: benchmark, name: Bench X, category: general, metric: accuracy, unit: "%"}
  - {id: bench-y, kind: benchmark, name: Bench Y, category: general, metric: accuracy, unit: "%"}
"""


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_ledger(folder: Path, claims: str = "", *, sources: dict[str, str] | None = None,
                 extra: str = "", entities: str = ENTITIES) -> Path:
    """Write sources/ and claims.yaml under ``folder``; ``claims`` is the YAML list of claims."""
    sources = sources if sources is not None else {"one": SOURCE_TEXT, "two": OTHER_TEXT}
    (folder / "sources").mkdir(exist_ok=True)
    lines = ["version: 1", "sources:"]
    for source_id, text in sources.items():
        (folder / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        lines += [f"  - id: {source_id}", f"    file: sources/{source_id}.txt", f"    title: Source {source_id}",
                  "    kind: blog-post", f"    sha256: {sha(text)}"]
    body = "\n".join(lines) + "\n" + entities
    body += "claims:\n" + textwrap.indent(textwrap.dedent(claims).strip("\n"), "  ") + "\n" if claims.strip() else ""
    body += textwrap.dedent(extra)
    path = folder / "claims.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def position_of(path: Path, marker: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th occurrence of ``marker`` in the file."""
    text = path.read_text(encoding="utf-8")
    offset = -1
    for _ in range(occurrence):
        offset = text.index(marker, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.fixture
def ledger_dir(tmp_path: Path) -> Path:
    return tmp_path


REPO = Path(__file__).resolve().parent.parent
