"""The give/receive ledger: what flowed each way, per person or for the whole book.

Counts come from touches (giving and receiving acts) and recorded referrals, with the
value of business closed each way; each window is one aggregate query, whatever the size
of the book.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from coltiva.accounts.models import User
from coltiva.domain.touches import GIVING, RECEIVING, Kind
from coltiva.people.models import Person, Touch
from coltiva.referrals.models import Referral

WINDOWS = (90, 365)
# DOMAIN.md: taking_more_than_giving looks at the last 180 days.
TAKING_WINDOW = 180
COUNTED = [k.value for k in (*GIVING, *RECEIVING, Kind.ASK)]


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


def _touch_counts(touches: QuerySet[Touch], since: date) -> dict[str, object]:
    # The window and the kinds go in WHERE, so the (owner, kind, on) index reads only
    # those rows; counts need nothing else from the row (the index covers them), and only
    # business closed, a few rows, is read for its value.
    recent = touches.filter(on__gte=since)
    counts = recent.filter(kind__in=COUNTED).aggregate(
        given=Count("id", filter=Q(kind__in=[k.value for k in GIVING])),
        received=Count("id", filter=Q(kind__in=[k.value for k in RECEIVING])),
        asks=Count("id", filter=Q(kind=Kind.ASK.value)),
    )
    business = recent.filter(kind=Kind.BUSINESS_CLOSED.value).aggregate(
        for_them=Sum("value", filter=Q(direction="for_them")),
        for_me=Sum("value", filter=Q(direction="for_me")),
    )
    return counts | business


def _without(total: dict[str, object], trashed: dict[str, object]) -> dict[str, object]:
    return {
        name: _money(value) - _money(trashed[name])
        if name.startswith("for_")
        else _int(value) - _int(trashed[name])
        for name, value in total.items()
    }


def _referral_counts(referrals: QuerySet[Referral], since: date) -> dict[str, object]:
    recent = Q(on__gte=since)
    return referrals.aggregate(
        given=Count("id", filter=recent & Q(direction=Referral.GIVEN)),
        received=Count("id", filter=recent & Q(direction=Referral.RECEIVED)),
    )


def ledger(owner: User, today: date, person: Person | None = None) -> Ledger:
    trashed: list[int] = []
    if person is not None:
        # The person is of the owner's book (access helpers): filtering on the owner too
        # made SQLite read the whole book's touches by (owner, on) instead of theirs.
        touches = Touch.objects.filter(person=person, on__lte=today)
        referrals = Referral.objects.filter(person=person, on__lte=today)
    else:
        # People in the trash are left out by subtracting their few touches, not by
        # joining every touch of the book to its person (that join was most of the cost).
        trashed = list(Person.objects.in_trash().filter(owner=owner).values_list("pk", flat=True))
        touches = Touch.objects.filter(owner=owner, on__lte=today)
        referrals = Referral.objects.filter(owner=owner, on__lte=today)
        referrals = referrals.exclude(person_id__in=trashed)

    def counts(since: date) -> dict[str, object]:
        total = _touch_counts(touches, since)
        if not trashed:
            return total
        # By person only: the (person, on) index, not the book's (owner, kind, on) range.
        theirs = Touch.objects.filter(person_id__in=trashed, on__lte=today)
        return _without(total, _touch_counts(theirs, since))

    flows = []
    for days in WINDOWS:
        since = today - timedelta(days=days)
        t, r = counts(since), _referral_counts(referrals, since)
        flows.append(
            Flow(
                days=days,
                given=_int(t["given"]),
                received=_int(t["received"]),
                asks=_int(t["asks"]),
                referrals_given=_int(r["given"]),
                referrals_received=_int(r["received"]),
                business_for_them=_money(t["for_them"]),
                business_for_me=_money(t["for_me"]),
            )
        )
    recent = counts(today - timedelta(days=TAKING_WINDOW))
    taking = _int(recent["asks"]) + _int(recent["received"]) > _int(recent["given"])
    return Ledger(flows=tuple(flows), taking_more_than_giving=taking)
