"""Tests that kill one-line mutations the rest of the suite lets survive.

Each test's docstring names the mutation it guards against. They were checked by applying
the mutation to ``ledger/`` by hand, seeing the test fail, and reverting the mutation.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ledger.check.index import interval, intervals_meet
from ledger.core.model import Figure, Qualifier
from tests.conftest import build_ledger
from tests.test_rules import conflicts_of, score

ABOUT = D("0.1")
INF = None


# ---------------------------------------------------------------- intervals_meet at a boundary
#
# An interval is (low, high, low_open, high_open); intervals_meet asks whether one value lies
# in all of them. Touching at a point meets only when both touching ends are closed.

def test_closed_ends_touching_at_a_point_meet():
    """Guards against ``low < high`` alone (dropping the ``low == high`` case): [1, 5] and
    [5, 9] share the value 5."""
    assert intervals_meet([(D(1), D(5), False, False), (D(5), D(9), False, False)])
    assert intervals_meet([(D(5), D(5), False, False)])  # a single point is not empty


@pytest.mark.parametrize("low_open, high_open", [(True, False), (False, True), (True, True)])
def test_an_open_end_at_the_touching_point_does_not_meet(low_open, high_open):
    """Guards against treating an open bound as closed (``low <= high``, or dropping either
    ``not low_open`` / ``not high_open``): [1, 5) and [5, 9] (etc.) share no value."""
    left = (D(1), D(5), False, high_open)
    right = (D(5), D(9), low_open, False)
    assert not intervals_meet([left, right])
    assert not intervals_meet([right, left])


@pytest.mark.parametrize("order", [0, 1])
def test_equal_bounds_keep_the_open_one_whatever_the_order(order):
    """Guards against dropping ``(lo == low and lo_open)`` / ``(hi == high and hi_open)``:
    when two intervals share a bound value, the tighter (open) one decides, in any order."""
    lows = [(D(5), INF, True, False), (D(5), INF, False, False)]
    highs = [(INF, D(5), False, True), (INF, D(5), False, False)]
    if order:
        lows.reverse()
        highs.reverse()
    point = (INF, D(5), False, False)  # ..5]
    assert not intervals_meet(lows + [point])  # (5.. and [5.. and ..5]: nothing
    assert not intervals_meet(highs + [(D(5), INF, False, False)])  # ..5) and ..5] and [5..: nothing


def test_unbounded_sides_always_meet():
    assert intervals_meet([(D(5), INF, True, False), (D(100), INF, True, False)])
    assert intervals_meet([])


def test_qualifiers_give_the_documented_open_and_closed_ends():
    """Guards against flipping an openness flag in ``interval``: "over" and "under" exclude
    their figure, the others include their (rounded) bounds."""
    f = Figure("16,000")  # 15,500 .. 16,500
    assert interval(f, Qualifier.EXACT, ABOUT) == (D(15500), D(16500), False, False)
    assert interval(f, Qualifier.OVER, ABOUT) == (D(16000), None, True, False)
    assert interval(f, Qualifier.UNDER, ABOUT) == (None, D(16000), False, True)
    assert interval(f, Qualifier.AT_LEAST, ABOUT) == (D(15500), None, False, False)
    assert interval(f, Qualifier.UP_TO, ABOUT) == (None, D(16500), False, False)
    assert interval(f, Qualifier.ABOUT, ABOUT) == (D(13900), D(18100), False, False)


def test_touching_figures_through_interval():
    """"over 16,500" starts just above the top of "16,000" (16,500): no common value; "at least
    16,500" (from 16,450) and "up to 15,000" (to 15,500) do meet "16,000"."""
    exact = interval(Figure("16,000"), Qualifier.EXACT, ABOUT)
    assert not intervals_meet([exact, interval(Figure("16,500"), Qualifier.OVER, ABOUT)])
    assert not intervals_meet([exact, interval(Figure("15,500"), Qualifier.UNDER, ABOUT)])
    assert intervals_meet([exact, interval(Figure("15,000"), Qualifier.UP_TO, ABOUT)])


# ---------------------------------------------------------------- C001 end to end at a boundary

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


# ---------------------------------------------------------------- C002 scope "most" at exactly half

FOUR_CODE_BENCHES = """\
entities:
  - {id: model-a, kind: model, name: Model A, aliases: [Model A]}
  - {id: model-b, kind: model, name: Model B, aliases: [Model B]}
  - {id: b1, kind: benchmark, name: B1, category: code, metric: accuracy, unit: "%"}
  - {id: b2, kind: benchmark, name: B2, category: code, metric: accuracy, unit: "%"}
  - {id: b3, kind: benchmark, name: B3, category: code, metric: accuracy, unit: "%"}
  - {id: b4, kind: benchmark, name: B4, category: code, metric: accuracy, unit: "%"}
"""


def _most_ledger(tmp_path, wins: int, unscored: int | None = None):
    """Model A higher than Model B on the first ``wins`` of the four code benchmarks, lower on
    the rest, and a claim that Model A is higher on most of them. Model B has no score on
    benchmark ``unscored``, which is then not tested."""
    sentences, claims = [], ""
    for n in range(1, 5):
        a, b = ("60.0", "50.0") if n <= wins else ("50.0", "60.0")
        sentences.append(f"Model A scores {a} on B{n}.")
        claims += score(f"a{n}", "one", f"Model A scores {a} on B{n}", "model-a", a, f"b{n}")
        if n != unscored:
            sentences.append(f"Model B scores {b} on B{n}.")
            claims += score(f"b{n}", "one", f"Model B scores {b} on B{n}", "model-b", b, f"b{n}")
    sentences.append("Model A beats Model B on most coding benchmarks.")
    claims += ('\n- {id: most, kind: comparison, source: one, topic: benchmark, '
               'quote: "Model A beats Model B on most coding benchmarks", subjects: [model-a], '
               'relation: higher, objects: [model-b], category: code, scope: most}\n')
    return build_ledger(tmp_path, claims, sources={"one": " ".join(sentences) + "\n"},
                        entities=FOUR_CODE_BENCHES)


def test_c002_most_is_broken_when_it_holds_on_exactly_half(tmp_path):
    """"most" of 4 needs 3: holding on exactly 2 is a conflict (the rule reports when it holds
    on at most half). Guards against ``held >= tested / 2`` (or ``held > tested // 2 - 1`` and
    the like), which would accept exactly half."""
    [conflict] = conflicts_of(_most_ledger(tmp_path, wins=2), "C002")
    assert conflict.claims[0] == "most"
    assert "(most of them)" in conflict.message
    assert "B3" in conflict.message and "B4" in conflict.message


def test_c002_most_holds_on_half_plus_one(tmp_path):
    """Holding on 3 of 4 is "most": silent, though one benchmark breaks the relation. Guards
    against ``held > tested / 2 + 1`` / ``held >= tested`` (treating most as all) and the like."""
    assert conflicts_of(_most_ledger(tmp_path, wins=3), "C002") == []


def test_c002_most_counts_only_the_benchmarks_tested(tmp_path):
    """Only benchmarks with scores for both sides count: 2 wins of 3 tested (Model B has no
    score on B4) is most (2 > 1.5); 1 win of 3 tested is not."""
    assert conflicts_of(_most_ledger(tmp_path, wins=2, unscored=4), "C002") == []
    assert len(conflicts_of(_most_ledger(tmp_path, wins=1, unscored=4), "C002")) == 1
