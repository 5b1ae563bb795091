"""Reserved send slots on a timeline, kept as merged busy intervals so that finding the next
free slot stays fast with thousands of waiters (contiguous reservations collapse into one)."""

from __future__ import annotations

import bisect

TOLERANCE = 1e-9


class SlotTimeline:
    """Slots of width ``gap`` that never overlap: any two reserved slots start at least ``gap``
    apart. Busy time is a sorted list of disjoint half-open intervals [start, end)."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self._starts: list[float] = []
        self._ends: list[float] = []

    def __len__(self) -> int:
        """How many busy intervals are kept (not slots)."""
        return len(self._starts)

    def forget_before(self, now: float) -> None:
        """Drop intervals that ended by ``now``: no future slot can clash with them."""
        cut = bisect.bisect_right(self._ends, now)
        if cut:
            del self._starts[:cut]
            del self._ends[:cut]

    def earliest(self, not_before: float) -> float:
        """The first start time >= ``not_before`` whose slot overlaps no busy interval."""
        starts, ends, gap = self._starts, self._ends, self.gap
        t = not_before
        i = bisect.bisect_right(starts, t) - 1
        if i >= 0 and ends[i] > t:
            t = ends[i]
        j = i + 1
        while j < len(starts) and starts[j] < t + gap:
            t = max(t, ends[j])
            j += 1
        return t

    def reserve(self, t: float) -> None:
        """Mark [t, t + gap) busy; ``t`` must come from :meth:`earliest`."""
        starts, ends = self._starts, self._ends
        end = t + self.gap
        k = bisect.bisect_left(starts, t)
        joins_left = k > 0 and ends[k - 1] >= t - TOLERANCE
        joins_right = k < len(starts) and starts[k] <= end + TOLERANCE
        if joins_left and joins_right:
            ends[k - 1] = ends[k]
            del starts[k]
            del ends[k]
        elif joins_left:
            ends[k - 1] = max(ends[k - 1], end)
        elif joins_right:
            starts[k] = min(starts[k], t)
        else:
            starts.insert(k, t)
            ends.insert(k, end)

    def release(self, t: float) -> None:
        """Free the slot that starts at ``t`` (a waiter gave up or a pause voided it)."""
        starts, ends = self._starts, self._ends
        k = bisect.bisect_right(starts, t + TOLERANCE) - 1
        if k < 0 or ends[k] <= t + TOLERANCE:
            return
        start, end = starts[k], ends[k]
        del starts[k]
        del ends[k]
        right = t + self.gap
        if end - right > TOLERANCE:
            starts.insert(k, right)
            ends.insert(k, end)
        if t - start > TOLERANCE:
            starts.insert(k, start)
            ends.insert(k, t)
