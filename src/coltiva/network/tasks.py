"""The introductions task: rebuild a book's index and name the match in next steps.

Enqueued when a large book changed (pages keep serving the previous index meanwhile)
and when a touch leaves a credibility-stage next step without its match.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from coltiva.accounts.models import User

# One queued refresh per book at a time; later changes wait for the next one.
QUEUE_SECONDS = 120


@task()
def refresh_introductions(user_id: int) -> int:
    from coltiva.network.book import book_for
    from coltiva.network.matches import attach_matches

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


@task()
def attach_match(user_id: int, person_id: int) -> int:
    from coltiva.network.matches import attach_matches

    user = User.objects.filter(pk=user_id).first()
    return 0 if user is None else attach_matches(user, [person_id], inline=True)


def schedule_match(user_id: int, person_id: int) -> None:
    transaction.on_commit(lambda: attach_match.enqueue(user_id, person_id))
