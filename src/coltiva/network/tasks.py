"""The introductions tasks: rebuild a book's index and name the match in next steps.

Enqueued when a large book changed (pages keep serving the previous index meanwhile)
and when a touch leaves a credibility-stage next step without its match. The services
never import this module: they send ``hooks.refresh_wanted``, connected here.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver
from django_tasks import task

from coltiva.accounts.models import User
from coltiva.network import hooks
from coltiva.network.book import book_for
from coltiva.network.matches import attach_matches

# One queued refresh per book at a time; later changes wait for the next one.
QUEUE_SECONDS = 120


@task()
def refresh_introductions(user_id: int) -> int:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    cache.delete(_queued_key(user_id))
    book_for(user, fresh=True)
    return attach_matches(user, inline=True)


def _queued_key(user_id: int) -> str:
    return f"coltiva:network:queued:{user_id}"


def schedule_refresh(user: User) -> None:
    if cache.add(_queued_key(user.pk), 1, QUEUE_SECONDS):
        user_id = user.pk
        transaction.on_commit(lambda: refresh_introductions.enqueue(user_id))


@receiver(hooks.refresh_wanted, dispatch_uid="network_schedule_refresh")
def _refresh_wanted(sender: Any, user: User, **kwargs: Any) -> None:
    schedule_refresh(user)


@task()
def attach_match(user_id: int, person_id: int) -> int:
    user = User.objects.filter(pk=user_id).first()
    return 0 if user is None else attach_matches(user, [person_id], inline=True)


def schedule_match(user_id: int, person_id: int) -> None:
    transaction.on_commit(lambda: attach_match.enqueue(user_id, person_id))
