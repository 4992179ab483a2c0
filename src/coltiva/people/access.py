"""One access helper per resource: the only way a view reaches a row of someone's book.

Each returns 404 for a row that does not exist *or* belongs to someone else, so another
user cannot even learn that an id exists.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.shortcuts import get_object_or_404

from coltiva.people.models import Person, Touch

AnyUser = AbstractBaseUser | AnonymousUser


def get_person_for_user(user: AnyUser, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.alive().select_related("relationship"), pk=pk, owner_id=user.pk
    )


def get_trashed_person_for_user(user: AnyUser, pk: int) -> Person:
    return get_object_or_404(Person.objects.in_trash(), pk=pk, owner_id=user.pk)


def get_touch_for_user(user: AnyUser, pk: int) -> Touch:
    return get_object_or_404(
        Touch.objects.select_related("person", "event"),
        pk=pk,
        owner_id=user.pk,
        person__deleted_at__isnull=True,
    )
