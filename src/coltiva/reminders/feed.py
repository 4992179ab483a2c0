"""A private, revocable calendar feed: planned meetings and follow-ups due.

Calendar apps fetch it without logging in (they cannot send credentials), so the URL
carries an unguessable token; revoking the token turns the feed off. Each follow-up and
plan is a VEVENT with a stable UID, so a client updates its copy instead of duplicating it
(see docs/formats.md, "Calendar feed").
"""

from __future__ import annotations

import logging
import re
import secrets
import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar
from urllib.parse import urlsplit

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from coltiva import address, display
from coltiva.accounts.models import User
from coltiva.agenda.models import Plan
from coltiva.domain.assessment import NextStepCode
from coltiva.people.models import Relationship

# A feed is small whatever the book: what is due or planned soon, not history.
FEED_LIMIT = 500
CANCELLED_KEPT_DAYS = 30
# What ``secrets.token_urlsafe(32)`` makes; anything else names no feed.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")

log = logging.getLogger(__name__)
T = TypeVar("T", Plan, Relationship)


def enable(user: User) -> str:
    """A new token (also how a leaked feed URL is replaced)."""
    user.calendar_token = secrets.token_urlsafe(32)
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


def rotate(user: User) -> None:
    """A new address for a feed that is on (after a password change); off stays off."""
    if user.calendar_token:
        enable(user)


def revoke(user: User) -> None:
    user.calendar_token = ""
    user.save(update_fields=["calendar_token"])


def user_for_token(token: str) -> User | None:
    if not _TOKEN.fullmatch(token):
        return None
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    # Constant-time comparison, though the lookup already matched: belt and braces.
    if user is None or not secrets.compare_digest(user.calendar_token, token):
        return None
    return user


def _domain() -> str:
    return urlsplit(address.base_url()).hostname or "coltiva.local"


def _calendar(user: User) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Coltiva//Relationship networking//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = _("Coltiva follow-ups")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-timezone", user.time_zone)
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    return cal


def _plan_event(plan: Plan, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"plan-{plan.pk}@{_domain()}")
    event.add("dtstamp", stamp)
    event.add("last-modified", plan.updated_at)
    event.add("sequence", plan.sequence)
    event.add("dtstart", plan.at)
    event.add("dtend", _end(plan))
    event.add(
        "summary",
        _("%(what)s with %(name)s") % {"what": plan.get_kind_display(), "name": plan.person},
    )
    if plan.place:
        event.add("location", plan.place)
    if plan.note:
        event.add("description", plan.note)
    event.add("url", f"{address.base_url()}/people/{plan.person_id}/")
    event.add("status", "CANCELLED" if plan.status == Plan.CANCELLED else "CONFIRMED")
    return event


def _end(plan: Plan) -> datetime:
    try:
        return plan.at + timedelta(minutes=plan.minutes or 60)
    except OverflowError:  # a plan late on 9999-12-31 ends at the last moment there is
        return datetime.max.replace(tzinfo=zoneinfo.ZoneInfo("UTC"))


def _follow_up_event(rel: Relationship, stamp: datetime) -> Event:
    met = rel.next_step_since or rel.assessed_on
    assert met is not None
    due = met + timedelta(days=2)
    event = Event()
    event.add("uid", f"followup-{rel.person_id}-{met.isoformat()}@{_domain()}")
    event.add("dtstamp", stamp)
    moment = datetime.combine(met, datetime.min.time(), tzinfo=zoneinfo.ZoneInfo("UTC"))
    event.add("last-modified", moment)
    event.add("sequence", 0)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("summary", _("Follow up with %(name)s") % {"name": rel.person.display_name})
    event.add(
        "description",
        _("You met %(name)s on %(day)s: invite them for a coffee.")
        % {"name": rel.person.display_name, "day": display.day(met)},
    )
    event.add("url", f"{address.base_url()}/people/{rel.person_id}/")
    event.add("transp", "TRANSPARENT")
    return event


def render(user: User) -> bytes:
    """The whole feed as iCalendar bytes (CRLF, folded at 75 octets by icalendar)."""
    stamp = timezone.now()
    today = user.local_today()
    with translation.override(user.language or "en"):
        cal = _calendar(user)
        plans = (
            Plan.objects.filter(owner=user, person__deleted_at__isnull=True)
            .filter(
                status__in=[Plan.PLANNED, Plan.CANCELLED],
                on__gte=today - timedelta(days=CANCELLED_KEPT_DAYS),
            )
            .select_related("person")
            .order_by("at", "id")[:FEED_LIMIT]
        )
        for plan in plans:
            _add(cal, _plan_event, plan, stamp)
        follow_ups = (
            Relationship.objects.filter(
                owner=user,
                next_step=NextStepCode.FOLLOW_UP.value,
                person__deleted_at__isnull=True,
            )
            .select_related("person")
            .order_by("next_step_since", "person_id")[:FEED_LIMIT]
        )
        for rel in follow_ups:
            _add(cal, _follow_up_event, rel, stamp)
    return cal.to_ical()


def _add(cal: Calendar, make: Callable[[T, datetime], Event], row: T, stamp: datetime) -> None:
    """One row's event; a row that cannot be one (a plan at the end of year 9999 ends
    after the last moment Python can hold) is left out, so the feed still works."""
    try:
        event = make(row, stamp)
        event.to_ical()
    except (OverflowError, ValueError):
        log.warning("calendar feed: %s %s left out", type(row).__name__, row.pk, exc_info=True)
        return
    cal.add_component(event)
