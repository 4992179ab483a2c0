"""The VCP stage rules, table by table, with every window boundary."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from coltiva.domain.touches import GIVING, NEGATIVE, TWO_WAY, Kind, Touch
from coltiva.domain.vcp import FutureTouchError, Stage, StageChange, assess, stage_history, stage_on

TODAY = date(2025, 6, 30)


def ago(days: int, kind: str, **fields: Any) -> Touch:
    return Touch(Kind(kind), TODAY - timedelta(days=days), **fields)


def stage(*touches: Touch) -> Stage:
    return assess(touches, TODAY).stage


def credible(*extra: Touch) -> list[Touch]:
    """Two coffees on different days and one act of giving, all fresh."""
    return [ago(20, "coffee"), ago(10, "coffee"), ago(5, "helped"), *extra]


def closed(direction: str, days: int = 3) -> Touch:
    return ago(days, "business_closed", direction=direction, value=Decimal("500"))


def test_stages_are_ranked_from_none_to_profitability() -> None:
    assert [s.rank for s in Stage] == [0, 1, 2, 3]
    assert Stage.NONE.value == "none"


def test_a_relationship_with_no_touches_is_at_stage_none() -> None:
    assert stage() is Stage.NONE


@pytest.mark.parametrize("kind", sorted(TWO_WAY))
def test_any_two_way_contact_gives_visibility(kind: Kind) -> None:
    assert stage(ago(0, kind)) is Stage.VISIBILITY


@pytest.mark.parametrize("kind", sorted(set(Kind) - TWO_WAY - {Kind.BUSINESS_CLOSED}))
def test_a_touch_that_is_not_two_way_gives_no_visibility(kind: Kind) -> None:
    assert stage(ago(0, kind)) is Stage.NONE


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [(729, Stage.VISIBILITY), (730, Stage.VISIBILITY), (731, Stage.NONE)],
)
def test_visibility_counts_contact_inside_730_days(days_ago: int, expected: Stage) -> None:
    assert stage(ago(days_ago, "met")) is expected


@pytest.mark.parametrize(
    ("touches", "expected"),
    [
        pytest.param(credible(), Stage.CREDIBILITY, id="two-coffees-and-help"),
        pytest.param(
            [ago(20, "meal"), ago(10, "one_to_one"), ago(5, "thanked")],
            Stage.CREDIBILITY,
            id="meal-and-one-to-one",
        ),
        pytest.param(
            [ago(10, "coffee"), ago(10, "meal"), ago(5, "helped")],
            Stage.VISIBILITY,
            id="two-meetings-on-one-day",
        ),
        pytest.param(
            [ago(20, "conversation"), ago(10, "event_together"), ago(5, "helped")],
            Stage.VISIBILITY,
            id="contacts-that-are-not-meetings",
        ),
        pytest.param([ago(20, "coffee"), ago(10, "coffee")], Stage.VISIBILITY, id="no-giving"),
        pytest.param(
            [ago(20, "coffee"), ago(10, "coffee"), ago(5, "help_received")],
            Stage.VISIBILITY,
            id="receiving-is-not-giving",
        ),
        pytest.param(
            [ago(20, "coffee"), ago(10, "coffee"), ago(5, "message_sent")],
            Stage.VISIBILITY,
            id="a-message-is-not-giving",
        ),
    ],
)
def test_credibility_needs_meetings_on_two_days_and_giving(
    touches: list[Touch], expected: Stage
) -> None:
    assert stage(*touches) is expected


@pytest.mark.parametrize("kind", sorted(GIVING))
def test_every_giving_act_counts_towards_credibility(kind: Kind) -> None:
    assert stage(ago(20, "coffee"), ago(10, "coffee"), ago(5, kind)) is Stage.CREDIBILITY


@pytest.mark.parametrize("kind", sorted(NEGATIVE))
def test_a_let_down_cancels_one_act_of_giving(kind: Kind) -> None:
    assert stage(*credible(ago(2, kind))) is Stage.VISIBILITY
    assert stage(*credible(ago(2, kind), ago(1, "helped"))) is Stage.CREDIBILITY


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [(364, Stage.CREDIBILITY), (365, Stage.CREDIBILITY), (366, Stage.VISIBILITY)],
)
def test_a_meeting_counts_for_credibility_inside_365_days(days_ago: int, expected: Stage) -> None:
    assert stage(ago(days_ago, "coffee"), ago(10, "coffee"), ago(5, "helped")) is expected


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [(364, Stage.CREDIBILITY), (365, Stage.CREDIBILITY), (366, Stage.VISIBILITY)],
)
def test_giving_counts_for_credibility_inside_365_days(days_ago: int, expected: Stage) -> None:
    assert stage(ago(20, "coffee"), ago(10, "coffee"), ago(days_ago, "helped")) is expected


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [(364, Stage.VISIBILITY), (365, Stage.VISIBILITY), (366, Stage.CREDIBILITY)],
)
def test_a_let_down_counts_against_credibility_inside_365_days(
    days_ago: int, expected: Stage
) -> None:
    assert stage(*credible(ago(days_ago, "promise_broken"))) is expected


@pytest.mark.parametrize(
    ("touches", "expected"),
    [
        pytest.param(
            credible(ago(3, "referral_given"), ago(2, "referral_received")),
            Stage.PROFITABILITY,
            id="referrals-both-ways",
        ),
        pytest.param(
            credible(closed("for_them"), closed("for_me")),
            Stage.PROFITABILITY,
            id="business-closed-both-ways",
        ),
        pytest.param(
            credible(ago(3, "referral_given"), closed("for_me")),
            Stage.PROFITABILITY,
            id="referral-out-business-in",
        ),
        pytest.param(credible(ago(3, "referral_given")), Stage.CREDIBILITY, id="out-only"),
        pytest.param(credible(ago(3, "referral_received")), Stage.CREDIBILITY, id="in-only"),
        pytest.param(
            credible(closed("for_me"), closed("for_me")), Stage.CREDIBILITY, id="in-twice"
        ),
        pytest.param(
            credible(ago(3, "introduced"), ago(2, "introduction_received")),
            Stage.CREDIBILITY,
            id="introductions-are-not-business",
        ),
    ],
)
def test_profitability_needs_business_both_ways(touches: list[Touch], expected: Stage) -> None:
    assert stage(*touches) is expected


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [(364, Stage.PROFITABILITY), (365, Stage.PROFITABILITY), (366, Stage.CREDIBILITY)],
)
def test_business_counts_for_profitability_inside_365_days(days_ago: int, expected: Stage) -> None:
    touches = credible(ago(3, "referral_given"), ago(days_ago, "referral_received"))
    assert stage(*touches) is expected


def test_a_referral_from_someone_met_once_leaves_the_stage_at_visibility() -> None:
    assert stage(ago(30, "met"), ago(3, "referral_received")) is Stage.VISIBILITY


def test_business_both_ways_without_credibility_leaves_the_stage_at_visibility() -> None:
    touches = [ago(30, "coffee"), ago(3, "referral_given"), closed("for_me"), ago(1, "thanked")]
    assert stage(*touches) is Stage.VISIBILITY


def test_business_both_ways_without_any_contact_leaves_the_stage_at_none() -> None:
    assert stage(ago(3, "referral_given"), ago(2, "referral_received")) is Stage.NONE


def profitable_a_while_ago() -> list[Touch]:
    """Business both ways 30 days ago, then two coffees and a favour."""
    return [
        ago(30, "referral_given"),
        ago(30, "referral_received"),
        ago(10, "coffee"),
        ago(8, "coffee"),
        ago(5, "helped"),
    ]


@pytest.mark.parametrize(
    ("days_later", "expected"),
    [
        (0, Stage.PROFITABILITY),
        (335, Stage.PROFITABILITY),
        (336, Stage.CREDIBILITY),  # the referrals are 366 days old
        (355, Stage.CREDIBILITY),
        (356, Stage.VISIBILITY),  # the first coffee is 366 days old
        (722, Stage.VISIBILITY),
        (723, Stage.NONE),  # the last coffee is 731 days old
    ],
)
def test_an_untended_relationship_slides_back(days_later: int, expected: Stage) -> None:
    assert stage_on(profitable_a_while_ago(), TODAY + timedelta(days=days_later)) is expected


@pytest.mark.parametrize(
    ("days_later", "expected"), [(5, Stage.VISIBILITY), (6, Stage.CREDIBILITY)]
)
def test_a_let_down_leaving_the_window_restores_credibility(
    days_later: int, expected: Stage
) -> None:
    # The one way time alone can raise a stage: a year-old no-show stops counting.
    touches = credible(ago(360, "no_show"))
    assert stage_on(touches, TODAY) is Stage.VISIBILITY
    assert stage_on(touches, TODAY + timedelta(days=days_later)) is expected


def test_a_touch_after_today_is_refused() -> None:
    with pytest.raises(FutureTouchError, match="after today"):
        assess([ago(-1, "coffee")], TODAY)


def test_a_future_touch_is_a_value_error() -> None:
    assert issubclass(FutureTouchError, ValueError)


def test_stage_on_ignores_touches_after_its_day() -> None:
    touches = credible()
    assert stage_on(touches, TODAY - timedelta(days=11)) is Stage.VISIBILITY
    assert stage_on(touches, TODAY - timedelta(days=21)) is Stage.NONE


def test_stage_history_records_every_change_with_its_day() -> None:
    history = stage_history(profitable_a_while_ago(), TODAY + timedelta(days=800))

    def on(days_ago: int, later: int = 0) -> date:
        return TODAY - timedelta(days=days_ago) + timedelta(days=later)

    assert history == (
        StageChange(on(10), Stage.VISIBILITY),
        StageChange(on(8), Stage.PROFITABILITY),  # the year-old referrals count at once
        StageChange(on(30, 366), Stage.CREDIBILITY),
        StageChange(on(10, 366), Stage.VISIBILITY),
        StageChange(on(8, 731), Stage.NONE),
    )


def test_stage_history_stops_at_its_last_day() -> None:
    history = stage_history(credible(), TODAY - timedelta(days=6))
    assert history == (StageChange(TODAY - timedelta(days=20), Stage.VISIBILITY),)


def test_stage_history_of_no_touches_is_empty() -> None:
    assert stage_history([], TODAY) == ()


@pytest.mark.parametrize("pinned", list(Stage))
def test_a_pinned_stage_stands_in_for_the_computed_one(pinned: Stage) -> None:
    result = assess(credible(), TODAY, pinned_stage=pinned)
    assert result.stage is pinned
    assert result.computed_stage is Stage.CREDIBILITY
    assert result.pinned


def test_an_unpinned_assessment_says_so() -> None:
    result = assess(credible(), TODAY)
    assert (result.stage, result.computed_stage, result.pinned) == (
        Stage.CREDIBILITY,
        Stage.CREDIBILITY,
        False,
    )


def test_a_pin_may_be_given_as_its_identifier() -> None:
    result = assess(credible(), TODAY, pinned_stage="profitability")  # type: ignore[arg-type]
    assert result.stage is Stage.PROFITABILITY
