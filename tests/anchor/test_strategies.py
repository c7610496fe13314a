"""Anchoring in a forked child (ledger/anchor/strategies.py, ``Forked``): a large ledger's
quotes are anchored by a child while the parent validates. Whatever the child does, or fails
to do, what the user gets is the same."""

from __future__ import annotations

import pytest

from ledger import load as loader
from ledger.anchor import strategies
from ledger.load import load_ledger
from tests.conftest import BROKEN_CLAIMS, REPO, SIX_CLAIMS, build_ledger, copy_shipped_joined, load_outcome

SHIPPED = REPO / "claims.yaml"


def test_the_shipped_ledger_loads_the_same_with_a_child_anchoring(children, monkeypatch):
    taken = []
    real_take = strategies.Forked.take

    def spying_take(self, found, valid, items, one_by_one):
        taken.append(found)
        return real_take(self, found, valid, items, one_by_one)

    monkeypatch.setattr(strategies.Forked, "take", spying_take)
    forked = load_outcome(SHIPPED)
    # the shipped ledger is split: the child that anchors is started on the texts of all its
    # files, once the root is read (a child on the root's text alone, started before it is
    # known to include others, is closed unused: every ledger counts as large here)
    assert children and children[-1] is not None
    assert len(taken) == 1 and len(taken[0]) == 876 * 6 * 8  # the child anchored every claim
    with pytest.MonkeyPatch.context() as sequential:
        sequential.setattr(loader, "PARALLEL_MIN_CHARS", 10**12)
        assert load_outcome(SHIPPED) == forked


def test_problems_are_reported_as_without_a_child(tmp_path, children, monkeypatch):
    path = build_ledger(tmp_path, BROKEN_CLAIMS)
    forked = load_outcome(path)
    assert {line.split()[1] for line in forked[0]} >= {"A001", "A003"}
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 10**12)
    assert load_outcome(path) == forked


def test_when_the_child_fails_the_parent_anchors_every_quote(tmp_path, children, monkeypatch):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    expected = load_outcome(path)

    def broken(text, receive):
        raise RuntimeError("boom")

    monkeypatch.setattr(strategies, "_anchor_in_child", broken)
    assert load_outcome(path) == expected and len(expected[1]) == 6


def test_a_quote_the_child_cannot_place_is_placed_by_the_parent(tmp_path, children, monkeypatch):
    path = build_ledger(tmp_path, SIX_CLAIMS)
    expected = load_outcome(path)
    real = strategies._anchor_in_child

    def forgetful(text, receive):  # the child leaves the first claim to the parent
        found = bytearray(real(text, receive))
        found[:48] = (-1).to_bytes(8, "little", signed=True) * 6
        return bytes(found)

    monkeypatch.setattr(strategies, "_anchor_in_child", forgetful)
    placed = placing_counted(monkeypatch)
    assert load_outcome(path) == expected
    assert placed == ["y-a"]  # that one only: the child's other anchors are kept


def placing_counted(monkeypatch) -> list[str]:
    """The claims whose quotes are placed one by one in this process, in order."""
    placed = []
    real_place = strategies.OneByOne.place

    def counting_place(self, claim, node):
        placed.append(claim.id)
        return real_place(self, claim, node)

    monkeypatch.setattr(strategies.OneByOne, "place", counting_place)
    return placed


@pytest.mark.parametrize("which", ["shipped", "joined", "built"])
def test_the_anchors_the_child_found_are_kept_not_found_again(which, tmp_path, children, monkeypatch):
    path = {"shipped": lambda: SHIPPED, "joined": lambda: copy_shipped_joined(tmp_path),
            "built": lambda: build_ledger(tmp_path, SIX_CLAIMS)}[which]()
    children.clear()  # joining the shipped files loaded them
    placed = placing_counted(monkeypatch)
    result = load_ledger(path)
    assert children[-1] is not None and result.diagnostics == []
    assert len(children) == (2 if which == "shipped" else 1)  # one file: the child on its text anchors
    assert len(result.ledger.anchors) == len(result.ledger.claims) > 0
    # every quote anchored cleanly by the child: none placed again here (a table cell is found by the
    # cell anchoring, here, by design: the child searches quotes only)
    assert [claim_id for claim_id in placed if result.ledger.claims[claim_id].cell is None] == []
