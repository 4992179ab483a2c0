"""A database too busy to take a write: recognised on SQLite ("database is locked") and
PostgreSQL (a lock or statement timeout), retried briefly, and otherwise reported to the
user in words by the web's middleware (``coltiva.web.busy``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, transaction

T = TypeVar("T")

# PostgreSQL's SQLSTATEs for "could not get the lock in time" and a cancelled statement.
_PG_BUSY_STATES = frozenset({"55P03", "57014", "40P01"})
_SQLITE_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")
# A few short tries: long enough to outlast one chunk of a long write (at most about
# 0.25 s), short enough that a person never waits for nothing.
RETRY_PAUSES = (0.05, 0.15, 0.4)


def is_busy(error: BaseException) -> bool:
    """Whether ``error`` says the database could not take the write in time."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if state in _PG_BUSY_STATES:
        return True
    text = str(error).lower()
    return any(words in text for words in _SQLITE_BUSY_WORDS)


def retry_busy(write: Callable[[], T], pauses: tuple[float, ...] = RETRY_PAUSES) -> T:
    """Run ``write`` in a transaction, again after a short pause while the database is
    busy; the last busy error is raised. Only for a write that can safely run again (its
    transaction rolled back, it changed nothing in memory)."""
    for pause in pauses:
        try:
            with transaction.atomic():
                return write()
        except OperationalError as error:
            if not is_busy(error) or transaction.get_connection().in_atomic_block:
                raise
        time.sleep(pause)
    with transaction.atomic():
        return write()
