"""What the person page shows besides the person and the timeline, read in one statement.

The page used to make a query for each kind of row (contact points, tags, open plans,
referrals, the ledger's touches and referrals, the touch form's recent events): seven
ORM queries whose compilation cost more than running them, about half of the page's
time (bench/README.md). One ``UNION ALL`` of indexed parts, each bounded by the person's
own rows or a ``LIMIT``, replaces them.

Only table names from the models' metadata and the models' own constants (statuses)
are formatted into the SQL; every other value is a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from django.db import connection

from coltiva.agenda.models import Plan
from coltiva.dbkit.sqlrows import as_moment, as_money, as_required_day, literal, run, select_list
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


# Every part returns these columns, in this order (NULL where a part has no such value).
_COLUMNS = (
    ("id", "int"),
    ("kind", "text"),  # a contact point's, a plan's or a touch's kind
    ("direction", "text"),  # a referral's or a touch's
    ("name", "text"),  # a tag's, an event's; a touch's event
    ("contact_value", "text"),  # a contact point as written
    ("normalized", "text"),  # a contact point as compared
    ("label", "text"),  # a contact point's label ("work")
    ("place", "text"),  # a plan's
    ("prospect", "text"),  # a referral's prospect: the person's name, else its description
    ("status", "text"),  # a referral's
    ("note", "text"),  # a touch's
    ("day", "date"),
    ("at", "ts"),  # a plan's time
    ("amount", "num"),  # a referral's or a touch's value
    ("minutes", "int"),  # a touch's
    ("event_id", "int"),  # a touch's
)


class _Row(NamedTuple):
    """One row of the union. ``Any``: a column holds a value only in the parts that fill
    it, and SQLite hands dates and numbers back as text."""

    part: str
    id: Any
    kind: Any
    direction: Any
    name: Any
    contact_value: Any
    normalized: Any
    label: Any
    place: Any
    prospect: Any
    status: Any
    note: Any
    day: Any
    at: Any
    amount: Any
    minutes: Any
    event_id: Any


def _part(part: str, values: dict[str, str]) -> str:
    return select_list(part, _COLUMNS, values)


def _timeline_part() -> str:
    """A page of the person's touches, newest first, with their event's name."""
    touch, event = Touch._meta.db_table, Event._meta.db_table
    on = connection.ops.quote_name("on")
    values = {
        "id": "t.id",
        "kind": "t.kind",
        "direction": "t.direction",
        "note": "t.note",
        "name": "e.name",
        "day": f"t.{on}",
        "amount": "t.value",
        "minutes": "t.minutes",
        "event_id": "t.event_id",
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
        "SELECT "  # noqa: S608
        + _part(
            "contact",
            {
                "id": "id",
                "kind": "kind",
                "contact_value": "value",
                "normalized": "normalized",
                "label": "label",
            },
        )
        + f" FROM {contact} WHERE person_id = %(person)s ORDER BY kind, id",
        f"SELECT {_part('tag', {'id': 't.id', 'name': 't.name'})} FROM {tag} t "  # noqa: S608
        f"JOIN {person_tags} pt ON pt.tag_id = t.id WHERE pt.person_id = %(person)s "
        "ORDER BY t.name",
        f"SELECT {_part('plan', {'id': 'id', 'kind': 'kind', 'place': 'place', 'at': 'at'})} "  # noqa: S608
        f"FROM {plan} WHERE person_id = %(person)s AND status = {literal(Plan.PLANNED)} "
        f"ORDER BY at, id LIMIT {PLANS_SHOWN}",
        "SELECT "  # noqa: S608
        + _part(
            "referral",
            {
                "id": "r.id",
                "direction": "r.direction",
                "prospect": "CASE WHEN p.id IS NULL THEN r.prospect_description "
                "ELSE p.display_name END",
                "status": "r.status",
                "day": f"r.{on}",
                "amount": "r.value",
            },
        )
        + f" FROM {referral} r LEFT JOIN {person} p ON p.id = r.prospect_id "
        f"WHERE r.person_id = %(person)s ORDER BY r.{on} DESC, r.id DESC LIMIT {REFERRALS_SHOWN}",
        "SELECT "  # noqa: S608
        + _part(
            "ledger_touch",
            {"kind": "kind", "direction": "direction", "day": on, "amount": "value"},
        )
        + f" FROM {touch} WHERE person_id = %(person)s AND {on} BETWEEN %(oldest)s AND %(today)s "
        "AND kind IN %(kinds)s",
        f"SELECT {_part('ledger_referral', {'direction': 'direction', 'day': on})} "  # noqa: S608
        f"FROM {referral} WHERE person_id = %(person)s "
        f"AND {on} BETWEEN %(oldest_referral)s AND %(today)s",
        f"SELECT {_part('event', {'id': 'id', 'name': 'name'})} FROM {event} "  # noqa: S608
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
    for row in map(_Row._make, rows):
        if row.part == "contact":
            contact = ContactRow(row.kind, row.contact_value, row.normalized, row.label)
            found.contacts.append(contact)
        elif row.part == "tag":
            found.tags.append(TagRow(row.name))
        elif row.part == "plan":
            found.plans.append(PlanRow(row.id, row.kind, as_moment(row.at), row.place))
        elif row.part == "referral":
            found.referrals.append(_referral(row))
        elif row.part == "ledger_touch":
            day = as_required_day(row.day)
            found.ledger_touches.append((row.kind, day, row.direction, as_money(row.amount)))
        elif row.part == "ledger_referral":
            found.ledger_referrals.append((row.direction, as_required_day(row.day)))
        elif row.part == "event":
            found.events.append((row.id, row.name))
        elif row.part == "touch":
            found.touches.append(_touch(row))
    # Each part is ordered in SQL; a union does not promise to keep its parts' order, so
    # the lists whose order the page shows are put in it again (a few rows each).
    found.touches.sort(key=lambda t: (t.on, t.pk), reverse=True)
    found.referrals.sort(key=lambda r: (r.on, r.pk), reverse=True)
    return found


def _referral(row: _Row) -> ReferralRow:
    day = as_required_day(row.day)
    return ReferralRow(
        row.id, row.direction, row.prospect or "", row.status, as_money(row.amount), day
    )


def _touch(row: _Row) -> TimelineRow:
    return TimelineRow(
        pk=row.id,
        on=as_required_day(row.day),
        kind=row.kind,
        minutes=row.minutes,
        direction=row.direction,
        value=as_money(row.amount),
        note=row.note,
        event_id=row.event_id,
        event_name=row.name or "",
    )
