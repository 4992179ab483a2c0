"""Keeping the database's files small (SQLite only; PostgreSQL looks after its own)."""

from __future__ import annotations

from django.db import connection


def checkpoint() -> None:
    """Fold SQLite's write-ahead log into the database and empty it: after a day's
    writes (or a big import) the log is otherwise left at its largest while the server
    keeps its connections open."""
    # Inside a transaction (a caller's, or a test's) SQLite refuses: nothing to fold yet.
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
