"""Use cases for events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from coltiva.accounts.models import User
from coltiva.events.models import Event
from coltiva.people import services as people_services
from coltiva.people.models import Person


def create_event(owner: User, fields: dict[str, Any]) -> Event:
    event = Event(owner=owner, **fields)
    event.full_clean(exclude=["owner"])
    event.save()
    return event


def people_at(event: Event) -> QuerySet[Person]:
    """The people with a touch at the event, in name order."""
    return (
        Person.objects.alive()
        .filter(owner_id=event.owner_id, touches__event=event)
        .select_related("relationship")
        .distinct()
        .order_by("sort_name", "id")
    )


class NotYetHeld(ValueError):
    """People cannot have been met at an event that has not happened yet."""


def is_future(event: Event, today: date) -> bool:
    return event.on > today


def held_today(owner: User) -> QuerySet[Event]:
    """The events dated the owner's today, latest created first (event mode offers them)."""
    return Event.objects.filter(owner=owner, on=owner.local_today()).order_by("-id")


@dataclass(frozen=True)
class Captured:
    person: Person
    created: bool


@transaction.atomic
def capture(
    event: Event,
    *,
    name: str,
    business: str = "",
    learned: str = "",
    email: str = "",
    phone: str = "",
    existing: Person | None = None,
) -> Captured:
    """Someone met at an event: a new person (or one already in the book) and a ``met`` touch.

    "Be interested, not interesting": the one thing learned is kept on the touch and in
    the person's notes, where the follow-up will need it.
    """
    owner = event.owner
    if is_future(event, owner.local_today()):
        raise NotYetHeld(event.on)
    created = existing is None
    if existing is None:
        given, _, family = name.strip().partition(" ")
        contacts = [
            people_services.ContactInput(kind, value)
            for kind, value in (("email", email), ("phone", phone))
            if value.strip()
        ]
        person = people_services.create_person(
            owner,
            {
                "given_name": given,
                "family_name": family,
                "company": business,
                "where_met": event.name,
                "how_met": "event",
                "notes": learned,
            },
            contacts,
        )
    else:
        person = existing
        if learned:
            person.notes = f"{person.notes}\n{learned}".strip()
            person.save(update_fields=["notes", "updated_at"])
    people_services.log_touch(person, kind="met", on=event.on, note=learned, event_id=event.pk)
    return Captured(person=person, created=created)
