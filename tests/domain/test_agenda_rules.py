"""The agenda's order and due days (framework-free)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coltiva.domain.agenda import PLAN, Candidate, due_on, rank, select
from coltiva.domain.assessment import NextStepCode, Stage

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (("keep_promise", Stage.VISIBILITY), ("say_thank_you", Stage.PROFITABILITY)),
        (("say_thank_you", Stage.NONE), ("follow_up", Stage.VISIBILITY)),
        (("follow_up", Stage.VISIBILITY), (PLAN, Stage.NONE)),
        ((PLAN, Stage.NONE), ("reconnect", Stage.PROFITABILITY)),
        (("reconnect", Stage.CREDIBILITY), ("reconnect", Stage.VISIBILITY)),
        (("reconnect", Stage.VISIBILITY), ("give_referral", Stage.CREDIBILITY)),
        (("give_referral", Stage.CREDIBILITY), ("ask_for_referral", Stage.CREDIBILITY)),
        (("ask_for_referral", Stage.CREDIBILITY), ("give_first", Stage.VISIBILITY)),
        (("give_first", Stage.VISIBILITY), ("rebuild_trust", Stage.VISIBILITY)),
        (("rebuild_trust", Stage.VISIBILITY), ("meet_again", Stage.VISIBILITY)),
        (("meet_again", Stage.VISIBILITY), ("nurture", Stage.PROFITABILITY)),
        (("nurture", Stage.PROFITABILITY), ("get_to_know", Stage.NONE)),
    ],
)
def test_the_agenda_keeps_the_methods_precedence(first, then) -> None:
    assert rank(*first) < rank(*then)


def test_within_a_group_what_waited_longest_comes_first() -> None:
    items = [
        Candidate(key=1, code="meet_again", rank=10, waiting_since=TODAY - timedelta(days=3)),
        Candidate(key=2, code="meet_again", rank=10, waiting_since=TODAY - timedelta(days=30)),
        Candidate(key=3, code="keep_promise", rank=0, waiting_since=TODAY),
    ]
    assert [c.key for c in select(items)] == [3, 2, 1]


def test_never_met_people_never_crowd_out_the_rest() -> None:
    strangers = [
        Candidate(key=i, code="get_to_know", rank=12, waiting_since=TODAY - timedelta(days=i))
        for i in range(20)
    ]
    growing = [Candidate(key=100, code="meet_again", rank=10, waiting_since=TODAY)]
    chosen = select(strangers + growing, limit=10)
    assert [c.code for c in chosen].count("get_to_know") == 2
    assert chosen[0].key == 100


def test_the_agenda_is_capped() -> None:
    many = [Candidate(key=i, code="give_first", rank=8, waiting_since=TODAY) for i in range(30)]
    assert len(select(many, limit=10)) == 10


@pytest.mark.parametrize(
    ("code", "waiting", "last", "cadence", "expected"),
    [
        # A follow-up appears the day after the meeting.
        (NextStepCode.FOLLOW_UP, TODAY - timedelta(days=1), TODAY - timedelta(days=1), 30, TODAY),
        (NextStepCode.FOLLOW_UP, TODAY, TODAY, 30, TODAY + timedelta(days=1)),
        # Urgent steps are due at once.
        (NextStepCode.KEEP_PROMISE, TODAY - timedelta(days=3), None, 30, TODAY - timedelta(days=3)),
        (
            NextStepCode.RECONNECT,
            TODAY - timedelta(days=200),
            TODAY - timedelta(days=200),
            30,
            TODAY - timedelta(days=200),
        ),
        # Routine steps: half-way through the cadence after the last contact.
        (NextStepCode.MEET_AGAIN, TODAY, TODAY - timedelta(days=10), 30, TODAY + timedelta(days=5)),
        (
            NextStepCode.GIVE_REFERRAL,
            TODAY,
            TODAY - timedelta(days=2),
            45,
            TODAY + timedelta(days=20),
        ),
    ],
)
def test_due_days(code, waiting, last, cadence, expected) -> None:
    assert (
        due_on(
            code,
            waiting_since=waiting,
            last_contact=last,
            cadence_days=cadence,
            assessed_on=TODAY,
            created_on=TODAY - timedelta(days=400),
        )
        == expected
    )


def test_a_never_met_person_is_due_from_the_day_they_entered_the_book() -> None:
    created = TODAY - timedelta(days=4)
    assert (
        due_on(
            NextStepCode.GET_TO_KNOW,
            waiting_since=None,
            last_contact=None,
            cadence_days=30,
            assessed_on=TODAY,
            created_on=created,
        )
        == created
    )
