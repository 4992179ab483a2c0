"""One access helper per resource: the only way a view reaches a row of someone's book.

Each returns 404 for a row that does not exist *or* belongs to someone else, so another
user cannot even learn that an id exists.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.shortcuts import get_object_or_404

from coltiva.edge.http import id_param
from coltiva.people.models import Person, Touch

AnyUser = AbstractBaseUser | AnonymousUser


def get_person_for_user(user: AnyUser, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.alive().select_related("relationship"), pk=pk, owner_id=user.pk
    )


def person_from_param(user: AnyUser, raw: str | None) -> Person | None:
    """The user's own living person whose id a query parameter names (a form's preset
    person); None for no id, a malformed one, or anyone else's, so a link cannot even
    tell that another book's id exists."""
    pk = id_param(raw)
    if pk is None:
        return None
    return Person.objects.alive().filter(owner_id=user.pk, pk=pk).first()


def get_trashed_person_for_user(user: AnyUser, pk: int) -> Person:
    return get_object_or_404(Person.objects.in_trash(), pk=pk, owner_id=user.pk)


def get_touch_for_user(user: AnyUser, pk: int) -> Touch:
    return get_object_or_404(
        Touch.objects.select_related("person", "event"),
        pk=pk,
        owner_id=user.pk,
        person__deleted_at__isnull=True,
    )
