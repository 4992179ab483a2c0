"""The method's warnings, each at its boundaries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from coltiva.domain.touches import Kind, Touch
from coltiva.domain.vcp import Flag, Stage, WarningCode, assess

TODAY = date(2025, 6, 30)


def ago(days: int, kind: str, **fields: Any) -> Touch:
    return Touch(Kind(kind), TODAY - timedelta(days=days), **fields)


def day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)


def flags(touches: list[Touch], **options: Any) -> dict[WarningCode, Flag]:
    return {flag.code: flag for flag in assess(touches, TODAY, **options).warnings}


def credible_since(days_ago: int) -> list[Touch]:
    """Credibility reached ``days_ago`` days ago, with giving to spare."""
    return [
        ago(days_ago + 2, "coffee"),
        ago(days_ago + 1, "coffee"),
        ago(days_ago, "helped"),
        ago(days_ago, "introduced"),
        ago(days_ago, "thanked"),
    ]


# -- asked_too_early --------------------------------------------------------------------


@pytest.mark.parametrize(("asked", "flagged"), [(0, True), (89, True), (90, True), (91, False)])
def test_an_early_ask_is_flagged_for_90_days(asked: int, flagged: bool) -> None:
    touches = [ago(200, "met"), ago(asked, "ask")]
    assert (WarningCode.ASKED_TOO_EARLY in flags(touches)) is flagged


def test_an_ask_after_credibility_is_not_too_early() -> None:
    assert WarningCode.ASKED_TOO_EARLY not in flags([*credible_since(20), ago(10, "ask")])


def test_an_ask_on_the_day_credibility_arrives_is_too_early() -> None:
    # The order of touches within a day is unknown: the ask may have come first.
    touches = [*credible_since(10), ago(10, "ask")]
    assert assess(touches, TODAY).stage is Stage.CREDIBILITY
    assert WarningCode.ASKED_TOO_EARLY in flags(touches)


def test_an_early_ask_stays_flagged_after_credibility_arrives() -> None:
    flag = flags([ago(60, "met"), ago(40, "ask"), *credible_since(10)])[WarningCode.ASKED_TOO_EARLY]
    assert flag.since == day(40)
    assert flag.params == {"count": 1, "last": day(40)}


def test_an_ask_when_credibility_has_lapsed_is_too_early() -> None:
    touches = [*credible_since(400), ago(30, "conversation"), ago(20, "ask")]
    assert WarningCode.ASKED_TOO_EARLY in flags(touches)


def test_a_pin_at_credibility_excuses_an_ask() -> None:
    touches = [ago(30, "met"), ago(20, "ask")]
    assert WarningCode.ASKED_TOO_EARLY not in flags(touches, pinned_stage=Stage.CREDIBILITY)


def test_a_pin_at_visibility_makes_an_ask_too_early() -> None:
    touches = [*credible_since(30), ago(20, "ask")]
    assert WarningCode.ASKED_TOO_EARLY in flags(touches, pinned_stage=Stage.VISIBILITY)


def test_every_early_ask_is_counted_from_the_oldest() -> None:
    touches = [ago(100, "met"), ago(80, "ask"), ago(70, "ask"), *credible_since(50), ago(5, "ask")]
    flag = flags(touches)[WarningCode.ASKED_TOO_EARLY]
    assert (flag.since, flag.params["count"], flag.params["last"]) == (day(80), 2, day(70))


# -- harvesting_too_often ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("asks", "flagged"),
    [
        ((0, 45, 90), True),
        ((0, 45, 91), False),
        ((0, 1), False),
        ((0, 0, 0), True),
        ((1, 2, 3, 4), True),
    ],
)
def test_three_asks_in_90_days_is_harvesting_too_often(
    asks: tuple[int, ...], flagged: bool
) -> None:
    touches = [*credible_since(100), *(ago(a, "ask") for a in asks)]
    assert (WarningCode.HARVESTING_TOO_OFTEN in flags(touches)) is flagged


def test_harvesting_counts_the_asks_since_the_oldest() -> None:
    touches = [*credible_since(100), ago(80, "ask"), ago(40, "ask"), ago(3, "ask")]
    flag = flags(touches)[WarningCode.HARVESTING_TOO_OFTEN]
    assert (flag.since, flag.params) == (day(80), {"count": 3, "days": 90})


# -- taking_more_than_giving ------------------------------------------------------------


@pytest.mark.parametrize(
    ("touches", "flagged"),
    [
        pytest.param([ago(180, "ask")], True, id="ask-on-day-180"),
        pytest.param([ago(181, "ask")], False, id="ask-on-day-181"),
        pytest.param([ago(180, "help_received")], True, id="receiving-counts"),
        pytest.param([ago(10, "ask"), ago(10, "helped")], False, id="even-is-fine"),
        pytest.param(
            [ago(10, "ask"), ago(9, "referral_received"), ago(8, "helped")], True, id="two-for-one"
        ),
        pytest.param([ago(10, "ask"), ago(181, "helped")], True, id="old-giving-does-not-count"),
        pytest.param([ago(10, "ask"), ago(180, "helped")], False, id="giving-on-day-180"),
        pytest.param(
            [ago(10, "business_closed", direction="for_me", value=Decimal(5))],
            False,
            id="business-is-not-receiving",
        ),
        pytest.param([ago(10, "promise_kept")], False, id="giving-alone"),
    ],
)
def test_taking_more_than_giving_in_180_days(touches: list[Touch], flagged: bool) -> None:
    touches = [ago(300, "met"), *touches]
    assert (WarningCode.TAKING_MORE_THAN_GIVING in flags(touches)) is flagged


def test_taking_more_than_giving_says_what_was_taken_and_given() -> None:
    touches = [ago(50, "ask"), ago(40, "introduction_received"), ago(30, "helped")]
    flag = flags(touches)[WarningCode.TAKING_MORE_THAN_GIVING]
    assert (flag.since, flag.params) == (day(50), {"taken": 2, "given": 1, "days": 180})


# -- unthanked --------------------------------------------------------------------------


def closed_for(direction: str, days_ago: int) -> Touch:
    return ago(days_ago, "business_closed", direction=direction)


@pytest.mark.parametrize(
    ("touches", "flagged"),
    [
        pytest.param([ago(7, "referral_received")], False, id="day-7"),
        pytest.param([ago(8, "referral_received")], True, id="day-8"),
        pytest.param([closed_for("for_me", 8)], True, id="business-for-me"),
        pytest.param([closed_for("for_them", 8)], False, id="business-for-them"),
        pytest.param([ago(8, "referral_given")], False, id="referral-given"),
        pytest.param([ago(8, "help_received")], False, id="help-is-not-business"),
        pytest.param([ago(8, "referral_received"), ago(8, "thanked")], False, id="same-day"),
        pytest.param([ago(8, "referral_received"), ago(2, "thanked")], False, id="later"),
        pytest.param([ago(9, "thanked"), ago(8, "referral_received")], True, id="thanks-before"),
        pytest.param([ago(3000, "referral_received")], True, id="never-too-late"),
    ],
)
def test_business_in_must_be_thanked_within_7_days(touches: list[Touch], flagged: bool) -> None:
    assert (WarningCode.UNTHANKED in flags(touches)) is flagged


def test_one_thank_you_covers_all_business_before_it() -> None:
    touches = [ago(30, "referral_received"), closed_for("for_me", 20), ago(10, "thanked")]
    assert WarningCode.UNTHANKED not in flags(touches)


def test_unthanked_points_at_the_oldest_business_since_the_last_thanks() -> None:
    touches = [
        ago(40, "referral_received"),
        ago(35, "thanked"),
        closed_for("for_me", 30),
        ago(20, "referral_received"),
        ago(3, "referral_received"),
    ]
    flag = flags(touches)[WarningCode.UNTHANKED]
    assert flag.since == day(30)
    assert flag.params == {"count": 2, "kind": Kind.BUSINESS_CLOSED, "on": day(30)}


# -- promise_open -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("touches", "flagged"),
    [
        pytest.param([ago(7, "promise_made")], False, id="day-7"),
        pytest.param([ago(8, "promise_made")], True, id="day-8"),
        pytest.param([ago(20, "promise_made"), ago(10, "promise_kept")], False, id="kept"),
        pytest.param([ago(20, "promise_made"), ago(10, "promise_broken")], False, id="broken"),
        pytest.param([ago(20, "promise_made"), ago(20, "promise_kept")], False, id="same-day"),
        pytest.param([ago(21, "promise_kept"), ago(20, "promise_made")], True, id="kept-before"),
        pytest.param(
            [ago(20, "promise_made"), ago(19, "promise_made"), ago(10, "promise_kept")],
            True,
            id="one-of-two-kept",
        ),
        pytest.param(
            [ago(20, "promise_made"), ago(5, "promise_made"), ago(4, "promise_kept")],
            False,
            id="the-oldest-is-closed-first",
        ),
        pytest.param(
            [
                ago(20, "promise_made"),
                ago(19, "promise_made"),
                ago(10, "promise_kept"),
                ago(9, "no_show"),
            ],
            True,
            id="a-no-show-closes-nothing",
        ),
    ],
)
def test_a_promise_open_more_than_7_days_is_flagged(touches: list[Touch], flagged: bool) -> None:
    assert (WarningCode.PROMISE_OPEN in flags(touches)) is flagged


def test_a_kept_promise_closes_the_oldest_open_one() -> None:
    touches = [
        ago(30, "promise_made"),
        ago(20, "promise_made"),
        ago(15, "promise_made"),
        ago(12, "promise_kept"),
    ]
    flag = flags(touches)[WarningCode.PROMISE_OPEN]
    assert (flag.since, flag.params) == (day(20), {"count": 2, "made_on": day(20)})


def test_only_promises_older_than_7_days_are_counted() -> None:
    touches = [ago(10, "promise_made"), ago(3, "promise_made")]
    assert flags(touches)[WarningCode.PROMISE_OPEN].params["count"] == 1


# -- follow_up_due ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "flagged", "overdue"),
    [
        (0, False, False),
        (1, True, False),
        (2, True, False),
        (3, True, True),
        (29, True, True),
        (30, True, True),
        (31, False, False),
    ],
)
def test_a_meeting_at_an_event_needs_a_follow_up_within_30_days(
    days_ago: int, flagged: bool, overdue: bool
) -> None:
    found = flags([ago(days_ago, "met", event="Chamber breakfast")])
    assert (WarningCode.FOLLOW_UP_DUE in found) is flagged
    if flagged:
        flag = found[WarningCode.FOLLOW_UP_DUE]
        assert flag.since == day(days_ago)
        assert flag.params == {
            "event": "Chamber breakfast",
            "days": days_ago,
            "due": day(days_ago) + timedelta(days=2),
            "overdue": overdue,
        }


@pytest.mark.parametrize(
    "touches",
    [
        pytest.param([ago(5, "met")], id="not-at-an-event"),
        pytest.param([ago(5, "met", event="")], id="empty-event"),
        pytest.param([ago(5, "coffee", event="Fair")], id="not-a-first-meeting"),
        pytest.param([ago(5, "met", event="Fair"), ago(3, "message_sent")], id="followed-up"),
        pytest.param([ago(5, "met", event="Fair"), ago(5, "helped")], id="same-day-touch"),
        pytest.param([ago(5, "met", event="Fair"), ago(5, "met", event="Fair")], id="two-meetings"),
    ],
)
def test_no_follow_up_is_due_when(touches: list[Touch]) -> None:
    assert WarningCode.FOLLOW_UP_DUE not in flags(touches)


def test_earlier_touches_do_not_cancel_a_follow_up() -> None:
    touches = [ago(400, "coffee"), ago(6, "message_sent"), ago(5, "met", event="Fair")]
    assert WarningCode.FOLLOW_UP_DUE in flags(touches)


# -- all together -----------------------------------------------------------------------


def test_warnings_come_in_a_fixed_order() -> None:
    touches = [
        ago(60, "met", event="Gala"),
        ago(50, "promise_made"),
        ago(40, "referral_received"),
        ago(30, "ask"),
        ago(20, "ask"),
        ago(10, "ask"),
    ]
    codes = [flag.code for flag in assess(touches, TODAY).warnings]
    assert codes == [
        WarningCode.ASKED_TOO_EARLY,
        WarningCode.HARVESTING_TOO_OFTEN,
        WarningCode.TAKING_MORE_THAN_GIVING,
        WarningCode.UNTHANKED,
        WarningCode.PROMISE_OPEN,
    ]


def test_a_well_tended_relationship_has_no_warnings() -> None:
    assert assess([*credible_since(10), ago(5, "coffee")], TODAY).warnings == ()
