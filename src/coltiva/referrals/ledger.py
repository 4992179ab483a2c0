"""The give/receive ledger: what flowed each way, per person or for the whole book.

Counts come from touches (giving and receiving acts) and recorded referrals, with the
value of business closed each way; each window is one aggregate query, whatever the size
of the book.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from coltiva.accounts.models import User
from coltiva.domain import guardrails
from coltiva.domain.assessment import Params
from coltiva.domain.touches import GIVING, RECEIVING, Kind
from coltiva.people.models import Person, Touch
from coltiva.referrals.models import Referral

WINDOWS = (90, 365)
# The guardrail's own window (DOMAIN.md: taking_more_than_giving looks at 180 days).
TAKING_WINDOW = Params().taking_window_days
DAYS = (*WINDOWS, TAKING_WINDOW)
# What each counted kind adds up to.
CATEGORY = {
    **{k.value: "given" for k in GIVING},
    **{k.value: "received" for k in RECEIVING},
    Kind.ASK.value: "asks",
}
BUSINESS = Kind.BUSINESS_CLOSED.value
COUNTED_KINDS = frozenset([*CATEGORY, BUSINESS])


@dataclass(frozen=True)
class Flow:
    days: int
    given: int
    received: int
    asks: int
    referrals_given: int
    referrals_received: int
    business_for_them: Decimal
    business_for_me: Decimal


@dataclass(frozen=True)
class Ledger:
    flows: tuple[Flow, ...]
    taking_more_than_giving: bool


def _int(value: object) -> int:
    return int(value) if isinstance(value, int) else 0


def _money(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(0)


def _touch_counts(touches: QuerySet[Touch], today: date) -> dict[str, object]:
    """Every window's counts and business in two queries, keyed "given_90" and so on.

    The longest window and the kinds go in WHERE, so the (owner, kind, on) index reads
    only those rows; the counts need nothing but that index (it covers them) and are
    grouped by kind, so each row is tested once per window; only business closed, a few
    rows, is read for its value.
    """
    oldest = today - timedelta(days=max(DAYS))
    # Counting a column of the index, not the id, lets PostgreSQL answer from the index.
    windows = {f"n_{d}": Count("on", filter=Q(on__gte=today - timedelta(days=d))) for d in DAYS}
    found: dict[str, object] = {f"{name}_{d}": 0 for name in CATEGORY.values() for d in DAYS}
    recent_rows = touches.filter(on__gte=oldest)
    by_kind = recent_rows.filter(kind__in=CATEGORY).values("kind").annotate(**windows)
    for kind, *counts in by_kind.values_list("kind", *windows):
        name = CATEGORY[kind]
        for days, count in zip(DAYS, counts, strict=True):
            found[f"{name}_{days}"] = _int(found[f"{name}_{days}"]) + _int(count)
    business: dict[str, Any] = {
        f"{direction}_{d}": Sum(
            "value", filter=Q(on__gte=today - timedelta(days=d), direction=direction)
        )
        for d in DAYS
        for direction in ("for_them", "for_me")
    }
    closed = recent_rows.filter(kind=Kind.BUSINESS_CLOSED.value)
    return found | closed.aggregate(**business)


def _without(total: dict[str, object], trashed: dict[str, object]) -> dict[str, object]:
    return {
        name: _money(value) - _money(trashed[name])
        if name.startswith("for_")
        else _int(value) - _int(trashed[name])
        for name, value in total.items()
    }


def _referral_counts(referrals: QuerySet[Referral], today: date) -> dict[str, object]:
    counts = {}
    for days in WINDOWS:
        recent = Q(on__gte=today - timedelta(days=days))
        counts[f"given_{days}"] = Count("id", filter=recent & Q(direction=Referral.GIVEN))
        counts[f"received_{days}"] = Count("id", filter=recent & Q(direction=Referral.RECEIVED))
    return referrals.aggregate(**counts)


# A person's rows of the longest window: (kind, on, direction, value) and (direction, on).
TouchRow = tuple[str, date, str, Decimal | None]
ReferralRow = tuple[str, date]


def _row_counts(
    touches: list[TouchRow], referrals: list[ReferralRow], today: date
) -> tuple[dict[str, object], dict[str, object]]:
    """One person's counts, added up in Python from their rows of the longest window.

    A person has a few dozen such rows a year, and building the book-wide aggregates
    (a dozen ``FILTER`` clauses) cost the ORM more time than reading the rows.
    """
    t: dict[str, object] = {f"{name}_{d}": 0 for name in CATEGORY.values() for d in DAYS}
    t |= {f"{direction}_{d}": Decimal(0) for direction in ("for_them", "for_me") for d in DAYS}
    for kind, on, direction, value in touches:
        for days in DAYS:
            if on < today - timedelta(days=days):
                continue
            if kind in CATEGORY:
                key = f"{CATEGORY[kind]}_{days}"
                t[key] = _int(t[key]) + 1
            if kind == BUSINESS and direction in ("for_them", "for_me") and value is not None:
                key = f"{direction}_{days}"
                t[key] = _money(t[key]) + value
    r: dict[str, object] = {f"{d}_{days}": 0 for d in ("given", "received") for days in WINDOWS}
    for direction, on in referrals:
        for days in WINDOWS:
            if on >= today - timedelta(days=days) and direction in (
                Referral.GIVEN,
                Referral.RECEIVED,
            ):
                key = f"{direction}_{days}"
                r[key] = _int(r[key]) + 1
    return t, r


def person_ledger(touches: list[TouchRow], referrals: list[ReferralRow], today: date) -> Ledger:
    """A person's ledger from their rows of the longest window (the person page reads
    them with its other rows, ``web.page_rows``)."""
    return _ledger(*_row_counts(touches, referrals, today))


def ledger(owner: User, today: date) -> Ledger:
    """The whole book's ledger. People in the trash are left out by subtracting their few
    touches, not by joining every touch of the book to its person (that join was most of
    the cost)."""
    trashed = list(Person.objects.in_trash().filter(owner=owner).values_list("pk", flat=True))
    t = _touch_counts(Touch.objects.filter(owner=owner, on__lte=today), today)
    if trashed:
        # By person only: the (person, on) index, not the book's (owner, kind, on) range.
        theirs = Touch.objects.filter(person_id__in=trashed, on__lte=today)
        t = _without(t, _touch_counts(theirs, today))
    referrals = Referral.objects.filter(owner=owner, on__lte=today)
    r = _referral_counts(referrals.exclude(person_id__in=trashed), today)
    return _ledger(t, r)


def _ledger(t: dict[str, object], r: dict[str, object]) -> Ledger:
    flows = tuple(
        Flow(
            days=days,
            given=_int(t[f"given_{days}"]),
            received=_int(t[f"received_{days}"]),
            asks=_int(t[f"asks_{days}"]),
            referrals_given=_int(r[f"given_{days}"]),
            referrals_received=_int(r[f"received_{days}"]),
            business_for_them=_money(t[f"for_them_{days}"]),
            business_for_me=_money(t[f"for_me_{days}"]),
        )
        for days in WINDOWS
    )
    w = TAKING_WINDOW
    taking = guardrails.takes_more_than_gives(
        asks=_int(t[f"asks_{w}"]), received=_int(t[f"received_{w}"]), given=_int(t[f"given_{w}"])
    )
    return Ledger(flows=flows, taking_more_than_giving=taking)
