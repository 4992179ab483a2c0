"""What the person page shows besides the person and the timeline, read in one statement.

The page used to make a query for each kind of row (contact points, tags, open plans,
referrals, the ledger's touches and referrals, the touch form's recent events): seven
ORM queries whose compilation cost more than running them, about half of the page's
time (bench/README.md). One ``UNION ALL`` of indexed parts, each bounded by the person's
own rows or a ``LIMIT``, replaces them.

Only table names from the models' metadata are formatted into the SQL; every value is a
parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from django.db import connection

from coltiva.agenda.models import Plan
from coltiva.dbkit.sqlrows import as_moment, as_money, as_required_day, run, select_list
from coltiva.edge.labels import label
from coltiva.events.models import Event
from coltiva.people.forms import EVENT_CHOICE_DAYS
from coltiva.people.models import (
    DIRECTION_LABELS,
    KIND_LABELS,
    ContactPoint,
    Person,
    Tag,
    Touch,
)
from coltiva.referrals import ledger
from coltiva.referrals.models import Referral

TIMELINE_PAGE = 30
PLANS_SHOWN = 10
REFERRALS_SHOWN = 20

REFERRAL_STATUS_LABELS = dict(Referral.STATUS_CHOICES)


@dataclass(frozen=True)
class ContactRow:
    kind: str
    value: str
    normalized: str
    label: str


@dataclass(frozen=True)
class TagRow:
    name: str


@dataclass(frozen=True)
class PlanRow:
    pk: int
    kind: str
    at: datetime
    place: str

    @property
    def kind_label(self) -> str:
        return label(Plan.KIND_LABELS, self.kind)


@dataclass(frozen=True)
class ReferralRow:
    pk: int
    direction: str
    prospect_label: str
    status: str
    value: Decimal | None
    on: date

    @property
    def status_label(self) -> str:
        return label(REFERRAL_STATUS_LABELS, self.status)


@dataclass(frozen=True)
class TimelineRow:
    """A touch as the timeline shows it."""

    pk: int
    on: date
    kind: str
    minutes: int | None
    direction: str
    value: Decimal | None
    note: str
    event_id: int | None
    event_name: str

    @property
    def kind_label(self) -> str:
        return label(KIND_LABELS, self.kind)

    @property
    def direction_label(self) -> str:
        return label(DIRECTION_LABELS, self.direction)


@dataclass
class PersonRows:
    contacts: list[ContactRow] = field(default_factory=list)
    tags: list[TagRow] = field(default_factory=list)
    plans: list[PlanRow] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)
    ledger_touches: list[ledger.TouchRow] = field(default_factory=list)
    ledger_referrals: list[ledger.ReferralRow] = field(default_factory=list)
    events: list[tuple[int, str]] = field(default_factory=list)
    touches: list[TimelineRow] = field(default_factory=list)


_COLUMNS = (
    ("id", "int"),
    ("a", "text"),
    ("b", "text"),
    ("c", "text"),
    ("d", "text"),
    ("day", "date"),
    ("at", "ts"),
    ("num", "num"),
    ("n1", "int"),
    ("n2", "int"),
)


def _part(part: str, values: dict[str, str]) -> str:
    return select_list(part, _COLUMNS, values)


def _timeline_part() -> str:
    """A page of the person's touches, newest first, with their event's name."""
    touch, event = Touch._meta.db_table, Event._meta.db_table
    on = connection.ops.quote_name("on")
    values = {
        "id": "t.id",
        "a": "t.kind",
        "b": "t.direction",
        "c": "t.note",
        "d": "e.name",
        "day": f"t.{on}",
        "num": "t.value",
        "n1": "t.minutes",
        "n2": "t.event_id",
    }
    return (
        f"SELECT {_part('touch', values)} FROM {touch} t "  # noqa: S608
        f"LEFT JOIN {event} e ON e.id = t.event_id WHERE t.person_id = %(person)s "
        f"ORDER BY t.{on} DESC, t.id DESC LIMIT %(timeline_limit)s OFFSET %(timeline_offset)s"
    )


@cache
def _timeline_sql(vendor: str) -> str:
    del vendor  # part of the cache key
    return f"SELECT * FROM ({_timeline_part()}) AS part0"  # noqa: S608


@cache
def _sql(vendor: str) -> str:
    del vendor  # part of the cache key: the typed NULLs differ by database
    contact, tag, plan = (m._meta.db_table for m in (ContactPoint, Tag, Plan))
    referral, touch, event, person = (m._meta.db_table for m in (Referral, Touch, Event, Person))
    person_tags = Person.tags.through._meta.db_table
    on = connection.ops.quote_name("on")
    parts = [
        f"SELECT {_part('contact', {'id': 'id', 'a': 'kind', 'b': 'value', 'c': 'normalized', 'd': 'label'})} "  # noqa: E501, S608
        f"FROM {contact} WHERE person_id = %(person)s ORDER BY kind, id",
        f"SELECT {_part('tag', {'id': 't.id', 'a': 't.name'})} FROM {tag} t "  # noqa: S608
        f"JOIN {person_tags} pt ON pt.tag_id = t.id WHERE pt.person_id = %(person)s "
        "ORDER BY t.name",
        f"SELECT {_part('plan', {'id': 'id', 'a': 'kind', 'b': 'place', 'at': 'at'})} "  # noqa: S608
        f"FROM {plan} WHERE person_id = %(person)s AND status = 'planned' "
        f"ORDER BY at, id LIMIT {PLANS_SHOWN}",
        "SELECT "  # noqa: S608
        + _part(
            "referral",
            {
                "id": "r.id",
                "a": "r.direction",
                "b": "CASE WHEN p.id IS NULL THEN r.prospect_description ELSE p.display_name END",
                "c": "r.status",
                "day": f"r.{on}",
                "num": "r.value",
            },
        )
        + f" FROM {referral} r LEFT JOIN {person} p ON p.id = r.prospect_id "
        f"WHERE r.person_id = %(person)s ORDER BY r.{on} DESC, r.id DESC LIMIT {REFERRALS_SHOWN}",
        f"SELECT {_part('ledger_touch', {'a': 'kind', 'b': 'direction', 'day': on, 'num': 'value'})} "  # noqa: E501, S608
        f"FROM {touch} WHERE person_id = %(person)s AND {on} BETWEEN %(oldest)s AND %(today)s "
        "AND kind IN %(kinds)s",
        f"SELECT {_part('ledger_referral', {'a': 'direction', 'day': on})} "  # noqa: S608
        f"FROM {referral} WHERE person_id = %(person)s "
        f"AND {on} BETWEEN %(oldest_referral)s AND %(today)s",
        f"SELECT {_part('event', {'id': 'id', 'a': 'name'})} FROM {event} "  # noqa: S608
        f"WHERE owner_id = %(owner)s AND {on} >= %(events_since)s ORDER BY {on} DESC, id DESC",
        _timeline_part(),
    ]
    return " UNION ALL ".join(f"SELECT * FROM ({sql}) AS part{n}" for n, sql in enumerate(parts))  # noqa: S608


def fetch(person: Person, today: date, timeline_page: int = 1) -> PersonRows:
    """Everything but the person and relationship, with page ``timeline_page`` of the
    timeline (``TIMELINE_PAGE`` touches and one more, which tells if older ones exist)."""
    params: dict[str, Any] = {
        "person": person.pk,
        "owner": person.owner_id,
        "today": today,
        "oldest": today - timedelta(days=max(ledger.DAYS)),
        "oldest_referral": today - timedelta(days=max(ledger.WINDOWS)),
        "kinds": tuple(sorted(ledger.COUNTED_KINDS)),
        "events_since": today - timedelta(days=EVENT_CHOICE_DAYS),
        **_timeline_window(timeline_page),
    }
    return _parse(run(_sql(connection.vendor), params))


def timeline(person: Person, page: int) -> list[TimelineRow]:
    """Page ``page`` of the person's touches alone (the timeline's own pages)."""
    params = {"person": person.pk, **_timeline_window(page)}
    return _parse(run(_timeline_sql(connection.vendor), params)).touches


def _timeline_window(page: int) -> dict[str, int]:
    return {"timeline_limit": TIMELINE_PAGE + 1, "timeline_offset": (page - 1) * TIMELINE_PAGE}


def _parse(rows: list[tuple[Any, ...]]) -> PersonRows:
    found = PersonRows()
    for part, id_, a, b, c, d, day, at, num, n1, n2 in rows:
        if part == "contact":
            found.contacts.append(ContactRow(a, b, c, d))
        elif part == "tag":
            found.tags.append(TagRow(a))
        elif part == "plan":
            found.plans.append(PlanRow(id_, a, as_moment(at), b))
        elif part == "referral":
            found.referrals.append(
                ReferralRow(id_, a, b or "", c, as_money(num), as_required_day(day))
            )
        elif part == "ledger_touch":
            found.ledger_touches.append((a, as_required_day(day), b, as_money(num)))
        elif part == "ledger_referral":
            found.ledger_referrals.append((a, as_required_day(day)))
        elif part == "event":
            found.events.append((id_, a))
        elif part == "touch":
            row = TimelineRow(id_, as_required_day(day), a, n1, b, as_money(num), c, n2, d or "")
            found.touches.append(row)
    # Each part is ordered in SQL; a union does not promise to keep its parts' order, so
    # the lists whose order the page shows are put in it again (a few rows each).
    found.touches.sort(key=lambda t: (t.on, t.pk), reverse=True)
    found.referrals.sort(key=lambda r: (r.on, r.pk), reverse=True)
    return found
