"""Keeping a book current without cron, without holding anyone's request for long.

A user's first request of their new day brings the stored assessments up to the day
(decay), but only as many as fit in a small budget (``REFRESH_INLINE_ROWS`` people or
``REFRESH_INLINE_MS``, whichever ends first). A larger book hands the rest to a background
task, and its pages say the numbers are being brought up to date until the task is done.
Each batch is its own short transaction, so a task cut off half-way leaves a book a later
refresh finishes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import caches
from django.dispatch import Signal

from coltiva.accounts.models import User
from coltiva.people.models import Relationship
from coltiva.people.services import finish_refresh, refresh_batch, vcp_params

# People assessed per transaction: well inside the ~0.25 s a write may hold SQLite's writer.
BATCH = 200
# How long a hand-off stands before a request tries again (a worker that never ran it).
HAND_OFF_SECONDS = 600
# Sent by ``coltiva refresh``: the feature apps do their daily housekeeping on it.
upkeep = Signal()
Later = Callable[[int], object]


@dataclass(frozen=True)
class Budget:
    rows: int
    seconds: float


def inline_budget() -> Budget:
    return Budget(rows=settings.REFRESH_INLINE_ROWS, seconds=settings.REFRESH_INLINE_MS / 1000)


def ensure_fresh(user: User, later: Later) -> bool:
    """Refresh what the budget allows of a book not yet assessed as of the user's today;
    ``later(user_id)`` is called once to queue the rest. True while the rest waits."""
    today = user.local_today()
    if user.book_assessed_on is not None and user.book_assessed_on >= today:
        return False
    if _handed_off(user.pk) == _mark(user, today):
        return True
    if refresh_stale(user, today, inline_budget()):
        return False
    caches["shared"].set(_key(user.pk), _mark(user, today), HAND_OFF_SECONDS)
    later(user.pk)
    return True


def catch_up(user: User) -> None:
    """The background task's body: the rest of the book, to the user's today."""
    refresh_stale(user, user.local_today())
    caches["shared"].delete(_key(user.pk))


def refresh_stale(user: User, today: date, budget: Budget | None = None) -> bool:
    """Assess, batch by batch, the people not yet assessed as of ``today``, until done (True)
    or the budget is spent (False)."""
    started, done, after = time.monotonic(), 0, 0
    params = vcp_params()
    while True:
        limit = BATCH if budget is None else min(BATCH, budget.rows - done)
        if limit <= 0:
            return False
        ids = _behind(user, today, after, limit)
        if ids:
            refresh_batch(user, ids, today, params)
            done, after = done + len(ids), ids[-1]
        if len(ids) < limit:
            finish_refresh(user, today)
            return True
        if budget is not None and time.monotonic() - started >= budget.seconds:
            return False


def _behind(user: User, today: date, after: int, limit: int) -> list[int]:
    rels = Relationship.objects.filter(
        owner=user, person__deleted_at__isnull=True, person_id__gt=after
    ).exclude(assessed_on=today)
    return list(rels.order_by("person_id").values_list("person_id", flat=True)[:limit])


def _key(user_id: int) -> str:
    return f"book-catching-up-{user_id}"


def _mark(user: User, today: date) -> str:
    # The account's first day too: a new account given a deleted one's number starts clean.
    return f"{today.isoformat()} {user.date_joined.isoformat()}"


def _handed_off(user_id: int) -> str | None:
    value = caches["shared"].get(_key(user_id))
    return value if isinstance(value, str) else None
