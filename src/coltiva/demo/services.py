"""The demo network as a use case: fill an empty book, and say where the planted pairs are.

Used by ``coltiva demo`` (and so ``make demo``) and by the benchmark harness.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

from coltiva.accounts.models import User
from coltiva.demo.plan import SIZES, BookPlan, plan_book
from coltiva.demo.writer import BookWriter, Written
from coltiva.people.models import Person


class BookNotEmpty(Exception):
    """The demo only ever fills an empty book: it never mixes with someone's real people."""


@dataclass(frozen=True)
class DemoSummary:
    email: str
    size: str
    seed: int
    written: Written
    planted_pairs: int
    pairs_path: Path
    seconds: float


def planted_pairs_path(user: User) -> Path:
    return Path(settings.DATA_DIR) / "demo" / f"planted-pairs-user-{user.pk}.json"


def generate(
    user: User,
    *,
    size: str = "small",
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill ``user``'s empty book with a demo network of ``size``; reproducible by ``seed``."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}: choose one of {', '.join(SIZES)}")
    existing = Person.objects.filter(owner=user).count()
    if existing:
        raise BookNotEmpty(f"{user.email} already has a book of {existing} people")
    start = time.perf_counter()
    today = today or user.local_today()
    plan = plan_book(SIZES[size], seed)
    writer = BookWriter(user, plan, today, progress or (lambda _message: None))
    with transaction.atomic():
        written = writer.write()
    _analyze()
    path = _write_planted_pairs(user, plan, writer.ids, size, today)
    _forget_cached_matches(user)
    return DemoSummary(
        user.email,
        size,
        seed,
        written,
        len(plan.planted_pairs()),
        path,
        time.perf_counter() - start,
    )


def _analyze() -> None:
    """Planner statistics (and, outside a transaction, the visibility map) for the rows
    just written in bulk, as PostgreSQL's autovacuum would leave them minutes later.
    Without statistics it planned Today's query for a handful of due relationships and
    sorted eleven thousand (42 ms instead of under one); without the visibility map no
    count can be answered from an index alone."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def _write_planted_pairs(
    user: User, plan: BookPlan, ids: list[int], size: str, today: date
) -> Path:
    """The complementary pairs the generator planted, for measuring match quality only:
    the matcher never reads this file."""
    path = planted_pairs_path(user)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "user": user.email,
        "size": size,
        "seed": plan.seed,
        "generated_on": today.isoformat(),
        "about": (
            "Referral power teams: people of complementary trades who serve one niche and "
            "look for each other. Every pair inside a team is a planted complementary pair."
        ),
        "teams": [
            {"niche": team.niche, "people": [ids[i] for i in team.members]} for team in plan.teams
        ],
        "pairs": [sorted((ids[a], ids[b])) for a, b in plan.planted_pairs()],
    }
    path.write_text(json.dumps(document, indent=1) + "\n")
    return path


def load_planted_pairs(path: Path) -> set[frozenset[int]]:
    document = json.loads(path.read_text())
    return {frozenset(pair) for pair in document["pairs"]}


def _forget_cached_matches(user: User) -> None:
    """A matcher index cached for this user describes the empty book it was."""
    if apps.is_installed("coltiva.network"):
        from coltiva.network import book

        book.forget(user.pk)


def demo_account(email: str, *, create: bool, password: str = "") -> tuple[User, str]:
    """The account to fill; with ``create``, made when missing. Returns the user and the
    password chosen for a new account ("" when the account already existed)."""
    user = User.objects.filter(email=email.strip().lower()).first()
    if user is not None:
        return user, ""
    if not create:
        raise LookupError(f"no account {email}; add --create to make it")
    password = password or secrets.token_urlsafe(12)
    user = User.objects.create_user(email, password, name="Demo")
    return user, password
