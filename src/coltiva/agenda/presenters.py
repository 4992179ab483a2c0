"""Today's items in words and links, for every entry point (the page, the digest e-mail,
``coltiva agenda``): the service returns codes and parameters (``AgendaItem``), and each
entry point words them here, in the language active when it calls.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coltiva import display
from coltiva.agenda.models import Plan
from coltiva.agenda.services import AgendaItem
from coltiva.domain import agenda
from coltiva.domain.assessment import NextStepCode
from coltiva.edge.labels import label
from coltiva.edge.links import link
from coltiva.people import presenters

# The badge of each item on Today.
ITEM_LABELS = {
    NextStepCode.KEEP_PROMISE.value: gettext_lazy("Keep a promise"),
    NextStepCode.SAY_THANK_YOU.value: gettext_lazy("Say thank you"),
    NextStepCode.FOLLOW_UP.value: gettext_lazy("Follow up"),
    agenda.PLAN: gettext_lazy("Planned"),
    NextStepCode.RECONNECT.value: gettext_lazy("Reconnect"),
    NextStepCode.GIVE_REFERRAL.value: gettext_lazy("Give a referral"),
    NextStepCode.ASK_FOR_REFERRAL.value: gettext_lazy("Ask for a referral"),
    NextStepCode.GIVE_FIRST.value: gettext_lazy("Give first"),
    NextStepCode.REBUILD_TRUST.value: gettext_lazy("Rebuild trust"),
    NextStepCode.MEET_AGAIN.value: gettext_lazy("Meet again"),
    NextStepCode.NURTURE.value: gettext_lazy("Nurture"),
    NextStepCode.GET_TO_KNOW.value: gettext_lazy("Get to know"),
}


@dataclass(frozen=True)
class ShownItem:
    """An agenda item with its sentences and links (what the templates read)."""

    item: AgendaItem
    reason: str
    action: str

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def person(self) -> str:
        return self.item.person

    @property
    def person_id(self) -> int:
        return self.item.person_id

    @property
    def stage(self) -> str:
        return self.item.stage

    @property
    def due(self) -> date:
        return self.item.due

    @property
    def plan_id(self) -> int | None:
        return self.item.plan_id

    @property
    def promise(self) -> str:
        return self.item.promise

    @property
    def label(self) -> str:
        return label(ITEM_LABELS, self.code)

    @property
    def dom_key(self) -> str:
        """A stable id for the item across re-renders (focus returns to it)."""
        return f"plan-{self.plan_id}" if self.plan_id else f"step-{self.person_id}"

    @property
    def person_url(self) -> str:
        return link("people:detail", self.person_id)

    @property
    def done_url(self) -> str:
        return link("agenda:done", self.person_id)

    @property
    def snooze_url(self) -> str:
        return link("agenda:snooze", self.person_id)

    @property
    def dismiss_url(self) -> str:
        return link("agenda:dismiss", self.person_id)

    @property
    def close_url(self) -> str:
        return link("agenda:plan_close", self.plan_id or 0)

    def as_json(self) -> dict[str, object]:
        return {
            "person": self.person,
            "person_id": self.person_id,
            "kind": self.code,
            "reason": self.reason,
            "action": self.action,
            "due": self.due.isoformat(),
            "promise": self.promise,
        }


def shown(items: list[AgendaItem], time_zone: str) -> list[ShownItem]:
    """``items`` worded in the active language, moments in ``time_zone`` (the user's)."""
    zone = zoneinfo.ZoneInfo(time_zone)
    return [_plan(item, zone) if item.plan_id else _step(item, zone) for item in items]


def _step(item: AgendaItem, zone: zoneinfo.ZoneInfo) -> ShownItem:
    planned = _moment(item.planned_at, zone) if item.planned_at else None
    words = (item.code, item.params, item.since, item.first_name, planned)
    return ShownItem(
        item, reason=presenters.step_sentence(*words), action=presenters.step_action(*words)
    )


def _plan(item: AgendaItem, zone: zoneinfo.ZoneInfo) -> ShownItem:
    assert item.plan_at is not None  # a plan always has its moment
    reason = _("%(what)s with %(name)s planned for %(when)s.") % {
        "what": label(Plan.KIND_LABELS, item.plan_kind),
        "name": item.person,
        "when": display.moment(item.plan_at, zone=zone),
    }
    action = _("Meet %(name)s, then mark it done") % {"name": item.first_name}
    return ShownItem(item, reason=reason, action=action)


def _moment(at: datetime, zone: zoneinfo.ZoneInfo) -> str:
    return date_format(at.astimezone(zone), "SHORT_DATETIME_FORMAT")
