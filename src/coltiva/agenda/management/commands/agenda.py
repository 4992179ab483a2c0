from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from coltiva.accounts.lookup import user_by_email
from coltiva.accounts.models import User
from coltiva.agenda.presenters import shown
from coltiva.agenda.services import AgendaItem, agenda_for, all_due


class Command(BaseCommand):
    help = "Print a user's Today: the same actions as the page, in the same order."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the book's owner (e-mail)")
        parser.add_argument("--on", help="the day (default: today in the user's time zone)")
        parser.add_argument("--json", action="store_true", help="print a JSON list")
        parser.add_argument(
            "--all",
            action="store_true",
            help="every item due, in the agenda's order, not only the day's selection",
        )

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
                self._answer(user, day, options)
            except OverflowError:
                # The agenda looks days ahead of the day asked for: past the calendar's end.
                raise CommandError(
                    f"--on: {options['on']} is out of range: choose a day before the end "
                    "of year 9999"
                ) from None

    def _answer(self, user: User, day: date | None, options: dict[str, Any]) -> None:
        if options["all"]:
            due = all_due(user, day)
            self._print(user, due.day, due.items, json_=options["json"], heading="Due on")
            return
        result = agenda_for(user, day)
        self._print(user, result.day, result.items, json_=options["json"], heading="Today,")
        if result.more and not options["json"]:
            counts = ", ".join(f"{n} {code}" for code, n in result.more.items())
            self.stdout.write(f"{result.more_total} more ({counts}): coltiva agenda --all")

    def _print(
        self, user: User, day: date, found: list[AgendaItem], *, json_: bool, heading: str
    ) -> None:
        items = shown(found, user.time_zone)
        if json_:
            self.stdout.write(
                json.dumps([i.as_json() for i in items], indent=2, ensure_ascii=False)
            )
            return
        if not items:
            self.stdout.write(f"{day.isoformat()}: nothing is due.")
            return
        self.stdout.write(f"{heading} {day.isoformat()}:")
        for number, item in enumerate(items, 1):
            self.stdout.write(f"{number:>2}. [{item.code}] {item.person}: {item.action}")
            self.stdout.write(f"    {item.reason}")
            if item.promise:
                self.stdout.write(f"    {item.promise}")
