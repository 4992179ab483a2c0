from __future__ import annotations

from django.shortcuts import get_object_or_404

from coltiva.agenda.models import Plan
from coltiva.people.access import AnyUser


def get_plan_for_user(user: AnyUser, pk: int) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("person"),
        pk=pk,
        owner_id=user.pk,
        person__deleted_at__isnull=True,
    )
