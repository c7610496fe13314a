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
    ("more than 16,500 GPUs", "16,500", "over", True),      # (16,500 .. vs [15,500..16,500): apart
    ("fewer than 15,500 GPUs", "15,500", "under", True),    # ..15,500) vs [15,500..16,500): touch, open
    ("at most 15,000 GPUs", "15,000", "up-to", True),       # ..15,500) vs [15,500..: touch, open
    ("at least 16,500 GPUs", "16,500", "at-least", False),  # [16,450.. vs [15,500..16,500): overlap
    ("more than 16,000 GPUs", "16,000", "over", False),     # overlap, not just a touch (documented silent)
])
def test_c001_quantities_touching_at_a_boundary(tmp_path, other_quote, other_value, qualifier, disagree):
    """End to end through C001: "16,000 GPUs" is [15,500, 16,500), the values that round to it
    (16,500 rounds to 17,000). A figure beyond it with an open end at exactly its bound cannot
    be true with it. "at most 15,000" was silent while rounding intervals were closed at both
    ends ([14,500, 15,500] touched [15,500, 16,500]); rounding is half-open, so 15,500 is
    "16,000" and not "at most 15,000", and they disagree (issue 17: "15,000" and "16,000" do
    not agree). Guards against ``low <= high`` in intervals_meet (the second would go silent)."""
    path = build_ledger(
        tmp_path,
        _gpus("g1", "one", "trained on 16,000 GPUs", "16,000", "exact")
        + _gpus("g2", "two", other_quote, other_value, qualifier),
        sources={"one": "Model A was trained on 16,000 GPUs.\n", "two": f"Model A used {other_quote}.\n"})
    found = conflicts_of(path, "C001")
    assert [set(c.claims) for c in found] == ([{"g1", "g2"}] if disagree else [])


# ---------------------------------------------------------------- units that convert (issue 17)

UNITS = """\
vocabulary:
  quantities:
    - {id: training-tokens, label: training tokens, definition: Tokens the model was trained on., dimension: tokens, unit: token}
    - {id: training-gpus, label: GPUs used in training, definition: GPUs that trained the model., dimension: count, unit: gpu}
    - {id: training-compute, label: training compute, definition: GPU time of the training run., dimension: compute-time, unit: gpu-hour}
    - {id: throughput, label: throughput, definition: Tokens per second in one run., dimension: speed, single: false}
  units:
    - {id: token, label: tokens, dimension: tokens, aliases: [tokens]}
    - {id: gpu, label: GPUs, dimension: count, aliases: [GPUs, H100 GPUs]}
    - {id: gpu-hour, label: GPU hours, dimension: compute-time, factor: 1, aliases: [GPU hours, GPU-hours]}
    - {id: thousand-gpu-hours, label: thousand GPU hours, dimension: compute-time, factor: 1000}
    - {id: token-per-second, label: tokens per second, dimension: speed}
"""


def _quantities(tmp_path, quantity, one, two, vocabulary=UNITS):
    """Two sources giving model-a's ``quantity``: ``one`` and ``two`` are (figure, unit, words)."""
    claims, texts = "", {}
    for source, (value, unit, words) in (("one", one), ("two", two)):
        quote = f"Model A: {words}"
        texts[source] = quote + ".\n"
        claims += (f'\n- {{id: {source}-q, kind: quantity, source: {source}, topic: infrastructure, '
                   f'quote: "{quote}", subject: model-a, quantity: {quantity}, value: "{value}", unit: {unit}}}\n')
    return build_ledger(tmp_path, claims, sources=texts, vocabulary=vocabulary)


@pytest.mark.parametrize("quantity, one, two, disagree", [
    ("training-tokens", ("15.6 trillion", "tokens", "15.6 trillion tokens"), ("15.6T", "token", "15.6T tokens"), False),
    ("training-tokens", ("15.6T", "tokens", "15.6T tokens"), ("15,600 billion", "tokens", "15,600 billion tokens"), False),
    ("training-gpus", ("16K", "GPUs", "16K GPUs"), ("16,384", "H100 GPUs", "16,384 H100 GPUs"), False),
    ("training-gpus", ("15,000", "GPUs", "15,000 GPUs"), ("16,000", "gpu", "16,000 GPUs"), True),
])
def test_c001_the_issues_three_examples(tmp_path, quantity, one, two, disagree):
    path = _quantities(tmp_path, quantity, one, two)
    found = conflicts_of(path, "C001")
    assert [set(c.claims) for c in found] == ([{"one-q", "two-q"}] if disagree else [])


def test_c001_the_issues_examples_without_a_vocabulary_too(tmp_path):
    """Scale and precision are the figures' own: a ledger with no vocabulary reads them the same
    (one unit written the same way)."""
    assert conflicts_of(_quantities(tmp_path, "training-tokens", ("15.6T", "tokens", "15.6T tokens"),
                                    ("15,600 billion", "tokens", "15,600 billion tokens"), vocabulary=""), "C001") == []
    [found] = conflicts_of(_quantities(tmp_path, "training-gpus", ("15,000", "GPUs", "15,000 GPUs"),
                                       ("16,000", "GPUs", "16,000 GPUs"), vocabulary=""), "C001")
    assert found.message == ("Between one and two: Model A's training-gpus is given as 15,000 (one), "
                             "16,000 (two) gpus; these figures cannot all be true.")


def test_c001_compares_across_units_of_one_dimension(tmp_path):
    agree = _quantities(tmp_path, "training-compute", ("39.3M", "GPU hours", "39.3M GPU hours"),
                        ("39,300", "thousand-gpu-hours", "39,300 thousand GPU hours"))
    assert conflicts_of(agree, "C001") == []
    differ = _quantities(tmp_path, "training-compute", ("39.3M", "GPU-hours", "39.3M GPU-hours"),
                         ("30,000", "thousand-gpu-hours", "30,000 thousand GPU hours"))
    [found] = conflicts_of(differ, "C001")
    assert found.message == ("Between one and two: Model A's training-compute is given as 39.3M GPU hours (one), "
                             "30,000 thousand GPU hours (two); these figures cannot all be true.")


def test_c001_without_declared_units_different_unit_names_are_not_compared(tmp_path):
    """Today's behaviour where units are not declared: one unit, one spelling (any case)."""
    path = _quantities(tmp_path, "training-compute", ("39.3M", "GPU hours", "39.3M GPU hours"),
                       ("30,000", "thousand GPU hours", "30,000 thousand GPU hours"), vocabulary="")
    assert conflicts_of(path, "C001") == []


def test_c001_a_quantity_with_several_values_never_conflicts(tmp_path):
    one, two = ("25", "token-per-second", "25 tokens per second"), ("50", "token-per-second", "50 tokens per second")
    assert conflicts_of(_quantities(tmp_path, "throughput", one, two), "C001") == []
    single = UNITS.replace("dimension: speed, single: false", "dimension: speed, single: true")
    assert len(conflicts_of(_quantities(tmp_path, "throughput", one, two, vocabulary=single), "C001")) == 1
