"""How the commands save the ledger (ledger/cli/saving.py): never over a file changed meanwhile."""

from __future__ import annotations

from tests.conftest import COMMENTED, run


def test_a_changed_file_is_not_overwritten(commented, monkeypatch):
    from ledger.write import files as safe_write

    monkeypatch.setattr(safe_write, "_current", lambda path: b"edited meanwhile\n")
    result = run("add", "-l", commented, "--source", "one", "--kind", "score", "--quote", "Model C scores 90.1",
                 "--model", "model-c", "--benchmark", "bench-x", "--value", "90.1")
    assert result.exit_code == 1 and "changed on disk since it was read" in result.output
    assert commented.read_text(encoding="utf-8") == COMMENTED
