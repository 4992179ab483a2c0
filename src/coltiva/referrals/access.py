from __future__ import annotations

from django.shortcuts import get_object_or_404

from coltiva.people.access import AnyUser
from coltiva.referrals.models import Introduction, Referral


def get_referral_for_user(user: AnyUser, pk: int) -> Referral:
    return get_object_or_404(
        Referral.objects.select_related("person", "prospect"),
        pk=pk,
        owner_id=user.pk,
        person__deleted_at__isnull=True,
    )


def get_introduction_for_user(user: AnyUser, pk: int) -> Introduction:
    return get_object_or_404(
        Introduction.objects.select_related("person_a", "person_b"), pk=pk, owner_id=user.pk
    )
