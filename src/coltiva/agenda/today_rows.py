"""Everything Today shows, read in one statement.

Today is the page a user opens most, so its reads are designed rather than left to the
ORM: one ``UNION ALL`` of small indexed parts (for each kind of next step, its due items
in agenda order, so the day can be dealt in rounds of one item of each kind; two people
never met unless the week's meeting budget is spent; the plans due; the notes of the
promises shown; how many items of each kind are due in all; introductions to follow up,
the user's groups and whether the book has anyone at all), with the week's budget
counted in a ``WITH`` clause that the parts consult. Each part that returns rows is an
index range with a ``LIMIT`` (the counts read the due rows' index entries and return
one row per kind), and one round trip replaces the nine queries (and their compilation,
which cost more than running them) that Today used to make. ``bench/README.md`` has the
measurements.

Only table names from the models' metadata and the models' own constants (statuses,
kinds) are formatted into the SQL; every other value is a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from django.db import connection

from coltiva.accounts.models import User
from coltiva.agenda.models import Plan
from coltiva.dbkit.sqlrows import (
    as_day,
    as_json,
    as_moment,
    as_required_day,
    literal,
    run,
    select_list,
)
from coltiva.domain import agenda
from coltiva.domain.assessment import NextStepCode, Stage
from coltiva.domain.touches import SUBSTANTIVE, Kind
from coltiva.network import conf
from coltiva.network.models import NetworkingGroup
from coltiva.network.today import FOLLOW_UPS_PER_DAY, GROUPS_CONSIDERED
from coltiva.people.models import Person, Relationship, Touch
from coltiva.referrals.models import Introduction

# Steps that propose a new meeting: left out once the week's time budget is spent.
MEETING_STEPS = (NextStepCode.MEET_AGAIN.value, NextStepCode.GET_TO_KNOW.value)
# The kinds read one part each, at most the day's limit of every one (never-met people
# have their own part, capped at two).
STEP_KINDS = tuple(c.value for c in NextStepCode if c is not NextStepCode.GET_TO_KNOW)
_KIND_OF_RANK = {rank: c.value for c in NextStepCode for rank in agenda.ranks_of(c.value)}
PLANNED = literal(Plan.PLANNED)


@dataclass(frozen=True)
class StepRow:
    person_id: int
    name: str
    given_name: str
    code: str
    # The stored JSON as read (SQLite: text), parsed only for the rows Today shows.
    raw_params: Any
    since: date | None
    due_on: date | None
    rank: int
    stage: str
    # The next planned meeting with the person, if any: advice to meet acknowledges it.
    planned_at: datetime | None = None
    # What was promised (the note of the oldest open promise), for ``keep_promise``.
    promise: str = ""

    @property
    def params(self) -> dict[str, Any]:
        return as_json(self.raw_params)


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
    # Every due item's count by kind, with the kind's first rank: {code: (rank, count)}.
    due: dict[str, tuple[int, int]] = field(default_factory=dict)


# Every part returns these columns, in this order (NULL where a part has no such value).
_COLUMNS = (
    ("id", "int"),  # the row's own: a plan's, a promise's touch, an introduction's, a group's
    ("person_id", "int"),
    ("name", "text"),  # the person's name as shown; an introduction's first person
    ("given", "text"),  # the person's given name
    ("other_name", "text"),  # an introduction's second person
    ("code", "text"),  # the next step; a plan's kind
    ("params", "text"),  # the next step's parameters (JSON)
    ("note", "text"),  # a promise's note
    ("since", "date"),
    ("due", "date"),  # the day a step or plan is due; a promise's or introduction's day
    ("rank", "int"),  # the agenda rank
    ("stage", "text"),
    ("at", "ts"),  # the next planned meeting; a plan's time
    ("due_count", "int"),  # items due of one rank (less the trashed people's)
    ("logged", "int"),  # the week's meetings logged, up to the budget
    ("planned", "int"),  # the week's meetings planned, up to the budget
)


class _Row(NamedTuple):
    """One row of the union. ``Any``: a column holds a value only in the parts that fill
    it, and SQLite hands dates back as text."""

    part: str
    id: Any
    person_id: Any
    name: Any
    given: Any
    other_name: Any
    code: Any
    params: Any
    note: Any
    since: Any
    due: Any
    rank: Any
    stage: Any
    at: Any
    due_count: Any
    logged: Any
    planned: Any


def _step_values(plan: str) -> dict[str, str]:
    """A step row's columns, the same in Today's statement and in the full list."""
    return {
        "person_id": "r.person_id",
        "name": "p.display_name",
        "given": "p.given_name",
        "code": "r.next_step",
        "params": "CAST(r.next_step_params AS text)",
        "since": "r.next_step_since",
        "due": "r.due_on",
        "rank": "r.agenda_rank",
        "stage": "r.stage",
        # One index probe per row shown (plan_person_at).
        "at": f"(SELECT MIN(w.at) FROM {plan} w WHERE w.person_id = r.person_id "  # noqa: S608
        f"AND w.status = {PLANNED})",
    }


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
        f"WHERE w.owner_id = %(owner)s AND w.status = {PLANNED} "
        f"AND w.{on} BETWEEN %(monday)s AND %(sunday)s AND wp.deleted_at IS NULL "
        f"LIMIT %(target)s) AS q) AS planned) "
    )
    spent = "(%(target)s > 0 AND (SELECT logged + planned FROM budget) >= %(target)s)"
    step_values = _step_values(plan)
    due_rows = (
        f"FROM {rel} r JOIN {person} p ON p.id = r.person_id "
        "WHERE r.owner_id = %(owner)s AND r.due_on <= %(day)s AND p.deleted_at IS NULL "
    )
    order = "ORDER BY r.agenda_rank, r.next_step_since, r.person_id"

    def kind(code: str) -> str:
        # The kind's agenda groups, not its code, select the rows: an equality (or two)
        # on rel_owner_agenda's second column reads them in order, due day in the index.
        held_back = f"AND NOT {spent} " if code in MEETING_STEPS else ""
        return (
            f"SELECT {_select('step', step_values)} {due_rows}"
            f"AND r.agenda_rank IN %(ranks_{code})s AND r.next_step = %(kind_{code})s "
            f"{held_back}{order} LIMIT %(limit)s"
        )

    steps = [kind(code) for code in STEP_KINDS]
    strangers = (
        f"SELECT {_select('step', step_values)} {due_rows}"
        f"AND r.next_step = %(get_to_know)s "
        # The budget decides the LIMIT, evaluated once: as a condition on each row it made
        # SQLite walk every never-met person of the book when the budget was spent.
        "ORDER BY r.next_step_since, r.person_id "
        f"LIMIT (SELECT CASE WHEN {spent} THEN 0 ELSE %(strangers)s END)"
    )
    # What each shown promise was: the notes of those people's promises (a handful of
    # touches each, through touch_person_on); the service matches them by day.
    promises = (
        "SELECT "  # noqa: S608
        + _select(
            "promise",
            {"id": "t.id", "person_id": "t.person_id", "note": "t.note", "due": f"t.{on}"},
        )
        + f" FROM {touch} t WHERE t.kind = {literal(Kind.PROMISE_MADE)} AND t.note <> '' "
        f"AND t.person_id IN (SELECT r.person_id {due_rows}"
        "AND r.agenda_rank IN %(ranks_keep_promise)s AND r.next_step = %(kind_keep_promise)s "
        f"{order} LIMIT %(limit)s)"
    )
    # How many are due of each kind, for "12 more: 7 thank-yous, 5 to reconnect": counted
    # by agenda group in rel_owner_agenda alone (no row is read), less the trashed, which
    # the partial index person_owner_trash finds.
    counted = {"due_count": "COUNT(*)", "rank": "r.agenda_rank"}
    due_counts = (
        f"SELECT {_select('due', counted)} FROM {rel} r WHERE r.owner_id = %(owner)s "  # noqa: S608
        "AND r.agenda_rank IN %(step_ranks)s AND r.due_on <= %(day)s GROUP BY r.agenda_rank"
    )
    counted = {"due_count": "-COUNT(*)", "rank": "r.agenda_rank"}
    trashed_counts = (
        f"SELECT {_select('due', counted)} FROM {person} x "  # noqa: S608
        f"JOIN {rel} r ON r.person_id = x.id WHERE x.owner_id = %(owner)s "
        "AND x.deleted_at IS NOT NULL AND r.agenda_rank IN %(step_ranks)s "
        "AND r.due_on <= %(day)s GROUP BY r.agenda_rank"
    )
    counted = {
        "due_count": "COUNT(*)",
        "code": "CAST(%(plan)s AS text)",
        "rank": "CAST(%(plan_rank)s AS integer)",
    }
    plans_due = (
        f"SELECT {_select('due', counted)} FROM {plan} w "  # noqa: S608
        f"JOIN {person} p ON p.id = w.person_id WHERE w.owner_id = %(owner)s "
        f"AND w.status = {PLANNED} AND w.{on} <= %(day)s AND p.deleted_at IS NULL"
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
        f"WHERE w.owner_id = %(owner)s AND w.status = {PLANNED} AND w.{on} <= %(day)s "
        "AND p.deleted_at IS NULL ORDER BY w.at, w.id LIMIT %(limit)s) AS pl "
        f"LEFT JOIN {rel} r ON r.person_id = pl.person_id ORDER BY pl.at, pl.id"
    )
    follow_ups = (
        "SELECT "  # noqa: S608
        + _select(
            "intro",
            {
                "id": "i.id",
                "name": "a.display_name",
                "other_name": "b.display_name",
                "due": f"i.{on}",
            },
        )
        + f" FROM {intro} i JOIN {person} a ON a.id = i.person_a_id "
        f"JOIN {person} b ON b.id = i.person_b_id "
        f"WHERE i.owner_id = %(owner)s AND i.outcome = {literal(Introduction.PENDING)} "
        f"AND i.{on} <= %(intro_due)s "
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
    counts = f"SELECT {_select('budget', {'logged': 'logged', 'planned': 'planned'})} FROM budget"  # noqa: S608
    parts = (counts, *steps, strangers, plans, promises, due_counts, trashed_counts, plans_due)
    parts += (follow_ups, groups, anyone)
    return budget + " UNION ALL ".join(
        f"SELECT * FROM ({sql}) AS part{n}"  # noqa: S608
        for n, sql in enumerate(parts)
    )


def fetch(user: User, day: date, limit: int) -> TodayRows:
    """Today's rows for ``user`` on ``day``: at most ``limit`` steps of each kind and
    ``limit`` plans, and how many of each kind are due."""
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
        "plan": agenda.PLAN,
        "plan_rank": agenda.rank(agenda.PLAN, Stage.NONE),
        **{f"kind_{code}": code for code in STEP_KINDS},
        **{f"ranks_{code}": agenda.ranks_of(code) for code in STEP_KINDS},
        "step_ranks": tuple(sorted(_KIND_OF_RANK)),
        "intro_due": day - timedelta(days=conf.follow_up_days()),
    }
    return _parse(run(_sql(connection.vendor), params))


def _parse(rows: list[tuple[Any, ...]]) -> TodayRows:
    found = TodayRows()
    notes: dict[tuple[int, str], str] = {}
    for row in map(_Row._make, rows):
        if row.part == "step":
            found.steps.append(_step(row))
        elif row.part == "plan":
            found.plans.append(_plan(row))
        elif row.part == "promise":
            notes.setdefault((row.person_id, as_required_day(row.due).isoformat()), row.note)
        elif row.part == "due" and row.due_count:
            _count_due(found, row)
        elif row.part == "intro":
            on = as_required_day(row.due)
            found.follow_ups.append(FollowUpRow(row.id, row.name, row.other_name, on))
        elif row.part == "group":
            found.group_ids.append(row.id)
        elif row.part == "anyone":
            found.has_people = True
        elif row.part == "budget":
            found.logged, found.planned = int(row.logged), int(row.planned)
    if notes:
        found.steps = [_with_promise(row, notes) for row in found.steps]
    found.due = {kind: value for kind, value in found.due.items() if value[1] > 0}
    return found


def _step(row: _Row) -> StepRow:
    return StepRow(
        person_id=row.person_id,
        name=row.name,
        given_name=row.given,
        code=row.code,
        raw_params=row.params,
        since=as_day(row.since),
        due_on=as_day(row.due),
        rank=row.rank,
        stage=row.stage,
        planned_at=as_moment(row.at) if row.at is not None else None,
    )


def _plan(row: _Row) -> PlanRow:
    day = as_required_day(row.due)
    stage = row.stage or Stage.NONE.value
    return PlanRow(
        row.id, row.person_id, row.name, row.given, row.code, as_moment(row.at), day, stage
    )


def _count_due(found: TodayRows, row: _Row) -> None:
    rank = int(row.rank)
    kind = row.code or _KIND_OF_RANK[rank]
    first, count = found.due.get(kind, (rank, 0))
    found.due[kind] = (min(first, rank), count + int(row.due_count))


def _with_promise(row: StepRow, notes: dict[tuple[int, str], str]) -> StepRow:
    if row.code != NextStepCode.KEEP_PROMISE.value:
        return row
    made_on = str(row.params.get("made_on", ""))
    return replace(row, promise=notes.get((row.person_id, made_on), ""))


@cache
def _all_sql(vendor: str) -> str:
    del vendor
    rel, person, plan = (m._meta.db_table for m in (Relationship, Person, Plan))
    on = connection.ops.quote_name("on")
    steps = _select("step", _step_values(plan))
    plans = _select(
        "plan",
        {
            "id": "w.id",
            "person_id": "w.person_id",
            "name": "p.display_name",
            "given": "p.given_name",
            "code": "w.kind",
            "since": f"w.{on}",
            "due": f"w.{on}",
            "rank": "CAST(%(plan_rank)s AS integer)",
            "stage": "(SELECT r.stage FROM {rel} r WHERE r.person_id = w.person_id)",
            "at": "w.at",
        },
    ).replace("{rel}", rel)
    return (
        f"SELECT * FROM (SELECT {steps} FROM {rel} r JOIN {person} p ON p.id = r.person_id "  # noqa: S608
        "WHERE r.owner_id = %(owner)s AND r.due_on <= %(day)s AND p.deleted_at IS NULL "
        f"AND r.next_step <> '' UNION ALL SELECT {plans} FROM {plan} w "
        f"JOIN {person} p ON p.id = w.person_id WHERE w.owner_id = %(owner)s "
        f"AND w.status = {PLANNED} AND w.{on} <= %(day)s AND p.deleted_at IS NULL) AS due "
        "ORDER BY rank, COALESCE(since, due), person_id, id LIMIT %(limit)s OFFSET %(offset)s"
    )


def fetch_all(user: User, day: date, *, limit: int, offset: int = 0) -> TodayRows:
    """Every item due on ``day`` in agenda order (precedence, then what waited longest),
    a page at a time: the full list behind "12 more"."""
    params = {
        "owner": user.pk,
        "day": day,
        "limit": limit,
        "offset": offset,
        "plan_rank": agenda.rank(agenda.PLAN, Stage.NONE),
    }
    return _parse(run(_all_sql(connection.vendor), params))
