"""What the rules share (ledger/check/index.py): the interval a figure stands for, whether
intervals meet, and whether a relation holds.

Each test whose docstring names a mutation kills one the rest of the suite lets survive: it
was checked by applying the mutation to ``ledger/`` by hand, seeing the test fail, and
reverting the mutation."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.check.index import interval, intervals_meet, relation_holds, relation_holds_for_all
from ledger.core.model import Figure, Qualifier, Relation, Tolerances


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
    """Guards against flipping an openness flag in ``interval``: a figure is the half-open
    interval of the values that round to it, [v - h, v + h); "over" and "under" exclude their
    figure; "up to" and "at least" keep the rounding's ends; "about" (a tolerance) is closed."""
    f = Figure("16,000")  # [15,500, 16,500)
    assert interval(f, Qualifier.EXACT, ABOUT) == (D(15500), D(16500), False, True)
    assert interval(f, Qualifier.OVER, ABOUT) == (D(16000), None, True, False)
    assert interval(f, Qualifier.UNDER, ABOUT) == (None, D(16000), False, True)
    assert interval(f, Qualifier.AT_LEAST, ABOUT) == (D(15500), None, False, False)
    assert interval(f, Qualifier.UP_TO, ABOUT) == (None, D(16500), False, True)
    assert interval(f, Qualifier.ABOUT, ABOUT) == (D(13900), D(18100), False, False)


def test_touching_figures_through_interval():
    """"over 16,500" starts just above the top of "16,000" (16,500): no common value; "at least
    16,500" (from 16,450) meets it; "up to 15,000" (below 15,500) and "15,000" ([14,500, 15,500))
    do not: 15,500 rounds to 16,000. (While rounding intervals were closed at both ends, the
    last two touched "16,000" at 15,500 and agreed with it.)"""
    exact = interval(Figure("16,000"), Qualifier.EXACT, ABOUT)
    assert not intervals_meet([exact, interval(Figure("16,500"), Qualifier.OVER, ABOUT)])
    assert not intervals_meet([exact, interval(Figure("15,500"), Qualifier.UNDER, ABOUT)])
    assert intervals_meet([exact, interval(Figure("16,500"), Qualifier.AT_LEAST, ABOUT)])
    assert not intervals_meet([exact, interval(Figure("15,000"), Qualifier.UP_TO, ABOUT)])
    assert not intervals_meet([exact, interval(Figure("15,000"), Qualifier.EXACT, ABOUT)])
    assert intervals_meet([exact, interval(Figure("16,499"), Qualifier.EXACT, ABOUT)])


@pytest.mark.parametrize("one, other, meet", [
    ("15.6 trillion", "15.6T", True),
    ("15.6T", "15,600 billion", True),
    ("15.6 trillion", "15,600 billion", True),
    ("16K", "16,384", True),
    ("15,000", "16,000", False),
    ("15.6T", "15.7T", False),
])
def test_scaled_figures_keep_the_precision_they_were_written_with(one, other, meet):
    """Issue 17's examples: scale words and suffixes are understood, and each figure keeps the
    rounding of its own digits ("15.6T" is 15.55T up to 15.65T; "16K" is 15,500 up to 16,500)."""
    intervals = [interval(Figure(one), Qualifier.EXACT, ABOUT), interval(Figure(other), Qualifier.EXACT, ABOUT)]
    assert intervals_meet(intervals) is meet


def test_a_factor_scales_the_interval_with_its_precision():
    """39.3M GPU hours and 39,300 thousand GPU hours are the same interval once converted."""
    hours = interval(Figure("39.3M"), Qualifier.EXACT, ABOUT)
    thousands = interval(Figure("39,300"), Qualifier.EXACT, ABOUT, D(1000))
    assert hours == thousands == (D("39250000"), D("39350000"), False, True)
    assert interval(Figure("16,000"), Qualifier.OVER, ABOUT, D(2)) == (D(32000), None, True, False)


# ---------------------------------------------------------------- relations

@settings(max_examples=300, deadline=None)
@given(relation=st.sampled_from(list(Relation)),
       subjects=st.lists(st.decimals(-100, 100, places=1), min_size=1, max_size=5),
       objects=st.lists(st.decimals(-100, 100, places=1), min_size=1, max_size=5))
def test_a_relation_holding_for_the_extreme_gaps_holds_for_every_pair(relation, subjects, objects):
    """C004's tallies check the two extreme gaps only: the same answer as every pair."""
    tolerances = Tolerances()
    every_pair = all(relation_holds(relation, s - o, tolerances) for s in subjects for o in objects)
    assert relation_holds_for_all(relation, subjects, objects, tolerances) == every_pair


def test_setting_groups_are_the_largest_sets_of_compatible_settings():
    from ledger.check.index import setting_groups
    # the paper's MMLU: 5-shot (CoT unstated), 5-shot without CoT, 0-shot with CoT, 0-shot without
    groups = setting_groups({(5, None), (5, False), (0, True), (0, False)})
    assert sorted(sorted(g.keys, key=str) for g in groups) == sorted(
        [[(0, True)], [(0, False)], [(5, False), (5, None)]], key=str)  # not (5, None) alone: inside (5, no CoT)
    # an unstated setting is in every group; one group when all are compatible
    groups = setting_groups({(8, True), (0, True), (None, None)})
    assert {g.setting.describe(): len(g.keys) for g in groups} == {"8-shot, CoT": 2, "0-shot, CoT": 2}
    assert [g.setting.describe() for g in setting_groups({(0, None), (None, None)})] == ["0-shot"]
    assert [g.setting.describe() for g in setting_groups({(None, None)})] == ["setting unstated"]
