"""A ledger's comments, each attached to its item (ledger/write/layout.py)."""

from __future__ import annotations

from ledger.write.layout import Layout
from tests.conftest import COMMENTED


def test_layout_attaches_comments_to_their_items():
    layout, _ = Layout.read(COMMENTED, "claims.yaml")
    assert [c.text for c in layout.header][0].startswith("# yaml-language-server")
    assert [c.text for c in layout.leading[("sources", 0)]] == ["# the first write-up"]
    assert [c.text for c in layout.leading[("entities", 2)]] == ["# the competitors"]
    assert [c.text for c in layout.trailing[("sources", 0, "kind")]] == ["# as it calls itself"]
    assert [c.text for c in layout.after[("claims", 0)]] == ["# note: check the setting"]
    assert [c.text for c in layout.after[("claims",)]] == ["# end of claims (new claims go above this line)"]
    assert [c.text for c in layout.trailer] == ["# verdicts, once there are conflicts, go below"]
