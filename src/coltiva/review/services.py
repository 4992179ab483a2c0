"""The whole farm at a glance: aggregates over a book, each one bounded query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Sum

from coltiva.accounts.models import User
from coltiva.domain.touches import GIVING, RECEIVING
from coltiva.domain.vcp import Stage
from coltiva.people.models import (
    HEALTH_CHOICES,
    PURPOSES,
    STAGE_CHOICES,
    Relationship,
    StageChange,
    Touch,
)

RANK = {stage.value: stage.rank for stage in Stage}
# How many recent stage changes the "grew most / slipping" lists look at: enough for a
# quarter of a busy book, bounded whatever its size.
RECENT_CHANGES = 500


@dataclass
class Movement:
    days: int
    up: int = 0
    down: int = 0
    transitions: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass
class Mover:
    person_id: int
    name: str
    delta: int
    stage: str


@dataclass
class Review:
    today: date
    total: int
    stages: list[tuple[str, object, int]]
    healths: list[tuple[str, object, int]]
    movements: list[Movement]
    months: list[tuple[date, int, int]]
    minutes: list[tuple[str, int]]
    grew: list[Mover]
    slipping: list[Mover]
    at_risk: list[Relationship]


def _counts(
    rels: QuerySet[Relationship], field_name: str, choices: Sequence[tuple[str, object]]
) -> list[tuple[str, object, int]]:
    found: dict[str, int] = dict(rels.values_list(field_name).annotate(n=Count("pk")).order_by())
    return [(code, label, found.get(code, 0)) for code, label in choices]


def _movement(user: User, today: date, days: int) -> Movement:
    rows = (
        StageChange.objects.filter(
            owner=user, on__gt=today - timedelta(days=days), person__deleted_at__isnull=True
        )
        .values_list("from_stage", "to_stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    movement = Movement(days=days)
    for src, dst, n in rows:
        movement.transitions.append((src, dst, n))
        if RANK[dst] > RANK[src]:
            movement.up += n
        else:
            movement.down += n
    movement.transitions.sort(key=lambda t: (-t[2], t[0], t[1]))
    return movement


def _months(user: User, today: date) -> list[tuple[date, int, int]]:
    start = (today.replace(day=1) - timedelta(days=335)).replace(day=1)
    given_kinds = {k.value for k in GIVING}
    # Counted by day and kind from the (owner, kind, on) index alone, then folded into
    # months here: truncating each row's date in SQL read every touch of the year.
    rows = (
        Touch.objects.filter(
            owner=user, kind__in=[k.value for k in (*GIVING, *RECEIVING)], on__range=(start, today)
        )
        .values_list("on", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_month: dict[date, tuple[int, int]] = {}
    for day, kind, n in rows:
        month = day.replace(day=1)
        given, received = by_month.get(month, (0, 0))
        by_month[month] = (given + n, received) if kind in given_kinds else (given, received + n)
    months, cursor = [], start
    while cursor <= today:
        given, received = by_month.get(cursor, (0, 0))
        months.append((cursor, given, received))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return months


def _minutes(user: User, today: date) -> list[tuple[str, int]]:
    # The year in WHERE (the (owner, on) index), not in each sum's FILTER, which read
    # every touch of the book.
    timed = Touch.objects.filter(
        owner=user, on__gt=today - timedelta(days=365), minutes__isnull=False
    )
    sums = timed.aggregate(
        **{
            name: Sum("minutes", filter=Q(**{f"person__relationship__purpose_{name}": True}))
            for name in PURPOSES
        }
    )
    return [(name, int(sums[name] or 0)) for name in PURPOSES]


def _movers(user: User, today: date) -> tuple[list[Mover], list[Mover]]:
    changes = (
        StageChange.objects.filter(
            owner=user, on__gt=today - timedelta(days=90), person__deleted_at__isnull=True
        )
        .select_related("person", "person__relationship")
        .order_by("-on", "-id")[:RECENT_CHANGES]
    )
    delta: dict[int, int] = defaultdict(int)
    people = {}
    for change in changes:
        delta[change.person_id] += RANK[change.to_stage] - RANK[change.from_stage]
        people[change.person_id] = change.person
    movers = [
        Mover(pk, people[pk].display_name, d, people[pk].relationship.stage)
        for pk, d in delta.items()
        if d
    ]
    grew = sorted((m for m in movers if m.delta > 0), key=lambda m: (-m.delta, m.name))[:5]
    slid = sorted((m for m in movers if m.delta < 0), key=lambda m: (m.delta, m.name))[:5]
    return grew, slid


def review(user: User) -> Review:
    today = user.local_today()
    rels = Relationship.objects.filter(owner=user, person__deleted_at__isnull=True)
    stages = _counts(rels, "stage", STAGE_CHOICES)
    grew, slipping = _movers(user, today)
    at_risk = list(
        rels.filter(stage_rank__gte=Stage.CREDIBILITY.rank, health__in=["withering", "dormant"])
        .select_related("person")
        .order_by("last_contact_on", "person_id")[:5]
    )
    return Review(
        today=today,
        total=sum(n for _, _, n in stages),
        stages=stages,
        healths=_counts(rels, "health", HEALTH_CHOICES),
        movements=[_movement(user, today, 30), _movement(user, today, 90)],
        months=_months(user, today),
        minutes=_minutes(user, today),
        grew=grew,
        slipping=slipping,
        at_risk=at_risk,
    )
