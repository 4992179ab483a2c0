"""Continuous 0-100 scores: progress along each VCP dimension, decaying without care.

Each touch weighs 1 when fresh and halves every half-life of its dimension. A bar is the
decayed weight as a share of what the next stage's threshold needs when met with fresh
touches, capped at 100: so 50 reads "half way there" and 100 "the threshold is met, and
recently". Once anything has fed a bar it never shows less than the floor, because a
dormant tie is still worth reviving.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from coltiva.domain.assessment import Params, Scores
from coltiva.domain.timeline import Timeline
from coltiva.domain.touches import TWO_WAY, Touch


def scores(timeline: Timeline, today: int, params: Params) -> Scores:
    return Scores(
        visibility=_visibility(timeline, today, params),
        credibility=_credibility(timeline, today, params),
        profitability=_profitability(timeline, today, params),
    )


def _visibility(timeline: Timeline, today: int, params: Params) -> int:
    # Time spent together strengthens a tie (Granovetter), so duration adds weight here.
    half_life = params.visibility_half_life_days
    weight = sum(
        (1.0 + duration_bonus(touch, params)) * _decay(today - day, half_life)
        for touch, day in zip(timeline.touches, timeline.days, strict=True)
        if touch.kind in TWO_WAY and day <= today
    )
    return _bar(weight / params.visibility_target, bool(timeline.two_way), params)


def _credibility(timeline: Timeline, today: int, params: Params) -> int:
    # Mirrors the stage rule: meetings on distinct days (one long lunch cannot stand in
    # for meeting twice), and giving that outweighs the let-downs.
    half_life = params.credibility_half_life_days
    meetings = _decayed(timeline.meeting_days, today, half_life)
    net_giving = _decayed(timeline.giving, today, half_life) - _decayed(
        timeline.negative, today, half_life
    )
    needed = params.meeting_days_needed
    progress = (min(meetings, needed) + min(max(net_giving, 0.0), 1.0)) / (needed + 1)
    earned = bool(timeline.meeting_days or timeline.giving)
    return _bar(progress, earned, params)


def _profitability(timeline: Timeline, today: int, params: Params) -> int:
    # Both directions are needed: business flowing one way only is not yet mutual.
    half_life = params.profitability_half_life_days
    out = min(_decayed(timeline.business_out, today, half_life), 1.0)
    back = min(_decayed(timeline.business_in_days, today, half_life), 1.0)
    earned = bool(timeline.business_out or timeline.business_in_days)
    return _bar((out + back) / 2, earned, params)


def duration_bonus(touch: Touch, params: Params) -> float:
    """Extra weight of a long meeting: +1 per unit beyond the first, capped."""
    if not touch.minutes:
        return 0.0
    extra = (touch.minutes - params.duration_unit_minutes) / params.duration_unit_minutes
    return min(max(extra, 0.0), params.duration_bonus_cap)


def _decay(age_days: int, half_life_days: int) -> float:
    return math.exp2(-age_days / half_life_days)


def _decayed(days: Iterable[int], today: int, half_life_days: int) -> float:
    return sum(_decay(today - day, half_life_days) for day in days if day <= today)


def _bar(progress: float, earned: bool, params: Params) -> int:
    value = min(100, math.floor(100 * min(progress, 1.0) + 0.5))
    value = max(value, 0)
    return max(value, params.score_floor) if earned else value
