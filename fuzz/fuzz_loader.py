"""Coverage-guided fuzzing of the loader with atheris (run by hand, not in CI).

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=300 fuzz/corpus

Any exception escaping ``load_ledger`` or the cross-checker is a bug: the loader
must turn every input into diagnostics. Seeds: the shipped ledger (joined into one file, and
each of its files) and the YAML Test Suite cases (copied into fuzz/corpus on first run).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from ledger import load_ledger
    from ledger.check.engine import find_conflicts

REPO = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="ledger-fuzz-"))
shutil.copytree(REPO / "sources", WORK / "sources")
TARGET = WORK / "claims.yaml"


def seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    from ledger.load import load_ledger as load_shipped
    from ledger.write.split import join

    # the shipped ledger is split by source: one seed of it in one file, one per file it is made of
    files = load_shipped(REPO / "claims.yaml").ledger.files.relative
    texts = [(relative, (REPO / relative).read_text(encoding="utf-8")) for relative in files]
    (folder / "shipped.yaml").write_text(join(texts), encoding="utf-8")
    for relative, text in texts[1:]:
        (folder / ("shipped-" + relative.replace("/", "-"))).write_text(text, encoding="utf-8")
    for case in sorted((REPO / "tests" / "corpora" / "yaml-test-suite").glob("*.yaml")):
        shutil.copyfile(case, folder / case.name)


def test_one_input(data: bytes) -> None:
    TARGET.write_bytes(data)
    result = load_ledger(TARGET)
    lines = data.count(b"\n") + 2
    for diagnostic in result.diagnostics:
        assert 1 <= diagnostic.location.line, diagnostic
        if diagnostic.location.path == str(TARGET):
            assert diagnostic.location.line <= lines, diagnostic
    if result.ledger is not None and result.ok:
        find_conflicts(result.ledger)


if __name__ == "__main__":
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    if corpus:
        seed_corpus(Path(corpus[0]))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
