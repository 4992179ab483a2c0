from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coltiva.accounts import audit
from coltiva.accounts.lookup import user_by_email
from coltiva.accounts.models import User
from coltiva.dbfiles import checkpoint
from coltiva.people import refresh, services


class Command(BaseCommand):
    help = "Refresh every book's stored assessments for decay (run daily from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="refresh one book only (e-mail)")

    def handle(self, *args: Any, **options: Any) -> None:
        users = [user_by_email(options["user"])] if options["user"] else User.objects.all()
        started = time.monotonic()
        books = people = 0
        for user in users:
            people += services.refresh_book(user)
            books += 1
        purged = services.purge_trash()
        # The feature apps' daily housekeeping (imports: jobs a killed worker left running).
        answers: list[object] = [n for _receiver, n in refresh.upkeep.send(sender=None)]
        closed = sum(n for n in answers if isinstance(n, int))
        audit.prune()  # security events are kept 90 days
        checkpoint()
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Refreshed {people} relationships in {books} books in {elapsed:.1f} s; "
            f"purged {purged} rows from the trash; closed {closed} stopped jobs."
        )
