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
from coltiva.events.models import Event
from coltiva.people import ledger
from coltiva.people.forms import EVENT_CHOICE_DAYS
from coltiva.people.models import ContactPoint, Person, Tag, Touch
from coltiva.referrals.models import Referral
from coltiva.sqlrows import as_day, as_moment, as_money, run, select_list

PLANS_SHOWN = 10
REFERRALS_SHOWN = 20

PLAN_KIND_LABELS = dict(Plan.KIND_CHOICES)
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
        return str(PLAN_KIND_LABELS.get(self.kind, self.kind))


@dataclass(frozen=True)
class ReferralRow:
    direction: str
    prospect_label: str
    status: str
    value: Decimal | None
    on: date

    @property
    def status_label(self) -> str:
        return str(REFERRAL_STATUS_LABELS.get(self.status, self.status))


@dataclass
class PersonRows:
    contacts: list[ContactRow] = field(default_factory=list)
    tags: list[TagRow] = field(default_factory=list)
    plans: list[PlanRow] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)
    ledger_touches: list[ledger.TouchRow] = field(default_factory=list)
    ledger_referrals: list[ledger.ReferralRow] = field(default_factory=list)
    events: list[tuple[int, str]] = field(default_factory=list)


_COLUMNS = (
    ("id", "int"),
    ("a", "text"),
    ("b", "text"),
    ("c", "text"),
    ("d", "text"),
    ("day", "date"),
    ("at", "ts"),
    ("num", "num"),
)


def _part(part: str, values: dict[str, str]) -> str:
    return select_list(part, _COLUMNS, values)


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
    ]
    return " UNION ALL ".join(f"SELECT * FROM ({sql}) AS part{n}" for n, sql in enumerate(parts))  # noqa: S608


def fetch(person: Person, today: date) -> PersonRows:
    params: dict[str, Any] = {
        "person": person.pk,
        "owner": person.owner_id,
        "today": today,
        "oldest": today - timedelta(days=max(ledger.DAYS)),
        "oldest_referral": today - timedelta(days=max(ledger.WINDOWS)),
        "kinds": tuple(sorted(ledger.COUNTED_KINDS)),
        "events_since": today - timedelta(days=EVENT_CHOICE_DAYS),
    }
    found = PersonRows()
    for part, id_, a, b, c, d, day, at, num in run(_sql(connection.vendor), params):
        if part == "contact":
            found.contacts.append(ContactRow(a, b, c, d))
        elif part == "tag":
            found.tags.append(TagRow(a))
        elif part == "plan":
            found.plans.append(PlanRow(id_, a, as_moment(at), b))
        elif part == "referral":
            when = as_day(day)
            assert when is not None
            found.referrals.append(ReferralRow(a, b or "", c, as_money(num), when))
        elif part == "ledger_touch":
            when = as_day(day)
            assert when is not None
            found.ledger_touches.append((a, when, b, as_money(num)))
        elif part == "ledger_referral":
            when = as_day(day)
            assert when is not None
            found.ledger_referrals.append((a, when))
        elif part == "event":
            found.events.append((id_, a))
    return found
