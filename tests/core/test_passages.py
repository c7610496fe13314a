"""Anchors and the table that holds them (ledger/core/passages.py)."""

from __future__ import annotations

from ledger.core.passages import Anchor


def test_the_anchor_table_is_a_mapping_of_anchors():
    from ledger.core.passages import AnchorTable

    table = AnchorTable()
    first, second = Anchor(0, 3, 1, 1, 1, 4), Anchor(5, 9, 2, 1, 2, 5)
    table["a"], table["b"] = first, second
    assert dict(table) == {"a": first, "b": second} and list(table) == ["a", "b"] and len(table) == 2
    table["a"] = second  # replaced in place
    assert table["a"] == second and len(table) == 2
    del table["a"]
    assert "a" not in table and table.get("a") is None and list(table) == ["b"]
    table["a"] = first
    assert table["a"] == first and "missing" not in table


def test_the_anchor_table_gives_its_anchors_in_any_order_as_integers():
    from ledger.core.passages import NO_ANCHOR, AnchorTable

    table = AnchorTable()
    first, second = Anchor(0, 3, 1, 1, 1, 4), Anchor(5, 9, 2, 1, 2, 5)
    table["a"], table["b"] = first, second
    assert list(table.flat_for(["a", "b"])) == [0, 3, 1, 1, 1, 4, 5, 9, 2, 1, 2, 5]  # as held
    assert list(table.flat_for(["b", "x", "a"])) == [5, 9, 2, 1, 2, 5] + [NO_ANCHOR] * 6 + [0, 3, 1, 1, 1, 4]
