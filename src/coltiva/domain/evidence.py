"""The countable facts behind a stage, for sentences a person understands.

Codes are the touch kinds (counted inside the 12-month window), with business split by
direction, plus:

- ``no_recent_contact``: no two-way contact inside 24 months (params: days, last);
- ``meeting_days``: substantive meetings fell on fewer distinct days than there were
  meetings, which is what the credibility rule counts (params: days);
- ``contact_older``: two-way contacts 12 to 24 months ago, which still hold visibility
  (params: from_days, days).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date
from decimal import Decimal

from coltiva.domain.assessment import Evidence, Params
from coltiva.domain.timeline import Timeline, count_between
from coltiva.domain.touches import SUBSTANTIVE, Direction, Kind, Touch

BUSINESS_FOR_ME = "business_closed_for_me"
BUSINESS_FOR_THEM = "business_closed_for_them"
NO_RECENT_CONTACT = "no_recent_contact"
MEETING_DAYS = "meeting_days"
CONTACT_OLDER = "contact_older"


def _codes() -> tuple[str, ...]:
    codes: list[str] = []
    for kind in Kind:
        if kind is Kind.BUSINESS_CLOSED:
            codes += [BUSINESS_FOR_ME, BUSINESS_FOR_THEM]
        else:
            codes.append(kind.value)
    return tuple(codes)


# Contacts first, then meetings, giving, receiving, business, let-downs and asks.
KIND_CODES = _codes()


def _code(touch: Touch) -> str:
    if touch.kind is not Kind.BUSINESS_CLOSED:
        return touch.kind.value
    return BUSINESS_FOR_ME if touch.direction is Direction.FOR_ME else BUSINESS_FOR_THEM


def evidence(timeline: Timeline, today: int, params: Params) -> tuple[Evidence, ...]:
    window = params.evidence_window_days
    counts, values = _recent_counts(timeline, today, window)
    items = _lapsed(timeline, today, params)
    for code in KIND_CODES:
        if counts[code]:
            details: dict[str, object] = {"days": window}
            if code in values:
                details["value"] = values[code]
            items.append(Evidence(code, counts[code], details))
        if code == Kind.ONE_TO_ONE.value:
            items += _meeting_days(timeline, today, window, counts)
    items += _older_contacts(timeline, today, params)
    return tuple(items)


def _recent_counts(
    timeline: Timeline, today: int, window: int
) -> tuple[Counter[str], dict[str, Decimal]]:
    start = bisect_left(timeline.days, today - window)
    end = bisect_right(timeline.days, today)
    counts: Counter[str] = Counter()
    values: dict[str, Decimal] = {}
    for touch in timeline.touches[start:end]:
        code = _code(touch)
        counts[code] += 1
        if touch.value is not None:
            values[code] = values.get(code, Decimal(0)) + touch.value
    return counts, values


def _lapsed(timeline: Timeline, today: int, params: Params) -> list[Evidence]:
    last = timeline.last_contact
    if last is None or today - last <= params.contact_window_days:
        return []
    details = {"days": params.contact_window_days, "last": date.fromordinal(last)}
    return [Evidence(NO_RECENT_CONTACT, 0, details)]


def _meeting_days(
    timeline: Timeline, today: int, window: int, counts: Counter[str]
) -> list[Evidence]:
    # Two coffees on one day are one step towards credibility, not two: say so.
    meetings = sum(counts[kind.value] for kind in SUBSTANTIVE)
    days = count_between(timeline.meeting_days, today - window, today)
    if days >= meetings:
        return []
    return [Evidence(MEETING_DAYS, days, {"days": window})]


def _older_contacts(timeline: Timeline, today: int, params: Params) -> list[Evidence]:
    first = today - params.contact_window_days
    older = count_between(timeline.two_way, first, today - params.evidence_window_days - 1)
    if not older:
        return []
    details = {"from_days": params.evidence_window_days, "days": params.contact_window_days}
    return [Evidence(CONTACT_OLDER, older, details)]
