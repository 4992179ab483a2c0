"""Touches: the vocabulary and what each kind counts as."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

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

DAY = date(2025, 6, 30)


def test_the_kinds_are_the_stable_identifiers_of_the_domain() -> None:
    assert [kind.value for kind in Kind] == [
        "met",
        "conversation",
        "event_together",
        "coffee",
        "meal",
        "one_to_one",
        "message_sent",
        "helped",
        "introduced",
        "invited_to_group",
        "referral_given",
        "testimonial_given",
        "promise_kept",
        "thanked",
        "help_received",
        "introduction_received",
        "referral_received",
        "testimonial_received",
        "business_closed",
        "promise_made",
        "promise_broken",
        "no_show",
        "ask",
    ]


@pytest.mark.parametrize(
    ("group", "members"),
    [
        (TWO_WAY, "met conversation event_together coffee meal one_to_one"),
        (SUBSTANTIVE, "coffee meal one_to_one"),
        (
            GIVING,
            "helped introduced invited_to_group referral_given testimonial_given "
            "promise_kept thanked",
        ),
        (RECEIVING, "help_received introduction_received referral_received testimonial_received"),
        (NEGATIVE, "promise_broken no_show"),
    ],
)
def test_each_kind_counts_as_the_domain_says(group: frozenset[Kind], members: str) -> None:
    assert group == {Kind(name) for name in members.split()}


@pytest.mark.parametrize(
    ("touch", "out", "in_"),
    [
        (Touch(Kind.REFERRAL_GIVEN, DAY), True, False),
        (Touch(Kind.REFERRAL_RECEIVED, DAY), False, True),
        (Touch(Kind.BUSINESS_CLOSED, DAY, direction=Direction.FOR_THEM), True, False),
        (Touch(Kind.BUSINESS_CLOSED, DAY, direction=Direction.FOR_ME), False, True),
        (Touch(Kind.INTRODUCED, DAY), False, False),
        (Touch(Kind.TESTIMONIAL_RECEIVED, DAY), False, False),
    ],
)
def test_business_flows_out_or_in(touch: Touch, out: bool, in_: bool) -> None:
    assert (is_business_out(touch), is_business_in(touch)) == (out, in_)


def test_a_touch_accepts_plain_identifiers() -> None:
    touch = Touch("business_closed", DAY, direction="for_me")  # type: ignore[arg-type]
    assert touch.kind is Kind.BUSINESS_CLOSED
    assert touch.direction is Direction.FOR_ME


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "coffee", "direction": "for_me"}, "has no direction"),
        ({"kind": "business_closed"}, "needs a direction"),
        ({"kind": "coffee", "minutes": -1}, "minutes"),
        ({"kind": "coffee", "minutes": 1.5}, "minutes"),
        ({"kind": "coffee", "minutes": True}, "minutes"),
        ({"kind": "coffee", "value": Decimal(1)}, "has no value"),
        (
            {"kind": "business_closed", "direction": "for_me", "value": Decimal(-1)},
            "value must be",
        ),
        (
            {"kind": "business_closed", "direction": "for_me", "value": Decimal("NaN")},
            "value must be",
        ),
        ({"kind": "coffee", "on": datetime(2025, 6, 30, 12)}, "must be a date"),
        ({"kind": "cofee"}, "cofee"),
    ],
)
def test_a_touch_refuses_what_cannot_be(fields: dict[str, Any], message: str) -> None:
    fields = {"on": DAY, **fields}
    with pytest.raises(ValueError, match=message):
        Touch(**fields)


def test_a_touch_is_immutable() -> None:
    touch = Touch(Kind.COFFEE, DAY)
    with pytest.raises(AttributeError):
        touch.minutes = 5  # type: ignore[misc]
