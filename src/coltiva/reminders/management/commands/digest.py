from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coltiva.accounts.lookup import user_by_email
from coltiva.reminders.digest import send_due_digests


class Command(BaseCommand):
    help = "Send the weekly digest to users whose digest day it is (run daily from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="only this user (e-mail)")
        parser.add_argument(
            "--force", action="store_true", help="send now, whatever the day (for a test)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        users = [user_by_email(options["user"])] if options["user"] else None
        sent = send_due_digests(users, force=options["force"])
        self.stdout.write(f"Sent {sent.users} digests; {sent.skipped} users not due today.")
