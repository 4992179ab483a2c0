"""In-process measurements: page server times, Today's SQL against its floor, logging a
touch, the daily refresh, one long assessment, suggestions and match precision.

Page times are *server* times: Django's test ``Client`` calls the WSGI handler in this
process (middleware, views, queries, templates), with a timer around each request and
no network. Imported after ``django.setup()``.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

from coltiva.accounts.models import User
from coltiva.agenda import today_rows
from coltiva.agenda.models import Plan
from coltiva.agenda.services import week_budget
from coltiva.agenda.today_rows import MEETING_STEPS
from coltiva.domain import agenda
from coltiva.domain.touches import SUBSTANTIVE, Direction, Kind, Touch
from coltiva.domain.vcp import assess
from coltiva.network import conf
from coltiva.people.models import Person, Relationship
from coltiva.people.models import Touch as TouchRow
from coltiva.people.services import refresh_book
from coltiva.referrals.models import Introduction

WARM_UP = 3  # requests per user and page before measuring
REQUESTS = 60  # measured requests per page, spread over users and people
PRECISION_SAMPLE = 3000  # people of planted pairs whose suggestions are checked


def median_ms(samples: Sequence[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


@dataclass
class Visitor:
    """One user of the suite, logged in, with the people and searches to visit."""

    user: User
    client: Client
    people: list[int]
    searches: list[str]
    cursor: int = 0
    sql: list[float] = field(default_factory=list)

    def next_person(self) -> int:
        self.cursor += 1
        return self.people[self.cursor % len(self.people)]


def visitors(users: Sequence[User], seed: int = 11) -> list[Visitor]:
    rng = random.Random(seed)
    found = []
    for user in users:
        client = Client()
        client.force_login(user)
        ids = list(Person.objects.alive().filter(owner=user).values_list("pk", flat=True))
        found.append(
            Visitor(user, client, rng.sample(ids, min(len(ids), 200)), searches(user, rng))
        )
    return found


def searches(user: User, rng: random.Random, count: int = 40) -> list[str]:
    """What people type in the search box: a surname, a first name's start, a firm, a trade."""
    rows = list(
        Person.objects.alive()
        .filter(owner=user)
        .values_list("family_name", "given_name", "company", "profession")[:2000]
    )
    terms = []
    for family, given, company, profession in rng.sample(rows, min(len(rows), count)):
        options = [family, given[:3], company.split(" ")[0] if company else family, profession]
        terms.append(rng.choice([o for o in options if o]))
    return terms


PAGES: dict[str, Callable[[Visitor], str]] = {
    "today": lambda v: "/",
    "person": lambda v: f"/people/{v.next_person()}/",
    "people_search": lambda v: f"/people/?q={quote(v.searches[v.cursor % len(v.searches)])}",
    "review": lambda v: "/review/",
    "board": lambda v: "/referrals/board/",
}


def _get(visitor: Visitor, url: str) -> float:
    start = time.perf_counter()
    response = visitor.client.get(url)
    spent = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code} for {visitor.user.email}")
    return spent


def page_times(people: Sequence[Visitor]) -> dict[str, float]:
    """Median server time of each page over ``REQUESTS`` requests after warm-up."""
    results = {}
    for name, url_for in PAGES.items():
        for visitor in people:
            for _ in range(WARM_UP):
                _get(visitor, url_for(visitor))
                visitor.cursor += 1
        samples = []
        for i in range(REQUESTS):
            visitor = people[i % len(people)]
            samples.append(_get(visitor, url_for(visitor)))
            visitor.cursor += 1
        results[f"{name}_ms"] = median_ms(samples)
    return results


def log_touch_time(people: Sequence[Visitor], today: date) -> float:
    """Logging a conversation from the person page (htmx), stored values updated included."""
    samples = []
    for i in range(REQUESTS + WARM_UP):
        visitor = people[i % len(people)]
        url = f"/people/{visitor.next_person()}/touches/add/"
        data = {"kind": "conversation", "on": today.isoformat(), "note": "bench"}
        start = time.perf_counter()
        response = visitor.client.post(url, data, HTTP_HX_REQUEST="true")
        spent = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"logging a touch answered {response.status_code}")
        if i >= WARM_UP:
            samples.append(spent)
    return median_ms(samples)


# --- Today's SQL against its floor ----------------------------------------------------------


@contextmanager
def sql_timer(into: list[float]) -> Iterator[None]:
    """Add the time of every query run inside the block to ``into``: executing it and
    fetching its rows. SQLite runs most of a statement while the rows are fetched (an
    execute returns at the first row), so timing the execute alone, as an
    ``execute_wrapper`` does, would leave most of a statement's work out."""

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            into.append(time.perf_counter() - start)

    def fetching(name: str) -> Callable[..., Any]:
        def fetch(self: CursorWrapper, *args: Any) -> Any:
            start = time.perf_counter()
            try:
                return getattr(self.cursor, name)(*args)
            finally:
                into.append(time.perf_counter() - start)

        return fetch

    names = ("fetchone", "fetchmany", "fetchall")
    for name in names:  # CursorWrapper reaches these through __getattr__: shadow them
        setattr(CursorWrapper, name, fetching(name))
    try:
        with connection.execute_wrapper(timed):
            yield
    finally:
        for name in names:
            delattr(CursorWrapper, name)


def floor_sql(strangers_shown: bool = True) -> str:
    """The single best query for the rows Today shows: for each kind of next step its
    due items in agenda order, up to the day's limit (the day is dealt in rounds of one
    item of each kind), each with the next meeting planned with the person; two people
    never met (unless the week's meeting budget is spent: Today leaves them out then,
    and the meeting steps too); the plans due, each with the person's name; the notes
    of the promises to keep; how many items of each kind are due; the introductions to
    follow up with both names; and the week's meetings logged and planned, counted up to
    the weekly target (what the budget line shows).

    Only table names from the models' metadata and the domain's constants are formatted
    in; values are parameters.
    """
    rel, person, plan = (m._meta.db_table for m in (Relationship, Person, Plan))
    touch, intro = TouchRow._meta.db_table, Introduction._meta.db_table
    meetings = ", ".join(f"'{k.value}'" for k in sorted(SUBSTANTIVE))  # the domain's constants
    text, day = "CAST(NULL AS text)", "CAST(NULL AS date)"  # typed, for PostgreSQL's union
    planned = (
        f"(SELECT MIN(w.at) FROM {plan} w WHERE w.person_id = r.person_id "  # noqa: S608
        "AND w.status = 'planned')"
    )
    columns = (
        "r.person_id, p.display_name, p.given_name, r.next_step, r.next_step_since, r.stage, "
        f"{planned}"
    )
    due = (
        f"FROM {rel} r JOIN {person} p ON p.id = r.person_id "
        "WHERE r.owner_id = %s AND r.due_on <= %s AND p.deleted_at IS NULL "
    )
    kinds = [k for k in today_rows.STEP_KINDS if strangers_shown or k not in MEETING_STEPS]

    def ranks(kind: str) -> str:
        return ", ".join(str(n) for n in agenda.ranks_of(kind))

    steps = [
        f"SELECT {columns} {due}AND r.agenda_rank IN ({ranks(kind)}) AND r.next_step = '{kind}' "
        "ORDER BY r.agenda_rank, r.next_step_since, r.person_id LIMIT %s"
        for kind in kinds
    ]
    if strangers_shown:
        steps.append(
            f"SELECT {columns} {due}AND r.next_step = 'get_to_know' "
            "ORDER BY r.next_step_since, r.person_id LIMIT 2"
        )
    moment = "CAST(NULL AS timestamp)" if connection.vendor == "postgresql" else text
    plans = (
        f'SELECT pl.person_id, p.display_name, p.given_name, pl.kind, pl."on", pl.status, '  # noqa: S608
        f"pl.at FROM {plan} pl JOIN {person} p ON p.id = pl.person_id "
        "WHERE pl.owner_id = %s AND pl.status = 'planned' AND pl.\"on\" <= %s "
        "AND p.deleted_at IS NULL ORDER BY pl.at, pl.id LIMIT %s"
    )
    promises = (
        f'SELECT t.person_id, t.note, {text}, t.kind, t."on", {text}, {moment} '  # noqa: S608
        f"FROM {touch} t WHERE t.kind = 'promise_made' AND t.note <> '' AND t.person_id IN "
        f"(SELECT r.person_id {due}AND r.agenda_rank = 0 AND r.next_step = 'keep_promise' "
        "ORDER BY r.agenda_rank, r.next_step_since, r.person_id LIMIT %s)"
    )
    every = ", ".join(str(n) for n in range(13))  # every agenda group of a next step
    counts = (
        f"SELECT COUNT(*), {text}, {text}, {text}, {day}, {text}, {moment} FROM {rel} r "  # noqa: S608
        f"WHERE r.owner_id = %s AND r.agenda_rank IN ({every}) AND r.due_on <= %s "
        "GROUP BY r.agenda_rank"
    )
    trashed = (
        f"SELECT -COUNT(*), {text}, {text}, {text}, {day}, {text}, {moment} FROM {person} x "  # noqa: S608
        f"JOIN {rel} r ON r.person_id = x.id WHERE x.owner_id = %s AND x.deleted_at IS NOT NULL "
        f"AND r.agenda_rank IN ({every}) AND r.due_on <= %s GROUP BY r.agenda_rank"
    )
    plans_due = (
        f"SELECT COUNT(*), {text}, {text}, 'plan', {day}, {text}, {moment} FROM {plan} w "  # noqa: S608
        f"JOIN {person} p ON p.id = w.person_id WHERE w.owner_id = %s "
        "AND w.status = 'planned' AND w.\"on\" <= %s AND p.deleted_at IS NULL"
    )
    follow_ups = (
        f'SELECT i.id, a.display_name, b.display_name, i.outcome, i."on", i.outcome, {moment} '  # noqa: S608
        f"FROM {intro} i JOIN {person} a ON a.id = i.person_a_id "
        f"JOIN {person} b ON b.id = i.person_b_id WHERE i.owner_id = %s "
        "AND i.outcome = 'pending' AND i.\"on\" <= %s AND a.deleted_at IS NULL "
        'AND b.deleted_at IS NULL ORDER BY i."on", i.id LIMIT 3'
    )
    logged = (
        f"SELECT COUNT(*), {text}, {text}, 'logged', {day}, {text}, {moment} FROM "  # noqa: S608
        f"(SELECT 1 FROM {touch} t JOIN {person} tp ON tp.id = t.person_id "
        f'WHERE t.owner_id = %s AND t.kind IN ({meetings}) AND t."on" BETWEEN %s AND %s '
        "AND tp.deleted_at IS NULL LIMIT %s) AS l"
    )
    planned_count = (
        f"SELECT COUNT(*), {text}, {text}, 'planned', {day}, {text}, {moment} FROM "  # noqa: S608
        f"(SELECT 1 FROM {plan} w JOIN {person} wp ON wp.id = w.person_id "
        "WHERE w.owner_id = %s AND w.status = 'planned' AND w.\"on\" BETWEEN %s AND %s "
        "AND wp.deleted_at IS NULL LIMIT %s) AS q"
    )
    parts = (*steps, plans, promises, counts, trashed, plans_due)
    parts += (follow_ups, logged, planned_count)
    return " UNION ALL ".join(
        f"SELECT * FROM ({q}) AS part{i}"  # noqa: S608
        for i, q in enumerate(parts)
    )


def floor_params(user: User) -> tuple[str, list[Any]]:
    day, limit = user.local_today(), user.agenda_size
    shown = not week_budget(user, day).spent
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    kinds = [k for k in today_rows.STEP_KINDS if shown or k not in MEETING_STEPS]
    params: list[Any] = []
    for _ in kinds:
        params += [user.pk, day, limit]
    if shown:
        params += [user.pk, day]
    params += [user.pk, day, limit]  # plans
    params += [user.pk, day, limit]  # promises
    params += [user.pk, day]  # counts
    params += [user.pk, day]  # trashed
    params += [user.pk, day]  # plans due
    params += [user.pk, day - timedelta(days=conf.follow_up_days())]
    params += [user.pk, monday, sunday, user.weekly_meetings]
    params += [user.pk, monday, sunday, user.weekly_meetings]
    return floor_sql(shown), params


def floor_time(people: Sequence[Visitor], rounds: int = REQUESTS) -> float:
    """The floor's median time, its users taken in turn as Today's requests take them
    (so both meet SQLite's page cache alike)."""
    queries = [floor_params(v.user) for v in people]
    samples = []
    with connection.cursor() as cursor:
        for i in range(rounds + WARM_UP * len(queries)):
            sql, params = queries[i % len(queries)]
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            samples.append(time.perf_counter() - start)
    return statistics.median(samples[WARM_UP * len(queries) :])


def today_sql_floor_ratio(people: Sequence[Visitor]) -> dict[str, float]:
    per_request = []
    for i in range(REQUESTS):
        visitor = people[i % len(people)]
        spent: list[float] = []
        with sql_timer(spent):
            _get(visitor, "/")
        per_request.append(sum(spent))
    floor = floor_time(people)
    sql = statistics.median(per_request)
    return {
        "today_sql_ms": round(sql * 1000, 3),
        "today_floor_ms": round(floor * 1000, 3),
        "today_sql_floor_ratio": round(sql / floor, 2),
    }


# --- Book-wide work ---------------------------------------------------------------------


def refresh_time(user: User) -> float:
    """The daily refresh as the cron job runs it: the next morning, when decay has moved
    scores, health and due days (on the day the book was written nothing changes)."""
    start = time.perf_counter()
    refresh_book(user, user.local_today() + timedelta(days=1))
    return round(time.perf_counter() - start, 2)


def long_history(size: int = 10_000, seed: int = 7) -> tuple[list[Touch], date]:
    """A 10,000-touch relationship over ten years, every kind of touch in it."""
    rng = random.Random(seed)
    today = date(2026, 3, 31)
    kinds = list(Kind)
    touches = []
    for _ in range(size):
        kind = rng.choice(kinds)
        on = today - timedelta(days=rng.randrange(3650))
        if kind is Kind.BUSINESS_CLOSED:
            direction = rng.choice(list(Direction))
            touches.append(Touch(kind, on, direction=direction, value=Decimal(rng.randrange(9999))))
        else:
            touches.append(Touch(kind, on, minutes=rng.choice([None, 30, 60]), event=None))
    return touches, today


def assess_10k_ms(rounds: int = 20) -> float:
    touches, today = long_history()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        assess(touches, today)
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


# --- Introductions -----------------------------------------------------------------------


def suggestion_metrics(user: User, planted: set[frozenset[int]]) -> dict[str, float]:
    """The matcher as the product runs it (``coltiva.network``): the book's index built
    cold, the book-wide list, one person's suggestions, and precision on planted pairs."""
    from coltiva.network import book as books
    from coltiva.network import suggestions

    books.forget(user.pk)
    start = time.perf_counter()
    book = books.book_for(user, fresh=True)
    built = time.perf_counter() - start
    books.top_pairs(user, book)
    book_wide = time.perf_counter() - start
    eligible = sorted(pid for pid, c in book.people.items() if c.stage_rank >= 2)
    rng = random.Random(5)
    samples = []
    for pid in rng.sample(eligible, min(len(eligible), REQUESTS)):
        begin = time.perf_counter()
        suggestions.for_person(user, pid)
        samples.append(time.perf_counter() - begin)
    return {
        "suggest_index_s": round(built, 2),
        "suggest_all_s": round(book_wide, 2),
        "suggest_ms": median_ms(samples),
        "match_precision_at_5": precision_at_5(user, planted, book),
    }


def precision_at_5(user: User, planted: set[frozenset[int]], book: Any) -> float:
    """Share of each person's top five suggestions that are planted pairs, averaged over
    the people who have any planted pair (no suggestion at all counts as zero); over a
    fixed sample of them in a large book."""
    from coltiva.network import suggestions

    members = sorted({pid for pair in planted for pid in pair})
    if len(members) > PRECISION_SAMPLE:
        # A large book has tens of thousands: a fixed sample estimates the mean closely.
        members = random.Random(9).sample(members, PRECISION_SAMPLE)
    shares = []
    for pid in members:
        top = suggestions.for_person(user, pid, limit=5, book=book)
        hits = sum(frozenset((p.a_id, p.b_id)) in planted for p in top)
        shares.append(hits / len(top) if top else 0.0)
    return round(statistics.mean(shares), 3) if shares else 0.0
