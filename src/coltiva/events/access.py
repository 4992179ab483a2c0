from __future__ import annotations

from django.shortcuts import get_object_or_404

from coltiva.events.models import Event
from coltiva.people.access import AnyUser


def get_event_for_user(user: AnyUser, pk: int) -> Event:
    return get_object_or_404(Event, pk=pk, owner_id=user.pk)
