"""The next step: the first that applies wins, and it says how long it has waited."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from coltiva.domain.touches import Kind, Touch
from coltiva.domain.vcp import NextStep, NextStepCode, Stage, assess

TODAY = date(2025, 6, 30)


def ago(days: int, kind: str, **fields: Any) -> Touch:
    return Touch(Kind(kind), TODAY - timedelta(days=days), **fields)


def day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)


def step(touches: list[Touch], **options: Any) -> NextStep:
    return assess(touches, TODAY, **options).next_step


MEETINGS = [ago(30, "coffee"), ago(20, "coffee")]
CREDIBLE = [*MEETINGS, ago(15, "helped")]
PROFITABLE = [
    *CREDIBLE,
    ago(12, "referral_given"),
    ago(11, "referral_received"),
    ago(11, "thanked"),
]
OPEN_PROMISE = ago(9, "promise_made")
UNTHANKED = ago(8, "referral_received")
FRESH_MEETING = ago(3, "met", event="Expo")


@pytest.mark.parametrize(
    ("touches", "code", "waiting_since"),
    [
        pytest.param(
            [*PROFITABLE, UNTHANKED, OPEN_PROMISE, FRESH_MEETING],
            NextStepCode.KEEP_PROMISE,
            day(9) + timedelta(days=7),
            id="a-promise-before-all",
        ),
        pytest.param(
            [ago(200, "coffee"), UNTHANKED, FRESH_MEETING],
            NextStepCode.SAY_THANK_YOU,
            day(8),
            id="thanks-before-follow-up",
        ),
        pytest.param(
            [ago(200, "coffee"), ago(100, "referral_received"), ago(100, "thanked")],
            NextStepCode.RECONNECT,
            day(200),
            id="reconnect-before-stage-advice",
        ),
        pytest.param(
            [ago(200, "coffee"), FRESH_MEETING],
            NextStepCode.FOLLOW_UP,
            day(3),
            id="follow-up-before-stage-advice",
        ),
        pytest.param([ago(800, "coffee")], NextStepCode.RECONNECT, day(800), id="dormant"),
        pytest.param([ago(121, "coffee")], NextStepCode.RECONNECT, day(121), id="dormant-vis"),
        pytest.param([ago(61, "coffee")], NextStepCode.RECONNECT, day(61), id="withering"),
        pytest.param([ago(60, "coffee")], NextStepCode.MEET_AGAIN, day(60), id="needs-tending"),
        pytest.param([], NextStepCode.GET_TO_KNOW, None, id="no-touches"),
        pytest.param(
            [ago(40, "message_sent"), ago(4, "message_sent")],
            NextStepCode.GET_TO_KNOW,
            day(40),
            id="only-outreach",
        ),
        pytest.param([ago(10, "met")], NextStepCode.MEET_AGAIN, day(10), id="met-once"),
        pytest.param(
            [ago(10, "coffee"), ago(10, "meal"), ago(5, "helped")],
            NextStepCode.MEET_AGAIN,
            day(10),
            id="two-meetings-one-day",
        ),
        pytest.param(
            [ago(400, "coffee"), ago(10, "coffee"), ago(5, "helped")],
            NextStepCode.MEET_AGAIN,
            day(10),
            id="one-meeting-in-the-year",
        ),
        pytest.param(
            [*MEETINGS, ago(5, "no_show")], NextStepCode.REBUILD_TRUST, day(20), id="let-down"
        ),
        pytest.param(
            [*CREDIBLE, ago(5, "promise_broken")],
            NextStepCode.REBUILD_TRUST,
            day(20),
            id="let-down-equals-giving",
        ),
        pytest.param(MEETINGS, NextStepCode.GIVE_FIRST, day(20), id="nothing-given"),
        pytest.param(
            [*MEETINGS, ago(400, "helped")],
            NextStepCode.GIVE_FIRST,
            day(20),
            id="giving-too-long-ago",
        ),
        pytest.param(CREDIBLE, NextStepCode.GIVE_REFERRAL, day(20), id="credible"),
        pytest.param(
            [*CREDIBLE, ago(400, "referral_given")],
            NextStepCode.GIVE_REFERRAL,
            day(20),
            id="referral-too-long-ago",
        ),
        pytest.param(
            [*CREDIBLE, ago(5, "referral_given")],
            NextStepCode.ASK_FOR_REFERRAL,
            day(20),
            id="referral-given",
        ),
        pytest.param(
            [*CREDIBLE, ago(5, "business_closed", direction="for_them")],
            NextStepCode.ASK_FOR_REFERRAL,
            day(20),
            id="business-closed-for-them",
        ),
        pytest.param(PROFITABLE, NextStepCode.NURTURE, day(20), id="profitable"),
    ],
)
def test_the_first_step_that_applies_wins(
    touches: list[Touch], code: NextStepCode, waiting_since: date | None
) -> None:
    result = step(touches)
    assert result.code is code
    assert result.waiting_since == waiting_since


def test_thanks_come_before_reconnecting() -> None:
    touches = [ago(300, "coffee"), ago(250, "referral_received")]
    assert step(touches).code is NextStepCode.SAY_THANK_YOU


@pytest.mark.parametrize(
    ("pinned", "code"),
    [
        (Stage.NONE, NextStepCode.RECONNECT),
        (Stage.VISIBILITY, NextStepCode.GIVE_FIRST),
        (Stage.CREDIBILITY, NextStepCode.GIVE_REFERRAL),
        (Stage.PROFITABILITY, NextStepCode.NURTURE),
    ],
)
def test_the_next_step_follows_a_pinned_stage(pinned: Stage, code: NextStepCode) -> None:
    assert step(CREDIBLE, pinned_stage=pinned).code is code


def test_a_pin_at_credibility_over_little_history_advises_a_referral() -> None:
    assert step([ago(5, "met")], pinned_stage=Stage.CREDIBILITY).code is NextStepCode.GIVE_REFERRAL


@pytest.mark.parametrize(
    ("touches", "params"),
    [
        pytest.param(
            [OPEN_PROMISE, ago(20, "promise_made")],
            {"count": 2, "made_on": day(20)},
            id="keep_promise",
        ),
        pytest.param(
            [UNTHANKED],
            {"count": 1, "kind": Kind.REFERRAL_RECEIVED, "on": day(8)},
            id="say_thank_you",
        ),
        pytest.param(
            [FRESH_MEETING],
            {"event": "Expo", "days": 3, "due": day(1), "overdue": True},
            id="follow_up",
        ),
        pytest.param(
            [ago(100, "coffee")],
            {"days": 100, "last_contact": day(100), "health": "withering"},
            id="reconnect",
        ),
        pytest.param([], {}, id="get_to_know"),
        pytest.param([ago(5, "coffee")], {"meeting_days": 1, "days": 365}, id="meet_again"),
        pytest.param(
            [*MEETINGS, ago(5, "no_show"), ago(4, "no_show"), ago(3, "helped")],
            {"negative": 2, "giving": 1, "days": 365},
            id="rebuild_trust",
        ),
        pytest.param(MEETINGS, {"meeting_days": 2, "giving": 0, "days": 365}, id="give_first"),
        pytest.param(CREDIBLE, {"days": 365}, id="give_referral"),
        pytest.param(
            [*CREDIBLE, ago(3, "referral_given"), ago(2, "referral_given")],
            {"days": 365, "business_out": 2},
            id="ask_for_referral",
        ),
        pytest.param(PROFITABLE, {}, id="nurture"),
    ],
)
def test_each_step_carries_the_facts_for_its_sentence(
    touches: list[Touch], params: dict[str, object]
) -> None:
    assert step(touches).params == params
