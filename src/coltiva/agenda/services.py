"""Today: the day's actions for a book, and what one click on each does.

The agenda reads only stored values (each relationship's next step, its due day and
group) and open plans, through indexes: its cost does not grow with the book or with
the length of histories.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coltiva.accounts.models import User
from coltiva.agenda import today_rows
from coltiva.agenda.models import Plan
from coltiva.domain import agenda
from coltiva.domain.assessment import NextStepCode, Stage
from coltiva.network.today import FollowUp, NetworkToday, invite_ideas
from coltiva.people import services as people_services
from coltiva.people.models import Person, Relationship, Touch
from coltiva.referrals.services import record_referral

# The touch each action implies when marked done (the user may pick another).
DONE_KIND: dict[str, str] = {
    NextStepCode.KEEP_PROMISE.value: "promise_kept",
    NextStepCode.SAY_THANK_YOU.value: "thanked",
    NextStepCode.FOLLOW_UP.value: "message_sent",
    NextStepCode.RECONNECT.value: "message_sent",
    NextStepCode.GET_TO_KNOW.value: "message_sent",
    NextStepCode.MEET_AGAIN.value: "coffee",
    NextStepCode.REBUILD_TRUST.value: "helped",
    NextStepCode.GIVE_FIRST.value: "helped",
    NextStepCode.GIVE_REFERRAL.value: "referral_given",
    NextStepCode.ASK_FOR_REFERRAL.value: "ask",
    NextStepCode.NURTURE.value: "thanked",
}


@dataclass(frozen=True)
class AgendaItem(agenda.Candidate):
    """One action of the day, in codes and parameters: the entry points word it and
    link it (``agenda.presenters``)."""

    person_id: int
    person: str
    first_name: str
    due: date
    stage: str
    # A next step: its stored parameters and the day its reason began.
    params: dict[str, Any] = field(default_factory=dict)
    since: date | None = None
    # The next planned meeting with the person (advice to meet acknowledges it).
    planned_at: datetime | None = None
    # A plan: its id, kind and moment.
    plan_id: int | None = None
    plan_kind: str = ""
    plan_at: datetime | None = None
    # What was promised, for a promise to keep (the promise's note).
    promise: str = ""


@dataclass(frozen=True)
class Budget:
    """The week's meetings against the user's weekly target.

    Each count stops at the target (whether the budget is spent is all the agenda needs;
    counting on would read the whole week of a busy book), so the counts are exact only
    while the budget is not spent, which is when the page shows them.
    """

    target: int
    logged: int
    planned: int

    @property
    def used(self) -> int:
        return self.logged + self.planned

    @property
    def spent(self) -> bool:
        return self.target > 0 and self.used >= self.target


@dataclass(frozen=True)
class Agenda:
    day: date
    items: list[AgendaItem]
    budget: Budget
    network: NetworkToday = field(default_factory=NetworkToday)
    has_people: bool = True
    # What is due and not shown, per kind in precedence order: {code: count}.
    more: dict[str, int] = field(default_factory=dict)

    @property
    def more_total(self) -> int:
        return sum(self.more.values())


@dataclass(frozen=True)
class DuePage:
    """A page of every item due on a day, in agenda order (the list behind "12 more")."""

    day: date
    items: list[AgendaItem]
    page: int
    has_next: bool


def week_budget(user: User, day: date) -> Budget:
    rows = today_rows.fetch(user, day, limit=0)
    return Budget(target=user.weekly_meetings, logged=rows.logged, planned=rows.planned)


def _step_item(row: today_rows.StepRow) -> AgendaItem:
    due = row.due_on or date.today()
    if row.code == NextStepCode.FOLLOW_UP.value and row.since:
        due = row.since + timedelta(days=2)
    return AgendaItem(
        key=("step", row.person_id),
        code=row.code,
        rank=row.rank,
        waiting_since=row.since or row.due_on,
        person_id=row.person_id,
        person=row.name,
        first_name=row.given_name or row.name,
        due=due,
        stage=row.stage,
        params=row.params,
        since=row.since,
        planned_at=row.planned_at,
        promise=row.promise,
    )


def _plan_item(row: today_rows.PlanRow) -> AgendaItem:
    return AgendaItem(
        key=("plan", row.plan_id),
        code=agenda.PLAN,
        rank=agenda.rank(agenda.PLAN, Stage.NONE),
        waiting_since=row.on,
        person_id=row.person_id,
        person=row.name,
        first_name=row.given_name or row.name,
        due=row.on,
        stage=row.stage,
        plan_id=row.plan_id,
        plan_kind=row.kind,
        plan_at=row.at,
    )


def agenda_for(user: User, day: date | None = None) -> Agenda:
    """Today for ``user``: one statement reads every row (``today_rows``); the network's
    invitation ideas add a few queries only for users who have a group."""
    day = day or user.local_today()
    limit = user.agenda_size
    rows = today_rows.fetch(user, day, limit)
    budget = Budget(target=user.weekly_meetings, logged=rows.logged, planned=rows.planned)
    items = _chosen(rows, limit)
    due = {code: count for code, (_, count) in sorted(rows.due.items(), key=lambda kv: kv[1])}
    follow_ups = [FollowUp(f.introduction_id, f.a, f.b, f.on) for f in rows.follow_ups]
    invites = (
        invite_ideas(user, get_language() or "en", group_ids=rows.group_ids)
        if rows.group_ids
        else []
    )
    network = NetworkToday(invites=invites, follow_ups=follow_ups)
    more = agenda.left_over(due, items)
    return Agenda(day, items, budget, network, has_people=rows.has_people, more=more)


def _chosen(rows: today_rows.TodayRows, limit: int) -> list[AgendaItem]:
    """The day's selection, made on bare candidates: only the chosen few have their
    parameters read (up to ``limit`` rows of every kind are read)."""
    plan_rank = agenda.rank(agenda.PLAN, Stage.NONE)
    steps = {("step", r.person_id): r for r in rows.steps}
    plans = {("plan", p.plan_id): p for p in rows.plans}
    candidates = [
        agenda.Candidate(key, r.code, r.rank, r.since or r.due_on) for key, r in steps.items()
    ] + [agenda.Candidate(key, agenda.PLAN, plan_rank, p.on) for key, p in plans.items()]
    return [
        _step_item(steps[c.key]) if c.key in steps else _plan_item(plans[c.key])  # type: ignore[index]
        for c in agenda.select(candidates, limit=limit)
    ]


def _items(rows: today_rows.TodayRows) -> list[AgendaItem]:
    return [_step_item(r) for r in rows.steps] + [_plan_item(p) for p in rows.plans]


DUE_PAGE_SIZE = 50


def all_due(
    user: User, day: date | None = None, *, page: int = 1, size: int | None = None
) -> DuePage:
    """Every item due on ``day`` in agenda order, ``size`` a page (all of them: None)."""
    day = day or user.local_today()
    page = max(page, 1)
    limit = 10**9 if size is None else size + 1
    offset = 0 if size is None else (page - 1) * size
    rows = today_rows.fetch_all(user, day, limit=limit, offset=offset)
    items = sorted(_items(rows), key=agenda.order)
    if size is None:
        return DuePage(day, items, 1, False)
    return DuePage(day, items[:size], page, len(items) > size)


# --- Acting on an item ---------------------------------------------------------------------


@transaction.atomic
def mark_done(person: Person, *, kind: str = "", note: str = "") -> Touch:
    """Log the touch the person's next step implies (or ``kind``), dated today."""
    rel = person.relationship
    kind = kind or DONE_KIND.get(rel.next_step, "conversation")
    today = person.owner.local_today()
    if kind == "referral_given":
        referral = record_referral(
            person.owner,
            direction="given",
            person=person,
            on=today,
            prospect_description=note or _("Referral given (from Today)"),
            note=note,
        )
        assert referral.touch is not None
        return referral.touch
    return people_services.log_touch(person, kind=kind, on=today, note=note)


@transaction.atomic
def snooze(person: Person, days: int) -> Relationship:
    rel = Relationship.objects.select_for_update().get(person=person)
    rel.snoozed_until = person.owner.local_today() + timedelta(days=days)
    if rel.due_on is not None:
        rel.due_on = max(rel.due_on, rel.snoozed_until)
    rel.save(update_fields=["snoozed_until", "due_on"])
    return rel


@transaction.atomic
def dismiss(person: Person) -> Relationship:
    """Hide the current next step until a different one comes up."""
    rel = Relationship.objects.select_for_update().get(person=person)
    rel.dismissed_step = rel.next_step
    rel.dismissed_since = rel.next_step_since
    rel.due_on = None
    rel.save(update_fields=["dismissed_step", "dismissed_since", "due_on"])
    return rel


# --- Plans ----------------------------------------------------------------------------------


def plan_meeting(
    person: Person,
    *,
    kind: str,
    on: date,
    at: time | None = None,
    minutes: int | None = None,
    place: str = "",
    note: str = "",
) -> Plan:
    zone = zoneinfo.ZoneInfo(person.owner.time_zone)
    moment = datetime.combine(on, at or time(9, 0), tzinfo=zone)
    plan = Plan(
        owner=person.owner,
        person=person,
        kind=kind,
        at=moment,
        on=on,
        minutes=minutes,
        place=place,
        note=note,
    )
    plan.full_clean(exclude=["owner", "person", "touch", "on"])
    plan.save()
    return plan


@transaction.atomic
def close_plan(plan: Plan, status: str, note: str = "") -> Plan:
    """Done: the planned touch happened; no-show: a ``no_show`` touch; cancelled: nothing."""
    if plan.status != Plan.PLANNED:
        return plan
    today = plan.owner.local_today()
    day = min(plan.on, today)
    text = "\n".join(part for part in (plan.note, note) if part)
    if status == Plan.DONE:
        plan.touch = people_services.log_touch(
            plan.person, kind=plan.kind, on=day, minutes=plan.minutes, note=text
        )
    elif status == Plan.NO_SHOW:
        plan.touch = people_services.log_touch(plan.person, kind="no_show", on=day, note=text)
    plan.status = status
    plan.sequence += 1
    plan.save(update_fields=["status", "touch", "sequence", "updated_at"])
    return plan
