"""Use cases for events."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from coltiva.accounts.models import User
from coltiva.events.models import Event
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
