"""Everything Today shows, read in one statement.

Today is the page a user opens most, so its reads are designed rather than left to the
ORM: one ``UNION ALL`` of small indexed parts (the due next steps in agenda order, two
people never met unless the week's meeting budget is spent, the plans due, introductions
to follow up, the user's groups and whether the book has anyone at all), with the week's
budget counted in a ``WITH`` clause that the parts consult. Each part is an index range
with a ``LIMIT``, so the statement costs the same in a book of 300 or 100,000 people,
and one round trip replaces the nine queries (and their compilation, which cost more
than running them) that Today used to make. ``bench/README.md`` has the measurements.

Only table names from the models' metadata are formatted into the SQL; every value is a
parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from django.db import connection

from coltiva.accounts.models import User
from coltiva.agenda.models import Plan
from coltiva.domain import agenda
from coltiva.domain.assessment import NextStepCode
from coltiva.domain.touches import SUBSTANTIVE
from coltiva.network import conf
from coltiva.network.models import NetworkingGroup
from coltiva.network.today import FOLLOW_UPS_PER_DAY, GROUPS_CONSIDERED
from coltiva.people.models import Person, Relationship, Touch
from coltiva.referrals.models import Introduction
from coltiva.sqlrows import as_day, as_json, as_moment, as_required_day, run, select_list

# Steps that propose a new meeting: left out once the week's time budget is spent.
MEETING_STEPS = (NextStepCode.MEET_AGAIN.value, NextStepCode.GET_TO_KNOW.value)


@dataclass(frozen=True)
class StepRow:
    person_id: int
    name: str
    given_name: str
    code: str
    params: dict[str, Any]
    since: date | None
    due_on: date | None
    rank: int
    stage: str


@dataclass(frozen=True)
class PlanRow:
    plan_id: int
    person_id: int
    name: str
    given_name: str
    kind: str
    at: datetime
    on: date
    stage: str


@dataclass(frozen=True)
class FollowUpRow:
    introduction_id: int
    a: str
    b: str
    on: date


@dataclass
class TodayRows:
    logged: int = 0
    planned: int = 0
    has_people: bool = False
    steps: list[StepRow] = field(default_factory=list)
    plans: list[PlanRow] = field(default_factory=list)
    follow_ups: list[FollowUpRow] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)


# Every part returns these columns, in this order (NULL where a part has no such value).
_COLUMNS = (
    ("id", "int"),
    ("person_id", "int"),
    ("name", "text"),
    ("given", "text"),
    ("code", "text"),
    ("params", "text"),
    ("since", "date"),
    ("due", "date"),
    ("rank", "int"),
    ("stage", "text"),
    ("at", "ts"),
)


def _select(part: str, values: dict[str, str]) -> str:
    return select_list(part, _COLUMNS, values)


@cache
def _sql(vendor: str) -> str:
    del vendor  # part of the cache key: the typed NULLs differ by database
    rel, person, plan, touch = (m._meta.db_table for m in (Relationship, Person, Plan, Touch))
    intro, group = Introduction._meta.db_table, NetworkingGroup._meta.db_table
    on = connection.ops.quote_name("on")
    # The week's meetings, each count stopping at the budget: whether it is spent is all
    # the agenda needs, and counting further would read the whole week of a busy book.
    budget = (
        f"WITH budget AS (SELECT "  # noqa: S608
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {touch} t JOIN {person} tp ON tp.id = t.person_id "
        f"WHERE t.owner_id = %(owner)s AND t.kind IN %(substantive)s "
        f"AND t.{on} BETWEEN %(monday)s AND %(sunday)s AND tp.deleted_at IS NULL "
        f"LIMIT %(target)s) AS l) AS logged, "
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {plan} w JOIN {person} wp ON wp.id = w.person_id "
        f"WHERE w.owner_id = %(owner)s AND w.status = 'planned' "
        f"AND w.{on} BETWEEN %(monday)s AND %(sunday)s AND wp.deleted_at IS NULL "
        f"LIMIT %(target)s) AS q) AS planned) "
    )
    spent = "(%(target)s > 0 AND (SELECT logged + planned FROM budget) >= %(target)s)"
    step_values = {
        "person_id": "r.person_id",
        "name": "p.display_name",
        "given": "p.given_name",
        "code": "r.next_step",
        "params": "CAST(r.next_step_params AS text)",
        "since": "r.next_step_since",
        "due": "r.due_on",
        "rank": "r.agenda_rank",
        "stage": "r.stage",
    }
    due_rows = (
        f"FROM {rel} r JOIN {person} p ON p.id = r.person_id "
        "WHERE r.owner_id = %(owner)s AND r.due_on <= %(day)s AND p.deleted_at IS NULL "
    )
    steps = (
        f"SELECT {_select('step', step_values)} {due_rows}"
        "AND r.next_step NOT IN ('', %(get_to_know)s) "
        f"AND (r.next_step NOT IN %(meeting_steps)s OR NOT {spent}) "
        "ORDER BY r.agenda_rank, r.next_step_since, r.person_id LIMIT %(limit)s"
    )
    strangers = (
        f"SELECT {_select('step', step_values)} {due_rows}"
        f"AND r.next_step = %(get_to_know)s "
        # The budget decides the LIMIT, evaluated once: as a condition on each row it made
        # SQLite walk every never-met person of the book when the budget was spent.
        "ORDER BY r.next_step_since, r.person_id "
        f"LIMIT (SELECT CASE WHEN {spent} THEN 0 ELSE %(strangers)s END)"
    )
    # The due plans in order first, then each of the shown ones' stage: joining every
    # overdue plan to its relationship before the LIMIT cost ten times the plans' own read.
    plans = (
        "SELECT "  # noqa: S608
        + _select(
            "plan",
            {
                "id": "pl.id",
                "person_id": "pl.person_id",
                "name": "pl.display_name",
                "given": "pl.given_name",
                "code": "pl.kind",
                "due": f"pl.{on}",
                "stage": "r.stage",
                "at": "pl.at",
            },
        )
        + f" FROM (SELECT w.id, w.person_id, w.kind, w.{on}, w.at, p.display_name, "  # noqa: S608
        f"p.given_name FROM {plan} w JOIN {person} p ON p.id = w.person_id "
        f"WHERE w.owner_id = %(owner)s AND w.status = 'planned' AND w.{on} <= %(day)s "
        "AND p.deleted_at IS NULL ORDER BY w.at, w.id LIMIT %(limit)s) AS pl "
        f"LEFT JOIN {rel} r ON r.person_id = pl.person_id ORDER BY pl.at, pl.id"
    )
    follow_ups = (
        "SELECT "  # noqa: S608
        + _select(
            "intro",
            {"id": "i.id", "name": "a.display_name", "given": "b.display_name", "due": f"i.{on}"},
        )
        + f" FROM {intro} i JOIN {person} a ON a.id = i.person_a_id "
        f"JOIN {person} b ON b.id = i.person_b_id "
        f"WHERE i.owner_id = %(owner)s AND i.outcome = 'pending' AND i.{on} <= %(intro_due)s "
        "AND a.deleted_at IS NULL AND b.deleted_at IS NULL "
        f"ORDER BY i.{on}, i.id LIMIT {FOLLOW_UPS_PER_DAY}"
    )
    groups = (
        f"SELECT {_select('group', {'id': 'g.id'})} FROM {group} g "  # noqa: S608
        f"WHERE g.owner_id = %(owner)s ORDER BY g.id LIMIT {GROUPS_CONSIDERED}"
    )
    anyone = (
        f"SELECT {_select('anyone', {'id': 'x.id'})} FROM {person} x "  # noqa: S608
        "WHERE x.owner_id = %(owner)s AND x.deleted_at IS NULL LIMIT 1"
    )
    counts = f"SELECT {_select('budget', {'id': 'logged', 'person_id': 'planned'})} FROM budget"  # noqa: S608
    parts = (counts, steps, strangers, plans, follow_ups, groups, anyone)
    return budget + " UNION ALL ".join(
        f"SELECT * FROM ({sql}) AS part{n}"  # noqa: S608
        for n, sql in enumerate(parts)
    )


def fetch(user: User, day: date, limit: int) -> TodayRows:
    """Today's rows for ``user`` on ``day``: at most ``limit`` steps and ``limit`` plans."""
    monday = day - timedelta(days=day.weekday())
    params = {
        "owner": user.pk,
        "day": day,
        "limit": limit,
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "target": max(user.weekly_meetings, 0),
        "substantive": tuple(sorted(k.value for k in SUBSTANTIVE)),
        "meeting_steps": MEETING_STEPS,
        "get_to_know": NextStepCode.GET_TO_KNOW.value,
        "strangers": agenda.GET_TO_KNOW_PER_DAY,
        "intro_due": day - timedelta(days=conf.follow_up_days()),
    }
    return _parse(run(_sql(connection.vendor), params))


def _parse(rows: list[tuple[Any, ...]]) -> TodayRows:
    found = TodayRows()
    for part, id_, person_id, name, given, code, params, since, due, rank, stage, at in rows:
        if part == "step":
            found.steps.append(
                StepRow(
                    person_id=person_id,
                    name=name,
                    given_name=given,
                    code=code,
                    params=as_json(params),
                    since=as_day(since),
                    due_on=as_day(due),
                    rank=rank,
                    stage=stage,
                )
            )
        elif part == "plan":
            day = as_required_day(due)
            found.plans.append(
                PlanRow(id_, person_id, name, given, code, as_moment(at), day, stage or "none")
            )
        elif part == "intro":
            found.follow_ups.append(FollowUpRow(id_, name, given, as_required_day(due)))
        elif part == "group":
            found.group_ids.append(id_)
        elif part == "anyone":
            found.has_people = True
        elif part == "budget":
            found.logged, found.planned = int(id_), int(person_id)
    return found
