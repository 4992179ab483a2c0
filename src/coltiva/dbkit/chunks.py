"""Long writes in short transactions, so one user's import never blocks another's click.

SQLite has one writer at a time: a transaction of a minute makes every other write wait
(or fail) for a minute. ``write_in_chunks`` prepares each chunk outside any transaction
(parsing, planning: the slow part), then writes it in a transaction of its own sized to
hold the writer for at most about ``BUDGET_S``, and pauses between chunks so a waiting
writer gets its turn. The chunk size adapts to the time the last chunk took.

Atomicity is the caller's: rows written this way must stay invisible until the whole job
is published (for people, ``Person.staged_by``; see docs/architecture.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")
P = TypeVar("P")

BUDGET_S = 0.25
# Aim below the budget: a chunk's time varies with what its rows hold.
_AIM = 0.5
# SQLite's busy handler polls a waiting writer every 50 to 100 ms once it has waited a
# while; a pause of this length lets it in between two chunks.
PAUSE_S = 0.06


@dataclass
class ChunkStats:
    chunks: int = 0
    rows: int = 0
    longest_s: float = 0.0


def next_size(size: int, elapsed: float, budget: float, largest: int) -> int:
    """The next chunk's size: scaled towards the aim, never more than doubled or halved."""
    if elapsed <= 0:
        return min(size * 2, largest)
    scaled = int(size * budget * _AIM / elapsed)
    return max(1, min(largest, size * 2, max(scaled, size // 2)))


def write_in_chunks(
    items: Iterable[T],
    prepare: Callable[[list[T]], P],
    write: Callable[[P], None],
    *,
    first: int = 100,
    largest: int = 5000,
    budget: float = BUDGET_S,
    pause: float = PAUSE_S,
    after: Callable[[int], None] | None = None,
) -> ChunkStats:
    """Prepare and write ``items`` a chunk at a time, each write in its own transaction.
    ``after(rows_done)`` is called after each chunk is committed (progress)."""
    stats: ChunkStats = ChunkStats()
    size, iterator = first, iter(items)
    while chunk := list(islice(iterator, size)):
        prepared = prepare(chunk)
        started = time.monotonic()
        with transaction.atomic():
            write(prepared)
        elapsed = time.monotonic() - started
        stats.chunks, stats.rows = stats.chunks + 1, stats.rows + len(chunk)
        stats.longest_s = max(stats.longest_s, elapsed)
        size = next_size(size, elapsed, budget, largest)
        if after is not None:
            after(stats.rows)
        yield_writer(pause)
    return stats


def yield_writer(pause: float = PAUSE_S) -> None:
    """Let other writers in between two chunks (nothing to wait for inside an outer
    transaction, a dry run's: nobody else can write then anyway)."""
    if pause > 0 and not transaction.get_connection().in_atomic_block:
        time.sleep(pause)
