"""The method's warnings, each computed with a few bisections on the timeline."""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from datetime import date, timedelta

from coltiva.domain.assessment import Flag, Params, Stage, WarningCode
from coltiva.domain.timeline import Timeline, count_between, first_between
from coltiva.domain.touches import Kind


def warnings(
    timeline: Timeline, today: int, params: Params, pinned_stage: Stage | None
) -> tuple[Flag, ...]:
    """Every guardrail that holds, in the order of ``WarningCode``."""
    flags = (
        asked_too_early(timeline, today, params, pinned_stage),
        harvesting_too_often(timeline, today, params),
        taking_more_than_giving(timeline, today, params),
        unthanked(timeline, today, params),
        promise_open(timeline, today, params),
        follow_up_due(timeline, today, params),
    )
    return tuple(flag for flag in flags if flag is not None)


def _asks_in_window(timeline: Timeline, today: int, params: Params) -> list[int]:
    first = today - params.ask_window_days
    asks = timeline.asks
    return asks[bisect_right(asks, first - 1) : bisect_right(asks, today)]


def too_early_to_ask(stage_before_the_ask: Stage) -> bool:
    """An ask made below credibility skips a stage (judged on the touches before it)."""
    return stage_before_the_ask.rank < Stage.CREDIBILITY.rank


def asked_too_early(
    timeline: Timeline, today: int, params: Params, pinned_stage: Stage | None
) -> Flag | None:
    # A pin says the user knows the relationship better than its recorded history (an
    # old friend entered yesterday), so the pinned stage stands in for the stage then.
    early = [
        day
        for day in _asks_in_window(timeline, today, params)
        if too_early_to_ask(pinned_stage or timeline.stage_at(day, params, before=True))
    ]
    if not early:
        return None
    params_ = {"count": len(early), "last": _date(early[-1])}
    return Flag(WarningCode.ASKED_TOO_EARLY, _date(early[0]), params_)


def harvesting_too_often(timeline: Timeline, today: int, params: Params) -> Flag | None:
    asks = _asks_in_window(timeline, today, params)
    if len(asks) < params.harvest_ask_count:
        return None
    params_ = {"count": len(asks), "days": params.ask_window_days}
    return Flag(WarningCode.HARVESTING_TOO_OFTEN, _date(asks[0]), params_)


def takes_more_than_gives(*, asks: int, received: int, given: int) -> bool:
    """The rule of ``taking_more_than_giving`` on the counts of its window (the ledger
    applies it to a whole book)."""
    return asks + received > given


def taking_more_than_giving(timeline: Timeline, today: int, params: Params) -> Flag | None:
    first = today - params.taking_window_days
    asks = count_between(timeline.asks, first, today)
    received = count_between(timeline.receiving, first, today)
    given = count_between(timeline.giving, first, today)
    if not takes_more_than_gives(asks=asks, received=received, given=given):
        return None
    taken = asks + received
    starts = [
        day
        for day in (
            first_between(timeline.asks, first, today),
            first_between(timeline.receiving, first, today),
        )
        if day is not None
    ]
    params_ = {"taken": taken, "given": given, "days": params.taking_window_days}
    return Flag(WarningCode.TAKING_MORE_THAN_GIVING, _date(min(starts)), params_)


def unthanked(timeline: Timeline, today: int, params: Params) -> Flag | None:
    # One thank-you covers every business-in touch on or before its day.
    last_thanks = timeline.thanked[-1] if timeline.thanked else None
    days = timeline.business_in_days
    start = 0 if last_thanks is None else bisect_right(days, last_thanks)
    end = bisect_right(days, today - params.thank_grace_days - 1)
    if start >= end:
        return None
    oldest = timeline.business_in[start]
    params_ = {"count": end - start, "kind": oldest.kind, "on": oldest.on}
    return Flag(WarningCode.UNTHANKED, oldest.on, params_)


def open_promises(timeline: Timeline) -> list[int]:
    """Days of the promises still open, oldest first.

    Each kept or broken promise closes the oldest open promise made on or before its
    day; one with nothing open to close (recorded without its promise) closes nothing.
    """
    made = timeline.promises_made
    open_: deque[int] = deque()
    next_made = 0
    for closed in timeline.promises_closed:
        while next_made < len(made) and made[next_made] <= closed:
            open_.append(made[next_made])
            next_made += 1
        if open_:
            open_.popleft()
    open_.extend(made[next_made:])
    return list(open_)


def promise_open(timeline: Timeline, today: int, params: Params) -> Flag | None:
    open_ = open_promises(timeline)
    overdue = bisect_right(open_, today - params.promise_grace_days - 1)
    if not overdue:
        return None
    oldest = _date(open_[0])
    return Flag(WarningCode.PROMISE_OPEN, oldest, {"count": overdue, "made_on": oldest})


def follow_up_due(timeline: Timeline, today: int, params: Params) -> Flag | None:
    # Only the very last touch can qualify: "no other touch on or after its day".
    touches = timeline.touches
    if not touches:
        return None
    last = touches[-1]
    alone = len(touches) == 1 or touches[-2].on < last.on
    age = today - timeline.days[-1]
    if last.kind is not Kind.MET or not last.event or not alone:
        return None
    if not 1 <= age <= params.follow_up_window_days:
        return None
    params_ = {
        "event": last.event,
        "days": age,
        "due": last.on + timedelta(days=params.follow_up_due_days),
        "overdue": age > params.follow_up_due_days,
    }
    return Flag(WarningCode.FOLLOW_UP_DUE, last.on, params_)


def _date(day: int) -> date:
    return date.fromordinal(day)
