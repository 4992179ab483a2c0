"""A relationship's touches sorted once and indexed by what they count as.

Every rule of the method counts touches of some class inside a window of days, so each
class keeps a sorted list of day ordinals and a count is two bisections: assessing a
history of any length stays O(n log n), and asking "what was the stage on that day?"
costs O(log n).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import attrgetter

from coltiva.domain.assessment import Params, Stage
from coltiva.domain.touches import (
    GIVING,
    NEGATIVE,
    RECEIVING,
    SUBSTANTIVE,
    TWO_WAY,
    Kind,
    Touch,
    is_business_in,
    is_business_out,
)

# Kind breaks ties within a day, so that no result depends on the order touches came in.
_BY_DAY = attrgetter("on", "kind")
_BUSINESS = frozenset({Kind.REFERRAL_GIVEN, Kind.REFERRAL_RECEIVED, Kind.BUSINESS_CLOSED})


def count_between(days: Sequence[int], first: int, last: int) -> int:
    """How many of the sorted ``days`` fall in ``first..last``, both included."""
    if last < first:
        return 0
    return bisect_right(days, last) - bisect_left(days, first)


def first_between(days: Sequence[int], first: int, last: int) -> int | None:
    """The earliest of the sorted ``days`` in ``first..last``, or None."""
    index = bisect_left(days, first)
    if index < len(days) and days[index] <= last:
        return days[index]
    return None


class Timeline:
    """Touches in day order; ``touches`` need not be sorted."""

    def __init__(self, touches: Iterable[Touch]) -> None:
        self.touches: list[Touch] = sorted(touches, key=_BY_DAY)
        self.days: list[int] = [touch.on.toordinal() for touch in self.touches]
        self.two_way: list[int] = []
        self.substantive: list[int] = []
        self.giving: list[int] = []
        self.receiving: list[int] = []
        self.negative: list[int] = []
        self.asks: list[int] = []
        self.thanked: list[int] = []
        self.promises_made: list[int] = []
        self.promises_closed: list[int] = []
        self.business_out: list[int] = []
        self.business_in: list[Touch] = []
        self.business_in_days: list[int] = []
        routes = self._routes()
        for touch, day in zip(self.touches, self.days, strict=True):
            for bucket in routes[touch.kind]:
                bucket.append(day)
            if touch.kind in _BUSINESS:
                self._file_business(touch, day)
        # The credibility rule counts days, not meetings: two coffees on one day are one.
        self.meeting_days: list[int] = sorted(set(self.substantive))

    def _routes(self) -> dict[Kind, tuple[list[int], ...]]:
        """For each kind, the day lists a touch of that kind is filed in."""
        classes = (
            (TWO_WAY, self.two_way),
            (SUBSTANTIVE, self.substantive),
            (GIVING, self.giving),
            (RECEIVING, self.receiving),
            (NEGATIVE, self.negative),
            ({Kind.ASK}, self.asks),
            ({Kind.THANKED}, self.thanked),
            ({Kind.PROMISE_MADE}, self.promises_made),
            ({Kind.PROMISE_KEPT, Kind.PROMISE_BROKEN}, self.promises_closed),
        )
        return {kind: tuple(days for members, days in classes if kind in members) for kind in Kind}

    def _file_business(self, touch: Touch, day: int) -> None:
        if is_business_out(touch):
            self.business_out.append(day)
        elif is_business_in(touch):
            self.business_in.append(touch)
            self.business_in_days.append(day)

    @property
    def last_contact(self) -> int | None:
        return self.two_way[-1] if self.two_way else None

    def stage_at(self, day: int, params: Params, *, before: bool = False) -> Stage:
        """The stage as of ``day`` (an ordinal), from touches up to it.

        With ``before``, touches dated ``day`` itself are left out: what the relationship
        looked like when that morning began.
        """
        last = day - 1 if before else day
        if not count_between(self.two_way, day - params.contact_window_days, last):
            return Stage.NONE
        first = day - params.evidence_window_days
        if count_between(self.meeting_days, first, last) < params.meeting_days_needed:
            return Stage.VISIBILITY
        given = count_between(self.giving, first, last)
        if given < 1 or given <= count_between(self.negative, first, last):
            return Stage.VISIBILITY
        if count_between(self.business_out, first, last) and count_between(
            self.business_in_days, first, last
        ):
            return Stage.PROFITABILITY
        return Stage.CREDIBILITY

    def change_days(self, params: Params) -> list[int]:
        """Every day the stage can change: a touch arrives or leaves a window."""
        candidates: set[int] = set()
        for day in self.days:
            candidates.add(day)
            candidates.add(day + params.evidence_window_days + 1)
            candidates.add(day + params.contact_window_days + 1)
        return sorted(candidates)
