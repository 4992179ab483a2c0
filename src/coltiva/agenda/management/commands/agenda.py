from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from coltiva.accounts.lookup import user_by_email
from coltiva.agenda.services import agenda_for


class Command(BaseCommand):
    help = "Print a user's Today: the same actions as the page, in the same order."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the book's owner (e-mail)")
        parser.add_argument("--on", help="the day (default: today in the user's time zone)")
        parser.add_argument("--json", action="store_true", help="print a JSON list")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_email(options["user"])
        day = None
        if options["on"]:
            try:
                day = date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"--on: {options['on']!r} is not a date (YYYY-MM-DD)") from None
        with translation.override(user.language or "en"):
            try:
                result = agenda_for(user, day)
            except OverflowError:
                # The agenda looks days ahead of the day asked for: past the calendar's end.
                raise CommandError(
                    f"--on: {options['on']} is out of range: choose a day before the end "
                    "of year 9999"
                ) from None
            if options["json"]:
                self.stdout.write(
                    json.dumps([i.as_json() for i in result.items], indent=2, ensure_ascii=False)
                )
                return
            if not result.items:
                self.stdout.write(f"{result.day.isoformat()}: nothing is due.")
                return
            self.stdout.write(f"Today, {result.day.isoformat()}:")
            for number, item in enumerate(result.items, 1):
                self.stdout.write(f"{number:>2}. [{item.code}] {item.person}: {item.action}")
                self.stdout.write(f"    {item.reason}")
