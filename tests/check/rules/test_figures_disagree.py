"""C001 figures-disagree (ledger/check/rules/figures_disagree.py): what it must find, and
agreeing figures it must leave alone.

A test whose docstring names a mutation kills one the rest of the suite lets survive: it was
checked by applying the mutation to ``ledger/`` by hand, seeing the test fail, and reverting it."""

from __future__ import annotations

import pytest

from tests.conftest import build_ledger, conflicts_of, score


def two_sources(tmp_path, one: str, two: str, claims: str, **kwargs):
    return build_ledger(tmp_path, claims, sources={"one": one, "two": two}, **kwargs)


def test_c001_different_scores_for_the_same_thing(tmp_path):
    path = two_sources(tmp_path, "Model A scores 96.9 on Bench X.\n", "Model A reaches 96.7 on Bench X.\n",
                       score("a1", "one", "Model A scores 96.9", "model-a", 96.9)
                       + score("a2", "two", "Model A reaches 96.7", "model-a", 96.7))
    [conflict] = conflicts_of(path, "C001")
    assert set(conflict.claims) == {"a1", "a2"}
    assert "96.9 (one)" in conflict.message and "96.7 (two)" in conflict.message
    assert conflict.message.startswith("Between one and two")
    assert not conflict.within_source


def test_c001_agreeing_figures_are_silent(tmp_path):
    claims = score("a1", "one", "Bench X (0-shot): Model A scores 88.6", "model-a", 88.6, setting="{shots: 0}") + \
        score("a2", "two", "Model A scores 88.60 on Bench X", "model-a", "88.60") + """
- {id: g1, kind: quantity, source: one, topic: infrastructure, quote: "trained on 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs}
- {id: g2, kind: quantity, source: two, topic: infrastructure, quote: "used over 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs, qualifier: over}
- {id: k1, kind: quantity, source: one, topic: model, quote: "a context of 128k tokens", subject: model-a, quantity: context-length, value: 128k, unit: tokens}
- {id: k2, kind: quantity, source: two, topic: model, quote: "128,000 tokens of context", subject: model-a, quantity: context-length, value: "128,000", unit: tokens}
"""
    path = build_ledger(tmp_path, claims)
    assert conflicts_of(path, "C001") == []


def test_c001_quantities_that_cannot_both_be_true(tmp_path):
    claims = """
- {id: g1, kind: quantity, source: one, topic: infrastructure, quote: "trained on 16,000 GPUs", subject: model-a, quantity: training-gpus, value: "16,000", unit: GPUs}
- {id: g2, kind: quantity, source: two, topic: infrastructure, quote: "fewer than 10,000 GPUs", subject: model-a, quantity: training-gpus, value: "10,000", unit: gpus, qualifier: under}
"""
    path = two_sources(tmp_path, "Model A was trained on 16,000 GPUs.\n", "Model A used fewer than 10,000 GPUs.\n", claims)
    [conflict] = conflicts_of(path, "C001")
    assert "training-gpus" in conflict.message


# ---------------------------------------------------------------- quantities touching at a boundary

def _gpus(cid, source, quote, value, qualifier):
    return (f'\n- {{id: {cid}, kind: quantity, source: {source}, topic: infrastructure, quote: "{quote}", '
            f'subject: model-a, quantity: training-gpus, value: "{value}", unit: GPUs, qualifier: {qualifier}}}\n')


@pytest.mark.parametrize("other_quote, other_value, qualifier, disagree", [
    ("more than 16,500 GPUs", "16,500", "over", True),      # (16,500 .. vs 15,500..16,500: touch, open
    ("fewer than 15,500 GPUs", "15,500", "under", True),    # ..15,500) vs 15,500..16,500: touch, open
    ("at most 15,000 GPUs", "15,000", "up-to", False),      # ..15,500] vs [15,500..: touch, closed
    ("more than 16,000 GPUs", "16,000", "over", False),     # overlap, not just a touch (documented silent)
])
def test_c001_quantities_touching_at_a_boundary(tmp_path, other_quote, other_value, qualifier, disagree):
    """End to end through C001: "16,000 GPUs" is 15,500..16,500. A figure beyond it with an
    open end at exactly that bound cannot be true with it; one with a closed end can.
    Guards against ``low <= high`` in intervals_meet (the first two would go silent) and
    against ``low < high`` alone (the third would be reported)."""
    path = build_ledger(
        tmp_path,
        _gpus("g1", "one", "trained on 16,000 GPUs", "16,000", "exact")
        + _gpus("g2", "two", other_quote, other_value, qualifier),
        sources={"one": "Model A was trained on 16,000 GPUs.\n", "two": f"Model A used {other_quote}.\n"})
    found = conflicts_of(path, "C001")
    assert [set(c.claims) for c in found] == ([{"g1", "g2"}] if disagree else [])
