"""The rules for a touch entered now, in one place: the forms, the CLI and the services ask
``touches.problems``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from coltiva.domain.bounds import latest_plan_day
from coltiva.domain.touches import Problem, day_problem, problems

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("touch", "expected"),
    [
        ({"kind": "coffee", "on": TODAY}, {}),
        ({"kind": "coffee", "on": date(1950, 1, 1), "minutes": 1}, {}),
        ({"kind": "coffee", "on": TODAY, "minutes": 1440}, {}),
        ({"kind": "coffee", "on": date(1949, 12, 31)}, {"on": Problem.BEFORE_EARLIEST}),
        ({"kind": "coffee", "on": date(1900, 1, 1)}, {"on": Problem.BEFORE_EARLIEST}),
        ({"kind": "coffee", "on": date(2026, 12, 2)}, {"on": Problem.IN_THE_FUTURE}),
        ({"kind": "coffee", "on": TODAY, "minutes": 0}, {"minutes": Problem.MINUTES_OUT_OF_RANGE}),
        ({"kind": "coffee", "on": TODAY, "minutes": -5}, {"minutes": Problem.MINUTES_OUT_OF_RANGE}),
        (
            {"kind": "coffee", "on": TODAY, "minutes": 1441},
            {"minutes": Problem.MINUTES_OUT_OF_RANGE},
        ),
        (
            {"kind": "business_closed", "on": TODAY, "value": Decimal(100)},
            {"direction": Problem.NEEDS_DIRECTION},
        ),
        ({"kind": "business_closed", "on": TODAY, "direction": "for_me", "value": Decimal(5)}, {}),
        (
            {"kind": "business_closed", "on": TODAY, "direction": "for_me", "value": Decimal(-1)},
            {"value": Problem.NEGATIVE_VALUE},
        ),
        (
            {"kind": "coffee", "on": TODAY, "direction": "for_me"},
            {"direction": Problem.NO_DIRECTION},
        ),
        ({"kind": "coffee", "on": TODAY, "value": Decimal(1)}, {"value": Problem.NO_VALUE}),
        ({"kind": "coffe", "on": TODAY}, {"kind": Problem.UNKNOWN_KIND}),
    ],
)
def test_a_touch_entered_now_has_these_problems(
    touch: dict[str, Any], expected: dict[str, Problem]
) -> None:
    assert problems(today=TODAY, **touch) == expected


def test_a_day_is_checked_against_the_same_bounds_for_referrals_and_introductions() -> None:
    assert day_problem(date(1950, 1, 1), TODAY) is None
    assert day_problem(date(1949, 12, 31), TODAY) is Problem.BEFORE_EARLIEST
    assert day_problem(date(2026, 12, 2), TODAY) is Problem.IN_THE_FUTURE


@pytest.mark.parametrize(
    ("today", "latest"),
    [(TODAY, date(2031, 12, 1)), (date(2028, 2, 29), date(2033, 2, 28))],
)
def test_a_plan_may_be_set_up_to_five_years_ahead(today: date, latest: date) -> None:
    assert latest_plan_day(today) == latest
