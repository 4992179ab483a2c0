"""Properties of the VCP engine, checked against a naive reading of the rules."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from coltiva.domain.touches import (
    GIVING,
    NEGATIVE,
    RECEIVING,
    SUBSTANTIVE,
    TWO_WAY,
    Direction,
    Kind,
    Touch,
    is_business_in,
    is_business_out,
)
from coltiva.domain.vcp import Stage, WarningCode, assess, stage_history, stage_on

TODAY = date(2025, 6, 30)
HORIZON = 1200  # days of history: wider than every window
# Ages on and around every boundary, so windows and same-day rules are hit often.
BOUNDARIES = [0, 1, 2, 3, 7, 8, 29, 30, 31, 90, 91, 180, 181, 364, 365, 366, 729, 730, 731]
ages = st.integers(0, HORIZON) | st.sampled_from(BOUNDARIES)
# Half the draws come from the kinds the rules weigh against each other, so that ties
# (as much let-down as giving, credibility reached on the day of an ask) turn up.
CONTESTED = [Kind.COFFEE, Kind.MEAL, Kind.HELPED, Kind.NO_SHOW, Kind.PROMISE_BROKEN, Kind.ASK]
ALL_KINDS = st.sampled_from(Kind) | st.sampled_from(CONTESTED)


@st.composite
def touches(draw: st.DrawFn, kinds: st.SearchStrategy[Kind], on: st.SearchStrategy[int]) -> Touch:
    kind = draw(kinds)
    day = TODAY - timedelta(days=draw(on))
    if kind is Kind.BUSINESS_CLOSED:
        value = draw(st.none() | st.integers(0, 10_000).map(Decimal))
        return Touch(kind, day, direction=draw(st.sampled_from(Direction)), value=value)
    minutes = draw(st.none() | st.integers(0, 300))
    event = draw(st.none() | st.sampled_from(["Expo", "Chamber breakfast"]))
    return Touch(kind, day, minutes=minutes, event=event)


@st.composite
def histories(
    draw: st.DrawFn, kinds: st.SearchStrategy[Kind] = ALL_KINDS, max_size: int = 30
) -> list[Touch]:
    # A few distinct days per history, so touches share days and straddle boundaries.
    days = draw(st.lists(ages, min_size=1, max_size=6))
    return draw(st.lists(touches(kinds, st.sampled_from(days)), max_size=max_size))


# Small histories of the kinds the rules weigh against each other: ties turn up often.
RULED = [*CONTESTED, Kind.MET, Kind.THANKED, Kind.REFERRAL_GIVEN, Kind.REFERRAL_RECEIVED]
RULED += [Kind.PROMISE_MADE, Kind.PROMISE_KEPT, Kind.HELP_RECEIVED]
tight_histories = histories(st.sampled_from(RULED), max_size=10)
mixed_histories = histories() | tight_histories
no_let_downs = histories(st.sampled_from([kind for kind in Kind if kind not in NEGATIVE]))
days_back = st.just(0) | st.integers(0, HORIZON)  # often today: the boundaries


# -- a naive reading of the rules, straight from the domain description -----------------


def inside(touch: Touch, today: date, window: int) -> bool:
    return 0 <= (today - touch.on).days <= window


def naive_stage(history: list[Touch], today: date) -> Stage:
    recent = [t for t in history if inside(t, today, 365)]
    if not any(t.kind in TWO_WAY and inside(t, today, 730) for t in history):
        return Stage.NONE
    meeting_days = {t.on for t in recent if t.kind in SUBSTANTIVE}
    giving = sum(t.kind in GIVING for t in recent)
    negative = sum(t.kind in NEGATIVE for t in recent)
    if len(meeting_days) < 2 or giving < 1 or giving <= negative:
        return Stage.VISIBILITY
    if any(map(is_business_out, recent)) and any(map(is_business_in, recent)):
        return Stage.PROFITABILITY
    return Stage.CREDIBILITY


def naive_warnings(history: list[Touch], today: date) -> set[WarningCode]:
    codes: set[WarningCode] = set()
    asks = [t for t in history if t.kind is Kind.ASK and inside(t, today, 90)]
    for ask in asks:
        before = [t for t in history if t.on < ask.on]
        if naive_stage(before, ask.on).rank < Stage.CREDIBILITY.rank:
            codes.add(WarningCode.ASKED_TOO_EARLY)
    if len(asks) >= 3:
        codes.add(WarningCode.HARVESTING_TOO_OFTEN)
    half_year = [t for t in history if inside(t, today, 180)]
    taken = sum(t.kind is Kind.ASK or t.kind in RECEIVING for t in half_year)
    if taken > sum(t.kind in GIVING for t in half_year):
        codes.add(WarningCode.TAKING_MORE_THAN_GIVING)
    for touch in history:
        thanked = any(t.kind is Kind.THANKED and t.on >= touch.on for t in history)
        if is_business_in(touch) and (today - touch.on).days > 7 and not thanked:
            codes.add(WarningCode.UNTHANKED)
    if any((today - made).days > 7 for made in naive_open_promises(history)):
        codes.add(WarningCode.PROMISE_OPEN)
    for touch in history:
        others = [t for t in history if t is not touch and t.on >= touch.on]
        age = (today - touch.on).days
        if touch.kind is Kind.MET and touch.event and 1 <= age <= 30 and not others:
            codes.add(WarningCode.FOLLOW_UP_DUE)
    return codes


def naive_open_promises(history: list[Touch]) -> list[date]:
    open_: list[date] = []
    ordered = sorted(history, key=lambda t: (t.on, t.kind is not Kind.PROMISE_MADE))
    for touch in ordered:
        if touch.kind is Kind.PROMISE_MADE:
            open_.append(touch.on)
        elif touch.kind in (Kind.PROMISE_KEPT, Kind.PROMISE_BROKEN) and open_:
            open_.remove(min(open_))
    return open_


# -- properties -------------------------------------------------------------------------


@settings(max_examples=300)
@given(mixed_histories, days_back)
def test_the_stage_is_what_the_rules_say(history: list[Touch], back: int) -> None:
    day = TODAY - timedelta(days=back)
    assert stage_on(history, day) is naive_stage([t for t in history if t.on <= day], day)


@settings(max_examples=300)
@given(mixed_histories)
def test_the_warnings_are_what_the_rules_say(history: list[Touch]) -> None:
    codes = {flag.code for flag in assess(history, TODAY).warnings}
    assert codes == naive_warnings(history, TODAY)


@given(histories(), st.sampled_from(sorted(GIVING)), days_back)
def test_adding_a_giving_act_never_lowers_the_stage(
    history: list[Touch], kind: Kind, back: int
) -> None:
    gift = Touch(kind, TODAY - timedelta(days=back))
    assert stage_on([*history, gift], TODAY).rank >= stage_on(history, TODAY).rank


@given(no_let_downs, st.integers(0, 1000))
def test_time_passing_with_no_new_touch_never_raises_the_stage(
    history: list[Touch], later: int
) -> None:
    # Without let-downs: one that leaves the window may restore trust (see test_vcp_stages).
    earlier = stage_on(history, TODAY)
    assert stage_on(history, TODAY + timedelta(days=later)).rank <= earlier.rank


@given(histories(), days_back)
def test_a_stage_is_never_reached_without_the_one_below(history: list[Touch], back: int) -> None:
    day = TODAY - timedelta(days=back)
    reached = stage_on(history, day)
    past = [t for t in history if t.on <= day]
    recent = [t for t in past if inside(t, day, 365)]
    if reached.rank >= Stage.VISIBILITY.rank:
        assert any(t.kind in TWO_WAY and inside(t, day, 730) for t in past)
    if reached.rank >= Stage.CREDIBILITY.rank:
        assert len({t.on for t in recent if t.kind in SUBSTANTIVE}) >= 2
        assert sum(t.kind in GIVING for t in recent) > sum(t.kind in NEGATIVE for t in recent)


@given(histories(), st.randoms(use_true_random=False))
def test_the_order_of_touches_changes_nothing(history: list[Touch], rng: random.Random) -> None:
    shuffled = list(history)
    rng.shuffle(shuffled)
    assert assess(shuffled, TODAY) == assess(history, TODAY)


@given(histories())
def test_scores_stay_between_0_and_100_and_hold_the_floor(history: list[Touch]) -> None:
    scores = assess(history, TODAY).scores
    for score in (scores.visibility, scores.credibility, scores.profitability):
        assert 0 <= score <= 100
    if any(t.kind in TWO_WAY for t in history):
        assert scores.visibility >= 10
    if any(t.kind in SUBSTANTIVE or t.kind in GIVING for t in history):
        assert scores.credibility >= 10
    if any(is_business_out(t) or is_business_in(t) for t in history):
        assert scores.profitability >= 10


@settings(max_examples=20)
@given(histories(max_size=12))
def test_the_history_of_stages_matches_the_stage_of_every_day(history: list[Touch]) -> None:
    first = TODAY - timedelta(days=HORIZON)
    until = TODAY + timedelta(days=800)
    changes = iter(stage_history(history, until))
    change = next(changes, None)
    current = Stage.NONE
    day = first
    while day <= until:
        if change is not None and change.on == day:
            current = change.stage
            change = next(changes, None)
        assert stage_on(history, day) is current, day
        day += timedelta(days=1)
    assert change is None
