"""Touches: the dated things that happen in a relationship.

The identifiers are stable: the API, the CLI and imports use them verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from coltiva.domain.bounds import EARLIEST_DAY


class Kind(StrEnum):
    MET = "met"
    CONVERSATION = "conversation"
    EVENT_TOGETHER = "event_together"
    COFFEE = "coffee"
    MEAL = "meal"
    ONE_TO_ONE = "one_to_one"
    MESSAGE_SENT = "message_sent"
    HELPED = "helped"
    INTRODUCED = "introduced"
    INVITED_TO_GROUP = "invited_to_group"
    REFERRAL_GIVEN = "referral_given"
    TESTIMONIAL_GIVEN = "testimonial_given"
    PROMISE_KEPT = "promise_kept"
    THANKED = "thanked"
    HELP_RECEIVED = "help_received"
    INTRODUCTION_RECEIVED = "introduction_received"
    REFERRAL_RECEIVED = "referral_received"
    TESTIMONIAL_RECEIVED = "testimonial_received"
    BUSINESS_CLOSED = "business_closed"
    PROMISE_MADE = "promise_made"
    PROMISE_BROKEN = "promise_broken"
    NO_SHOW = "no_show"
    ASK = "ask"


class Direction(StrEnum):
    FOR_ME = "for_me"
    FOR_THEM = "for_them"


SUBSTANTIVE: frozenset[Kind] = frozenset({Kind.COFFEE, Kind.MEAL, Kind.ONE_TO_ONE})
TWO_WAY: frozenset[Kind] = SUBSTANTIVE | {Kind.MET, Kind.CONVERSATION, Kind.EVENT_TOGETHER}
GIVING: frozenset[Kind] = frozenset(
    {
        Kind.HELPED,
        Kind.INTRODUCED,
        Kind.INVITED_TO_GROUP,
        Kind.REFERRAL_GIVEN,
        Kind.TESTIMONIAL_GIVEN,
        Kind.PROMISE_KEPT,
        Kind.THANKED,
    }
)
RECEIVING: frozenset[Kind] = frozenset(
    {
        Kind.HELP_RECEIVED,
        Kind.INTRODUCTION_RECEIVED,
        Kind.REFERRAL_RECEIVED,
        Kind.TESTIMONIAL_RECEIVED,
    }
)
# Whoever failed: trust is mutual, so their no-show costs as much as my broken promise.
NEGATIVE: frozenset[Kind] = frozenset({Kind.PROMISE_BROKEN, Kind.NO_SHOW})


@dataclass(frozen=True, slots=True)
class Touch:
    """One dated thing that happened in a relationship.

    ``direction`` and ``value`` belong to ``business_closed`` only, and ``direction`` is
    required there: business that flowed nowhere cannot be counted. ``minutes`` is the
    time spent together. ``event`` names the event where the touch happened.
    """

    kind: Kind
    on: date
    minutes: int | None = None
    direction: Direction | None = None
    value: Decimal | None = None
    event: str | None = None

    def __post_init__(self) -> None:
        # Accept the plain identifiers too ("coffee"), so callers can pass stored strings.
        object.__setattr__(self, "kind", Kind(self.kind))
        if self.direction is not None:
            object.__setattr__(self, "direction", Direction(self.direction))
        _check(self)


def _check(touch: Touch) -> None:
    if isinstance(touch.on, datetime) or not isinstance(touch.on, date):
        # A datetime would carry a time zone question the caller must settle first.
        raise ValueError(f"'on' must be a date, not {type(touch.on).__name__}")
    minutes = touch.minutes
    if minutes is not None and (type(minutes) is not int or minutes < 0):
        raise ValueError(f"minutes must be a whole number >= 0, not {minutes!r}")
    is_business = touch.kind is Kind.BUSINESS_CLOSED
    if is_business and touch.direction is None:
        raise ValueError("business_closed needs a direction: for_me or for_them")
    if not is_business and touch.direction is not None:
        raise ValueError(f"{touch.kind} has no direction (only business_closed has one)")
    if touch.value is not None:
        _check_value(touch.kind, touch.value)


def _check_value(kind: Kind, value: Decimal) -> None:
    if kind is not Kind.BUSINESS_CLOSED:
        raise ValueError(f"{kind} has no value (only business_closed has one)")
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise ValueError(f"value must be a finite number >= 0, not {value!r}")


MAX_MINUTES = 24 * 60


class Problem(StrEnum):
    """Why a touch given by a user cannot be logged; the edge says it in words."""

    UNKNOWN_KIND = "unknown_kind"
    BEFORE_EARLIEST = "before_earliest"
    IN_THE_FUTURE = "in_the_future"
    NEEDS_DIRECTION = "needs_direction"
    NO_DIRECTION = "no_direction"
    NO_VALUE = "no_value"
    NEGATIVE_VALUE = "negative_value"
    MINUTES_OUT_OF_RANGE = "minutes_out_of_range"


def day_problem(on: date, today: date) -> Problem | None:
    """What is wrong with ``on`` as the day of something that happened, if anything."""
    if on < EARLIEST_DAY:
        return Problem.BEFORE_EARLIEST
    if on > today:
        return Problem.IN_THE_FUTURE
    return None


def problems(
    *,
    kind: str,
    on: date,
    today: date,
    direction: str = "",
    value: Decimal | None = None,
    minutes: int | None = None,
) -> dict[str, Problem]:
    """The touch's problems by field name (empty when it can be logged).

    Unlike ``Touch``'s own checks (what any stored touch must be), these are the rules
    for a touch entered now: the form, the CLI and the services all ask here.
    """
    found: dict[str, Problem] = {}
    if kind not in Kind._value2member_map_:
        found["kind"] = Problem.UNKNOWN_KIND
    day = day_problem(on, today)
    if day is not None:
        found["on"] = day
    is_business = kind == Kind.BUSINESS_CLOSED
    if is_business and not direction:
        found["direction"] = Problem.NEEDS_DIRECTION
    elif direction and not is_business:
        found["direction"] = Problem.NO_DIRECTION
    if value is not None and not is_business:
        found["value"] = Problem.NO_VALUE
    elif value is not None and value < 0:
        found["value"] = Problem.NEGATIVE_VALUE
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        found["minutes"] = Problem.MINUTES_OUT_OF_RANGE
    return found


def is_business_out(touch: Touch) -> bool:
    """Business I sent their way: a referral given or business closed for them."""
    return touch.kind is Kind.REFERRAL_GIVEN or (
        touch.kind is Kind.BUSINESS_CLOSED and touch.direction is Direction.FOR_THEM
    )


def is_business_in(touch: Touch) -> bool:
    """Business they sent my way: a referral received or business closed for me."""
    return touch.kind is Kind.REFERRAL_RECEIVED or (
        touch.kind is Kind.BUSINESS_CLOSED and touch.direction is Direction.FOR_ME
    )
