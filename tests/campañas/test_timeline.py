"""Tests for campañas.timeline: slots never overlap, gaps are reused, releases free them."""

import itertools
import random

import pytest

from campañas.timeline import SlotTimeline


def _take(timeline: SlotTimeline, not_before: float) -> float:
    t = timeline.earliest(not_before)
    timeline.reserve(t)
    return t


def test_contiguous_reservations_merge_into_one_interval():
    timeline = SlotTimeline(0.5)
    times = [_take(timeline, 0.0) for _ in range(1000)]
    assert times[:3] == [0.0, 0.5, 1.0] and times[-1] == pytest.approx(499.5)
    assert len(timeline) == 1


def test_gaps_wide_enough_are_reused_narrow_ones_skipped():
    timeline = SlotTimeline(1.0)
    _take(timeline, 0.0)
    _take(timeline, 10.0)
    assert _take(timeline, 0.2) == 1.0  # fits between 0 and 10
    assert _take(timeline, 9.5) == 11.0  # 9.5 would clash with 10
    assert _take(timeline, 8.5) == 8.5  # [8.5, 9.5) ends before 10: fits
    assert _take(timeline, 9.2) == 12.0  # the half-second left before 10 is too narrow
    assert _take(timeline, 2.0) == 2.0


def test_release_splits_and_frees_a_slot():
    timeline = SlotTimeline(1.0)
    for _ in range(5):
        _take(timeline, 0.0)
    timeline.release(2.0)
    assert len(timeline) == 2
    assert timeline.earliest(0.0) == 2.0
    timeline.release(0.0)
    timeline.release(4.0)
    timeline.release(42.0)  # not reserved: nothing happens
    assert timeline.earliest(0.0) == 0.0
    assert timeline.earliest(3.0) == 4.0


def test_forget_before_drops_only_finished_intervals():
    timeline = SlotTimeline(1.0)
    _take(timeline, 0.0)
    _take(timeline, 5.0)
    timeline.forget_before(1.0)
    assert len(timeline) == 1
    assert timeline.earliest(4.5) == 6.0


def test_random_reservations_never_overlap():
    rng = random.Random(3)
    timeline = SlotTimeline(0.1)
    taken: list[float] = []
    for _ in range(3000):
        t = _take(timeline, rng.uniform(0, 100))
        taken.append(t)
        if rng.random() < 0.1:
            victim = taken.pop(rng.randrange(len(taken)))
            timeline.release(victim)
    taken.sort()
    assert all(b - a >= 0.1 - 1e-9 for a, b in itertools.pairwise(taken))
