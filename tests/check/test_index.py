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
