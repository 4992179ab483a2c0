"""Scores: decaying progress bars with a floor; evidence: the facts behind the stage."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from coltiva.domain.touches import Kind, Touch
from coltiva.domain.vcp import DEFAULT_PARAMS, Evidence, Params, Scores, assess

TODAY = date(2025, 6, 30)


def ago(days: int, kind: str, **fields: Any) -> Touch:
    return Touch(Kind(kind), TODAY - timedelta(days=days), **fields)


def scores(*touches: Touch, params: Params = DEFAULT_PARAMS) -> Scores:
    return assess(touches, TODAY, params=params).scores


def test_no_touches_score_nothing() -> None:
    assert scores() == Scores(0, 0, 0)


@pytest.mark.parametrize(
    ("touches", "visibility"),
    [
        pytest.param([ago(0, "met")], 50, id="one-fresh-contact-is-half-way"),
        pytest.param([ago(0, "met"), ago(0, "conversation")], 100, id="two-fill-the-bar"),
        pytest.param([ago(90, "met")], 25, id="halved-after-90-days"),
        pytest.param([ago(180, "met")], 13, id="quartered-after-180-days"),
        pytest.param([ago(0, "coffee", minutes=30)], 50, id="half-an-hour-adds-nothing"),
        pytest.param([ago(0, "coffee", minutes=45)], 75, id="45-minutes"),
        pytest.param([ago(0, "coffee", minutes=60)], 100, id="an-hour-counts-double"),
        pytest.param([ago(90, "meal", minutes=120)], 75, id="long-lunch-capped-and-decayed"),
        pytest.param([ago(90, "meal", minutes=600)], 75, id="duration-is-capped"),
        pytest.param([ago(0, "helped"), ago(0, "message_sent")], 0, id="not-contact"),
    ],
)
def test_visibility_grows_with_contact_and_time_together(
    touches: list[Touch], visibility: int
) -> None:
    assert scores(*touches).visibility == visibility


@pytest.mark.parametrize(
    ("touches", "credibility"),
    [
        pytest.param([ago(0, "coffee")], 33, id="one-meeting"),
        pytest.param([ago(1, "coffee"), ago(0, "coffee")], 67, id="two-meetings"),
        pytest.param([ago(0, "coffee"), ago(0, "meal")], 33, id="two-meetings-one-day"),
        pytest.param([ago(1, "coffee"), ago(0, "coffee"), ago(0, "helped")], 100, id="threshold"),
        pytest.param([ago(0, "coffee", minutes=180)], 33, id="duration-does-not-count"),
        pytest.param([ago(0, "helped")], 33, id="giving-alone"),
        pytest.param([ago(0, "helped"), ago(0, "no_show")], 10, id="let-down-cancels-giving"),
        pytest.param([ago(180, "coffee"), ago(180, "helped")], 33, id="halved-after-180-days"),
        pytest.param([ago(0, "conversation")], 0, id="conversation-is-not-a-meeting"),
    ],
)
def test_credibility_grows_with_meetings_and_giving(touches: list[Touch], credibility: int) -> None:
    assert scores(*touches).credibility == credibility


@pytest.mark.parametrize(
    ("touches", "profitability"),
    [
        pytest.param([ago(0, "referral_given")], 50, id="one-way"),
        pytest.param([ago(0, "referral_given"), ago(0, "referral_received")], 100, id="both"),
        pytest.param(
            [ago(0, "referral_given"), ago(0, "referral_given"), ago(0, "referral_given")],
            50,
            id="one-way-three-times",
        ),
        pytest.param(
            [
                ago(365, "business_closed", direction="for_them"),
                ago(365, "business_closed", direction="for_me"),
            ],
            50,
            id="halved-after-365-days",
        ),
        pytest.param([ago(0, "introduced")], 0, id="introductions-are-not-business"),
    ],
)
def test_profitability_grows_with_business_both_ways(
    touches: list[Touch], profitability: int
) -> None:
    assert scores(*touches).profitability == profitability


def test_a_score_never_decays_below_the_floor_once_earned() -> None:
    ancient = [
        ago(5000, "coffee"),
        ago(5000, "helped"),
        ago(5000, "referral_given"),
    ]
    assert scores(*ancient) == Scores(10, 10, 10)


def test_the_floor_holds_even_when_let_downs_outweigh_giving() -> None:
    assert scores(ago(0, "helped"), ago(0, "no_show"), ago(0, "no_show")).credibility == 10


def test_the_floor_is_tunable() -> None:
    assert scores(ago(5000, "coffee"), params=Params(score_floor=3)).visibility == 3


def test_half_lives_are_tunable() -> None:
    assert scores(ago(30, "met"), params=Params(visibility_half_life_days=30)).visibility == 25


# -- evidence ---------------------------------------------------------------------------


def evidence(*touches: Touch) -> tuple[Evidence, ...]:
    return assess(touches, TODAY).evidence


def test_evidence_counts_each_kind_in_the_last_12_months() -> None:
    found = evidence(ago(365, "coffee"), ago(20, "coffee"), ago(366, "coffee"), ago(5, "helped"))
    assert found == (
        Evidence("coffee", 2, {"days": 365}),
        Evidence("helped", 1, {"days": 365}),
        Evidence("contact_older", 1, {"from_days": 365, "days": 730}),
    )


def test_evidence_splits_business_by_direction_and_adds_its_value() -> None:
    found = evidence(
        ago(5, "business_closed", direction="for_me", value=Decimal("1200.50")),
        ago(4, "business_closed", direction="for_me", value=Decimal("300")),
        ago(3, "business_closed", direction="for_them"),
    )
    assert found == (
        Evidence("business_closed_for_me", 2, {"days": 365, "value": Decimal("1500.50")}),
        Evidence("business_closed_for_them", 1, {"days": 365}),
    )


def test_evidence_says_when_meetings_fell_on_fewer_days() -> None:
    found = evidence(ago(5, "coffee"), ago(5, "meal"))
    assert Evidence("meeting_days", 1, {"days": 365}) in found


def test_evidence_says_when_contact_has_lapsed() -> None:
    assert evidence(ago(800, "coffee")) == (
        Evidence("no_recent_contact", 0, {"days": 730, "last": TODAY - timedelta(days=800)}),
    )


def test_evidence_follows_the_order_of_kinds() -> None:
    codes = [item.code for item in evidence(ago(1, "ask"), ago(2, "thanked"), ago(3, "met"))]
    assert codes == ["met", "thanked", "ask"]


def test_an_assessment_turns_into_plain_json() -> None:
    touches = [
        ago(30, "met", event="Expo"),
        ago(20, "business_closed", direction="for_me", value=Decimal("99.90")),
        ago(10, "promise_made"),
    ]
    plain = assess(touches, TODAY).to_dict()
    assert json.loads(json.dumps(plain)) == plain
    assert plain["stage"] == "visibility"
    assert plain["last_contact"] == "2025-05-31"
    assert plain["next_step"] == {
        "code": "keep_promise",
        "params": {"count": 1, "made_on": "2025-06-20"},
        "waiting_since": "2025-06-27",
    }
    business = {
        "code": "business_closed_for_me",
        "count": 1,
        "params": {"days": 365, "value": "99.90"},
    }
    assert business in plain["evidence"]  # type: ignore[operator]


@pytest.mark.parametrize(
    "fields",
    [
        {"visibility_half_life_days": 0},
        {"credibility_cadence_days": 0},
        {"score_floor": -1},
        {"visibility_target": 0.0},
        {"harvest_ask_count": True},
    ],
)
def test_tunables_that_make_no_sense_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=next(iter(fields))):
        Params(**fields)


def test_the_order_of_touches_on_one_day_changes_nothing() -> None:
    touches = [
        ago(20, "business_closed", direction="for_me"),
        ago(20, "referral_received"),
    ]
    first = assess(touches, TODAY)
    assert assess(list(reversed(touches)), TODAY) == first
    assert first.warnings[-1].params["kind"] == Kind.BUSINESS_CLOSED
