"""Today: the day's actions for a book, and what one click on each does.

The agenda reads only stored values (each relationship's next step, its due day and
group) and open plans, through indexes: its cost does not grow with the book or with
the length of histories.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coltiva.accounts.models import User
from coltiva.agenda.models import Plan
from coltiva.domain import agenda
from coltiva.domain.assessment import NextStepCode, Stage
from coltiva.domain.touches import SUBSTANTIVE
from coltiva.network.today import NetworkToday, network_today
from coltiva.people import services as people_services
from coltiva.people.models import KIND_LABELS, Person, Relationship, Touch
from coltiva.referrals.services import record_referral
from coltiva.web import presenters

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
# Steps that propose a new meeting: left out once the week's time budget is spent.
MEETING_STEPS = {NextStepCode.MEET_AGAIN.value, NextStepCode.GET_TO_KNOW.value}
SUBSTANTIVE_KINDS = [k.value for k in SUBSTANTIVE]


@dataclass(frozen=True)
class AgendaItem(agenda.Candidate):
    person_id: int
    person: str
    reason: str
    action: str
    due: date
    stage: str
    plan_id: int | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "person": self.person,
            "person_id": self.person_id,
            "kind": self.code,
            "reason": self.reason,
            "action": self.action,
            "due": self.due.isoformat(),
        }


@dataclass(frozen=True)
class Budget:
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


def week_budget(user: User, day: date) -> Budget:
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    logged = Touch.objects.filter(
        owner=user,
        kind__in=SUBSTANTIVE_KINDS,
        on__range=(monday, sunday),
        person__deleted_at__isnull=True,
    ).count()
    planned = Plan.objects.filter(
        owner=user,
        status=Plan.PLANNED,
        on__range=(monday, sunday),
        person__deleted_at__isnull=True,
    ).count()
    return Budget(target=user.weekly_meetings, logged=logged, planned=planned)


def _step_item(rel: Relationship) -> AgendaItem:
    person = rel.person
    due = rel.due_on or rel.assessed_on or date.today()
    if rel.next_step == NextStepCode.FOLLOW_UP.value and rel.next_step_since:
        due = rel.next_step_since + timedelta(days=2)
    return AgendaItem(
        key=("step", rel.person_id),
        code=rel.next_step,
        rank=rel.agenda_rank,
        waiting_since=rel.next_step_since or rel.due_on,
        person_id=rel.person_id,
        person=person.display_name,
        reason=presenters.next_step_sentence(rel, person),
        action=presenters.next_step_action(rel, person),
        due=due,
        stage=rel.stage,
    )


def _plan_item(plan: Plan) -> AgendaItem:
    person = plan.person
    local = plan.at.astimezone(zoneinfo.ZoneInfo(plan.owner.time_zone))
    reason = _("%(what)s with %(name)s planned for %(when)s.") % {
        "what": plan.get_kind_display(),
        "name": person.display_name,
        "when": local.strftime("%Y-%m-%d %H:%M"),
    }
    return AgendaItem(
        key=("plan", plan.pk),
        code=agenda.PLAN,
        rank=agenda.rank(agenda.PLAN, Stage.NONE),
        waiting_since=plan.on,
        person_id=person.pk,
        person=person.display_name,
        reason=reason,
        action=_("Meet %(name)s, then mark it done") % {"name": person.first_name},
        due=plan.on,
        stage=person.relationship.stage,
        plan_id=plan.pk,
    )


def agenda_for(user: User, day: date | None = None) -> Agenda:
    day = day or user.local_today()
    limit = user.agenda_size
    budget = week_budget(user, day)
    due = Relationship.objects.filter(
        owner=user, due_on__lte=day, person__deleted_at__isnull=True
    ).select_related("person")
    steps = due.exclude(next_step__in=["", NextStepCode.GET_TO_KNOW.value])
    if budget.spent:
        steps = steps.exclude(next_step__in=MEETING_STEPS)
    rows = list(steps.order_by("agenda_rank", "next_step_since", "person_id")[:limit])
    if not budget.spent:
        strangers = due.filter(next_step=NextStepCode.GET_TO_KNOW.value)
        rows += list(
            strangers.order_by("next_step_since", "person_id")[: agenda.GET_TO_KNOW_PER_DAY]
        )
    plans = (
        Plan.objects.filter(
            owner=user, status=Plan.PLANNED, on__lte=day, person__deleted_at__isnull=True
        )
        .select_related("person", "person__relationship", "owner")
        .order_by("at", "id")[:limit]
    )
    candidates = [_step_item(r) for r in rows] + [_plan_item(p) for p in plans]
    items = agenda.select(candidates, limit=limit)
    network = network_today(user, day, get_language() or "en")
    return Agenda(day=day, items=items, budget=budget, network=network)


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


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))
