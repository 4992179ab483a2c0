"""One access helper per resource: a row of someone else's book is a 404, like a row
that does not exist."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from coltiva.network.models import Invitation, Link, NetworkingGroup, Seat
from coltiva.people.access import AnyUser


def get_link_for_user(user: AnyUser, pk: int) -> Link:
    return get_object_or_404(Link, pk=pk, owner_id=user.pk)


def get_group_for_user(user: AnyUser, pk: int) -> NetworkingGroup:
    return get_object_or_404(NetworkingGroup, pk=pk, owner_id=user.pk)


def get_seat_for_user(user: AnyUser, pk: int) -> Seat:
    return get_object_or_404(Seat.objects.select_related("group"), pk=pk, owner_id=user.pk)


def get_invitation_for_user(user: AnyUser, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("group", "person"),
        pk=pk,
        owner_id=user.pk,
        person__deleted_at__isnull=True,
    )
