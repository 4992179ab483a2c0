from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coltiva.accounts.lookup import user_by_email
from coltiva.reminders.digest import send_due_digests


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class Command(BaseCommand):
    help = "Send the weekly digest to users whose digest day it is (run daily from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="only this user (e-mail)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="send now, whatever the weekday (never to a user who has not opted in)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        users = [user_by_email(options["user"])] if options["user"] else None
        sent = send_due_digests(users, force=options["force"])
        for email in sent.not_opted_in:
            self.stdout.write(
                f"{email} has not turned on the weekly digest (Profile): nothing sent."
            )
        self.stdout.write(
            f"Sent {_count(sent.users, 'digest', 'digests')}; "
            f"{_count(sent.skipped, 'user', 'users')} not due today."
        )
