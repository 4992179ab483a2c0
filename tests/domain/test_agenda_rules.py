"""The agenda's order and due days (framework-free)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coltiva.domain.agenda import PLAN, Candidate, by_kind, due_on, left_over, rank, select
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


def item(key: object, code: str, waited: int, stage: Stage = Stage.VISIBILITY) -> Candidate:
    return Candidate(
        key=key, code=code, rank=rank(code, stage), waiting_since=TODAY - timedelta(days=waited)
    )


def book(**counts: int) -> list[Candidate]:
    """``counts`` items of each kind, the n-th waiting 100 - n days."""
    return [item(f"{code}{n}", code, 100 - n) for code, k in counts.items() for n in range(k)]


def test_within_a_kind_what_waited_longest_comes_first() -> None:
    items = [item(1, "meet_again", 3), item(2, "meet_again", 30), item(3, "keep_promise", 0)]
    assert [c.key for c in select(items)] == [3, 2, 1]


@pytest.mark.parametrize(
    ("due", "limit", "shown"),
    [
        # The demo book's day: promises and thanks no longer hide the follow-up, the
        # plan or the reconnects.
        (
            {"keep_promise": 3, "say_thank_you": 7, "follow_up": 11, "reconnect": 102},
            10,
            {"keep_promise": 3, "say_thank_you": 3, "follow_up": 2, "reconnect": 2},
        ),
        # Round 1 gives every kind one; round 2 runs out of room in precedence order.
        (
            {"keep_promise": 5, "say_thank_you": 5, "follow_up": 5, PLAN: 5, "reconnect": 5},
            7,
            {"keep_promise": 2, "say_thank_you": 2, "follow_up": 1, PLAN: 1, "reconnect": 1},
        ),
        # A kind that runs dry leaves its turns to the others.
        (
            {"keep_promise": 1, "meet_again": 20},
            10,
            {"keep_promise": 1, "meet_again": 9},
        ),
        # Fewer places than kinds: the first kinds in precedence get one each.
        (
            {"nurture": 4, "say_thank_you": 4, "follow_up": 4, "give_first": 4},
            2,
            {"say_thank_you": 1, "follow_up": 1},
        ),
        # Never more than two people never met, even with room to spare.
        (
            {"get_to_know": 30, "give_first": 1},
            10,
            {"give_first": 1, "get_to_know": 2},
        ),
        ({}, 10, {}),
        ({"reconnect": 3}, 0, {}),
    ],
)
def test_the_day_is_dealt_in_rounds_of_one_item_of_each_kind(
    due: dict[str, int], limit: int, shown: dict[str, int]
) -> None:
    chosen = select(book(**due), limit=limit)
    counts: dict[str, int] = {}
    for c in chosen:
        counts[c.code] = counts.get(c.code, 0) + 1
    assert counts == shown


def test_the_chosen_are_shown_by_precedence_then_waiting_time() -> None:
    chosen = select(book(nurture=3, keep_promise=3, reconnect=3), limit=5)
    assert [c.key for c in chosen] == [
        "keep_promise0",
        "keep_promise1",
        "reconnect0",
        "reconnect1",
        "nurture0",
    ]


def test_reconnecting_with_more_trust_comes_first_within_its_kind() -> None:
    items = [item("v", "reconnect", 300, Stage.VISIBILITY), item("c", "reconnect", 5)]
    items[1] = item("c", "reconnect", 5, Stage.CREDIBILITY)
    assert [c.key for c in select(items, limit=1)] == ["c"]


def test_a_kind_added_later_takes_its_turn_by_its_rank() -> None:
    birthday = Candidate(key="b", code="birthday", rank=2, waiting_since=TODAY)
    chosen = select([*book(say_thank_you=3, meet_again=3), birthday], limit=3)
    assert [c.code for c in chosen] == ["say_thank_you", "birthday", "meet_again"]


def test_what_is_not_shown_is_counted_per_kind() -> None:
    items = book(keep_promise=3, say_thank_you=7, follow_up=11, reconnect=102)
    chosen = select(items, limit=10)
    due = {code: len(queue) for code, queue in by_kind(items).items()}
    assert left_over(due, chosen) == {"say_thank_you": 4, "follow_up": 9, "reconnect": 100}


KINDS = ["keep_promise", "say_thank_you", "follow_up", PLAN, "reconnect", "meet_again"]
KINDS += ["get_to_know"]


@given(
    st.lists(
        st.tuples(st.sampled_from(KINDS), st.integers(0, 400), st.sampled_from(list(Stage))),
        max_size=60,
    ),
    st.integers(0, 15),
)
def test_no_kind_is_ever_hidden_while_another_takes_two(
    rows: list[tuple[str, int, Stage]], limit: int
) -> None:
    items = [item(n, code, waited, stage) for n, (code, waited, stage) in enumerate(rows)]
    chosen = select(items, limit=limit)
    queues = by_kind(items)
    if "get_to_know" in queues:
        queues["get_to_know"] = queues["get_to_know"][:2]
    available = sum(len(q) for q in queues.values())
    assert len(chosen) == min(limit, available)
    assert chosen == sorted(chosen, key=lambda c: (c.rank, c.waiting_since, str(c.key)))
    taken = {code: [c for c in chosen if c.code == code] for code in queues}
    kinds = list(queues)
    for code, queue in queues.items():
        # Each kind shows a prefix of its own queue: the longest-waiting first.
        assert taken[code] == queue[: len(taken[code])]
    for i, first in enumerate(kinds):
        for later in kinds[i + 1 :]:
            # Rounds: an earlier kind has as many as a later one, or one more, unless
            # one of them has run dry.
            gap = len(taken[first]) - len(taken[later])
            if gap < 0:
                assert len(taken[first]) == len(queues[first])
            if gap > 1:
                assert len(taken[later]) == len(queues[later])


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
