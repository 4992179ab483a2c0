"""One access helper per resource: another user's import or pair is a 404, as if it did
not exist."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from coltiva.imports.models import DuplicatePair, ImportJob, PersonMerge
from coltiva.people.access import AnyUser


def get_job_for_user(user: AnyUser, pk: int) -> ImportJob:
    return get_object_or_404(ImportJob, pk=pk, owner_id=user.pk)


def get_pair_for_user(user: AnyUser, pk: int) -> DuplicatePair:
    return get_object_or_404(
        DuplicatePair.objects.select_related("person_a", "person_b"),
        pk=pk,
        owner_id=user.pk,
        person_a__deleted_at__isnull=True,
        person_b__deleted_at__isnull=True,
    )


def get_merge_for_user(user: AnyUser, pk: int) -> PersonMerge:
    return get_object_or_404(
        PersonMerge.objects.select_related("survivor"), pk=pk, owner_id=user.pk
    )
