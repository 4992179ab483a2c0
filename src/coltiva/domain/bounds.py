"""The days a user may enter from now on (stored history keeps whatever it holds).

An older date is a typo (1900 for 2025); a plan years away is one too.
"""

from __future__ import annotations

from datetime import date

EARLIEST_DAY = date(1950, 1, 1)  # the earliest touch, referral, introduction or event
EARLIEST_BIRTHDAY = date(1900, 1, 1)
PLAN_HORIZON_YEARS = 5


def latest_plan_day(today: date) -> date:
    """The furthest day a plan (or an event) may be set for: five years from today."""
    try:
        return today.replace(year=today.year + PLAN_HORIZON_YEARS)
    except ValueError:  # 29 February, five years on
        return today.replace(year=today.year + PLAN_HORIZON_YEARS, day=28)
