"""The pre-commit hooks the repository publishes (.pre-commit-hooks.yaml)."""

from __future__ import annotations

import yaml

from tests.conftest import REPO


def test_pre_commit_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"ledger-check", "ledger-fmt"}
    assert hooks["ledger-check"]["entry"] == "ledger check"
    assert hooks["ledger-fmt"]["entry"] == "ledger fmt --check"
    import re

    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert re.search(hook["files"], "claims.yaml")
    assert re.search(hooks["ledger-check"]["files"], "sources/001_a5afa484fc0162a3.txt")
    assert not re.search(hooks["ledger-fmt"]["files"], "sources/001_a5afa484fc0162a3.txt")
